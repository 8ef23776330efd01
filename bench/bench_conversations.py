"""Blind conversation benchmark: the real dialogue manager on bench/conversations/conversations.jsonl.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_conversations.py MODEL \
        [--split dev|final|all] [--category title] [--failures FILE] [--policy adaptive]

MODEL is an ml-latest-small checkpoint folder; when it holds no checkpoint, one is trained there
first from /work/shared/data/ml-latest-small.zip (`cgir train`, a minute or two). The manager is the
one every channel uses (`bot.runtime.build_manager`) on a temporary SQLite store; every
conversation runs in a fresh session. The set's schema is in bench/conversations/README.md.

A turn passes when every expectation it states holds on the bot's `bot.types.Reply`; a
conversation passes when every one of its turns passes. How each expectation is read:

- `reference`: `Reply.current.title` equals the movies.csv title.
- `asks_which`: the reply is a clarification whose buttons name at least two catalog titles
  (true) / is not (false).
- `mentions`: each string occurs in `Reply.text` (case-insensitive).
- `critiques`: for each [dir, word], one critique understood this turn (`Reply.critiques`: dicts
  with alpha, tag, phrase, flipped) with alpha == dir whose phrase or tag matches the word's stem
  (a `flipped` critique, read through its tag's opposite, was said with direction -alpha on its
  phrase: "more mindless" = alpha -1 on thought-provoking, phrase "mindless"). A word
  that carries its own negation ("unfunny", "humourless") also matches the opposite alpha on the
  tag of its base ("more unfunny" read as "less funny" is the same request); a reading whose tag
  matches the negated word itself must keep the direction ("more mindless" as "less mindless"
  fails). `[]` means nothing was understood. On a Reply without `critiques` (before that field
  existed) the reply's single `tag`/`alpha` stands in, with no phrase.
- `years`: `Reply.years` equals {"min", "max"}; a cleared filter may also be None.
- `shown_years_within`: a non-empty `Reply.sequence` whose every title's year lies inside
  `Reply.years`, which must hold at least one bound.
- `act`: "answer" = intent critique or reference with a non-empty sequence; "pick" = intent
  select; "clarify" = `Reply.clarification`; the others ("explain", "about", "more", "exclude",
  "jump", "cannot_judge") = that intent.
- `picked_rank`: `Reply.current` compared with the previous reply's sequence: by position; by
  the year in the titles (max/min/equals); by degree, over the shown items, on the bot's own
  reading of "more <word>" (`bot.dialogue.critique_axes.attribute_grounding`: the degrees a
  critique with that word walks, the reading `cgir eval judgments` scores against people), else,
  for a word the bot does not read as a critique, the degree model's reading of the word
  (`DegreeModel.ground(word)`; always that one before 2026-12-06 and with --raw-degree-reading:
  for a tag word it is a blend the bot never walks, "scary" -> horror + thriller + sci-fi); the
  picked item's degree must equal the extreme to two decimals (exactly, before 2026-12-06).
- `not_shown_again`: no item of `Reply.sequence` was in an earlier reply's sequence.
- `excluded_stays_out`: no item of `Reply.sequence` is one the user excluded so far. Excluded
  items are read from the text of turns whose act is "exclude", independently of the bot:
  ordinals/numbers name positions of the previous list; otherwise words like "all", "those",
  "these", "them", "everything", "list" exclude the whole previous list; otherwise the most-rated
  catalog title whose plain form appears in the text (a minimal reading; see `excluded_by`).

Writes the per-category x split table to stdout and each failing turn (with the bot's reply)
to --failures (JSONL, default: $TMPDIR/conversations_failures.jsonl).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO / "bench" / "conversations" / "conversations.jsonl"
ZIP = REPO.parent / "shared" / "data" / "ml-latest-small.zip"
CATEGORY_ORDER = ("title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why", "cards",
                  "more", "seen", "pick_by_description", "jump", "about", "not_a_title")
YEAR = re.compile(r"\((\d{4})[^()]*\)\s*$")
NEGATED = re.compile(r"^(un|non)(?=[a-z]{4})|(less|lessly|lessness)$")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}
TIE = 0.005  # degrees equal to two decimals, as replies show them, tie on a pick by degree
WHOLE_LIST = re.compile(r"\b(all|everything|those|these|them|list|every one)\b")


# -- reading the reply -------------------------------------------------------------------------

def year_of(title: str) -> int | None:
    m = YEAR.search(title)
    return int(m.group(1)) if m else None


def stem(word: str) -> str:
    """A crude stem, enough to match a user's word to a phrase or tag ("scarier" ~ "scary")."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("our", "or")  # humour ~ humor
    for suffix, repl in (("iest", "i"), ("ier", "i"), ("ily", "i"), ("ness", ""), ("est", ""),
                         ("er", ""), ("ly", ""), ("ing", ""), ("ed", ""), ("s", ""), ("y", "i"), ("e", "")):
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def stems_match(a: str, b: str) -> bool:
    sa, sb = stem(a), stem(b)
    if not sa or not sb:
        return False
    common = 0
    for x, y in zip(sa, sb):
        if x != y:
            break
        common += 1
    return common >= min(5, len(sa), len(sb))


def word_matches(word: str, text: str) -> bool:
    """Every token of `word` matches some token of `text` by stem."""
    tokens = re.findall(r"[a-z]+", text.lower())
    return bool(tokens) and all(any(stems_match(w, t) for t in tokens) for w in re.findall(r"[a-z]+", word.lower()))


def base_of_negated(word: str) -> str | None:
    """'unfunny' -> 'funny', 'humourless' -> 'humour'; None when the word carries no negation."""
    w = word.lower()
    m = NEGATED.search(w)
    if not m:
        return None
    return w[m.end():] if m.group(1) else w[: m.start()]


def understood(reply) -> list[dict]:
    crits = getattr(reply, "critiques", None)
    if crits is not None:
        return [c if isinstance(c, dict) else dict(vars(c)) for c in crits]
    if reply.tag and reply.alpha is not None:
        return [{"alpha": reply.alpha, "tag": reply.tag, "phrase": ""}]
    return []


def critique_found(direction: int, word: str, crits: list[dict]) -> bool:
    for c in crits:
        phrase, tag = str(c.get("phrase") or ""), str(c.get("tag") or "")
        # A phrase read through its tag's opposite ("mindless" for thought-provoking) was said
        # in the other direction: the user's direction on their own word is -alpha.
        said = -int(c["alpha"]) if c.get("flipped") else int(c["alpha"])
        if (said == direction and word_matches(word, phrase)) or (int(c["alpha"]) == direction and word_matches(word, tag)):
            return True
        base = base_of_negated(word)
        if (base and int(c["alpha"]) == -direction and word_matches(base, tag)
                and not word_matches(word, tag)):
            return True
    return False


def asks_which(reply, titles: set[str]) -> bool:
    return bool(reply.clarification) and sum(b.title in titles for b in reply.buttons) >= 2


def act_of(reply) -> set[str]:
    acts = {reply.intent}
    if reply.intent in ("critique", "reference") and reply.sequence:
        acts.add("answer")
    if reply.intent == "select":
        acts.add("pick")
    if reply.clarification:
        acts.add("clarify")
    return acts


def years_of(reply) -> dict | None:
    years = getattr(reply, "years", None)
    if years is None or (years.get("min") is None and years.get("max") is None):
        return None
    return {"min": years.get("min"), "max": years.get("max")}


# -- excluded items, read from the user's words ------------------------------------------------

def plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def plain_title(title: str) -> str:
    body = re.sub(r"\s*\([^()]*\)", "", title)
    m = re.match(r"^(.*), (the|a|an)$", body.strip(), re.I)
    if m:
        body = m.group(1)
    return plain(re.sub(r"^(the|a|an)\s+", "", body.strip(), flags=re.I))


def excluded_by(text: str, previous: list[int], catalog) -> set[int]:
    """Item ids a user's exclusion names: positions of the previous list, the whole list, a title."""
    words = plain(text)
    positions = [int(n) for n in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", words) if 0 < int(n) <= 20]
    positions += [v for k, v in ORDINALS.items() if re.search(rf"\b{k}\b", words)]
    if positions:
        return {previous[p - 1 if p > 0 else p] for p in positions if -len(previous) <= (p - 1 if p > 0 else p) < len(previous)}
    if WHOLE_LIST.search(words):
        return set(previous)
    best = None
    for item_id, title, popularity in catalog:
        key = plain_title(title)
        if len(key) >= 3 and re.search(rf"\b{re.escape(key)}\b", words):
            if best is None or popularity > best[1]:
                best = (item_id, popularity)
    return {best[0]} if best else set()


# -- one turn ----------------------------------------------------------------------------------

class Context:
    """What the checks need from the conversation so far and the catalog."""

    def __init__(self, retriever, parser=None):
        self.retriever = retriever
        self.parser = parser
        self.titles = set(retriever.titles)
        self.catalog = [(int(i), t, int(p)) for i, t, p in zip(retriever.item_ids, retriever.titles, retriever.popularity)]
        self.shown: set[int] = set()
        self.excluded: set[int] = set()
        self.previous: list = []  # the previous reply's sequence

    def degrees(self, word: str, item_ids: list[int]) -> list[float] | None:
        from bot.dialogue.critique_axes import attribute_grounding

        r = self.retriever
        reading = attribute_grounding(self.parser, r, word) if self.parser is not None else None
        grounding, sign = (reading.grounding, reading.sign) if reading is not None else (r.degree_model.ground(word), 1)
        if grounding is None:
            return None
        values = r.grounding_degrees(grounding)
        return [sign * float(values[r.title_resolver.row_of_id(i)]) for i in item_ids]


def check_turn(expect: dict, user: str, reply, ctx: Context) -> list[str]:
    """The names of the expectations this reply fails (with a short reason)."""
    fails: list[str] = []
    current = reply.current.title if reply.current else None
    if "reference" in expect and current != expect["reference"]:
        fails.append(f"reference: {current!r} != {expect['reference']!r}")
    if "asks_which" in expect and asks_which(reply, ctx.titles) != expect["asks_which"]:
        fails.append(f"asks_which: expected {expect['asks_which']}")
    for s in expect.get("mentions", []):
        if s.lower() not in reply.text.lower():
            fails.append(f"mentions: {s!r} not in text")
    if "critiques" in expect:
        crits = understood(reply)
        if expect["critiques"] == [] and crits:
            fails.append(f"critiques: expected none, got {[(c['alpha'], c['tag']) for c in crits]}")
        for direction, word in expect["critiques"]:
            if not critique_found(direction, word, crits):
                fails.append(f"critiques: [{direction}, {word!r}] not in {[(c['alpha'], c['tag'], c.get('phrase')) for c in crits]}")
    years = years_of(reply)
    if "years" in expect:
        want = expect["years"]
        want = None if want["min"] is None and want["max"] is None else want
        if years != want:
            fails.append(f"years: {years} != {want}")
    if expect.get("shown_years_within"):
        shown = [year_of(s.title) for s in reply.sequence]
        lo = (years or {}).get("min") or -10**9
        hi = (years or {}).get("max") or 10**9
        if years is None or not shown or any(y is None or not lo <= y <= hi for y in shown):
            fails.append(f"shown_years_within: years {years}, shown {shown}")
    if "act" in expect and expect["act"] not in act_of(reply):
        fails.append(f"act: {expect['act']!r} not in {sorted(act_of(reply))}")
    if "picked_rank" in expect:
        fails += check_pick(expect["picked_rank"], reply, ctx)
    ids = [s.item_id for s in reply.sequence]
    if expect.get("not_shown_again") and (not ids or set(ids) & ctx.shown):
        fails.append(f"not_shown_again: {len(set(ids) & ctx.shown)} of {len(ids)} shown before")
    if expect.get("act") == "exclude":
        ctx.excluded |= excluded_by(user, [s.item_id for s in ctx.previous], ctx.catalog)
    if expect.get("excluded_stays_out") and set(ids) & ctx.excluded:
        fails.append(f"excluded_stays_out: {len(set(ids) & ctx.excluded)} excluded items shown")
    return fails


def check_pick(rank: dict, reply, ctx: Context) -> list[str]:
    shown = ctx.previous
    if reply.current is None or not shown:
        return ["picked_rank: no current item or no list shown before"]
    picked = reply.current.item_id
    ids = [s.item_id for s in shown]
    if rank["by"] == "position":
        i = rank["index"]
        ok = -len(ids) <= i < len(ids) and ids[i] == picked
    elif rank["by"] == "year":
        years = [year_of(s.title) or 0 for s in shown]
        mine = year_of(reply.current.title)
        if "equals" in rank:
            ok = mine == rank["equals"]
        else:
            ok = picked in ids and mine == (max(years) if rank["extreme"] == "max" else min(years))
    else:
        values = ctx.degrees(rank["word"], ids)
        if values is None or picked not in ids:
            ok = False
        else:
            best = max(values) if rank["extreme"] == "max" else min(values)
            ok = abs(values[ids.index(picked)] - best) < TIE
    return [] if ok else [f"picked_rank: {rank} not met by {reply.current.title!r}"]


# -- the run -----------------------------------------------------------------------------------

def ensure_model(model: Path) -> Path:
    from engine.models.checkpoint import load_retriever

    try:
        load_retriever(model)
        if ZIP.exists():  # the titles ml-latest-small holds beyond the model, for checkpoints made
            from engine.retrieval.outside import remember_outside_titles  # before `cgir train` wrote them

            remember_outside_titles(model, ZIP)
        return model
    except Exception:  # noqa: BLE001 - no checkpoint there yet: train one
        if not ZIP.exists():
            sys.exit(f"no checkpoint in {model} and no {ZIP} to train one from")
        print(f"training an ml-latest-small model into {model} ...", file=sys.stderr)
        subprocess.run([str(Path(sys.executable).parent / "cgir"), "train", str(ZIP), "--out", str(model)], check=True)
        return model


def reply_summary(reply) -> dict:
    return {
        "intent": reply.intent, "text": reply.text[:600],
        "current": reply.current.title if reply.current else None,
        "sequence": [s.title for s in reply.sequence],
        "critiques": understood(reply), "years": getattr(reply, "years", None),
        "clarification": reply.clarification,
    }


def run(args: argparse.Namespace) -> int:
    from bot.runtime import build_manager

    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if args.split in ("all", r["split"]) and (not args.category or r["category"] == args.category)]
    model = ensure_model(Path(args.model))
    tmp = tempfile.TemporaryDirectory()
    manager = build_manager(model, f"sqlite:///{tmp.name}/bench.db", policy=args.policy, progress=False,
                            warm_up=False)
    failures, results = [], defaultdict(lambda: [0, 0])
    turns = turn_fails = 0
    start = time.perf_counter()
    for conv in rows:
        sid = manager.new_session_id()
        ctx = Context(manager.retriever, None if args.raw_degree_reading else manager.parser)
        ok = True
        for k, turn in enumerate(conv["turns"]):
            reply = manager.handle(sid, turn["user"])
            fails = check_turn(turn["expect"], turn["user"], reply, ctx)
            turns += 1
            if fails:
                ok = False
                turn_fails += 1
                failures.append({"id": conv["id"], "category": conv["category"], "split": conv["split"],
                                 "turn": k, "user": turn["user"], "expect": turn["expect"], "fails": fails,
                                 "reply": reply_summary(reply)})
            ctx.shown |= {s.item_id for s in reply.sequence}
            if reply.sequence:
                ctx.previous = list(reply.sequence)
        results[(conv["category"], conv["split"])][0 if ok else 1] += 1
    seconds = time.perf_counter() - start
    manager.close()
    tmp.cleanup()
    args.failures.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures))
    print(table(results))
    passed = sum(v[0] for v in results.values())
    total = sum(sum(v) for v in results.values())
    print(f"\nconversations: {passed}/{total} = {100 * passed / max(total, 1):.1f} %; "
          f"turns failing: {turn_fails}/{turns}; {seconds:.0f} s; failures in {args.failures}")
    return 0


def table(results: dict) -> str:
    splits = sorted({s for _, s in results}, key=lambda s: ("dev", "final").index(s) if s in ("dev", "final") else 9)
    lines = ["| category | " + " | ".join(splits) + " | all |", "|---|" + "---:|" * (len(splits) + 1)]
    cats = [c for c in CATEGORY_ORDER if any(k[0] == c for k in results)]
    cats += sorted({c for c, _ in results} - set(cats))
    totals = defaultdict(lambda: [0, 0])
    for c in cats:
        cells, p_all, n_all = [], 0, 0
        for s in splits:
            p, f = results.get((c, s), (0, 0))
            cells.append(f"{p}/{p + f}")
            totals[s][0] += p
            totals[s][1] += p + f
            p_all, n_all = p_all + p, n_all + p + f
        lines.append(f"| {c} | " + " | ".join(cells) + f" | {p_all}/{n_all} |")
    p_all = sum(v[0] for v in totals.values())
    n_all = sum(v[1] for v in totals.values())
    cells = [f"**{p}/{n} = {100 * p / max(n, 1):.1f} %**" for p, n in (totals[s] for s in splits)]
    lines.append("| **all** | " + " | ".join(cells) + f" | **{p_all}/{n_all} = {100 * p_all / max(n_all, 1):.1f} %** |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="ml-latest-small checkpoint folder (trained there when empty)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", choices=("dev", "final", "all"), default="all")
    parser.add_argument("--category", default=None)
    parser.add_argument("--policy", default=None, help="adaptive, gradient, list or single (default: config)")
    parser.add_argument("--raw-degree-reading", action="store_true",
                        help="picked_rank by degree on DegreeModel.ground(word) (the reading before 2026-12-06)")
    parser.add_argument("--failures", type=Path, default=Path(tempfile.gettempdir()) / "conversations_failures.jsonl")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
