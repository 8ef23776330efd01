"""The bot's English wording, one function per kind of answer; `bot.dialogue.manager` decides which.

Nothing here looks at a session or the model: callers pass the titles, tags and numbers to say.
Channels render the items themselves (`bot.cli.render` for the terminal), so no text lists a sequence.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.suggestions import critique_text
from bot.nlu.critiques import GUESS_BELOW
from bot.nlu.word_classes import is_comparative_form
from bot.dialogue.years import describe
from bot.types import Critique

STORE_UNREACHABLE = "I cannot reach my session store right now."
TURN_FAILED = "Something went wrong on my side with that message."
INVALID_SESSION = ("That session id is not valid (1-128 characters from A-Z a-z 0-9 _ . : @ -); "
                   "start a new session.")
GOODBYE = "Goodbye! Come back any time; this session keeps your place."
NOTHING_TO_UNDO = "There is nothing to undo."
UNDONE_TO_START = "Undone; we are back at the start. Name a movie to begin."
UNCLEAR_PICK = "I could not tell which item you meant; say its number (\u201cthe third one\u201d) or its title."


def quote(title: str) -> str:
    return f"\u201c{title}\u201d"


def number(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"#{n}")


def catalog_note(synthetic: bool) -> str:
    return " (This is the synthetic demo catalog.)" if synthetic else ""


def apology(reason: str) -> str:
    return f"Sorry. {reason} Please try again, or say \u201crestart\u201d."


def input_cut(chars: int, limit: int) -> str:
    return f"(Your message had {chars:,} characters; I read only the first {limit:,}.) "


# How a guess at a fact the catalog lacks is said, less / more of its attribute (bot.dialogue.estimates).
ESTIMATE_WORDS = {"long": ("shorter", "longer"), "big budget": ("lower-budget", "bigger-budget"),
                  "well known": ("less well-known", "better-known"), "well rated": ("lower-rated", "better-rated")}


def estimate_words(attribute: str, alpha: int) -> str:
    """"shorter" for less "long": a guess worded the way people ask for it."""
    pair = ESTIMATE_WORDS.get(attribute)
    return pair[alpha > 0] if pair else critique_text(attribute, alpha)


def wanted(critiques: Sequence[Critique]) -> str:
    """ "less action and a bit more comedy" / "shorter": how each critique was read, strength included."""
    def strength(c: Critique) -> str:
        return "a bit " if c.strength < 1 else ("much " if c.strength > 1 else "")
    return " and ".join(strength(c) + (estimate_words(c.tag, c.alpha) if c.estimate else critique_text(c.tag, c.alpha))
                        for c in critiques)


def you_could_say(suggestions: Sequence[str]) -> str:
    return " You could say: " + ", ".join(quote(s) for s in suggestions) + "."


def namesakes(others: Sequence[str], outside: Sequence[str] = ()) -> str:
    """" I took the most watched of that name; say “the 1953 one” for “Titanic (1953)”."."""
    if not others and not outside:
        return ""
    said = ", or ".join(f"{quote(_which(t))} for {quote(t)}" for t in others)
    also = (f"{' and '.join(quote(t) for t in outside)} {'is' if len(outside) == 1 else 'are'} in the data too, "
            f"with too few ratings for me to start from") if outside else ""
    if not others:
        return f" ({also[0].upper()}{also[1:]}.)"
    return f" (I took the most watched of that name; say {said}{'; ' + also if also else ''}.)"


def only_in_data(title: str, offered: Sequence[str], close: bool, critiques: Sequence[Critique],
                 synthetic: bool) -> str:
    """ "1941 (1979)" is in the data, but too few rated it for the model: what it can do instead."""
    which = "The closest titles I can start from" if close else "Popular titles"
    then = f" Pick one and I will start from it with {quote(wanted(critiques))}." if critiques else ""
    return (f"{quote(title)} is in the MovieLens data, but too few people rated it for my model to "
            f"know it, so I cannot start from it. {which}: {'; '.join(offered)}.{then}{catalog_note(synthetic)}")


def _which(title: str) -> str:
    year = title.rstrip()[-5:-1]
    return f"the {year} one" if year.isdigit() else title


def no_start_in_years(critiques: Sequence[Critique], years: str) -> str:
    """No film of the catalog is released in the years asked: nothing to offer to start from."""
    return (f"I understood {quote(wanted(critiques))}, but I have no films {years} to start from. "
            f"Name a movie, or say \u201cany year\u201d to drop the years.")


def need_reference(critiques: Sequence[Critique], example: str, synthetic: bool) -> str:
    return (f"I understood {quote(wanted(critiques))}, but less or more than what? Name a movie to "
            f"start from, e.g. {quote('something like ' + example)}, or pick one below: the best-known "
            f"films that go furthest that way, to see films like it.{catalog_note(synthetic)}")


def walked(critiques: Sequence[Critique], title: str, tag_value: float | bool | str | None, shown: int,
           gradient: bool, reading: str = "", balanced: bool = False, also: str | None = None) -> str:
    """The answer to a critique: what was understood, where from, what the sequence is.

    `tag_value`: the reference's estimated degree, whether it carries a form tag walked by the
    catalog's tag (engine.walks.neighbourhood.form_members), or what the catalog records of it
    for a fact, in words (bot.dialogue.cards.Cards.reference_value). `reading` says how words that
    are not a tag were read (bot.dialogue.critique_axes.reading_note). `also`: a second film named
    with it; the answer is near both and moves the asked way from both."""
    first = critiques[0]
    said = wanted(critiques)
    # "more mindless" was said as such; "lighter" (a comparative: less dark) as it is
    said_as = (critique_text(first.phrase, -first.alpha) if first.flipped and not is_comparative_form(first.phrase)
               else first.phrase)
    heard = (f" (from {quote(said_as)})"
             if first.phrase and first.phrase.lower() not in (first.tag, critique_text(first.tag, first.alpha))
             and not reading else "")
    if first.flipped and first.score < GUESS_BELOW:  # bot.nlu.critiques._guessed_negation
        heard = f" (my guess for {quote(said_as)}: no tag is close to {quote(first.phrase)})"
    heard += f" ({reading.rstrip('.')})" if reading else ""
    here = (f", which is {'' if tag_value else 'not '}tagged {first.tag}" if isinstance(tag_value, bool)
            else f", {tag_value}" if isinstance(tag_value, str)
            else f", {first.tag} {number(tag_value)} (estimated)" if tag_value is not None else "")
    if not shown:
        return f"Understood: {said}{heard}. I found no other items to show from {quote(title)}."
    if gradient:
        return (f"Understood: {said}{heard}. Starting from {quote(title)}{here}, here are {shown} items "
                f"with gradually {said}; pick one by number or title.")
    best = "these are the best matches" if shown > 1 else "this is the best match"
    # strong wording widens the neighbourhood an answer is drawn from (engine/walks/neighbourhood.py)
    further = (" I looked further from it than usual, as you asked for a big change."
               if any(c.strength > 1 for c in critiques) else "")
    if also is not None:
        further += f" They are films near {_titles(title, also)}, {wanted(critiques)} than either."
    if balanced:  # no close film moves every asked way (engine.walks.neighbourhood, balance)
        further += (" No film close to it is clearly all of that at once; these come closest on "
                    "balance, a little against one wish where they go far on another.")
    return (f"Understood: {said}{heard}. Compared with {quote(title)}{here}, {best}; pick one by "
            f"number or title.{further}")


def at_limit(tag: str, alpha: int, title: str, degree: float, offer: str | None) -> str:
    """The reference has no room left on the asked tag: no noisy list, a better critique."""
    edge = "as little" if alpha < 0 else "as much"
    text = (f"{quote(title)} already has about {edge} {tag} as anything in the catalog "
            f"({tag} {degree:.2f}, estimated), so there is no gradual way to "
            f"{quote(critique_text(tag, alpha))} from it.")
    return text + (f" Try {quote(offer)} instead?" if offer else "")


def no_room(asked: Critique | None, tag: str, alpha: int, title: str, degree: float, offer: str | None) -> str:
    """`at_limit`, or for a catalog fact or an estimate ("better rated" from the best rated) the
    same worded as it was asked: such a Modification's tag only steers the `list` policy."""
    if asked is None or not asked.estimate:
        return at_limit(tag, alpha, title, degree, offer)
    return (f"{quote(title)} is already at that end ({asked.tag} {degree:.2f}), so I have nothing "
            f"{wanted((asked,))} to show from it.")


def ask_which_tag(phrase: str, options: Sequence[str], alpha: int,
                  others: Sequence[tuple[str, int]] = ()) -> str:
    said = quote(phrase) if phrase else "that"
    kept = " and ".join(quote(critique_text(name, a)) for name, a in others if name)
    return (f"By {said} did you mean " + " or ".join(quote(critique_text(o, alpha)) for o in options) + "?"
            + (f" (I keep {kept} as well.)" if kept else ""))


def _titles(title: str, also: str | None) -> str:
    return quote(title) if also is None else f"both {quote(title)} and {quote(also)}"


def nearest_shown(title: str, shown: int, more: bool = False, also: str | None = None) -> str:
    """The films most like a title (and `also`, a second one named with it), shown as they are
    (bot.dialogue.nearest)."""
    if more:
        return (f"{shown} more films most like {_titles(title, also)}; pick one by number or title, or "
                f"say what to change.")
    return (f"Here are the films most like {_titles(title, also)} as they are; pick one by number or "
            f"title, or say what to change in other words.")


def nearest_to_start(title: str, also: str | None = None) -> str:
    """The films most like a title the user just named (and `also`: "like Heat and Collateral",
    a gradient then goes from the first) (bot.dialogue.nearest)."""
    if also is not None:
        return (f"Here are the films most like {_titles(title, also)}; pick one by number or title, or "
                f"say what to change and I will show a gradient near both.")
    return (f"Here are the films most like {quote(title)}; pick one by number or title, or say what "
            f"to change and I will show a gradient.")


def widened_for_years(title: str, years: dict) -> str:
    """Said before the films nearest a title in the whole catalog when none of its close films is
    from the asked years (bot.dialogue.nearest.nearest_in_years)."""
    return (f"None of the films closest to {quote(title)} is {describe(years)}, so I looked further "
            f"afield: these are the nearest that are.")


def no_nearest(title: str, in_years: bool, more: bool = False) -> str:
    where = " in those years" if in_years else ""
    return f"I have no {'more ' if more else ''}films like {quote(title)} to show{where}."


def none_moved(critiques: Sequence[Critique], title: str, reading: str = "") -> str:
    """No film close to the reference moves the asked way (by the estimate): say so before the
    films most like it are shown as they are."""
    said = wanted(critiques)
    how = f" ({reading.rstrip('.')})" if reading else ""
    return (f"Understood: {said}{how}, but none of the films close to {quote(title)} is clearly "
            f"{said} by my estimate, so I did not apply it.")


def fact_missing(attribute: str) -> str:
    """A catalog fact ("well known") this checkpoint was saved without."""
    return (f"This model was saved without the ratings' summary, so I cannot judge how {attribute} "
            f"a film is; retraining it with `cgir train` adds it.")


def no_close_tag(closest: Sequence[str]) -> str:
    text = "I could not match that to any tag I know."
    if closest:
        return text + " The closest tags I have: " + ", ".join(closest) + "."
    return text + " Say \u201chelp\u201d to see the tags I know."


def which_title(titles: Sequence[str], critiques: Sequence[Critique] = ()) -> str:
    then = f" Then I will look for {quote(wanted(critiques))} from it." if critiques else ""
    return "Which one do you mean? " + "; ".join(f"{i}. {t}" for i, t in enumerate(titles, 1)) + then


def unknown_title(synthetic: bool) -> str:
    return ("I do not know that title. Try one of these, or type a title from the catalog."
            + catalog_note(synthetic))


def not_in_catalog(asked: str, offered: Sequence[str], close: bool, critiques: Sequence[Critique],
                   synthetic: bool) -> str:
    """ "Heat" is not in this catalog: the closest titles (or popular ones), and what waits."""
    name = " ".join(w if w.isupper() else w.capitalize() for w in asked.split())
    which = "The closest titles" if close else "Popular titles"
    then = f" Pick one and I will start from it with {quote(wanted(critiques))}." if critiques else ""
    return (f"{quote(name)} is not in this catalog. {which}: {'; '.join(offered)}.{then}"
            f"{catalog_note(synthetic)}")


def starting_from(title: str, synthetic: bool, placed: bool = False) -> str:
    """`placed`: a film too few people rated for the model, placed for a start (engine.retrieval.cold)."""
    rough = (" Few people rated it, so I placed it by the films its viewers also rated and by its genres "
             "and tags: answers from it are rougher.") if placed else ""
    return f"Starting from {quote(title)}.{rough}{catalog_note(synthetic)}"


def strongest_in(tag_values: Sequence[tuple[str, float]]) -> str:
    return "It is strongest in " + ", ".join(f"{tag} ({value:.2f})" for tag, value in tag_values) + "."


def its_tags(tags: Sequence[str]) -> str:
    return "Its tags: " + ", ".join(tags) + "." if tags else ""


def no_list_yet(has_current: bool) -> str:
    hint = ("critique the current item first (e.g. \u201cless action\u201d)" if has_current
            else "name a movie to start from first")
    return f"There is no list to choose from yet; {hint}."


def out_of_range(n: int) -> str:
    return f"The last list has {n} item{'s' if n != 1 else ''}; pick a number from 1 to {n}."


def good_choice(title: str, position: int, description: str, mine: bool = False) -> str:
    """A pick confirmed; `mine` when the user left it to the bot ("you pick")."""
    if mine:
        return f"My pick: {quote(title)} (#{position}), the best match of the list. {description} What next?"
    return f"Good choice: {quote(title)} (#{position}). {description} What next?"


def undone(title: str, with_list: bool) -> str:
    return f"Undone. Back at {quote(title)} and the list before." if with_list else f"Undone. Back at {quote(title)}."


def starting_over(example: str, synthetic: bool) -> str:
    return (f"Starting over. Name a movie you like, e.g. {quote('something like ' + example)}, or pick "
            f"one below.{catalog_note(synthetic)}")


def help_text(tags: Sequence[str], total_tags: int, synthetic: bool) -> str:
    more = f" (and {total_tags - len(tags)} more)" if total_tags > len(tags) else ""
    return (
        "Name a movie to start from (\u201csomething like Toy Story\u201d), then critique it: "
        "\u201cless action\u201d, \u201ca bit funnier\u201d, \u201cmore romance and less violence\u201d. "
        "I show a sequence that changes step by step; pick one with \u201cthe third one\u201d, "
        "\u201c#2\u201d, \u201cthe last one\u201d, \u201cthe funniest of these\u201d or its title. "
        "On a list: \u201cmore\u201d, \u201cseen them all\u201d, \u201cnot the third one\u201d, "
        "\u201cwhy #2?\u201d, \u201ctell me about #3\u201d, \u201csurprise me\u201d. Also: \u201cundo\u201d, "
        f"\u201crestart\u201d, \u201cbye\u201d. Tags I know: {', '.join(tags)}{more}.{catalog_note(synthetic)}"
    )


def out_of_scope(empty: bool) -> str:
    first = "I did not get any text." if empty else "Sorry, I did not understand that."
    return (first + " I help you find movies by critiquing one you know: name a movie "
            "(\u201csomething like ...\u201d), then say what to change (\u201cless action\u201d). "
            "Say \u201chelp\u201d for more.")


def small_talk(kind: str, example: str, synthetic: bool, listed: int = 1) -> str:
    """A greeting, a thank-you, an "ok", a "no" or "how many did you find?" answered in kind, with
    what the user can do next; `listed`: how many films are on screen."""
    if kind == "count":
        return (f"This list has {listed} film{'s' if listed != 1 else ''}; say “more” for the next ones, "
                f"as long as close films are left." if listed else
                f"There is no list yet: name a movie to start from ({quote('something like ' + example)}).")
    if kind == "thanks":
        return ("You're welcome! Critique the current movie (\u201ca bit funnier\u201d) or name another "
                "one whenever you like.")
    if kind == "acknowledgement" and not listed:  # "ok" with nothing on screen yet
        return (f"Name a movie to start from ({quote('something like ' + example)}), or say what you "
                f"are in the mood for (\u201ca funny sci-fi movie\u201d).")
    if kind == "acknowledgement":
        return ("Take your time: pick a film by number or title, say what to change (\u201ca bit "
                "funnier\u201d, \u201cless action\u201d), or name another movie.")
    if kind == "refusal":
        return ("All right, not those. Say what to change (\u201ca bit funnier\u201d, \u201cless action\u201d), "
                "\u201cshow me more\u201d for others, or name another movie.")
    return (f"Hello! I help you find movies by critiquing one you know: name a movie "
            f"({quote('something like ' + example)}), then say what to change (\u201cless action\u201d, "
            f"\u201ca bit funnier\u201d). Say \u201chelp\u201d for the tags I know.{catalog_note(synthetic)}")
