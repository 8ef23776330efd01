"""Sixth blind conversation set (issues 21 and 22), written as Python data.

Run ``python3 build.py`` to regenerate ``conversations.jsonl`` (byte-identical on every run).
Every conversation is in the "final" split: this whole set is a held-out measurement.
See README.md for the schema and conventions; validate.py checks the set against the catalog.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NULL_YEARS = {"min": None, "max": None}


def t(user: str, note: str | None = None, **expect: object) -> dict:
    """One user turn with what an observer must see in the reply."""
    turn: dict = {"user": user, "expect": dict(expect)}
    if note:
        turn["note"] = note
    return turn


def yrs(lo: int | None, hi: int | None) -> dict:
    return {"min": lo, "max": hi}


def deg(word: str, extreme: str) -> dict:
    return {"by": "degree", "word": word, "extreme": extreme}


def by_year(extreme: str) -> dict:
    return {"by": "year", "extreme": extreme}


def pos(index: int) -> dict:
    return {"by": "position", "index": index}


# ---- frequently used titles (exact movies.csv strings) ----
SEVEN = "Seven (a.k.a. Se7en) (1995)"
HP1 = "Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)"
T2 = "Terminator 2: Judgment Day (1991)"
TWO_TOWERS = "Lord of the Rings: The Two Towers, The (2002)"
CTHD = "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)"
LIFE_BEAUTIFUL = "Life Is Beautiful (La Vita è bella) (1997)"
GODFATHER2 = "Godfather: Part II, The (1974)"
BTTF2 = "Back to the Future Part II (1989)"
STRANGELOVE = "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"
AMELIE = "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"
XMAS_VACATION = "Christmas Vacation (National Lampoon's Christmas Vacation) (1989)"
SPIRITED = "Spirited Away (Sen to Chihiro no kamikakushi) (2001)"
DUMB = "Dumb & Dumber (Dumb and Dumber) (1994)"
SEVENTH_SEAL = "Seventh Seal, The (Sjunde inseglet, Det) (1957)"
FIRST_BLOOD = "First Blood (Rambo: First Blood) (1982)"
SEVEN_SAMURAI = "Seven Samurai (Shichinin no samurai) (1954)"
HERO = "Hero (Ying xiong) (2002)"
CINEMA_PARADISO = "Cinema Paradiso (Nuovo cinema Paradiso) (1989)"
RAIDERS = "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)"
TWELVE_MONKEYS = "Twelve Monkeys (a.k.a. 12 Monkeys) (1995)"
MIB = "Men in Black (a.k.a. MIB) (1997)"
LEON = "Léon: The Professional (a.k.a. The Professional) (Léon) (1994)"
GBU = "Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)"
PANS = "Pan's Labyrinth (Laberinto del fauno, El) (2006)"
KILL_BILL1 = "Kill Bill: Vol. 1 (2003)"

# ---------------------------------------------------------------- issue 21 kinds
TITLE = [
    # well-known: alternate forms, namesakes, sequel numbers, short forms, case, typos
    [t("se7en", reference=SEVEN, asks_which=False),
     t("ok but a bit less gory", reference=SEVEN, critiques=[[-1, "gory"]], act="answer")],
    [t("harry potter and the philosophers stone",
       note="British title = the a.k.a. of the Sorcerer's Stone", reference=HP1, asks_which=False),
     t("same kind of thing but more magical", reference=HP1, critiques=[[1, "magical"]])],
    [t("Batman", reference="Batman (1989)", asks_which=False, mentions=["1966"]),
     t("make it darker", reference="Batman (1989)", critiques=[[1, "darker"]])],
    [t("psycho", reference="Psycho (1960)", asks_which=False, mentions=["1998"]),
     t("slightly less scary?", reference="Psycho (1960)", critiques=[[-1, "scary"]])],
    [t("the two towers", reference=TWO_TOWERS),
     t("less epic, more intimate", reference=TWO_TOWERS,
       critiques=[[-1, "epic"], [1, "intimate"]])],
    [t("Crouching Tiger", note="short form", reference=CTHD),
     t("More romantic please.", reference=CTHD, critiques=[[1, "romantic"]])],
    [t("godfather 2", note="sequel number as a digit for 'Part II'", reference=GODFATHER2),
     t("Something similar but with less violence pls", reference=GODFATHER2, critiques=[[-1, "violence"]])],
    [t("SPIDERMAN 2", note="caps, no hyphen", reference="Spider-Man 2 (2004)"),
     t("less cheesy plz", reference="Spider-Man 2 (2004)", critiques=[[-1, "cheesy"]])],
    [t("dr strangelove", note="short form, no full stop", reference=STRANGELOVE),
     t("even more satirical", reference=STRANGELOVE, critiques=[[1, "satirical"]])],
    [t("Monsters Inc", note="missing comma and full stop", reference="Monsters, Inc. (2001)"),
     t("more grown-up", reference="Monsters, Inc. (2001)", critiques=[[1, "grown-up"]])],
    [t("101 dalmatians",
       note="101 Dalmatians (1996) has 47 ratings, the 1961 cartoon 44: genuinely close. Asking which, or "
            "taking one and naming the other, both put the two years in the reply",
       mentions=["1961", "1996"]),
     t("the 1961 one", reference="101 Dalmatians (One Hundred and One Dalmatians) (1961)")],
    [t("Ocean's 11",
       note="'Ocean's 11' is the a.k.a. of the 1960 film, but the 2001 remake is by far the most rated",
       reference="Ocean's Eleven (2001)", asks_which=False, mentions=["1960"]),
     t("the original one from 1960 actually", reference="Ocean's Eleven (a.k.a. Ocean's 11) (1960)")],
    [t("leon the professional", note="no accent, no colon", reference=LEON, asks_which=False),
     t("Lovely film. Anything less violent though?", reference=LEON, critiques=[[-1, "violent"]])],
    [t("raiders", note="short form", reference=RAIDERS),
     t("more of an adventure", reference=RAIDERS, critiques=[[1, "adventure"]])],
    [t("Forest Gump", note="one typo", reference="Forrest Gump (1994)"),
     t("Could you find one that is a little less sentimental?", reference="Forrest Gump (1994)", critiques=[[-1, "sentimental"]])],
    # less-known (5-50 ratings): walked through movies.csv by rating count
    [t("hudsucker proxy", reference="Hudsucker Proxy, The (1994)"),
     t("yes but even more screwball!!", reference="Hudsucker Proxy, The (1994)", critiques=[[1, "screwball"]])],
    [t("Midnight in the Garden of Good & Evil", note="ampersand for 'and'",
       reference="Midnight in the Garden of Good and Evil (1997)"),
     t("creepier", reference="Midnight in the Garden of Good and Evil (1997)", critiques=[[1, "creepier"]])],
    [t("Witness for the Prosecusion", note="one typo", reference="Witness for the Prosecution (1957)"),
     t("more suspenseful", reference="Witness for the Prosecution (1957)", critiques=[[1, "suspenseful"]])],
    [t("das boot", note="original German title", reference="Boot, Das (Boat, The) (1981)"),
     t("less claustrophobic if poss", reference="Boot, Das (Boat, The) (1981)", critiques=[[-1, "claustrophobic"]])],
    [t("Mad Max 2", note="the a.k.a. of The Road Warrior", reference="Road Warrior, The (Mad Max 2) (1981)"),
     t("more over the top", reference="Road Warrior, The (Mad Max 2) (1981)", critiques=[[1, "over the top"]])],
    [t("lives of others",
       note="missing article; Others, The (2001) is not it",
       reference="Lives of Others, The (Das leben der Anderen) (2006)"),
     t("Brilliant, but I need something less depressing tonight", reference="Lives of Others, The (Das leben der Anderen) (2006)",
       critiques=[[-1, "depressing"]])],
    [t("Y tu mamá también", reference="And Your Mother Too (Y tu mamá también) (2001)"),
     t("one thats funnier", reference="And Your Mother Too (Y tu mamá también) (2001)", critiques=[[1, "funnier"]])],
    [t("Nuovo Cinema Paradiso", reference=CINEMA_PARADISO),
     t("more nostalgic", reference=CINEMA_PARADISO, critiques=[[1, "nostalgic"]])],
    [t("insomnia", reference="Insomnia (2002)", asks_which=False, mentions=["1997"]),
     t("the Norwegian original from 1997", reference="Insomnia (1997)")],
    [t("The Producers", reference="Producers, The (1968)", asks_which=False, mentions=["2005"]),
     t("Even funnier, if that's possible.", reference="Producers, The (1968)", critiques=[[1, "funnier"]])],
    [t("cape fear", reference="Cape Fear (1991)", asks_which=False, mentions=["1962"]),
     t("less violent tho", reference="Cape Fear (1991)", critiques=[[-1, "violent"]])],
    [t("Sunset Boulevard", note="a.k.a. form of 'Sunset Blvd.'",
       reference="Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)"),
     t("less gloomy", reference="Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)", critiques=[[-1, "gloomy"]])],
    [t("Howls moving castle", note="missing apostrophe",
       reference="Howl's Moving Castle (Hauru no ugoku shiro) (2004)"),
     t("more whimsical", reference="Howl's Moving Castle (Hauru no ugoku shiro) (2004)",
       critiques=[[1, "whimsical"]])],
    [t("star trek 4", note="arabic numeral for 'IV'", reference="Star Trek IV: The Voyage Home (1986)"),
     t("hmm something a bit more serious", reference="Star Trek IV: The Voyage Home (1986)", critiques=[[1, "serious"]])],
]

IN_SENTENCE = [
    [t("My partner and I adored Fargo, the snowy one from '96 - can you find something like it but a "
       "little less bleak?", reference="Fargo (1996)", critiques=[[-1, "bleak"]], act="answer"),
     t("and funnier", reference="Fargo (1996)", critiques=[[1, "funnier"]])],
    [t("i want smth like the iron giant but for grown ups, less childish",
       reference="Iron Giant, The (1999)", critiques=[[-1, "childish"]]),
     t("why the first one?", reference="Iron Giant, The (1999)", act="explain")],
    [t("Looking for an 80s film a bit like Blade Runner, only less depressing",
       reference="Blade Runner (1982)", critiques=[[-1, "depressing"]], years=yrs(1980, 1989),
       shown_years_within=True),
     t("more action", critiques=[[1, "action"]], years=yrs(1980, 1989), shown_years_within=True)],
    [t("We watched Zodiac last weekend and loved it, want something similar but less slow",
       reference="Zodiac (2007)", critiques=[[-1, "slow"]]),
     t("even less slow please", reference="Zodiac (2007)", critiques=[[-1, "slow"]])],
    [t("Could you suggest something along the lines of Amélie, only funnier, and nothing before 2000 please?",
       reference=AMELIE, critiques=[[1, "funnier"]], years=yrs(2000, None), shown_years_within=True),
     t("more romantic", reference=AMELIE, critiques=[[1, "romantic"]], years=yrs(2000, None),
       shown_years_within=True)],
    [t("my kids loved cool runnings so something like that but sillier",
       reference="Cool Runnings (1993)", critiques=[[1, "sillier"]]),
     t("tell me about number 1", reference="Cool Runnings (1993)", act="about")],
    [t("I rewatched Deliverance (1972) and it was way too tense for me. Something like it but less tense?",
       reference="Deliverance (1972)", critiques=[[-1, "tense"]]),
     t("that's better - even less tense?", reference="Deliverance (1972)", critiques=[[-1, "tense"]])],
    [t("anything from after 2005 that feels like Secretary but more romantic",
       reference="Secretary (2002)", critiques=[[1, "romantic"]], years=yrs(2006, None),
       shown_years_within=True),
     t("a bit darker", critiques=[[1, "darker"]], years=yrs(2006, None), shown_years_within=True)],
    [t("big fan of the big lebowski - want another comedy in that vein, only weirder",
       reference="Big Lebowski, The (1998)", critiques=[[1, "weirder"]]),
     t("why that one, the third?", reference="Big Lebowski, The (1998)", act="explain")],
    [t("I'm after something like Badlands, the one from '73, but less violent",
       reference="Badlands (1973)", critiques=[[-1, "violent"]]),
     t("more romantic", reference="Badlands (1973)", critiques=[[1, "romantic"]])],
    [t("Something like Jurassic Park but scarier and from the 90s",
       reference="Jurassic Park (1993)", critiques=[[1, "scarier"]], years=yrs(1990, 1999),
       shown_years_within=True),
     t("less gory", critiques=[[-1, "gory"]], years=yrs(1990, 1999), shown_years_within=True)],
    [t("i liked smoke signals a lot, any similar films that are more upbeat?",
       reference="Smoke Signals (1998)", critiques=[[1, "upbeat"]]),
     t("more pls", reference="Smoke Signals (1998)", act="more", not_shown_again=True)],
    [t("Can u find me a film like before sunrise but a bit more funny",
       reference="Before Sunrise (1995)", critiques=[[1, "funny"]]),
     t("less talky, more romantic", reference="Before Sunrise (1995)", critiques=[[-1, "talky"], [1, "romantic"]])],
    [t("Last Christmas we watched Christmas Vacation and laughed the whole time - more like that but even "
       "more slapstick", reference=XMAS_VACATION, critiques=[[1, "slapstick"]]),
     t("less crude", reference=XMAS_VACATION, critiques=[[-1, "crude"]])],
    [t("Spirited Away was gorgeous but a tad creepy for my niece; something like it but less creepy?",
       reference=SPIRITED, critiques=[[-1, "creepy"]]),
     t("why?", reference=SPIRITED, act="explain")],
    [t("Gattaca is probably my favourite sci-fi, is there anything similar but more action-packed from "
       "before 2000?", reference="Gattaca (1997)", critiques=[[1, "action-packed"]], years=yrs(None, 1999),
       shown_years_within=True),
     t("cool thanks, show me more", act="more", not_shown_again=True, years=yrs(None, 1999), shown_years_within=True)],
    [t("so the wife wants a romcom like Notting Hill but less cheesy",
       reference="Notting Hill (1999)", critiques=[[-1, "cheesy"]]),
     t("and more british", reference="Notting Hill (1999)", critiques=[[1, "british"]])],
    [t("Stumbled on Hot Fuzz (2007) on telly last night - brilliant! Anything like it that's a touch less "
       "gory?", reference="Hot Fuzz (2007)", critiques=[[-1, "gory"]]),
     t("Cheers! Now something funnier?", reference="Hot Fuzz (2007)", critiques=[[1, "funnier"]])],
]

TIME = [
    [t("Alien", reference="Alien (1979)"),
     t("only stuff from the 80s", reference="Alien (1979)", years=yrs(1980, 1989), shown_years_within=True),
     t("less gory", critiques=[[-1, "gory"]], years=yrs(1980, 1989), shown_years_within=True),
     t("any year is fine actually", years=NULL_YEARS)],
    [t("the matrix", reference="Matrix, The (1999)"),
     t("newer than this", reference="Matrix, The (1999)", years=yrs(2000, None), shown_years_within=True),
     t("more action", critiques=[[1, "action"]], years=yrs(2000, None), shown_years_within=True)],
    [t("Casablanca", reference="Casablanca (1942)"),
     t("anything after 1960?", years=yrs(1961, None), shown_years_within=True),
     t("less romantic", critiques=[[-1, "romantic"]], years=yrs(1961, None), shown_years_within=True)],
    [t("toy story", reference="Toy Story (1995)", asks_which=False),
     t("older please", note="older than this = before 1995", years=yrs(None, 1994), shown_years_within=True)],
    [t("princess bride", reference="Princess Bride, The (1987)"),
     t("from the nineties", years=yrs(1990, 1999), shown_years_within=True),
     t("more swashbuckling", critiques=[[1, "swashbuckling"]], years=yrs(1990, 1999), shown_years_within=True)],
    [t("Memento", reference="Memento (2000)"),
     t("nothing older than 1995", years=yrs(1995, None), shown_years_within=True),
     t("darker", critiques=[[1, "darker"]], years=yrs(1995, None), shown_years_within=True),
     t("whatever year, doesn't matter", years=NULL_YEARS)],
    [t("escape from LA", note="no full stops", reference="Escape from L.A. (1996)"),
     t("pre-1990 only", years=yrs(None, 1989), shown_years_within=True)],
    [t("Stardust", reference="Stardust (2007)"),
     t("Only films made before 2000, please.", years=yrs(None, 1999), shown_years_within=True),
     t("less romantic", critiques=[[-1, "romantic"]], years=yrs(None, 1999), shown_years_within=True)],
    [t("some like it hot", reference="Some Like It Hot (1959)"),
     t("what about the 60s?", years=yrs(1960, 1969), shown_years_within=True)],
    [t("the birds", reference="Birds, The (1963)"),
     t("just classics please",
       note="'classics' with no comparator: no prescribed bound; a sensible answer shows old films only",
       act="answer"),
     t("scarier", critiques=[[1, "scarier"]])],
    [t("Stakeout", reference="Stakeout (1987)"),
     t("anything from the noughties?", note="British for the 2000s", years=yrs(2000, 2009), shown_years_within=True),
     t("a bit funnier", critiques=[[1, "funnier"]], years=yrs(2000, 2009), shown_years_within=True)],
    [t("fried green tomatoes", reference="Fried Green Tomatoes (1991)"),
     t("between 1980 and 1995", years=yrs(1980, 1995), shown_years_within=True)],
    [t("Airheads", reference="Airheads (1994)"),
     t("only newer stuff than this", years=yrs(1995, None), shown_years_within=True),
     t("funnier", critiques=[[1, "funnier"]], years=yrs(1995, None), shown_years_within=True),
     t("and before 2005", note="keeps the lower bound, adds the upper one",
       years=yrs(1995, 2004), shown_years_within=True),
     t("ok forget the dates, any era is fine", years=NULL_YEARS)],
    [t("mulholland drive", reference="Mulholland Drive (2001)", asks_which=False),
     t("seventies", years=yrs(1970, 1979), shown_years_within=True)],
    [t("fight club", reference="Fight Club (1999)"),
     t("recent films only", note="'recent' with no number: no prescribed bound", act="answer"),
     t("any year", years=NULL_YEARS)],
    [t("Aladdin", reference="Aladdin (1992)"),
     t("got anything from the 2010s", years=yrs(2010, 2019), shown_years_within=True)],
    [t("rear window", reference="Rear Window (1954)"),
     t("after 1980 please", years=yrs(1981, None), shown_years_within=True),
     t("more suspense", critiques=[[1, "suspense"]], years=yrs(1981, None), shown_years_within=True),
     t("and less violent", critiques=[[-1, "violent"]], years=yrs(1981, None), shown_years_within=True),
     t("why number 2?", act="explain", years=yrs(1981, None))],
]

POLARITY = [
    [t("Dumb and Dumber", reference=DUMB),
     t("even more witless please", reference=DUMB, critiques=[[1, "witless"]]),
     t("ok, less witless", reference=DUMB, critiques=[[-1, "witless"]])],
    [t("schindlers list", reference="Schindler's List (1993)"),
     t("Incredible film, but can we go less joyless this time?", reference="Schindler's List (1993)", critiques=[[-1, "joyless"]])],
    [t("the notebook", reference="Notebook, The (2004)"),
     t("something more unsentimental", reference="Notebook, The (2004)", critiques=[[1, "unsentimental"]])],
    [t("kill bill vol 1", reference=KILL_BILL1),
     t("hmm, more bloodless please", reference=KILL_BILL1, critiques=[[1, "bloodless"]])],
    [t("rambo first blood", reference=FIRST_BLOOD),
     t("not particularly violent", reference=FIRST_BLOOD, critiques=[[-1, "violent"]])],
    [t("the ring", reference="Ring, The (2002)", asks_which=False),
     t("gore-free please", reference="Ring, The (2002)", critiques=[[-1, "gore"]])],
    [t("The Seventh Seal", reference=SEVENTH_SEAL),
     t("a bit less humorless", reference=SEVENTH_SEAL, critiques=[[-1, "humorless"]])],
    [t("lost in translation", reference="Lost in Translation (2003)"),
     t("I love the mood but something less aimless", reference="Lost in Translation (2003)", critiques=[[-1, "aimless"]])],
    [t("terminator 2", reference=T2),
     t("with zero romance", reference=T2, critiques=[[-1, "romance"]])],
    [t("Love Actually", reference="Love Actually (2003)"),
     t("not too soppy", reference="Love Actually (2003)", critiques=[[-1, "soppy"]])],
    [t("grindhouse", reference="Grindhouse (2007)"),
     t("less tasteless", reference="Grindhouse (2007)", critiques=[[-1, "tasteless"]]),
     t("hmm, more tasteless again", reference="Grindhouse (2007)", critiques=[[1, "tasteless"]])],
    [t("transformers", reference="Transformers (2007)"),
     t("less brain-dead", reference="Transformers (2007)", critiques=[[-1, "brain-dead"]])],
    [t("The Exorcist", reference="Exorcist, The (1973)"),
     t("something that isn't scary at all", reference="Exorcist, The (1973)", critiques=[[-1, "scary"]])],
    [t("tremors", reference="Tremors (1990)"),
     t("more charmless", reference="Tremors (1990)", critiques=[[1, "charmless"]])],
]

CANNOT_JUDGE = [
    [t("gladiator", reference="Gladiator (2000)", mentions=["1992"]),
     t("but under two hours", reference="Gladiator (2000)", act="cannot_judge", critiques=[])],
    [t("Apollo 13", reference="Apollo 13 (1995)"),
     t("other films directed by Ron Howard", reference="Apollo 13 (1995)", act="cannot_judge", critiques=[])],
    [t("sense and sensibility", reference="Sense and Sensibility (1995)"),
     t("something with Judi Dench in it", reference="Sense and Sensibility (1995)", act="cannot_judge",
       critiques=[]),
     t("ok fine, just less romantic then", reference="Sense and Sensibility (1995)",
       critiques=[[-1, "romantic"]])],
    [t("unforgiven", reference="Unforgiven (1992)", asks_which=False),
     t("more Clint Eastwood", reference="Unforgiven (1992)", act="cannot_judge", critiques=[])],
    [t("hero", reference=HERO, mentions=["1992"]),
     t("in Mandarin please", reference=HERO, act="cannot_judge", critiques=[])],
    [t("seven samurai", reference=SEVEN_SAMURAI),
     t("only Japanese-language films",
       note="tags 'japan' (setting) and 'bad language' (swearing) say nothing about the spoken language",
       reference=SEVEN_SAMURAI, act="cannot_judge", critiques=[])],
    [t("blair witch project", reference="Blair Witch Project, The (1999)"),
     t("something made on a shoestring budget like this", reference="Blair Witch Project, The (1999)",
       act="cannot_judge", critiques=[])],
    [t("Rushmore", reference="Rushmore (1998)"),
     t("more by Wes Anderson", reference="Rushmore (1998)", act="cannot_judge", critiques=[])],
    [t("lawrence of arabia", reference="Lawrence of Arabia (1962)"),
     t("something shorter, under 90 minutes", reference="Lawrence of Arabia (1962)", act="cannot_judge",
       critiques=[])],
]

WHY = [
    [t("zelig", reference="Zelig (1983)"),
     t("less silly", reference="Zelig (1983)", critiques=[[-1, "silly"]]),
     t("why?", reference="Zelig (1983)", act="explain")],
    [t("big fish", reference="Big Fish (2003)"),
     t("more whimsical", reference="Big Fish (2003)", critiques=[[1, "whimsical"]]),
     t("why number 3?", reference="Big Fish (2003)", act="explain")],
    [t("aliens", reference="Aliens (1986)"),
     t("less action", reference="Aliens (1986)", critiques=[[-1, "action"]]),
     t("how come you put #1 first?", reference="Aliens (1986)", act="explain")],
    [t("Heathers", reference="Heathers (1989)"),
     t("darker", reference="Heathers (1989)", critiques=[[1, "darker"]]),
     t("What made you pick the second one?", reference="Heathers (1989)", act="explain")],
    [t("jaws", reference="Jaws (1975)"),
     t("scarier", reference="Jaws (1975)", critiques=[[1, "scarier"]]),
     t("the oldest one", act="pick", picked_rank=by_year("min")),
     t("why did you recommend this?", act="explain")],
    [t("ferris buellers day off", note="missing apostrophe", reference="Ferris Bueller's Day Off (1986)"),
     t("funnier", reference="Ferris Bueller's Day Off (1986)", critiques=[[1, "funnier"]]),
     t("why'd you suggest the last one", reference="Ferris Bueller's Day Off (1986)", act="explain")],
    [t("cinema paradiso", reference=CINEMA_PARADISO),
     t("sadder", reference=CINEMA_PARADISO, critiques=[[1, "sadder"]]),
     t("why is number five on the list", reference=CINEMA_PARADISO, act="explain")],
    [t("near dark", reference="Near Dark (1987)"),
     t("scarier", reference="Near Dark (1987)", critiques=[[1, "scarier"]]),
     t("but why?", reference="Near Dark (1987)", act="explain")],
]

# ---------------------------------------------------------------- issue 22 kinds
MORE = [
    [t("Something like Shaun of the Dead please, it's film night", reference="Shaun of the Dead (2004)"),
     t("less gory", critiques=[[-1, "gory"]]),
     t("show me more", reference="Shaun of the Dead (2004)", act="more", not_shown_again=True)],
    [t("brazil", reference="Brazil (1985)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("ya got anything else", reference="Brazil (1985)", act="more", not_shown_again=True),
     t("even more?", reference="Brazil (1985)", act="more", not_shown_again=True)],
    [t("Sneakers", reference="Sneakers (1992)"),
     t("more tense", critiques=[[1, "tense"]]),
     t("next page pls", reference="Sneakers (1992)", act="more", not_shown_again=True)],
    [t("what would you recommend if I liked office space?", reference="Office Space (1999)"),
     t("more absurd", critiques=[[1, "absurd"]]),
     t("any others?", reference="Office Space (1999)", act="more", not_shown_again=True)],
    [t("Election", reference="Election (1999)"),
     t("darker", critiques=[[1, "darker"]]),
     t("Could I see a few more options, please?", reference="Election (1999)", act="more",
       not_shown_again=True)],
    [t("being john malkovich", reference="Being John Malkovich (1999)"),
     t("less weird", critiques=[[-1, "weird"]]),
     t("keep goin", reference="Being John Malkovich (1999)", act="more", not_shown_again=True)],
    [t("ronin", reference="Ronin (1998)"),
     t("more car chases", critiques=[[1, "car chases"]]),
     t("hmm, more?", note="bare 'more?' after a list = next items, not a critique",
       reference="Ronin (1998)", act="more", not_shown_again=True)],
    [t("Dazed and Confused", reference="Dazed and Confused (1993)"),
     t("more nostalgic", critiques=[[1, "nostalgic"]]),
     t("what else have you got", reference="Dazed and Confused (1993)", act="more", not_shown_again=True)],
]

SEEN = [
    [t("trainspoting", note="one typo", reference="Trainspotting (1996)"),
     t("less bleak", critiques=[[-1, "bleak"]]),
     t("seen them all", reference="Trainspotting (1996)", act="exclude", excluded_stays_out=True,
       not_shown_again=True),
     t("ok then something funnier", critiques=[[1, "funnier"]], excluded_stays_out=True),
     t("any more?", act="more", not_shown_again=True, excluded_stays_out=True)],
    [t("Snatch", reference="Snatch (2000)"),
     t("more violent", critiques=[[1, "violent"]]),
     t("nah seen em", act="exclude", excluded_stays_out=True, not_shown_again=True)],
    [t("ed wood", reference="Ed Wood (1994)"),
     t("weirder", critiques=[[1, "weirder"]]),
     t("I've watched #2 already", reference="Ed Wood (1994)", act="exclude", excluded_stays_out=True)],
    [t("china town", note="split word", reference="Chinatown (1974)"),
     t("more suspenseful", critiques=[[1, "suspenseful"]]),
     t("already watched Vertigo",
       note="Vertigo is excluded whether or not it was shown; it must not become the current film",
       reference="Chinatown (1974)", act="exclude", excluded_stays_out=True),
     t("darker", critiques=[[1, "darker"]], excluded_stays_out=True),
     t("Why is the first one there?", act="explain", reference="Chinatown (1974)")],
    [t("big", reference="Big (1988)"),
     t("more romantic", critiques=[[1, "romantic"]]),
     t("not interested in the third one", reference="Big (1988)", act="exclude", excluded_stays_out=True)],
    [t("amadeus", reference="Amadeus (1984)"),
     t("less tragic", critiques=[[-1, "tragic"]]),
     t("seen 1, 4 and 7", reference="Amadeus (1984)", act="exclude", excluded_stays_out=True),
     t("more", act="more", excluded_stays_out=True, not_shown_again=True)],
    [t("Dave", reference="Dave (1993)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("Already seen every single one of these, sorry!", reference="Dave (1993)", act="exclude",
       excluded_stays_out=True, not_shown_again=True)],
    [t("tootsie", reference="Tootsie (1982)"),
     t("more romantic", critiques=[[1, "romantic"]]),
     t("the last two ive seen", reference="Tootsie (1982)", act="exclude", excluded_stays_out=True)],
    [t("Network", reference="Network (1976)"),
     t("more satirical", critiques=[[1, "satirical"]]),
     t("not interested in any of them tbh", reference="Network (1976)", act="exclude",
       excluded_stays_out=True, not_shown_again=True)],
    [t("clue", reference="Clue (1985)"),
     t("sillier", critiques=[[1, "sillier"]]),
     t("i have already watched airplane", note="Airplane! (1980) is excluded, not taken as the reference",
       reference="Clue (1985)", act="exclude", excluded_stays_out=True),
     t("less silly", critiques=[[-1, "silly"]], excluded_stays_out=True)],
]

PICK = [
    [t("My flatmate wants something like Mean Girls but with more satire", reference="Mean Girls (2004)",
       critiques=[[1, "satire"]]),
     t("I'll have the funniest of these", act="pick", picked_rank=deg("funny", "max"))],
    [t("nightmare before christmas", note="missing article", reference="Nightmare Before Christmas, The (1993)"),
     t("less dark", critiques=[[-1, "dark"]]),
     t("the least scary one", act="pick", picked_rank=deg("scary", "min"))],
    [t("vertigo", reference="Vertigo (1958)"),
     t("more suspense", critiques=[[1, "suspense"]]),
     t("the newest", act="pick", picked_rank=by_year("max")),
     t("less violent", critiques=[[-1, "violent"]])],
    [t("Mary Popins", note="one typo", reference="Mary Poppins (1964)"),
     t("more musical", critiques=[[1, "musical"]]),
     t("the 2nd to last one", act="pick", picked_rank=pos(-2))],
    [t("moulin rouge!", note="the film's own title has the exclamation mark", reference="Moulin Rouge (2001)"),
     t("less tragic", critiques=[[-1, "tragic"]]),
     t("whichever is the most romantic", act="pick", picked_rank=deg("romantic", "max"))],
    [t("Drive", reference="Drive (2011)"),
     t("less violent", critiques=[[-1, "violent"]]),
     t("the darkest one please", act="pick", picked_rank=deg("dark", "max"))],
    [t("Rocky", reference="Rocky (1976)", asks_which=False),
     t("more inspiring", critiques=[[1, "inspiring"]]),
     t("gimme the oldest", act="pick", picked_rank=by_year("min"))],
    [t("Up", reference="Up (2009)"),
     t("sadder", critiques=[[1, "sadder"]]),
     t("the last one", act="pick", picked_rank=pos(-1)),
     t("less sad", critiques=[[-1, "sad"]])],
    [t("Clueless", reference="Clueless (1995)"),
     t("more romantic", critiques=[[1, "romantic"]]),
     t("I'll take the most recent one", act="pick", picked_rank=by_year("max"))],
    [t("INTERSTELLAR", reference="Interstellar (2014)"),
     t("less tense", critiques=[[-1, "tense"]]),
     t("which of those is the least violent? I'll go with that", act="pick",
       picked_rank=deg("violent", "min"))],
    [t("moon", reference="Moon (2009)"),
     t("more thought-provoking", critiques=[[1, "thought-provoking"]]),
     t("the goofiest of the lot", act="pick", picked_rank=deg("goofy", "max"))],
]

JUMP = [
    [t("harvey", reference="Harvey (1950)"),
     t("something completely different", act="jump")],
    [t("UHF", reference="UHF (1989)"),
     t("sillier", critiques=[[1, "sillier"]]),
     t("surprise me", act="jump")],
    [t("Big Night", reference="Big Night (1996)"),
     t("Totally different please, I'm bored of these", act="jump")],
    [t("the usual suspects", reference="Usual Suspects, The (1995)"),
     t("give me something wildly different for a change", act="jump"),
     t("more", act="more", not_shown_again=True)],
    [t("major league", reference="Major League (1989)"),
     t("less crude", critiques=[[-1, "crude"]]),
     t("let's switch it up entirely - something nothing like these", act="jump")],
    [t("ice age dawn of the dinosaurs", reference="Ice Age: Dawn of the Dinosaurs (2009)"),
     t("Surprise me with something random!", act="jump")],
]

ABOUT = [
    [t("fletch", reference="Fletch (1985)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("tell me about #3", reference="Fletch (1985)", act="about")],
    [t("soylent green", reference="Soylent Green (1973)"),
     t("less bleak", critiques=[[-1, "bleak"]]),
     t("Could you tell me a little about number 2?", reference="Soylent Green (1973)", act="about")],
    [t("Lethal Weapon 2", reference="Lethal Weapon 2 (1989)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("what is Ronin like?", note="about a named film: it must not become the current film",
       reference="Lethal Weapon 2 (1989)", act="about")],
    [t("ghostbusters", reference="Ghostbusters (a.k.a. Ghost Busters) (1984)", asks_which=False, mentions=["2016"]),
     t("sillier", critiques=[[1, "sillier"]]),
     t("whats number 4 like", reference="Ghostbusters (a.k.a. Ghost Busters) (1984)", act="about")],
    [t("Hugo", reference="Hugo (2011)"),
     t("more magical", critiques=[[1, "magical"]]),
     t("describe the first one for me", reference="Hugo (2011)", act="about")],
    [t("the deer hunter", reference="Deer Hunter, The (1978)"),
     t("less harrowing", critiques=[[-1, "harrowing"]]),
     t("more info on the last one?", note="'more info' is a question about an item, not 'more'",
       reference="Deer Hunter, The (1978)", act="about")],
    [t("winnie the pooh and the blustery day", reference="Winnie the Pooh and the Blustery Day (1968)"),
     t("what's Anastasia like?", reference="Winnie the Pooh and the Blustery Day (1968)", act="about")],
    [t("enchanted april", reference="Enchanted April (1992)"),
     t("more romantic", critiques=[[1, "romantic"]]),
     t("what's the 2nd one about", reference="Enchanted April (1992)", act="about")],
]

NOT_A_TITLE = [
    [t("dan in real life", reference="Dan in Real Life (2007)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("I've seen all of these", note="not the film All of Me (1984)", reference="Dan in Real Life (2007)",
       act="exclude", excluded_stays_out=True, not_shown_again=True)],
    [t("ghost in the shell", reference="Ghost in the Shell (Kôkaku kidôtai) (1995)", asks_which=False),
     t("less violent", critiques=[[-1, "violent"]]),
     t("the one with the most action", note="not the film One, The (2001)", act="pick",
       picked_rank=deg("action", "max"))],
    [t("the odd couple", reference="Odd Couple, The (1968)"),
     t("sillier", critiques=[[1, "sillier"]]),
     t("what about the others?", note="the rest of the answer, not the film Others, The (2001)",
       reference="Odd Couple, The (1968)", act="more", not_shown_again=True)],
    [t("super 8", reference="Super 8 (2011)"),
     t("scarier", critiques=[[1, "scarier"]]),
     t("seen them", note="not the film Them! (1954)", reference="Super 8 (2011)", act="exclude",
       excluded_stays_out=True, not_shown_again=True)],
    [t("Barefoot in the park", reference="Barefoot in the Park (1967)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("those look too silly", note="'those' is the list; understood as a critique on the current film",
       reference="Barefoot in the Park (1967)", critiques=[[-1, "silly"]])],
    [t("Lethal Weapon", note="the first film, not a sequel", reference="Lethal Weapon (1987)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("the one with the least violence", note="not the film One, The (2001)", act="pick",
       picked_rank=deg("violence", "min"))],
    [t("saving private ryan", reference="Saving Private Ryan (1998)"),
     t("less grim", critiques=[[-1, "grim"]]),
     t("none of those, I've seen those", reference="Saving Private Ryan (1998)", act="exclude",
       excluded_stays_out=True, not_shown_again=True)],
]

UNDO = [
    [t("wet hot american summer", reference="Wet Hot American Summer (2001)"),
     t("more absurd", critiques=[[1, "absurd"]]),
     t("the newest of these", act="pick", picked_rank=by_year("max")),
     t("undo", reference="Wet Hot American Summer (2001)")],
    [t("holy grail", note="short form", reference="Monty Python and the Holy Grail (1975)"),
     t("sillier", critiques=[[1, "sillier"]]),
     t("the last one", act="pick", picked_rank=pos(-1)),
     t("scratch that, go back", reference="Monty Python and the Holy Grail (1975)")],
    [t("the 39 steps", reference="39 Steps, The (1935)"),
     t("more suspense", critiques=[[1, "suspense"]]),
     t("the oldest", act="pick", picked_rank=by_year("min")),
     t("oops, undo that", reference="39 Steps, The (1935)")],
    [t("Captain Ron", reference="Captain Ron (1992)"),
     t("funnier", critiques=[[1, "funnier"]]),
     t("the funniest of them", act="pick", picked_rank=deg("funny", "max")),
     t("hmm take that back please", reference="Captain Ron (1992)")],
    [t("on golden pond", reference="On Golden Pond (1981)"),
     t("something like Awakenings instead", reference="Awakenings (1990)"),
     t("undo", reference="On Golden Pond (1981)")],
]

CATEGORIES: list[tuple[str, list]] = [
    ("title", TITLE),
    ("reference_in_sentence", IN_SENTENCE),
    ("time", TIME),
    ("polarity", POLARITY),
    ("cannot_judge", CANNOT_JUDGE),
    ("why", WHY),
    ("more", MORE),
    ("seen", SEEN),
    ("pick_by_description", PICK),
    ("jump", JUMP),
    ("about", ABOUT),
    ("not_a_title", NOT_A_TITLE),
    ("undo", UNDO),
]
ISSUE21 = ("title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why")


def build() -> list[dict]:
    out = []
    for category, convs in CATEGORIES:
        for turns in convs:
            out.append({"id": f"e{len(out) + 1:03d}", "category": category, "split": "final", "turns": turns})
    return out


def main() -> None:
    rows = build()
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)
    (HERE / "conversations.jsonl").write_text(text, encoding="utf-8")
    n21 = sum(1 for r in rows if r["category"] in ISSUE21)
    print(f"{len(rows)} conversations ({n21} issue 21, {len(rows) - n21} issue 22)")


if __name__ == "__main__":
    main()
