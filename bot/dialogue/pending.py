"""The question the bot is waiting to have answered, one dataclass per kind of question.

A pending question lives in the session state (``SessionState.pending``, JSON in the store) as
``{"kind": ..., ...}``; the kinds and field names are the ones sessions were stored with before
these types existed, so old sessions load unchanged. A stored question of an unknown kind (or a
malformed one) loads as None: the bot simply no longer waits for it.

Each question resolves the next turn's parse itself (`resolve`): the parse that answers it, or
None when the user moved on to something else.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Union

from bot.nlu.lexicon import ORDINALS
from bot.types import Critique, Parse
from engine.retrieval.catalog import TitleResolver
from engine.text.normalise import text_key

logger = logging.getLogger(__name__)


def critique_to_json(c: Critique) -> dict:
    return {"alpha": int(c.alpha), "tag": c.tag, "score": float(c.score), "strength": float(c.strength),
            "phrase": c.phrase, "candidates": list(c.candidates), "flipped": bool(c.flipped)} \
        | ({"estimate": True} if c.estimate else {})  # only then: older records keep their shape


def critique_from_json(d: dict) -> Critique:
    return Critique(alpha=int(d["alpha"]), tag=str(d["tag"]), score=float(d.get("score", 1.0)),
                    strength=float(d.get("strength", 1.0)), phrase=str(d.get("phrase", "")),
                    candidates=tuple(d.get("candidates") or ()), flipped=bool(d.get("flipped", False)),
                    estimate=bool(d.get("estimate", False)))


def _said(cleaned: str) -> str:
    """The answer as a bare lower-case phrase ("More quirky!" -> "more quirky")."""
    return text_key(re.sub(r"[^\w\s-]", " ", cleaned.lower()))


def compound_start(parse: Parse, sequence: list) -> int | None:
    """Item id a compound critique starts from: its reference, or its pick of the list shown."""
    if parse.item_id is not None or parse.index is None:
        return parse.item_id
    pick = ordinal_pick(Parse("select", index=parse.index), sequence)
    return None if pick is None else int(pick["item_id"])


def offered_start(parse: Parse, waiting: "NeedReference | None", popular: Sequence[int]) -> int | None:
    """Item id of the starting film picked by ordinal among those offered: the films a waiting
    critique fits ("a scary movie"), else the most popular (`popular`, item ids)."""
    picked = ordinal_pick(parse, list(waiting.offered if waiting is not None and waiting.offered else popular))
    return None if picked is None else int(picked)


def ordinal_pick(parse: Parse, options: list) -> object | None:
    """The option picked by "the second one" / "#2" / "the last one", if that is what was said."""
    if parse.intent != "select" or parse.index is None or parse.item_id is not None or not options:
        return None
    k = parse.index  # -1 the last one, -2 the second to last
    if k < 0:
        return options[k] if -k <= len(options) else None
    return options[k - 1] if 1 <= k <= len(options) else None


@dataclass(frozen=True)
class AskTag:
    """ "By 'weird' did you mean 'more quirky' or 'more dark'?" about critique `index`."""

    kind: ClassVar[str] = "critique"
    critiques: tuple[Critique, ...]
    index: int

    @property
    def asked(self) -> Critique:
        return self.critiques[self.index]

    @property
    def options(self) -> list[str]:
        return list(dict.fromkeys([self.asked.tag, *self.asked.candidates]))

    @property
    def others(self) -> list[tuple[str, int]]:
        """The turn's other critiques, kept while the question waits ("less epic" beside "more intimate")."""
        return [(c.phrase or c.tag, c.alpha) for i, c in enumerate(self.critiques) if i != self.index]

    def resolve(self, parse: Parse, cleaned: str, titles: TitleResolver | None = None) -> Parse | None:
        options = self.options
        said = _said(cleaned)
        chosen = ordinal_pick(parse, options)
        if chosen is None and parse.intent == "critique" and len(parse.critiques) == 1 \
                and parse.critiques[0].tag in options:
            chosen = parse.critiques[0].tag
        if chosen is None:
            chosen = next((o for o in options if said in (o, f"more {o}", f"less {o}")), None)
        if chosen is None:
            return None
        # The question was about the tag; the direction is the one first asked for. The user
        # named the tag, so it is walked as that tag (score 1, as for a tag word).
        answered = Critique(self.asked.alpha, str(chosen), 1.0, self.asked.strength,
                            self.asked.phrase)
        critiques = tuple(answered if i == self.index else c for i, c in enumerate(self.critiques))
        return Parse("critique", critiques=critiques, text=cleaned)

    def to_json(self) -> dict:
        return {"kind": self.kind, "critiques": [critique_to_json(c) for c in self.critiques],
                "index": self.index}

    @classmethod
    def from_json(cls, d: dict) -> "AskTag":
        critiques = tuple(critique_from_json(c) for c in d["critiques"])
        index = int(d["index"])
        if not 0 <= index < len(critiques):
            raise ValueError(f"index {index} outside {len(critiques)} critiques")
        return cls(critiques, index)


# A namesake picked by its year's last two digits: "the 96 one", "no, the '53 version", "'96".
_SHORT_YEAR = re.compile(r"(?:^|\s)(?:the\s+)?['\u2019]?(\d\d)(?:\s+(?:one|version|film|movie|remake|original)\b|\s*$)")


@dataclass(frozen=True)
class AskTitle:
    """ "Which one do you mean? 1. Heat (2013); 2. Heat (1995)" (titles, most popular first)."""

    kind: ClassVar[str] = "reference"
    candidates: tuple[str, ...]
    # False where the titles were only named beside a list ("say 'the 1953 one' for the other"):
    # "#1" then picks from the list on screen, not from these titles.
    numbered: bool = True
    # What was asked of the film with its name ("something like Star Wars but funnier"): walked
    # from the one picked, as a compound critique.
    critiques: tuple[Critique, ...] = ()

    def resolve(self, parse: Parse, cleaned: str, titles: TitleResolver) -> Parse | None:
        picked = self._pick(parse, cleaned, titles)
        if picked is None or not self.critiques or picked.item_id is None or picked.critiques:
            return picked
        return replace(picked, intent="critique", critiques=self.critiques)

    def _pick(self, parse: Parse, cleaned: str, titles: TitleResolver) -> Parse | None:
        if parse.intent == "reference" and parse.item_id is not None:
            return parse
        title = ordinal_pick(parse, list(self.candidates)) if self.numbered else None
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", cleaned or "")
        ranged = bool(parse.years) and parse.years.get("min") != parse.years.get("max")  # "from around 1995": a filter
        dated = [t for t in self.candidates if year and not ranged and t.rstrip().endswith(f"({year.group(1)})")]
        short = None if year else _SHORT_YEAR.search(cleaned or "")
        if short and not ranged:  # "the 96 one", "the '53 version": the year's last two digits
            dated = [t for t in self.candidates if re.search(rf"\(\d\d{short.group(1)}\)\s*$", t)]
        if title is None and len(dated) == 1:  # "the 1953 one"
            title = dated[0]
        if title is None and cleaned:
            # The same matching as everywhere else, kept to the titles on offer.
            offered = {m.title for m in titles.exact(cleaned) if m.title in self.candidates}
            title = offered.pop() if len(offered) == 1 else None  # "heat" again: still ambiguous
        if title is None:
            return None
        match = titles.exact(str(title))
        if not match:  # a namesake the data holds and the model lacks: said so, as for any such title
            return Parse("reference", unknown_title=re.sub(r"\s*\(\d{4}\)\s*$", "", str(title)),
                         outside=(str(title),), text=cleaned)
        return Parse("reference", item_id=match[0].item_id, title=match[0].title, text=cleaned)

    def to_json(self) -> dict:
        return {"kind": self.kind, "candidates": list(self.candidates), "numbered": self.numbered,
                "critiques": [critique_to_json(c) for c in self.critiques]}

    @classmethod
    def from_json(cls, d: dict) -> "AskTitle":
        return cls(tuple(str(t) for t in d.get("candidates") or ()), bool(d.get("numbered", True)),
                   tuple(critique_from_json(c) for c in d.get("critiques") or ()))


@dataclass(frozen=True)
class NeedReference:
    """ "Less than what? Name a movie": the critiques wait for a starting item."""

    kind: ClassVar[str] = "need_reference"
    critiques: tuple[Critique, ...]
    offered: tuple[int, ...] = ()  # item ids offered to start from ("the first one" picks among them)

    def to_json(self) -> dict:
        return {"kind": self.kind, "critiques": [critique_to_json(c) for c in self.critiques],
                "offered": list(self.offered)}

    @classmethod
    def from_json(cls, d: dict) -> "NeedReference":
        return cls(tuple(critique_from_json(c) for c in d.get("critiques") or ()),
                   tuple(int(i) for i in d.get("offered") or ()))


def still_waiting(critiques: Sequence[Critique], waiting: NeedReference | None,
                  tags: Sequence[str]) -> NeedReference | None:
    """The critiques that wait for a starting item after a title the catalog lacks ("Heat but
    less violent"): the ones said with it, else those already waiting; none when a tag is unknown
    or unclear (the bot asks about those once there is an item)."""
    said = tuple(critiques) or (waiting.critiques if waiting is not None else ())
    if not said or any(c.tag not in tags or c.candidates for c in said):
        return None
    return NeedReference(said)


# "and #7?", "what about the third one?" right after "why #3?" / "tell me about #2": the same question.
_FOLLOW = re.compile(r"^(?:and|and what about|what about|how about|and how about|same for|and also|also|and for)\s+"
                     r"(?:(?:number|no|item|movie|film)\s+)?(?:(?P<n>\d{1,2})|(?:the\s+)?(?P<ord>[a-z0-9]+)"
                     r"(?:\s+(?:one|movie|film))?)$")


@dataclass(frozen=True)
class FollowUp:
    """After an answer about one listed item ("why #3?"), "and #7?" asks the same of another."""

    kind: ClassVar[str] = "follow_up"
    intent: str  # "explain" or "about"

    def resolve(self, parse: Parse, cleaned: str, titles: TitleResolver | None = None) -> Parse | None:
        m = _FOLLOW.match(_said(cleaned))
        index = None
        if m is not None:
            index = int(m.group("n")) if m.group("n") else ORDINALS.get(m.group("ord") or "")
        if index is None or parse.intent not in ("select", "out_of_scope") or parse.control:
            return None
        return Parse(self.intent, index=index, text=cleaned)

    def to_json(self) -> dict:
        return {"kind": self.kind, "intent": self.intent}

    @classmethod
    def from_json(cls, d: dict) -> "FollowUp":
        if d["intent"] not in ("explain", "about"):
            raise ValueError(f"no follow-up for {d['intent']!r}")
        return cls(str(d["intent"]))


Pending = Union[AskTag, AskTitle, NeedReference, FollowUp]
_KINDS: dict[str, type] = {k.kind: k for k in (AskTag, AskTitle, NeedReference, FollowUp)}


def pending_to_json(pending: Pending | None) -> dict | None:
    return None if pending is None else pending.to_json()


def pending_from_json(data: object) -> Pending | None:
    """The stored question, or None (nothing stored, an unknown kind, or a malformed one)."""
    if not data:
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in _KINDS:
        logger.warning("dropping a stored pending question of unknown kind %r", kind)
        return None
    try:
        return _KINDS[kind].from_json(data)
    except (KeyError, TypeError, ValueError):
        logger.warning("dropping a malformed stored pending question %r", data, exc_info=True)
        return None
