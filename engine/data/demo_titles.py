"""Invented, readable titles for the demo world: word pools per genre and a sequel rule."""

from __future__ import annotations

import numpy as np

# Title word pools per dominant genre, so titles read a little like their genre.
_NOUNS: dict[str, tuple[str, ...]] = {
    "Action": ("Strike", "Velocity", "Fury", "Breakpoint", "Protocol", "Pursuit", "Impact",
               "Siege"),
    "Adventure": ("Expedition", "Voyage", "Compass", "Frontier", "Island", "Quest", "Map",
                  "Canyon"),
    "Animation": ("Whiskers", "Bubbles", "Paper Moon", "Little Engine", "Doodle", "Paintbox"),
    "Comedy": ("Wedding", "Roommates", "Vacation", "Mix-Up", "Neighbors", "Office Party", "Goat"),
    "Crime": ("Heist", "Alibi", "Syndicate", "Precinct", "Racket", "Witness", "Ledger", "Getaway"),
    "Drama": ("Harbor", "Letters", "Orchard", "Winter", "Inheritance", "Promise", "Long Road"),
    "Fantasy": ("Dragon", "Crown", "Sorcerer", "Kingdom", "Enchantress", "Amulet", "Spellbook"),
    "Horror": ("Cellar", "Hollow", "Shadows", "Asylum", "Curse", "Whispering", "Night Visitor"),
    "Musical": ("Serenade", "Rhythm", "Encore", "Ballroom", "Song", "Melody", "Chorus Line"),
    "Mystery": ("Riddle", "Locked Room", "Cipher", "Vanishing", "Clue", "Manor", "Secret"),
    "Romance": ("Kiss", "Sweetheart", "Summer Love", "Valentine", "Rendezvous", "Heartstrings"),
    "Sci-Fi": ("Nebula", "Android", "Orbit", "Singularity", "Colony", "Starship", "Quantum"),
    "Thriller": ("Countdown", "Stranger", "Trap", "Blackout", "Hostage", "Double Cross"),
    "War": ("Trenches", "Battalion", "Beachhead", "Regiment", "Front Line", "Armistice"),
    "Western": ("Outlaw", "Gunslinger", "Dust", "Saloon", "Frontier Town", "Sheriff", "Mesa"),
}
_ADJECTIVES = (
    "Silent", "Crimson", "Last", "Golden", "Broken", "Hidden", "Electric", "Forgotten", "Wild",
    "Midnight", "Lonely", "Burning", "Frozen", "Endless", "Savage", "Gentle", "Restless",
    "Distant", "Secret", "Northern", "Velvet", "Hollow", "Bright", "Final", "Iron", "Paper",
    "Glass", "Scarlet", "Quiet", "Lucky",
)
_PATTERNS = ("The {a} {n}", "{a} {n}", "The {n}", "Return of the {n}", "{n} of the {a} Sea",
             "A {a} {n}", "The {n} Affair", "{n} at Dawn", "Beyond the {n}", "{a} Hearts")
_SEQUELS = ("", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X")


def invented_titles(rng: np.random.Generator, genres: tuple[str, ...], dominant: np.ndarray,
                    years: np.ndarray) -> list[str]:
    """Readable invented "Title (Year)" strings, unique across the catalog.

    `dominant` is each item's most relevant genre, an index into `genres` (MovieLens names).

    A repeated name and year becomes a sequel (" II" ... " X", then " 11", ...), numbered in
    item order.
    """
    n = len(years)
    adjective = rng.integers(0, len(_ADJECTIVES), n)
    pattern = rng.integers(0, len(_PATTERNS), n)
    pick = rng.random(n)
    sizes = np.array([len(_NOUNS[g]) for g in genres])
    noun = (pick * sizes[dominant]).astype(np.int64)
    # One integer code per (pattern, adjective, genre, noun, year); format distinct codes once.
    code = (((pattern * len(_ADJECTIVES) + adjective) * len(genres) + dominant) * 16
            + noun) * 4096 + (years - 1000)
    codes, inverse = np.unique(code, return_inverse=True)
    inverse = inverse.ravel()
    first = np.zeros(len(codes), dtype=np.int64)
    first[inverse[::-1]] = np.arange(n)[::-1]  # a representative item of each code
    base = []
    for i in first.tolist():
        name = _PATTERNS[pattern[i]].format(a=_ADJECTIVES[adjective[i]],
                                            n=_NOUNS[genres[dominant[i]]][noun[i]])
        base.append(f"{name} ({years[i]})")
    # Different codes can spell the same name ("The {n}" ignores the adjective): group by text.
    text_id: dict[str, int] = {}
    base_id = np.array([text_id.setdefault(b, len(text_id)) for b in base], dtype=np.int64)
    names = np.array(list(text_id), dtype=object)
    item_text = base_id[inverse]
    # Occurrence number of each item among earlier items with the same name (stable sort).
    order = np.argsort(item_text, kind="stable")
    sorted_text = item_text[order]
    starts = np.concatenate([[0], np.flatnonzero(sorted_text[1:] != sorted_text[:-1]) + 1])
    group_start = np.repeat(starts, np.diff(np.concatenate([starts, [n]])))
    count = np.empty(n, dtype=np.int64)
    count[order] = np.arange(n) - group_start
    titles = names[item_text]
    for i in np.flatnonzero(count).tolist():
        stem, year = titles[i][:-7], titles[i][-7:]
        c = int(count[i])
        suffix = _SEQUELS[c] if c < len(_SEQUELS) else f" {c + 1}"
        titles[i] = f"{stem}{suffix}{year}"
    return titles.tolist()
