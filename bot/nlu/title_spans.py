"""Titles said inside a sentence (used by bot.nlu.references): where a title's words start and
end among other words, and a year after a title that picks one of its namesakes.

People type titles in Title Case and run them into their sentences: "saw Silence of the Lambs
yesterday and couldn't sleep", "inception messed with my head, more of that", "the old Titanic
from 1953, not the 1997 one". A title the catalog has inside a longer one it lacks ("Top Gun
Maverick", "Frozen 2") is not that title.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from bot.nlu.everyday import INTERJECTIONS
from bot.nlu.reference_patterns import CRITIQUE_AFTER_TITLE
from engine.retrieval.catalog import TitleMatch, TitleResolver, normalize_title, release_year
from engine.retrieval.title_forms import alias_keys, form_key
from engine.text.normalise import fold

__all__ = ["adds_words", "aka_fragment", "ANAPHORA", "came_after", "dated", "FAMOUS_SHARE", "famous", "goes_on",
           "interjections_only", "KNOWN_SHARE", "KNOWS", "REFERS_BACK", "knows_before", "longer_title", "most_watched", "OWNER",
           "POINTS_BACK", "request_part", "seen_famous", "short_after_seeing", "split_after_title",
           "start_cue", "title_case", "title_cut_first", "title_cut_short"]

FAMOUS_SHARE = 0.98  # a title among the most watched 2 % is a film before it is a tag's name
# A whole line that is a title of two words or more among the most watched quarter is that film,
# typed in any case, whatever cues its words hold ("stranger than fiction", "the wedding singer")
KNOWN_SHARE = 0.75
# Verbs of seeing or liking: the words after them name a film before a lexicon cue ("watched
# alien") and may name it by a short form ("quoting anchorman")
_SEEN_OR_LIKED = frozenset("watched saw seen rewatched rewatching watching finished quoting quoted loved liked "
                           "enjoyed adored adore".split())

# Lower-case words inside a title typed in Title Case, foreign particles too ("Jean de Florette").
_MINOR_WORDS = frozenset("the of and a an in on at to for with from de du des la le les di da del della von van der den y et"
                         .split())
# Words no short form of a title ends on ("aladdin and": Aladdin, not Aladdin and the King of Thieves)
_JOINING = _MINOR_WORDS | {"&", "or", "but"}
# "inception messed with my head. more of that": words later in the sentence point back at the
# film named first, so a title at the very start counts even in lower case.
POINTS_BACK = re.compile(r"\b(?:more of|like|similar to|in the vein of|along the lines of|as \w+ as)\s+(?:that|it|this)\b"
                         r"|\b(?:something|anything|stuff|ones?|more)\s+similar\b|\bin (?:that|the same) (?:vein|spirit|mood)\b")
# Words after which a title names a film one knows ("my dad loves the other guys", "keeps quoting clue").
KNOWS = frozenset("like loved love loves liked likes adore adored adores watched watching saw seen enjoyed enjoys "
                  "rewatched rewatching finished quoting quotes quoted watch want wants know than as about thought think thinks "
                  "found".split())
# "big fan of the big lebowski - ...": the film after "fan of" is one the person knows
_FAN_OF = re.compile(r"\b(?:fan|fans|fond)\s+of$")
# "like that", "in that spirit", "whats similar": they point back at the title just named.
ANAPHORA = re.compile(r"\b(?:(?:something|anything|stuff|more|films?|movies?)\s+)?(?:(?:just\s+)?like (?:that|it|this)|"
                      r"similar(?: to (?:that|it|this))?|in that (?:spirit|vein|style)|of that|with that \w+|"
                      r"what'?s|whats|is there|are there|got|show me|give me|i want|we want|looking for|"
                      r"and loved it|and liked it|last night|yesterday|again)\b", re.IGNORECASE)
# "..., anything like it?": a film was named before, in any words ("fell asleep during blade runner").
REFERS_BACK = re.compile(r"\b(?:like (?:that|it|this)|similar)\b")
# Words before a title that starts the sentence all the same ("hmm, look who's talking was cute").
_LEAD = re.compile(r"^(?:h+m+|o+k+(?:ay)?|so|well|he+y+|hi+|hello+|ye+a+h*|yes|o+h+|a+h+|lol|honestly|anyway|"
                   r"alright|u+m+|u+h+|wo+w+)$")
# What one says of a film named first, before asking ("ip man rocks, ...", "eurotrip cracked us up, ...").
_CLAUSE_END = re.compile(r"[,;.!?]+(?:\s|$)|\s-+\s|\s(?:but|and now)\s")
_SAID_OF = re.compile(r"^(?:was|is|were|got|had|has|made|left|rocks|rocked|cracked|freaked|blew|kept|scared|"
                      r"really|totally|just|still|absolutely|honestly|seriously|rules|ruled|slaps|slapped|owns|"
                      r"remains|broke|wrecked|destroyed|haunted|haunts)\b")
# Words that end a title said inside a sentence ("saw Heat yesterday", "loved Alien but ...").
_CLAUSE_WORDS = frozenset("and but or so because yesterday today tonight last again with when while on at in for "
                          "to as was is it its which that who recently twice once the other then though too also "
                          "my our me us instead now please maybe perhaps anyway though tho".split())
_POSSESSIVE = re.compile(r"\w(?:'s|s')$")  # "Hitchcock's", "the Coens'": an owner before a title
# An owner's name said before a title that starts the words ("Tim Burton's Ed Wood - ...");
# never a pronoun's "'s" ("that's better - even less tense": "that is", not Better Off Dead's owner).
OWNER = re.compile(r"^(?!(?:\S+\s+)?(?:that|it|what|there|here|he|she|who|let|where|how|this|everything|"
                   r"nothing|something|anything|one|mine|yours|ours)'s\b)(?:[\w.]+\s+)?[\w.]+(?:'s|s')\s+(?=\S)")
_SEQUEL = re.compile(r"^(?:\d{1,2}|ii|iii|iv|v|vi|part)$")
_PUNCTUATION = (",", ".", ";", "!", "?", ":")
# "the old Titanic from 1953, not the 1997 one": a year right after a title picks a namesake.
_DATED = re.compile(r"[\s,]*\b(?:from|in|of|made in|released in)\s+\(?((?:19|20)\d\d)\)?"
                    r"(?:\s+(?:one|version|film|movie|remake|original))?"
                    r"(?:[\s,]+(?:not|rather than|instead of)\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?"
                    r"(?:one|version|remake|original|film|movie)s?)?")
# Words a year phrase starts with ("made in 2001", "released in 1999"): a year filter even where
# a one-word title of that year exists ("Made (2001)", "Released (1999)").
_RELEASE_VERBS = frozenset("made released filmed shot produced out premiered".split())
_OLD_NEW = re.compile(r"^(?:(?:the|that)\s+)?(?:old|older|original|new|newer|first|later|recent)\s+")


# Where a request starts after what someone said of a film ("saw Arrival and cried, want
# something like that but less slow"): the critiques follow the last of these.
_REQUEST = re.compile(r"\b(?:something|anything|what else|any more|anymore|show me|got any|i want|we want|"
                      r"looking for|recommend|suggest)\b")


def request_part(after: str, asks: Callable[[str], bool]) -> str:
    """The words after a title from where the request starts: "and cried, want something like
    that but less slow" -> "like that but less slow"; all of them when no request word starts
    one, nothing follows it ("Heat but less violent, anything similar?") or the words before
    it already ask for something (`asks`: "but less mindless please, something with a brain")."""
    found = list(_REQUEST.finditer(after))
    if not found or asks(after[:found[-1].start()]):
        return after
    tail = after[found[-1].end():].strip(" ,.;!?")
    if tail.startswith(("similar", "else")):  # "..., something similar but a bit less scary"
        tail = re.sub(r"^(?:similar|else)\b(?:\s+to\s+(?:that|it|this))?", "", tail).strip(" ,.;!?")
        return tail if tail and asks(tail) else after
    return tail or after


def start_cue(words: list[str], i: int, n: int, asks: Callable[[str], bool]) -> int | None:
    """Where the words after a title that starts the sentence (perhaps after "hmm," or "ok so")
    turn to the request: after a pointer back ("down with love was fun, more like that"), or,
    when a verb says something of the film ("eurotrip cracked us up, anything sillier?", "funny
    farm was a hoot"), after that clause when a request (`asks`: a polarity word) or nothing
    follows; None when the title starts no such sentence."""
    lead = next((k for k, w in enumerate(words) if not _LEAD.match(w.strip(",.!?;:-"))), len(words))
    owner = words[lead:i]  # "kubrick's the shining messed me up, ...": who made it, before the title
    if i not in (0, lead) and not (0 < len(owner) <= 2 and _POSSESSIVE.search(owner[-1])):
        return None
    after = " ".join(words[i + n:])
    back = POINTS_BACK.search(after)
    if back is not None:
        return back.end()
    if not _SAID_OF.match(after):
        return None
    cut = _CLAUSE_END.search(after)
    cut = cut.end() if cut else len(after)
    return cut if _REQUEST.search(after) or asks(after[cut:]) or not after[cut:].strip(" ,.;!?") else None


def longer_title(simple: str, head: str, titles: TitleResolver) -> bool:
    """Whether the words from the start go on past `head` naming a longer catalog title:
    "Ghost and the Darkness scared me" is no "Ghost" + "and the Darkness ..."."""
    words, size = simple.split(), len(head.split())
    named = {m.item_id for m in titles.exact(head)}  # "101 dalmatians - the" is still that title
    return any(m.item_id not in named for k in range(size + 1, min(len(words), 9) + 1)
               for m in titles.exact(" ".join(words[:k]).strip(" ,.;!?")))


def interjections_only(text: str) -> bool:
    """"ha", "meh", "ooh la la": a reaction, never a title before a request."""
    words = re.findall(r"[a-z]+", fold(text).lower())
    return bool(words) and all(w in INTERJECTIONS for w in words)


def aka_fragment(head: str, match: TitleMatch, is_word: Callable[[str], bool]) -> bool:
    """Whether one word names a film only as one of its a.k.a. titles and is a word of its own
    ("boat" is an a.k.a. of "Das Boot (Boat, The)"): before a request it is no starting point;
    the film's own title ("Alien"), or a name that is no English word ("Leon"), still is."""
    key = form_key(head)
    return len(key.split()) == 1 and key != alias_keys(match.title)[0] and (
        is_word(key) or key in INTERJECTIONS or len(key) < 4)


def title_case(head: str, original: str) -> bool:
    """Whether `head` (folded, lower-case) was typed with capitals in `original` ("Star Wars")."""
    folded = fold(original)
    at = folded.find(head)
    if at < 0 or len(folded) != len(original):
        return False
    words = [w for w in original[at:at + len(head)].split() if w.lower() not in _MINOR_WORDS and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def goes_on(words: list[str], end: int, typed: str, closed: bool) -> bool:
    """Whether the words after a title (ending before `end`) go on naming a longer one: a
    number ("Frozen 2"), a word typed in Title Case ("Top Gun Maverick"); with `closed`, any
    word that does not start a new clause."""
    if end >= len(words) or words[end - 1].endswith(_PUNCTUATION):
        return False
    after = words[end].strip(",.;!?:")
    if not after or after == "i":
        return False
    if _SEQUEL.match(after) or _capitalised(after, typed):
        return True
    return closed and after not in _CLAUSE_WORDS


def came_after(words: list[str], start: int, typed: str) -> bool:
    """Whether the title starting at `start` ends a longer one typed in Title Case ("Top Gun
    Maverick" holds "Maverick")."""
    if start == 0 or words[start - 1].endswith(_PUNCTUATION):
        return False
    before = words[start - 1].strip(",.;!?:\"'")
    if _POSSESSIVE.search(before):
        return False  # "Hitchcock's Rope": an owner names who made it, the title starts after
    return bool(before) and before not in ("i", *_MINOR_WORDS) and _capitalised(before, typed)


def _capitalised(word: str, typed: str) -> bool:
    """A word typed with a capital first letter, not shouted in capitals ("Home Alone AGAIN")."""
    folded = fold(typed)
    for m in re.finditer(rf"\b{re.escape(word)}\b", folded):
        said = typed[m.start():m.end()] if len(folded) == len(typed) else ""
        if said[:1].isupper() and not (len(said) > 1 and said.isupper()):
            return True
    return False


# "Total Recall, the newer one", "the 1999 Galaxy Quest": which namesake, by age or by a year before it.
_VERSION_AFTER = re.compile(r"[\s,]+(?:the\s+)?(?:(?P<new>newer|newest|new|recent|later|latest|remade)|"
                            r"(?P<old>older|oldest|old|original|earlier|first))\s+(?:one|version|film|movie)\b")
_YEAR_BEFORE = re.compile(r"\b(?:the|that)\s+((?:19|20)\d\d)\s+(?!(?:one|version|film|movie|remake)\b)")


def dated(simple: str, titles: TitleResolver, skip: Callable[[str], bool]) -> str | None:
    """The utterance with a title and the year that picks one of its namesakes written as
    "titanic (1953)" ("the old titanic from 1953, not the 1997 one" -> "titanic (1953)"; "the
    1999 galaxy quest"; "total recall, the newer one": the newest of that name), so the year is
    read as part of the title, not as a filter on the answer; None when no year picks a title
    that has a film of that year. `skip(head)`: words that are no title here."""
    return (_described(simple, titles, skip) or _year_after(simple, titles, skip) or _year_before(simple, titles, skip)
            or _by_age(simple, titles, skip))


def _described(simple: str, titles: TitleResolver, skip: Callable[[str], bool]) -> str | None:
    """"braindead, the old splatter comedy from 1992": a title, then a description of it with its year."""
    head, comma, rest = simple.partition(",")
    if not comma or skip(head.strip()) or not re.match(r"\s*(?:the|that|a|an)\s", rest):
        return None
    for m in _DATED.finditer(rest):
        year = int(m.group(1))
        if any(release_year(t.title) == year for t in titles.exact(f"{head.strip()} ({year})")):
            return " ".join(f"{head.strip()} ({year}), {rest[:m.start()]} {rest[m.end():]}".split())
    return None


def _by_age(simple: str, titles: TitleResolver, skip: Callable[[str], bool]) -> str | None:
    for m in _VERSION_AFTER.finditer(simple):
        words = simple[:m.start()].split()
        for n in range(min(len(words), 8), 0, -1):
            head = " ".join(words[-n:]).strip(" ,")
            years = sorted({release_year(t.title) or 0 for t in titles.exact(head)} - {0})
            if len(years) > 1 and not skip(head):
                year = years[-1] if m.group("new") else years[0]
                return " ".join(f"{' '.join(words[:-n])} {head} ({year}) {simple[m.end():]}".split())
    return None


def _year_before(simple: str, titles: TitleResolver, skip: Callable[[str], bool]) -> str | None:
    for m in _YEAR_BEFORE.finditer(simple):
        words, year = simple[m.end():].split(), int(m.group(1))
        for n in range(min(len(words), 8), 0, -1):
            head = " ".join(words[:n]).strip(" ,.;!?")
            if head and not skip(head) and any(release_year(t.title) == year for t in titles.exact(f"{head} ({year})")):
                return " ".join(f"{simple[:m.start()]} {head} ({year}) {' '.join(words[n:])}".split())
    return None


def _year_after(simple: str, titles: TitleResolver, skip: Callable[[str], bool]) -> str | None:
    for m in _DATED.finditer(simple):
        words = simple[:m.start()].split()
        year = int(m.group(1))
        for n in range(min(len(words), 8), 0, -1):
            head = _OLD_NEW.sub("", " ".join(words[-n:]).strip(" ,"))
            if not head or skip(head) or head in _RELEASE_VERBS:
                continue  # "made in 2001" is a year filter, not the film "Made (2001)"
            named = f"{head} ({year})"
            if any(release_year(t.title) == year for t in titles.exact(named)):
                before = " ".join(words[:-n])
                return " ".join(f"{before} {named} {simple[m.end():]}".split())
    return None


def title_cut_short(whole: str, simple: str, simplify: Callable[[str], str],
                    is_title: Callable[[str], bool]) -> str:
    """`simple` (the line simplified) with the title at the end of `whole` (the line as typed) put
    back where simplifying cut its last words ("something like Apocalypse Now" lost "now")."""
    words = whole.split()
    for n in range(min(len(words) - 1, 8), 1, -1):
        title = " ".join(words[-n:])
        if not simple.endswith(title) and title.startswith(simple.split()[-1]) and is_title(title):
            head = " ".join(words[:-n])
            return f"{simplify(head)} {title}".strip() if simple.startswith(simplify(head)) else simple
    return simple


def title_cut_first(whole: str, simple: str, is_title: Callable[[str], bool]) -> str:
    """`simple` with the title at the start of `whole` put back where simplifying cut its first
    words as a polite or reacting word ("cool hand luke was great, more like that" lost "cool")."""
    words = whole.split()
    for n in range(min(len(words), 8), 1, -1):
        title = " ".join(words[:n]).strip(" ,.;!?")
        if simple.startswith(title) or not is_title(title):
            continue
        kept = next((" ".join(words[k:n]) for k in range(1, n) if simple.startswith(" ".join(words[k:n]))), None)
        if kept is not None:
            return title + simple[len(kept):]
    return simple


def two_titles(titles: TitleResolver, query: str) -> tuple[TitleMatch, TitleMatch, str, str] | None:
    """Two catalog titles joined by "and" ("heat and collateral", "toy story & shrek", "die hard
    meets home alone"): both matches, the first one's words and what follows the second one
    (", but less violent"; "" when nothing does); None for one title with "and" in it ("Harold
    and Maude") or words that are not two titles."""
    if titles.exact(query):
        return None
    m = re.fullmatch(r"(?P<a>.+?)\s+(?:and|&|plus|meets)\s+(?P<b>.+)", query)
    if m is None:
        return None
    second_words, rest = m.group("b"), ""
    if not titles.exact(second_words):
        parts = CRITIQUE_AFTER_TITLE.split(second_words, maxsplit=1)
        second_words, rest = parts[0], second_words[len(parts[0]):]
    first, second = (titles.leader(titles.exact(words)) for words in (m.group("a"), second_words))
    if first is None or second is None or first.item_id == second.item_id:
        return None
    return first, second, m.group("a"), rest


def knows_before(words: list[str], i: int) -> bool:
    """Whether the words before position `i` say the person knows the film that starts there: a
    verb such as "loved", "watched" (KNOWS), or "fan of"."""
    return i > 0 and (words[i - 1].strip(",.") in KNOWS or _FAN_OF.search(" ".join(words[:i])) is not None)


def most_watched(titles: TitleResolver, match: TitleMatch | None, share: float) -> bool:
    """Whether `match` is among the catalog's most watched titles, at or above the `share`
    quantile of popularity (FAMOUS_SHARE, KNOWN_SHARE; each cut computed once per catalog)."""
    if match is None:
        return False
    cuts = titles.__dict__.setdefault("_watched_cuts", {})
    if share not in cuts:
        cuts[share] = float(np.quantile(titles.popularity, share))
    return bool(titles.popularity[match.row] >= cuts[share])


def seen_famous(words: list[str], i: int, span: str, titles: TitleResolver) -> bool:
    """"we just watched alien and want something less scary", "my wife loved alien, ...": after a
    verb of seeing or liking, words that are also a lexicon cue are the film when one of the most
    watched 2 % has that name ("i loved horror" stays a genre: no such film is)."""
    return i > 0 and words[i - 1].strip(",.") in _SEEN_OR_LIKED and famous(titles, span)


def famous(titles: TitleResolver, span: str) -> bool:
    """Whether the film these words name exactly is among the most watched 2 % (FAMOUS_SHARE)."""
    return most_watched(titles, titles.leader(titles.exact(span)), FAMOUS_SHARE)


def split_after_title(query: str, titles: TitleResolver) -> list[str]:
    """[title, what follows] of a title then a critique: at the separator after the longest
    leading words that are a catalog title ("monsters, inc. but less violent", "lock, stock and
    two smoking barrels, funnier"), else at the first separator (CRITIQUE_AFTER_TITLE)."""
    for m in reversed(list(CRITIQUE_AFTER_TITLE.finditer(query))):
        head = query[:m.start()]
        if head and (titles.exact(head) or titles.resolve(head, allow_id=False, fuzzy=False)):
            return [head, query[m.end():]]
    return CRITIQUE_AFTER_TITLE.split(query, maxsplit=1)


def short_after_seeing(words: list[str], i: int, span: str, titles: TitleResolver) -> TitleMatch | None:
    """"my boyfriend keeps quoting anchorman, find something like it": after a verb of seeing or
    liking, words that name one film by a short form the resolver knows (the part before its
    subtitle, "Anchorman: The Legend of Ron Burgundy"); never by a typo."""
    if i == 0 or words[i - 1].strip(",.") not in _SEEN_OR_LIKED or span.split()[-1] in _JOINING:
        return None  # "watched aladdin and want ...": no short form ends on "and" (Aladdin and the King of Thieves)
    return titles.resolve(span, allow_id=False, fuzzy=False)


def adds_words(query: str, match: TitleMatch) -> bool:
    """"Toy Story 7", "Stagecoach Warriors": words the title lacks make another film, where a
    part of a title ("star wars") still names it."""
    return bool(set(normalize_title(query).split()) - set(normalize_title(match.title).split()))
