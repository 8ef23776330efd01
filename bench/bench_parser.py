"""Parser benchmark: exact-match accuracy per intent and parse latency, against a keyword baseline.

Reads the labelled utterances in bench/parser_utterances.jsonl (written against the demo world's
vocabulary and titles), parses each with our Parser and with a plain keyword matcher, and writes
the figures to docs/benchmarks/parser.md.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_parser.py

An utterance counts as correct when the intent matches and, for a critique, the set of
(alpha, tag) pairs is exactly the expected one (a short list of acceptable tags is allowed where
two vocabulary tags are genuine synonyms); for a selection the index (or the item id when a title
is named); for a reference the item id (None with candidates when the title is ambiguous).

Record fields: `text`, `intent`, `split`; `critiques` as [[alpha, tag or [acceptable tags]], ...];
`index` (1-based, -1 = last) or `item_id` for a selection; `item_id` for a reference. Fields added
for the second blind set (bench/parser_utterances_blind2.jsonl), all optional:

- `category`: what kind of utterance it is (critique, strength, slang, not_understood, compound,
  pick, reference, unknown_title, command, chitchat, off_domain); accuracy is reported per category
  and "chit-chat/off-domain read as a critique" (categories chitchat and off_domain whose parse has
  intent critique) as its own rate.
- On a critique, `item_id` (with `item_title` for the reader) or `index`: a compound request, a
  reference or a pick plus critiques ("Fargo, just less violent", "the second one but less dark").
  Exact then also needs the parse to carry that item id / index. A critique record without either
  needs a parse that carries neither.
- `not_understood: true` (with intent critique and `critiques: []`): an attribute with no
  reasonable tag ("less cheesy"); correct when nothing is grounded: a critique with no critiques
  (tag suggestions) or out_of_scope. (A bare `critiques: []`, as in the first sets, still accepts
  only the critique with suggestions.)
- `unknown_title`: a title the demo catalog lacks ("something like Heat"); the intent is
  reference with `item_id: null`, correct when the parse picks no catalog item and is not a critique
  (a reference with no item id, candidates or not, or out_of_scope).
- `strength`: "weak" ("a bit", "slightly") or "strong" ("way", "much", "a lot"): not part of
  exact; reported as the share of strength-labelled records parsed exactly whose every critique
  has strength < 1 (weak) / > 1 (strong).
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.metrics.stats import percentile  # noqa: E402
from bot.types import Critique, Parse  # noqa: E402

DATA = REPO / "bench" / "parser_utterances.jsonl"
# The record of the second blind set's first measurement, appended to the report (not recomputed).
BLIND2_RECORD = REPO / "bench" / "parser_blind2_record.md"
OUT = REPO / "docs" / "benchmarks" / "parser.md"
# The sequence "on screen" for selections by title: demo items with unambiguous titles.
SHOWN_IDS = (6, 11, 13, 14, 17, 19, 22, 23, 25, 27)


# A record of the first, truly held-out measurement (not recomputed): after it, the test split's
# failures were looked at and fixed, so the table above over-states held-out accuracy.
HISTORY = """
## First held-out measurement (record)

The `test` split (264 utterances) was written before the parser was run on it. Its first
measurement, with the same command, was **96.6 % (255/264)** for our parser against 36.7 % for the
keyword baseline (dev: 98.4 %). The 9 misses were: a shown title named with "I'll take ..."
read as a new reference; "Burning Letters" and "Forgotten Neighbors" made ambiguous by an
article-less duplicate; "... Wild Long Road but funnier"; "oops, undo"; "let's start again" and
"begin again" (a trailing "again" stripped, "start" typo-corrected to "smart"); "who won the
football game last night" ("night" corrected to "fight"); "tell me a joke about cats". Each was
fixed by a general rule (see docs/parser.md), not by adding the utterance, so the current `test`
figure is no longer a held-out estimate: expect the first figure on new text.

The `test2` split (90 utterances) was then written, after those fixes, and measured once:
**94.4 % (85/90)** for our parser, 43.3 % for the baseline. Its 5 misses: "something with more
heart" (grounded to thriller through the cue "heart pounding"), "more like a western" and "more
like a novel" (read as a reference to a fuzzy title), "the pacing is too slow" ("pacing" was an
opposite cue of slow-paced), "less serious" (no tag close enough). They were fixed in the lexicon
and the reference rules; `test3` was written after that.

The `test3` split (78 utterances) was measured once: **93.6 % (73/78)**, baseline 25.6 %. Misses:
"I'd love something funnier" ("love" read as romance), "shorter and faster" ("shorter" grounded
by embedding with the wrong polarity), "option #6", "a movie like Encore of the Gentle Sea" and
"i like turtles" (answered with tag suggestions instead of out of scope). Fixed afterwards,
along with general gaps found by probing unlabelled sentences ("the second one looks good",
"neither horror nor gore", "more action with lots of fighting", "no, I meant comedy").

Pooled over the three first measurements, held-out accuracy was **95.6 % (413/432)**; that, not
the 100 % of the table above, is what to expect on new utterances of the same kind.

## Blind set (written by someone who never saw the parser)

`bench/parser_utterances_blind.jsonl` (200 utterances) was written by a second author who was
not shown the parser's code or its labelled set, only the vocabulary, the intents and the demo
titles. Measured once, before anything was fixed for it:

    .venv/bin/python bench/bench_parser.py --data bench/parser_utterances_blind.jsonl --no-write --failures

**94.5 % (189/200)** for our parser against 48.5 % (97/200) for the keyword baseline. Critiques
99.1 % (114/115), selections 100 % (20/20), references 95 % (19/20), help 5/5; the misses are
the command intents phrased in ways the patterns do not know ("reset everything", "clear
everything and start fresh", "let's begin again from scratch", "revert the last change",
"that's all for today, bye"), three out-of-scope lines read as critiques ("tell me a joke" ->
more comedy, "play some music" -> more musical, "are you a robot?" -> more sci-fi), one
near-tie ("more fights": violent vs action, asked back), and one title inside a longer sentence.
Afterwards the undo/restart/bye patterns were widened (revert the last change, reset
everything, clear everything and start fresh, begin again from scratch, "I'm done, thanks bye",
"that's all for today, bye"); the same command then gives 97.5 % (195/200), which is no longer a
held-out figure: 94.5 % is.

## Two labels of this set changed with the second blind set (2026-12-01)

The second blind set's contract disagreed with two lines here, and the contract changed: "hello"
was labelled help and is now out of scope with `small_talk: "greeting"` (greetings are answered
in kind: a greeting back and what the bot does), and "romcom please" was labelled romance only
and is now romance and comedy (genre blends name both genres). Under the old labels the parser
of that day reads 656/658 on this file, both misses being these two lines.
"""


def load_demo(folder: Path | None):
    """Tags, titles, ids and popularity (rating counts) of the default demo world."""
    from engine.data.demo import DEMO_TAGS, write_demo

    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="cgir-bench-demo-"))
        write_demo(folder)  # deterministic: seed 0, 3,000 items
    with open(folder / "movies.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [int(r["movieId"]) for r in rows]
    titles = [r["title"] for r in rows]
    counts: Counter = Counter()
    with open(folder / "ratings.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            counts[int(r["movieId"])] += 1
    return list(DEMO_TAGS), titles, ids, [counts[i] for i in ids]


class KeywordBaseline:
    """What a few lines of keyword matching get: tag names as substrings, polarity words before."""

    _ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}

    def __init__(self, tags, titles, ids):
        self.tags = list(tags)
        self.titles = {t.lower(): i for t, i in zip(titles, ids)}
        self.bare = {re.sub(r"\s*\(\d{4}\)$", "", t.lower()): i for t, i in zip(titles, ids)}

    def parse(self, text: str, shown=()) -> Parse:
        s = text.lower().strip()
        if not s:
            return Parse("out_of_scope")
        for word, intent in (("undo", "undo"), ("restart", "restart"), ("start over", "restart"),
                             ("help", "help"), ("bye", "bye"), ("quit", "bye")):
            if word in s:
                return Parse(intent)
        for word, index in self._ORD.items():
            if re.search(rf"\b{word}\b", s):
                return Parse("select", index=index)
        m = re.search(r"(?:#|number )?(\d+)$", s)
        if m and len(m.group(1)) <= 2:
            return Parse("select", index=int(m.group(1)))
        for title, item_id in self.bare.items():
            if title and title in s:
                if any(t.lower().startswith(title) for _, t in shown):
                    return Parse("select", item_id=item_id)
                return Parse("reference", item_id=item_id)
        found = []
        for tag in self.tags:
            for variant in {tag, tag.replace("-", " "), tag.replace("-", "")}:
                pos = s.find(variant)
                if pos >= 0:
                    before = s[:pos].split()[-3:]
                    alpha = -1 if any(w in ("less", "fewer", "not", "no", "too", "without")
                                      for w in before) else 1
                    found.append(Critique(alpha, tag, 1.0))
                    break
        if found:
            return Parse("critique", critiques=tuple(found))
        return Parse("out_of_scope")


def correct(parse: Parse, expected: dict) -> bool:
    if "unknown_title" in expected:
        return parse.intent == "out_of_scope" or (parse.intent == "reference" and parse.item_id is None)
    if expected.get("not_understood") and parse.intent == "out_of_scope":
        return True
    if parse.intent != expected["intent"]:
        return False
    intent = expected["intent"]
    if intent == "critique":
        if (parse.item_id, parse.index) != (expected.get("item_id"), expected.get("index")):
            return False
        got = sorted((c.alpha, c.tag) for c in parse.critiques)
        want = expected["critiques"]
        if len(got) != len(want):
            return False
        remaining = list(got)
        for alpha, tag in want:
            options = tag if isinstance(tag, list) else [tag]
            match = next((g for g in remaining if g[0] == alpha and g[1] in options), None)
            if match is None:
                return False
            remaining.remove(match)
        return True
    if intent == "select":
        if "item_id" in expected:
            return parse.item_id == expected["item_id"]
        return parse.index == expected["index"]
    if intent == "reference":
        if expected["item_id"] is None:
            return parse.item_id is None and bool(parse.candidates)
        return parse.item_id == expected["item_id"]
    return True


def evaluate(parser, records, shown, embedded: list[bool] | None = None):
    per_intent: dict[str, list[bool]] = defaultdict(list)
    latencies: list[float] = []
    failures = []
    outcomes: list[tuple[dict, Parse, bool]] = []
    for rec in records:
        calls = getattr(parser, "encoder_calls", 0)
        start = time.perf_counter()
        parse = parser.parse(rec["text"], shown=shown)
        latencies.append((time.perf_counter() - start) * 1000)
        if embedded is not None:
            embedded.append(getattr(parser, "encoder_calls", 0) > calls)
        ok = correct(parse, rec)
        per_intent[rec["intent"]].append(ok)
        outcomes.append((rec, parse, ok))
        if not ok:
            # to_json leaves out a critique's reference; a compound miss needs it shown
            got = parse.to_json() | {k: v for k, v in (("item_id", parse.item_id), ("index", parse.index))
                                     if v is not None}
            failures.append((rec, got))
    return per_intent, latencies, failures, outcomes


CHITCHAT = ("chitchat", "off_domain")


def kept_sections(path: Path) -> str:
    """Sections other benchmarks write into the report (bench_first_reply.py), kept verbatim."""
    start, end = "<!-- first-reply:start -->", "<!-- first-reply:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start not in text or end not in text:
        return ""
    return "\n" + start + text.split(start, 1)[1].split(end, 1)[0] + end + "\n"


def strength_band(parse: Parse) -> str | None:
    strengths = [c.strength for c in parse.critiques]
    if strengths and all(x < 1 for x in strengths):
        return "weak"
    if strengths and all(x > 1 for x in strengths):
        return "strong"
    return None


def category_report(ours: list, base: list) -> str:
    """Exact accuracy per category, chit-chat read as a critique, strength bands ("" without categories)."""
    if not any("category" in rec for rec, _, _ in ours):
        return ""
    by_cat: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for (rec, _, ok), (_, _, ok_base) in zip(ours, base):
        by_cat[rec.get("category", "-")].append((ok, ok_base))
    lines = ["| category | n | ours | keyword baseline |", "|---|---:|---:|---:|"]
    for cat in sorted(by_cat):
        ours_ok, base_ok = zip(*by_cat[cat])
        lines.append(f"| {cat} | {len(ours_ok)} | {pct(list(ours_ok))} | {pct(list(base_ok))} |")

    def as_critique(outcomes: list, with_tag: bool) -> list[bool]:
        return [p.intent == "critique" and (bool(p.critiques) or not with_tag)
                for rec, p, _ in outcomes if rec.get("category") in CHITCHAT]

    strength = [ok and strength_band(p) == rec["strength"] for rec, p, ok in ours if rec.get("strength")]
    lines += [
        "",
        f"Chit-chat/off-domain read as a critique: ours {pct(as_critique(ours, False))} "
        f"(with a tag applied: {pct(as_critique(ours, True))}); keyword baseline "
        f"{pct(as_critique(base, False))}.",
        f"Strength band right (exact parse and every critique's strength < 1 for \"weak\", > 1 for "
        f"\"strong\"), ours: {pct(strength)} of the records labelled with a strength.",
    ]
    return "\n".join(lines) + "\n"


def pct(values: list[bool]) -> str:
    return f"{100 * sum(values) / len(values):.1f} % ({sum(values)}/{len(values)})" if values else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--demo-dir", type=Path, default=None, help="an existing demo world folder")
    ap.add_argument("--data", type=Path, default=DATA, help="a labelled .jsonl file")
    ap.add_argument("--split", default="all", help="one split name of the file, or all")
    ap.add_argument("--no-write", action="store_true", help="print only; leave the docs alone")
    ap.add_argument("--failures", action="store_true", help="list the utterances we get wrong")
    ap.add_argument("--encoder", choices=("minilm", "static"), default="minilm",
                    help="the real MiniLM, or the static table distilled from it (what chat uses)")
    args = ap.parse_args(argv)

    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    tags, titles, ids, popularity = load_demo(args.demo_dir)
    shown = [(i, titles[ids.index(i)]) for i in SHOWN_IDS]

    from bot.nlu.parser import Parser

    start = time.perf_counter()
    static = None
    if args.encoder == "static":
        from bot.runtime import static_encoder

        static = static_encoder(tags)
        ours = Parser(tags, titles, ids, popularity=popularity, encoder=static)
    else:
        ours = Parser(tags, titles, ids, popularity=popularity)
    build_s = time.perf_counter() - start
    ours.grounder.embed(["warm up"])  # the encoder is loaded lazily; a chat warms it while the user types
    encode = ours.grounder._encode

    def counting_encode(texts):
        ours.encoder_calls = getattr(ours, "encoder_calls", 0) + 1
        return encode(texts)

    for name in ("approximate", "precise"):  # a static encoder's hooks (engine.text.static)
        if hasattr(encode, name):
            setattr(counting_encode, name, getattr(encode, name))
    ours.grounder._encode = counting_encode  # to split latency by path (lexicon only / embedding)
    baseline = KeywordBaseline(tags, titles, ids)

    splits = tuple(dict.fromkeys(r["split"] for r in records)) if args.split == "all" else (args.split,)
    table = []
    all_latency: list[float] = []
    embedded: list[bool] = []
    lines_fail = []
    category_tables: list[str] = []
    for split in splits:
        subset = [r for r in records if r.get("split") == split]
        if not subset:
            continue
        ours_res, lat, fails, ours_out = evaluate(ours, subset, shown, embedded)
        base_res, _, _, base_out = evaluate(baseline, subset, shown)
        by_category = category_report(ours_out, base_out)
        if by_category:
            category_tables.append(f"\nSplit `{split}` by category:\n\n{by_category}")
        all_latency += lat
        for intent in sorted(set(ours_res) | set(base_res)):
            table.append((split, intent, len(ours_res[intent]), pct(ours_res[intent]), pct(base_res[intent])))
        table.append((split, "**all**", len(subset), pct(sum(ours_res.values(), [])),
                      pct(sum(base_res.values(), []))))
        for rec, parse, ok in ours_out:
            if ok and rec.get("strength") and strength_band(parse) != rec["strength"]:
                lines_fail.append(f"[{split}] {rec['text']!r}: strength expected {rec['strength']}, got "
                                  f"{[c.strength for c in parse.critiques]}")
        for rec, got in fails:
            want = rec.get("critiques", rec.get("index", rec.get("item_id", "")))
            if rec.get("critiques") and ("item_id" in rec or "index" in rec):
                want = f"{want} on {rec.get('item_id', rec.get('index'))}"
            if "unknown_title" in rec:
                want = f"no item for {rec['unknown_title']!r}:"
            lines_fail.append(f"[{split}] {rec['text']!r}: expected {want} {rec['intent']}, "
                              f"got {json.dumps(got)}")

    try:
        import os

        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    if static is not None:  # phrases the table could not cover went to the real MiniLM
        paths_static = (f"Encoder: the static table ({len(static.table)} texts); "
                        f"{static.fallback_calls} phrases went to the real MiniLM (a word outside the "
                        "table, or a bare phrase not in it).\n")
    else:
        paths_static = "Encoder: the real MiniLM.\n"
    p50, p95 = percentile(all_latency, 50), percentile(all_latency, 95)
    with_model = [x for x, e in zip(all_latency, embedded) if e]
    lexical = [x for x, e in zip(all_latency, embedded) if not e]
    paths = (f"Utterances that needed the encoder: {len(with_model)} (p50 "
             f"{percentile(with_model, 50):.1f} ms, p95 {percentile(with_model, 95):.1f} ms); "
             f"the other {len(lexical)} (lexicon, patterns, titles): p50 {percentile(lexical, 50):.2f} ms, "
             f"p95 {percentile(lexical, 95):.2f} ms.\n") if with_model and lexical else ""
    header = "| split | intent | n | ours | keyword baseline |\n|---|---|---:|---:|---:|\n"
    body = "".join(f"| {s} | {i} | {n} | {a} | {b} |\n" for s, i, n, a, b in table)
    report = (
        "# Parser benchmark\n\n"
        "Exact-match accuracy on (intent, alpha, tag) over `bench/parser_utterances.jsonl` "
        f"({len(records)} utterances written against the demo world), for our parser and a plain "
        "keyword matcher measured in the same run. `dev` was used while developing the parser; "
        "`test`, `test2` and `test3` were each written before the parser saw them, measured once "
        "(records below) and their misses then fixed, so the table shows development figures; "
        "the first measurements (pooled 95.6 %) are the held-out estimate.\n\n"
        "Command (2 CPU cores, shared machine):\n\n"
        "    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_parser.py\n\n"
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}.\n\n"
        + header + body + "".join(category_tables) +
        f"\nParse latency over all {len(all_latency)} utterances (one pass, phrase cache cold, "
        f"model warm): p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(all_latency):.1f} ms.\n"
        + paths + paths_static +
        f"Parser build (tag prototypes embedded, no cache, model load included): {build_s:.1f} s.\n"
        f"Load average while measuring (2 cores, other jobs running): {load}.\n"
        + HISTORY
        + BLIND2_RECORD.read_text(encoding="utf-8")
    )
    print(report)
    if args.failures:
        print("\n".join(lines_fail) or "no failures")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(report + kept_sections(OUT), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
