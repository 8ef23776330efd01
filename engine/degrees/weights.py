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
from engine.errors import MissingShippedFile

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


def read_weights_file(path: Path = WEIGHTS_FILE) -> dict:
    """The shipped weights file; MissingShippedFile when it is not installed (never a silent
    fallback: equal weights would quietly score degrees worse)."""
    if not path.is_file():
        raise MissingShippedFile(path)
    return json.loads(path.read_text(encoding="utf-8"))


def shipped_weights(path: Path = WEIGHTS_FILE) -> np.ndarray:
    """Weights aligned with FEATURES (a feature the file does not name weighs 0)."""
    named = read_weights_file(path).get("weights", {})
    return np.array([float(named.get(name, 0.0)) for name in FEATURES])


def fitted_attributes(path: Path = WEIGHTS_FILE) -> frozenset[str]:
    """The attributes whose judgments the shipped weights were fitted on."""
    return frozenset(read_weights_file(path).get("fitted_on", {}).get("attributes", []))
