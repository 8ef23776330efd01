"""The degree model's encoder remembers a text encoded alone (a tag's name is needed twice in its
first reading) and nothing else; what it hands out is a copy."""

from __future__ import annotations

import numpy as np

from engine.degrees.phrases import remembering_lone_texts


class CountingEncoder:
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), i] for i, t in enumerate(texts)], dtype=np.float32)


def test_a_text_encoded_alone_is_encoded_once():
    encoder = CountingEncoder()
    encode = remembering_lone_texts(encoder)
    first, second = encode(["adventure"]), encode(["adventure"])
    assert encoder.calls == [["adventure"]]
    np.testing.assert_array_equal(first, second)


def test_batches_are_always_encoded():
    encoder = CountingEncoder()
    encode = remembering_lone_texts(encoder)
    encode(["dark", "comedy"])
    encode(["dark", "comedy"])
    assert encoder.calls == [["dark", "comedy"], ["dark", "comedy"]]


def test_changing_a_returned_vector_leaves_the_remembered_one():
    encode = remembering_lone_texts(CountingEncoder())
    vector = encode(["gore"])
    vector[:] = -1
    np.testing.assert_array_equal(encode(["gore"]), [[4.0, 0.0]])


def test_no_encoder_stays_no_encoder():
    assert remembering_lone_texts(None) is None
