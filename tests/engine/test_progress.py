"""The training progress bar: a few plain lines when stderr is a pipe or a file, not redraws."""

from __future__ import annotations

import io

from engine.models.base import TextVectors
from engine.models.cgir import CGIR
from engine.models.progress import training_bar
from engine_planted import fake_word_vectors, planted_dataset, planted_triples, small_config


def test_piped_bar_reports_start_quarters_and_end():
    stream = io.StringIO()  # not a terminal
    bar = training_bar(40, "CGIR", enabled=True, stream=stream)
    for _ in range(40):
        bar.update(1)
        bar.set_postfix({"epoch": 1, "align": "0.5"}, refresh=False)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert [line.split(":")[1].split()[0] for line in lines] == ["start", "25%", "50%", "75%",
                                                                 "done"]
    assert all(line.startswith("train CGIR: ") for line in lines)
    assert "10/40" in lines[1] and "40/40" in lines[-1] and "epoch=1" in lines[-1]
    assert "\r" not in stream.getvalue()


def test_disabled_bar_writes_nothing():
    stream = io.StringIO()
    bar = training_bar(10, "CGIR", enabled=False, stream=stream)
    bar.update(10)
    bar.close()
    assert stream.getvalue() == ""


def test_training_on_a_pipe_writes_a_few_lines(capsys):
    dataset = planted_dataset(seed=0, n_users=200)
    config = small_config(epochs=3, steps_per_epoch=20)
    CGIR(config).fit(dataset, planted_triples(dataset), None,
                     text=TextVectors(words=fake_word_vectors(3)), progress=True)
    err = capsys.readouterr().err
    assert "\r" not in err
    assert 3 <= len(err.splitlines()) <= 6, err
