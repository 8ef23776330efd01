"""Two builds of one release read the same degree inputs, whatever each process's string hashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_the_user_language_does_not_depend_on_string_hashing(tiny_dataset):
    code = ("import json, sys; from engine.data import load_dataset; "
            "from engine.degrees.features import item_texts; "
            "texts, language = item_texts(load_dataset(sys.argv[1])); "
            "print(json.dumps([list(language), texts]))")
    source = str(tiny_dataset.meta["source"])
    outputs = {json.dumps(json.loads(subprocess.run(
        [sys.executable, "-c", code, source], capture_output=True, text=True, check=True, timeout=300,
        env=dict(os.environ, PYTHONHASHSEED=seed)).stdout)) for seed in ("1", "2", "3")}
    assert len(outputs) == 1
