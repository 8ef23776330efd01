"""Whether words describe a degree of something ("long", "believable", "far-fetched") or name a
thing ("pizza"): the test that lets the bot read an everyday attribute no tag matched, while
"more pizza" stays not understood.

A gradable attribute is said with an adjective or an adjectival participle ("exaggerated",
"gripping"). The word classes come from lemminflect's English lexicon (shipped with the package,
no download); a word the lexicon does not know ("artsy", "impactful") counts when it has an
adjective's ending, the usual guess for unknown words in part-of-speech tagging, unless it is a
common word of the encoder's vocabulary: the lexicon has no proper names ("tuesday"). Whether the
phrase then means anything in this catalog is the degree model's call (`DegreeModel.ground`).
"""

from __future__ import annotations

from functools import lru_cache

from bot.nlu.text import english_words, tokenize

__all__ = ["adjective_of_comparative", "describes_degree", "is_descriptive", "load_lexicon"]

# "earlier", "later": about release years (bot.nlu.time), not a degree of the film.
TIME_ADJECTIVES = frozenset({"early", "late"})
# Adjectives of likeness compare a film with another ("anything similar but less gory"): they ask
# for the reference's neighbourhood, which every answer keeps, and name no degree a film has on its
# own. Read as a degree, "similar" became "more comedy" (the mix of tags its words sit near).
RELATIONAL_ADJECTIVES = frozenset({"similar", "same", "alike", "comparable", "identical", "akin",
                                   "equivalent", "analogous", "different"})

# Endings of adjectives (and adjectival participles) in English word formation.
ADJECTIVE_ENDINGS = ("y", "ish", "ful", "less", "ous", "ive", "able", "ible", "ic", "ical", "al",
                     "esque", "ed", "ing", "ent", "ant", "ary")


@lru_cache(maxsize=4096)
def describes_degree(word: str) -> bool:
    """True for an adjective, a verb's participle ("exaggerated", "gripping", "made"), or a word
    outside the lexicon with an adjective's ending; never an adjective of likeness ("similar")."""
    import lemminflect

    if word in RELATIONAL_ADJECTIVES:
        return False

    classes = lemminflect.getAllLemmas(word)
    if "ADJ" in classes:
        return True
    for lemma in classes.get("VERB", ()):
        participles = {form for tag in ("VBN", "VBG")
                       for form in lemminflect.getInflection(lemma, tag) or ()}
        if word in participles:
            return True
    if classes:
        return False  # a known noun, adverb or verb form ("pizza", "cats")
    # A common English word the lexicon lacks is a name ("tuesday", "paris"), not a coinage
    return (word.isalpha() and len(word) > 3 and word.endswith(ADJECTIVE_ENDINGS)
            and word not in english_words())


def load_lexicon() -> None:
    """Load lemminflect's lemma and inflection tables now (~0.7 s each), so the first everyday
    word does not wait for them."""
    import lemminflect

    lemminflect.getAllLemmas("warm")
    lemminflect.getInflection("warm", "VBN")


def is_descriptive(phrase: str) -> bool:
    """Whether some word of `phrase` describes a degree ("big budget", "far fetched")."""
    return any(describes_degree(w) for w in tokenize(phrase) if w.isalpha())


@lru_cache(maxsize=4096)
def is_comparative_form(word: str) -> bool:
    """Whether a word can be an adjective's comparative ("lighter", "darker"), even when it is
    also a noun ("a lighter"); not a time word ("later")."""
    import lemminflect

    if not word.isalpha() or not word.endswith("er"):
        return False
    return any(b != word and b not in TIME_ADJECTIVES for b in lemminflect.getAllLemmas(word).get("ADJ", ()))


@lru_cache(maxsize=4096)
def adjective_of_comparative(word: str) -> str | None:
    """The adjective a comparative is formed from ("raunchier" -> "raunchy", "easier" -> "easy"),
    from lemminflect's lexicon and, for a word it lacks, the "-ier" -> "-y" rule when the base has
    an adjective's ending; None for anything else ("soldier", "water", "later", "never")."""
    import lemminflect

    if not word.isalpha() or len(word) < 5 or not word.endswith("er"):
        return None
    classes = lemminflect.getAllLemmas(word)
    if classes:
        bases = [b for b in classes.get("ADJ", ()) if b != word]
        # a noun or verb form ("stranger", "water"), or an adverb in its own right ("later")
        if not bases or set(classes) - {"ADJ", "ADV"} or word in classes.get("ADV", ()):
            return None
        return bases[0] if bases[0] not in TIME_ADJECTIVES else None
    base = word[:-3] + "y"
    return base if word.endswith("ier") and describes_degree(base) else None
