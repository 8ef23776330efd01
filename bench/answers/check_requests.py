"""Checks requests.jsonl against the MovieLens ml-latest-small catalog.

Reads movies.csv and ratings.csv straight from the zip (nothing is copied).
Checks: every reference title exists in movies.csv with that movieId, every
reference has >= 25 ratings, ids unique, fields well formed, dev/final split
exactly balanced.  Prints the mix per split (tier, decade, direction,
strength) and the number of distinct attributes.

Run: python3 check_requests.py [path/to/ml-latest-small.zip]
"""
import collections
import csv
import io
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/ml-latest-small.zip"
FIELDS = ["id", "reference", "movie_id", "text", "attribute", "direction",
          "strength", "split"]


def main():
    z = zipfile.ZipFile(ZIP)
    movies = {}
    with z.open("ml-latest-small/movies.csv") as fh:
        for r in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            movies[int(r["movieId"])] = (r["title"], r["genres"])
    counts = collections.Counter()
    with z.open("ml-latest-small/ratings.csv") as fh:
        for r in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
            counts[int(r["movieId"])] += 1
    ranked = sorted(movies, key=lambda m: -counts[m])
    rank = {m: i + 1 for i, m in enumerate(ranked)}

    def tier(mid):
        return "famous" if rank[mid] <= 50 else "well-known" if rank[mid] <= 400 else "less-famous"

    rows = [json.loads(l) for l in open(os.path.join(HERE, "requests.jsonl"), encoding="utf-8") if l.strip()]
    errors = []
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    refs = [r["movie_id"] for r in rows]
    if len(set(refs)) != len(refs):
        errors.append("a reference movie is used twice: %s" %
                      [m for m, c in collections.Counter(refs).items() if c > 1])
    for r in rows:
        if list(r) != FIELDS:
            errors.append("%s: fields %s" % (r["id"], list(r)))
        if not re.fullmatch(r"r\d{3}", r["id"]):
            errors.append("%s: bad id" % r["id"])
        mid = r["movie_id"]
        if mid not in movies:
            errors.append("%s: movieId %s not in movies.csv" % (r["id"], mid))
            continue
        if movies[mid][0] != r["reference"]:
            errors.append("%s: title %r != movies.csv %r" % (r["id"], r["reference"], movies[mid][0]))
        if counts[mid] < 25:
            errors.append("%s: %s has only %d ratings" % (r["id"], r["reference"], counts[mid]))
        if r["direction"] not in (-1, 1):
            errors.append("%s: bad direction" % r["id"])
        if r["strength"] not in ("plain", "weak", "strong"):
            errors.append("%s: bad strength" % r["id"])
        if r["split"] not in ("dev", "final"):
            errors.append("%s: bad split" % r["id"])
        if not r["text"].strip() or not r["attribute"].strip():
            errors.append("%s: empty text/attribute" % r["id"])
    split = collections.Counter(r["split"] for r in rows)
    if split["dev"] != split["final"] or split["dev"] + split["final"] != len(rows):
        errors.append("split not balanced: %s" % dict(split))

    print("requests:", len(rows), " per split:", dict(split))
    print("distinct attributes:", len({r["attribute"].lower() for r in rows}))
    print("distinct references:", len(set(refs)))
    for name, key in [("tier", lambda r: tier(r["movie_id"])),
                      ("decade", lambda r: re.search(r"\((\d{3})\d\)\s*$", r["reference"]).group(1) + "0s"),
                      ("direction", lambda r: r["direction"]),
                      ("strength", lambda r: r["strength"])]:
        tab = collections.defaultdict(collections.Counter)
        for r in rows:
            tab[key(r)][r["split"]] += 1
        print("%-10s" % name, ", ".join("%s: %d dev/%d final" % (k, v["dev"], v["final"])
                                         for k, v in sorted(tab.items(), key=lambda kv: str(kv[0]))))
    genres = collections.Counter(g for r in rows if r["movie_id"] in movies
                                 for g in movies[r["movie_id"]][1].split("|"))
    print("genres of references:", dict(genres.most_common()))
    print("min ratings of a reference:", min(counts[m] for m in refs))
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
