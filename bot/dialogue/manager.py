"""The dialogue manager: one turn in, one :class:`bot.types.Reply` out, every turn logged.

Per session it keeps (in the store, so a session survives restarts): the current item, the last sequence
shown, an undo stack, the critiques so far and a pending question (`bot.dialogue.pending`). A turn: clean
the text (`bot.store.turns`) -> parse it -> let a pending question resolve it -> act on the intent ->
suggest critiques -> save the state and log the turn. Wording: `bot.dialogue.replies`; policies
(`adaptive`, `gradient`, `list`, `single`): `bot.dialogue.policies`, docs/dialogue.md. ``handle`` never
raises: an unexpected error is logged and answered with an apology, and the turn is still logged.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass, replace
from typing import Protocol, Sequence

from bot.dialogue import constraints, estimates, history, item_facts, replies
from bot.dialogue.cards import Cards, answer_record
from bot.dialogue.critique_axes import (as_read, walkable, critique_modifications, read_unread, reading_note,
                                       understood_json)
from bot.dialogue.list_controls import ListControls
from bot.dialogue.nearest import show_nearest
from bot.dialogue.adjust import ADJUSTMENTS, adjust_last
from bot.dialogue.starts import offer_starts
from bot.nlu.renown import ATTRIBUTE_FACTS
from bot.nlu.text import MAX_CHARS
from bot.dialogue.pending import (AskTag, AskTitle, FollowUp, NeedReference, Pending, compound_start, critique_to_json,
                                  offered_start, ordinal_pick, pending_from_json, pending_to_json, still_waiting)
from bot.dialogue.policies import DEFAULT_POLICY, POLICIES, check_policy, paired_row, sequence_for
from bot.dialogue.reply_builder import ReplyBuilder
from bot.dialogue.series import of_current_series
from bot.store.sessions import SESSION_ID_MAX, SessionBusy, SessionChanged, SessionState, Store
from bot.dialogue.suggestions import SuggestConfig, Suggester, critique_text
from bot.store.turns import clean_input, turn_record
from bot.types import Button, Critique, Parse, Reply, ShownItem
from engine.walks.gradual import WalkLimit
from engine.retrieval.retriever import Retriever

logger = logging.getLogger(__name__)

MAX_INPUT_CHARS = MAX_CHARS  # longer input is cut (with a notice) before parsing and logging
__all__ = ["DialogueManager", "DialogueConfig", "POLICIES"]  # POLICIES lives in bot.dialogue.policies
TURN_ATTEMPTS = 5  # runs of one turn while other processes keep logging turns of its session
SESSION_ID_PATTERN = re.compile(rf"^[A-Za-z0-9_.:@-]{{1,{SESSION_ID_MAX}}}$")


class ParserLike(Protocol):
    def parse(self, text: str, *, shown: Sequence[tuple[int, str]] = ()) -> Parse: ...


@dataclass(frozen=True)
class DialogueConfig:
    max_input_chars: int = MAX_INPUT_CHARS
    n_popular: int = 5  # items offered when a reference is needed
    history_limit: int = 20  # undo steps kept per session
    help_tags: int = 30  # tags listed by "help" (all of them when the vocabulary is this small)


class DialogueManager:
    """(session id, text) -> Reply, with state and logs in a :class:`bot.store.sessions.Store`."""

    def __init__(
        self,
        retriever: Retriever,
        parser: ParserLike,
        store: Store,
        *,
        model_id: str,
        steps: int = 10,
        policy: str = DEFAULT_POLICY,
        skip_seen: bool = True,
        gamma_min: float = 0.1,
        gamma_max: float = 1.0,
        config: DialogueConfig = DialogueConfig(),
        suggest_config: SuggestConfig = SuggestConfig(),
    ):
        check_policy(policy)
        if steps < 1:
            raise ValueError("steps must be at least 1")
        self.retriever, self.parser, self.store = retriever, parser, store
        self.model_id, self.steps, self.policy, self.skip_seen = model_id, steps, policy, skip_seen
        self.gamma_min, self.gamma_max = float(gamma_min), float(gamma_max)
        self.config = config
        self.suggester = Suggester(retriever, suggest_config)
        self._popular_rows = item_facts.popular_rows(retriever, config.n_popular)
        self.cards = Cards(retriever)
        self.out = ReplyBuilder(retriever, self.suggester, self._popular_rows, self.cards)
        self.controls = ListControls(self)  # more, exclude, picks by description, jump, about, why
        # Threads started for this manager (e.g. the encoder warm-up); close() waits for them,
        # so the interpreter never shuts down in the middle of their imports.
        self.background: list[threading.Thread] = []
        self._help_tags = item_facts.help_tags(retriever, config.help_tags)

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
            return Reply(text=replies.INVALID_SESSION, intent="out_of_scope",
                         session_id=str(session_id)[:SESSION_ID_MAX], understood=False,
                         synthetic=self.retriever.synthetic)
        try:
            state = self.store.take_session(session_id) or SessionState(session_id, model_id=self.model_id)
        except Exception:  # the database is gone: answer, but nothing can be logged
            logger.exception("could not load session %s", session_id)
            return self.out.apology(session_id, replies.STORE_UNREACHABLE)
        cleaned, cut_from = clean_input(text, self.config.max_input_chars)
        parse = Parse("out_of_scope", text=cleaned)
        chosen: int | None = None
        try:
            parse = self._parse(cleaned, state)
            reply, parse, chosen = self._respond(state, parse, cleaned)
        except Exception:
            logger.exception("turn failed in session %s", session_id)
            # Nothing half-applied survives: continue from the state as it was stored.
            state = self._reload(session_id, state.turns)
            reply = self.out.apology(session_id, replies.TURN_FAILED)
            if not isinstance(parse, Parse):
                parse = Parse("out_of_scope", text=cleaned)
        if cut_from is not None:
            reply.text = replies.input_cut(cut_from, self.config.max_input_chars) + reply.text
        self._log(state, cleaned, parse, reply, chosen, cut_from, time.perf_counter() - start)
        return reply

    def _log(self, state: SessionState, cleaned: str, parse: Parse, reply: Reply, chosen: int | None,
             cut_from: int | None, seconds: float) -> None:
        state.turns += 1
        state.model_id = self.model_id
        record = turn_record(state.id, state.turns, cleaned, parse, reply, chosen=chosen,
                             cut_from=cut_from, seconds=seconds, model_id=self.model_id)
        try:
            self.store.record_turn(state, record, keep=True)  # the state is not touched again
        except (SessionChanged, SessionBusy):
            raise
        except Exception:
            logger.exception("could not log turn %d of session %s", state.turns, state.id)

    def _reload(self, session_id: str, turns: int) -> SessionState:
        try:
            stored = self.store.get_session(session_id)
        except Exception:  # noqa: BLE001 - the turn is answered either way
            logger.exception("could not reload session %s", session_id)
            stored = None
        return stored or SessionState(session_id, model_id=self.model_id, turns=turns)

    def _parse(self, cleaned: str, state: SessionState) -> Parse:
        shown = [(int(s["item_id"]), str(s["title"])) for s in state.last_sequence]
        return self.parser.parse(cleaned, shown=shown) if cleaned else Parse("out_of_scope", text="")

    # -- dispatch --------------------------------------------------------------------------

    def _respond(self, state: SessionState, parse: Parse, cleaned: str) -> tuple[Reply, Parse, int | None]:
        parse = of_current_series(parse, state.current, self.retriever)  # "part 3" after "godfather 2"
        pending = pending_from_json(state.pending)
        state.pending = None
        waiting = (pending if isinstance(pending, NeedReference) else NeedReference(pending.critiques)
                   if isinstance(pending, AskTitle) and pending.critiques else None)  # what waits for a film
        parse = replace(parse, critiques=waiting.critiques) if waiting and parse.control == "reading" else parse
        deferred = parse.small_talk == "deferral"  # "you pick": the first of what is on offer
        if deferred:
            parse = Parse("select", index=1, text=parse.text)
        if isinstance(pending, (AskTag, AskTitle, FollowUp)):  # the answer to a question, or "and #7?"
            parse = pending.resolve(parse, cleaned, self.retriever.title_resolver) or parse
        chosen = None
        intent = parse.intent
        offered = (offered_start(parse, waiting, [int(self.retriever.item_ids[r]) for r in self._popular_rows])
                   if intent == "select" and not parse.control and state.current is None and not state.last_sequence
                   else None)  # "the first one" while starting films are on offer
        if waiting is not None and (offered if offered is not None else parse.item_id) in waiting.offered:
            waiting = None  # a film offered for the critique already goes that way: start from it as it is
        before = constraints.before_turn(self, state, parse)  # the year filter asked this turn
        if intent in ListControls.INTENTS or (intent == "select" and parse.control):
            reply, chosen = self.controls.respond(state, parse)
        elif intent == "cannot_judge":
            reply = estimates.answer(self, state, parse)  # the honest sentence, and a guess where tags carry it
        elif intent == "critique":
            reply = self._critique(state, parse)
        elif intent == "reference":
            reply = self._reference(state, parse, waiting)
        elif offered is not None:
            # "the first one" while the popular starting items are on offer (no item, no list).
            reply = self._reference(state, Parse("reference", item_id=offered, text=cleaned), waiting)
        elif intent == "select":
            reply, chosen = self._select(state, parse, deferred)
        elif intent == "undo":
            reply = history.undo(self.out, state)
        elif intent == "restart":
            reply = history.restart(self.out, state)
        elif intent == "help":
            reply = self.out.reply(state, replies.help_text(self._help_tags, len(self.retriever.tags),
                                                         self.retriever.synthetic), "help")
        elif intent == "bye":
            reply = self.out.reply(state, replies.GOODBYE, "bye", with_suggestions=False)
        elif parse.small_talk:  # "hi", "thanks": answered in kind
            reply = self.out.small_talk(state, parse.small_talk)
        else:
            reply = self.out.reply(state, replies.out_of_scope(not cleaned), "out_of_scope", understood=False)
        if waiting is not None and state.pending is None and intent not in ("reference", "restart"):
            self._ask(state, waiting)  # still waiting for a starting item
        return constraints.after_turn(self, state, parse, reply, before), parse, chosen

    @staticmethod
    def _ask(state: SessionState, question: Pending) -> None:
        state.pending = pending_to_json(question)

    def _title(self, row: int) -> str:
        return self.retriever.titles[row]

    def _push(self, state: SessionState) -> None:
        state.history.append(state.snapshot())
        del state.history[: -self.config.history_limit]

    # -- intents ---------------------------------------------------------------------------

    def _critique(self, state: SessionState, parse: Parse) -> Reply:
        if parse.control in ADJUSTMENTS:  # "the other way", "not that much": the last critique, changed
            return adjust_last(self, state, parse.control)
        # every clause counts: "more action but less gore" walks both, the second by its reading
        critiques = tuple(parse.critiques) + read_unread(self.retriever, parse.unread)
        if not critiques and parse.years is not None and not parse.unread:  # "from the 80s"
            return constraints.answer_in_years(self, state)
        if not critiques:
            start = compound_start(parse, state.last_sequence)  # "Fargo but more pizza": go to Fargo
            if start is not None:  # not read: the films most like it, as they are
                row, depth = self.out.row(start), len(state.history)
                self._reference(state, Parse("reference", item_id=start), None, show=False)
                text = (f"{replies.starting_from(self._title(row), self.retriever.synthetic, row >= self.retriever.n_shown)} "
                        f"{replies.no_close_tag(list(parse.suggestions))}")
                reply = show_nearest(self, state, row, text, "reference", understood=False)
                del state.history[depth + 1:]  # one undo goes back to before the reference
                return reply
            return self.out.no_close_tag(state, parse.suggestions)
        unclear = [i for i, c in enumerate(critiques) if c.candidates]
        if unclear:
            return self._ask_which_tag(state, AskTag(critiques, unclear[0]))
        unknown = [c.tag for c in critiques if not walkable(self.retriever, c)]
        if unknown and unknown[0] in ATTRIBUTE_FACTS:  # a checkpoint written without the ratings' signals
            return self.out.reply(state, replies.fact_missing(unknown[0]), "cannot_judge")
        if unknown:
            return self.out.no_close_tag(state, (), unknown[0])
        start = compound_start(parse, state.last_sequence)  # "like X but darker": go there, walk
        if start is not None:
            named = Parse("reference", item_id=start, item_ids=parse.item_ids, namesakes=parse.namesakes, outside=parse.outside)
            moved = self._reference(state, named, NeedReference(critiques), True)
            return replace(moved, intent="critique")
        row = self.out.row(state.current)
        if row is None:  # "a scary movie": start from one of the best-known scary ones, or any film named
            return offer_starts(self, state, critiques)
        return self.walk_from(state, row, critiques)

    def walk_from(self, state: SessionState, row: int, critiques: tuple[Critique, ...], *,
                  exclude: set[int] = frozenset(), wider: bool = False, steps: int | None = None) -> Reply:
        """Critique the item at `row` (known tags, no open question): walk, show, remember.

        The current item need not be `row`'s yet: a reference and a critique in one turn set it
        first (see `_reference`), then walk from it. "more" passes `exclude` (and `wider`), and
        `steps` when a number was asked ("show me 5 more").
        """
        tags = self.retriever.tags
        steps = steps or self.steps
        mods = critique_modifications(self.retriever, critiques)
        sequence = sequence_for(self.policy, self.retriever, state, row, mods, steps,
                                exclude=exclude, wider=wider, asked=critiques)
        further = bool(state.years) and not wider and not isinstance(sequence, WalkLimit) and not sequence.steps
        if further:  # the year filter leaves no close film: further out, in those years (said so)
            sequence = sequence_for(self.policy, self.retriever, state, row, mods, steps,
                                    exclude=exclude, wider=True, asked=critiques)
        if isinstance(sequence, WalkLimit):  # no room: say so and offer the nearest useful critique
            stuck, other = sequence.modification, sequence.suggestion
            offer = other and critique_text(tags[other.tag], other.alpha)
            asked = next((c for c, m in zip(critiques, mods) if m == stuck), None)
            text = replies.no_room(asked, tags[stuck.tag], stuck.alpha, self._title(row), sequence.degree, offer)
            return self.out.reply(state, text, "critique", with_suggestions=not offer,
                               tag=critiques[0].tag, alpha=critiques[0].alpha,
                               buttons=[Button(offer, offer)] if offer else [])
        shown = self.cards.shown(sequence.steps, critiques, row, self.policy)
        read = as_read(critiques, mods)  # a reading is shown under the user's words ("long")
        if not shown and not exclude:  # nothing close moves that way: the closest, as they are
            text = replies.none_moved(read, self._title(row), reading_note(critiques, mods, tags))
            return show_nearest(self, state, row, text, "critique")
        self._push(state)
        state.last_sequence = [s.to_json() for s in shown]
        state.last_tag, state.last_alpha = read[0].tag, read[0].alpha
        state.critiques.append({"critiques": [critique_to_json(c) for c in critiques],
                                "from": state.current})
        del state.critiques[: -self.config.history_limit]
        state.answer = answer_record("critique", int(self.retriever.item_ids[row]), critiques)
        tag_value = self.cards.reference_value(sequence, row, mods[0])
        also = paired_row(self.retriever, state, row) if self.policy != "gradient" else None
        text = replies.walked(read, self._title(row), tag_value, len(shown), self.policy == "gradient",
                              reading_note(critiques, mods, tags), sequence.balanced,
                              also=None if also is None else self._title(also))
        text += f" {replies.widened_for_years(self._title(row), state.years)}" if further else ""
        reply = self.out.reply(state, text, "critique", sequence=shown, tag=read[0].tag, alpha=read[0].alpha,
                               with_suggestions=False,
                               buttons=[Button(f"#{i}", f"the {replies.ordinal(i)} one")
                                        for i in range(1, min(len(shown), 3) + 1)])
        reply.critiques = understood_json(critiques, read)
        return reply

    def _ask_which_tag(self, state: SessionState, question: AskTag) -> Reply:
        self._ask(state, question)
        alpha = question.asked.alpha
        said = [critique_text(o, alpha) for o in question.options]
        return self.out.reply(state, replies.ask_which_tag(question.asked.phrase, question.options, alpha, question.others),
                           "critique", buttons=[Button(s, s) for s in said], with_suggestions=False,
                           clarification=True)

    def _reference(self, state: SessionState, parse: Parse, waiting: NeedReference | None, kept: bool = False,
                   show: bool = True) -> Reply:
        synthetic = self.retriever.synthetic
        row = self.out.row(parse.item_id)
        if row is None:
            titles = [t for t in parse.candidates if t in self.retriever.titles][:5]
            if parse.unknown_title:  # "Heat but less violent": not here; the critiques wait
                question = still_waiting(parse.critiques, waiting, self.retriever.tags)
                return self.out.not_in_catalog(state, parse.unknown_title, titles, question, parse.outside)
            if titles:  # "something like Star Wars but funnier": which one, then funnier from it
                self._ask(state, AskTitle(tuple(titles), critiques=parse.critiques))
                return self.out.reply(state, replies.which_title(titles, parse.critiques), "reference",
                                   buttons=[Button(t, f"something like {t}") for t in titles],
                                   with_suggestions=False, clarification=True)
            return self.out.reply(state, replies.unknown_title(synthetic), "reference",
                               buttons=self.out.popular_buttons(), with_suggestions=False, understood=False)
        self._push(state)
        state.start_from(int(self.retriever.item_ids[row]), parse.item_ids[1] if len(parse.item_ids) > 1 else None)
        state.last_sequence = []
        state.last_tag = state.last_alpha = state.answer = None
        start = (replies.starting_from(self._title(row), synthetic, row >= self.retriever.n_shown)
                 + replies.namesakes(parse.namesakes, parse.outside))
        if parse.namesakes or parse.outside:  # "the 1953 one" next turn picks the other (or says it is too rare)
            self._ask(state, AskTitle((self._title(row), *parse.namesakes, *parse.outside), numbered=False))
        if waiting is not None and waiting.critiques:
            depth = len(state.history) + int(kept)  # kept: "Heat but less violent", undo keeps Heat
            reply = self.walk_from(state, row, waiting.critiques)
            reply.intent = "reference"
            reply.text = f"{start} {reply.text}"
            # One undo goes back to before the reference when the critique waited for it.
            del state.history[depth:]
            return reply
        text = f"{start} {item_facts.describe(self.retriever, row)}"  # and its nearest films, to pick from
        return (show_nearest(self, state, row, text, "reference", start=True) if show
                else self.out.reply(state, f"{text} What would you like to change?", "reference"))

    def _select(self, state: SessionState, parse: Parse, deferred: bool = False) -> tuple[Reply, int | None]:
        sequence = state.last_sequence
        pick = None
        if parse.item_id is not None:
            pick = next((s for s in sequence if int(s["item_id"]) == int(parse.item_id)), None)
            if pick is None and self.out.row(parse.item_id) is not None:
                # A title outside the last list: the user named an item, start from it.
                return self._reference(state, Parse("reference", item_id=parse.item_id, title=parse.title), None), None
        elif parse.index is not None:
            if not sequence:
                return self.out.reply(state, replies.no_list_yet(state.current is not None), "select",
                                   understood=False), None
            pick = ordinal_pick(parse, sequence)
            if pick is None:
                return self.out.reply(
                    state, replies.out_of_range(len(sequence)), "select", understood=False,
                    with_suggestions=False, sequence=[ShownItem(**s) for s in sequence],
                    tag=state.last_tag, alpha=state.last_alpha,
                ), None
        if pick is None:
            return self.out.reply(state, replies.UNCLEAR_PICK, "select", understood=False), None
        self._push(state)
        state.start_from(int(pick["item_id"]))
        row = self.out.row(state.current)
        position = next(i for i, s in enumerate(sequence, 1) if s is pick)
        describe = item_facts.describe(self.retriever, row) if row is not None else ""
        return self.out.reply(state, replies.good_choice(pick["title"], position, describe, deferred), "select"), state.current
