"""Relative judgments about movies: SoftAttributes records, read from CSV or JSONL.

SoftAttributes (Balog, Radlinski, Karatzoglou, "On Interpretation and Measurement of Soft
Attributes for Recommendation", SIGIR 2021; CC BY 4.0, Google LLC) asks a rater to place movies
as less / about as / more ATTRIBUTE than a reference movie. One record per row::

    rater_id,reference_title,soft_attribute,less_than,about_as,more_than

with the last three columns JSON lists of titles (an empty cell is an empty list). The JSONL
form holds the same record per line, the lists as JSON arrays::

    {"rater_id": "1", "reference_title": "Forrest Gump (1994)", "soft_attribute": "funny",
     "less_than": ["Alien (1979)"], "about_as": [], "more_than": ["Home Alone (1990)"]}

A *pair* is one (more, less) couple of the same record: the first title was judged to have more
of the attribute than the second.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from engine.errors import DatasetError
from engine.text.normalise import text_key

ATTRIBUTION = ("SoftAttributes by K. Balog, F. Radlinski and A. Karatzoglou (Google LLC), "
               "SIGIR 2021, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")
FIELDS = ("rater_id", "reference_title", "soft_attribute", "less_than", "about_as", "more_than")


@dataclass(frozen=True)
class JudgmentRecord:
    """One rater's placement of movies relative to a reference, for one attribute."""

    rater_id: str
    reference: str
    attribute: str
    less: tuple[str, ...]
    about: tuple[str, ...]
    more: tuple[str, ...]

    def pairs(self) -> list[tuple[str, str]]:
        """(more title, less title) for every couple of this record."""
        return [(m, l) for m in self.more for l in self.less]

    def titles(self) -> set[str]:
        return {self.reference, *self.less, *self.about, *self.more}


def _titles(value, where: str, field: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise DatasetError(f"{where}: {field} is not a JSON list of titles ({error})") from None
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise DatasetError(f"{where}: {field} must be a list of titles")
    return tuple(t.strip() for t in value if t.strip())


def _record(raw: dict, where: str) -> JudgmentRecord:
    missing = [f for f in ("reference_title", "soft_attribute") if not str(raw.get(f) or "").strip()]
    if missing:
        raise DatasetError(f"{where}: missing {', '.join(missing)}")
    return JudgmentRecord(
        rater_id=str(raw.get("rater_id", "")).strip(),
        reference=str(raw["reference_title"]).strip(),
        attribute=text_key(raw["soft_attribute"]),
        less=_titles(raw.get("less_than"), where, "less_than"),
        about=_titles(raw.get("about_as"), where, "about_as"),
        more=_titles(raw.get("more_than"), where, "more_than"),
    )


def read_judgments(path: str | Path) -> list[JudgmentRecord]:
    """Records of a SoftAttributes CSV, or of a JSONL file (by suffix .jsonl/.json)."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path} does not exist; give a SoftAttributes CSV or JSONL file")
    records: list[JudgmentRecord] = []
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() in (".jsonl", ".json"):
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as error:
                    raise DatasetError(f"{path}:{number}: not a JSON object ({error})") from None
                if not isinstance(raw, dict):
                    raise DatasetError(f"{path}:{number}: each line must be a JSON object")
                records.append(_record(raw, f"{path}:{number}"))
        else:
            reader = csv.DictReader(handle)
            absent = [f for f in FIELDS if f not in (reader.fieldnames or [])]
            if absent:
                raise DatasetError(f"{path} lacks the column(s) {', '.join(absent)}; expected "
                                   f"{','.join(FIELDS)}")
            for number, raw in enumerate(reader, 2):
                records.append(_record(raw, f"{path}:{number}"))
    if not records:
        raise DatasetError(f"{path} holds no judgment records")
    return records


def write_jsonl(records: list[JudgmentRecord], path: str | Path) -> Path:
    """The JSONL form of `records` (one object per line, FIELDS as keys)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({
                "rater_id": r.rater_id, "reference_title": r.reference,
                "soft_attribute": r.attribute, "less_than": list(r.less),
                "about_as": list(r.about), "more_than": list(r.more),
            }, ensure_ascii=False) + "\n")
    return path
