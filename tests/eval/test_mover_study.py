"""The mover study (bench/answers_mover_study.py): the family vote and the offline selection."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from answers_mover_study import family_share, offline  # noqa: E402

from engine.degrees.score import FEATURES  # noqa: E402


def _signed(**moves: float) -> list[float]:
    return [moves.get(name, 0.0) for name in FEATURES]


def test_the_share_counts_families_not_features_and_takes_the_least_attribute():
    # text up; the tag family's mean up (two of three up, but the mean decides); neighbours down;
    # anchors down: 2 of 4 families move the asked way.
    first = _signed(text=1.0, tag_count=0.5, tag_fit=0.5, tag_centroid=-0.2, neighbours=-1.0, anchors=-0.3)
    second = _signed(text=1.0, tag_count=1.0, tag_fit=1.0, tag_centroid=1.0, neighbours=1.0, anchors=1.0)
    assert family_share({"features": [second]}) == 1.0
    assert family_share({"features": [first, second]}) == 0.5
    assert family_share({"features": [None]}) == 1.0  # an estimate has no features: it agrees


def _pair(rid: str, score: int, sim: float, margin: float, share: float = 1.0) -> dict:
    return {"id": rid, "score": score, "stored": True, "reads": True, "sim": sim, "kind": sim,
            "margin": margin, "moved": margin + 0.05, "share": share}


def test_offline_selection_fills_with_clear_movers_when_a_rule_admits_too_few():
    # 12 clear movers (score 1), the two closest split (score 0); a rule that drops split films
    # admits 10 and shows no 0; main shows the two closest, both 0.
    group = [_pair("r1", 0, 0.9 - k * 0.01, 0.1, share=0.25) for k in range(2)]
    group += [_pair("r1", 1, 0.5 - k * 0.01, 0.1) for k in range(10)]
    main = offline(group, lambda p: p["margin"] > 0)
    vote = offline(group, lambda p: p["margin"] > 0 and p["share"] >= 0.5)
    assert main == {"r1": 0.8} and vote == {"r1": 1.0}
    fewer = offline(group[:6], lambda p: p["margin"] > 0 and p["share"] >= 0.5)
    assert fewer == {"r1": 4 / 6}  # too few admitted: the split clear movers fill it
