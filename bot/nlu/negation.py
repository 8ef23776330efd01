"""Words that carry their own negation: "unfunny", "humourless", "mindless", "non-violent".

An embedding puts "unfunny" next to "funny" (they share a context and most letters), so a
critique grounded by embedding to the tag its word negates must flip polarity: "more unfunny"
is "less funny", never "more funny". `negates(phrase, prototype)` says when that is the case:
a word of the phrase is a negated form (un-/non- prefix, -less suffix) whose base is the
prototype's word ("unfunny" ~ "funny", "humourless" ~ "humor"), and the prototype does not
itself hold the negated word. Lexicon opposites ("mindless" for thought-provoking) are flipped
where they are declared (bot.nlu.lexicon); this covers every other word of the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["latin_negated_base", "negated_base", "negates", "NOT_WITHOUT"]

# "-less" words that do not mean "without the base" ("endless" is not less ending); a base read
# through its own grounding skips them.
NOT_WITHOUT = frozenset("""endless countless priceless restless regardless unless breathless tireless relentless
    timeless matchless nevertheless nonetheless""".split())

_SUFFIX = re.compile(r"^(?P<base>[a-z]{3,}?)(?:lessness|lessly|less)$")
_PREFIX = re.compile(r"^(?:un|non-?)(?P<base>[a-z]{4,})$")


# in-/im-/il-/ir- words that do not mean "not the base" ("incredible" is not "less credible").
NOT_LATIN_NEGATIONS = frozenset("""incredible invaluable indifferent infamous inflammable impassioned impressionable
    intimate imperial illustrative interminable informative immediate""".split())
_LATIN = re.compile(r"^(?:in|im|il|ir)(?P<base>[a-z]{3,}(?:ible|able|ent|ant|al|ic|ive|ous|ate))$")


def latin_negated_base(word: str, is_word: Callable[[str], bool]) -> str | None:
    """'incomprehensible' -> 'comprehensible', 'implausible' -> 'plausible', 'illogical' ->
    'logical': an adjective whose Latin prefix negates an English adjective (`is_word`); None
    otherwise ("interesting", "intimate", "incredible")."""
    m = _LATIN.match(word.lower())
    if m is None or word.lower() in NOT_LATIN_NEGATIONS:
        return None
    return m.group("base") if is_word(m.group("base")) else None


def negated_base(word: str) -> str | None:
    """'unfunny' -> 'funny', 'humourless' -> 'humour', 'non-violent' -> 'violent'; None otherwise."""
    w = word.lower()
    m = _PREFIX.match(w) or _SUFFIX.match(w)
    return m.group("base") if m else None


def _stem(word: str) -> str:
    w = word.lower().replace("our", "or")  # humour ~ humor
    for suffix in ("ousness", "ous", "iness", "ness", "ity", "ful", "ic", "al", "ing", "y", "e", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _same_root(a: str, b: str) -> bool:
    sa, sb = _stem(a), _stem(b)
    common = 0
    for x, y in zip(sa, sb):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(sa), len(sb)) - 2) and abs(len(sa) - len(sb)) <= 3


def negates(phrase: str, prototype: str) -> bool:
    """Whether a word of `phrase` is the negated form of a word of `prototype`."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", prototype.lower())
    for word in re.findall(r"[a-z]+(?:-[a-z]+)?", phrase.lower()):
        base = negated_base(word)
        if base and word not in words and any(_same_root(base, w) for w in words):
            return True
    return False
