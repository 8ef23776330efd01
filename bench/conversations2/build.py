"""Build the second blind conversation set (issues 21 and 22) as JSONL.

The conversations below were written by hand, blind to the bot's code, docs, tests and outputs
(see README.md). Each turn holds the user's text and what an observer must be able to see in the
bot's reply (the keys of bench/conversations/README.md). The whole set is a held-out measurement:
every conversation has "split": "final".

Run: python3 build.py  (writes conversations.jsonl next to this file; byte-identical on re-runs)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("conversations.jsonl")

# Titles used more than once (exact movies.csv titles).
AMELIE = "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"
LIVES = "Lives of Others, The (Das leben der Anderen) (2006)"
POSTINO = "Postman, The (Postino, Il) (1994)"
STRANGELOVE = "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"
BORAT = "Borat: Cultural Learnings of America for Make Benefit Glorious Nation of Kazakhstan (2006)"
PANS = "Pan's Labyrinth (Laberinto del fauno, El) (2006)"
CROUCHING = "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)"
KIKI = "Kiki's Delivery Service (Majo no takkyûbin) (1989)"
DALMATIANS_1961 = "101 Dalmatians (One Hundred and One Dalmatians) (1961)"
MIB3 = "Men in Black III (M.III.B.) (M.I.B.³) (2012)"
HP1 = ("Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone)"
       " (2001)")
RED = "Three Colors: Red (Trois couleurs: Rouge) (1994)"
FIRST_STRIKE = ("First Strike (Police Story 4: First Strike) (Ging chaat goo si 4: Ji gaan daan yam mo)"
                " (1996)")
LIKE_WATER = "Like Water for Chocolate (Como agua para chocolate) (1992)"
LIFE_BEAUTIFUL = "Life Is Beautiful (La Vita è bella) (1997)"
CINEMA_PARADISO = "Cinema Paradiso (Nuovo cinema Paradiso) (1989)"
RINGU = "Ringu (Ring) (1998)"
AMORES = "Amores Perros (Love's a Bitch) (2000)"
HATE = "Hate (Haine, La) (1995)"
CITY_OF_GOD = "City of God (Cidade de Deus) (2002)"
GHOSTBUSTERS = "Ghostbusters (a.k.a. Ghost Busters) (1984)"

ANY_YEAR = {"min": None, "max": None}


def yrs(lo: int | None, hi: int | None) -> dict[str, int | None]:
    return {"min": lo, "max": hi}


def T(user: str, note: str | None = None, **expect: Any) -> dict[str, Any]:
    """One user turn: its text, what the reply must show, and an optional note for a judge."""
    turn: dict[str, Any] = {"user": user, "expect": expect}
    if note:
        turn["note"] = note
    return turn


# ---------------------------------------------------------------- 1. title (18)
TITLE = [
    [T("something like gladiator", reference="Gladiator (2000)", asks_which=False, mentions=["1992"]),
     T("yeah that one. bit less bloody though", reference="Gladiator (2000)", critiques=[[-1, "bloody"]])],
    [T("Psycho", reference="Psycho (1960)", asks_which=False, mentions=["1998"]),
     T("oh sorry, I actually meant the 1998 remake", reference="Psycho (1998)"),
     T("ok, less campy", reference="Psycho (1998)", critiques=[[-1, "campy"]])],
    [T("Hi! I really liked Total Recall, the newer one with Colin Farrell.", reference="Total Recall (2012)",
       note="'the newer one' picks the 2012 namesake; it is not a year filter relative to a current item"),
     T("could you make it a bit funnier", reference="Total Recall (2012)", critiques=[[1, "funnier"]])],
    [T("planet of the apes", mentions=["1968", "2001"],
       note="56 vs 49 ratings: taking the 1968 film while naming the 2001 one, or asking which, are both right"),
     T("the one from 2001", reference="Planet of the Apes (2001)",
       note="'2001' is the namesake's year here, not 2001: A Space Odyssey"),
     T("less cheesy", reference="Planet of the Apes (2001)", critiques=[[-1, "cheesy"]])],
    [T("101 dalmatians - the cartoon, not the live action one", reference=DALMATIANS_1961,
       note="the animated 1961 film, not the live-action 1996 one (47 vs 44 ratings)"),
     T("something like that but less childish", reference=DALMATIANS_1961, critiques=[[-1, "childish"]])],
    [T("anything like se7en??", reference="Seven (a.k.a. Se7en) (1995)"),
     T("less disturbing please", reference="Seven (a.k.a. Se7en) (1995)", critiques=[[-1, "disturbing"]])],
    [T("Do you know Das Leben der Anderen? Something in that vein.", reference=LIVES),
     T("more hopeful", reference=LIVES, critiques=[[1, "hopeful"]])],
    [T("I'd like films similar to il postino", reference=POSTINO,
       note="Il Postino is the 1994 Italian film, not The Postman (1997)"),
     T("more romantic!", reference=POSTINO, critiques=[[1, "romantic"]])],
    [T("braindead, the old splatter comedy from 1992", reference="Dead Alive (Braindead) (1992)"),
     T("even gorier", reference="Dead Alive (Braindead) (1992)", critiques=[[1, "gorier"]])],
    [T("godfather 2", reference="Godfather: Part II, The (1974)"),
     T("hmm no, something like part 3 instead", reference="Godfather: Part III, The (1990)",
       note="'part 3' continues the series named in the previous turn")],
    [T("Die Hard 3", reference="Die Hard: With a Vengeance (1995)"),
     T("ok but fewer explosions", reference="Die Hard: With a Vengeance (1995)",
       critiques=[[-1, "explosions"]])],
    [T("Lethal Weapon II", reference="Lethal Weapon 2 (1989)"),
     T("scrap that, Rocky 2 instead", reference="Rocky II (1979)")],
    [T("The Two Towers", reference="Lord of the Rings: The Two Towers, The (2002)"),
     T("less epic, more intimate", reference="Lord of the Rings: The Two Towers, The (2002)",
       critiques=[[-1, "epic"], [1, "intimate"]])],
    [T("like dr strangelove", reference=STRANGELOVE),
     T("something even more absurd", reference=STRANGELOVE, critiques=[[1, "absurd"]])],
    [T("THE BIG LEBOWSKY", reference="Big Lebowski, The (1998)", note="all caps and a typo"),
     T("same but darker", reference="Big Lebowski, The (1998)", critiques=[[1, "darker"]])],
    [T("Labyrinth", reference="Labyrinth (1986)",
       note="not Pan's Labyrinth (2006), which has more ratings but another title"),
     T("ok now pans labyrinth", reference=PANS)],
    [T("star wars episode 5", reference="Star Wars: Episode V - The Empire Strikes Back (1980)"),
     T("mission impossible 4", reference="Mission: Impossible - Ghost Protocol (2011)",
       note="the fourth film of the series has no number in its title"),
     T("MIB 3", reference=MIB3)],
    [T("Harry Potter and the Philosopher's Stone", reference=HP1),
     T("Three Colours: Red", reference=RED, note="British spelling of Colors"),
     T("police story 4", reference=FIRST_STRIKE)],
]

# ---------------------------------------------------------------- 2. reference_in_sentence (10)
IN_SENTENCE = [
    [T("something from the 90s like Groundhog Day but less romantic", reference="Groundhog Day (1993)",
       critiques=[[-1, "romantic"]], years=yrs(1990, 1999), shown_years_within=True),
     T("funnier", reference="Groundhog Day (1993)", critiques=[[1, "funnier"]], years=yrs(1990, 1999))],
    [T("I watched Memento (2000) last week and loved how confusing it was - got anything even more twisty?",
       reference="Memento (2000)", critiques=[[1, "twisty"]]),
     T("and older than this", reference="Memento (2000)", years=yrs(None, 1999), shown_years_within=True)],
    [T("my kids adore monsters inc, could you find something like that which is a little less silly?",
       reference="Monsters, Inc. (2001)", critiques=[[-1, "silly"]]),
     T("thanks! and more exciting", reference="Monsters, Inc. (2001)", critiques=[[1, "exciting"]])],
    [T("Heathers was fun but kind of mean, I'd like something similar that's sweeter",
       reference="Heathers (1989)", critiques=[[1, "sweeter"]],
       note="'kind of mean' describes the reference; [-1, 'mean'] is also acceptable"),
     T("hmm, less sweet then", reference="Heathers (1989)", critiques=[[-1, "sweet"]])],
    [T("Been rewatching Blue Velvet (1986). Weird in a good way. Anything less violent, made after 2000?",
       reference="Blue Velvet (1986)", critiques=[[-1, "violent"]], years=yrs(2001, None),
       shown_years_within=True),
     T("any year is ok actually", reference="Blue Velvet (1986)", years=ANY_YEAR)],
    [T("what would you suggest for someone who found In Bruges too bleak?", reference="In Bruges (2008)",
       critiques=[[-1, "bleak"]], note="'too bleak' asks for less bleak"),
     T("and funnier", reference="In Bruges (2008)", critiques=[[1, "funnier"]])],
    [T("something like Spaceballs", reference="Spaceballs (1987)"),
     T("ok forget that one. like the 1999 galaxy quest, but cleverer", reference="Galaxy Quest (1999)",
       critiques=[[1, "cleverer"]]),
     T("less goofy", reference="Galaxy Quest (1999)", critiques=[[-1, "goofy"]])],
    [T("Please could you recommend a film like Amélie that is less whimsical and a bit more serious? "
       "Thank you so much!", reference=AMELIE, critiques=[[-1, "whimsical"], [1, "serious"]]),
     T("why the first one?", reference=AMELIE, act="explain")],
    [T("i thought kill bill vol 2 dragged a lot. similar but with more action, and from before 2000",
       reference="Kill Bill: Vol. 2 (2004)", critiques=[[1, "action"]], years=yrs(None, 1999),
       shown_years_within=True),
     T("even more action", reference="Kill Bill: Vol. 2 (2004)", critiques=[[1, "action"]],
       years=yrs(None, 1999), shown_years_within=True)],
    [T("Not Rushmore, I mean Ghost World. Something like it but more upbeat", reference="Ghost World (2001)",
       critiques=[[1, "upbeat"]], note="Rushmore is explicitly rejected"),
     T("from the 2000s", reference="Ghost World (2001)", years=yrs(2000, 2009), shown_years_within=True)],
]

# ---------------------------------------------------------------- 3. time (11)
TIME = [
    [T("something like Alien", reference="Alien (1979)"),
     T("only stuff from the eighties", reference="Alien (1979)", years=yrs(1980, 1989), shown_years_within=True),
     T("scarier", reference="Alien (1979)", critiques=[[1, "scarier"]], years=yrs(1980, 1989),
       shown_years_within=True),
     T("any year is fine now", reference="Alien (1979)", years=ANY_YEAR)],
    [T("Gattaca", reference="Gattaca (1997)"),
     T("newer than this please", reference="Gattaca (1997)", years=yrs(1998, None), shown_years_within=True),
     T("and less gloomy", reference="Gattaca (1997)", critiques=[[-1, "gloomy"]], years=yrs(1998, None),
       shown_years_within=True)],
    [T("ferris buellers day off", reference="Ferris Bueller's Day Off (1986)"),
     T("anything older?", reference="Ferris Bueller's Day Off (1986)", years=yrs(None, 1985),
       shown_years_within=True),
     T("pre-1980 even", reference="Ferris Bueller's Day Off (1986)", years=yrs(None, 1979),
       shown_years_within=True)],
    [T("like Clueless but from the 2000s", reference="Clueless (1995)", years=yrs(2000, 2009),
       shown_years_within=True),
     T("make that 2010 or later", reference="Clueless (1995)", years=yrs(2010, None), shown_years_within=True)],
    [T("Bringing Up Baby", reference="Bringing Up Baby (1938)"),
     T("between 1940 and 1960 please", reference="Bringing Up Baby (1938)", years=yrs(1940, 1960),
       shown_years_within=True),
     T("less zany", reference="Bringing Up Baby (1938)", critiques=[[-1, "zany"]], years=yrs(1940, 1960),
       shown_years_within=True)],
    [T("office space", reference="Office Space (1999)"),
     T("anything from '95 to 2005?", reference="Office Space (1999)", years=yrs(1995, 2005),
       shown_years_within=True)],
    [T("Brazil", reference="Brazil (1985)", note="the film, not the country"),
     T("nothing older than 1990", reference="Brazil (1985)", years=yrs(1990, None), shown_years_within=True),
     T("actually, the year doesn't matter", reference="Brazil (1985)", years=ANY_YEAR)],
    [T("withnail and i", reference="Withnail & I (1987)"),
     T("70s stuff only", reference="Withnail & I (1987)", years=yrs(1970, 1979), shown_years_within=True)],
    [T("Big Fish", reference="Big Fish (2003)"),
     T("Would you mind only showing me things that were made before the year 2000? Thanks a lot",
       reference="Big Fish (2003)", years=yrs(None, 1999),
       shown_years_within=True),
     T("more magical", reference="Big Fish (2003)", critiques=[[1, "magical"]], years=yrs(None, 1999),
       shown_years_within=True)],
    [T("double indemnity", reference="Double Indemnity (1944)"),
     T("something newer than double indemnity", reference="Double Indemnity (1944)", years=yrs(1945, None),
       shown_years_within=True)],
    [T("like Juno", reference="Juno (2007)"),
     T("from the same decade", reference="Juno (2007)", years=yrs(2000, 2009), shown_years_within=True),
     T("ok, now from any decade", reference="Juno (2007)", years=ANY_YEAR)],
]

# ---------------------------------------------------------------- 4. polarity (10)
POLARITY = [
    [T("Zoolander", reference="Zoolander (2001)"),
     T("more mindless", reference="Zoolander (2001)", critiques=[[1, "mindless"]]),
     T("hmm, a bit less mindless", reference="Zoolander (2001)", critiques=[[-1, "mindless"]])],
    [T("Notting Hill", reference="Notting Hill (1999)"),
     T("I want it a bit more unpredictable", reference="Notting Hill (1999)", critiques=[[1, "unpredictable"]])],
    [T("Sleepless in Seattle", reference="Sleepless in Seattle (1993)"),
     T("less sappy and not so slow", reference="Sleepless in Seattle (1993)",
       critiques=[[-1, "sappy"], [-1, "slow"]])],
    [T("Scream", reference="Scream (1996)"),
     T("without the gore", reference="Scream (1996)", critiques=[[-1, "gore"]]),
     T("and not very scary either", reference="Scream (1996)", critiques=[[-1, "scary"]])],
    [T("shindlers list", reference="Schindler's List (1993)"),
     T("that's heavy. something less joyless", reference="Schindler's List (1993)",
       critiques=[[-1, "joyless"]])],
    [T("Armageddon", reference="Armageddon (1998)"),
     T("even more pointless", reference="Armageddon (1998)", critiques=[[1, "pointless"]])],
    [T("Big Night", reference="Big Night (1996)"),
     T("more unsentimental", reference="Big Night (1996)", critiques=[[1, "unsentimental"]])],
    [T("Rocky Horror Picture Show", reference="Rocky Horror Picture Show, The (1975)"),
     T("nothing too raunchy", reference="Rocky Horror Picture Show, The (1975)", critiques=[[-1, "raunchy"]])],
    [T("Tremors", reference="Tremors (1990)"),
     T("not as silly", reference="Tremors (1990)", critiques=[[-1, "silly"]]),
     T("more unsettling", reference="Tremors (1990)", critiques=[[1, "unsettling"]])],
    [T("Mystery Men was pretty unfunny honestly. something less unfunny?", reference="Mystery Men (1999)",
       critiques=[[-1, "unfunny"]], note="less unfunny = funnier; the direction is about the typed word"),
     T("now less pointless", reference="Mystery Men (1999)", critiques=[[-1, "pointless"]])],
]

# ---------------------------------------------------------------- 5. cannot_judge (8)
CANNOT = [
    [T("Magnolia", reference="Magnolia (1999)"),
     T("something shorter, that one is like 3 hours", reference="Magnolia (1999)", act="cannot_judge",
       critiques=[]),
     T("ok then just less depressing", reference="Magnolia (1999)", critiques=[[-1, "depressing"]])],
    [T("pulp fiction", reference="Pulp Fiction (1994)"),
     T("anything with Tom Cruise in it?", reference="Pulp Fiction (1994)", act="cannot_judge", critiques=[],
       note="no tag in tags.csv names Tom Cruise")],
    [T("Amadeus", reference="Amadeus (1984)"),
     T("same director please", reference="Amadeus (1984)", act="cannot_judge", critiques=[])],
    [T("crouching tiger", reference=CROUCHING),
     T("is there one like it but in English, not subtitled?", reference=CROUCHING, act="cannot_judge",
       critiques=[])],
    [T("Willow", reference="Willow (1988)"),
     T("something that cost less to make", reference="Willow (1988)", act="cannot_judge", critiques=[])],
    [T("The Thin Man", reference="Thin Man, The (1934)"),
     T("I've got an early start tomorrow, so ideally something under 100 minutes please",
       reference="Thin Man, The (1934)", act="cannot_judge", critiques=[])],
    [T("like water for chocolate", reference=LIKE_WATER),
     T("another one in spanish", reference=LIKE_WATER, act="cannot_judge", critiques=[])],
    [T("Dark City", reference="Dark City (1998)"),
     T("darker, and not longer than two hours", reference="Dark City (1998)", critiques=[[1, "darker"]],
       note="a correct reply walks darker and also says it cannot judge running time; "
            "the length must not become an attribute")],
]

# ---------------------------------------------------------------- 6. why (7)
WHY = [
    [T("Fargo", reference="Fargo (1996)"),
     T("why is #3 on the list?", reference="Fargo (1996)", act="explain"),
     T("and #7?", reference="Fargo (1996)", act="explain")],
    [T("Moon", reference="Moon (2009)"),
     T("pick 2", act="pick"),
     T("why that one?", act="explain")],
    [T("Primer", reference="Primer (2004)"),
     T("more confusing", reference="Primer (2004)", critiques=[[1, "confusing"]]),
     T("why did you show me the first one", reference="Primer (2004)", act="explain")],
    [T("local hero", reference="Local Hero (1983)"),
     T("funnier", reference="Local Hero (1983)", critiques=[[1, "funnier"]]),
     T("Why?", reference="Local Hero (1983)", act="explain")],
    [T("kiki's delivery service", reference=KIKI),
     T("how is number 5 similar to kiki's delivery service?", reference=KIKI, act="explain")],
    [T("Harold and Maude", reference="Harold and Maude (1971)"),
     T("more romantic", reference="Harold and Maude (1971)", critiques=[[1, "romantic"]]),
     T("take the fourth", act="pick"),
     T("what makes it more romantic than harold and maude?", act="explain",
       note="about the picked item, which stays current")],
    [T("repo man", reference="Repo Man (1984)"),
     T("hm, why'd u recommend no. 6??", reference="Repo Man (1984)", act="explain")],
]

# ---------------------------------------------------------------- 7. more (5)
MORE = [
    [T("Toy Story 2", reference="Toy Story 2 (1999)"),
     T("show me some more", reference="Toy Story 2 (1999)", act="more", not_shown_again=True),
     T("more again", reference="Toy Story 2 (1999)", act="more", not_shown_again=True)],
    [T("moonrise kingdom", reference="Moonrise Kingdom (2012)"),
     T("quirkier", reference="Moonrise Kingdom (2012)", critiques=[[1, "quirkier"]]),
     T("any others?", reference="Moonrise Kingdom (2012)", act="more", not_shown_again=True)],
    [T("Aliens", reference="Aliens (1986)"),
     T("from the 80s", reference="Aliens (1986)", years=yrs(1980, 1989), shown_years_within=True),
     T("next page", reference="Aliens (1986)", act="more", not_shown_again=True, years=yrs(1980, 1989),
       shown_years_within=True)],
    [T("The Princess Bride", reference="Princess Bride, The (1987)"),
     T("got anything else along those lines?", reference="Princess Bride, The (1987)", act="more",
       not_shown_again=True)],
    [T("Bubba Ho-tep", reference="Bubba Ho-tep (2002)"),
     T("less goofy", reference="Bubba Ho-tep (2002)", critiques=[[-1, "goofy"]]),
     T("keep going", reference="Bubba Ho-tep (2002)", act="more", not_shown_again=True),
     T("more", reference="Bubba Ho-tep (2002)", act="more", not_shown_again=True,
       note="a bare 'more' after a list is the next items, not an attribute")],
]

# ---------------------------------------------------------------- 8. seen (6)
SEEN = [
    [T("the fugitve", reference="Fugitive, The (1993)"),
     T("seen all of those already", reference="Fugitive, The (1993)", act="exclude", not_shown_again=True),
     T("less action", reference="Fugitive, The (1993)", critiques=[[-1, "action"]], excluded_stays_out=True)],
    [T("braveheart", reference="Braveheart (1995)"),
     T("not the 2nd one, I hated it", reference="Braveheart (1995)", act="exclude", excluded_stays_out=True),
     T("more emotional", reference="Braveheart (1995)", critiques=[[1, "emotional"]], excluded_stays_out=True)],
    [T("Mary Poppins", reference="Mary Poppins (1964)"),
     T("I've watched 1, 3 and 4", reference="Mary Poppins (1964)", act="exclude", excluded_stays_out=True),
     T("more", reference="Mary Poppins (1964)", act="more", excluded_stays_out=True, not_shown_again=True)],
    [T("Beetlejuice", reference="Beetlejuice (1988)"),
     T("already saw Edward Scissorhands", reference="Beetlejuice (1988)", act="exclude",
       excluded_stays_out=True,
       note="Edward Scissorhands (1990) must never be shown again, whether it was listed or not"),
     T("creepier", reference="Beetlejuice (1988)", critiques=[[1, "creepier"]], excluded_stays_out=True)],
    [T("Shaun of the Dead", reference="Shaun of the Dead (2004)"),
     T("not interested in any of these", reference="Shaun of the Dead (2004)", act="exclude",
       not_shown_again=True),
     T("funnier", reference="Shaun of the Dead (2004)", critiques=[[1, "funnier"]], excluded_stays_out=True)],
    [T("Attack the Block", reference="Attack the Block (2011)"),
     T("seen em", reference="Attack the Block (2011)", act="exclude", not_shown_again=True),
     T("seen these too lol", reference="Attack the Block (2011)", act="exclude", not_shown_again=True,
       excluded_stays_out=True)],
]

# ---------------------------------------------------------------- 9. pick_by_description (7)
PICK = [
    [T("Hot Fuzz", reference="Hot Fuzz (2007)"),
     T("the funniest of these", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"}),
     T("more like that but less violent", critiques=[[-1, "violent"]])],
    [T("cabin in the woods", reference="Cabin in the Woods, The (2012)"),
     T("which of those is least scary? I'll take that one", act="pick",
       picked_rank={"by": "degree", "word": "scary", "extreme": "min"})],
    [T("Ghostbusters", reference=GHOSTBUSTERS, asks_which=False),
     T("the newest one on the list", act="pick", picked_rank={"by": "year", "extreme": "max"})],
    [T("paper moon", reference="Paper Moon (1973)"),
     T("the oldest of them", act="pick", picked_rank={"by": "year", "extreme": "min"})],
    [T("Edward Sissorhands", reference="Edward Scissorhands (1990)", note="common misspelling"),
     T("gimme the penultimate one", act="pick", picked_rank={"by": "position", "index": -2})],
    [T("little miss sunshine", reference="Little Miss Sunshine (2006)"),
     T("the saddest one there", act="pick", picked_rank={"by": "degree", "word": "sad", "extreme": "max"})],
    [T("The Notebook", reference="Notebook, The (2004)"),
     T("last one looks good", act="pick", picked_rank={"by": "position", "index": -1})],
]

# ---------------------------------------------------------------- 10. jump (4)
JUMP = [
    [T("shrek 2", reference="Shrek 2 (2004)"),
     T("something completely different please", act="jump", not_shown_again=True)],
    [T("The Grand Budapest Hotel", reference="Grand Budapest Hotel, The (2014)"),
     T("surprise me", act="jump", not_shown_again=True)],
    [T("Terminator 2", reference="Terminator 2: Judgment Day (1991)"),
     T("meh. something nothing like this at all", act="jump", not_shown_again=True)],
    [T("Babette's Feast", reference="Babette's Feast (Babettes gæstebud) (1987)"),
     T("let's shake things up, show me something wildly different", act="jump", not_shown_again=True),
     T("another curveball", act="jump", not_shown_again=True)],
]

# ---------------------------------------------------------------- 11. about (5)
ABOUT = [
    [T("Pi", reference="Pi (1998)"),
     T("tell me about #3", reference="Pi (1998)", act="about")],
    [T("Delicatessen", reference="Delicatessen (1991)"),
     T("what's Brazil like?", reference="Delicatessen (1991)", act="about", mentions=["1985"],
       note="about Brazil (1985), which does not become the current item")],
    [T("city of god", reference=CITY_OF_GOD),
     T("what is number 2 about", reference=CITY_OF_GOD, act="about")],
    [T("Waiting for Guffman", reference="Waiting for Guffman (1996)"),
     T("tell me more about the first one", reference="Waiting for Guffman (1996)", act="about",
       note="'tell me more about' asks about an item; it is not 'more'")],
    [T("Rushmore", reference="Rushmore (1998)"),
     T("What kind of film is The Royal Tenenbaums?", reference="Rushmore (1998)", act="about",
       mentions=["2001"])],
]

# ---------------------------------------------------------------- 12. cards: undo (3)
UNDO = [
    [T("Goodfellas", reference="Goodfellas (1990)"),
     T("pick 3", act="pick"),
     T("undo", reference="Goodfellas (1990)")],
    [T("forrest gump", reference="Forrest Gump (1994)"),
     T("from the 80s", reference="Forrest Gump (1994)", years=yrs(1980, 1989), shown_years_within=True),
     T("go back", reference="Forrest Gump (1994)", years=ANY_YEAR,
       note="undo of the year filter; 'go back' is not the film Go (1999)")],
    [T("unforgiven", reference="Unforgiven (1992)", asks_which=False),
     T("take #1", act="pick"),
     T("hmm no, undo that", reference="Unforgiven (1992)"),
     T("less slow", reference="Unforgiven (1992)", critiques=[[-1, "slow"]])],
]

# ---------------------------------------------------------------- 13. not_a_title (6)
NOT_A_TITLE = [
    [T("cinema paradiso", reference=CINEMA_PARADISO),
     T("anything else?", reference=CINEMA_PARADISO, act="more", not_shown_again=True,
       note="trap: Anything Else (2003)")],
    [T("Ringu", reference=RINGU, note="the 1998 Japanese film, not The Ring (2002)"),
     T("next ones", reference=RINGU, act="more", not_shown_again=True, note="trap: Next (2007)")],
    [T("Ravenous", reference="Ravenous (1999)"),
     T("let's go with the darkest one", act="pick",
       picked_rank={"by": "degree", "word": "dark", "extreme": "max"}, note="trap: Go (1999)")],
    [T("life is beautiful", reference=LIFE_BEAUTIFUL),
     T("whatever, just show more", reference=LIFE_BEAUTIFUL, act="more", not_shown_again=True,
       note="trap: Whatever (1998)"),
     T("others?", reference=LIFE_BEAUTIFUL, act="more", not_shown_again=True,
       note="trap: Others, The (2001)")],
    [T("amores perros", reference=AMORES),
     T("the one that's most violent", act="pick",
       picked_rank={"by": "degree", "word": "violent", "extreme": "max"}, note="trap: One, The (2001)")],
    [T("La Haine", reference=HATE),
     T("number 9 looks good", act="pick", note="the ninth listed item; trap: 9 (2009)")],
]

CATEGORIES: list[tuple[str, list[list[dict[str, Any]]]]] = [
    ("title", TITLE),
    ("reference_in_sentence", IN_SENTENCE),
    ("time", TIME),
    ("polarity", POLARITY),
    ("cannot_judge", CANNOT),
    ("why", WHY),
    ("more", MORE),
    ("seen", SEEN),
    ("pick_by_description", PICK),
    ("jump", JUMP),
    ("about", ABOUT),
    ("cards", UNDO),
    ("not_a_title", NOT_A_TITLE),
]


def build() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for category, conversations in CATEGORIES:
        for turns in conversations:
            rows.append({"id": f"d{len(rows) + 1:03d}", "category": category, "split": "final", "turns": turns})
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} conversations to {OUT.name}")


if __name__ == "__main__":
    main()
