"""How degree-seeking users word the size of a change: "a bit less dark", "much less violent",
"way funnier".

A size is one of SIZES; the parser should read "small" as a weak critique (strength < 1),
"plain" as strength 1 and "large" as a strong one (> 1), and the simulator counts the times it
does not (bot/sim/session.py). Plain wordings are the far-target users' templates
(bot/sim/templates.py) without their incidental strength words ("it's a bit too dark").
"""

from __future__ import annotations

import numpy as np

from bot.sim.templates import PHRASINGS, SURFACES, variants

SIZES = ("small", "plain", "large")

_WEAK = {
    1: ("a bit more {x}", "slightly more {x}", "a little more {x}", "just a bit more {x}",
        "could it be a bit more {x}?", "a touch more {x}"),
    -1: ("a bit less {x}", "slightly less {x}", "a little less {x}", "could it be a bit less {x}?",
         "a tad less {x}", "just a little less {x}"),
}
_STRONG = {
    1: ("much more {x}", "way more {x}", "a lot more {x}", "far more {x}", "I want way more {x}"),
    -1: ("much less {x}", "way less {x}", "a lot less {x}", "far less {x}", "I want much less {x}"),
}
# Only adjectives read well here ("way too dark", not "way too explosions").
_ADJECTIVE = {"small": {1: (), -1: ("a bit too {x}", "it's a little too {x}")},
              "large": {1: (), -1: ("way too {x}", "far too {x} for me")}}
# Comparatives ("darker") only say "more"; sizes go straight before them.
_COMPARATIVE = {"small": ("a bit {x}", "a little {x}", "slightly {x}", "a tad {x}"),
                "large": ("way {x}", "much {x}", "a lot {x}", "far {x}")}
# Incidental strength words in the far-target templates; a plain size must not carry one.
_SIZE_WORDS = ("a bit", "a little", "way ", "much ", "a lot")


def size_of_strength(strength: float) -> str:
    """The size a parsed strength stands for (the parser's weak 0.5, plain 1, strong 2)."""
    return "small" if strength < 1 else ("large" if strength > 1 else "plain")


def graded_variants(tag: str, alpha: int, size: str,
                    vocabulary: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """Every wording of (tag, alpha) at a size, in a fixed order."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    if size == "plain":
        return [t for t in variants(tag, alpha, "varied", vocabulary)
                if not any(w in t.replace("too much", "") for w in _SIZE_WORDS)]
    table = _WEAK if size == "small" else _STRONG
    words = [tag]
    adjectives: list[str] = []
    comparatives: tuple[str, ...] = ()
    surface = SURFACES.get(tag.lower())
    if surface is not None:
        others = {v.lower() for v in vocabulary or ()} - {tag.lower()}

        def free(word: str) -> bool:  # not another tag of the catalog, nor built on one
            return not any(word == o or (len(o) >= 4 and word.startswith(o)) for o in others)

        named = [w for w in surface.adjectives + surface.nouns if free(w.lower())]
        words += [w for w in named if w.lower() != tag.lower()]
        adjectives = [w for w in surface.adjectives if free(w.lower())]
        if len(adjectives) == len(surface.adjectives):
            comparatives = surface.comparatives
    out = [t.format(x=w) for w in words for t in table[alpha]]
    out += [t.format(x=w) for w in adjectives for t in _ADJECTIVE[size][alpha]]
    if alpha > 0:
        out += [t.format(x=c) for c in comparatives for t in _COMPARATIVE[size]]
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def graded_phrase(tag: str, alpha: int, size: str, rng: np.random.Generator,
                  phrasing: str = "varied",
                  vocabulary: tuple[str, ...] | list[str] | None = None) -> str:
    """One wording for (tag, alpha, size), uniform over `graded_variants` ("plain" phrasing:
    "a bit less X" / "less X" / "much less X")."""
    if phrasing not in PHRASINGS:
        raise ValueError(f"phrasing must be one of {', '.join(PHRASINGS)}, got {phrasing!r}")
    if phrasing == "plain":
        word = "more" if alpha > 0 else "less"
        return {"small": f"a bit {word} {tag}", "plain": f"{word} {tag}",
                "large": f"much {word} {tag}"}[size]
    options = graded_variants(tag, alpha, size, vocabulary)
    return options[int(rng.integers(len(options)))]
