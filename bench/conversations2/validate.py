"""Check conversations.jsonl against the schema and the MovieLens ml-latest-small catalog.

Rules (see README.md):
- every line is JSON; ids d001.. in order; known categories; split "final"; 2-5 turns; known keys only;
- value types: acts, critique directions, year bounds (min <= max), picked_rank forms;
- every critique word occurs in that turn's user text;
- every `reference` is exactly one movies.csv title AND that film has >= 5 rows in ratings.csv;
- namesakes (same normalised title or alternate title; articles, accents, punctuation ignored): on a
  turn whose text names the reference, a reference that is not the most-rated namesake needs a year
  in the user's text or a note saying why;
- every 4-digit year in `mentions` is the year of a catalog film whose normalised title (or an
  alternate title) occurs in the user's text, and, on a turn with a reference, not that reference's year;
- every "trap: <title>" in a note names an exact movies.csv title.

The catalog is read from ../shared/data/ml-latest-small.zip (relative to the repository root) or
the path in $CGIR_MOVIELENS_ZIP; the script exits 0 with a message when it is absent.
Run: python3 validate.py
"""
from __future__ import annotations

import collections
import csv
import io
import json
import os
import re
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "conversations.jsonl"
DEFAULT_ZIP = HERE.parents[2] / "shared" / "data" / "ml-latest-small.zip"
MIN_RATINGS = 5
TOTAL = 100

CATEGORY_MIN = {
    "title": 15, "reference_in_sentence": 8, "time": 10, "polarity": 8, "cannot_judge": 6, "why": 6,
    "more": 4, "seen": 5, "pick_by_description": 6, "jump": 3, "about": 4, "cards": 3, "not_a_title": 5,
}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
EXPECT_KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act",
               "picked_rank", "not_shown_again", "excluded_stays_out"}
TURN_KEYS = {"user", "expect", "note"}
YEAR_RE = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
TITLE_YEAR_RE = re.compile(r"\s*\((\d{4})\)\s*$")


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def title_names(title: str) -> list[str]:
    """The folded names a movies.csv title goes by: main title and each parenthetical alternate."""
    body = TITLE_YEAR_RE.sub("", title)
    alts = re.findall(r"\(([^()]*)\)", body)
    main = re.sub(r"\s*\([^()]*\)", "", body)
    names = []
    for name in [main, *alts]:
        name = re.sub(r"^(a\.k\.a\.|aka)\s+", "", name.strip(), flags=re.IGNORECASE)
        name = re.sub(r",\s*(The|A|An|Les|La|Le|Il|Das|Der|Die|El|L')$", "", name)
        name = re.sub(r"^(The|A|An)\s+", "", name)
        folded = fold(name)
        if folded:
            names.append(folded)
    return names


class Catalog:
    def __init__(self, zip_path: Path) -> None:
        with zipfile.ZipFile(zip_path) as zf:
            def rows(suffix: str) -> list[dict[str, str]]:
                name = next(n for n in zf.namelist() if n.endswith(suffix))
                return list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))
            movies = rows("movies.csv")
            counts = collections.Counter(r["movieId"] for r in rows("ratings.csv"))
        self.title_count = collections.Counter(m["title"] for m in movies)
        self.ratings = {m["title"]: counts[m["movieId"]] for m in movies}
        self.by_name: dict[str, set[str]] = collections.defaultdict(set)
        for m in movies:
            for name in title_names(m["title"]):
                self.by_name[name].add(m["title"])

    def namesakes(self, title: str) -> set[str]:
        group: set[str] = set()
        for name in title_names(title):
            group |= self.by_name[name]
        return group

    def years_named_in(self, text: str) -> set[int]:
        padded = f" {fold(text)} "
        years = set()
        for name, titles in self.by_name.items():
            if f" {name} " in padded:
                for t in titles:
                    m = TITLE_YEAR_RE.search(t)
                    if m:
                        years.add(int(m.group(1)))
        return years


def check_expect(where: str, user: str, exp: dict[str, Any], errors: list[str]) -> None:
    for key in exp:
        if key not in EXPECT_KEYS:
            errors.append(f"{where}: unknown expect key {key!r}")
    if "act" in exp and exp["act"] not in ACTS:
        errors.append(f"{where}: unknown act {exp['act']!r}")
    for key in ("asks_which", "shown_years_within", "not_shown_again", "excluded_stays_out"):
        if key in exp and not isinstance(exp[key], bool):
            errors.append(f"{where}: {key} must be a bool")
    for crit in exp.get("critiques", []):
        ok = isinstance(crit, list) and len(crit) == 2 and crit[0] in (1, -1) and isinstance(crit[1], str)
        if not ok:
            errors.append(f"{where}: bad critique {crit!r}")
        elif crit[1].lower() not in user.lower():
            errors.append(f"{where}: critique word {crit[1]!r} not in user text")
    if "years" in exp:
        y = exp["years"]
        if set(y) != {"min", "max"} or any(v is not None and not isinstance(v, int) for v in y.values()):
            errors.append(f"{where}: bad years {y!r}")
        elif y["min"] is not None and y["max"] is not None and y["min"] > y["max"]:
            errors.append(f"{where}: years min > max")
    if "picked_rank" in exp:
        pr = exp["picked_rank"]
        forms = [
            pr.get("by") == "degree" and isinstance(pr.get("word"), str) and pr.get("extreme") in ("max", "min")
            and set(pr) == {"by", "word", "extreme"},
            pr.get("by") == "year" and set(pr) == {"by", "extreme"} and pr.get("extreme") in ("max", "min"),
            pr.get("by") == "year" and set(pr) == {"by", "equals"} and isinstance(pr.get("equals"), int),
            pr.get("by") == "position" and set(pr) == {"by", "index"} and isinstance(pr.get("index"), int),
        ]
        if not any(forms):
            errors.append(f"{where}: bad picked_rank {pr!r}")
        if pr.get("by") == "degree" and pr.get("word", "").lower() not in fold(user):
            # superlatives ("funniest" -> "funny") are allowed; the stem must still be recognisable
            stem = pr.get("word", "")[:4].lower()
            if stem not in user.lower():
                errors.append(f"{where}: picked_rank word {pr.get('word')!r} unrelated to user text")
    if "mentions" in exp and not (isinstance(exp["mentions"], list)
                                  and all(isinstance(s, str) and s for s in exp["mentions"])):
        errors.append(f"{where}: mentions must be a list of strings")


def check_catalog(where: str, turn: dict[str, Any], cat: Catalog, errors: list[str]) -> None:
    user, exp, note = turn["user"], turn["expect"], turn.get("note", "")
    ref = exp.get("reference")
    if ref is not None:
        if cat.title_count[ref] != 1:
            errors.append(f"{where}: reference {ref!r} occurs {cat.title_count[ref]} times in movies.csv")
            return
        if cat.ratings[ref] < MIN_RATINGS:
            errors.append(f"{where}: reference {ref!r} has {cat.ratings[ref]} ratings (< {MIN_RATINGS})")
        group = cat.namesakes(ref)
        top = max(group, key=lambda t: cat.ratings[t])
        named = any(f" {n} " in f" {fold(user)} " for n in title_names(ref))
        if named and len(group) > 1 and ref != top and not YEAR_RE.search(user) and not note:
            errors.append(f"{where}: {ref!r} is not the most-rated namesake ({top!r}) and nothing says why")
    for mention in exp.get("mentions", []):
        if YEAR_RE.fullmatch(mention):
            year = int(mention)
            if year not in cat.years_named_in(user):
                errors.append(f"{where}: mention {mention} is not the year of a film named in the text")
            if ref is not None and exp.get("act") != "about" and ref.endswith(f"({year})"):
                errors.append(f"{where}: mention {mention} is the reference's own year")
    for trap in re.findall(r"trap: ([^;]+?\(\d{4}\))", note):
        if cat.title_count[trap] != 1:
            errors.append(f"{where}: trap title {trap!r} not in movies.csv")


def main() -> int:
    errors: list[str] = []
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_category: collections.Counter[str] = collections.Counter()
    for i, row in enumerate(rows, 1):
        cid = row.get("id")
        if cid != f"d{i:03d}":
            errors.append(f"line {i}: id {cid!r}, expected d{i:03d}")
        if set(row) != {"id", "category", "split", "turns"}:
            errors.append(f"{cid}: keys {sorted(row)}")
        if row.get("category") not in CATEGORY_MIN:
            errors.append(f"{cid}: unknown category {row.get('category')!r}")
        if row.get("split") != "final":
            errors.append(f"{cid}: split must be 'final'")
        turns = row.get("turns", [])
        if not 2 <= len(turns) <= 5:
            errors.append(f"{cid}: {len(turns)} turns")
        per_category[row.get("category")] += 1
        for t, turn in enumerate(turns, 1):
            where = f"{cid} turn {t}"
            if set(turn) - TURN_KEYS or not isinstance(turn.get("user"), str) or not turn["user"].strip():
                errors.append(f"{where}: bad turn keys {sorted(turn)}")
                continue
            check_expect(where, turn["user"], turn.get("expect", {}), errors)
    if len(rows) != TOTAL:
        errors.append(f"{len(rows)} conversations, expected {TOTAL}")
    for category, minimum in CATEGORY_MIN.items():
        if per_category[category] < minimum:
            errors.append(f"category {category}: {per_category[category]} < {minimum}")

    zip_path = Path(os.environ.get("CGIR_MOVIELENS_ZIP", DEFAULT_ZIP))
    refs = 0
    if zip_path.exists():
        cat = Catalog(zip_path)
        for row in rows:
            for t, turn in enumerate(row["turns"], 1):
                if "reference" in turn.get("expect", {}):
                    refs += 1
                check_catalog(f"{row['id']} turn {t}", turn, cat, errors)
    else:
        print(f"catalog not found at {zip_path}: catalog checks skipped")

    for category, n in per_category.items():
        print(f"  {category:24s} {n}")
    turns_total = sum(len(r["turns"]) for r in rows)
    print(f"{len(rows)} conversations, {turns_total} turns, {refs} reference expectations checked")
    for err in errors:
        print("ERROR", err)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
