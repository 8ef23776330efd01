"""The degree score's shipped feature weights (engine/degrees/weights.json).

They were fitted on the SoftAttributes development split (Balog, Radlinski, Karatzoglou,
SIGIR 2021; CC BY 4.0, Google LLC) by `bench/fit_degree_weights.py`; the file records the
attributes it saw, so that `cgir eval judgments` never scores those attributes with weights
that saw them (it cross-validates by attribute instead).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from engine.degrees.score import FEATURES

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


def read_weights_file(path: Path = WEIGHTS_FILE) -> dict:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def shipped_weights(path: Path = WEIGHTS_FILE) -> np.ndarray:
    """Weights aligned with FEATURES; equal weights when the file is absent."""
    data = read_weights_file(path)
    named = data.get("weights", {})
    if not named:
        return np.full(len(FEATURES), 1.0 / len(FEATURES))
    return np.array([float(named.get(name, 0.0)) for name in FEATURES])


def fitted_attributes(path: Path = WEIGHTS_FILE) -> frozenset[str]:
    """The attributes whose judgments the shipped weights were fitted on."""
    return frozenset(read_weights_file(path).get("fitted_on", {}).get("attributes", []))
