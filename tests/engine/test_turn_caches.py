"""The caches that keep a turn cheap on a real catalog answer exactly what a fresh computation does."""

from __future__ import annotations

import numpy as np
from fast_parser import hashed_ngram_encoder

from engine.degrees.model import DegreeModel
from engine.degrees.phrases import MEMO_SIZE, per_phrase
from engine.retrieval.retriever import Retriever
from engine.text.static import StaticEncoder, StaticTable

TAGS = ("action", "romance", "comedy")


class Counting:
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return hashed_ngram_encoder(texts)


def _degree_model(encode) -> DegreeModel:
    rng = np.random.default_rng(0)
    return DegreeModel(rng.normal(size=(40, 8)).astype(np.float32),
                       rng.normal(size=(3, 8)).astype(np.float32), TAGS, encode=encode)


def test_a_phrase_is_read_once_and_the_reading_is_the_fresh_one():
    fresh = _degree_model(hashed_ngram_encoder)
    counting = Counting()
    model = _degree_model(counting)
    first = model.ground("Action packed!")
    used = len(counting.calls)
    assert used > 0
    assert model.ground("action packed") == first  # cleaned the same way: remembered
    assert model.users_wrote("action packed") == model.users_wrote("action packed")
    assert len(counting.calls) == used
    assert first == fresh.ground("Action packed!")
    np.testing.assert_array_equal(model.degrees(first), fresh.degrees(first))
    assert model.ground("   ") is None and model.ground("pizza pizza") == fresh.ground("pizza pizza")


def test_the_phrase_memo_forgets_the_least_recently_used_beyond_its_size():
    class Reader:
        def __init__(self):
            self.read = 0

        @per_phrase
        def ground(self, phrase: str) -> str:
            self.read += 1
            return phrase.upper()

    reader = Reader()
    reader.ground("first")
    for k in range(MEMO_SIZE):
        reader.ground(f"phrase {k}")
    assert reader.read == MEMO_SIZE + 1
    reader.ground("first")  # dropped: read again
    reader.ground(f"phrase {MEMO_SIZE - 1}")  # still there
    assert reader.read == MEMO_SIZE + 2


def test_the_real_encoder_is_asked_once_per_batch_and_answers_identically():
    fallback = Counting()
    encoder = StaticEncoder(StaticTable.build(["space opera"], hashed_ngram_encoder), fallback)
    first = encoder(["space xenomorphs", "opera"])
    first[0] += 1.0  # a caller writing into its answer must not change the remembered one
    again = encoder(["space xenomorphs", "opera"])
    assert fallback.calls == [["space xenomorphs"]] and encoder.fallback_calls == 1
    np.testing.assert_array_equal(again[0], hashed_ngram_encoder(["space xenomorphs"])[0])
    encoder(["space xenomorphs", "space dragons"])  # another batch: encoded as a whole
    assert fallback.calls[-1] == ["space xenomorphs", "space dragons"]


def test_tag_degrees_are_cached_and_forgotten_for_a_new_model():
    rng = np.random.default_rng(1)
    retriever = Retriever(rng.normal(size=(60, 8)), rng.normal(size=(5, 8)), np.arange(60),
                          [f"Film {k} (2000)" for k in range(60)], ("a", "b", "c", "d", "e"))
    retriever.use_degree_model(DegreeModel.from_retriever(retriever, encode=hashed_ngram_encoder))
    first = retriever.attribute_degrees(4)
    assert retriever.attribute_degrees(4) is first
    retriever.use_degree_model(DegreeModel.from_retriever(retriever, encode=hashed_ngram_encoder))
    assert retriever.attribute_degrees(4) is not first


def test_tag_memberships_of_a_few_rows_are_the_sparse_matrix_rows():
    import scipy.sparse as sp

    from engine.retrieval.membership import FEW_ROWS

    rng = np.random.default_rng(2)
    dense = ((rng.random((50, 7)) < 0.3) * rng.choice([1.0, 0.4], size=(50, 7))).astype(np.float32)
    dense[3] = 0.0  # an item without tags
    retriever = Retriever(rng.normal(size=(50, 4)), rng.normal(size=(7, 4)), np.arange(50),
                          [f"Film {k} (2001)" for k in range(50)], tuple("abcdefg"),
                          item_tags=sp.csr_matrix(dense))
    for rows in ([3], [0, 0, 49], [5, 3, 1], [k % 50 for k in range(FEW_ROWS + 1)], np.int32([7, 8])):
        got = retriever.tag_values(np.asarray(rows))
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got, dense[np.asarray(rows)])
    # Duplicate entries (not canonical) are summed, as scipy's own row indexing sums them.
    messy = sp.csr_matrix((np.float32([1.0, 1.0]), np.int32([2, 2]), np.int32([0, 2] + [2] * 49)), shape=(50, 7))
    retriever.item_tags = messy
    np.testing.assert_array_equal(retriever.tag_values(np.asarray([0, 1]))[0], [0, 0, 2, 0, 0, 0, 0])


def test_first_words_of_titles_find_what_a_scan_of_every_form_finds():
    from engine.retrieval.catalog import TitleResolver

    titles = ["Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)", "Crouching Tiger Returns (1990)",
              "Eternal Sunshine of the Spotless Mind (2004)", "Eternal Sunshine of Mars (1999)",
              "Star Wars: Episode IV - A New Hope (1977)", "Starship Troopers (1997)"]
    resolver = TitleResolver(titles, range(len(titles)), [50, 1, 40, 2, 90, 30])
    for prefix in ("crouching tiger ", "eternal sunshine ", "star ", "s", "zebra ", ""):
        scanned = sorted(r for k, rs in resolver._by_alias.items() if k.startswith(prefix) for r in rs)
        assert sorted(resolver._rows_starting(prefix)) == scanned
    assert resolver.resolve("Eternal Sunshine").title.startswith("Eternal Sunshine of the Spotless")
    assert resolver.resolve("Crouching Tiger").title.startswith("Crouching Tiger, Hidden")
