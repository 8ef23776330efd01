"""Check conversations.jsonl against the schema and the MovieLens catalog.

Rules (see README.md):
- schema: ids c001.. unique, split "final", 2-5 turns, only the known expectation keys and value types;
- every critique word occurs in its turn's user text;
- every expected `reference` exists exactly once in movies.csv and has >= 5 ratings in ratings.csv, unless the
  conversation's turn note says "too few ratings" (the bot is expected to say so; none in this set does);
- a first-turn reference whose title has namesakes, whose user text names no year and no alternate title of the
  film (its parenthesised a.k.a./original title) is the most-rated namesake;
  every 4-digit year in `mentions` on such a turn belongs to another namesake.
The catalog is read from ../../../shared/data/ml-latest-small.zip (or $CGIR_ML_ZIP); absent -> schema checks only.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
ZIP = Path(os.environ.get("CGIR_ML_ZIP", HERE.parents[2] / "shared" / "data" / "ml-latest-small.zip"))
KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act", "picked_rank",
        "not_shown_again", "excluded_stays_out"}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
CATEGORIES = {"title": 21, "reference_in_sentence": 21, "time": 21, "polarity": 21, "cannot_judge": 21,
              "why": 21, "more": 22, "seen": 22, "pick_by_description": 22, "jump": 22, "about": 22,
              "not_a_title": 22, "undo": 22}
MIN_RATINGS = 5


def norm(title: str) -> str:
    """Main title without year, a.k.a. parts, articles, accents or punctuation."""
    t = re.sub(r"\s*\(\d{4}\)\s*$", "", title)
    t = re.sub(r"\s*\(.*?\)", "", t)
    t = re.sub(r", (The|A|An|Les|La|Le|Il|Das|Der|Die|El)$", "", t)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"^(the|a|an) ", "", t)
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def load_catalog() -> tuple[Counter, Counter] | None:
    if not ZIP.exists():
        return None
    with zipfile.ZipFile(ZIP) as z:
        name = next(n for n in z.namelist() if n.endswith("movies.csv"))
        movies = list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
        rname = name.replace("movies.csv", "ratings.csv")
        per_id = Counter(r["movieId"] for r in csv.DictReader(io.TextIOWrapper(z.open(rname), encoding="utf-8")))
    titles = Counter(m["title"] for m in movies)
    ratings = Counter({m["title"]: per_id[m["movieId"]] for m in movies})
    return titles, ratings


def check_expect(cid: str, user: str, exp: dict, errors: list[str]) -> None:
    for k in set(exp) - KEYS:
        errors.append(f"{cid}: unknown key {k}")
    if "act" in exp and exp["act"] not in ACTS:
        errors.append(f"{cid}: bad act {exp['act']}")
    for c in exp.get("critiques", []):
        if not (isinstance(c, list) and len(c) == 2 and c[0] in (1, -1) and isinstance(c[1], str)):
            errors.append(f"{cid}: bad critique {c}")
        elif c[1].lower() not in user.lower():
            errors.append(f"{cid}: critique word {c[1]!r} not in {user!r}")
    if "years" in exp:
        y = exp["years"]
        if set(y) != {"min", "max"} or (y["min"] is not None and y["max"] is not None and y["min"] > y["max"]):
            errors.append(f"{cid}: bad years {y}")
    pr = exp.get("picked_rank")
    if pr is not None and pr.get("by") not in ("degree", "year", "position"):
        errors.append(f"{cid}: bad picked_rank {pr}")


def main() -> int:
    convs = [json.loads(line) for line in (HERE / "conversations.jsonl").read_text(encoding="utf-8").splitlines()]
    errors: list[str] = []
    ids = [c["id"] for c in convs]
    if ids != [f"c{i:03d}" for i in range(1, len(convs) + 1)]:
        errors.append("ids are not c001.. in order")
    catalog = load_catalog()
    groups: dict[str, list[str]] = {}
    if catalog:
        for t in catalog[1]:
            groups.setdefault(norm(t), []).append(t)
    for c in convs:
        cid = c["id"]
        if c["split"] != "final" or c["category"] not in CATEGORIES or not 2 <= len(c["turns"]) <= 5:
            errors.append(f"{cid}: bad split/category/turn count")
        few_ok = any("too few ratings" in t.get("note", "") for t in c["turns"])
        for i, turn in enumerate(c["turns"]):
            exp = turn["expect"]
            check_expect(cid, turn["user"], exp, errors)
            ref = exp.get("reference")
            if not ref or not catalog:
                continue
            titles, ratings = catalog
            if titles[ref] != 1:
                errors.append(f"{cid}: reference {ref!r} occurs {titles[ref]} times in movies.csv")
                continue
            if ratings[ref] < MIN_RATINGS and not few_ok:
                errors.append(f"{cid}: reference {ref!r} has only {ratings[ref]} ratings")
            names = groups.get(norm(ref), [ref])
            alts = [norm(x) for x in re.findall(r"\(([^()]*[^\d()][^()]*)\)", ref)]
            named_alt = any(x and x in norm(turn["user"]) for x in alts)
            if i == 0 and len(names) > 1 and not named_alt and not re.search(r"\b(1[89]|20)\d\d\b|\b\d0s\b", turn["user"]):
                top = max(names, key=lambda t: ratings[t])
                if top != ref:
                    errors.append(f"{cid}: {ref!r} is not the most-rated namesake ({top!r})")
                others = {re.search(r"\((\d{4})\)$", t).group(1) for t in names if t != ref}
                for m in exp.get("mentions", []):
                    if re.fullmatch(r"\d{4}", m) and m not in others:
                        errors.append(f"{cid}: mentioned year {m} is no other namesake's ({sorted(others)})")
    counts = Counter(c["category"] for c in convs)
    by_issue = Counter(CATEGORIES[c["category"]] for c in convs)
    print(f"{len(convs)} conversations; issue 21: {by_issue[21]}, issue 22: {by_issue[22]}; {dict(counts)}")
    if not catalog:
        print(f"catalog {ZIP} absent: schema checks only")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
