"""What the bot can say about an item from what the catalog knows, never invented plot:

* ``why`` ("why that one?", "why #3?"): the item's estimated degree of each attribute the answer
  asked beside the reference's and the change, the tags both are strong in, what is new or gone,
  the films that link the two in the rating space, and how the policy chose it;
* ``about`` ("tell me about #3", "what is Heat like?"): year, strongest tags, the estimated
  degrees of the attributes asked about in the session, and its closest films.

Both return the sentence and a JSON-ready dict (REST `custom.explanation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bot.dialogue import replies
from bot.dialogue.cards import Cards, asked, gamma_chose, session_asked
from engine.retrieval.catalog import release_year

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from engine.retrieval.retriever import Retriever

CLOSEST = 3  # films named as closest / as linking two


class Explainer:
    def __init__(self, retriever: "Retriever", cards: Cards, policy: str):
        self.r, self.cards, self.policy = retriever, cards, policy
        norms = np.linalg.norm(retriever.item_vectors, axis=1, keepdims=True)
        self._unit = retriever.item_vectors / np.maximum(norms, 1e-9)

    def _item(self, row: int) -> dict:
        return {"item_id": int(self.r.item_ids[row]), "title": self.r.titles[row]}

    def closest(self, row: int, n: int = CLOSEST) -> list[int]:
        """The n items nearest in the item space (learned from the ratings), nearest first."""
        similarity = self._unit[: self.r.n_shown] @ self._unit[row]  # trained films only
        similarity[[row] if row < len(similarity) else []] = -np.inf
        return [int(i) for i in np.argsort(-similarity, kind="stable")[:n]]

    def linking(self, row: int, other: int, n: int = 2) -> list[int]:
        """Films close to both items in the rating space (the larger of the two distances smallest)."""
        unit = self._unit[: self.r.n_shown]  # trained films only
        both = np.minimum(unit @ self._unit[row], unit @ self._unit[other])
        both[[x for x in (row, other) if x < len(both)]] = -np.inf
        return [int(i) for i in np.argsort(-both, kind="stable")[:n]]

    # -- why? ----------------------------------------------------------------------------------

    def why(self, state: "SessionState", row: int) -> tuple[str, dict | None]:
        r = self.r
        answer = state.answer or {}
        start = answer.get("from")
        reference = r.row_of_id.get(int(start)) if start is not None else None
        title = r.titles[row]
        if not answer:
            return (f"I have not recommended anything yet: {replies.quote(title)} is where we are "
                    f"because you named it or picked it."), None
        if reference == row:
            return f"{replies.quote(title)} is the movie this list started from, not a pick of mine.", None
        listed = [int(s["item_id"]) for s in state.last_sequence]
        position = listed.index(int(r.item_ids[row])) + 1 if int(r.item_ids[row]) in listed else None
        shown = state.last_sequence[position - 1] if position else {}
        critiques = asked(state)
        ref_title = r.titles[reference] if reference is not None else None
        lines, recorded, asked_rows = [], [], []
        if reference is not None:
            mine, theirs = self.cards.degrees(row, critiques), self.cards.degrees(reference, critiques)
            facts = self.cards.facts(critiques)
            for c, (label, value) in zip(critiques, mine.items()):
                change = value - theirs[label]
                way = "as asked" if c.alpha * change > 0 else "not the way you asked"
                asked_rows.append({"attribute": label, "alpha": c.alpha, "item": value,
                                   "reference": theirs[label], "change": round(change, 4),
                                   "as_asked": bool(c.alpha * change > 0), "fact": facts.get(label)})
                if label in facts:  # a recorded number, not an estimate: say it as it is
                    recorded.append(f"{self.cards.recorded(row, facts[label], reference)} for "
                                    f"{replies.quote(ref_title)} ({way})")
                else:
                    lines.append(f"{label} {value:.2f} here vs {theirs[label]:.2f} for "
                                 f"{replies.quote(ref_title)} ({change:+.2f}, {way})")
        shares = list(self.cards.shared(row, reference, limit=5)) if reference is not None else []
        mine_tags, their_tags = set(self.cards.strong_tags(row)), set(self.cards.strong_tags(reference)) if reference is not None else set()
        new = [t for t in self.cards.strong_tags(row) if t not in their_tags][:3]
        gone = [t for t in (self.cards.strong_tags(reference) if reference is not None else []) if t not in mine_tags][:3]
        links = self.linking(row, reference) if reference is not None else []
        how = self._how(answer, position, shown, ref_title, row)
        explanation = {
            "item": self._item(row) | {"index": position},
            "reference": None if reference is None else self._item(reference),
            "policy": "jump" if answer.get("kind") == "jump" else self.policy,
            "asked": asked_rows, "shared_tags": shares, "new_tags": new, "lost_tags": gone,
            "linking_films": [self._item(i) for i in links],
            "gamma": shown.get("gamma") if gamma_chose(self.policy) else None,
            "how": how,
        }
        asked_as = replies.wanted(self.cards.as_walked(critiques))  # as the walk's reply said it
        said = f"you asked for {replies.quote(asked_as)} from {replies.quote(ref_title)}. " if asked_as and ref_title else ""
        text = f"Why {replies.quote(title)}" + (f" (#{position})" if position else "") + f": {said}"
        if recorded:
            text += "In the catalog: " + "; ".join(recorded) + ". "
        if lines:
            text += "Estimated: " + "; ".join(lines) + ". "
        if shares:
            text += f"It shares {', '.join(shares)} with {replies.quote(ref_title)}. "
        if new or gone:
            text += ("New here: " + ", ".join(new) + ". " if new else "") + \
                    ("Not here: " + ", ".join(gone) + ". " if gone else "")
        if links:
            text += ("Films close to both in how viewers rate them: "
                     + "; ".join(r.titles[i] for i in links) + ". ")
        return text + how, explanation

    def _how(self, answer: dict, position: int | None, shown: dict, ref_title: str | None, row: int) -> str:
        if answer.get("kind") == "jump":
            far = f", far from {replies.quote(ref_title)}" if ref_title else ""
            return (f"How: a jump on purpose, an often-watched movie ({int(self.r.popularity[row])} "
                    f"ratings){far}.")
        if position is None:
            return "It is not on the list on screen; you chose it yourself."
        if answer.get("kind") == "nearest":  # bot.dialogue.nearest: nothing asked was applied
            return (f"How: #{position} of the films most like {replies.quote(ref_title)} in how "
                    f"viewers rate them, as they are: no change was applied.")
        if self.policy == "gradient":
            gamma = shown.get("gamma")
            step = f", \u03b3 {gamma:.2f} of the way" if isinstance(gamma, (int, float)) else ""
            return (f"How: step {position} of the degree walk{step}; at its degree it is the closest "
                    f"to {replies.quote(ref_title)} in everything else.")
        if self.policy == "adaptive":
            return (f"How: #{position} of the answer: among the films nearest to "
                    f"{replies.quote(ref_title)} in the ratings, ordered by how far it moves what you asked.")
        return (f"How: #{position} of the best matches for the whole change from "
                f"{replies.quote(ref_title)}.")

    # -- about ---------------------------------------------------------------------------------

    def about(self, state: "SessionState", row: int, asked: tuple = ()) -> tuple[str, dict]:
        """What the catalog knows of the item at `row`: year, strongest tags, the estimated degrees
        of what was asked (`asked`: this question's attribute, "is #2 scary?", first), closest films."""
        r = self.r
        title = r.titles[row]
        year = release_year(title)
        tags = self.cards.strong_tags(row)[:6]
        degrees = self.cards.degrees(row, (*asked, *session_asked(state))[:4])
        near = self.closest(row)
        text = f"{replies.quote(title)}" + (f", from {year}" if year else "") + ". "
        text += (f"It is strongest in: {', '.join(tags)}. " if tags else "The catalog has no tags for it. ")
        facts = self.cards.facts((*asked, *session_asked(state))[:4])
        if facts:  # recorded numbers, not estimates
            text += "In the catalog: " + ", ".join(self.cards.recorded(row, f) for f in facts.values()) + ". "
        estimated = {k: v for k, v in degrees.items() if k not in facts}
        if estimated:
            text += ("Estimated, of what you asked about: "
                     + ", ".join(f"{k} {v:.2f}" for k, v in estimated.items()) + ". ")
        text += "Closest to it in how viewers rate: " + "; ".join(r.titles[i] for i in near) + ". "
        text += "That is what the catalog knows; I have no plot or cast."
        facts = {"item": self._item(row), "year": year, "tags": tags,
                 "degrees": degrees, "closest": [self._item(i) for i in near],
                 "popularity": int(r.popularity[row])}
        return text, facts
