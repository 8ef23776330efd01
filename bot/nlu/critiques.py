"""Stages 4-6 composed: the critique reading of one utterance (clauses, polarity, grounding)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.nlu import lexicon as lx
from bot.nlu.everyday import INTERJECTIONS
from bot.nlu.clauses import CONTRAST_WORDS, Clause, read_clause, split_clauses, states_circumstance
from bot.nlu.equal_forms import without_kept
from bot.nlu.grounding import TagGrounder
from bot.nlu.negation import NOT_WITHOUT, latin_negated_base, negated_base
from bot.nlu.polarity_forms import rewrite_polarity
from bot.nlu.text import dictionary_word, english_words, tokenize
from bot.nlu.vocabulary import TagVocabulary
from bot.nlu.word_classes import is_comparative_form
from bot.types import Critique

__all__ = ["GUESS_BELOW", "Reading", "read_critiques"]

MAX_TOKENS = 200
GUESS_BELOW = 0.5  # a flipped critique scored under this is a guess (`_guessed_negation`): the reply says so
NEGATORS = frozenset({"not", "no", "non", "never", "dont", "nothing", "too"})


@dataclass(frozen=True)
class Reading:
    critiques: tuple[Critique, ...]
    suggestions: tuple[str, ...]  # closest tags, for phrases that grounded to none
    cued: bool  # any polarity word, weak ones ("I like") included
    strong: bool  # some phrase grounded well enough to stand without a polarity word
    strong_cue: bool  # a real polarity word (more, less, too, comparatives, negations)
    # phrases that grounded to no tag, as critiques with tag "" (the degree model may read them;
    # a self-negating word carries a guessed tag in `candidates`, `_guessed_negation`)
    unread: tuple[Critique, ...] = ()


def _compares(clause: Clause) -> bool:
    """A comparative the lexicon reads as a tag of its own ("Heat, only lighter": less dark) asks
    for a change even without a polarity word: no description of the film."""
    return any(is_comparative_form(w) for t in clause.tokens for w in t.split())


def _inherit_polarity(clauses: list[Clause]) -> None:
    """"less horror and gore": a clause without a polarity word takes the previous one's, and its
    strength with it ("a bit less horror and gore": both a bit)."""
    previous, previous_cued, previous_strength = 1, False, 1.0
    for clause in clauses:
        if clause.polarity is None:
            clause.polarity, clause.explicit = previous, previous_cued
            if clause.strength == 1.0 and clause.phrase:
                clause.strength = previous_strength
        previous, previous_cued, previous_strength = clause.polarity, clause.explicit, clause.strength


def _lend_strength(clauses: list[Clause]) -> None:
    """"more action, a lot more" / "less gore, but only a bit": a clause that is only a strength
    word sets the strength of the critique before it."""
    previous: Clause | None = None
    for clause in clauses:
        if clause.phrase:
            previous = clause
        elif previous is not None and clause.strength != 1.0:
            previous.strength = clause.strength


def _whole_compound(parts: list[str]) -> bool:
    """"far-fetched", "well-made": a compound with a word the parser would drop as a strength or
    filler word is one attribute; one with a polarity word ("less-violent") is not."""
    return (any(p in lx.FILLER_WORDS for p in parts)
            and not any(p in lx.MORE_WORDS or p in lx.LESS_WORDS or p in NEGATORS for p in parts))


def _negated_hits(phrase: str, vocab: TagVocabulary) -> tuple[list[tuple[int, bool]], bool]:
    """"unfunny", "humourless", "non-violent": a word that negates a lexicon word names that
    word's tags with the polarity flipped ("more unfunny" = less funny)."""
    words = phrase.split()
    base = negated_base(words[-1]) if words else None
    if base is None:
        return [], False
    hits, full = vocab.lexical(" ".join([*words[:-1], vocab.correct(base)]))
    return [(tag, not flip) for tag, flip in hits], full


def _through_negated_base(clause: Clause, vocab: TagVocabulary, grounder: TagGrounder) -> Critique | None:
    """"plotless", "joyless": a word that negates itself but that no tag or lexicon word names is
    read as its base, grounded the same way ("plot"), with the user's direction turned around;
    the word is its own cue ("something plotless" = less plot). None when the base grounds to
    no tag or is no English word ("unique" has no base "ique")."""
    words = clause.phrase.split()
    base = negated_base(words[-1]) if words and words[-1] not in NOT_WITHOUT else None
    if base is None or not vocab.is_english(base):
        return None
    said = " ".join([*words[:-1], base])
    crit, _ = grounder.from_vector(said, grounder.embed([said])[0], -clause.polarity, clause.strength, True)
    return None if crit is None else replace(crit, phrase=clause.phrase, flipped=True)


def _guessed_negation(clause: Clause, vocab: TagVocabulary, grounder: TagGrounder) -> Critique | None:
    """"more gormless", "less incomprehensible": a cued word that negates itself and that no tag
    grounds stays unread (the dialogue's degree model reads it first: "unrealistic"), carrying a
    guess for when that reading fails too: the tag closest to what it negates, as a candidate
    (the dialogue walks less of it and says it is a guess). What it negates is its base when that
    is a word ("comprehensible"), else the word itself (no "gorm"), whose neighbours in an
    embedding share its topic, not its sign."""
    words = clause.phrase.split()
    if not clause.explicit or not words or words[-1] in NOT_WITHOUT:
        return None
    known = lambda w: vocab.is_english(w) or dictionary_word(w) or w in english_words(None)  # noqa: E731
    base = negated_base(words[-1]) or latin_negated_base(words[-1], known)
    if base is None:
        return None
    found = grounder.nearest(" ".join([*words[:-1], base if known(base) else words[-1]]))
    if found is None:
        return None
    return Critique(clause.polarity, "", min(found[1], GUESS_BELOW - 0.01), clause.strength, clause.phrase,
                    candidates=(found[0],))


def read_critiques(simple: str, vocab: TagVocabulary, grounder: TagGrounder, *, described: bool = False) -> Reading:
    """The critique reading of a simplified utterance (see `Reading`). `described`: the words
    follow a film just named, so clauses without a polarity word before the first one that has
    one or that a "but" opens describe that film ("Serpico, gritty cop stuff, but less bleak";
    "Serpico, gritty cop stuff"): no critique ("like Alien but funny" still asks)."""
    tokens = rewrite_polarity(tokenize(simple, _whole_compound)[:MAX_TOKENS], vocab.is_content)
    tokens = without_kept([vocab.correct(t) for t in tokens], vocab.is_content)  # "just as tense": kept
    clauses = [read_clause(c, vocab) for c in split_clauses(tokens, vocab)]
    if described:
        first = next((k for k, c in enumerate(clauses)
                      if c.explicit or c.opened_by in CONTRAST_WORDS or _compares(c)), len(clauses))
        clauses = clauses[first:]
    # "less scary, it's for a family movie night": no "less family night"; "a funny movie for my
    # wife": no "more marriage". Said alone ("something for my kids") it is what is asked.
    # ... nor "with my 7 year old", whose "with" is only a weak cue
    if any(c.explicit and not c.weak or not states_circumstance(c.tokens) for c in clauses):
        clauses = [c for c in clauses if c.explicit and not c.weak or not states_circumstance(c.tokens)]
    cued = any(c.explicit for c in clauses)
    strong_cue = any(c.explicit and not c.weak for c in clauses)
    _inherit_polarity(clauses)
    _lend_strength(clauses)
    # "ha, now more campy", "meh, less drama": a reaction said before the request is no attribute
    pending = [c for c in clauses if c.phrase and (c.explicit or not set(c.phrase.split()) <= INTERJECTIONS)]
    lexical: list[list[tuple[int, bool]] | None] = []
    for clause in pending:
        hits, full = vocab.lexical(clause.phrase)
        if not hits:
            hits, full = _negated_hits(clause.phrase, vocab)
        # Without a polarity word, a tag word inside a longer phrase ("tell me a joke about
        # cats", "Star Wars") is weak evidence: the whole phrase must ground, by embedding.
        lexical.append(hits if hits and (full or clause.explicit) else None)
    vectors = iter(grounder.embed([c.phrase for c, h in zip(pending, lexical) if h is None]))
    critiques: list[Critique] = []
    suggestions: list[str] = []
    unread: list[Critique] = []
    strong = False
    for clause, hits in zip(pending, lexical):
        if hits is not None:
            critiques.append(grounder.from_hits(clause.phrase, hits, clause.polarity, clause.strength))
            strong = True
            continue
        crit, close = grounder.from_vector(clause.phrase, next(vectors), clause.polarity,
                                           clause.strength, clause.explicit)
        if crit is None:
            crit = _through_negated_base(clause, vocab, grounder)
            if crit is not None and clause.explicit and crit.score < grounder.config.accept_bare:
                # "less plotless": a cued word whose base grounds only loosely ("plot" ~ "twist
                # ending") keeps the user's word and direction, read by the degree model first
                crit = None
        if crit is not None:
            critiques.append(crit)
            strong = strong or crit.score >= grounder.config.accept_bare
        else:
            suggestions.extend(t for t in close if t not in suggestions)
            unread.append(_guessed_negation(clause, vocab, grounder)
                          or Critique(clause.polarity, "", 0.0, clause.strength, clause.phrase))
    # One tag critiqued twice ("less blood and gore") counts once; the better grounded wins.
    unique: dict[str, Critique] = {}
    for crit in critiques:
        if crit.tag not in unique or crit.score > unique[crit.tag].score:
            unique[crit.tag] = crit
    return Reading(tuple(unique.values()), tuple(suggestions[: grounder.config.suggest]), cued,
                   strong, strong_cue, tuple(unread))
