"""Stages 4-5 of the parser: split an utterance into clauses, read each one's polarity and strength.

"less horror but a bit funnier" -> [less | horror], [a bit -> 0.5 | more | funny].
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.nlu import lexicon as lx
from bot.nlu.text import norm_phrase
from bot.nlu.vocabulary import LESS_PHRASES, MORE_PHRASES, TagVocabulary, match_phrase
from bot.nlu.word_classes import is_comparative_form

__all__ = ["CONTRAST_WORDS", "Clause", "Cue", "split_clauses", "read_clause", "decide_polarity", "states_circumstance"]

_NEGATORS = {("not",), ("no",), ("never",), ("nothing",), ("dont",), ("doesnt",), ("didnt",),
             ("dont", "want"), ("do", "not", "want"), ("dont", "like"), ("do", "not", "like"),
             ("no", "more"), ("none", "of")}
_WEAK_MORE = {tuple(norm_phrase(p).split()) for p in lx.MORE_PHRASES} - {
    ("not", "enough"), ("isnt", "enough"), ("wasnt", "enough"), ("not", "nearly", "enough"),
    ("need", "more"), ("needs", "more"), ("more", "of"), ("lacks",), ("lacking",), ("missing",),
    ("turn", "up"), ("ramp", "up"), ("crank", "up"), ("amp", "up"), ("dial", "up"), ("pump", "up"),
}
# Strength words, longest first so "a little bit" wins over "a little".
_STRENGTHS = sorted(
    [(tuple(norm_phrase(p).split()), lx.WEAK_STRENGTH) for p in lx.WEAK_WORDS]
    + [(tuple(norm_phrase(p).split()), lx.STRONG_STRENGTH) for p in lx.STRONG_WORDS],
    key=lambda pw: -len(pw[0]),
)
_CUE_WORDS = {"too", "not", "no", "without", "enough", "dont", "hate", "never", "lacks", "missing"}
# Split words that turn to a change ("like Alien but funny"): after them a bare attribute is asked for.
CONTRAST_WORDS = frozenset({"but", "though", "although", "yet", "except", "however", "whereas"})
SPLIT_WORDS = frozenset({"and", "nor", "but", "plus", "while", "whereas", "yet", "though", "although",
                         "also", "however", "except", "&", ",", ";", ".", "!", "/", "then", "or"})
# "a scary movie that is not gory": a relative clause says more of the film, with a polarity of its own
_RELATIVE = frozenset({"that", "which", "that's", "thats", "which's"})
_COPULA = frozenset({"is", "isnt", "isn't", "are", "arent", "aren't", "was", "wasnt", "has", "hasnt", "doesnt",
                     "doesn't", "does", "feels", "isn"})
_NEGATED_COPULA = frozenset({"isnt", "isn't", "arent", "aren't", "wasnt", "hasnt", "doesnt", "doesn't", "isn"})


@dataclass(frozen=True)
class Cue:
    position: int
    polarity: int  # +1 / -1
    kind: str  # "explicit" | "weak" ("I like", "give me") | "neg" | "enough"


@dataclass
class Clause:
    tokens: list[str]
    polarity: int | None = None  # +1 / -1 / None (inherit from the previous clause)
    explicit: bool = False  # a polarity word was present (not only inherited)
    weak: bool = False  # ... and it was only a weak one ("I like", "give me", "with")
    strength: float = 1.0
    content: list[str] = field(default_factory=list)
    opened_by: str = ""  # the split word before it ("but", ","), "" for the first clause

    @property
    def phrase(self) -> str:
        return " ".join(self.content).strip()


def _opens_polarity(vocab: TagVocabulary, tokens: list[str], i: int) -> bool:
    tok = tokens[i]
    return (tok in lx.MORE_WORDS or tok in lx.LESS_WORDS or tok in ("too", "with")
            or (tok in ("not", "no", "without") and i + 1 < len(tokens))
            or vocab.comparative(tok) is not None)


def _has_cue(vocab: TagVocabulary, tokens: list[str]) -> bool:
    joined = " " + " ".join(tokens) + " "
    return any(
        t in lx.MORE_WORDS or t in lx.LESS_WORDS or t in _CUE_WORDS or vocab.comparative(t)
        for t in tokens
    ) or any(f" {' '.join(k)} " in joined for k in MORE_PHRASES[0] if len(k) > 1)


def split_clauses(tokens: list[str], vocab: TagVocabulary) -> list[Clause]:
    """Split at conjunctions/punctuation, and before a polarity word once a clause has content."""
    clauses: list[Clause] = []
    current: list[str] = []
    opened_by = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (tok == "for" and i + 1 < len(tokens) and current and any(vocab.is_content(t) for t in current)
                and (tokens[i + 1] in _AUDIENCE_OWNERS or tokens[i + 1] in ("the", "a") and _has_cue(vocab, current))):
            # "less scary for my 8 year old", "less gory for a date night": who or what it is for is
            # said beside the critique, not in it ("something for the kids" asks for family films)
            clauses.append(Clause(current, opened_by=opened_by))
            current, opened_by = [], ""
        verb = tokens[i + 1] if i + 1 < len(tokens) and not tok.endswith("s") else ""
        relative = (tok in _RELATIVE and current and any(vocab.is_content(t) for t in current)
                    and (tok.endswith("s") or verb in _COPULA or verb == "not"))  # "isn't" reads "not"
        if relative:  # "that is not gory" opens a clause; "that" and its verb carry nothing but "not"
            clauses.append(Clause(current, opened_by=opened_by))
            current, opened_by = (["not"] if verb in _NEGATED_COPULA else []), ""
            i += 2 if verb in _COPULA else 1
            continue
        if tok in SPLIT_WORDS:
            if current:
                clauses.append(Clause(current, opened_by=opened_by))
                opened_by = ""
            current = []
            opened_by = tok if tok in CONTRAST_WORDS or not opened_by else opened_by
            i += 1
            continue
        # Protect multi-word lexicon phrases ("blood and guts", "based on a book").
        span = match_phrase(tokens, i, vocab.phrases, vocab.longest)
        if span > 1:
            current.append(" ".join(tokens[i:i + span]))
            i += span
            continue
        if (_opens_polarity(vocab, tokens, i) and current
                and any(vocab.is_content(t) for t in current) and _has_cue(vocab, current)):
            # "less horror more comedy": a new polarity word after content opens a clause.
            clauses.append(Clause(current, opened_by=opened_by))
            current, opened_by = [], ""
        current.append(tok)
        i += 1
    if current:
        clauses.append(Clause(current, opened_by=opened_by))
    return clauses


def _strength_at(words: list[str], i: int, vocab: TagVocabulary) -> tuple[int, float]:
    """(length, weight) of a strength word at i that modifies a polarity word right after it."""
    for phrase, weight in _STRENGTHS:
        if tuple(words[i:i + len(phrase)]) == phrase:
            nxt = words[i + len(phrase)] if i + len(phrase) < len(words) else ""
            # "so much" inside "too much"/"don't want so much" is not a strength; a trailing one
            # is ("less gore, but only a bit").
            # a comparative the lexicon lists as a word of its own counts too ("a bit lighter")
            if (not nxt or nxt in lx.MORE_WORDS or nxt in lx.LESS_WORDS or nxt == "too"
                    or vocab.comparative(nxt) is not None or is_comparative_form(nxt)):
                return len(phrase), weight
            return 0, 1.0
    return 0, 1.0


def _cue_at(words: list[str], i: int) -> tuple[int, Cue | None]:
    """(length, cue) of a multi-word or single polarity word at i."""
    for polarity, (table, longest) in ((1, MORE_PHRASES), (-1, LESS_PHRASES)):
        span = match_phrase(words, i, table, longest)
        if span:
            key = tuple(words[i:i + span])
            kind = ("weak" if polarity == 1 and key in _WEAK_MORE
                    else "neg" if key in _NEGATORS else "explicit")
            return span, Cue(i, polarity, kind)
    w = words[i]
    if w in lx.MORE_WORDS:
        return 1, Cue(i, 1, "explicit")
    if w in lx.LESS_WORDS:
        return 1, Cue(i, -1, "explicit")
    if w == "enough":
        return 1, Cue(i, 1, "enough")
    return 0, None


def decide_polarity(cues: list[Cue], words: list[str]) -> int | None:
    """A clause's polarity from its cues; None when it has none (it then inherits)."""
    explicit = [c for c in cues if c.kind == "explicit"]
    negated_before = lambda pos: any(c.kind == "neg" and c.position < pos for c in cues)  # noqa: E731
    if explicit:
        first = explicit[0]
        if first.polarity == 1 and negated_before(first.position):
            return -1  # "I don't want more horror", "no more gore"
        if first.polarity == -1 and negated_before(first.position) and len(
                [c for c in explicit if c.polarity == -1]) == 1:
            # "not less funny" is rare but means more; "not too scary" is a LESS phrase.
            return 1 if words[first.position] in ("less", "fewer") else -1
        return first.polarity
    if any(c.kind == "neg" for c in cues):
        return 1 if any(c.kind == "enough" for c in cues) else -1  # "not funny enough" -> more
    if any(c.kind == "weak" for c in cues):
        return 1
    return None


def read_clause(clause: Clause, vocab: TagVocabulary) -> Clause:
    """Fill in a clause's polarity, strength and content words (in place; returned for chaining)."""
    words: list[str] = []
    for t in clause.tokens:
        words.extend(t.split()) if " " not in t else words.append(t)
    cues: list[Cue] = []
    content: list[str] = []
    strengths: list[float] = []
    intensified = False
    i = 0
    while i < len(words):
        w = words[i]
        if " " in w:  # a protected lexicon phrase
            content.append(w)
            i += 1
            continue
        if w in lx.INTENSIFIERS and i + 1 < len(words) and words[i + 1] not in lx.FILLER_WORDS:
            intensified = True  # "super scary": strong, unless a cue says otherwise
            i += 1
            continue
        if w in lx.PRAISE_WORDS and i + 1 < len(words) and words[i + 1] not in lx.FILLER_WORDS:
            i += 1  # "a good tearjerker": the attribute is the tearjerker
            continue
        span, weight = _strength_at(words, i, vocab)
        if span:
            strengths.append(weight)
            i += span
            continue
        span, cue = _cue_at(words, i)
        if cue is not None:
            said = " ".join(words[i:i + span])
            if cues and said in lx.ATTRIBUTE_CUES and cues[-1].kind == "explicit" \
                    and all(w in lx.FILLER_WORDS for w in words[i + span:]):
                content.append(said)  # "less over the top": the phrase is what "less" asks about
            else:
                cues.append(cue)
            i += span
            continue
        base = vocab.comparative(w)
        if base:
            cues.append(Cue(i, 1, "explicit"))
            content.append(base)
        elif w not in lx.FILLER_WORDS:
            content.append(w)
        i += 1
    clause.polarity = decide_polarity(cues, words)
    clause.explicit = clause.polarity is not None
    clause.weak = bool(cues) and all(c.kind == "weak" for c in cues)
    if strengths:
        clause.strength = strengths[0]
    elif intensified and all(c.kind == "weak" for c in cues):
        clause.strength = lx.STRONG_STRENGTH
    clause.content = content
    return clause


# A clause that is a sentence of its own about the viewing ("it's for a family movie night", "my
# kids are watching", "we are having dinner") opens with a subject and a finite verb.
_SUBJECTS = frozenset({"i", "we", "it", "they", "he", "she", "this", "that"})
_OWNERS = frozenset({"my", "our", "the", "his", "her", "their"})
_AUDIENCE_OWNERS = frozenset({"my", "our", "his", "her", "their"})  # "for the kids" may be "for kids"
_FINITE = frozenset({"is", "are", "am", "was", "were", "has", "have", "had", "will", "would", "can", "could",
                     "should", "must", "need", "needs", "gotta", "gonna"})
_SUBJECT_VERB = frozenset({"it's", "we're", "i'm", "im", "they're", "theyre", "he's", "she's",
                           "we've", "i've", "ive", "we'll", "i'll", "that's", "thats", "this's"})


def states_circumstance(tokens: list[str]) -> bool:
    """Whether a clause opens as a sentence of its own ("it's for ...", "my kids are ...", "we are
    ..."): said beside a critique, it tells the bot about the evening, not about the film."""
    words = [w for t in tokens for w in t.split()]
    if not words:
        return False
    if words[0] in _SUBJECT_VERB:
        return len(words) > 1
    if words[0] == "for" and len(words) > 2 and (words[1] in _AUDIENCE_OWNERS or words[1] in ("the", "a")):
        return True  # "for my 8 year old", "for our anniversary", "for the kids" after a critique
    if words[0] == "with" and len(words) > 2 and words[1] in _AUDIENCE_OWNERS:
        return True  # "with my 7 year old": who is watching, not "more 7 year old"
    if words[0] in _SUBJECTS:
        return len(words) > 2 and words[1] in _FINITE
    return words[0] in _OWNERS and any(w in _FINITE for w in words[2:4])  # "my little brother will"
