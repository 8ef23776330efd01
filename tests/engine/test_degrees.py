"""DegreeModel: grounding phrases to tags or mixes, scores and calibrated degrees."""

from __future__ import annotations

import numpy as np

from engine.degrees.model import DegreeModel, Grounding, rank_percentiles

TAGS = ("action", "romance", "comedy")


def _fake_encode(texts: list[str]) -> np.ndarray:
    """Deterministic stand-in for MiniLM: a few phrases placed near the tag names."""
    table = {
        "action": [1, 0, 0, 0], "romance": [0, 1, 0, 0], "comedy": [0, 0, 1, 0],
        "funny": [0.15, 0, 0.99, 0], "fights and love": [0.7, 0.7, 0, 0.1],
        "pizza": [0, 0, 0, 1],
    }
    out = np.array([table.get(t, [0, 0, 0, 1]) for t in texts], dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def _model() -> DegreeModel:
    items = np.array([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], dtype=np.float32)
    tag_vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.3, 0.3]], dtype=np.float32)
    return DegreeModel(items, tag_vectors, TAGS, encode=_fake_encode)


def test_a_tag_name_grounds_to_that_tag():
    g = _model().ground("  Action! ")
    assert g == Grounding("action", "action", ("action",), (1.0,), True)


def test_a_close_word_grounds_to_its_tag_and_a_vague_phrase_to_a_mix():
    model = _model()
    assert model.ground("funny").tags == ("comedy",)
    mixed = model.ground("fights and love")
    assert set(mixed.tags) == {"action", "romance"} and not mixed.is_tag
    assert abs(sum(mixed.weights) - 1.0) < 1e-6
    assert mixed.label == " + ".join(mixed.tags)


def test_a_phrase_far_from_every_tag_is_not_an_attribute():
    assert _model().ground("pizza") is None
    assert _model().ground("   ") is None


def test_scores_follow_the_direction_and_degrees_are_rank_percentiles():
    model = _model()
    g = model.ground("action")
    assert np.argsort(model.raw_scores(g)).tolist() == [0, 1, 2]
    assert model.degrees(g).tolist() == [0.0, 0.5, 1.0]
    assert rank_percentiles(np.array([3.0, 1.0, 3.0])).tolist() == [0.75, 0.0, 0.75]


def test_rank_percentiles_average_ties_like_scipy():
    from scipy.stats import rankdata

    scores = np.random.default_rng(0).integers(0, 40, size=500).astype(float)
    expected = (rankdata(scores, method="average") - 1) / (len(scores) - 1)
    np.testing.assert_allclose(rank_percentiles(scores), expected, rtol=1e-6)


def test_rank_percentiles_work_while_another_thread_is_importing_torch():
    # A server thread ranks degrees while the encoder warm-up is still importing torch: the
    # half-imported module (no Tensor yet) sits in sys.modules, and importing scipy.stats then
    # failed. A fresh interpreter, so that nothing has imported scipy.stats before.
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, types; sys.modules['torch'] = types.ModuleType('torch'); "
            "import numpy as np; from engine.degrees.phrases import rank_percentiles; "
            "print(rank_percentiles(np.array([2.0, 1.0, 2.0])).tolist())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[0.75, 0.0, 0.75]"


def test_the_retriever_reaches_its_degree_model(tiny_retriever):
    model = tiny_retriever.degree_model
    assert model is tiny_retriever.degree_model
    g = model.ground(tiny_retriever.tags[0])
    assert g.is_tag and model.raw_scores(g).shape == (tiny_retriever.n_items,)
