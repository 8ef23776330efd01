"""Words that ask to keep an attribute as it is, taken out before the clauses are read (stage 4
of the parser): "something just as tense but way less depressing" keeps the tension and asks
only for less depression; "anything else that chaotic but a bit more coherent" keeps the chaos.

Forms: "just / every bit / about / equally as X", "equally X", "as X as", and "something /
anything / ones (else) that X" or "... this X" closing its clause. Hedges that soften a request
("quieter if anything", "from the 70s if possible") go too. Read on the token list of
`bot.nlu.text.tokenize`, after `bot.nlu.polarity_forms` has turned "not as X" into "less X".
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["without_kept"]

_BEFORE_AS = frozenset({"just", "equally", "about", "similarly", "exactly"})
_THINGS = frozenset({"something", "anything", "stuff", "one", "ones", "film", "films", "movie", "movies"})
# What may follow the kept word for "that X" to be a degree ("anything that chaotic, but ...").
_ENDS = frozenset({"but", "and", "though", "tho", "yet", "while", ",", ";", ".", "!", "?", "again", "too",
                   "as", "please", "only"})
# Hedges after a request: they soften it, they name no attribute.
_HEDGES = tuple(tuple(h.split()) for h in ("if at all possible", "if anything", "if possible", "if poss", "if you can",
                                           "where possible", "if any", "if you have any", "if there are any"))
# "as violent as possible" asks for the most, not the same.
_MOST = frozenset({"possible", "can", "you", "it", "they"})


def without_kept(tokens: list[str], is_content: Callable[[str], bool]) -> list[str]:
    """The tokens without the phrases that keep an attribute as it is, and without hedges that
    ask for nothing ("quieter if anything", "1970s if poss": see the module doc)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        span = _kept_at(tokens, i, is_content) or _hedge_at(tokens, i)
        if span:
            i += span
            continue
        out.append(tokens[i])
        i += 1
    return out


def _kept_at(tokens: list[str], i: int, is_content: Callable[[str], bool]) -> int:
    """How many tokens from i keep an attribute ("just as tense" -> 3), 0 when none do."""
    def at(k: int) -> str:
        return tokens[k] if 0 <= k < len(tokens) else ""

    tok = at(i)
    if tok == "every" and at(i + 1) == "bit" and at(i + 2) == "as" and is_content(at(i + 3)):
        return 4 + _as_tail(tokens, i + 4)  # "every bit as dark (as that)"
    if tok in _BEFORE_AS and at(i + 1) == "as" and is_content(at(i + 2)) and at(i + 3) not in _MOST | {"as"}:
        return 3 + _as_tail(tokens, i + 3)  # "just as tense", "equally as dark as the first"
    if tok == "equally" and is_content(at(i + 1)):
        return 2  # "equally bleak"
    if tok == "as" and at(i - 1) not in ("twice", "half", "thrice", "times") and is_content(at(i + 1)) \
            and at(i + 2) == "as" and at(i + 3) not in _MOST:
        return 2 + _as_tail(tokens, i + 2)  # "as dark as that", "something as odd as it"
    previous = at(i - 1) if at(i - 1) != "else" else at(i - 2)
    if tok in ("else", "that", "this") and previous in _THINGS:
        start = i + (1 if tok == "else" else 0)
        if at(start) in ("that", "this", "as") and is_content(at(start + 1)) and (
                start + 2 >= len(tokens) or at(start + 2) in _ENDS):
            return start + 2 - i + _as_tail(tokens, start + 2)  # "anything else that chaotic"
    return 0


def _hedge_at(tokens: list[str], i: int) -> int:
    for hedge in _HEDGES:
        if tuple(tokens[i:i + len(hedge)]) == hedge:
            return len(hedge)
    return 0


def _as_tail(tokens: list[str], k: int) -> int:
    """"... as that (one)", "... as it", "... as the first": the comparison's other side."""
    if k >= len(tokens) or tokens[k] != "as":
        return 0
    for size, words in ((3, ("the", "first")), (3, ("the", "original")), (3, ("that", "one")), (3, ("this", "one")),
                        (2, ("that",)), (2, ("this",)), (2, ("it",)), (2, ("before",)), (2, ("ever",))):
        if tuple(tokens[k + 1:k + size]) == words:
            return size
    return 0
