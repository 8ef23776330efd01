"""What a critique walks along: the tag the parser chose, or the degree model's reading of the
user's words when those words are not that tag.

The parser decides *that* a clause is a critique, its polarity, strength and closest tag. When
the words matched a tag word (or its lexicon) the walk follows that tag's degrees. When they
matched only by embedding ("more artsy" -> action at cosine 0.67), or the tag is too thin to
carry a reading ("funny" on 22 movies), the degree model grounds the words themselves
(`engine.degrees.model.DegreeModel.ground`: "gory" -> violence + horror) and the walk follows that
reading; the reply says how it read them. `cgir eval judgments` grounds attributes through this
same function, so its figures measure the product.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from bot.nlu.grounding import LEXICAL, guessed_opposite
from bot.nlu.renown import ATTRIBUTE_FACTS
from engine.retrieval.retriever import Modification

if TYPE_CHECKING:  # pragma: no cover
    from bot.types import Critique
    from engine.retrieval.retriever import Retriever

# What a reading of a catalog fact says it went by (`reading_note`).
FACT_NOTES = {"popularity": "going by how many people here gave each film 4 stars or more",
              "rating": "going by each film's mean rating here, films few rated counting as average"}


def estimate_reading(retriever: "Retriever", critique: "Critique"):
    """The reading an `estimate` critique walks (engine.degrees.grounding.Grounding): a catalog
    fact (bot.nlu.renown: "less well-known") or a guess at what the catalog lacks
    (bot.dialogue.estimates: "shorter"); None when this checkpoint cannot read it."""
    fact = ATTRIBUTE_FACTS.get(critique.tag)
    if fact is not None:
        return retriever.degree_model.fact(critique.tag, fact)
    return retriever.degree_model.estimate(critique.phrase or critique.tag)


def walkable(retriever: "Retriever", critique: "Critique") -> bool:
    """Whether the walk can follow a critique: a catalog tag, or an estimate it can read."""
    return critique.tag in retriever.tags if not critique.estimate else estimate_reading(retriever, critique) is not None


def critique_modification(retriever: "Retriever", critique: "Critique") -> Modification:
    """The Modification a critique asks for, with the degree model's reading when it applies."""
    if critique.estimate:
        reading = estimate_reading(retriever, critique)
        if reading is not None:
            from bot.dialogue.estimates import steering_tag

            return Modification(steering_tag(retriever, reading), critique.alpha, float(critique.strength),
                                grounding=reading)
    plain = Modification(retriever.tags.index(critique.tag), critique.alpha, float(critique.strength))
    degrees = retriever.degree_model
    if not critique.phrase or (critique.score >= LEXICAL and not degrees.is_thin(critique.tag)):
        return plain
    if guessed_opposite(critique):
        # Only near a tag's declared opposite in the embedding ("complicated" next to "simple",
        # an opposite of thought-provoking): antonyms sit close, so the flip is no evidence.
        # The phrase itself is read, in the direction the person said.
        reading = degrees.ground(critique.phrase)
        if reading is not None:
            return replace(plain, alpha=-critique.alpha, grounding=reading)
    # A phrase read through an opposite ("more mindless" = less thought-provoking) walks the
    # tag's own reading in the tag's direction: reading the phrase itself with that direction
    # would ask for the opposite of what was said ("less mindless").
    reading = degrees.ground(critique.tag if critique.flipped else critique.phrase)
    if reading is None or reading.tags == (critique.tag,):
        return plain
    return replace(plain, grounding=reading)


def critique_modifications(retriever: "Retriever", critiques: Sequence["Critique"]
                           ) -> tuple[Modification, ...]:
    return tuple(critique_modification(retriever, c) for c in critiques)


def reading_note(critiques: Sequence["Critique"], modifications: Sequence[Modification],
                 tags: Sequence[str] = ()) -> str:
    """"'gory' is not a tag here; I read it as violence + horror." for every reading used."""
    notes = [FACT_NOTES[m.grounding.fact] if m.grounding.fact else
             (f"few movies carry “{c.phrase}”" if c.phrase in tags else f"“{c.phrase}” is not a tag here")
             + f"; I read it as {m.grounding.label}"
             for c, m in zip(critiques, modifications) if _own_words(c, m)]
    return "; ".join(notes) + "." if notes else ""


def as_read(critiques: Sequence["Critique"], modifications: Sequence[Modification]
            ) -> tuple["Critique", ...]:
    """The critiques as the walk reads them: a reading is named by the user's own words (not
    one read through an opposite: that one is named by its tag, "less thought-provoking")."""
    return tuple(replace(c, tag=c.phrase, alpha=m.alpha, flipped=False) if _own_words(c, m) else c
                 for c, m in zip(critiques, modifications))


def _own_words(critique: "Critique", modification: Modification) -> bool:
    """Whether the walk follows the reading of the person's own words (in the direction they
    said), not a tag or a tag's opposite."""
    return modification.grounding is not None and (not critique.flipped
                                                   or modification.alpha != critique.alpha)


def understood_json(critiques: Sequence["Critique"], read: Sequence["Critique"]) -> list[dict]:
    """`Reply.critiques`: what was understood this turn, as walked, with the user's phrase."""
    return [{"alpha": int(r.alpha), "tag": r.tag, "phrase": c.phrase, "strength": float(c.strength),
             "flipped": bool(c.flipped)} for c, r in zip(critiques, read)]


def attribute_estimate(parser, retriever: "Retriever", attribute: str):
    """The chat's guess at "more <attribute>" when it answers that it cannot judge it (running
    time, budget: facts the catalog lacks) and the catalog's users wrote close words as tags:
    the estimate `bot.dialogue.estimates` walks, in the direction it walks it; None otherwise.
    `cgir eval judgments` scores it as the chat's reading of the attribute."""
    from bot.dialogue.estimates import asked_lack, estimate_critique
    from engine.degrees.grounding import AttributeReading

    parse = parser.parse(f"more {attribute}")
    if parse.intent != "cannot_judge":
        return None
    critique = estimate_critique(retriever, asked_lack(parse))
    if critique is None:
        return None  # the same reading `critique_modification` walks for this critique
    return AttributeReading(retriever.degree_model.estimate(critique.phrase), critique.alpha)


def read_unread(retriever: "Retriever", unread: Sequence["Critique"]) -> tuple["Critique", ...]:
    """Phrases the parser matched to no tag that describe a degree ("less long", "more
    believable") or that this catalog's users wrote as tags ("less gore"), as critiques of the
    closest tag of the degree model's reading, else as the parser's guess for a word that negates
    itself ("more gormless" = less cerebral); () when there are none (then the bot says it did
    not understand: "more pizza")."""
    from bot.nlu.word_classes import is_descriptive

    from engine.degrees.phrases import clean_phrase

    read = []
    degrees = retriever.degree_model
    written = _written(degrees)
    for critique in unread:
        # "creature feature": the very words this catalog's users tagged films with count as
        # written, whatever the encoder makes of them (a distilled one may not reach `users_wrote`'s bar)
        known = bool(critique.phrase) and (is_descriptive(critique.phrase)
                                           or clean_phrase(critique.phrase) in written
                                           or degrees.users_wrote(critique.phrase))
        reading = degrees.ground(critique.phrase) if known else None
        if reading is not None:
            read.append(replace(critique, tag=reading.tags[0], score=0.0, candidates=()))
        elif critique.candidates:  # "more gormless": the parser's guess, less of what it negates
            read.append(replace(critique, tag=critique.candidates[0], alpha=-critique.alpha, candidates=(),
                                flipped=True))
    return tuple(read)


def _written(degrees) -> frozenset[str]:
    """The user tags of the degree model's catalog, as `clean_phrase` writes them (cached on it)."""
    from engine.degrees.phrases import clean_phrase

    cached = getattr(degrees, "_written_phrases", None)
    if cached is None:
        cached = frozenset(clean_phrase(t) for t in getattr(degrees, "language", ()) or ())
        degrees._written_phrases = cached
    return cached


def attribute_grounding(parser, retriever: "Retriever", attribute: str):
    """How the bot reads "more <attribute>" (engine.degrees.grounding.AttributeReading: the
    degrees it walks and which way), None when it does not read it as a critique: the parser,
    then `critique_modification`. When the bot would ask which of two near-tied tags was meant,
    the answer is taken to be the first it offers."""
    from engine.degrees.grounding import AttributeReading, Grounding

    parse = parser.parse(f"more {attribute}")
    critiques = parse.critiques or read_unread(retriever, parse.unread)
    if parse.intent != "critique" or not critiques or critiques[0].tag not in retriever.tags:
        return None
    if critiques[0].candidates:  # "more war" or "more sci-fi"? a tag word answers
        critiques = (replace(critiques[0], score=LEXICAL, candidates=()),)
    modification = critique_modification(retriever, critiques[0])
    sign = 1 if modification.alpha > 0 else -1  # "more light-hearted" walks dark down
    if modification.grounding is not None:
        return AttributeReading(modification.grounding, sign)
    return AttributeReading(Grounding.of_tag(retriever.tags[modification.tag]), sign)
