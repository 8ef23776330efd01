"""What the catalog cannot answer: running time, budget, actors, directors, language, age rating,
awards. A MovieLens catalog has titles, genres, ratings and user tags, nothing else.

`read_limits` finds such a request in a simplified utterance and returns the topic and the text
without it, so "shorter and faster" is still a critique of pace and "something like Heat but
cheaper to make" still a reference to Heat; the bot then says plainly what it cannot judge and
what it can, instead of grounding the words to some unrelated tag ("but not three hours long"
is not "less romance"). A person the catalog's tags name ("more with Al Pacino" where "al
pacino" is a tag) is a tag, not a limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from bot.nlu import lexicon as lx
from bot.types import LimitWay

__all__ = ["read_limits", "read_way", "TOPICS"]

# Topic -> what the bot says it cannot judge.
TOPICS = {
    "running time": "running times",
    "budget": "budgets or box office",
    "actors": "who acts in a film",
    "directors": "who directed a film",
    "language": "the language a film is in",
    "age rating": "age ratings",
    "awards": "awards",
}
_NUMBER = r"(?:a|an|one|two|three|four|five|half an?|\d+(?:[.,]\d+)?)"
_RUNNING_TIME = re.compile(
    r"(?:\b(?:not|no|nothing|under|over|less than|more than|at most|at least|max(?:imum)?|around|about|"
    r"shorter than|longer than|below|above|within)\s+)*"
    r"\b" + _NUMBER + r"\s*(?:and a half\s+)?(?:hours?|hrs?|minutes?|mins?)\b"
    r"(?:\s+(?:long|or less|or more|max|tops|runtime|and a half))*"
    r"|\b(?:runtime|run time|running time|length|duration)\b|\bhow long\b(?!\s+(?:ago|will|until|till|have|has|did))"
    r"|(?<!\bno )\b(?:shorter|longer)\b(?!\s+(?:than (?:this|that|it)|winded|take|on\b))(?:\s+(?:ones?|films?|movies?|runtime))?"
    r"|\b(?:too|so|very|not|not as|not so|less|more|that|as)\s+(?:long|lengthy)\b(?!\s+(?:winded|take))"
    r"|\b(?:short|long|quick|lengthy)\s+(?:ones?|films?|movies?)\b|\b(?:shortest|longest|lengthiest)\b")
# A sum of money said with its currency ("less than ten million dollars", "$5m", "under 20 million
# bucks"): a budget or box office, never a title ("Ten") or a year.
_AMOUNT = (r"(?:\d+(?:[.,]\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred|a few|several|tens of|"
           r"hundreds of|a couple(?: of)?)")
_MONEY = (r"(?:\b(?:less than|more than|under|over|below|above|around|about|at least|at most|no more than|"
          r"a|than)\s+)*(?:\$\s*\d+(?:[.,]\d+)?\s*(?:k|m|mm|bn|b|mil|million|billion|thousand|grand)?\b"
          r"|\b" + _AMOUNT + r"(?:[\s-]+(?:thousand|million|billion|mil|grand|k|m))*[\s-]+(?:dollars?|bucks|usd|"
          r"euros?|pounds|quid)\b|\b\d+(?:[.,]\d+)?\s*(?:million|billion|mil|m|bn)\b)"
          r"(?:\s+(?:to make|to produce|to film|budget|dollar|at the box office))?")
_BUDGET = re.compile(
    r"\b(?:(?:big|low|high|small|huge|smaller|bigger|lower|higher|tiny|massive)[\s-]+)?budgets?\b"
    r"|\bcost(?:s|ing)?\b(?:\s+(?:less|more|a lot|a fortune|much))?(?:\s+(?:to make|to produce|money))?"
    r"|\b(?:cheaper|more expensive|less expensive|expensive|cheaply made|cheap)\s+(?:to make|to produce|productions?)\b"
    r"|\bbox office\b|\bmoney to make\b|\b(?:cheapest|most expensive|least expensive)\b"
    # how costly a film looks: "cheaper looking", "expensive-looking", "production values"
    r"|\b(?:(?:more|less|very|so|too)\s+)?(?:cheap|cheaper|cheapest|expensive|costly|pricey|pricier|low[\s-]rent)"
    r"[\s-]+(?:looking|look|feel|feeling)\b|\bcheaply made\b"
    r"|\b(?:(?:better|worse|higher|lower|bigger|smaller|more|less|good|bad|high|low)\s+)?production (?:values?|quality|costs?)\b"
    r"|" + _MONEY + r"|\b(?:gross(?:ed|es|ing)|earn(?:ed|s)?|revenues?|made (?:a lot of|lots of|tons of|a ton of|"
    r"little|no|big|more|less) money|(?:made|cost) (?:a|one|two|\d+) (?:billion|million))\b")
_LANGUAGES = ("french|english|spanish|german|italian|japanese|korean|chinese|mandarin|cantonese|hindi|"
              "russian|portuguese|swedish|danish|norwegian|dutch|arabic|turkish|polish|greek|hebrew|"
              "persian|thai|finnish|czech|hungarian")
_LANGUAGE = re.compile(
    r"\b(?:in|spoken in)\s+(?:the\s+)?(?:original\s+)?(?:" + _LANGUAGES + r")\b"
    r"|\b(?:" + _LANGUAGES + r")[\s-](?:language|speaking|spoken|audio|dialogue)\b"
    r"|\b(?:subtitles?|subtitled|subs|dubbed|dubbing|foreign[\s-]language|non[\s-]english|"
    r"original language|languages?)\b")
_AGE_RATING = re.compile(r"\b(?:rated\s+(?:pg[\s-]?13|nc[\s-]?17|pg|g|r)|pg[\s-]?13|nc[\s-]?17|age rating|mpaa)\b")
_AWARDS = re.compile(r"\b(?:oscars?|academy awards?|award[\s-]winning|won (?:an|any) awards?|golden globes?|awards?)\b")
# "with a better cast", "famous actors": what is said of the cast goes with it
_ROLE = re.compile(r"\b(?:(?:an? |the )?(?:better|good|great|famous|big[\s-]name|strong(?:er)?|well[\s-]known|all[\s-]star)\s+)?"
                   r"(?:actors?|actress(?:es)?|cast|starring|lead actors?|leading (?:man|lady))\b"
                   r"|\bwho(?:'s| is| are| was)?\s+(?:in|starring|stars?|starred|acts?|acted)\b"
                   r"|\b(?:directors?|directed|filmmakers?|film makers?)\b")
# A name after "with", "starring", "by", in the text as typed (capitals): "with Tom Hanks".
_NAME = re.compile(r"\b(?P<how>with|starring|featuring|by|directed by|made by|from director)\s+"
                   r"(?P<name>[A-Z][\w'.-]+(?:\s+(?:[A-Z][\w'.-]+|de|van|von|del|da)){0,3})")
# The same in lower case ("something with tom hanks"): a common given name and one more word.
_LOWER_NAME = re.compile(r"\b(?P<how>with|starring|featuring|by|directed by|made by|from director)\s+"
                         r"(?P<name>(?P<first>[a-z]+)\s+(?P<last>[a-z][a-z'-]+))\b")
# A person asked for more or less of ("more Kate Winslet", "less nicolas cage"): a given name and a
# surname right after the polarity word, typed with capitals, or in lower case with a surname that
# is no English word (lower case "more sandy beaches" stays a critique).
_MORE_NAME = re.compile(r"\b(?P<how>more|less|fewer|no more|not so much|too much)\s+(?P<name>(?P<first>[A-Za-z]+)"
                        r"\s+(?P<last>[A-Za-z][\w'-]+))(?=\s*(?:$|[,;.!?]|\s(?:and|but|please|films?|movies?)\b))")
# "the coens' budget", "Nolan's running time": the owner of what the catalog cannot say belongs to
# the request, never a critique of its own.
_POSSESSOR = re.compile(r"(?:\b(?:the|a|an|his|her|their)\s+)?\b[\w.-]+(?:'s|s'|')\s*$")
_DIRECTED = re.compile(r"\b(?:by|directed by|made by|from director)$")
# Words after a given name that make it no name ("with grace and style", "by will alone").
_NOT_SURNAMES = frozenset("and or but in on of for to the a an as is was alone please pls too".split())
# "another one in Spanish", "is there one like it but in English": the request, no title ("Die Another Day").
_ANOTHER = re.compile(r"\b(?:(?:is|are) there |got |any |have you got )?(?:another|one|something|anything)"
                      r"(?: (?:one|else))?(?: like (?:it|this|that)(?: one)?)?(?=\s|$)")
_LEFTOVER = frozenset("but and or with without by from in into that which one ones something anything "
                      "some any film films movie movies stuff other others more less please pls plz "
                      "ok okay so the a an of to is are was were it its only just also too then maybe "
                      "even still really actually hmm well not".split())


# Which way a request about running time or budget asks (`read_way`): words for more of it and
# words for less ("shorter" = less long). A length said with a comparator comes first, so "over
# two hours long" is read as one request.
_SPAN = r"(?:an?|one|two|three|four|five|half an?|\d+(?:[.,]\d+)?)\s*(?:and a half\s+)?(?:hours?|hrs?|minutes?|mins?)"
_HOURS = _SPAN + r"(?:\s+long)?"
_WAYS = {
    "running time": (
        re.compile(rf"\b(?:over|above|more than|at least|longer than)\s+{_HOURS}|{_HOURS}\s+or (?:more|longer)"
                   r"|(?<!how )\b(?:long|longer|longest|lengthy|lengthier|lengthiest)\b"),  # not "how long"
        re.compile(rf"\b(?:under|below|less than|at most|within|max(?:imum)?|shorter than)\s+{_HOURS}"
                   rf"|{_HOURS}\s+(?:or less|or shorter|max|tops)"
                   r"|\b(?:short|shorter|shortest|quick|quicker|brief)\b")),
    "budget": (
        re.compile(r"\b(?:big|bigger|biggest|high|higher|huge|massive|large|larger)[\s-]+budgets?\b"
                   r"|\b(?:expensive|pricey|costly|blockbusters?)\b|\bcost(?:s|ing)? (?:a lot|a fortune|more)\b"),
        re.compile(r"\b(?:low|lower|small|smaller|tiny|modest)[\s-]+budgets?\b"
                   r"|\b(?:cheap|cheaper|cheapest|cheaply|inexpensive)\b|\bcost(?:s|ing)? less\b")),
}
# A negation up to two words before ("not three hours long"), never across a clause ("less
# violent and shorter": "less" is the other critique's).
_NOT = (r"\b(?:not|no|nothing|never|without|less|too|isn'?t|aren'?t|don'?t)\b"
        r"(?:\s+(?!(?:and|but|or|with|plus|though|yet)\b)\w+){0,2}?\s+")


def read_way(topic: str | None, text: str) -> LimitWay | None:
    """Which way a turn asks about a fact the catalog lacks, None when it says no way ("how long
    is it?", "with Tom Hanks") or both. A negation just before the words turns them ("not three
    hours long", "not too long" = shorter; "too long" = shorter too: a complaint)."""
    patterns = _WAYS.get(topic or "")
    if patterns is None:
        return None
    text = " ".join(text.lower().split())
    ways = set()
    for alpha, pattern in zip((1, -1), patterns):
        for m in pattern.finditer(text):
            turned = re.search(rf"(?:{_NOT})$", text[: m.start()]) is not None
            ways.add(-alpha if turned else alpha)
    if len(ways) != 1:
        return None
    return LimitWay(ways.pop(), _strength(text))


def _strength(text: str) -> float:
    def said(words) -> bool:
        return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)
    if said(lx.WEAK_WORDS):
        return lx.WEAK_STRENGTH
    return lx.STRONG_STRENGTH if said(lx.STRONG_WORDS) else 1.0


def read_limits(simple: str, original: str, is_tag: Callable[[str], bool],
                is_title: Callable[[str], bool] | None = None) -> tuple[str | None, str]:
    """(topic or None, the text without the request). `is_tag(phrase)` says whether the catalog's
    tags or lexicon name a phrase: those are critiques, not limits; `is_title(phrase)` whether it
    names films ("more Harry Potter", "start me off with Persona" name no actor)."""
    text, topic = simple, None
    for name, pattern in (("running time", _RUNNING_TIME), ("budget", _BUDGET), ("language", _LANGUAGE),
                          ("age rating", _AGE_RATING), ("awards", _AWARDS)):
        while (m := pattern.search(text)) and not is_tag(m.group(0)):  # "in English, not subtitled"
            topic = topic or name
            text = _cut(text, m)
    for m in _NAME.finditer(original):
        name = m.group("name").strip(" .'")
        folded = name.lower()
        if is_tag(folded) or (is_title is not None and is_title(folded)) or folded in ("the", "a", "an") \
                or folded.split()[0] in ("the", "a", "an"):
            continue  # "with Al Pacino" where al pacino is a tag; "from The 90s": no name
        topic = topic or ("directors" if _DIRECTED.search(m.group("how").lower()) else "actors")
        text = re.sub(rf"\b{re.escape(m.group('how').lower())}\s+{re.escape(folded)}\b", " ", text)
    for m in _LOWER_NAME.finditer(text):
        if not _lower_case_name(m, is_tag):
            continue
        topic = topic or ("directors" if _DIRECTED.search(m.group("how")) else "actors")
        text = text.replace(m.group(0), " ")
    for m in _MORE_NAME.finditer(original):
        if _more_of_a_person(m, is_tag) and not (is_title is not None and is_title(m.group("name").lower())):
            topic = topic or "actors"
            text = re.sub(rf"\b{re.escape(m.group('name').lower())}\b", " ", text)
    m = _ROLE.search(text)
    named = m and is_tag(" ".join([*text[:m.start()].split()[-1:], m.group(0)]))  # "real actors": live action
    after = text[m.end():].split()[:3] if m else []
    titled = m and is_title is not None and any(is_title(" ".join([m.group(0), *after[:k]])) for k in range(1, len(after) + 1))
    if m and not is_tag(m.group(0)) and not named and not titled:  # "cast away but darker": the film
        topic = topic or ("directors" if m.group(0).startswith(("direct", "film")) else "actors")
        text = _cut(text, m)
    if topic is None:
        return None, simple
    words = " ".join(_ANOTHER.sub(" ", text).split()).strip(" ,;.!?-").split()
    while words and words[0].strip(",;.!?") in _LEFTOVER:  # "a and faster" -> "faster"
        if words[0].strip(",;.!?") in ("more", "less") and len(words) > 1 and words[1] not in _LEFTOVER:
            break  # "..., less cheesy": the polarity word belongs to what follows
        words.pop(0)
    while words and words[-1].strip(",;.!?") in _LEFTOVER:
        words.pop()
    return topic, " ".join(words).strip(" ,;.!?-")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (bot/nlu/given_names.txt: the 1990 US Census lists' most frequent)."""
    text = (Path(__file__).with_name("given_names.txt")).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip().isalpha())


def _lower_case_name(m: re.Match, is_tag: Callable[[str], bool]) -> bool:
    """"with tom hanks": a given name, then a word that is no grammar or attribute word, the two
    naming no tag ("with will ferrell" where will ferrell is a tag is a critique)."""
    first, last = m.group("first"), m.group("last")
    if first not in given_names() or last in _NOT_SURNAMES or is_tag(last) or is_tag(m.group("name")):
        return False
    return not (last in lx.MORE_WORDS or last in lx.LESS_WORDS or last in lx.FILLER_WORDS)


def _more_of_a_person(m: re.Match, is_tag: Callable[[str], bool]) -> bool:
    """"more Jeremy Renner", "less Kate Winslet": two words naming no tag, a common given name
    and a surname that is capitalised or no dictionary word, or two capitalised words that are
    no dictionary words (names the census list lacks)."""
    from bot.nlu.text import dictionary_word

    first, last = m.group("first"), m.group("last")
    if is_tag(m.group("name").lower()) or is_tag(last.lower()) or last.lower() in _NOT_SURNAMES \
            or last.lower() in lx.FILLER_WORDS:
        return False
    capitalised = first[0].isupper() and last[0].isupper()
    if first.lower() in given_names():
        return capitalised or not dictionary_word(last.lower())
    return capitalised and not dictionary_word(first.lower()) and not dictionary_word(last.lower())


def _cut(text: str, m: re.Match) -> str:
    """The text without the match, and without the owner said before it ("the coens' budget")."""
    owner = _POSSESSOR.search(text[: m.start()])
    start = owner.start() if owner is not None else m.start()
    return text[: start] + " " + text[m.end():]
