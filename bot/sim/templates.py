"""How simulated users word a critique: varied natural-language templates per tag and sign.

The point is to exercise the real parser the way people talk ("too scary for me", "could it be
funnier?", "not so much violence"), not to feed it tag names. Every tag can be said with the
generic templates, which read well for nouns and adjectives alike; tags of the demo vocabulary
(and MovieLens genres of the same name) also get adjective, noun and comparative paraphrases
that never contain the tag's own name ("funny" for comedy, "scary" for horror), so a parser that
only string-matches tag names fails on them.

`phrase` is deterministic for a random generator; `plain` wording ("more X" / "less X") is there
to measure the dialogue without parser errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PHRASINGS = ("varied", "plain")

# Templates that read acceptably with any tag name in the slot.
GENERIC = {
    1: ("more {x}", "more {x} please", "I'd like more {x}", "could it be more {x}?",
        "something more {x}", "show me more {x}"),
    -1: ("less {x}", "less {x} please", "I want less {x}", "could it be less {x}?",
         "something less {x}", "show me less {x}"),
}
# Adjectives: "too scary for me", "not dark enough".
ADJECTIVE = {
    1: ("could it be more {x}?", "I'd like something more {x}", "more {x} please",
        "make it a bit more {x}", "can you find something more {x}?", "not {x} enough",
        "I want it to be more {x}"),
    -1: ("less {x} please", "not so {x}", "too {x} for me", "it's a bit too {x}",
         "something less {x}", "could it be less {x}?", "that's way too {x}"),
}
# Mass or plural nouns: "more violence", "too much gore".
NOUN = {
    1: ("more {x} please", "I want more {x}", "something with more {x}", "could you add more {x}?",
        "give me more {x}", "it needs more {x}"),
    -1: ("less {x} please", "something with less {x}", "not so much {x}", "too much {x} for me",
         "can you cut down on the {x}?", "I want less {x}"),
}
# Comparatives: "I'd like something darker". Only for "more": the opposite needs antonyms.
COMPARATIVE = {
    1: ("I'd like something {x}", "{x} please", "could you find something {x}?",
        "something a little {x}", "can it be {x}?"),
    -1: (),
}


@dataclass(frozen=True)
class Surface:
    """Ways to say one tag beside its own name."""

    adjectives: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    comparatives: tuple[str, ...] = ()


# The demo vocabulary (docs: demo tags), whose genres share MovieLens genre names.
SURFACES: dict[str, Surface] = {
    "action": Surface(("action-packed",), ("action", "explosions")),
    "adventure": Surface(("adventurous",), ("adventure",)),
    "animation": Surface(("animated",), ("animation",)),
    "comedy": Surface(("funny", "comedic"), ("comedy", "humour"), ("funnier",)),
    "crime": Surface((), ("crime",)),
    "drama": Surface(("dramatic",), ("drama",)),
    "fantasy": Surface(("magical",), ("fantasy",)),
    "horror": Surface(("scary",), ("horror",), ("scarier",)),
    "musical": Surface(("musical",), ("singing",)),
    "mystery": Surface(("mysterious",), ("mystery",)),
    "romance": Surface(("romantic",), ("romance",)),
    "sci-fi": Surface((), ("sci-fi", "science fiction")),
    "thriller": Surface(("suspenseful", "thrilling"), ("suspense",)),
    "war": Surface((), ("war",)),
    "western": Surface((), ("cowboys",)),
    "violent": Surface(("violent",), ("violence",)),
    "dark": Surface(("dark",), (), ("darker",)),
    "family": Surface(("family-friendly",), ()),
    "gory": Surface(("gory", "bloody"), ("gore", "blood"), ("gorier",)),
    "feel-good": Surface(("feel-good", "uplifting"), ()),
    "thought-provoking": Surface(("thought-provoking",), ()),
    "quirky": Surface(("quirky",), (), ("quirkier",)),
    "sad": Surface(("sad",), (), ("sadder",)),
    "epic": Surface(("epic",), ()),
    "slow-paced": Surface(("slow-paced", "slow"), (), ("slower",)),
    "visually stunning": Surface(("visually stunning",), ()),
    "classic": Surface(("classic",), ()),
    "twist ending": Surface((), ("twists", "plot twists")),
    "based on a book": Surface((), ("book adaptations",)),
    "superhero": Surface((), ("superheroes",)),
}


def variants(tag: str, alpha: int, phrasing: str = "varied",
             vocabulary: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """Every wording a user may choose for (tag, alpha), in a fixed order.

    With `vocabulary` (the catalog's tags), a paraphrase that is itself another tag of the
    catalog is not used: on ml-latest-small "funny" and "suspense" are user tags beside the
    genres comedy and thriller, so "more suspense" means the tag suspense, not thriller.
    """
    if alpha not in (1, -1):
        raise ValueError(f"alpha must be +1 or -1, got {alpha}")
    if phrasing not in PHRASINGS:
        raise ValueError(f"phrasing must be one of {', '.join(PHRASINGS)}, got {phrasing!r}")
    if phrasing == "plain":
        return [("more {x}" if alpha > 0 else "less {x}").format(x=tag)]
    out = [t.format(x=tag) for t in GENERIC[alpha]]
    surface = SURFACES.get(tag.lower())
    if surface is not None:
        others = {v.lower() for v in vocabulary or ()} - {tag.lower()}

        def free(word: str) -> bool:  # not another tag, nor built on one ("suspenseful")
            word = word.lower()
            return not any(word == o or (len(o) >= 4 and word.startswith(o)) for o in others)

        adjectives = tuple(w for w in surface.adjectives if free(w))
        nouns = tuple(w for w in surface.nouns if free(w))
        # A comparative is only as safe as the adjectives it comes from ("funnier" -> "funny").
        comparatives = surface.comparatives if adjectives == surface.adjectives else ()
        for kind, words in ((ADJECTIVE, adjectives), (NOUN, nouns), (COMPARATIVE, comparatives)):
            out += [t.format(x=w) for w in words for t in kind[alpha]]
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def phrase(tag: str, alpha: int, rng: np.random.Generator, phrasing: str = "varied",
           vocabulary: tuple[str, ...] | list[str] | None = None) -> str:
    """One wording for (tag, alpha), drawn uniformly from `variants`."""
    options = variants(tag, alpha, phrasing, vocabulary)
    return options[int(rng.integers(len(options)))]
