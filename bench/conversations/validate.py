"""Validates conversations.jsonl against the MovieLens ml-latest-small catalog.

Reads movies.csv / ratings.csv straight from the zip (nothing is copied into the repo).
Usage: python3 validate.py [path/to/ml-latest-small.zip]
Exit status 0 when every check passes.
"""
import collections
import csv
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/ml-latest-small.zip"

CATEGORIES = {"title": 40, "reference_in_sentence": 25, "time": 25, "polarity": 20, "cannot_judge": 15,
              "why": 15, "cards": 10, "more": 10, "seen": 10, "pick_by_description": 12, "jump": 6,
              "about": 8, "not_a_title": 6}
EXPECT_KEYS = {"reference", "asks_which", "mentions", "critiques", "years", "shown_years_within", "act",
               "picked_rank", "not_shown_again", "excluded_stays_out"}
ACTS = {"answer", "explain", "cannot_judge", "about", "more", "exclude", "pick", "jump", "clarify"}
ARTICLES = r"(the|a|an|le|la|les|l'|el|il|das|der|die|det)"


def load_catalog(path):
    z = zipfile.ZipFile(path)
    movies = list(csv.DictReader(io.TextIOWrapper(z.open("ml-latest-small/movies.csv"), encoding="utf-8")))
    counts = collections.Counter()
    for r in csv.DictReader(io.TextIOWrapper(z.open("ml-latest-small/ratings.csv"), encoding="utf-8")):
        counts[r["movieId"]] += 1
    titles = collections.Counter(m["title"] for m in movies)
    nratings = {}
    for m in movies:
        nratings[m["title"]] = nratings.get(m["title"], 0) + counts[m["movieId"]]
    return titles, nratings


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"^a\.k\.a\.\s*|^aka\s+", "", s.strip())
    m = re.match(r"^(.*), " + ARTICLES + r"$", s)
    if m:
        s = m.group(2) + " " + m.group(1)
    s = re.sub(r"^" + ARTICLES + r"\s+", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def aliases(title):
    m = re.match(r"^(.*) \((\d{4})\)\s*$", title.strip())
    if not m:
        return set(), None
    body, year = m.group(1), int(m.group(2))
    parts = re.findall(r"\(([^()]*)\)", body)
    main = re.sub(r"\s*\([^()]*\)", "", body)
    return {norm(a) for a in [main] + parts if norm(a)}, year


def main():
    titles, nratings = load_catalog(ZIP)
    alias_index = collections.defaultdict(set)
    info = {}
    for t in titles:
        al, year = aliases(t)
        info[t] = (al, year)
        for a in al:
            alias_index[a].add(t)

    def namesakes(t):
        group = set()
        for a in info[t][0]:
            group |= alias_index[a]
        return group

    errors, warnings, namesake_refs = [], [], []
    ids = set()
    per = collections.Counter()
    path = os.path.join(HERE, "conversations.jsonl")
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    for ln_no, line in enumerate(lines, 1):
        try:
            c = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append("line %d: bad JSON (%s)" % (ln_no, e))
            continue
        cid = c.get("id")
        if cid in ids:
            errors.append("%s: duplicate id" % cid)
        ids.add(cid)
        if c.get("category") not in CATEGORIES:
            errors.append("%s: unknown category %r" % (cid, c.get("category")))
        if c.get("split") not in ("dev", "final"):
            errors.append("%s: bad split" % cid)
        per[(c.get("category"), c.get("split"))] += 1
        turns = c.get("turns", [])
        if not 2 <= len(turns) <= 5:
            errors.append("%s: %d turns (need 2-5)" % (cid, len(turns)))
        for i, turn in enumerate(turns):
            where = "%s turn %d" % (cid, i + 1)
            user, exp = turn.get("user"), turn.get("expect")
            if not isinstance(user, str) or not user.strip() or not isinstance(exp, dict):
                errors.append(where + ": missing user text or expect")
                continue
            extra = set(turn) - {"user", "expect", "note"}
            if extra:
                errors.append(where + ": unknown turn keys %s" % extra)
            bad = set(exp) - EXPECT_KEYS
            if bad:
                errors.append(where + ": unknown expect keys %s" % bad)
            if "act" in exp and exp["act"] not in ACTS:
                errors.append(where + ": bad act %r" % exp["act"])
            for k in ("asks_which", "shown_years_within", "not_shown_again", "excluded_stays_out"):
                if k in exp and not isinstance(exp[k], bool):
                    errors.append(where + ": %s must be bool" % k)
            if "critiques" in exp:
                for cr in exp["critiques"]:
                    if not (isinstance(cr, list) and len(cr) == 2 and cr[0] in (1, -1) and isinstance(cr[1], str)):
                        errors.append(where + ": bad critique %r" % (cr,))
                    elif cr[1].lower() not in user.lower():
                        errors.append(where + ": critique word %r is not the user's own word" % cr[1])
            if "years" in exp:
                y = exp["years"]
                if set(y) != {"min", "max"}:
                    errors.append(where + ": years needs min and max")
                elif y["min"] is not None and y["max"] is not None and y["min"] > y["max"]:
                    errors.append(where + ": years min > max")
            if "picked_rank" in exp:
                pr = exp["picked_rank"]
                ok = (pr.get("by") == "degree" and isinstance(pr.get("word"), str) and pr.get("extreme") in ("max", "min")) \
                    or (pr.get("by") == "year" and (pr.get("extreme") in ("max", "min") or isinstance(pr.get("equals"), int))) \
                    or (pr.get("by") == "position" and isinstance(pr.get("index"), int))
                if not ok:
                    errors.append(where + ": bad picked_rank %r" % pr)
                if exp.get("act") != "pick":
                    errors.append(where + ": picked_rank without act pick")
            if "mentions" in exp and not all(isinstance(m, str) and m for m in exp["mentions"]):
                errors.append(where + ": bad mentions")
            ref = exp.get("reference")
            if ref is None:
                continue
            if titles.get(ref, 0) != 1:
                errors.append(where + ": reference %r is %s in movies.csv" %
                              (ref, "missing" if ref not in titles else "not unique"))
                continue
            group = namesakes(ref)
            year = info[ref][1]
            user_gives_year = bool(re.search(r"\b(1[89]\d\d|20\d\d)\b", user))
            # a title named without a year must resolve to the most-rated namesake
            if len(group) > 1 and not user_gives_year and (i == 0 or "mentions" in exp):
                best = max(group, key=lambda t: nratings[t])
                if best != ref:
                    errors.append(where + ": %r is not the most-rated namesake (%r, %d vs %d ratings)" %
                                  (ref, best, nratings[best], nratings[ref]))
            if len(group) > 1 and not user_gives_year and i == 0:
                namesake_refs.append((cid, ref, sorted(group - {ref})))
            if exp.get("asks_which") is False and "mentions" in exp:
                others = {str(info[t][1]) for t in group if t != ref}
                for m in exp["mentions"]:
                    if re.fullmatch(r"\d{4}", m) and m not in others:
                        errors.append(where + ": mentions %s but no namesake of %r has that year" % (m, ref))
                if len(group) < 2:
                    errors.append(where + ": mentions a namesake but %r has none" % ref)
            if len(group) > 1 and "mentions" not in exp and c["category"] == "title" and not user_gives_year \
                    and i == 0:
                warnings.append(where + ": %r has namesakes %s but no mentions expectation" %
                                (ref, sorted(group - {ref})))
    for cat, need in CATEGORIES.items():
        n = per[(cat, "dev")] + per[(cat, "final")]
        if n < need:
            errors.append("category %s has %d conversations (< %d)" % (cat, n, need))
        if abs(per[(cat, "dev")] - per[(cat, "final")]) > 1:
            errors.append("category %s split unbalanced" % cat)
    print("%-24s %5s %5s %5s" % ("category", "dev", "final", "total"))
    for cat in CATEGORIES:
        d, f_ = per[(cat, "dev")], per[(cat, "final")]
        print("%-24s %5d %5d %5d" % (cat, d, f_, d + f_))
    print("%-24s %5d %5d %5d" % ("ALL", sum(v for (c_, s), v in per.items() if s == "dev"),
                                  sum(v for (c_, s), v in per.items() if s == "final"), len(ids)))
    print("first-turn references with namesakes (checked most-rated):")
    for cid, ref, others in namesake_refs:
        print("  %s %s  (others: %s)" % (cid, ref, "; ".join(others)))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else "%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
