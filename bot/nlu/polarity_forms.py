"""Constructions that carry their own negation, rewritten to a plain "less X" before the clauses
are read (stage 4 of the parser), so that every later stage sees one form:

- a compound that negates its noun: "gore-free", "free of gore", "non-violent", "sans gore";
- a hedged negation: "not remotely / nowhere near / not nearly as violent", "isn't as gory";
- verb phrases that ask for less: "hold the romance", "go easy on the gore", "pass on the
  violence", "keep the romance to a minimum", "as little gore as possible".

A "more"/"less" said before the construction is turned around instead of adding another cue:
"less gore-free" is more gore, "more non-violent" is less violent (double negation keeps the
user's direction). Works on the token list of `bot.nlu.text.tokenize`; single words that negate
themselves ("unfunny", "humourless") are read in `bot.nlu.negation`.
"""

from __future__ import annotations

import re

from bot.nlu import lexicon as lx

__all__ = ["rewrite_polarity"]

_NOT = frozenset({"not", "isnt", "wasnt", "arent", "werent", "aint", "nowhere", "never", "hardly"})
# Words that only soften a negation: "not remotely as", "nowhere near as", "not quite as".
_HEDGES = frozenset({"remotely", "nearly", "near", "anywhere", "quite", "even", "half", "exactly",
                     "particularly", "especially", "terribly", "overly", "all", "that", "at", "so"})
# Phrases that ask for less of what follows them (tokens as `tokenize` gives them).
_LESS_BEFORE = tuple(tuple(p.split()) for p in sorted((
    "hold the", "hold off on", "hold off on the", "go easy on", "go easy on the", "easy on",
    "easy on the", "light on", "light on the", "lighter on", "lighter on the", "ease off",
    "ease off on", "ease off the", "ease up on", "ease up on the", "back off on", "back off the",
    "pass on", "pass on the", "sans", "sans the", "nix", "nix the", "scrap the", "drop the",
    "steer clear of", "no need for", "no need for the", "not keen on", "not big on",
    "not crazy about", "not fond of", "rather not have", "would rather not have", "zero",
    "minimal", "minimum", "a minimum of", "bare minimum of", "free of", "free from",
    "free of the", "free from the", "lay off", "lay off the", "knock off the", "away with the",
    "low on", "low on the", "short on", "short on the", "shorter on", "shorter on the", "lower on", "lower on the", "not much", "not a lot of", "not many",
    "anything but", "everything but", "anything except", "shouldnt be so", "shouldnt be that",
    "shouldnt be too", "shouldnt be as", "should not be so", "should not be too", "mustnt be so",
    "mustnt be too", "doesnt have to be so", "dont make it so", "dont make it too",
    "doesnt need to be so", "doesnt need to be that", "doesnt need to be too", "neednt be so", "neednt be too",
), key=lambda p: -len(p.split())))
_TAIL_LESS = (("to", "a", "minimum"), ("as", "possible"), ("to", "the", "minimum"))
# "non-violent", "non-scary" negate an attribute; "non-stop", "non-fiction", "non-linear" are words of their own.
_ADJECTIVE = re.compile(r"(?:ent|ic|ous|y|ful|ive|ing|ed)$")
_MORE = frozenset({"more", "extra", "additional", "higher", "stronger"})
_LESS = frozenset({"less", "fewer", "lower", "weaker"})


def rewrite_polarity(tokens: list[str], is_content) -> list[str]:
    """The tokens with self-negating constructions replaced by "less" (see the module doc).
    `is_content(word)` says whether a word can be an attribute (not grammar or filler)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in _NOT and nxt in _HEDGES | {"near", "as"}:
            j = i + 1
            while j < len(tokens) and tokens[j] in _HEDGES | {"near"}:
                j += 1
            if j < len(tokens) and tokens[j] in ("as", "that", "so", "too"):
                j += 1  # "not remotely as violent", "nowhere near that scary"
                if j < len(tokens) and tokens[j] not in lx.FILLER_WORDS | {"enough"}:
                    _less(out)
                    i = j
                    continue
        if tok == "all" and nxt in ("the", "that", "this", "those", "these"):
            i += 1  # "without all the gore": "all" adds nothing to what is asked
            continue
        if tok in ("isnt", "wasnt", "arent", "werent", "aint"):
            out.append("not")  # "that isn't as gory": "not" is the negation the clauses know
            i += 1
            continue
        span = _phrase_at(tokens, i, _LESS_BEFORE)
        if span and i + span < len(tokens) and is_content(tokens[i + span]):
            _less(out)
            i += span
            continue
        if tok in ("nope", "nah", "nay"):
            if not out and (nxt in lx.MORE_WORDS or nxt in lx.LESS_WORDS):
                i += 1  # "nah more action": a reply word before the request, no "no more"
                continue
            out.append("no")  # "scary? nope" is "romance? no thanks"
            i += 1
            continue
        if tok == "non" and is_content(nxt) and _ADJECTIVE.search(nxt):
            _less(out)  # "non violent" (the tokenizer split "non-violent")
            i += 1
            continue
        if (tok == "free" and out and is_content(out[-1]) and out[-1] not in _MORE | _LESS
                and (not nxt or nxt in lx.FILLER_WORDS) and nxt != "to"):
            start = len(out) - 1  # "gore free": less gore; "romance and comedy free": less of both
            while start >= 2 and out[start - 1] in ("and", "or") and is_content(out[start - 2]):
                start -= 2
            words = out[start:]
            del out[start:]
            _less(out)
            out.extend(words)
            i += 1
            continue
        tail = next((t for t in _TAIL_LESS if tuple(tokens[i:i + len(t)]) == t), None)
        if tail and out and is_content(out[-1]):
            start = len(out)  # "keep the romance to a minimum", "as little gore as possible"
            while start > 0 and (is_content(out[start - 1]) or out[start - 1] in ("and", "or")):
                start -= 1
            words = out[start:]
            del out[start:]
            while out and out[-1] in ("as", "little", "few"):
                out.pop()
            _less(out)
            out.extend(words)
            i += len(tail)
            continue
        out.append(tok)
        i += 1
    return out


def _phrase_at(tokens: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    for p in phrases:
        if tuple(tokens[i:i + len(p)]) == p:
            return len(p)
    return 0


def _less(out: list[str]) -> None:
    """Append "less", or turn a "more"/"less" said just before around ("less gore-free")."""
    for k in range(len(out) - 1, max(len(out) - 4, -1), -1):
        if out[k] in _MORE:
            out[k] = "less"
            return
        if out[k] in _LESS:
            out[k] = "more"
            return
        if out[k] not in lx.FILLER_WORDS and out[k] not in lx.WEAK_WORDS:
            break
    out.append("less")
