"""A built wheel carries every file the code loads, and answers as the editable install does.

The wheel is built from the checkout (`pip wheel . --no-deps`), installed into a fresh virtual
environment whose third-party packages come from this one (a .pth line, so no download and no
second copy of torch), and asked for a degree-dependent answer from outside the checkout: the
degrees the shipped weights and anchors give one tag on the tiny model. A wheel without its JSON
files fails loudly there (MissingShippedFile), never with quietly worse degrees.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]

# Every non-Python file a module opens at run time (Path(__file__).with_name / WEB_DIR).
SHIPPED = ("engine/degrees/weights.json", "engine/degrees/anchors.json",
           "bot/serve/web/index.html", "bot/serve/web/app.js", "bot/serve/web/style.css",
           "bot/nlu/given_names.txt",
           *(str(p.relative_to(REPO)) for p in sorted((REPO / "engine/training/demo_build").iterdir())))

ANSWER = """
import json, sys
import engine
from engine.models.checkpoint import load_retriever
from engine.degrees.load import load_degree_model
retriever = load_retriever(sys.argv[1])
model = load_degree_model(retriever)
g = model.ground(retriever.tags[0])
print(json.dumps({"engine": engine.__file__, "degrees": [float(x) for x in model.degrees(g)]}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps",
                            "--no-build-isolation", "-q", "-w", str(out)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = out.glob("cgir_bot-*.whl")
    return path


def test_the_wheel_carries_every_file_the_code_loads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in SHIPPED if f not in names]
    assert not missing, f"the wheel lacks {missing}"
    # ...and the list above is complete: every data file beside the packages is in it.
    beside = {str(p.relative_to(REPO)) for package in ("engine", "bot", "actions")
              for p in (REPO / package).rglob("*") if p.is_file()
              and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert beside <= names, f"data files not in the wheel: {sorted(beside - names)}"


@pytest.mark.slow
def test_a_wheel_install_answers_as_the_editable_install(wheel, tiny_model_dir, tiny_retriever, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    (target,) = (venv / "lib").glob("python*/site-packages")
    # Third-party packages from this environment; its .pth files (the editable finder) are not
    # read for a directory added this way, so `engine` can only come from the wheel.
    (target / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q",
                                "--target", str(target), str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]
    ran = subprocess.run([str(venv / "bin" / "python"), "-c", ANSWER, str(tiny_model_dir)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr[-3000:]
    answer = json.loads(ran.stdout.strip().splitlines()[-1])
    assert Path(answer["engine"]).is_relative_to(target), answer["engine"]

    from engine.degrees.load import load_degree_model

    model = load_degree_model(tiny_retriever)
    expected = model.degrees(model.ground(tiny_retriever.tags[0]))
    np.testing.assert_allclose(answer["degrees"], expected, rtol=1e-6)


def test_a_missing_shipped_file_is_a_clear_error(tmp_path):
    from engine.degrees.anchors import read_anchors
    from engine.degrees.weights import shipped_weights
    from engine.errors import MissingShippedFile

    with pytest.raises(MissingShippedFile, match="weights.json is missing from this installation"):
        shipped_weights(tmp_path / "weights.json")
    with pytest.raises(MissingShippedFile, match="anchors.json is missing"):
        read_anchors(tmp_path / "anchors.json")
