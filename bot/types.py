"""Typed values that cross the dialogue layer's boundaries (parser, manager, store, channels)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Intent = Literal[
    "critique", "select", "reference", "undo", "restart", "help", "bye", "out_of_scope", "cannot_judge",
    "more", "exclude", "jump", "about", "explain",  # list controls (bot.nlu.list_controls)
]


@dataclass(frozen=True)
class Critique:
    """One understood critique: alpha=+1 "more tag", -1 "less tag"."""

    alpha: int
    tag: str
    score: float  # cosine similarity of the phrase to the tag
    strength: float = 1.0  # "a bit" < 1 < "way more"
    phrase: str = ""  # the user's words that grounded it (typos fixed), for open-vocabulary grounding
    candidates: tuple[str, ...] = ()  # near-tied tags: the bot asks which one
    flipped: bool = False  # read through an opposite ("mindless" = less thought-provoking)
    # A guess at a fact the catalog lacks ("shorter" = less long), read from what its users
    # tagged (bot.dialogue.estimates); `tag` is then the user's attribute, not a catalog tag.
    estimate: bool = False


@dataclass(frozen=True)
class LimitWay:
    """Which way a request about a fact the catalog lacks asks (bot.nlu.limits.read_way):
    alpha +1 more of it ("longer", "a bigger budget"), -1 less ("shorter", "not three hours
    long"); strength as a critique's ("a bit shorter" 0.5)."""

    alpha: int
    strength: float = 1.0


@dataclass(frozen=True)
class Parse:
    """The parser's reading of one utterance. `to_json` is the stable `cgir parse` contract.

    A compound request ("something like Heat but funnier", "the second one but less dark") is a
    critique that also carries its starting point: `item_id`/`title` or the shown `index`.
    """

    intent: Intent
    critiques: tuple[Critique, ...] = ()
    index: int | None = None  # select (or a compound critique's pick): 1-based, -1 = the last one
    item_id: int | None = None  # select by title / reference / a compound critique's reference
    title: str | None = None
    unknown_title: str | None = None  # reference: the title asked for, not in the catalog
    candidates: tuple[str, ...] = ()  # reference/select: closest titles when not sure
    suggestions: tuple[str, ...] = ()  # critique with no close tag: closest tags that exist
    unread: tuple[Critique, ...] = ()  # ...and its phrases (tag ""), for bot.dialogue.critique_axes
    small_talk: str | None = None  # out_of_scope: "greeting" or "thanks", answered in kind
    # List controls: exclude "all" / "item" / "items" / "tag" / "list"; select by "degree" / "year" /
    # "newest" / "oldest" (the attribute is `critiques[0]`, or `unread[0]` when no tag is close).
    control: str | None = None
    indices: tuple[int, ...] = ()  # exclude "items": several positions ("seen 1 and 4", "not the first three")
    item_ids: tuple[int, ...] = ()  # exclude "items": several films named ("I've seen Heat and Ronin")
    year: int | None = None  # select "the one from 1999"
    count: int | None = None  # more: how many were asked for ("show me 5 more"); None: a full list
    # A release-year request (bot.nlu.time.YearAsk.to_json): {"min", "max"} inclusive, maybe
    # "relative" ("newer"/"older"/"decade"/"recent"/"classic") or "clear" ("any year"); None: none asked.
    years: dict | None = None
    limit: str | None = None  # what the catalog cannot judge (bot.nlu.limits.TOPICS): "budget"
    limit_way: LimitWay | None = None  # ... and which way it was asked, None when no way or both
    namesakes: tuple[str, ...] = ()  # reference: other titles the words also name, for the reply
    # reference: titles the data holds but the model lacks (too few ratings) that the words name
    outside: tuple[str, ...] = ()
    text: str = ""

    def to_json(self) -> dict:
        out: dict = {"intent": self.intent}
        if self.intent == "critique":
            if self.item_id is not None:
                out["item_id"] = self.item_id
                out["title"] = self.title
            if self.item_ids:  # "like Heat and Collateral but less violent": both films
                out["item_ids"] = list(self.item_ids)
            if self.index is not None:
                out["index"] = self.index
            out["critiques"] = [_critique_json(c) for c in self.critiques]
            if self.suggestions:
                out["suggestions"] = list(self.suggestions)
        if self.intent in ("select", "more", "exclude", "about", "explain"):
            if self.index is not None:
                out["index"] = self.index
            if self.item_id is not None:
                out["item_id"] = self.item_id
                out["title"] = self.title
            if self.control:
                out["control"] = self.control
            if self.indices:
                out["indices"] = list(self.indices)
            if self.item_ids:
                out["item_ids"] = list(self.item_ids)
            if self.control == "tag":
                out["tag"] = self.title  # "no more Tarantino films": the catalog tag
            if self.year is not None:
                out["year"] = self.year
            if self.count is not None:
                out["count"] = self.count
            if self.critiques and self.intent != "critique":
                out["critiques"] = [_critique_json(c) for c in self.critiques]
            if self.unknown_title:
                out["unknown_title"] = self.unknown_title
        if self.intent == "out_of_scope" and self.small_talk:
            out["small_talk"] = self.small_talk
        if self.limit:
            out["limit"] = self.limit
            if self.limit_way is not None:
                out["limit_way"] = asdict(self.limit_way)
        if self.years is not None:
            out["years"] = dict(self.years)
        if self.intent == "reference":
            out["item_id"] = self.item_id
            out["title"] = self.title
            if self.unknown_title:
                out["unknown_title"] = self.unknown_title
            if self.candidates:
                out["candidates"] = list(self.candidates)
            if self.outside:
                out["outside"] = list(self.outside)
            if self.critiques:  # said after a title the catalog lacks: they wait for a start
                out["critiques"] = [_critique_json(c) for c in self.critiques]
            if self.item_ids:  # "something like Heat and Collateral": both films
                out["item_ids"] = list(self.item_ids)
        return out


def _critique_json(c: Critique) -> dict:
    return ({k: v for k, v in asdict(c).items() if k in ("alpha", "tag", "score", "strength")}
            | ({"candidates": list(c.candidates)} if c.candidates else {}))


@dataclass(frozen=True)
class ShownItem:
    """One item as shown to the user, with its place in the gradient."""

    item_id: int
    title: str
    gamma: float | None = None
    score: float | None = None
    relevance: float | None = None  # ground truth (the demo's planted relevance), where it exists
    degree: float | None = None  # the model's estimate of the asked attribute, [0, 1] over the catalog
    # Every asked attribute's estimated degree ({"less dark": 0.31, "funny": 0.72}, the first is
    # `degree`'s) and what the item shares with the reference (tags), for cards that say why.
    degrees: dict[str, float] | None = None
    shares: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """`dataclasses.asdict(self)`, without its generic deep copy (a turn converts a dozen), and
        `shares` as a list: the dict goes into the session state, which must equal what decoding
        its JSON gives (the store keeps written states for the next turn, bot/store/held.py)."""
        return {"item_id": self.item_id, "title": self.title, "gamma": self.gamma, "score": self.score,
                "relevance": self.relevance, "degree": self.degree,
                "degrees": None if self.degrees is None else dict(self.degrees), "shares": list(self.shares)}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass
class Reply:
    """What the bot answers to one turn, for any channel to render."""

    text: str
    intent: str
    session_id: str
    current: ShownItem | None = None
    sequence: list[ShownItem] = field(default_factory=list)
    tag: str | None = None  # the critiqued tag the sequence's relevance refers to
    alpha: int | None = None
    buttons: list[Button] = field(default_factory=list)
    understood: bool = True  # False for out-of-scope / not understood turns
    clarification: bool = False  # True when the bot asked which tag or title was meant
    synthetic: bool = False  # the catalog is the generated demo world
    reference: ShownItem | None = None  # the item the sequence was found from, with its degrees
    explanation: dict | None = None  # "why?": bot.dialogue.explain.explanation
    excluded: list[dict] = field(default_factory=list)  # what this turn set aside ({item_id, title} / {tag})
    picked: dict | None = None  # a pick by description: {item_id, title, index, by, value}
    # The critiques understood this turn, as walked: {"alpha", "tag", "phrase", "strength",
    # "flipped"} (flipped: the phrase names the tag's opposite, "mindless" for thought-provoking).
    critiques: list[dict] = field(default_factory=list)
    years: dict | None = None  # the release-year filter in force: {"min", "max"}, None for none
    # A guess at what the catalog lacks, walked from what its users tagged (running time,
    # budget): bot.dialogue.estimates.Lack.to_json; None when the answer is no such guess.
    estimate: dict | None = None

    def to_json(self) -> dict:
        return asdict(self)
