"""Fixtures of the dataset tests: tiny self-made releases in every layout (see data_fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from data_fixtures import write_layout, zip_folder


@pytest.fixture
def make_layout(tmp_path):
    """make_layout(layout, as_zip=False, encoding="utf-8") -> path of a tiny release."""

    def make(layout: str, as_zip: bool = False, encoding: str = "utf-8") -> Path:
        folder = write_layout(tmp_path / "src", layout, encoding=encoding)
        if as_zip:
            return zip_folder(folder, tmp_path / f"{layout}.zip")
        return folder

    return make
