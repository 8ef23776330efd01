"""Another film of the current film's series, said by its number alone: "something like part 3
instead" after "godfather 2", "episode 6" after a Star Wars film, "number 4" after "Rocky II".

The parser reads such words as a title the catalog lacks ("Part 3"); only the dialogue knows the
current film, so this names the series from its title (the part before a series colon, or the
title without its sequel number) and asks the catalog's one resolver for that series' film.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.types import Parse
from engine.retrieval.catalog import normalize_title
from engine.retrieval.title_forms import series_heads

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

__all__ = ["of_current_series"]

_NUMBER_ALONE = re.compile(r"^(?:the\s+)?(?:part|episode|chapter|vol(?:ume)?|number|no|film|movie)\s*"
                           r"(?P<n>\d{1,2}|ii|iii|iv|v|vi|vii|viii|ix|two|three|four|five|six)"
                           r"(?:\s+(?:one|film|movie|of (?:it|them|the series)))?$")
_SEQUEL_NUMBER = re.compile(r"\s+(?:part\s+)?(?:\d{1,2}|ii|iii|iv|v|vi|vii|viii|ix)$")


def of_current_series(parse: Parse, current: int | None, retriever: "Retriever") -> Parse:
    """`parse` itself, or a reference to the film of the current item's series that a title
    the catalog lacks ("part 3") names by number."""
    if parse.intent != "reference":
        return parse
    # A number alone names the current series first, even where another series has a film of
    # that name ("episode 3" after Rocky is Rocky III, not Star Wars: Episode III).
    said = normalize_title(parse.unknown_title or (parse.text if parse.item_id is not None else "") or "")
    m = _NUMBER_ALONE.match(said)
    row = retriever.title_resolver.row_of_id(current) if m is not None and current is not None else None
    if row is None or (parse.item_id is not None and row == retriever.title_resolver.row_of_id(parse.item_id)):
        return parse
    title = retriever.titles[row]
    names = series_heads(title) or [_SEQUEL_NUMBER.sub("", normalize_title(re.sub(r"\s*\([^()]*\)", "", title)))]
    for name in names:
        found = retriever.title_resolver.resolve(f"{name} {m.group('n')}", allow_id=False)
        if found is not None and found.row != row:
            return replace(parse, item_id=found.item_id, title=found.title, unknown_title=None, candidates=())
    return parse
