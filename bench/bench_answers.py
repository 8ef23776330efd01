"""Answers a person accepts (issue 20): blind judging files and the per-system report.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_answers.py --model DIR --split dev \\
        --out runs/answers-dev [--verdicts VERDICTS.json]

For each request of bench/answers/requests.jsonl in `--split` (dev while developing; final only
for the lead's blind run), every system answers and its first 10 titles are kept:

* ``product``: the real DialogueManager (bot.runtime.build_manager) with the default policy,
  used as a user would: the request text as one utterance; when that shows nothing, a second
  try in two turns ("something like <reference>", then "<strength> more|less <attribute>").
* ``list``: the same with the `list` policy.
* ``cosine-10``: the reference's 10 nearest by co-rating cosine on the raw ratings (items with
  >= 5 ratings), ignoring the critique.
* ``item-space-10``: its 10 nearest in the bot's item space, ignoring the critique.
* ``cosine-filtered``: those co-rating neighbours, kept where the bot's estimated degree of the
  critique (as the bot reads the request) moves the asked way, down the list until 10.

Writes to --out: ``judging.jsonl`` (per request: reference, request text, the union of the
systems' titles with year and genres, deduplicated and shuffled with SEED, no system names),
``recheck.jsonl`` (a 20 % sample of those pairs, reshuffled, for the judge's second pass),
``key.json`` (private: each system's titles in order, how the request was sent, the reading) and
``automatic.json`` (per system: shown items' mean co-rating cosine with the reference, raw
ratings, items with >= 5 ratings; share of shown items whose estimated degree moves the asked
way). With --verdicts (JSON: request id -> {title: 0|1|2}) also ``report.json`` / report.md:
per system the mean slot score over 10 slots (missing slots 0) on the 0-2 scale (the issue's
"mean /2" column and its 1.1 target) and divided by 2 (the rubric's 0-1 figure), the share of
2s (good) and of 0s (wrong or missing); a title no verdict scored counts 0 there, so the share
of such slots and the mean over the judged slots only (empty slots still 0) are written too,
and the product's per-request difference from each other system with a paired bootstrap CI.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

REQUESTS = REPO / "bench" / "answers" / "requests.jsonl"
DATA = REPO.parent / "shared" / "data" / "ml-latest-small.zip"
SLOTS = 10
SEED = 20261206
MIN_RATINGS = 5
SYSTEMS = ("product", "list", "cosine-10", "item-space-10", "cosine-filtered")
STRENGTH_WORDS = {"weak": "a bit ", "strong": "much ", "plain": ""}


def read_zip_csv(zip_path: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(zip_path) as archive:
        member = next(n for n in archive.namelist() if n.endswith("/" + name) or n == name)
        with archive.open(member) as handle:
            return list(csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8")))


class Catalog:
    """Titles, years, genres and the raw rating matrix of the MovieLens zip, in model row order."""

    def __init__(self, zip_path: Path, item_ids: np.ndarray):
        self.row_of = {int(i): r for r, i in enumerate(item_ids)}
        movies = {int(m["movieId"]): m for m in read_zip_csv(zip_path, "movies.csv")}
        self.facts = {}
        for movie_id, movie in movies.items():
            year = re.search(r"\((\d{4})\)\s*$", movie["title"])
            self.facts[movie_id] = {"title": movie["title"], "year": int(year.group(1)) if year else None,
                                    "genres": movie["genres"].replace("|", ", ")}
        ratings = read_zip_csv(zip_path, "ratings.csv")
        users = {u: n for n, u in enumerate(sorted({int(r["userId"]) for r in ratings}))}
        kept = [r for r in ratings if int(r["movieId"]) in self.row_of]
        matrix = sp.csr_matrix(
            ([float(r["rating"]) for r in kept],
             ([self.row_of[int(r["movieId"])] for r in kept], [users[int(r["userId"])] for r in kept])),
            shape=(len(item_ids), len(users)))
        self.counts = np.diff(matrix.indptr)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        self.unit = sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix

    def cosine(self, row: int) -> np.ndarray:
        """(n_items,) raw-rating cosine with `row`; NaN for items with fewer than MIN_RATINGS."""
        values = np.asarray((self.unit @ self.unit[row].T).todense()).ravel()
        return np.where(self.counts >= MIN_RATINGS, values, np.nan)


def ask(manager, request: dict) -> tuple[list[int], str]:
    """Item ids the manager shows for a request, used as a user would; and how it was asked."""
    session = manager.new_session_id()
    reply = manager.handle(session, request["text"])
    if reply.sequence:
        return [s.item_id for s in reply.sequence], "one utterance"
    session = manager.new_session_id()
    manager.handle(session, f"something like {request['reference']}")
    word = "more" if request["direction"] > 0 else "less"
    reply = manager.handle(session, f"{STRENGTH_WORDS[request['strength']]}{word} {request['attribute']}")
    return [s.item_id for s in reply.sequence], "two turns"


def reading(manager, request: dict):
    """The bot's reading of the request's critique: Modifications, or () when none."""
    from bot.dialogue.critique_axes import critique_modifications, read_unread

    parse = manager.parser.parse(request["text"])
    critiques = tuple(parse.critiques) or read_unread(manager.retriever, parse.unread)
    critiques = tuple(c for c in critiques if c.tag in manager.retriever.tags and not c.candidates)
    return critique_modifications(manager.retriever, critiques) if critiques else ()


def moves_asked_way(retriever, reference: int, rows: list[int], mods) -> np.ndarray:
    """Per row: does every attribute as the bot reads it move the way it reads it asked
    (estimated degrees)? A reading's direction is the bot's ("less violent" may be read as
    "more family"); the key file keeps each reading for checking."""
    ok = np.ones(len(rows), dtype=bool)
    for m in mods:
        degrees = retriever.modification_degrees(m)
        ok &= m.alpha * (degrees[rows] - degrees[reference]) > 0
    return ok


def read_requests(split: str, path: Path = REQUESTS) -> list[dict]:
    return [r for r in map(json.loads, path.read_text().splitlines())
            if split == "all" or r["split"] == split]


def run(model: Path, split: str, out: Path, data: Path, path: Path = REQUESTS) -> None:
    from bot.runtime import build_manager

    requests = read_requests(split, path)
    home = Path(tempfile.mkdtemp(prefix="bench-answers-"))
    managers = {p: build_manager(model, f"sqlite:///{home / (p + '.db')}", policy=p, warm_up=False)
                for p in ("adaptive", "list")}
    retriever = managers["adaptive"].retriever
    trained = retriever.n_shown  # the baselines rank the trained films, as the product shows only those
    catalog = Catalog(data, retriever.item_ids[:trained])
    vectors = retriever.item_vectors[:trained]
    h = vectors / np.maximum(np.linalg.norm(vectors, axis=1), 1e-12)[:, None]
    key, judging, automatic = {}, [], {s: {"cosine": [], "moves": [], "shown": 0} for s in SYSTEMS}
    rng = random.Random(SEED)
    for request in requests:
        ref = catalog.row_of[request["movie_id"]]
        mods = reading(managers["adaptive"], request)
        shown, sent = {}, {}
        for system, policy in (("product", "adaptive"), ("list", "list")):
            ids, sent[system] = ask(managers[policy], request)
            shown[system] = [catalog.row_of[i] for i in ids[:SLOTS]]
        cosine = catalog.cosine(ref)
        order = [r for r in np.argsort(-np.nan_to_num(cosine, nan=-2.0), kind="stable") if r != ref]
        shown["cosine-10"] = [int(r) for r in order[:SLOTS]]
        space = h @ h[ref]
        shown["item-space-10"] = [int(r) for r in np.argsort(-space, kind="stable") if r != ref][:SLOTS]
        head = [int(r) for r in order[:400]]
        moving = moves_asked_way(retriever, ref, head, mods) if mods else []
        shown["cosine-filtered"] = [r for r, ok in zip(head, moving) if ok][:SLOTS]
        titles = {s: [catalog.facts[int(retriever.item_ids[r])]["title"] for r in rows]
                  for s, rows in shown.items()}
        for system, rows in shown.items():
            values = cosine[rows] if rows else np.zeros(0)
            automatic[system]["cosine"] += [float(v) for v in values if np.isfinite(v)]
            if mods and rows:
                automatic[system]["moves"] += moves_asked_way(retriever, ref, rows, mods).tolist()
            automatic[system]["shown"] += len(rows)
        pooled = sorted({t for ts in titles.values() for t in ts})
        rng.shuffle(pooled)
        by_title = {f["title"]: f for f in catalog.facts.values()}
        judging.append({"id": request["id"], "reference": catalog.facts[request["movie_id"]],
                        "request": request["text"], "candidates": [by_title[t] for t in pooled]})
        key[request["id"]] = {"systems": titles, "sent": sent,
                              "reading": [{"tag": retriever.tags[m.tag], "alpha": m.alpha,
                                           "weight": m.weight,
                                           "reading": getattr(m.grounding, "label", None)}
                                          for m in mods]}
    out.mkdir(parents=True, exist_ok=True)
    (out / "judging.jsonl").write_text("".join(json.dumps(j) + "\n" for j in judging))
    (out / "key.json").write_text(json.dumps(key, indent=1))
    # the rubric's agreement check: 20 % of the (request, candidate) pairs, in a fresh shuffle
    pairs = [{"id": j["id"], "reference": j["reference"], "request": j["request"], "candidate": c}
             for j in judging for c in j["candidates"]]
    recheck = random.Random(SEED + 1).sample(pairs, round(0.2 * len(pairs)))
    (out / "recheck.jsonl").write_text("".join(json.dumps(p) + "\n" for p in recheck))
    figures = {s: {"mean_cosine": round(float(np.mean(a["cosine"])), 4) if a["cosine"] else None,
                   "moves_asked_way": round(float(np.mean(a["moves"])), 4) if a["moves"] else None,
                   "shown_per_request": round(a["shown"] / max(len(requests), 1), 2)}
               for s, a in automatic.items()}
    (out / "automatic.json").write_text(json.dumps({"split": split, "requests": len(requests),
                                                    "model": str(model), "systems": figures}, indent=1))
    print(f"wrote {out}/judging.jsonl, key.json, automatic.json ({len(requests)} requests, {split})")


def report(out: Path, verdicts_file: Path, split: str = "all", path: Path = REQUESTS) -> dict:
    """Per-system judged figures from the verdicts and the key (missing slots score 0), over the
    requests of `split`; written as report-<split>.json / .md (report.json / .md for all)."""
    key = json.loads((out / "key.json").read_text())
    if split != "all":
        wanted = {r["id"] for r in read_requests(split, path)}
        key = {k: v for k, v in key.items() if k in wanted}
    verdicts = json.loads(verdicts_file.read_text())
    result, per_request = {}, {}
    for system in (s for s in SYSTEMS if all(s in e["systems"] for e in key.values())):
        slots, known = [], []
        for request_id, entry in key.items():
            judged = verdicts.get(request_id, {})
            titles = entry["systems"][system][:SLOTS]
            slots += [int(judged.get(t, 0)) for t in titles] + [0] * (SLOTS - len(titles))
            known += [t in judged for t in titles] + [True] * (SLOTS - len(titles))  # empty: a known 0
        slots, known = np.asarray(slots), np.asarray(known)
        per_request[system] = slots.reshape(-1, SLOTS).mean(axis=1)
        # the tables give the mean on the 0-2 scale ("mean /2"), the rubric divides it
        # by 2: both are written, named by their scale
        result[system] = {"mean_0_to_2": round(float(slots.mean()), 4),
                          "mean_divided_by_2": round(float(slots.mean() / 2), 4),
                          "good": round(float((slots == 2).mean()), 4),
                          "wrong_or_missing": round(float((slots == 0).mean()), 4),
                          "slots": int(len(slots)),
                          # a title no verdict scored counts 0 above; these leave it out instead
                          "unjudged_share": round(float(1 - known.mean()), 4),
                          "mean_0_to_2_judged_slots": round(float(slots[known].mean()), 4) if known.any() else None}
    for system in (s for s in per_request if s != "product" and "product" in per_request):
        result[system]["product_minus_this"] = paired_difference(per_request["product"], per_request[system])
    name = "report" if split == "all" else f"report-{split}"
    (out / f"{name}.json").write_text(json.dumps(result, indent=1))
    lines = ["| system | mean (0-2) | mean / 2 (0-1) | good | wrong or missing | unjudged slots "
             "(counted 0) | mean (0-2) of the judged slots |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {s} | {r['mean_0_to_2']:.2f} | {r['mean_divided_by_2']:.2f} | {r['good']:.0%} "
              f"| {r['wrong_or_missing']:.0%} | {r['unjudged_share']:.0%} "
              f"| {r['mean_0_to_2_judged_slots']:.2f} |" for s, r in result.items()]
    lines += ["", "| product minus | mean per request (0-2) | 95 % CI (paired bootstrap) | requests better | worse |",
              "|---|---|---|---|---|"]
    lines += [f"| {s} | {d['mean']:+.3f} | [{d['low']:+.3f}, {d['high']:+.3f}] | {d['better']} | {d['worse']} |"
              for s, r in result.items() if (d := r.get("product_minus_this"))]
    (out / f"{name}.md").write_text("\n".join(lines) + "\n")
    return result


def paired_difference(a: np.ndarray, b: np.ndarray, draws: int = 5000, seed: int = 0) -> dict:
    """Mean per-request difference a - b with a 95 % percentile bootstrap over requests (seeded),
    and how many requests a scores above and below b."""
    diff = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    means = diff[np.random.default_rng(seed).integers(0, len(diff), (draws, len(diff)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return {"mean": round(float(diff.mean()), 4), "low": round(float(low), 4), "high": round(float(high), 4),
            "better": int((diff > 0).sum()), "worse": int((diff < 0).sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="checkpoint trained on ml-latest-small")
    parser.add_argument("--split", choices=("dev", "final", "all"), default="dev")
    parser.add_argument("--out", type=Path, required=True, help="folder for the files")
    parser.add_argument("--data", type=Path, default=DATA, help="the ml-latest-small zip")
    parser.add_argument("--requests", type=Path, default=REQUESTS,
                        help="requests, one JSON per line (default: the 84 of bench/answers); a later "
                             "held-out set in the same form runs through every system the same way")
    parser.add_argument("--verdicts", type=Path, default=None,
                        help="judge's verdicts (request id -> {title: 0|1|2}): write the report only")
    args = parser.parse_args()
    if args.verdicts is not None:
        report(args.out, args.verdicts, args.split, args.requests)
        print(f"wrote the {args.split} report to {args.out}")
        return
    if not args.data.is_file():
        sys.exit(f"{args.data} is missing: this benchmark needs the ml-latest-small zip")
    run(args.model, args.split, args.out, args.data, args.requests)


if __name__ == "__main__":
    main()
