"""Check conversations.jsonl (the third blind set) against its schema and the MovieLens catalog.

Usage: python3 validate.py [--zip PATH]   (default: ../../../shared/data/ml-latest-small.zip)
Reads movies.csv and ratings.csv from the zip with zipfile; copies nothing into the repo.
Exits 1 with one line per problem, 0 with a summary when the set is valid.

Rules checked (see README.md):
- schema: ids t001.. in order and unique; known categories; every split "final"; 2-5 turns; only known keys;
  value types (acts, directions, years min <= max, picked_rank forms);
- every critique word occurs in that turn's user text (the user's own word);
- every expected `reference` exists exactly once in movies.csv and has >= 5 ratings in ratings.csv,
  unless that turn's note contains "[too-few-ratings]" (the bot is expected to say the film has too few
  ratings; no conversation of this set uses it);
- a reference newly taken on a turn whose text gives no 4-digit year is the most-rated of its namesakes
  (same normalised main title: articles, accents, punctuation and case ignored); a year in `mentions`
  belongs to another namesake of the reference, or (for `about`) to a film whose title is in the text;
- relative year words ("newer", "more recent", "older") with no digits in the text give the bound
  reference year +1 / -1;
- counts per category and per issue (about 95 for issue 21, 55 for issue 22, 150 in all).
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import CATEGORIES, ISSUE  # noqa: E402  (the category list lives in one place)

DEFAULT_ZIP = HERE.parents[2] / "shared" / "data" / "ml-latest-small.zip"
EXPECT_KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act",
               "picked_rank", "not_shown_again", "excluded_stays_out"}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
MIN_RATINGS = 5
TOO_FEW_MARK = "[too-few-ratings]"
ARTICLES = ("the", "a", "an", "les", "la", "le", "il", "das", "der", "die", "el", "l'")
YEAR_RE = re.compile(r"\((\d{4})\)\s*$")


def load_catalog(zip_path: Path) -> tuple[collections.Counter, dict[str, int]]:
    with zipfile.ZipFile(zip_path) as z:
        def rows(name: str) -> list[dict]:
            with z.open(f"ml-latest-small/{name}") as f:
                return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))
        movies = rows("movies.csv")
        counts = collections.Counter(r["movieId"] for r in rows("ratings.csv"))
    titles = collections.Counter(m["title"] for m in movies)
    rated = {m["title"]: counts[m["movieId"]] for m in movies}
    return titles, rated


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def main_title(title: str) -> str:
    """Normalised main title: year and parenthesised alternates dropped, articles moved/dropped."""
    t = YEAR_RE.sub("", title).strip()
    t = re.sub(r"\s*\(.*\)\s*$", "", t).strip()
    m = re.match(r"^(.*), (\w+'?)$", t)
    if m and m.group(2).lower() in ARTICLES:
        t = m.group(1)
    words = fold(t).split()
    if words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def year_of(title: str) -> int:
    m = YEAR_RE.search(title)
    return int(m.group(1)) if m else -1


def check(rows: list[dict], titles: collections.Counter, rated: dict[str, int]) -> list[str]:
    errs: list[str] = []
    by_main: dict[str, list[str]] = collections.defaultdict(list)
    for title in titles:
        by_main[main_title(title)].append(title)
    seen_ids: set[str] = set()
    for n, row in enumerate(rows, start=1):
        cid = row.get("id")
        where = f"{cid}"
        if cid != f"t{n:03d}" or cid in seen_ids:
            errs.append(f"{where}: id out of order or repeated (expected t{n:03d})")
        seen_ids.add(cid)
        if set(row) != {"id", "category", "split", "turns"}:
            errs.append(f"{where}: keys {sorted(row)}")
        if row.get("category") not in CATEGORIES:
            errs.append(f"{where}: unknown category {row.get('category')}")
        if row.get("split") != "final":
            errs.append(f"{where}: split must be 'final'")
        turns = row.get("turns", [])
        if not 2 <= len(turns) <= 5:
            errs.append(f"{where}: {len(turns)} turns")
        current: str | None = None
        for i, turn in enumerate(turns, start=1):
            w = f"{cid} turn {i}"
            if not set(turn) <= {"user", "expect", "note"} or not isinstance(turn.get("user"), str):
                errs.append(f"{w}: turn keys {sorted(turn)}")
                continue
            text, exp, note = turn["user"], turn.get("expect", {}), turn.get("note", "")
            if set(exp) - EXPECT_KEYS:
                errs.append(f"{w}: unknown expect keys {sorted(set(exp) - EXPECT_KEYS)}")
            if "act" in exp and exp["act"] not in ACTS:
                errs.append(f"{w}: unknown act {exp['act']}")
            for key in ("asks_which", "shown_years_within", "not_shown_again", "excluded_stays_out"):
                if key in exp and not isinstance(exp[key], bool):
                    errs.append(f"{w}: {key} must be a bool")
            for d, word in exp.get("critiques", []):
                if d not in (1, -1) or not isinstance(word, str):
                    errs.append(f"{w}: bad critique {[d, word]}")
                elif word.lower() not in text.lower():
                    errs.append(f"{w}: critique word {word!r} not in the user text")
            if "years" in exp:
                y = exp["years"]
                if set(y) != {"min", "max"} or (y["min"] is not None and y["max"] is not None
                                                 and y["min"] > y["max"]):
                    errs.append(f"{w}: bad years {y}")
            pr = exp.get("picked_rank")
            if pr is not None:
                ok = (pr.get("by") == "degree" and set(pr) == {"by", "word", "extreme"}
                      and pr["extreme"] in ("max", "min") and pr["word"].lower()[:4] in text.lower()) or \
                     (pr.get("by") == "year" and (set(pr) == {"by", "extreme"} and pr["extreme"] in ("max", "min")
                                                  or set(pr) == {"by", "equals"})) or \
                     (pr.get("by") == "position" and set(pr) == {"by", "index"} and isinstance(pr["index"], int))
                if not ok:
                    errs.append(f"{w}: bad picked_rank {pr}")
            ref = exp.get("reference")
            if ref is not None:
                if titles.get(ref, 0) != 1:
                    errs.append(f"{w}: reference {ref!r} is not exactly one movies.csv title")
                    continue
                if rated[ref] < MIN_RATINGS and TOO_FEW_MARK not in note:
                    errs.append(f"{w}: reference {ref!r} has {rated[ref]} ratings (< {MIN_RATINGS})")
                mates = [t for t in by_main[main_title(ref)] if t != ref]
                if ref != current and mates and not re.search(r"\b\d{4}\b", text):
                    best = max(by_main[main_title(ref)], key=lambda t: rated[t])
                    if best != ref:
                        errs.append(f"{w}: {ref!r} is not the most-rated namesake ({best!r})")
                for m in exp.get("mentions", []):
                    if re.fullmatch(r"\d{4}", m) and exp.get("act") != "about" \
                            and int(m) not in {year_of(t) for t in mates}:
                        errs.append(f"{w}: mention {m} is no namesake's year of {ref!r}")
                if "years" in exp and not re.search(r"\d", text) and current == ref:
                    low = text.lower()
                    y = exp["years"]
                    if ("newer" in low or "more recent" in low) and y["min"] != year_of(ref) + 1:
                        errs.append(f"{w}: 'newer' must give min {year_of(ref) + 1}")
                    if "older" in low and "nothing older" not in low and y["max"] != year_of(ref) - 1:
                        errs.append(f"{w}: 'older' must give max {year_of(ref) - 1}")
                current = ref
            if exp.get("act") == "about":
                for m in exp.get("mentions", []):
                    if re.fullmatch(r"\d{4}", m) and not any(
                            year_of(t) == int(m) and main_title(t) and f" {main_title(t)} " in f" {fold(text)} "
                            for t in titles):
                        errs.append(f"{w}: about-mention {m} is not the year of a film named in the text")
    counts = collections.Counter(r.get("category") for r in rows)
    issue = collections.Counter(ISSUE.get(r.get("category"), 0) for r in rows)
    if len(rows) != 150 or not 90 <= issue[21] <= 100 or not 50 <= issue[22] <= 60:
        errs.append(f"counts: {len(rows)} conversations, issue 21: {issue[21]}, issue 22: {issue[22]}")
    for cat in CATEGORIES:
        if counts[cat] < 5:
            errs.append(f"category {cat}: only {counts[cat]} conversations")
    return errs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    args = ap.parse_args()
    rows = [json.loads(line) for line in (HERE / "conversations.jsonl").read_text(encoding="utf-8").splitlines()]
    titles, rated = load_catalog(args.zip)
    errs = check(rows, titles, rated)
    for e in errs:
        print(e)
    if errs:
        return 1
    counts = collections.Counter(r["category"] for r in rows)
    turns = sum(len(r["turns"]) for r in rows)
    print(f"ok: {len(rows)} conversations, {turns} turns; " + ", ".join(f"{c} {counts[c]}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
