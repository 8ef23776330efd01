"""Check conversations.jsonl of the seventh blind set against its schema and the MovieLens catalog.

Rules (see README.md):
- every line is JSON with the keys id/category/split/turns; ids "g001".. unique and in order; split "final";
  2-4 turns; categories in the order of the table in README.md;
  only the schema's expectation keys, with the right value types;
- every critique word occurs in that turn's user text (the user's own word);
- every expected `reference` exists exactly once in movies.csv and has >= 5 ratings in ratings.csv
  (no conversation of this set expects the bot to say that a film has too few ratings, so the rule has no
  exception here);
- a first-turn reference whose title has namesakes (same title once articles, accents, punctuation and
  bracketed alternate titles are ignored, or equal to one of their a.k.a./alternate forms) and whose user
  text gives no year is the most-rated namesake;
- every four-digit year in `mentions` is the year of another namesake of the title in play;
- 120 conversations: 30 title, 25 reference_in_sentence, 25 critique_words, 25 follow_up,
  15 chit_chat_and_bad_input.

Reads /work/shared/data/ml-latest-small.zip (or $CGIR_MOVIELENS_ZIP); exits 0 with a message when it is absent.
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
ZIP = Path(os.environ.get("CGIR_MOVIELENS_ZIP", "/work/shared/data/ml-latest-small.zip"))
COUNTS = {"title": 30, "reference_in_sentence": 25, "critique_words": 25, "follow_up": 25,
          "chit_chat_and_bad_input": 15}
ORDER = list(COUNTS)
KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act",
        "picked_rank", "not_shown_again", "excluded_stays_out"}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
ARTICLES = r"(the|a|an|le|la|les|l'|il|el|das|der|die|det)"
MIN_RATINGS = 5


def norm(text: str) -> str:
    """Lower case, no accents, no punctuation, no leading/trailing article."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    m = re.match(r"^(.*), " + ARTICLES + r"$", text.strip())
    if m:
        text = m.group(1)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^" + ARTICLES + r" ", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def names_of(title: str) -> set[str]:
    """The main title and every bracketed alternate form, normalised."""
    body = re.sub(r"\s*\(\d{4}\)\s*$", "", title)
    alts = re.findall(r"\(([^()]*)\)", body)
    main = re.sub(r"\s*\([^()]*\)", "", body)
    out = {norm(main)}
    for alt in alts:
        out.add(norm(re.sub(r"^a\.k\.a\.\s*", "", alt)))
    return {n for n in out if n}


def load_catalog() -> tuple[dict[str, int], dict[str, set[str]]]:
    with zipfile.ZipFile(ZIP) as z:
        root = "ml-latest-small/"
        movies = list(csv.DictReader(io.TextIOWrapper(z.open(root + "movies.csv"), encoding="utf-8")))
        counts = collections.Counter(
            r["movieId"] for r in csv.DictReader(io.TextIOWrapper(z.open(root + "ratings.csv"), encoding="utf-8")))
    title_count: dict[str, int] = {}
    dupes = collections.Counter(m["title"] for m in movies)
    by_name: dict[str, set[str]] = collections.defaultdict(set)
    for m in movies:
        title_count[m["title"]] = counts.get(m["movieId"], 0) if dupes[m["title"]] == 1 else -1
        for n in names_of(m["title"]):
            by_name[n].add(m["title"])
    return title_count, by_name


def year(title: str) -> int:
    return int(title.rstrip()[-5:-1])


def namesakes(title: str, by_name: dict[str, set[str]]) -> set[str]:
    group = {title}
    for n in names_of(title):
        group |= by_name.get(n, set())
    return group


def check(rows: list[dict], title_count: dict[str, int], by_name: dict[str, set[str]]) -> list[str]:
    errors: list[str] = []
    for i, row in enumerate(rows):
        cid = row.get("id")
        where = f"{cid}"
        if cid != f"g{i + 1:03d}":
            errors.append(f"{where}: id out of order")
        if row.get("split") != "final":
            errors.append(f"{where}: split must be 'final'")
        if row.get("category") not in COUNTS:
            errors.append(f"{where}: unknown category")
        elif i and rows[i - 1].get("category") in COUNTS and \
                ORDER.index(row["category"]) < ORDER.index(rows[i - 1]["category"]):
            errors.append(f"{where}: not in category order")
        if set(row) != {"id", "category", "split", "turns"}:
            errors.append(f"{where}: keys {sorted(row)}")
        turns = row.get("turns", [])
        if not 2 <= len(turns) <= 4:
            errors.append(f"{where}: {len(turns)} turns")
        for k, turn in enumerate(turns):
            at = f"{where} turn {k + 1}"
            user, exp = turn["user"], turn["expect"]
            if set(turn) - {"user", "expect", "note"}:
                errors.append(f"{at}: unknown turn field")
            if set(exp) - KEYS:
                errors.append(f"{at}: unknown keys {set(exp) - KEYS}")
            if "act" in exp and exp["act"] not in ACTS:
                errors.append(f"{at}: unknown act")
            for d, word in exp.get("critiques", []):
                if d not in (1, -1) or word.lower() not in user.lower():
                    errors.append(f"{at}: critique {d} {word!r} not in the user's text")
            yr = exp.get("years")
            if yr is not None:
                lo, hi = yr.get("min"), yr.get("max")
                if set(yr) != {"min", "max"} or (lo is not None and hi is not None and lo > hi):
                    errors.append(f"{at}: bad years {yr}")
            rank = exp.get("picked_rank")
            if rank is not None and not (
                    (rank.get("by") == "degree" and rank.get("extreme") in ("max", "min") and rank.get("word")
                     and rank["word"].lower()[:4] in user.lower())
                    or (rank.get("by") == "year" and (rank.get("extreme") in ("max", "min") or "equals" in rank))
                    or (rank.get("by") == "position" and isinstance(rank.get("index"), int))):
                errors.append(f"{at}: bad picked_rank {rank}")
            ref = exp.get("reference")
            group: set[str] = set()
            if ref is not None:
                n = title_count.get(ref)
                if n is None:
                    errors.append(f"{at}: {ref!r} not in movies.csv")
                    continue
                if n == -1:
                    errors.append(f"{at}: {ref!r} is not unique in movies.csv")
                elif n < MIN_RATINGS:
                    errors.append(f"{at}: {ref!r} has only {n} ratings")
                group = namesakes(ref, by_name)
                if k == 0 and len(group) > 1 and not re.search(r"\d{4}|'\d\d", user):
                    best = max(group, key=lambda t: title_count.get(t, 0))
                    if best != ref:
                        errors.append(f"{at}: {ref!r} is not the most-rated namesake ({best!r})")
            else:
                group = set(by_name.get(norm(user), set()))
            for m in exp.get("mentions", []):
                if re.fullmatch(r"\d{4}", m) and not any(year(t) == int(m) and t != ref for t in group):
                    errors.append(f"{at}: mention {m} is no other namesake's year")
    return errors


def main() -> int:
    rows = [json.loads(line) for line in (HERE / "conversations.jsonl").read_text(encoding="utf-8").splitlines()]
    if not ZIP.exists():
        print(f"skip: {ZIP} not found")
        return 0
    title_count, by_name = load_catalog()
    errors = check(rows, title_count, by_name)
    got = collections.Counter(r.get("category") for r in rows)
    if len(rows) != sum(COUNTS.values()) or any(got[c] != n for c, n in COUNTS.items()):
        errors.append(f"counts: {len(rows)} total, {dict(got)} (want {COUNTS})")
    for e in errors:
        print(e)
    per = ", ".join(f"{got[c]} {c}" for c in COUNTS)
    print(f"{len(rows)} conversations ({per}), {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
