"""What the bot does with the list controls the parser reads (`bot.nlu.list_controls`):

* ``more``: the next items of the answer on screen (same reference, critiques and policy),
  none shown before in the session; "show me more like #3" is the same answer from #3.
* ``exclude``: set items (or a tag's items) aside for the session (`bot.dialogue.exclusions`),
  and show new ones in their place; "what have I excluded?" lists them.
* ``select`` by description: the funniest / least scary (estimated degree, read as a critique
  is read), the newest / oldest / from 1999 (the year in the title), the second to last.
* ``jump``: often-watched items far from the current one in the item space, on purpose.
* ``about`` and ``explain``: `bot.dialogue.explain`.

The dialogue manager hands these intents to :class:`ListControls`; it uses the manager's own
steps (walk, select, push for undo) so a control behaves like the move it stands for.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

import numpy as np

from bot.dialogue import list_replies, nearest, replies
from bot.dialogue.cards import answer_record, asked
from bot.dialogue.critique_axes import critique_modifications, read_unread, walkable
from bot.dialogue.exclusions import exclude_items, exclude_tag, excluded_rows
from bot.dialogue.explain import Explainer
from bot.dialogue.pending import FollowUp, ordinal_pick, pending_to_json
from bot.dialogue.understood import understood
from bot.dialogue.years import outside_rows
from bot.dialogue.policies import paired_row, sequence_for, shown_rows
from bot.dialogue.sorting import ListDegrees, sort_list
from bot.types import Button, Parse, Reply, ShownItem
from engine.retrieval.catalog import release_year
from engine.walks.gradual import WalkLimit

if TYPE_CHECKING:  # pragma: no cover
    from bot.dialogue.cards import Cards
    from bot.dialogue.reply_builder import ReplyBuilder
    from bot.store.records import SessionState
    from bot.types import Critique
    from engine.retrieval.retriever import Retriever


class Host(Protocol):
    """The dialogue manager's steps a control reuses (bot.dialogue.manager.DialogueManager)."""

    retriever: "Retriever"
    out: "ReplyBuilder"
    cards: "Cards"
    policy: str
    steps: int

    def _push(self, state: "SessionState") -> None: ...
    def _select(self, state: "SessionState", parse: Parse) -> tuple[Reply, int | None]: ...
    def walk_from(self, state: "SessionState", row: int, critiques: "tuple[Critique, ...]", *,
                  exclude: set[int] = ..., wider: bool = ..., steps: int | None = ...) -> Reply: ...

JUMP_POOL = 0.25  # a jump chooses among this share of the catalog, the most watched
TIE = 0.005  # degrees closer than this (equal as shown, to two decimals) tie on a pick by description


class ListControls:
    INTENTS = ("more", "exclude", "jump", "about", "explain")

    def __init__(self, manager: Host):
        self.m = manager
        self.r = manager.retriever
        self.out, self.push = manager.out, manager._push  # what sorting reuses (bot.dialogue.sorting.Lister)
        self.explainer = Explainer(manager.retriever, manager.cards, manager.policy)

    def respond(self, state: "SessionState", parse: Parse) -> tuple[Reply, int | None]:
        if parse.intent == "select":  # by description, or the whole list reordered ("sort by year")
            return (sort_list(self, state, parse), None) if (parse.control or "").startswith("sort") else self.pick(state, parse)
        if parse.intent == "more":
            return self.more(state, parse), None
        if parse.intent == "exclude":
            return self.exclude(state, parse), None
        if parse.intent == "jump":
            away = None  # "something not like Heat": away from that film, not the current one
            if parse.item_id is not None or parse.index is not None:
                away = self._named_row(state, parse)
                if isinstance(away, Reply):
                    return away, None
            return self.jump(state, away=away), None
        if parse.control == "reading":  # "what did you understand?"
            return self.keep_list(state, understood(self.r, state, parse.critiques), "explain"), None
        row = self._named_row(state, parse)
        if isinstance(row, Reply):
            return row, None
        state.pending = pending_to_json(FollowUp(parse.intent))  # "and #7?" asks the same
        if parse.intent == "about":
            text, facts = self.explainer.about(state, row, parse.critiques)
            return self.keep_list(state, text, "about", explanation=facts), None
        text, explanation = self.explainer.why(state, row)
        return self.keep_list(state, text, "explain", explanation=explanation), None

    # -- more ----------------------------------------------------------------------------------

    def more(self, state: "SessionState", parse: Parse) -> Reply:
        answer = state.answer or {}
        if not answer or not state.last_sequence and answer.get("kind") != "jump":
            return self.m.out.reply(state, list_replies.NO_ANSWER_TO_CONTINUE, "more", understood=False)
        count = min(parse.count, self.m.steps) if parse.count else None  # "show me 5 more"
        if answer.get("kind") == "jump":
            return self.jump(state, more=True, count=count)
        start = answer.get("from")
        if parse.index is not None or parse.item_id is not None:  # "show me more like #3"
            named = self._named_row(state, parse)
            if isinstance(named, Reply):
                return named
            start = int(self.r.item_ids[named])
        row = self.m.out.row(start)
        critiques = asked(state)
        if row is not None and answer.get("kind") == nearest.KIND:  # the next films most like it
            return nearest.show_nearest(self.m, state, row, "", "more", more=True, count=count)
        if row is None or not critiques:
            return self.m.out.reply(state, list_replies.NO_ANSWER_TO_CONTINUE, "more", understood=False)
        previous, state.current = state.current, start
        said = replies.wanted(critiques)
        # The reference's stored neighbourhood first; once it holds nothing unseen, further out.
        for wider in (False, True):
            depth = len(state.history)
            reply = self.m.walk_from(state, row, critiques, exclude=shown_rows(self.r, state), wider=wider,
                                     steps=count)
            if reply.sequence:
                near = not wider and self.m.policy != "gradient"  # the answers near two films (policies.sequence_for)
                also = paired_row(self.r, state, row) if near else None  # "like Heat and Collateral"
                reply.text = list_replies.more_of(said, self.r.titles[row], len(reply.sequence), wider,
                                                  None if also is None else self.r.titles[also])
                reply.intent = "more"
                return reply
            if len(state.history) > depth:
                state.restore(state.history.pop())
        # Nothing new anywhere: say so, and show nothing again (the list stays in the state).
        state.current = previous
        return self.m.out.reply(state, list_replies.more_of(said, self.r.titles[row], 0), "more",
                                tag=state.last_tag, alpha=state.last_alpha, with_suggestions=False)

    # -- exclude ---------------------------------------------------------------------------------

    def exclude(self, state: "SessionState", parse: Parse) -> Reply:
        if parse.control == "list":
            titles = [e["title"] for e in state.excluded if "item_id" in e]
            tags = [e["tag"] for e in state.excluded if "tag" in e]
            return self.keep_list(state, list_replies.excluded_list(titles, tags), "exclude")
        targets = self._exclusion_targets(state, parse)
        if isinstance(targets, Reply):
            return targets
        self.m._push(state)
        if parse.control == "tag":
            added = exclude_tag(state, str(parse.title))
        else:
            added = exclude_items(state, targets)
        banned = excluded_rows(self.r, state)
        kept = [s for s in state.last_sequence if self.r.row_of_id.get(int(s["item_id"])) not in banned]
        fresh = self._fresh(state, len(state.last_sequence) - len(kept)) if state.last_sequence else []
        changed = len(kept) != len(state.last_sequence)
        if changed:
            state.last_sequence = self._in_order(state, kept + [s.to_json() for s in fresh])
        text = list_replies.excluded([e["title"] for e in added if "title" in e],
                                [e["tag"] for e in added if "tag" in e], len(fresh), len(kept))
        reply = self.keep_list(state, text, "exclude") if changed or state.last_sequence else \
            self.m.out.reply(state, text, "exclude")
        reply.excluded = added
        return reply

    def _in_order(self, state: "SessionState", items: list[dict]) -> list[dict]:
        """Kept and new items in the answer's order: by degree where the answer is a gradient
        (the degree walk, the adaptive answer), else the kept ones first, as ranked."""
        critiques = asked(state)
        if not critiques or self.m.policy not in ("gradient", "adaptive"):
            return items
        alpha = critiques[0].alpha
        return sorted(items, key=lambda s: alpha * (s.get("degree") or 0.0))

    def _exclusion_targets(self, state: "SessionState", parse: Parse) -> list[tuple[int, str]] | Reply:
        if parse.control == "tag":
            return []
        if parse.control == "all":
            if not state.last_sequence:
                return self.m.out.reply(state, replies.no_list_yet(state.current is not None), "exclude",
                                        understood=False)
            return [(int(s["item_id"]), str(s["title"])) for s in state.last_sequence]
        if parse.indices or parse.item_ids:  # "seen 1 and 4 already", "I've seen Heat and Ronin"
            picked = [ordinal_pick(Parse("select", index=i), state.last_sequence) for i in parse.indices]
            if parse.indices and (not state.last_sequence or any(p is None for p in picked)):
                text = (replies.out_of_range(len(state.last_sequence)) if state.last_sequence
                        else replies.no_list_yet(state.current is not None))
                return self.keep_list(state, text, "exclude", understood=False)
            named = [(int(i), self.r.titles[row]) for i in parse.item_ids if (row := self.m.out.row(i)) is not None]
            return [(int(p["item_id"]), str(p["title"])) for p in picked] + named
        row = self._named_row(state, parse)
        if isinstance(row, Reply):
            return row
        return [(int(self.r.item_ids[row]), self.r.titles[row])]

    def _fresh(self, state: "SessionState", n: int) -> list[ShownItem]:
        """Up to n items of the answer on screen that were never shown nor set aside."""
        answer = state.answer or {}
        if n <= 0 or not answer:
            return []
        if answer.get("kind") == "jump":
            return self._jump_items(state, self.m.out.row(answer.get("from")), n)
        if answer.get("kind") == nearest.KIND and (near := self.m.out.row(answer.get("from"))) is not None:
            return nearest.nearest_items(self.m, state, near, n)  # a film's nearest: the next nearest
        row, critiques = self.m.out.row(answer.get("from")), asked(state)
        if row is None or not critiques:
            return []
        mods = critique_modifications(self.r, critiques)
        sequence = sequence_for(self.m.policy, self.r, state, row, mods, self.m.steps,
                                exclude=shown_rows(self.r, state))
        if isinstance(sequence, WalkLimit):
            return []
        return self.m.cards.shown(sequence.steps, critiques, row, self.m.policy)[:n]

    # -- picks by description --------------------------------------------------------------------

    def pick(self, state: "SessionState", parse: Parse) -> tuple[Reply, int | None]:
        sequence = state.last_sequence
        if not sequence:
            return self.m.out.reply(state, replies.no_list_yet(state.current is not None), "select",
                                    understood=False), None
        chosen = self._choose(sequence, parse)
        if isinstance(chosen, str):
            return self.keep_list(state, chosen, "select", understood=False), None
        item, why, value = chosen
        position = sequence.index(item) + 1
        reply, picked = self.m._select(state, Parse("select", item_id=int(item["item_id"])))
        reply.text = list_replies.picked_by(item["title"], position, why) + " " + reply.text
        reply.picked = {"item_id": int(item["item_id"]), "title": item["title"], "index": position,
                        "by": parse.control, "value": value}
        return reply, picked

    def _choose(self, sequence: list[dict], parse: Parse) -> tuple[dict, str, object] | str:
        """(item, why, the value it was chosen by), or what to say when nothing fits."""
        years = [release_year(s["title"]) for s in sequence]
        if parse.control == "position":
            item = ordinal_pick(Parse("select", index=parse.index), sequence)
            if item is None:
                return replies.out_of_range(len(sequence))
            where = "the last" if parse.index == -1 else f"the {replies.ordinal(-parse.index)} to last"
            return item, f"it is {where} on the list.", parse.index
        if parse.control in ("year", "newest", "oldest"):
            dated = [(y, i) for i, y in enumerate(years) if y is not None]
            if parse.control == "year":
                dated = [(y, i) for y, i in dated if y == parse.year]
                if not dated:
                    return list_replies.no_such_pick(f"from {parse.year}", [y for y in years if y])
                return sequence[dated[0][1]], f"it is from {parse.year}.", parse.year
            if not dated:
                return list_replies.no_such_pick("dated", [])
            newest = parse.control == "newest"
            year = max(y for y, _ in dated) if newest else min(y for y, _ in dated)
            i = next(i for y, i in dated if y == year)
            return sequence[i], f"the {'newest' if newest else 'oldest'} on the list ({year}).", year
        return self._by_degree(sequence, parse)

    def degree_values(self, sequence: list[dict], parse: Parse) -> ListDegrees | str:
        """Each listed item's degree of the attribute `parse` asks about (NaN for an item the
        model lacks), or what to say when the words are not read or no item has one."""
        critiques = tuple(c for c in parse.critiques if walkable(self.r, c))
        critiques = critiques or read_unread(self.r, parse.unread)
        if not critiques:
            phrase = (parse.unread or parse.critiques)[0].phrase if (parse.unread or parse.critiques) else ""
            return list_replies.unread_attribute(phrase or parse.text)
        wanted = critiques[0]
        (label, mod), = self.m.cards.readings((wanted,))
        rows = [self.r.row_of_id.get(int(s["item_id"])) for s in sequence]
        degrees = self.r.modification_degrees(mod)
        values = np.array([np.nan if row is None else float(degrees[row]) for row in rows])
        if np.all(np.isnan(values)):
            return replies.UNCLEAR_PICK
        return ListDegrees(values, rows, wanted, label, mod.grounding.fact if mod.grounding is not None else "")

    def _by_degree(self, sequence: list[dict], parse: Parse) -> tuple[dict, str, object] | str:
        found = self.degree_values(sequence, parse)
        if isinstance(found, str):
            return found
        values, rows, wanted, label, fact = found.values, found.rows, found.wanted, found.label, found.fact
        best = int(np.nanargmax(wanted.alpha * values))
        tied = np.flatnonzero(np.abs(values - values[best]) < TIE)
        if len(tied) > 1:  # equal by the tag ("1.00" each): the reading of the person's own word decides
            best = self._tie_break(tied, rows, wanted) if wanted.phrase != wanted.tag else best
        if fact:  # what the catalog records, as the reply to a critique says it ("why?" too)
            which = {("popularity", 1): "best known", ("popularity", -1): "least known",
                     ("rating", 1): "best rated", ("rating", -1): "lowest rated"}[fact, wanted.alpha]
            why = f"it is the {which} of the list ({self.m.cards.recorded(rows[best], fact)})."
            return sequence[best], why, round(float(values[best]), 4)
        most = "the most" if wanted.alpha > 0 else "the least"
        low, high = np.nanmin(values), np.nanmax(values)
        why = (f"it has {most} {label} of the list ({values[best]:.2f} estimated; the list runs from "
               f"{low:.2f} to {high:.2f}).")
        return sequence[best], why, round(float(values[best]), 4)

    def _tie_break(self, tied: np.ndarray, rows: list, wanted) -> int:  # noqa: ANN001
        """Among items the tag rates alike, the one the degree model's reading of the words ranks
        first ("romantic" read as romance + drama), as a walk on those words would."""
        reading = self.r.degree_model.ground(wanted.phrase)
        if reading is None:
            return int(tied[0])
        degrees = self.r.grounding_degrees(reading)
        return int(max(tied, key=lambda i: wanted.alpha * float(degrees[rows[i]])))

    # -- jump ------------------------------------------------------------------------------------

    def jump(self, state: "SessionState", *, more: bool = False, away: int | None = None,
             count: int | None = None) -> Reply:
        answer = state.answer or {}
        start = answer.get("from") if more else state.current
        row = away if away is not None else self.m.out.row(start)
        items = self._jump_items(state, row, count or self.m.steps)
        if not items and more:
            return self.keep_list(state, list_replies.more_jump(0), "more")
        self.m._push(state)
        state.last_sequence = [s.to_json() for s in items]
        state.last_tag = state.last_alpha = None
        state.answer = answer_record("jump", None if row is None else int(self.r.item_ids[row]))
        scores = [s.score for s in items if s.score is not None]
        spread = f"similarity to it {max(scores):.2f} or less" if row is not None and scores else "no reference"
        text = list_replies.more_jump(len(items)) if more else list_replies.jumped(
            None if row is None else self.r.titles[row], len(items), spread)
        return self.m.out.reply(state, text, "more" if more else "jump", sequence=items,
                                with_suggestions=False, buttons=_pick_buttons(len(items)))

    def _jump_items(self, state: "SessionState", row: int | None, count: int) -> list[ShownItem]:
        """`count` often-watched items, never shown nor set aside, inside the year filter, farthest from
        `row` (cosine in the item space); with no row, the most watched ones spread out from each
        other. The pool is the most watched share of the films the year filter allows."""
        r = self.r
        outside = set(outside_rows(r, state.years))  # and the trained films only (engine.retrieval.cold)
        ranked = [int(p) for p in np.argsort(-r.popularity[: r.n_shown], kind="stable") if int(p) not in outside]
        pool = ranked[: max(int(JUMP_POOL * len(ranked)), 3 * self.m.steps)]
        banned = shown_rows(r, state) | excluded_rows(r, state) | ({row} if row is not None else set())
        pool = np.array([p for p in pool if int(p) not in banned], dtype=np.int64)
        if not len(pool):
            return []
        vectors = r.item_vectors / np.maximum(np.linalg.norm(r.item_vectors, axis=1, keepdims=True), 1e-9)
        chosen: list[int] = []
        anchors = [row] if row is not None else [int(pool[0])]
        if row is None:
            chosen.append(int(pool[0]))
        while len(chosen) < min(count, len(pool)):
            closeness = (vectors[pool] @ vectors[anchors + chosen].T).max(axis=1)
            closeness[np.isin(pool, chosen)] = np.inf
            chosen.append(int(pool[int(np.argmin(closeness))]))
        similarity = (vectors[chosen] @ vectors[row]) if row is not None else [None] * len(chosen)
        return [ShownItem(int(r.item_ids[c]), r.titles[c], score=None if s is None else round(float(s), 4))
                for c, s in zip(chosen, similarity)]

    # -- shared ----------------------------------------------------------------------------------

    def _named_row(self, state: "SessionState", parse: Parse) -> int | Reply:
        """The row an about / why / exclude / more names: a listed position, a title, else the
        current item (for "why": the pick, or the list's first when nothing was picked)."""
        out = self.m.out
        if parse.index is not None:
            item = ordinal_pick(Parse("select", index=parse.index), state.last_sequence)
            row = None if item is None else out.row(item["item_id"])
            if row is None:
                text = (replies.out_of_range(len(state.last_sequence)) if state.last_sequence
                        else replies.no_list_yet(state.current is not None))
                return self.keep_list(state, text, parse.intent, understood=False)
            return row
        if parse.item_id is not None and out.row(parse.item_id) is not None:
            return out.row(parse.item_id)
        if parse.candidates:  # "tell me about Heat" with two Heats: which one?
            verb = {"about": "tell me about", "exclude": "I've already seen"}.get(parse.intent, "why")
            return out.reply(state, replies.which_title(list(parse.candidates)), parse.intent,
                             buttons=[Button(t, f"{verb} {t}") for t in parse.candidates],
                             with_suggestions=False, clarification=True)
        row = out.row(state.current)
        start = (state.answer or {}).get("from")
        if parse.intent == "explain" and state.last_sequence and (row is None or state.current == start):
            row = out.row(state.last_sequence[0]["item_id"])  # nothing picked yet: the best match
        if row is None:
            return out.reply(state, list_replies.NO_ITEM_NAMED, parse.intent, understood=False)
        return row

    def keep_list(self, state: "SessionState", text: str, intent: str, **kw) -> Reply:
        """A reply that leaves the list on screen as it is (and says so to the channels)."""
        explanation = kw.pop("explanation", None)
        reply = self.m.out.reply(state, text, intent, sequence=[ShownItem(**s) for s in state.last_sequence],
                                 tag=state.last_tag, alpha=state.last_alpha, with_suggestions=False, **kw)
        return replace(reply, explanation=explanation)


def _pick_buttons(n: int) -> list[Button]:
    return [Button(f"#{i}", f"the {replies.ordinal(i)} one") for i in range(1, min(n, 3) + 1)]
