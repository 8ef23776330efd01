"""Pure text helpers: the one input cleaner (stage 1 of the parser), tokenising, typo correction.

`clean_utterance` is the single cleaner of user text for every entry point (parser, dialogue
manager, HTTP server): one `MAX_CHARS`, one set of rules.
"""

from __future__ import annotations

from functools import lru_cache

import re
import unicodedata
from collections.abc import Callable, Iterable

from engine.text.normalise import fold

# User text longer than this is cut (the dialogue manager tells the user).
MAX_CHARS = 1000

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|#|\?|[,;.!&/]")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-z!][^<>]{0,200}>", re.IGNORECASE)
_SQL = re.compile(
    r"\b(?:drop|truncate|alter|create)\s+(?:table|database|index|view)\b"
    r"|\b(?:insert\s+into|delete\s+from|update\s+\w+\s+set)\b"
    r"|\bunion\s+(?:all\s+)?select\b|\bselect\s+\*|\bselect\b[^;]{0,200}\bfrom\b[^;]{0,200}(?:\bwhere\b|;)"
    r"|;\s*--|'\s*or\s+'?\w+'?\s*=\s*'?\w+|\bor\s+1\s*=\s*1\b|\bexec(?:ute)?\s*\(|xp_cmdshell",
    re.IGNORECASE,
)


def clean_utterance(text: object, max_chars: int = MAX_CHARS) -> str:
    """NFKC, smart quotes folded, control/format/emoji characters dropped, whitespace collapsed,
    cut to max_chars. Any input (None, bytes-decoded surrogates, non-str) gives a str."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFKC", text[: max_chars * 2]).translate(_QUOTES)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat[0] == "C" or cat in ("So", "Sk", "Mn", "Me"):
            # Control, format, private-use, surrogates, emoji and stray combining marks.
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())[:max_chars]


def readable(cleaned: str) -> bool:
    """Whether cleaned text is worth parsing: some letter or digit, mostly Latin script, no
    SQL/script fragment. Everything else is out of scope."""
    if not cleaned or not any(c.isalnum() or c == "?" for c in cleaned):
        return False
    return latin_share(cleaned) >= 0.5 and not looks_like_code(cleaned)


def latin_share(text: str) -> float:
    """Share of the letters that are ASCII after accent folding (1.0 when there are none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    folded = fold("".join(letters))
    return sum(c.isascii() for c in folded) / max(len(folded), 1)


def looks_like_code(text: str) -> bool:
    """SQL injection attempts and HTML/script fragments."""
    return bool(_SQL.search(text)) or bool(re.search(r"<\s*script|javascript:|onerror\s*=", text, re.I))


def strip_markup(text: str) -> str:
    return _HTML_TAG.sub(" ", text)


_COMPOUND = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")


def tokenize(text: str, keep_whole: Callable[[list[str]], bool] | None = None) -> list[str]:
    """Lower-case word tokens; hyphens split words ("sci-fi" -> "sci", "fi"), except compounds
    `keep_whole(parts)` keeps as one token of space-joined parts ("far-fetched" -> "far fetched")."""
    text = fold(text)
    if keep_whole is None:
        return _tokens(text)
    tokens, start = [], 0
    for m in _COMPOUND.finditer(text):
        parts = m.group().split("-")
        if keep_whole(parts):
            tokens += _tokens(text[start:m.start()]) + [" ".join(parts)]
            start = m.end()
    return tokens + _tokens(text[start:])


def _tokens(text: str) -> list[str]:
    return list(_token_tuple(text))


@lru_cache(maxsize=16_384)
def _token_tuple(text: str) -> tuple[str, ...]:
    """Remembered: a turn tokenizes the titles on screen again and again (list controls)."""
    text = text.replace("-", " ").replace("_", " ")
    tokens = _TOKEN.findall(text)
    # "don't" and "dont" are the same word to us.
    return tuple(t.replace("n't", "nt") if t.endswith("n't") else t for t in tokens)


def norm_phrase(text: str) -> str:
    """The canonical key of a lexicon phrase: its tokens joined by single spaces."""
    return " ".join(t for t in tokenize(text) if t not in ",;.!&/#?")


def comparative_base(word: str, known: Iterable[str] | set[str], irregular: dict[str, str]) -> str | None:
    """Base adjective of a comparative ("funnier" -> "funny") when that base is a known word."""
    if word in irregular:
        return irregular[word] or None
    if not word.endswith("er") or len(word) < 5:
        return None
    stem = word[:-2]
    options = [stem, stem + "e"]
    if word.endswith("ier"):
        options.insert(0, word[:-3] + "y")
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        options.append(stem[:-1])  # "sadder" -> "sad"
    for base in options:
        if base in known:
            return base
    return None


def best_correction(token: str, vocabulary: list[str], protected: set[str]) -> str | None:
    """Closest vocabulary word within one edit (two for long words), transpositions included.

    Only tokens the parser does not know are corrected, and never a common English word in
    `protected` ("wear" must not become "war"). Ties are not resolved: no correction.
    """
    if len(token) < 4 or token in protected or not token.isalpha() or _inflects(token, protected):
        return None
    from rapidfuzz.distance import OSA
    from rapidfuzz import process

    limit = 1 if len(token) <= 6 else 2
    matches = process.extract(token, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=3)
    if not matches:
        return None
    best = min(m[1] for m in matches)
    winners = {m[0] for m in matches if m[1] == best}
    if len(winners) != 1:
        return None
    word = winners.pop()
    # A two-edit correction must keep the first letter: typos rarely hit the first one.
    if best == 2 and word[0] != token[0]:
        return None
    # A real word is no typo of another ("hopeless" is not "homeless", "cynical" not "comical"),
    # only another form of it ("aggressively" -> "aggressive", "passions" -> "passion").
    if not (token.startswith(word) or word.startswith(token)) and dictionary_word(token):
        return None
    stem, other = _derived_from(token), _derived_from(word)
    if stem is not None and token.endswith("ish") and word.startswith(stem):
        # "cartoonish" is like a cartoon, not one: a word of its own, no typo of "cartoons"
        # ("actiony" still reads as "action")
        return None
    if stem is not None and other is not None and other != stem and not word.startswith(stem.rstrip("e")):
        return None  # "arty" (art + y) is no typo of "army" (arm + y); "mistery" still becomes "mystery"
    return word


# Endings that make an adjective of a word ("arty", "boyish", "charmless"): a token that is a real
# word plus one of them is a word-form of that word, not a typo of another word's form.
_DERIVING = ("less", "ish", "ful", "ous", "y")


def _derived_from(token: str) -> str | None:
    """The real word `token` derives from by an adjective ending ("arty" -> "art"), else None."""
    for ending in _DERIVING:
        if not token.endswith(ending):
            continue
        stem = token[: -len(ending)]
        for word in (stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""):  # "leggy": leg
            if len(word) >= 3 and dictionary_word(word):
                return word
    return None


_SUFFIXES = ("ing", "ed", "s", "ly")


def _inflects(token: str, words: set[str]) -> bool:
    """Whether `token` is an inflection of a known word ("swearing" of "swear", "hiking" of
    "hike"): a real word outside the vocabulary's first ranks, not a typo."""
    for suffix in _SUFFIXES:
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and len(stem) >= 4 and not stem.endswith("s") and (
                stem in words or stem + "e" in words or (len(stem) > 3 and stem[-1] == stem[-2]
                                                          and stem[:-1] in words)):
            return True
    return False


@lru_cache(maxsize=8192)
def dictionary_word(token: str) -> bool:
    """A word of lemminflect's English lexicon (shipped with the package, no download): a real word
    even where the encoder's vocabulary ranks it too low for `english_words` ("hopeless",
    "tasteless"), never a typo of another (the whole vocabulary would hold names: "acton")."""
    import lemminflect

    return bool(lemminflect.getAllLemmas(token))


@lru_cache(maxsize=4)
def english_words(max_rank: int | None = 20000) -> frozenset[str]:
    """Whole words of the encoder's WordPiece vocabulary, roughly the most frequent first.

    The vocabulary ships with the model package; words in its first `max_rank` entries are real
    English words that must never be "corrected" ("start" is not a typo of "smart").
    """
    from engine.text.minilm import wordpiece_vocabulary

    words = wordpiece_vocabulary()[:max_rank]
    return frozenset(w for w in words if w.isalpha() and w.isascii() and len(w) >= 3)


# Common English words one edit away from a lexicon word; never "corrected".
PROTECTED_WORDS = frozenset(
    """wear were wars ward warm wart word dart dank bark park mark lark hark dork dare dear
    scar star scare stare care card cart fast last past vast cast east mast least feast fist
    sand said send seed sade sage safe sale same save gore core more bore lore pore sore tore
    wore fore horn born corn worn torn form from fork cork pork work movie movies moving mover
    love live lose lost lust cute cure pure sure lure drams drum drums drama dream cream
    spice space spade spate pace race lace face pale sale tale tame take lake make wake bake
    cake fake rake sake bold cold gold hold mold sold told fold fond bond pond band land hand
    sand wand want went west best nest pest rest test vest zest jest weston wester whiter
    write white while whale where there these those three throw thrower their thief
    action acting actor actors actress fiction diction faction fraction traction motion
    potion lotion notion nation ration ration station story stony stormy storm
    funky fully fussy fuzzy bunny sunny runny gunny punny dusty rusty musty lusty gusty
    classy glassy grassy brassy classic clinic mystic music muse mused fusty
    epic epoch optic ethic comic comma comet combo dram gram tram cram pram
    scary scarf scars stars snare spare share shore short sport spore spot shot slot
    slow slot slop slob blow flow glow plow show snow stow know""".split()
)
