"""Cards that are true for the policy that chose them: what each shown item and the reference
carry besides their title.

* γ only where γ chose the item: the `gradient` policy's walk places each step at a fraction of
  the span (its γ); the list answers (`list`, `single`, `adaptive`) all rank at one fixed γ, so
  their cards carry none.
* every asked attribute's estimated degree, read the way the walk read it (a reading of words
  that are not a tag included: `bot.dialogue.critique_axes`), for the items and the reference.
* what the item shares with the reference: tags both are strong in.

The asked attributes come from the session's answer on screen (`SessionState.answer`), so a
reply built later (after "undo", a pick, "more") shows the same numbers as the walk did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from bot.dialogue.critique_axes import as_read, critique_modifications
from bot.dialogue.pending import critique_from_json, critique_to_json
from bot.types import Critique, ShownItem
from engine.memo import Memo

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from engine.retrieval.retriever import Modification, Retriever, Step
    from engine.retrieval.sequences import GradientSequence

SHARED_TAGS = 3  # tags a card names as shared with the reference
STRONG_MEMO = 65_536  # rows whose strong tags are remembered, then forgotten at once
STRONG = 0.5  # graded relevance (membership is 0/1) from which an item "is" a tag


def gamma_chose(policy: str) -> bool:
    """Whether the policy's items are chosen by their own γ (only the gradient walk's are)."""
    return policy == "gradient"


def answer_record(kind: str, start: int | None, critiques: Sequence[Critique] = ()) -> dict:
    """The answer on screen as the session keeps it (`SessionState.answer`)."""
    return {"kind": kind, "from": start, "critiques": [critique_to_json(c) for c in critiques]}


def asked(state: "SessionState") -> tuple[Critique, ...]:
    """The critiques of the answer on screen, () when it answered none (a jump, no list)."""
    answer = state.answer or {}
    return tuple(critique_from_json(c) for c in answer.get("critiques") or ())


def session_asked(state: "SessionState") -> tuple[Critique, ...]:
    """Every distinct attribute asked about in the session, latest reading first."""
    seen, out = set(), []
    for step in reversed(state.critiques):
        for c in (critique_from_json(d) for d in step.get("critiques", ())):
            key = c.phrase or c.tag
            if key not in seen and c.tag:
                seen.add(key)
                out.append(c)
    return tuple(out)


class Cards:
    """Degrees and shared tags of items, for one retriever."""

    def __init__(self, retriever: "Retriever"):
        self.retriever = retriever
        # strong_tags per row, for the tag data it was read from (a blind run swaps that data)
        self._strong: Memo[tuple[str, ...]] = Memo(STRONG_MEMO)

    def readings(self, critiques: Sequence[Critique]) -> tuple[tuple[str, "Modification"], ...]:
        """(label, modification) per critique: the label is the tag, or the user's words when
        the walk follows a reading of them ("gory")."""
        walked, mods = self._walked(critiques)
        return tuple((c.tag, m) for c, m in zip(walked, mods))

    def as_walked(self, critiques: Sequence[Critique]) -> tuple[Critique, ...]:
        """The critiques named as the walk's reply names them: "less confusing" where the walk
        follows a reading of those words, not "less mystery", the closest tag."""
        return self._walked(critiques)[0]

    def _walked(self, critiques: Sequence[Critique]) -> tuple[tuple[Critique, ...], tuple["Modification", ...]]:
        r = self.retriever
        known = tuple(c for c in critiques if c.tag in r.tags or c.estimate)
        mods = critique_modifications(r, known)
        return as_read(known, mods), mods

    def degrees(self, row: int, critiques: Sequence[Critique]) -> dict[str, float]:
        """{label: estimated degree} of each asked attribute, in the order asked."""
        return self._degrees(row, self.readings(critiques))

    def _degrees(self, row: int, readings: tuple[tuple[str, "Modification"], ...]) -> dict[str, float]:
        return {label: self.retriever.modification_degree(row, m) for label, m in readings}

    def facts(self, critiques: Sequence[Critique]) -> dict[str, str]:
        """{label: catalog fact} of the asked attributes walked on a recorded fact ("less
        well-known" -> popularity): those have a number to show, not an estimate."""
        return {label: m.grounding.fact for label, m in self.readings(critiques)
                if m.grounding is not None and m.grounding.fact}

    def reference_value(self, sequence: "GradientSequence", row: int, first: "Modification") -> float | bool | str | None:
        """What a critique's reply says of where the reference stands on the first asked
        attribute: whether it carries a form tag walked by the catalog's tag, the recorded
        number of a fact ("liked by 137 people here"), or the estimated degree."""
        if sequence.tagged:
            return bool(sequence.reference_degree)
        fact = first.grounding.fact if first.grounding is not None else ""
        return self.recorded(row, fact) if fact else sequence.reference_degree

    def recorded(self, row: int, fact: str, than: int | None = None) -> str:
        """What the catalog records of `row` for a fact (engine.degrees.model.FACTS), in words;
        with `than`, beside that row's (named by the caller after it): "liked by 30 people here
        vs 181", "mean rating 4.2 of 5 here vs 4.1"."""
        r = self.retriever
        if fact == "popularity":  # the users who gave it 4 stars or more (engine.data.preprocess)
            liked = int(r.popularity[row])
            text = f"liked by {liked:,} {'person' if liked == 1 else 'people'} here"
            return text if than is None else f"{text} vs {int(r.popularity[than]):,}"
        signals = r.degree_model.signals
        means = r.degree_model.sides["rating"] if signals is None else signals.mean_rating
        mean = float(means[row])
        text = "no ratings here" if not np.isfinite(mean) else f"mean rating {mean:.1f} of 5 here"
        other = float(means[than]) if than is not None else np.nan
        return text if than is None else f"{text} vs {'none' if not np.isfinite(other) else f'{other:.1f}'}"

    def strong_tags(self, row: int) -> list[str]:
        """Tags the item is strong in, strongest first: graded relevance, else its own tags.
        Remembered per row (a turn's cards and suggestions ask ~12 times) while the retriever
        holds the same tag data."""
        r = self.retriever
        return list(self._strong.get(row, lambda: tuple(self._read_strong_tags(row)),
                                     (r.relevance, r.item_tags, r.tags)))

    def _read_strong_tags(self, row: int) -> list[str]:
        r = self.retriever
        if r.tag_value_kind == "projection":  # no data on its tags, only the model's view
            return []
        values = np.nan_to_num(r.tag_values([row])[0], nan=0.0)
        order = np.argsort(-values, kind="stable")
        return [r.tags[t] for t in order[values[order] >= STRONG].tolist()]

    def shared(self, row: int, reference: int | None, limit: int = SHARED_TAGS) -> tuple[str, ...]:
        """Tags both the item and the reference are strong in, the item's strongest first."""
        if reference is None:
            return ()
        return self._shared_with(row, set(self.strong_tags(reference)), limit)

    def _shared_with(self, row: int, theirs: set[str], limit: int = SHARED_TAGS) -> tuple[str, ...]:
        return tuple(t for t in self.strong_tags(row) if t in theirs)[:limit]

    def shown(self, steps: Sequence["Step"], critiques: Sequence[Critique], reference: int | None,
              policy: str, *, relevance_digits: int = 4) -> list[ShownItem]:
        """The cards of a sequence: γ only where it chose the item, every asked degree, shared tags."""
        keep_gamma = gamma_chose(policy)
        # The readings and the reference's tags are the same for every card: found once.
        readings = self.readings(critiques)
        theirs = None if reference is None else set(self.strong_tags(reference))
        out = []
        for s in steps:
            degrees = self._degrees(s.item, readings)
            out.append(ShownItem(
                s.item_id, s.title, gamma=s.gamma if keep_gamma else None, score=round(s.score, 4),
                relevance=None if s.relevance is None else round(float(s.relevance), relevance_digits),
                degree=next(iter(degrees.values()), s.degree), degrees=degrees or None,
                shares=() if theirs is None else self._shared_with(s.item, theirs)))
        return out

    def item(self, row: int, critiques: Sequence[Critique], reference: int | None = None) -> ShownItem:
        """One item (the reference, the current one) with its degrees of what was asked."""
        r = self.retriever
        degrees = self.degrees(row, critiques)
        return ShownItem(int(r.item_ids[row]), r.titles[row], degree=next(iter(degrees.values()), None),
                         degrees=degrees or None, shares=self.shared(row, reference))
