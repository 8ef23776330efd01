"""Check conversations.jsonl (blind set 5) against the schema and the MovieLens catalog.

Rules (each failure is printed; exit status 1 if any):
- every line parses; ids are d001.. in order and unique; categories known; split "final"; 2-5 turns;
  only the schema's keys, with the right value types;
- every critique word occurs in that turn's user text (the user's own word);
- every expected `reference` exists exactly once in movies.csv AND has >= 5 ratings in ratings.csv,
  unless that turn's note says the bot must answer that the film has "too few ratings";
- a first-turn reference whose user text gives no year and that has namesakes (same title once
  articles, accents, punctuation and bracketed a.k.a./foreign forms are ignored; when the user typed one
  of the title's names, only films sharing that name) is the most-rated namesake; a namesake `mentions` year belongs to a namesake of it; `asks_which: true` only where the
  two most-rated namesakes are within 10 % of each other in ratings;
- counts: 150 conversations, about 95 for issue 21 and 55 for issue 22.

Reads /work/shared/data/ml-latest-small.zip (or $ML_ZIP) with zipfile; nothing is copied into the repo.
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

HERE = Path(__file__).resolve().parent
SET = HERE / "conversations.jsonl"
ZIP = Path(os.environ.get("ML_ZIP", HERE.parents[1] / ".." / "shared" / "data" / "ml-latest-small.zip"))
MIN_RATINGS = 5
FEW_RATINGS_NOTE = "too few ratings"

ISSUE_21 = {"title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why", "cards"}
ISSUE_22 = {"more", "seen", "pick_by_description", "jump", "about", "not_a_title"}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
EXPECT_KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act",
               "picked_rank", "not_shown_again", "excluded_stays_out"}
ARTICLES = {"the", "a", "an", "das", "der", "die", "la", "le", "les", "el", "il", "l"}


def load_catalog(path: Path) -> tuple[dict[str, str], collections.Counter]:
    """Return {title: movieId} (titles seen twice map to "DUP") and rating counts per movieId."""
    with zipfile.ZipFile(path) as z:
        def rows(name: str) -> list[dict]:
            member = next(n for n in z.namelist() if n.endswith(name))
            return list(csv.DictReader(io.TextIOWrapper(z.open(member), encoding="utf-8")))
        titles: dict[str, str] = {}
        for m in rows("movies.csv"):
            titles[m["title"]] = "DUP" if m["title"] in titles else m["movieId"]
        counts = collections.Counter(r["movieId"] for r in rows("ratings.csv"))
    return titles, counts


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"^(.*), (the|a|an|das|der|die|la|le|les|el|il)$", r"\2 \1", name.strip())
    words = [w for w in re.sub(r"[^a-z0-9]+", " ", name).split() if w not in ARTICLES]
    return " ".join(words)


def title_keys(title: str) -> set[str]:
    """Normalised names of a catalog title: main title and each bracketed a.k.a./foreign form."""
    body = re.sub(r"\s*\(\d{4}\)\s*$", "", title)
    parts = re.findall(r"\(([^()]*)\)", body)
    main = re.sub(r"\s*\([^()]*\)", "", body)
    names = [main] + [re.sub(r"^a\.k\.a\. ", "", p) for p in parts]
    return {_norm(n) for n in names if _norm(n)}


def year_of(title: str) -> int:
    return int(re.search(r"\((\d{4})\)\s*$", title).group(1))


def check(rows: list[dict], titles: dict[str, str], counts: collections.Counter) -> list[str]:
    errors: list[str] = []
    by_key: dict[str, list[str]] = collections.defaultdict(list)
    for t in titles:
        for k in title_keys(t):
            by_key[k].append(t)

    def namesakes(title: str, user: str) -> list[str]:
        """Titles sharing the name the user typed (all of the title's names if none is found in the text)."""
        keys = title_keys(title)
        typed = {k for k in keys if f" {k} " in f" {_norm(user)} "}
        found = {n for k in (typed or keys) for n in by_key[k]}
        return sorted(found, key=lambda n: -counts[titles[n]])

    for i, row in enumerate(rows, 1):
        cid = row.get("id")

        def err(msg: str, cid: str | None = cid) -> None:
            errors.append(f"{cid}: {msg}")

        if cid != f"d{i:03d}":
            err(f"expected id d{i:03d}")
        if row.get("category") not in ISSUE_21 | ISSUE_22:
            err("unknown category")
        if row.get("split") != "final":
            err("split must be final")
        turns = row.get("turns", [])
        if not 2 <= len(turns) <= 5:
            err(f"{len(turns)} turns")
        for n, turn in enumerate(turns):
            user, exp = turn.get("user", ""), turn.get("expect", {})
            if not user.strip():
                err(f"turn {n}: empty user text")
            extra = set(turn) - {"user", "expect", "note"}
            if extra or set(exp) - EXPECT_KEYS:
                err(f"turn {n}: unknown keys {extra | (set(exp) - EXPECT_KEYS)}")
            if "act" in exp and exp["act"] not in ACTS:
                err(f"turn {n}: unknown act {exp['act']}")
            for d, word in exp.get("critiques", []):
                if d not in (1, -1) or word.lower() not in user.lower():
                    err(f"turn {n}: critique {d} {word!r} not the user's own word")
            years = exp.get("years")
            if years is not None:
                lo, hi = years.get("min"), years.get("max")
                if set(years) != {"min", "max"} or (lo is not None and hi is not None and lo > hi):
                    err(f"turn {n}: bad years {years}")
            pr = exp.get("picked_rank")
            if pr is not None:
                ok = (pr.get("by") == "degree" and pr.get("extreme") in ("max", "min") and pr.get("word")) or \
                     (pr.get("by") == "year" and (pr.get("extreme") in ("max", "min") or
                                                  isinstance(pr.get("equals"), int))) or \
                     (pr.get("by") == "position" and isinstance(pr.get("index"), int))
                if not ok:
                    err(f"turn {n}: bad picked_rank {pr}")
            if exp.get("picked_rank") and exp.get("act") != "pick":
                err(f"turn {n}: picked_rank without act pick")
            ref = exp.get("reference")
            if ref is not None:
                mid = titles.get(ref)
                if mid is None or mid == "DUP":
                    err(f"turn {n}: reference {ref!r} is not exactly one movies.csv title")
                    continue
                if counts[mid] < MIN_RATINGS and FEW_RATINGS_NOTE not in turn.get("note", "").lower():
                    err(f"turn {n}: reference {ref!r} has {counts[mid]} ratings (< {MIN_RATINGS})")
                same = namesakes(ref, user)
                if n == 0 and len(same) > 1 and not re.search(r"\b(1[89]\d\d|20\d\d)\b", user):
                    if counts[titles[same[0]]] > counts[mid]:
                        err(f"turn 0: {ref!r} is not the most-rated namesake ({same[0]!r})")
                    years_named = {str(year_of(s)) for s in same}
                    for m in exp.get("mentions", []):
                        if re.fullmatch(r"\d{4}", m) and m not in years_named:
                            err(f"turn 0: mention {m} is no namesake's year")
            if exp.get("asks_which") is True:
                words = re.sub(r"[^a-z0-9 ]", " ", user.lower())
                cands = [t for k, ts in by_key.items() if k and k == _norm(words) for t in ts]
                cands.sort(key=lambda t: -counts[titles[t]])
                if len(cands) < 2 or counts[titles[cands[1]]] < 0.9 * counts[titles[cands[0]]]:
                    err(f"turn {n}: asks_which true but namesakes are not close: {cands[:3]}")
    n21 = sum(r["category"] in ISSUE_21 for r in rows)
    n22 = sum(r["category"] in ISSUE_22 for r in rows)
    if len(rows) != 150 or not 90 <= n21 <= 100 or not 50 <= n22 <= 60:
        errors.append(f"counts: {len(rows)} total, issue 21 {n21}, issue 22 {n22}")
    return errors


def summary(rows: list[dict], titles: dict[str, str], counts: collections.Counter) -> str:
    cats = collections.Counter(r["category"] for r in rows)
    refs = {t["expect"]["reference"] for r in rows for t in r["turns"] if "reference" in t["expect"]}
    known = sum(counts[titles[t]] >= 50 for t in refs)
    lines = [f"{len(rows)} conversations, {sum(len(r['turns']) for r in rows)} turns",
             "per category: " + ", ".join(f"{c} {k}" for c, k in cats.items()),
             f"distinct references: {len(refs)}; >= 50 ratings: {known}; 5-49 ratings: {len(refs) - known}"]
    return "\n".join(lines)


def main() -> int:
    rows = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    titles, counts = load_catalog(ZIP.resolve())
    errors = check(rows, titles, counts)
    print(summary(rows, titles, counts))
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
