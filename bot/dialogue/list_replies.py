"""The wording of the list controls (bot.dialogue.list_controls): "more", "seen it", picks by
description, "surprise me"; the rest of the bot's wording is bot.dialogue.replies."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.replies import quote

NO_ANSWER_TO_CONTINUE = ("There is no list to continue yet: critique the current movie first "
                         "(\u201cless action\u201d), or say \u201csurprise me\u201d.")
NOTHING_EXCLUDED = "Nothing is set aside in this session."
NO_ITEM_NAMED = "Which movie do you mean? Say its number (\u201c#3\u201d) or its title."


def more_of(said: str, title: str, shown: int, wider: bool = False, also: str | None = None) -> str:
    """The next films of a critique's answer; `also`: a second film named with `title`, the
    answer near both."""
    if not shown:
        return (f"That is all I can show for {quote(said)} from {quote(title)} without repeating one "
                f"you have seen; try another critique or \u201csurprise me\u201d.")
    further = (f" I looked further from {quote(title)} than before: its closest films hold no more "
               f"you have not seen, so these are less like it.") if wider else ""
    where = f"near both {quote(title)} and {quote(also)}" if also else f"from {quote(title)}"
    return (f"{shown} more for {quote(said)} {where}, none of them shown before; "
            f"pick one by number or title.{further}")


def more_jump(shown: int) -> str:
    if not shown:
        return "I have no more well-known movies far from here that you have not seen."
    return f"{shown} more movies far from here, none of them shown before."


def excluded(titles: Sequence[str], tags: Sequence[str], replaced: int, kept: int) -> str:
    """What was set aside, and what the list now shows instead."""
    parts = []
    if titles:
        parts.append(", ".join(quote(t) for t in titles[:5]) + (f" and {len(titles) - 5} more" if len(titles) > 5 else ""))
    parts += [f"movies tagged {quote(t)}" for t in tags]
    said = " and ".join(parts) if parts else "nothing new (already set aside)"
    them = "them" if len(titles) + len(tags) > 1 else "it"
    text = f"Set aside for the rest of this session: {said}. Say \u201cundo\u201d to bring {them} back."
    if replaced:
        text += (f" Here {'are' if replaced != 1 else 'is'} {replaced} new one{'s' if replaced != 1 else ''}"
                 + (f" beside the {kept} you have not ruled out." if kept else " instead."))
    return text


def excluded_list(titles: Sequence[str], tags: Sequence[str]) -> str:
    if not titles and not tags:
        return NOTHING_EXCLUDED
    parts = [quote(t) for t in titles] + [f"anything tagged {quote(t)}" for t in tags]
    return "Set aside in this session: " + "; ".join(parts) + ". Say \u201cundo\u201d right after setting one aside to bring it back."


def picked_by(title: str, position: int, why: str) -> str:
    return f"I took #{position}, {quote(title)}: {why}"


def no_such_pick(what: str, years: Sequence[int]) -> str:
    shown = ", ".join(str(y) for y in sorted(set(years))) or "none"
    return f"None of the list is {what}; the years on it: {shown}."


def unread_attribute(phrase: str) -> str:
    return (f"I could not tell what {quote(phrase)} means for these movies; try a tag "
            f"(\u201cthe funniest\u201d, \u201cthe least violent\u201d) or a number.")


def jumped(title: str | None, shown: int, spread: str) -> str:
    if not shown:
        return "I have no well-known movies left that you have not seen or set aside."
    away = f"far from {quote(title)}" if title else "spread across the catalog"
    return (f"Something completely different: {shown} often-watched movies {away} in what viewers "
            f"rate alike ({spread}), on purpose. Pick one to start from.")
