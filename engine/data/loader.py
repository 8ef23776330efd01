"""``load_dataset``: one entry point for folders, official zips, fetched names and the demo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.data.dataset import Dataset
from engine.data.layouts import read_release
from engine.data.preprocess import PreprocessConfig, preprocess
from engine.errors import DatasetError
from engine.paths import cgir_home

# Releases `cgir data fetch` knows, in the GroupLens naming.
KNOWN_RELEASES = ("ml-100k", "ml-1m", "ml-10m", "ml-20m", "ml-25m", "ml-32m", "ml-latest",
                  "ml-latest-small")


def datasets_dir() -> Path:
    """Where `cgir data fetch` puts archives: cgir_home()/datasets."""
    return cgir_home() / "datasets"


def resolve_source(source: str | Path) -> Path:
    """A folder or zip path for ``source``: a path, a fetched release name, or ``demo``."""
    text = str(source)
    if text == "demo":
        from engine.data.demo import ensure_default_demo

        return ensure_default_demo(cgir_home())
    path = Path(text).expanduser()
    if path.exists():
        return path
    if text in KNOWN_RELEASES or (not path.suffix and "/" not in text and "\\" not in text):
        for candidate in (datasets_dir() / f"{text}.zip", datasets_dir() / text):
            if candidate.exists():
                return candidate
        if text in KNOWN_RELEASES:
            raise DatasetError(f"{text} has not been downloaded yet; run `cgir data fetch {text}` "
                               f"(it goes to {datasets_dir()})")
        raise DatasetError(f"no dataset named {text!r}: give a folder or .zip path, `demo`, or "
                           f"one of {', '.join(KNOWN_RELEASES)} after `cgir data fetch NAME`")
    raise DatasetError(f"{path} does not exist; give a MovieLens folder or .zip, a fetched name "
                       f"(`cgir data fetch NAME`), or `demo`")


def load_dataset(source: str | Path, *, lenient: bool = False,
                 min_tag_support: int | None = None,
                 config: PreprocessConfig | None = None) -> Dataset:
    """Reads and preprocesses a MovieLens release or the demo world.

    Args:
        source: a folder or official ``.zip`` of any MovieLens layout; a release name fetched
            with `cgir data fetch` (looked up in cgir_home()/datasets); or ``"demo"`` (the
            default synthetic demo world, written to cgir_home()/demo on first use).
        lenient: skip malformed rows (counted in ``dataset.meta["skipped_rows"]``) instead of
            raising a DatasetError that names the file and line.
        min_tag_support: overrides the minimum number of items a user tag needs (see
            engine.data.preprocess); None keeps the documented default.
        config: the full preprocessing knobs; ``min_tag_support`` wins over its field.

    Example:
        >>> load_dataset("demo").n_items  # doctest: +SKIP
        3000
    """
    path = resolve_source(source)
    config = config or PreprocessConfig()
    if min_tag_support is not None:
        if min_tag_support < 1:
            raise DatasetError("min_tag_support must be at least 1")
        config = replace(config, min_tag_support=min_tag_support)
    raw = read_release(path, lenient=lenient)
    return preprocess(raw, config)
