"""A first run embeds ahead in a second process (bot.warm_start); what it leaves on disk must be
exactly what the first process would have computed itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from fast_parser import hashed_ngram_encoder

from engine.text.static import load_or_build, remembered_encoder


class Counting:
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return hashed_ngram_encoder(texts)


def test_a_batch_embedded_ahead_is_read_back_bit_identical(tmp_path):
    ahead, later = Counting(), Counting()
    texts = ["Heat (1995). Genres: crime", "Alien (1979). Tags: space, dark"]
    first = remembered_encoder(tmp_path, ahead)(texts)
    again = remembered_encoder(tmp_path, later)(texts)  # another process, the same folder
    assert later.calls == [] and len(ahead.calls) == 1
    np.testing.assert_array_equal(again, hashed_ngram_encoder(texts))
    np.testing.assert_array_equal(first, again)
    remembered_encoder(tmp_path, later)(texts[:1])  # another batch is embedded, not confused
    assert later.calls == [texts[:1]]


def test_the_phrase_table_is_built_once_for_two_builders(tmp_path):
    first, second = Counting(), Counting()
    a = load_or_build(["space opera", "car chases"], tmp_path, encode=first)
    b = load_or_build(["space opera", "car chases"], tmp_path, encode=second)
    assert len(first.calls) == 1 and second.calls == []
    np.testing.assert_array_equal(a.table.vectors, b.table.vectors)


def test_item_texts_are_what_the_degree_artefact_embeds(tiny_dataset):
    from engine.degrees.features import item_signals, item_texts

    counting = Counting()
    _, language = item_signals(tiny_dataset, counting)
    texts, same_language = item_texts(tiny_dataset)
    assert counting.calls == [texts] and same_language == language


def test_the_user_language_does_not_depend_on_string_hashing(tiny_dataset):
    # Two processes (the first run's two) must read the same language in the same order.
    code = ("import json, sys; from engine.data import load_dataset; "
            "from engine.degrees.features import item_texts; "
            "texts, language = item_texts(load_dataset(sys.argv[1])); "
            "print(json.dumps([list(language), texts]))")
    source = str(tiny_dataset.meta["source"])
    outputs = {json.dumps(json.loads(subprocess.run(
        [sys.executable, "-c", code, source], capture_output=True, text=True, check=True,
        env=dict(os.environ, PYTHONHASHSEED=seed)).stdout)) for seed in ("1", "2", "3")}
    assert len(outputs) == 1
