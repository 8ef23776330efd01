"""The one text normaliser: the lower-case, single-spaced key every lookup of a typed phrase uses,
and accent folding for titles and words people type without accents."""

from __future__ import annotations

import unicodedata


def text_key(text: object) -> str:
    """Lower case, runs of whitespace to one space, no edge spaces ("  Dark  Comedy" -> "dark comedy")."""
    return " ".join(str(text).lower().split())


def fold(text: str) -> str:
    """Lower case with accents removed ("Amélie" -> "amelie")."""
    if text.isascii():  # most text: NFKD leaves ASCII as it is and it has no combining marks
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()
