"""The Reply of a turn around its text: the current item with its degree, suggested next
critiques, buttons, and the apology for a turn that failed. The wording itself is `bot.dialogue.replies`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.dialogue import replies, years
from bot.dialogue.cards import Cards, asked
from bot.store.sessions import SESSION_ID_MAX, SessionState
from bot.dialogue.suggestions import Suggester
from bot.dialogue.pending import AskTitle, NeedReference, pending_to_json
from bot.types import Button, Reply, ShownItem
from engine.errors import LookupFailed
from engine.retrieval.retriever import Retriever


def rounded(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


class ReplyBuilder:
    def __init__(self, retriever: Retriever, suggester: Suggester, popular_rows: list[int],
                 cards: Cards | None = None):
        self.retriever, self.suggester, self.popular_rows = retriever, suggester, popular_rows
        self.cards = cards or Cards(retriever)

    def row(self, item_id: int | None) -> int | None:
        """The catalog row of a stored item id, None when there is none or it left the catalog."""
        if item_id is None:
            return None
        try:
            return self.retriever.resolve_item(int(item_id))
        except LookupFailed:
            return None

    def no_close_tag(self, state: SessionState, suggestions: Sequence[str], unknown: str | None = None) -> Reply:
        """No tag is close to what was asked: the closest tags as buttons (`unknown`: a tag the
        catalog lacks, its nearest name)."""
        closest = list(suggestions)
        if unknown is not None:
            try:
                closest = [self.retriever.tags[self.retriever.resolve_tag(unknown)]]
            except LookupFailed as error:
                closest = error.candidates
        closest = [t for t in closest if t in self.retriever.tags][:5]
        buttons = [Button(f"more {t}", f"more {t}") for t in closest[:3]]
        buttons += [Button(f"less {t}", f"less {t}") for t in closest[:2]]
        return self.reply(state, replies.no_close_tag(closest), "critique", buttons=buttons,
                          with_suggestions=False, understood=False)

    def reply(self, state: SessionState, text: str, intent: str, *, with_suggestions: bool = True,
              sequence: list[ShownItem] | None = None, tag: str | None = None,
              alpha: int | None = None, buttons: list[Button] | None = None,
              understood: bool = True, clarification: bool = False) -> Reply:
        """With a `tag`, the current item (and the reference of the answer on screen) carry
        their estimated degrees of every attribute that answer asked, read as its walk read
        them (`SessionState.answer`), so the numbers are the same on every later turn."""
        r = self.retriever
        row = self.row(state.current)
        critiques = asked(state) if tag else ()
        current = reference = None
        if row is not None:
            t = r.tags.index(tag) if tag in r.tags else None
            current = self.cards.item(row, critiques)
            if current.degree is None and t is not None:
                current = replace(current, degree=r.degree_of(row, t))
            current = replace(current, relevance=None if t is None else rounded(r.relevance_of(row, t)))
        start = self.row((state.answer or {}).get("from"))
        if sequence and start is not None:
            reference = self.cards.item(start, critiques)
        buttons = list(buttons or [])
        if sequence:
            text += years.note(state.years)
        if with_suggestions and row is not None:
            suggestions = [s.text for s in self.suggester.suggest(row)]
            if suggestions:
                text += replies.you_could_say(suggestions)
                buttons += [Button(s, s) for s in suggestions]
        elif with_suggestions:
            buttons += self.popular_buttons()
        return Reply(
            text=text, intent=intent, session_id=state.id, current=current,
            sequence=list(sequence or []), tag=tag, alpha=alpha, buttons=buttons,
            understood=understood, clarification=clarification, synthetic=r.synthetic,
            reference=reference, years=state.years,
        )

    def not_in_catalog(self, state: SessionState, asked: str, titles: list[str],
                       waiting: NeedReference | None, outside: Sequence[str] = ()) -> Reply:
        """"something like Heat" on a catalog without Heat: say so, offer the closest titles (the
        popular ones when none is close); buttons name them, so a click starts from one (and
        applies the critiques that wait, if any)."""
        offered = titles or [self.retriever.titles[r] for r in self.popular_rows]
        critiques = waiting.critiques if waiting is not None else ()
        # "the first one", "the 1980 one" or a title picks among them, and what was asked waits
        state.pending = pending_to_json(AskTitle(tuple(offered), critiques=critiques))
        if outside:  # "1941 (1979)": in the data, not in the model (too few ratings)
            text = replies.only_in_data(outside[0], offered, bool(titles), critiques, self.retriever.synthetic)
        else:
            text = replies.not_in_catalog(asked, offered, bool(titles), critiques, self.retriever.synthetic)
        return self.reply(state, text, "reference", with_suggestions=False, understood=False,
                          buttons=[Button(t, f"something like {t}") for t in offered])

    def small_talk(self, state: SessionState, kind: str) -> Reply:
        example = self.retriever.titles[self.popular_rows[0]]
        return self.reply(state, replies.small_talk(kind, example, self.retriever.synthetic,
                                                    listed=len(state.last_sequence)), "out_of_scope")

    def popular_buttons(self, rows: list[int] | None = None) -> list[Button]:
        """"something like <title>" for `rows` (the most popular when None)."""
        titles = [self.retriever.titles[r] for r in (self.popular_rows if rows is None else rows)]
        return [Button(t, f"something like {t}") for t in titles]

    def apology(self, session_id: str, reason: str) -> Reply:
        return Reply(text=replies.apology(reason), intent="error", session_id=session_id[:SESSION_ID_MAX],
                     understood=False, synthetic=self.retriever.synthetic)
