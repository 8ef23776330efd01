"""The dialogue manager: one turn in, one :class:`bot.types.Reply` out, every turn logged.

Per session it keeps (in the store, so a session survives restarts): the current item, the last
sequence shown, an undo stack of earlier states, the critiques so far and a pending
clarification. A turn is::

    clean the text (control characters out, cut at MAX_INPUT_CHARS)
    -> parse it (bot.parser.Parser) -> resolve a pending clarification if the answer fits
    -> act on the intent (reference / critique / select / undo / restart / help / bye / other)
    -> suggest critiques for the current item (bot.suggest) -> save the state and log the turn

Policies (how a critique is answered):

``gradient``  the paper's gradient walk, one item per gamma step (Retriever.walk);
``list``      the top `steps` items at gamma = 1 for the full modification (Retriever.top_k);
``single``    only the top item at gamma = 1.

``handle`` never raises: unexpected errors are logged with a traceback and answered with an
apology, and the turn is still written to the log.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass, replace
from typing import Protocol, Sequence

import numpy as np

from bot.store import SESSION_ID_MAX, SessionBusy, SessionChanged, SessionState, Store, TurnRecord
from bot.suggest import SuggestConfig, Suggester, Suggestion, critique_text
from bot.types import Button, Critique, Parse, Reply, ShownItem
from engine.errors import LookupFailed
from engine.retrieval import GradientSequence, Modification, Retriever

logger = logging.getLogger(__name__)

MAX_INPUT_CHARS = 1000  # longer input is cut (with a notice) before parsing and logging
POLICIES = ("gradient", "list", "single")
TURN_ATTEMPTS = 5  # runs of one turn while other processes keep logging turns of its session
SESSION_ID_PATTERN = re.compile(rf"^[A-Za-z0-9_.:@-]{{1,{SESSION_ID_MAX}}}$")
# Bidirectional overrides can make a logged line read differently from what was typed.
_SURROGATES = re.compile("[\ud800-\udfff]")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)


class ParserLike(Protocol):
    def parse(self, text: str, *, shown: Sequence[tuple[int, str]] = ()) -> Parse: ...


@dataclass(frozen=True)
class DialogueConfig:
    max_input_chars: int = MAX_INPUT_CHARS
    n_popular: int = 5  # items offered when a reference is needed
    history_limit: int = 20  # undo steps kept per session
    help_tags: int = 30  # tags listed by "help" (all of them when the vocabulary is this small)


def clean_utterance(text: object, max_chars: int = MAX_INPUT_CHARS) -> tuple[str, int | None]:
    """(cleaned text, original length if it had to be cut else None).

    Bytes are decoded as UTF-8 with replacement; lone surrogates become U+FFFD; control
    characters (tabs and newlines become spaces) and bidi overrides are dropped; whitespace is
    collapsed. Only a bounded prefix is normalised, so 100,000 characters cost no more than 1,000.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    original = len(text)
    text = text[: max_chars * 4]
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).translate(_BIDI)
    text = "".join(" " if unicodedata.category(c) == "Cc" and c in "\t\n\r\x0b\x0c" else c
                   for c in text if unicodedata.category(c) != "Cc" or c in "\t\n\r\x0b\x0c")
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text, (original if original > max_chars * 4 else None)
    cut = text[:max_chars]
    # End on a word boundary when there is one not too far back.
    space = cut.rfind(" ")
    if space > max_chars * 0.8:
        cut = cut[:space]
    return cut, original


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _quote(title: str) -> str:
    return f"\u201c{title}\u201d"


class DialogueManager:
    """(session id, text) -> Reply, with state and logs in a :class:`bot.store.Store`."""

    def __init__(
        self,
        retriever: Retriever,
        parser: ParserLike,
        store: Store,
        *,
        model_id: str,
        steps: int = 10,
        policy: str = "gradient",
        skip_seen: bool = True,
        gamma_min: float = 0.1,
        gamma_max: float = 1.0,
        config: DialogueConfig = DialogueConfig(),
        suggest_config: SuggestConfig = SuggestConfig(),
    ):
        if policy not in POLICIES:
            raise ValueError(f"policy must be one of {', '.join(POLICIES)}, not {policy!r}")
        if steps < 1:
            raise ValueError("steps must be at least 1")
        self.retriever = retriever
        self.parser = parser
        self.store = store
        self.model_id = model_id
        self.steps = steps
        self.policy = policy
        self.skip_seen = skip_seen
        self.gamma_min, self.gamma_max = float(gamma_min), float(gamma_max)
        self.config = config
        self.suggester = Suggester(retriever, suggest_config)
        order = np.argsort(-retriever.popularity, kind="stable")
        self._popular_rows = [int(r) for r in order[: config.n_popular]]
        # Threads started for this manager (e.g. the encoder warm-up); close() waits for them,
        # so the interpreter never shuts down in the middle of their imports.
        self.background: list[threading.Thread] = []
        self._help_tags = self._pick_help_tags()

    # -- public ----------------------------------------------------------------------------

    @staticmethod
    def new_session_id() -> str:
        """192 random bits, URL-safe: an id is a capability, so it must be unguessable."""
        return secrets.token_urlsafe(24)

    def close(self, timeout: float = 30.0) -> None:
        for thread in self.background:
            thread.join(timeout)
        self.store.close()

    def handle(self, session_id: str, text: str) -> Reply:
        """Answer one turn; every turn with a valid session id is logged.

        Never raises, except SessionBusy: when another process logs turns of the same session at
        the same time, the turn is run again on the state they left (the store accepts turn n
        only after turn n - 1), and after TURN_ATTEMPTS runs, or when the session's lock is not
        had in time, nothing is applied and the caller is told to send it again.
        """
        for _ in range(TURN_ATTEMPTS):
            try:
                return self._handle_once(session_id, text)
            except SessionChanged:
                continue
        raise SessionBusy(f"session {session_id} kept changing while this turn ran; send it again")

    def _handle_once(self, session_id: str, text: str) -> Reply:
        start = time.perf_counter()
        if not isinstance(session_id, str) or not SESSION_ID_PATTERN.match(session_id):
            return Reply(
                text="That session id is not valid (1-128 characters from A-Z a-z 0-9 _ . : @ -); "
                     "start a new session.",
                intent="out_of_scope", session_id=str(session_id)[:SESSION_ID_MAX],
                understood=False, synthetic=self.retriever.synthetic,
            )
        try:
            state = self.store.get_session(session_id) or SessionState(session_id, model_id=self.model_id)
        except Exception:  # the database is gone: answer, but nothing can be logged
            logger.exception("could not load session %s", session_id)
            return self._apology(session_id, "I cannot reach my session store right now.")
        cleaned, cut_from = clean_utterance(text, self.config.max_input_chars)
        parse = Parse("out_of_scope", text=cleaned)
        chosen: int | None = None
        try:
            parse = self._parse(cleaned, state)
            reply, parse, chosen = self._respond(state, parse, cleaned)
        except Exception:
            logger.exception("turn failed in session %s", session_id)
            # Nothing half-applied survives: continue from the state as it was stored.
            state = self._reload(session_id, state.turns)
            reply = self._apology(session_id, "Something went wrong on my side with that message.")
            if not isinstance(parse, Parse):
                parse = Parse("out_of_scope", text=cleaned)
        if cut_from is not None:
            reply.text = (f"(Your message had {cut_from:,} characters; I read only the first "
                          f"{self.config.max_input_chars:,}.) " + reply.text)
        latency_ms = (time.perf_counter() - start) * 1000.0
        state.turns += 1
        state.model_id = self.model_id
        try:
            parse_json = parse.to_json()
        except Exception:  # noqa: BLE001 - a malformed parse must not lose the turn
            logger.exception("could not serialise the parse in session %s", session_id)
            parse_json = {"intent": str(getattr(parse, "intent", "out_of_scope"))}
        if cut_from is not None:
            parse_json["input_chars"] = cut_from
        items = [asdict(item) for item in reply.sequence] or (
            [asdict(reply.current)] if reply.current is not None else [])
        record = TurnRecord(
            session_id=session_id, turn=state.turns, utterance=cleaned, parse=parse_json,
            reply=reply.text, items=items, chosen_item=chosen, latency_ms=round(latency_ms, 3),
            model_id=self.model_id, intent=reply.intent, understood=reply.understood,
            clarification=reply.clarification,
        )
        try:
            self.store.record_turn(state, record)
        except (SessionChanged, SessionBusy):
            raise
        except Exception:
            logger.exception("could not log turn %d of session %s", state.turns, session_id)
        return reply

    def _reload(self, session_id: str, turns: int) -> SessionState:
        try:
            stored = self.store.get_session(session_id)
        except Exception:  # noqa: BLE001 - the turn is answered either way
            logger.exception("could not reload session %s", session_id)
            stored = None
        return stored or SessionState(session_id, model_id=self.model_id, turns=turns)

    # -- parsing and clarification ---------------------------------------------------------

    def _parse(self, cleaned: str, state: SessionState) -> Parse:
        if not cleaned:
            return Parse("out_of_scope", text="")
        shown = [(int(s["item_id"]), str(s["title"])) for s in state.last_sequence]
        return self.parser.parse(cleaned, shown=shown)

    @staticmethod
    def _options(critique: dict) -> list[str]:
        options = [critique["tag"]] + list(critique.get("candidates") or [])
        return list(dict.fromkeys(options))

    def _resolve_pending(self, state: SessionState, parse: Parse, cleaned: str) -> Parse | None:
        """The parse that answers the pending question, or None when the user moved on."""
        pending = state.pending
        if not pending:
            return None
        said = " ".join(re.sub(r"[^\w\s-]", " ", cleaned.lower()).split())
        if pending.get("kind") == "critique":
            critiques = [dict(c) for c in pending["critiques"]]
            ask = critiques[pending["index"]]
            options = self._options(ask)
            chosen = None
            if parse.intent == "select" and parse.index is not None and parse.item_id is None:
                k = parse.index
                if 1 <= k <= len(options):
                    chosen = options[k - 1]
                elif k == -1:
                    chosen = options[-1]
            elif parse.intent == "critique" and len(parse.critiques) == 1 and parse.critiques[0].tag in options:
                chosen = parse.critiques[0].tag
            elif said in options:
                chosen = said
            else:
                for option in options:
                    if said in (f"more {option}", f"less {option}"):
                        chosen = option
            if chosen is None:
                return None
            # The question was about the tag; the direction is the one first asked for.
            critiques[pending["index"]] = ask | {"tag": chosen, "candidates": []}
            return Parse("critique", critiques=tuple(_critique_from(c) for c in critiques), text=cleaned)
        if pending.get("kind") == "reference":
            titles = list(pending.get("candidates") or [])
            title = None
            if parse.intent == "select" and parse.index is not None and parse.item_id is None:
                k = parse.index
                if 1 <= k <= len(titles):
                    title = titles[k - 1]
                elif k == -1 and titles:
                    title = titles[-1]
            elif parse.intent == "reference" and parse.item_id is not None:
                return parse
            else:
                for t in titles:
                    if said and said == " ".join(re.sub(r"[^\w\s-]", " ", t.lower()).split()):
                        title = t
            if title is None:
                return None
            rows = [i for i, t in enumerate(self.retriever.titles) if t == title]
            if not rows:
                return None
            row = max(rows, key=lambda r: self.retriever.popularity[r])
            return Parse("reference", item_id=int(self.retriever.item_ids[row]), title=title, text=cleaned)
        return None

    # -- dispatch --------------------------------------------------------------------------

    def _respond(self, state: SessionState, parse: Parse, cleaned: str) -> tuple[Reply, Parse, int | None]:
        resolved = self._resolve_pending(state, parse, cleaned)
        waiting = state.pending if state.pending and state.pending.get("kind") == "need_reference" else None
        state.pending = None
        if resolved is not None:
            parse = resolved
        chosen = None
        intent = parse.intent
        if intent == "critique":
            reply = self._critique(state, parse)
        elif intent == "reference":
            reply = self._reference(state, parse, waiting)
        elif intent == "select" and self._offered_pick(state, parse) is not None:
            # "the first one" while the popular starting items are on offer (no item, no list).
            pick = self._offered_pick(state, parse)
            reply = self._reference(state, Parse("reference", item_id=pick, text=cleaned), waiting)
        elif intent == "select":
            reply, chosen = self._select(state, parse)
        elif intent == "undo":
            reply = self._undo(state)
        elif intent == "restart":
            reply = self._restart(state)
        elif intent == "help":
            reply = self._help(state)
        elif intent == "bye":
            reply = self._reply(state, "Goodbye! Come back any time; this session keeps your place.",
                                "bye", with_suggestions=False)
        else:
            reply = self._out_of_scope(state, parse, cleaned)
        if waiting is not None and state.pending is None and intent not in ("reference", "restart"):
            state.pending = waiting  # still waiting for a starting item
        return reply, parse, chosen

    # -- helpers ---------------------------------------------------------------------------

    def _row(self, item_id: int | None) -> int | None:
        if item_id is None:
            return None
        try:
            return self.retriever.resolve_item(int(item_id))
        except LookupFailed:
            return None

    def _shown(self, row: int, tag: int | None = None, *, gamma=None, score=None) -> ShownItem:
        r = self.retriever
        return ShownItem(
            item_id=int(r.item_ids[row]), title=r.titles[row], gamma=gamma,
            score=None if score is None else round(float(score), 4),
            relevance=None if tag is None else _round(r.relevance_of(row, tag)),
        )

    def _push(self, state: SessionState) -> None:
        state.history.append(state.snapshot())
        del state.history[: -self.config.history_limit]

    def _suggestions(self, row: int | None) -> list[Suggestion]:
        if row is None:
            return []
        return self.suggester.suggest(row)

    def _reply(self, state: SessionState, text: str, intent: str, *, with_suggestions: bool = True,
               sequence: list[ShownItem] | None = None, tag: str | None = None, alpha: int | None = None,
               buttons: list[Button] | None = None, understood: bool = True,
               clarification: bool = False) -> Reply:
        row = self._row(state.current)
        current = None
        if row is not None:
            tag_index = self.retriever.tags.index(tag) if tag in self.retriever.tags else None
            current = self._shown(row, tag_index)
        buttons = list(buttons or [])
        if with_suggestions and row is not None:
            suggestions = self._suggestions(row)
            if suggestions:
                text += " You could say: " + ", ".join(f"\u201c{s.text}\u201d" for s in suggestions) + "."
                buttons += [Button(s.text, s.text) for s in suggestions]
        elif with_suggestions and row is None:
            buttons += self._popular_buttons()
        return Reply(
            text=text, intent=intent, session_id=state.id, current=current,
            sequence=list(sequence or []), tag=tag, alpha=alpha, buttons=buttons,
            understood=understood, clarification=clarification, synthetic=self.retriever.synthetic,
        )

    def _popular_buttons(self) -> list[Button]:
        return [Button(self.retriever.titles[r], f"something like {self.retriever.titles[r]}")
                for r in self._popular_rows]

    def _catalog_note(self) -> str:
        return " (This is the synthetic demo catalog.)" if self.retriever.synthetic else ""

    def _pick_help_tags(self) -> list[str]:
        tags = self.retriever.tags
        if len(tags) <= self.config.help_tags:
            return list(tags)
        r = self.retriever
        if r.relevance is not None:
            with np.errstate(all="ignore"):
                weight = np.nan_to_num(np.nanmean(np.asarray(r.relevance, dtype=np.float32), axis=0))
        elif r.item_tags is not None:
            weight = np.asarray(r.item_tags.sum(axis=0)).ravel()
        else:
            weight = np.linalg.norm(r.tag_vectors, axis=1)
        return [tags[t] for t in np.argsort(-weight, kind="stable")[: self.config.help_tags]]

    def _apology(self, session_id: str, reason: str) -> Reply:
        return Reply(
            text=f"Sorry. {reason} Please try again, or say \u201crestart\u201d.",
            intent="error", session_id=session_id[:SESSION_ID_MAX], understood=False,
            synthetic=self.retriever.synthetic,
        )

    # -- intents ---------------------------------------------------------------------------

    def _need_reference(self, state: SessionState, critiques: tuple[Critique, ...]) -> Reply:
        state.pending = {"kind": "need_reference", "critiques": [_critique_dict(c) for c in critiques]}
        wanted = " and ".join(critique_text(c.tag, c.alpha) for c in critiques)
        return self._reply(
            state,
            f"I understood \u201c{wanted}\u201d, but less or more than what? Name a movie to start "
            f"from, e.g. \u201csomething like {self.retriever.titles[self._popular_rows[0]]}\u201d, "
            f"or pick one below.{self._catalog_note()}",
            "critique", buttons=self._popular_buttons(), with_suggestions=False, clarification=True,
        )

    def _critique(self, state: SessionState, parse: Parse) -> Reply:
        critiques = tuple(parse.critiques)
        if not critiques:
            return self._no_close_tag(state, parse)
        unclear = [i for i, c in enumerate(critiques) if c.candidates]
        if unclear:
            return self._ask_which_tag(state, critiques, unclear[0])
        tags = self.retriever.tags
        unknown = [c.tag for c in critiques if c.tag not in tags]
        if unknown:
            return self._no_close_tag(state, replace(parse, suggestions=()), unknown[0])
        row = self._row(state.current)
        if row is None:
            return self._need_reference(state, critiques)
        mods = tuple(Modification(tags.index(c.tag), c.alpha, float(c.strength)) for c in critiques)
        sequence = self._retrieve(row, mods)
        wanted = " and ".join(critique_text(c.tag, c.alpha) for c in critiques)
        first = critiques[0]
        tag_index = tags.index(first.tag)
        shown = [
            ShownItem(s.item_id, s.title, gamma=s.gamma, score=round(s.score, 4), relevance=_round(s.relevance))
            for s in sequence.steps
        ]
        self._push(state)
        state.last_sequence = [asdict(s) for s in shown]
        state.last_tag, state.last_alpha = first.tag, first.alpha
        state.critiques.append({"critiques": [_critique_dict(c) for c in critiques],
                                "from": state.current})
        del state.critiques[: -self.config.history_limit]
        heard = "".join(
            f" (from \u201c{c.phrase}\u201d)"
            if c.phrase and c.phrase.lower() not in (c.tag, critique_text(c.tag, c.alpha)) else ""
            for c in critiques[:1])
        current_rel = self.retriever.relevance_of(row, tag_index)
        here = f", {first.tag} {_fmt(current_rel)}" if current_rel is not None else ""
        if not shown:
            text = f"Understood: {wanted}{heard}. I found no other items to show from {_quote(self.retriever.titles[row])}."
        elif self.policy == "gradient":
            text = (f"Understood: {wanted}{heard}. Starting from {_quote(self.retriever.titles[row])}{here}, "
                    f"here are {len(shown)} items with gradually {wanted}; pick one by number or title.")
        else:
            text = (f"Understood: {wanted}{heard}. Compared with {_quote(self.retriever.titles[row])}{here}, "
                    f"{'these are the best matches' if len(shown) > 1 else 'this is the best match'}"
                    f"; pick one by number or title.")
        return self._reply(state, text, "critique", sequence=shown, tag=first.tag, alpha=first.alpha,
                           with_suggestions=False,
                           buttons=[Button(f"#{i}", f"the {_ordinal(i)} one") for i in range(1, min(len(shown), 3) + 1)])

    def _retrieve(self, row: int, mods: tuple[Modification, ...]) -> GradientSequence:
        if self.policy == "gradient":
            return self.retriever.walk(row, mods, steps=self.steps, skip_seen=self.skip_seen,
                                       gamma_min=self.gamma_min, gamma_max=self.gamma_max)
        k = self.steps if self.policy == "list" else 1
        return self.retriever.top_k(row, mods, k=k, gamma=1.0)

    def _ask_which_tag(self, state: SessionState, critiques: tuple[Critique, ...], index: int) -> Reply:
        ask = _critique_dict(critiques[index])
        options = self._options(ask)
        state.pending = {"kind": "critique", "critiques": [_critique_dict(c) for c in critiques],
                         "index": index}
        said = f"\u201c{critiques[index].phrase}\u201d" if critiques[index].phrase else "that"
        choices = " or ".join(f"\u201c{critique_text(o, ask['alpha'])}\u201d" for o in options)
        return self._reply(
            state, f"By {said} did you mean {choices}?", "critique",
            buttons=[Button(critique_text(o, ask["alpha"]), critique_text(o, ask["alpha"])) for o in options],
            with_suggestions=False, clarification=True,
        )

    def _no_close_tag(self, state: SessionState, parse: Parse, unknown: str | None = None) -> Reply:
        closest = list(parse.suggestions)
        if unknown is not None:
            try:
                closest = [self.retriever.tags[self.retriever.resolve_tag(unknown)]]
            except LookupFailed as error:
                closest = error.candidates
        closest = [t for t in closest if t in self.retriever.tags][:5]
        text = "I could not match that to any tag I know."
        if closest:
            text += " The closest tags I have: " + ", ".join(closest) + "."
        else:
            text += " Say \u201chelp\u201d to see the tags I know."
        buttons = [Button(f"more {t}", f"more {t}") for t in closest[:3]]
        buttons += [Button(f"less {t}", f"less {t}") for t in closest[:2]]
        return self._reply(state, text, "critique", buttons=buttons, with_suggestions=False,
                           understood=False)

    def _reference(self, state: SessionState, parse: Parse, waiting: dict | None) -> Reply:
        row = self._row(parse.item_id)
        if row is None:
            titles = [t for t in parse.candidates if t in self.retriever.titles][:5]
            if titles:
                state.pending = {"kind": "reference", "candidates": titles}
                return self._reply(
                    state, "Which one do you mean? " + "; ".join(
                        f"{i}. {t}" for i, t in enumerate(titles, 1)),
                    "reference", buttons=[Button(t, f"something like {t}") for t in titles],
                    with_suggestions=False, clarification=True,
                )
            return self._reply(
                state, "I do not know that title. Try one of these, or type a title from the catalog."
                + self._catalog_note(), "reference", buttons=self._popular_buttons(),
                with_suggestions=False, understood=False,
            )
        self._push(state)
        state.current = int(self.retriever.item_ids[row])
        state.last_sequence = []
        state.last_tag = state.last_alpha = None
        title = self.retriever.titles[row]
        if waiting is not None and waiting.get("critiques"):
            critiques = tuple(_critique_from(c) for c in waiting["critiques"])
            depth = len(state.history)
            reply = self._critique(state, Parse("critique", critiques=critiques))
            reply.intent = "reference"
            reply.text = f"Starting from {_quote(title)}.{self._catalog_note()} " + reply.text
            # One undo should go back to before the reference, not to the bare reference.
            del state.history[depth:]
            return reply
        return self._reply(
            state, f"Starting from {_quote(title)}.{self._catalog_note()} {self._describe(row)}"
            f" What would you like to change?", "reference",
        )

    def _describe(self, row: int) -> str:
        """A sentence on what the item is high / low in (relevance or tags), where known."""
        r = self.retriever
        if r.relevance is not None:
            values = np.asarray(r.relevance[row], dtype=np.float32)
            known = np.flatnonzero(~np.isnan(values))
            if known.size:
                top = known[np.argsort(-values[known], kind="stable")[:3]]
                return "It is strongest in " + ", ".join(f"{r.tags[t]} ({values[t]:.2f})" for t in top) + "."
        if r.item_tags is not None:
            tags = [r.tags[t] for t in r.item_tags[row].indices[:5]]
            if tags:
                return "Its tags: " + ", ".join(tags) + "."
        return ""

    def _offered_pick(self, state: SessionState, parse: Parse) -> int | None:
        """Item id of the popular item picked by ordinal, when those are what the bot offered."""
        if state.current is not None or state.last_sequence or parse.index is None or parse.item_id is not None:
            return None
        rows = self._popular_rows
        k = parse.index
        if k == -1 and rows:
            return int(self.retriever.item_ids[rows[-1]])
        if 1 <= k <= len(rows):
            return int(self.retriever.item_ids[rows[k - 1]])
        return None

    def _select(self, state: SessionState, parse: Parse) -> tuple[Reply, int | None]:
        sequence = state.last_sequence
        pick = None
        if parse.item_id is not None:
            pick = next((s for s in sequence if int(s["item_id"]) == int(parse.item_id)), None)
            if pick is None and self._row(parse.item_id) is not None:
                # A title outside the last list: the user named an item, start from it.
                return self._reference(state, Parse("reference", item_id=parse.item_id, title=parse.title), None), None
        elif parse.index is not None:
            if not sequence:
                hint = ("critique the current item first (e.g. \u201cless action\u201d)"
                        if state.current is not None else "name a movie to start from first")
                return self._reply(state, f"There is no list to choose from yet; {hint}.", "select",
                                   understood=False), None
            k = parse.index
            if k == -1:
                pick = sequence[-1]
            elif 1 <= k <= len(sequence):
                pick = sequence[k - 1]
            else:
                return self._reply(
                    state, f"The last list has {len(sequence)} item{'s' if len(sequence) != 1 else ''}; "
                    f"pick a number from 1 to {len(sequence)}.", "select", understood=False,
                    with_suggestions=False, sequence=[ShownItem(**s) for s in sequence],
                    tag=state.last_tag, alpha=state.last_alpha,
                ), None
        if pick is None:
            return self._reply(state, "I could not tell which item you meant; say its number "
                               "(\u201cthe third one\u201d) or its title.", "select", understood=False), None
        self._push(state)
        state.current = int(pick["item_id"])
        row = self._row(state.current)
        position = next(i for i, s in enumerate(sequence, 1) if s is pick)
        describe = self._describe(row) if row is not None else ""
        return self._reply(state, f"Good choice: {_quote(pick['title'])} (#{position}). {describe} "
                           f"What next?", "select"), state.current

    def _undo(self, state: SessionState) -> Reply:
        if not state.history:
            return self._reply(state, "There is nothing to undo.", "undo")
        state.restore(state.history.pop())
        row = self._row(state.current)
        if row is None:
            return self._reply(state, "Undone; we are back at the start. Name a movie to begin.", "undo")
        if state.last_sequence:
            return self._reply(
                state, f"Undone. Back at {_quote(self.retriever.titles[row])} and the list before.",
                "undo", sequence=[ShownItem(**s) for s in state.last_sequence],
                tag=state.last_tag, alpha=state.last_alpha)
        return self._reply(state, f"Undone. Back at {_quote(self.retriever.titles[row])}.", "undo")

    def _restart(self, state: SessionState) -> Reply:
        state.current = None
        state.last_sequence = []
        state.last_tag = state.last_alpha = None
        state.history = []
        state.critiques = []
        state.pending = None
        return self._reply(
            state, "Starting over. Name a movie you like, e.g. \u201csomething like "
            f"{self.retriever.titles[self._popular_rows[0]]}\u201d, or pick one below.{self._catalog_note()}",
            "restart")

    def _help(self, state: SessionState) -> Reply:
        tags = ", ".join(self._help_tags)
        more = f" (and {len(self.retriever.tags) - len(self._help_tags)} more)" if len(
            self.retriever.tags) > len(self._help_tags) else ""
        text = (
            "Name a movie to start from (\u201csomething like Toy Story\u201d), then critique it: "
            "\u201cless action\u201d, \u201ca bit funnier\u201d, \u201cmore romance and less violence\u201d. "
            "I show a sequence that changes step by step; pick one with \u201cthe third one\u201d, "
            "\u201c#2\u201d, \u201cthe last one\u201d or its title. Also: \u201cundo\u201d, "
            f"\u201crestart\u201d, \u201cbye\u201d. Tags I know: {tags}{more}.{self._catalog_note()}"
        )
        return self._reply(state, text, "help")

    def _out_of_scope(self, state: SessionState, parse: Parse, cleaned: str) -> Reply:
        if not cleaned:
            text = "I did not get any text."
        else:
            text = "Sorry, I did not understand that."
        text += (" I help you find movies by critiquing one you know: name a movie "
                 "(\u201csomething like ...\u201d), then say what to change (\u201cless action\u201d). "
                 "Say \u201chelp\u201d for more.")
        return self._reply(state, text, "out_of_scope", understood=False)


# -- small pure helpers ----------------------------------------------------------------------------


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"#{n}")


def _critique_dict(c: Critique) -> dict:
    return {"alpha": int(c.alpha), "tag": c.tag, "score": float(c.score), "strength": float(c.strength),
            "phrase": c.phrase, "candidates": list(c.candidates)}


def _critique_from(d: dict) -> Critique:
    return Critique(alpha=int(d["alpha"]), tag=str(d["tag"]), score=float(d.get("score", 1.0)),
                    strength=float(d.get("strength", 1.0)), phrase=str(d.get("phrase", "")),
                    candidates=tuple(d.get("candidates") or ()))
