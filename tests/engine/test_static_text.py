"""The static encoder distilled from a sentence encoder (here the hashed stand-in, for speed)."""

from __future__ import annotations

import numpy as np
import pytest
from fast_parser import hashed_ngram_encoder

from engine.text.static import StaticEncoder, StaticTable, load_or_build


class CountingEncoder:
    def __init__(self):
        self.texts: list[str] = []

    def __call__(self, texts):
        self.texts += list(texts)
        return hashed_ngram_encoder(texts)


def test_a_table_phrase_gets_the_encoders_own_vector():
    table = StaticTable.build(["space opera", "Car Chases"], hashed_ngram_encoder)
    encoder = StaticEncoder(table, fallback=CountingEncoder())
    got = encoder(["space opera", "car  chases"])
    np.testing.assert_array_equal(got, hashed_ngram_encoder(["space opera", "car chases"]))
    assert encoder.fallback_calls == 0


def test_a_new_phrase_of_known_words_is_the_normalised_mean_of_their_vectors():
    table = StaticTable.build(["space opera", "battles"], hashed_ngram_encoder)
    fallback = CountingEncoder()
    got = StaticEncoder(table, fallback=fallback)(["space battles"])[0]
    words = hashed_ngram_encoder(["space", "battles"])
    expected = words.mean(axis=0) / np.linalg.norm(words.mean(axis=0))
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    assert fallback.texts == []


def test_only_phrases_with_an_unknown_word_go_to_the_real_encoder():
    table = StaticTable.build(["space opera"], hashed_ngram_encoder)
    fallback = CountingEncoder()
    encoder = StaticEncoder(table, fallback=fallback)
    got = encoder(["space", "space xenomorphs", "opera"])
    assert fallback.texts == ["space xenomorphs"] and encoder.fallback_calls == 1
    np.testing.assert_array_equal(got[1], hashed_ngram_encoder(["space xenomorphs"])[0])
    assert encoder.covers("opera space") and not encoder.covers("xenomorphs")


def test_load_or_build_embeds_once_then_reads_the_file(tmp_path):
    first = CountingEncoder()
    built = load_or_build(["gory", "space opera"], tmp_path, first)
    assert sorted(first.texts) == ["gory", "opera", "space", "space opera"]
    second = CountingEncoder()
    loaded = load_or_build(["gory", "space opera"], tmp_path, second)
    assert second.texts == []
    np.testing.assert_array_equal(loaded.table.vectors, built.table.vectors)
    assert loaded.encoder_id == built.encoder_id
    other = load_or_build(["gory"], tmp_path, second)  # another vocabulary: another table
    assert other.encoder_id != built.encoder_id and second.texts == ["gory"]


def test_a_corrupt_table_file_is_rebuilt(tmp_path):
    load_or_build(["gory"], tmp_path, hashed_ngram_encoder)
    (file,) = tmp_path.glob("static-text-*.npz")
    file.write_bytes(b"not a table")
    assert StaticTable.load(file) is None
    again = CountingEncoder()
    load_or_build(["gory"], tmp_path, again)
    assert again.texts == ["gory"]


def test_vectors_must_match_keys():
    with pytest.raises(ValueError):
        StaticTable(["a", "b"], np.zeros((1, 384), np.float32))


class GatedEncoder(CountingEncoder):
    """Embeds only once `gate` is set, so a test controls when a background build may finish."""

    def __init__(self):
        super().__init__()
        import threading

        self.gate = threading.Event()

    def __call__(self, texts):
        assert self.gate.wait(30), "the test never opened the gate"
        return super().__call__(texts)


def test_a_background_build_returns_at_once_and_the_first_lookup_waits_for_it(tmp_path):
    encoder = GatedEncoder()
    static = load_or_build(["gory", "space opera"], tmp_path, encoder, background=True)
    assert static.building is not None and static.building.is_alive()
    assert not list(tmp_path.glob("static-text-*.npz"))  # nothing embedded yet
    encoder.gate.set()
    np.testing.assert_array_equal(static(["gory"]), hashed_ngram_encoder(["gory"]))
    static.building.join(30)
    assert len(list(tmp_path.glob("static-text-*.npz"))) == 1  # saved for the next start
    assert load_or_build(["gory", "space opera"], tmp_path, CountingEncoder()).building is None


def test_a_background_build_that_fails_raises_on_first_use(tmp_path):
    def broken(texts):
        raise RuntimeError("no encoder here")

    static = load_or_build(["gory"], tmp_path, broken, background=True)
    static.building.join(30)
    with pytest.raises(RuntimeError, match="no encoder here"):
        static(["gory"])
