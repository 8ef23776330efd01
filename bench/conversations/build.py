"""Builds conversations.jsonl for the blind conversation evaluation set.

Hand-written conversations live below as Python data; this script only
numbers them, assigns the dev/final split and writes the JSONL file.
Run:  python3 build.py   (then python3 validate.py)
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def T(user, note=None, **expect):
    """One turn: the user's text and what an observer must see in the reply."""
    turn = {"user": user, "expect": expect}
    if note:
        turn["note"] = note
    return turn


Y = lambda lo, hi: {"min": lo, "max": hi}  # noqa: E731
ANY = {"min": None, "max": None}

# frequently used catalog titles (exact movies.csv strings)
TITANIC = "Titanic (1997)"
HEAT = "Heat (1995)"
AMELIE = "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"
LIB = "Life Is Beautiful (La Vita è bella) (1997)"
LEON = "Léon: The Professional (a.k.a. The Professional) (Léon) (1994)"
FOTR = "Lord of the Rings: The Fellowship of the Ring, The (2001)"
JEDI = "Star Wars: Episode VI - Return of the Jedi (1983)"
EMPIRE = "Star Wars: Episode V - The Empire Strikes Back (1980)"
NEWHOPE = "Star Wars: Episode IV - A New Hope (1977)"
TS = "Toy Story (1995)"
TS2 = "Toy Story 2 (1999)"
GF = "Godfather, The (1972)"
GF2 = "Godfather: Part II, The (1974)"
T2 = "Terminator 2: Judgment Day (1991)"
TERM = "Terminator, The (1984)"
CTHD = "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)"
ESSM = "Eternal Sunshine of the Spotless Mind (2004)"
STRANGE = "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"
MATRIX = "Matrix, The (1999)"
SHAW = "Shawshank Redemption, The (1994)"
MONINC = "Monsters, Inc. (2001)"
SEVEN = "Seven (a.k.a. Se7en) (1995)"
MONKEYS = "Twelve Monkeys (a.k.a. 12 Monkeys) (1995)"
BOOT = "Boot, Das (Boat, The) (1981)"
PANS = "Pan's Labyrinth (Laberinto del fauno, El) (2006)"
HP1 = "Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)"
BTTF = "Back to the Future (1985)"
BTTF2 = "Back to the Future Part II (1989)"
WHMS = "When Harry Met Sally... (1989)"
AIRPLANE = "Airplane! (1980)"
WALLE = "WALL·E (2008)"
GHOSTB = "Ghostbusters (a.k.a. Ghost Busters) (1984)"
NOTTING = "Notting Hill (1999)"
GROUNDHOG = "Groundhog Day (1993)"
ALIEN = "Alien (1979)"
DIEHARD = "Die Hard (1988)"

CONV = {}

# ---------------------------------------------------------------- 1. title
CONV["title"] = [
    [T("something like titanic", reference=TITANIC, asks_which=False, mentions=["1953"]),
     T("but with less romance", act="answer", critiques=[[-1, "romance"]], reference=TITANIC)],
    [T("Heat", reference=HEAT, asks_which=False, mentions=["2013"],
       note="'The Heat (2013)' (movies.csv: 'Heat, The (2013)') is the article-only namesake; Heat (1995) is far more rated."),
     T("ok now a bit less violent", act="answer", critiques=[[-1, "violent"]], reference=HEAT)],
    [T("I'm in the mood for something like Hamlet", reference="Hamlet (1996)", asks_which=False, mentions=["1990"],
       note="Hamlet exists as 1948, 1964, 1990, 1996, 2000; 1996 is most rated, 1990 second."),
     T("a bit less tragic?", act="answer", critiques=[[-1, "tragic"]])],
    [T("king kong", reference="King Kong (2005)", asks_which=False, mentions=["1933"]),
     T("scarier please", act="answer", critiques=[[1, "scarier"]])],
    [T("Do you have anything similar to Psycho?", reference="Psycho (1960)", asks_which=False, mentions=["1998"]),
     T("hmm, less slow", act="answer", critiques=[[-1, "slow"]], reference="Psycho (1960)")],
    [T("oceans eleven was great, more like that", reference="Ocean's Eleven (2001)", asks_which=False, mentions=["1960"]),
     T("funnier", act="answer", critiques=[[1, "funnier"]])],
    [T("movies like Batman?", reference="Batman (1989)", asks_which=False, mentions=["1966"]),
     T("darker!", act="answer", critiques=[[1, "darker"]])],
    [T("gladiator", reference="Gladiator (2000)", asks_which=False, mentions=["1992"]),
     T("same kind of thing but not as bloody", act="answer", critiques=[[-1, "bloody"]])],
    [T("the shining", reference="Shining, The (1980)", asks_which=False, mentions=["1997"],
       note="movies.csv also has 'The Shining (1997)' (1 rating)."),
     T("less scary, my gf hates horror", act="answer", critiques=[[-1, "scary"]])],
    [T("Magnificent Seven", reference="Magnificent Seven, The (1960)", asks_which=False, mentions=["2016"],
       note="movies.csv also has 'The Magnificent Seven (2016)'."),
     T("with more action in it", act="answer", critiques=[[1, "action"]])],
    [T("I want something like The Professional", reference=LEON, asks_which=False, mentions=["1981"],
       note="'The Professional' is the a.k.a. of Léon (1994) and also 'Professional, The (Le professionnel) (1981)'."),
     T("more emotional", act="answer", critiques=[[1, "emotional"]])],
    [T("the old Titanic from 1953, not the 1997 one", reference="Titanic (1953)", asks_which=False),
     T("ok, more romantic than that", act="answer", critiques=[[1, "romantic"]], reference="Titanic (1953)")],
    [T("planet of the apes, the 2001 version", reference="Planet of the Apes (2001)", asks_which=False),
     T("less cheesy", act="answer", critiques=[[-1, "cheesy"]], reference="Planet of the Apes (2001)")],
    [T("my daughter wants something like beauty and the beast", reference="Beauty and the Beast (1991)",
       asks_which=False, mentions=["2017"]),
     T("with more songs", act="answer", critiques=[[1, "songs"]]),
     T("the 2nd one looks good", act="pick")],
    [T("Ghostbusters", reference=GHOSTB, asks_which=False, mentions=["2016"]),
     T("scarier but still funny", act="answer", critiques=[[1, "scarier"], [1, "funny"]])],
    [T("the thing", reference="Thing, The (1982)", asks_which=False, mentions=["2011"],
       note="Bare 'the thing' is the title The Thing; the 1982 one is most rated, 2011 remake exists."),
     T("even more gross", act="answer", critiques=[[1, "gross"]])],
    [T("Amelie", reference=AMELIE),
     T("something like it but sadder", act="answer", critiques=[[1, "sadder"]], reference=AMELIE,
       note="'it' is a pronoun here, not the film It (2017).")],
    [T("I adore Amélie. got anything in that spirit but a little more romantic?", reference=AMELIE,
       act="answer", critiques=[[1, "romantic"]]),
     T("hmm, less quirky", act="answer", critiques=[[-1, "quirky"]])],
    [T("have you got anything like The Fabulous Destiny of Amélie Poulain?", reference=AMELIE,
       note="English translation is not in movies.csv; the catalog has 'Fabuleux destin d'Amélie Poulain, Le' - resolvable through 'Amélie Poulain'."),
     T("less whimsical", act="answer", critiques=[[-1, "whimsical"]])],
    [T("le fabuleux destin d'amelie poulain", reference=AMELIE),
     T("darker", act="answer", critiques=[[1, "darker"]]),
     T("the first one", act="pick")],
    [T("Life is beautiful", reference=LIB),
     T("less sad please", act="answer", critiques=[[-1, "sad"]], reference=LIB)],
    [T("La vita è bella, but lighter", reference=LIB, act="answer", critiques=[[1, "lighter"]]),
     T("what else?", act="more", not_shown_again=True)],
    [T("The Fellowship of the Ring", reference=FOTR),
     T("more battles", act="answer", critiques=[[1, "battles"]], reference=FOTR)],
    [T("Return of the Jedi!!", reference=JEDI),
     T("less kiddy, the ewoks annoyed me", act="answer", critiques=[[-1, "kiddy"]])],
    [T("something like the empire strikes back", reference=EMPIRE),
     T("even darker", act="answer", critiques=[[1, "darker"]])],
    [T("toy story 2", reference=TS2, asks_which=False),
     T("for older kids - less childish", act="answer", critiques=[[-1, "childish"]])],
    [T("my son has watched toy story part two like 50 times, anything similar?", reference=TS2),
     T("funnier would be good", act="answer", critiques=[[1, "funnier"]]),
     T("go back", reference=TS2)],
    [T("Godfather II", reference=GF2),
     T("more violent", act="answer", critiques=[[1, "violent"]])],
    [T("The Godfather Part 2, but with a less depressing ending", reference=GF2, act="answer",
       critiques=[[-1, "depressing"]]),
     T("undo", reference=GF2)],
    [T("terminator 2", reference=T2),
     T("less action more story", act="answer", critiques=[[-1, "action"], [1, "story"]])],
    [T("crouching tiger", reference=CTHD),
     T("more fighting, less romance", act="answer", critiques=[[1, "fighting"], [-1, "romance"]])],
    [T("Eternal Sunshine", reference=ESSM),
     T("weirder", act="answer", critiques=[[1, "weirder"]], reference=ESSM)],
    [T("Dr Strangelove", reference=STRANGE),
     T("more satirical", act="answer", critiques=[[1, "satirical"]])],
    [T("Matrix", reference=MATRIX, asks_which=False),
     T("less philosophical, more shooting", act="answer", critiques=[[-1, "philosophical"], [1, "shooting"]])],
    [T("the shawshank redemtion", reference=SHAW, note="typo in the title is intended"),
     T("more hopeful", act="answer", critiques=[[1, "hopeful"]])],
    [T("Monsters Inc", reference=MONINC),
     T("cuter", act="answer", critiques=[[1, "cuter"]])],
    [T("se7en", reference=SEVEN),
     T("less disturbing", act="answer", critiques=[[-1, "disturbing"]], reference=SEVEN)],
    [T("12 monkeys", reference=MONKEYS),
     T("more mind-bending", act="answer", critiques=[[1, "mind-bending"]])],
    [T("Das Boot", reference=BOOT),
     T("more tense if possible", act="answer", critiques=[[1, "tense"]])],
    [T("el laberinto del fauno", reference=PANS),
     T("less gory", act="answer", critiques=[[-1, "gory"]])],
    [T("harry potter and the philosopher's stone", reference=HP1),
     T("a bit more grown-up", act="answer", critiques=[[1, "grown-up"]])],
    [T("back to the future 2", reference=BTTF2),
     T("sillier", act="answer", critiques=[[1, "sillier"]])],
    [T("WHEN HARRY MET SALLY", reference=WHMS),
     T("more modern? and funnier", act="answer", critiques=[[1, "funnier"]], years=Y(1990, None),
       note="'more modern' = newer than the reference (1989).")],
    [T("airplane", reference=AIRPLANE),
     T("even dumber", act="answer", critiques=[[1, "dumber"]])],
    [T("Wall-E", reference=WALLE),
     T("less cute, more sci-fi", act="answer", critiques=[[-1, "cute"], [1, "sci-fi"]])],
]

# ---------------------------------------------------- 2. reference_in_sentence
CONV["reference_in_sentence"] = [
    [T("something from the 90s like Toy Story but darker", reference=TS, act="answer",
       critiques=[[1, "darker"]], years=Y(1990, 1999), shown_years_within=True),
     T("the third one", act="pick")],
    [T("I just saw Heat and want something less violent", reference=HEAT, act="answer",
       critiques=[[-1, "violent"]]),
     T("and funnier", act="answer", critiques=[[1, "funnier"]])],
    [T("my wife loved Notting Hill, anything funnier?", reference=NOTTING, act="answer",
       critiques=[[1, "funnier"]]),
     T("less cheesy too", act="answer", critiques=[[-1, "cheesy"]], reference=NOTTING)],
    [T("we watched groundhog day last night and loved it. whats similar but a bit more romantic", reference=GROUNDHOG,
       act="answer", critiques=[[1, "romantic"]]),
     T("number 4 please", act="pick")],
    [T("my kids loved Up, find me something like it that is less sad", reference="Up (2009)", act="answer",
       critiques=[[-1, "sad"]], note="'Up' is the title; 'it' is a pronoun, not It (2017)."),
     T("even less sad", act="answer", critiques=[[-1, "sad"]])],
    [T("Fargo was brilliant. anything with that humour but less gory, from before 2000?", reference="Fargo (1996)",
       act="answer", critiques=[[-1, "gory"]], years=Y(None, 1999), shown_years_within=True),
     T("more quirky", act="answer", critiques=[[1, "quirky"]], years=Y(None, 1999), shown_years_within=True)],
    [T("can you recommend something in the vein of The Big Lebowski, just weirder",
       reference="Big Lebowski, The (1998)", act="answer", critiques=[[1, "weirder"]]),
     T("hmm not that weird. go back", reference="Big Lebowski, The (1998)")],
    [T("i need a movie for tonight. liked jurassic park, want it scarier and from the 2000s",
       reference="Jurassic Park (1993)", act="answer", critiques=[[1, "scarier"]], years=Y(2000, 2009),
       shown_years_within=True),
     T("the last one", act="pick")],
    [T("Pulp Fiction is my all time fav, show me stuff that's less violent but still cool",
       reference="Pulp Fiction (1994)", act="answer", critiques=[[-1, "violent"]]),
     T("funnier", act="answer", critiques=[[1, "funnier"]])],
    [T("saw Silence of the Lambs yesterday and couldn't sleep. something like that but less disturbing please",
       reference="Silence of the Lambs, The (1991)", act="answer", critiques=[[-1, "disturbing"]]),
     T("still too creepy. less creepy", act="answer", critiques=[[-1, "creepy"]])],
    [T("hey! looking for something like pretty woman, but more recent and funnier",
       reference="Pretty Woman (1990)", act="answer", critiques=[[1, "funnier"]], years=Y(1991, None),
       shown_years_within=True, note="'more recent' = newer than the reference (1990)."),
     T("the second one", act="pick")],
    [T("The kids want Home Alone AGAIN. is there anything like it but less slapstick",
       reference="Home Alone (1990)", act="answer", critiques=[[-1, "slapstick"]]),
     T("more christmassy", act="answer", critiques=[[1, "christmassy"]])],
    [T("Me and my mates liked Die Hard. We want more explosions, 80s only", reference=DIEHARD, act="answer",
       critiques=[[1, "explosions"]], years=Y(1980, 1989), shown_years_within=True),
     T("and cheesier one-liners", act="answer", critiques=[[1, "cheesier"]], years=Y(1980, 1989),
       shown_years_within=True)],
    [T("Sleepless in Seattle is my comfort movie... anything sweeter?", reference="Sleepless in Seattle (1993)",
       act="answer", critiques=[[1, "sweeter"]]),
     T("tell me about the first one", act="about")],
    [T("inception messed with my head in a good way. more of that but less confusing",
       reference="Inception (2010)", act="answer", critiques=[[-1, "confusing"]]),
     T("more action too", act="answer", critiques=[[1, "action"]])],
    [T("I'd like a film like Casablanca but less sad, and not older than 1960", reference="Casablanca (1942)",
       act="answer", critiques=[[-1, "sad"]], years=Y(1960, None), shown_years_within=True),
     T("the oldest one of those", act="pick", picked_rank={"by": "year", "extreme": "min"})],
    [T("Just finished Seven, want something equally dark but less gruesome", reference=SEVEN, act="answer",
       critiques=[[-1, "gruesome"]], note="'Seven' is the title Seven (a.k.a. Se7en) (1995)."),
     T("why the first one?", act="explain")],
    [T("loved Alien but it dragged a bit. something like it with more action?", reference=ALIEN, act="answer",
       critiques=[[1, "action"]]),
     T("the 3rd", act="pick"),
     T("scarier", act="answer", critiques=[[1, "scarier"]])],
    [T("my boyfriend keeps quoting Anchorman, find something like it only sillier",
       reference="Anchorman: The Legend of Ron Burgundy (2004)", act="answer", critiques=[[1, "sillier"]]),
     T("show me more", act="more", not_shown_again=True)],
    [T("after watching Finding Nemo with my nephew i want something like that for grown ups, less childish",
       reference="Finding Nemo (2003)", act="answer", critiques=[[-1, "childish"]]),
     T("more emotional", act="answer", critiques=[[1, "emotional"]])],
    [T("Been rewatching Jaws. Could you find something like Jaws from the 70s that is even scarier?",
       reference="Jaws (1975)", act="answer", critiques=[[1, "scarier"]], years=Y(1970, 1979),
       shown_years_within=True),
     T("less gory though", act="answer", critiques=[[-1, "gory"]], years=Y(1970, 1979), shown_years_within=True)],
    [T("thinking of rewatching forrest gump but maybe something like it that's less sentimental",
       reference="Forrest Gump (1994)", act="answer", critiques=[[-1, "sentimental"]]),
     T("more funny", act="answer", critiques=[[1, "funny"]])],
    [T("Fight Club, but with less violence and more humor?", reference="Fight Club (1999)", act="answer",
       critiques=[[-1, "violence"], [1, "humor"]]),
     T("undo the humor part, just less violence", reference="Fight Club (1999)")],
    [T("we loved The Sixth Sense. anything else with a twist like that but less creepy?",
       reference="Sixth Sense, The (1999)", act="answer", critiques=[[-1, "creepy"]]),
     T("newer please", years=Y(2000, None), shown_years_within=True,
       note="'newer' = newer than the reference (1999).")],
    [T("i watched The Others and loved the atmosphere, something even creepier?",
       reference="Others, The (2001)", act="answer", critiques=[[1, "creepier"]],
       note="Here 'The Others' IS the title."),
     T("less slow", act="answer", critiques=[[-1, "slow"]])],
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("actually forget that, something like Shrek but less crude", reference="Shrek (2001)", act="answer",
       critiques=[[-1, "crude"]])],
]

# ---------------------------------------------------------------- 3. time
CONV["time"] = [
    [T("something like Alien", reference=ALIEN),
     T("from the 80s", act="answer", years=Y(1980, 1989), shown_years_within=True),
     T("scarier", act="answer", critiques=[[1, "scarier"]], years=Y(1980, 1989), shown_years_within=True)],
    [T("I liked Die Hard", reference=DIEHARD),
     T("90s films only", act="answer", years=Y(1990, 1999), shown_years_within=True),
     T("more funny", act="answer", critiques=[[1, "funny"]], years=Y(1990, 1999), shown_years_within=True)],
    [T("pretty woman", reference="Pretty Woman (1990)"),
     T("newer than this", act="answer", years=Y(1991, None), shown_years_within=True,
       note="strictly newer than 1990"),
     T("less cheesy", act="answer", critiques=[[-1, "cheesy"]], years=Y(1991, None), shown_years_within=True)],
    [T("something like the matrix", reference=MATRIX),
     T("older ones pls", act="answer", years=Y(None, 1998), shown_years_within=True,
       note="strictly older than 1999")],
    [T("Back to the Future", reference=BTTF),
     T("before 1990", act="answer", years=Y(None, 1989), shown_years_within=True),
     T("sillier", act="answer", critiques=[[1, "sillier"]], years=Y(None, 1989), shown_years_within=True)],
    [T("like Notting Hill, but after 2005", reference=NOTTING, act="answer", years=Y(2006, None),
       shown_years_within=True, note="'after 2005' read as 2006 onwards"),
     T("a bit more dramatic", act="answer", critiques=[[1, "dramatic"]], years=Y(2006, None),
       shown_years_within=True)],
    [T("jurassic park", reference="Jurassic Park (1993)"),
     T("more recent stuff please", act="answer", years=Y(1994, None), shown_years_within=True,
       note="'more recent' relative to the reference (1993)"),
     T("less scary for the kids", act="answer", critiques=[[-1, "scary"]], years=Y(1994, None),
       shown_years_within=True)],
    [T("something like groundhog day", reference=GROUNDHOG),
     T("only classics", act="answer", shown_years_within=True,
       note="'classics' should set an upper year bound (older films); no exact bound is prescribed"),
     T("more romantic", act="answer", critiques=[[1, "romantic"]], shown_years_within=True)],
    [T("something like Heat from the 90s", reference=HEAT, years=Y(1990, 1999)),
     T("less violent", act="answer", critiques=[[-1, "violent"]], years=Y(1990, 1999), shown_years_within=True),
     T("any year", act="answer", years=ANY),
     T("grittier", act="answer", critiques=[[1, "grittier"]], years=ANY)],
    [T("Shrek", reference="Shrek (2001)"),
     T("2000s only", act="answer", years=Y(2000, 2009), shown_years_within=True),
     T("the 3rd one", act="pick", years=Y(2000, 2009)),
     T("funnier", act="answer", critiques=[[1, "funnier"]], years=Y(2000, 2009), shown_years_within=True)],
    [T("Casablanca", reference="Casablanca (1942)"),
     T("something from the 40s or 50s", act="answer", years=Y(1940, 1959), shown_years_within=True),
     T("more romantic", act="answer", critiques=[[1, "romantic"]], years=Y(1940, 1959), shown_years_within=True)],
    [T("ghostbusters but between 1985 and 1995", reference=GHOSTB, act="answer", years=Y(1985, 1995),
       shown_years_within=True),
     T("scarier", act="answer", critiques=[[1, "scarier"]], years=Y(1985, 1995), shown_years_within=True)],
    [T("Scream", reference="Scream (1996)"),
     T("made after 2000", act="answer", years=Y(2001, None), shown_years_within=True),
     T("less jokey", act="answer", critiques=[[-1, "jokey"]], years=Y(2001, None), shown_years_within=True),
     T("actually any year is fine", act="answer", years=ANY)],
    [T("The Hangover", reference="Hangover, The (2009)"),
     T("anything like this from the 80s?", act="answer", years=Y(1980, 1989), shown_years_within=True),
     T("no wait, make it the 90s", act="answer", years=Y(1990, 1999), shown_years_within=True)],
    [T("inception", reference="Inception (2010)"),
     T("older than this", act="answer", years=Y(None, 2009), shown_years_within=True),
     T("less confusing", act="answer", critiques=[[-1, "confusing"]], years=Y(None, 2009), shown_years_within=True)],
    [T("Princess Bride", reference="Princess Bride, The (1987)"),
     T("from 1980 to 1989 only", act="answer", years=Y(1980, 1989), shown_years_within=True),
     T("show me more", act="more", not_shown_again=True, years=Y(1980, 1989), shown_years_within=True)],
    [T("the goonies", reference="Goonies, The (1985)"),
     T("newer", act="answer", years=Y(1986, None), shown_years_within=True),
     T("more adventurous", act="answer", critiques=[[1, "adventurous"]], years=Y(1986, None),
       shown_years_within=True)],
    [T("memento", reference="Memento (2000)"),
     T("something older, 90s maybe", act="answer", years=Y(1990, 1999), shown_years_within=True)],
    [T("superbad but from the 80s", reference="Superbad (2007)", act="answer", years=Y(1980, 1989),
       shown_years_within=True),
     T("less crude", act="answer", critiques=[[-1, "crude"]], years=Y(1980, 1989), shown_years_within=True),
     T("the 1st one", act="pick", years=Y(1980, 1989)),
     T("more heartfelt", act="answer", critiques=[[1, "heartfelt"]], years=Y(1980, 1989), shown_years_within=True)],
    [T("E.T.", reference="E.T. the Extra-Terrestrial (1982)"),
     T("seventies please", act="answer", years=Y(1970, 1979), shown_years_within=True),
     T("less childish", act="answer", critiques=[[-1, "childish"]], years=Y(1970, 1979), shown_years_within=True)],
    [T("like The Terminator", reference=TERM),
     T("nothing older than 2000", act="answer", years=Y(2000, None), shown_years_within=True),
     T("less violent", act="answer", critiques=[[-1, "violent"]], years=Y(2000, None), shown_years_within=True)],
    [T("I want something like forrest gump", reference="Forrest Gump (1994)"),
     T("but pre-2000", act="answer", years=Y(None, 1999), shown_years_within=True),
     T("funnier", act="answer", critiques=[[1, "funnier"]], years=Y(None, 1999), shown_years_within=True)],
    [T("like Pulp Fiction", reference="Pulp Fiction (1994)"),
     T("nothing before 1995", act="answer", years=Y(1995, None), shown_years_within=True),
     T("funnier, and nothing after 2005 either", act="answer", critiques=[[1, "funnier"]], years=Y(1995, 2005),
       shown_years_within=True)],
    [T("The Sixth Sense", reference="Sixth Sense, The (1999)"),
     T("recent stuff only", act="answer", shown_years_within=True,
       note="'recent' should set a lower year bound well after 1999; no exact bound is prescribed"),
     T("ok forget the year thing", act="answer", years=ANY)],
    [T("good will hunting", reference="Good Will Hunting (1997)"),
     T("only from 1997 please", act="answer", years=Y(1997, 1997), shown_years_within=True),
     T("less sad", act="answer", critiques=[[-1, "sad"]], years=Y(1997, 1997), shown_years_within=True)],
]

# ------------------------------------------------------------ 4. polarity
CONV["polarity"] = [
    [T("something like Die Hard", reference=DIEHARD),
     T("more mindless", act="answer", critiques=[[1, "mindless"]])],
    [T("I liked Armageddon but less mindless please, something with a brain", reference="Armageddon (1998)",
       act="answer", critiques=[[-1, "mindless"]]),
     T("the second one", act="pick")],
    [T("hot fuzz", reference="Hot Fuzz (2007)"),
     T("something more pointless fun", act="answer", critiques=[[1, "pointless"]])],
    [T("Schindler's List", reference="Schindler's List (1993)"),
     T("less humourless", act="answer", critiques=[[-1, "humourless"]],
       note="user wants MORE humour; direction is -1 on the word 'humourless'")],
    [T("something like the seventh seal", reference="Seventh Seal, The (Sjunde inseglet, Det) (1957)"),
     T("more serious", act="answer", critiques=[[1, "serious"]]),
     T("ugh too much. less humorless pls", act="answer", critiques=[[-1, "humorless"]])],
    [T("Airplane!", reference=AIRPLANE),
     T("weird request but i want something more unfunny, like so bad it's good", act="answer",
       critiques=[[1, "unfunny"]])],
    [T("something like Gladiator but not very violent", reference="Gladiator (2000)", act="answer",
       critiques=[[-1, "violent"]]),
     T("more romance", act="answer", critiques=[[1, "romance"]])],
    [T("Shaun of the Dead", reference="Shaun of the Dead (2004)"),
     T("without gore", act="answer", critiques=[[-1, "gore"]])],
    [T("I really liked the mood of The Others", reference="Others, The (2001)"),
     T("no jump scares though", act="answer", critiques=[[-1, "jump scares"]])],
    [T("the usual suspects", reference="Usual Suspects, The (1995)"),
     T("even more unpredictable", act="answer", critiques=[[1, "unpredictable"]])],
    [T("titanic but less predictable", reference=TITANIC, act="answer", critiques=[[-1, "predictable"]]),
     T("the last one", act="pick")],
    [T("avatar", reference="Avatar (2009)"),
     T("looks nice but it's so derivative. less unoriginal", act="answer", critiques=[[-1, "unoriginal"]])],
    [T("The Devil Wears Prada", reference="Devil Wears Prada, The (2006)"),
     T("something a bit less heartless", act="answer", critiques=[[-1, "heartless"]])],
    [T("dumb and dumber", reference="Dumb & Dumber (Dumb and Dumber) (1994)"),
     T("more brainless!!", act="answer", critiques=[[1, "brainless"]])],
    [T("Natural Born Killers", reference="Natural Born Killers (1994)"),
     T("less senseless", act="answer", critiques=[[-1, "senseless"]])],
    [T("The Fellowship of the Ring", reference=FOTR),
     T("even more unrealistic, full on fantasy", act="answer", critiques=[[1, "unrealistic"]])],
    [T("armageddon", reference="Armageddon (1998)"),
     T("less unrealistic", act="answer", critiques=[[-1, "unrealistic"]]),
     T("the 1st one", act="pick")],
    [T("Requiem for a Dream", reference="Requiem for a Dream (2000)"),
     T("not as depressing", act="answer", critiques=[[-1, "depressing"]])],
    [T("mean girls", reference="Mean Girls (2004)"),
     T("meaner", act="answer", critiques=[[1, "meaner"]]),
     T("these are so unfunny. less unfunny", act="answer", critiques=[[-1, "unfunny"]])],
    [T("The Notebook", reference="Notebook, The (2004)"),
     T("nothing too sappy", act="answer", critiques=[[-1, "sappy"]])],
    [T("transformers", reference="Transformers (2007)"),
     T("not so mindless this time", act="answer", critiques=[[-1, "mindless"]])],
    [T("eraserhead", reference="Eraserhead (1977)"),
     T("more unsettling", act="answer", critiques=[[1, "unsettling"]])],
]

# -------------------------------------------------------- 5. cannot_judge
CONV["cannot_judge"] = [
    [T("something like The Godfather", reference=GF),
     T("shorter", act="cannot_judge", critiques=[], reference=GF)],
    [T("Titanic but not three hours long lol", reference=TITANIC, act="cannot_judge", critiques=[]),
     T("ok then just less sad", act="answer", critiques=[[-1, "sad"]])],
    [T("lawrence of arabia", reference="Lawrence of Arabia (1962)"),
     T("anything under 90 minutes?", act="cannot_judge", critiques=[], reference="Lawrence of Arabia (1962)")],
    [T("Jurassic Park", reference="Jurassic Park (1993)"),
     T("something cheaper to make", act="cannot_judge", critiques=[], reference="Jurassic Park (1993)")],
    [T("forrest gump", reference="Forrest Gump (1994)"),
     T("more with Tom Hanks", act="cannot_judge", critiques=[])],
    [T("E.T.", reference="E.T. the Extra-Terrestrial (1982)"),
     T("other ones by Spielberg?", act="cannot_judge", critiques=[])],
    [T("Amelie", reference=AMELIE),
     T("in French", act="cannot_judge", critiques=[], reference=AMELIE)],
    [T("pretty woman", reference="Pretty Woman (1990)"),
     T("something with Julia Roberts pls", act="cannot_judge", critiques=[], reference="Pretty Woman (1990)")],
    [T("Alien", reference=ALIEN),
     T("anything else by the same director?", act="cannot_judge", critiques=[])],
    [T("crouching tiger hidden dragon", reference=CTHD),
     T("more stuff in mandarin", act="cannot_judge", critiques=[])],
    [T("something like Avatar", reference="Avatar (2009)"),
     T("but one that cost less to make", act="cannot_judge", critiques=[], reference="Avatar (2009)")],
    [T("Speed", reference="Speed (1994)"),
     T("with sandra bullock", act="cannot_judge", critiques=[]),
     T("fine. more romantic then", act="answer", critiques=[[1, "romantic"]])],
    [T("interstellar", reference="Interstellar (2014)"),
     T("less than 2 hours please", act="cannot_judge", critiques=[]),
     T("ok, less confusing then", act="answer", critiques=[[-1, "confusing"]])],
    [T("Spirited Away", reference="Spirited Away (Sen to Chihiro no kamikakushi) (2001)"),
     T("only ones dubbed in english", act="cannot_judge", critiques=[])],
    [T("Home Alone but less slapstick", reference="Home Alone (1990)", act="answer", critiques=[[-1, "slapstick"]]),
     T("something directed by Ridley Scott", act="cannot_judge", critiques=[])],
]

# ----------------------------------------------------------------- 6. why
CONV["why"] = [
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("why did you pick that?", act="explain")],
    [T("groundhog day but funnier", reference=GROUNDHOG, act="answer", critiques=[[1, "funnier"]]),
     T("why #3?", act="explain")],
    [T("something like Alien, scarier", reference=ALIEN, act="answer", critiques=[[1, "scarier"]]),
     T("why is the second one there?", act="explain")],
    [T("notting hill", reference=NOTTING),
     T("more romantic", act="answer", critiques=[[1, "romantic"]]),
     T("the 4th", act="pick"),
     T("why that one?", act="explain")],
    [T("the silence of the lambs but less scary", reference="Silence of the Lambs, The (1991)", act="answer",
       critiques=[[-1, "scary"]]),
     T("how is number 5 less scary than the film I gave you?", act="explain")],
    [T("Toy Story", reference=TS),
     T("funnier", act="answer", critiques=[[1, "funnier"]]),
     T("what makes the first one funnier?", act="explain")],
    [T("pulp fiction, more stylish", reference="Pulp Fiction (1994)", act="answer", critiques=[[1, "stylish"]]),
     T("why would i like #2", act="explain")],
    [T("like The Matrix but darker", reference=MATRIX, act="answer", critiques=[[1, "darker"]]),
     T("huh, why is the sixth one on the list", act="explain")],
    [T("something like Fargo", reference="Fargo (1996)"),
     T("quirkier", act="answer", critiques=[[1, "quirkier"]]),
     T("explain number 4", act="explain")],
    [T("Shrek but more grown-up", reference="Shrek (2001)", act="answer", critiques=[[1, "grown-up"]]),
     T("why the last one?", act="explain")],
    [T("jaws", reference="Jaws (1975)"),
     T("less gory", act="answer", critiques=[[-1, "gory"]]),
     T("why'd you suggest the 7th", act="explain")],
    [T("something like Back to the Future but darker", reference=BTTF, act="answer", critiques=[[1, "darker"]]),
     T("in what way is #1 darker than back to the future?", act="explain")],
    [T("I loved Amelie, something more romantic", reference=AMELIE, act="answer", critiques=[[1, "romantic"]]),
     T("why is the top one first?", act="explain")],
    [T("die hard but funnier", reference=DIEHARD, act="answer", critiques=[[1, "funnier"]]),
     T("wait, why is the third one there? it's not funny at all", act="explain")],
    [T("something like Inception but less confusing", reference="Inception (2010)", act="answer",
       critiques=[[-1, "confusing"]]),
     T("why number 2?", act="explain"),
     T("and why the 5th?", act="explain")],
]

CARD_NOTE = ("A correct card shows, for each critiqued attribute, the item's degree beside the reference's degree "
             "(both attributes, not only the first).")
UNDO_NOTE = ("After undo the current item is the reference again; its card line / degrees are exactly as before "
             "the critique (unchanged).")
REPEAT_NOTE = "Repeating the same critique after undo gives the same understood attributes (and the same list)."

# --------------------------------------------------------------- 7. cards
CONV["cards"] = [
    [T("something like Groundhog Day", reference=GROUNDHOG),
     T("funnier but less dark", act="answer", critiques=[[1, "funnier"], [-1, "dark"]], note=CARD_NOTE),
     T("undo", reference=GROUNDHOG, note=UNDO_NOTE),
     T("funnier but less dark", act="answer", critiques=[[1, "funnier"], [-1, "dark"]], note=REPEAT_NOTE)],
    [T("Titanic", reference=TITANIC),
     T("more romantic and less tragic", act="answer", critiques=[[1, "romantic"], [-1, "tragic"]], note=CARD_NOTE),
     T("go back", reference=TITANIC, note=UNDO_NOTE),
     T("ok do that again, more romantic + less tragic", act="answer",
       critiques=[[1, "romantic"], [-1, "tragic"]], note=REPEAT_NOTE)],
    [T("heat", reference=HEAT),
     T("more action but less gore", act="answer", critiques=[[1, "action"], [-1, "gore"]], note=CARD_NOTE),
     T("undo that", reference=HEAT, note=UNDO_NOTE),
     T("more action but less gore", act="answer", critiques=[[1, "action"], [-1, "gore"]], note=REPEAT_NOTE)],
    [T("home alone", reference="Home Alone (1990)"),
     T("smarter and less slapstick", act="answer", critiques=[[1, "smarter"], [-1, "slapstick"]], note=CARD_NOTE),
     T("why #1?", act="explain",
       note="The explanation/card for #1 names both attributes with #1's degree beside Home Alone's."),
     T("scratch that", reference="Home Alone (1990)", note=UNDO_NOTE),
     T("smarter and less slapstick please", act="answer", critiques=[[1, "smarter"], [-1, "slapstick"]],
       note=REPEAT_NOTE)],
    [T("The Hangover", reference="Hangover, The (2009)"),
     T("funnier, less crude", act="answer", critiques=[[1, "funnier"], [-1, "crude"]], note=CARD_NOTE),
     T("never mind, go back", reference="Hangover, The (2009)", note=UNDO_NOTE),
     T("funnier, less crude", act="answer", critiques=[[1, "funnier"], [-1, "crude"]], note=REPEAT_NOTE)],
    [T("something like the dark knight but darker and more serious", reference="Dark Knight, The (2008)",
       act="answer", critiques=[[1, "darker"], [1, "serious"]], note=CARD_NOTE),
     T("undo", reference="Dark Knight, The (2008)", note=UNDO_NOTE),
     T("darker and more serious", act="answer", critiques=[[1, "darker"], [1, "serious"]], note=REPEAT_NOTE)],
    [T("Shrek", reference="Shrek (2001)"),
     T("less childish but still as funny, actually funnier", act="answer",
       critiques=[[-1, "childish"], [1, "funnier"]], note=CARD_NOTE),
     T("back", reference="Shrek (2001)", note=UNDO_NOTE),
     T("less childish and funnier", act="answer", critiques=[[-1, "childish"], [1, "funnier"]], note=REPEAT_NOTE)],
    [T("jaws", reference="Jaws (1975)"),
     T("more suspense, less blood", act="answer", critiques=[[1, "suspense"], [-1, "blood"]], note=CARD_NOTE),
     T("take that back", reference="Jaws (1975)", note=UNDO_NOTE),
     T("more suspense, less blood", act="answer", critiques=[[1, "suspense"], [-1, "blood"]], note=REPEAT_NOTE)],
    [T("braveheart", reference="Braveheart (1995)"),
     T("more epic but less violent", act="answer", critiques=[[1, "epic"], [-1, "violent"]], note=CARD_NOTE),
     T("undo", reference="Braveheart (1995)", note=UNDO_NOTE),
     T("more epic, less violent", act="answer", critiques=[[1, "epic"], [-1, "violent"]], note=REPEAT_NOTE),
     T("undo", reference="Braveheart (1995)", note=UNDO_NOTE)],
    [T("Amelie", reference=AMELIE),
     T("sadder and more romantic", act="answer", critiques=[[1, "sadder"], [1, "romantic"]], note=CARD_NOTE),
     T("the 2nd one", act="pick"),
     T("undo", reference=AMELIE, note="Undo of the pick returns to Amelie as the current item."),
     T("sadder and more romantic", act="answer", critiques=[[1, "sadder"], [1, "romantic"]], note=REPEAT_NOTE)],
]

# ---------------------------------------------------------------- 8. more
CONV["more"] = [
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("show me more", act="more", not_shown_again=True, reference=HEAT)],
    [T("notting hill but funnier", reference=NOTTING, act="answer", critiques=[[1, "funnier"]]),
     T("others?", act="more", not_shown_again=True, reference=NOTTING,
       note="'others' must not be read as the title The Others (2001)")],
    [T("like Alien, scarier", reference=ALIEN, act="answer", critiques=[[1, "scarier"]]),
     T("next ones", act="more", not_shown_again=True, reference=ALIEN,
       note="'next' must not be read as the title Next (2007)"),
     T("next", act="more", not_shown_again=True, reference=ALIEN)],
    [T("toy story but for older kids, less childish", reference=TS, act="answer", critiques=[[-1, "childish"]]),
     T("any more?", act="more", not_shown_again=True, reference=TS)],
    [T("the princess bride with more adventure", reference="Princess Bride, The (1987)", act="answer",
       critiques=[[1, "adventure"]]),
     T("more please", act="more", not_shown_again=True, reference="Princess Bride, The (1987)",
       note="bare 'more' (no attribute) asks for further items, not the title More (1998)")],
    [T("fargo but less gory", reference="Fargo (1996)", act="answer", critiques=[[-1, "gory"]]),
     T("hmm none of these. what else have you got?", act="more", not_shown_again=True)],
    [T("something like the big lebowski, funnier", reference="Big Lebowski, The (1998)", act="answer",
       critiques=[[1, "funnier"]]),
     T("keep going", act="more", not_shown_again=True),
     T("a few more", act="more", not_shown_again=True)],
    [T("Jurassic Park but from the 90s and scarier", reference="Jurassic Park (1993)", act="answer",
       critiques=[[1, "scarier"]], years=Y(1990, 1999), shown_years_within=True),
     T("can I see the next page", act="more", not_shown_again=True, years=Y(1990, 1999), shown_years_within=True)],
    [T("matrix, less philosophical", reference=MATRIX, act="answer", critiques=[[-1, "philosophical"]]),
     T("anything else?", act="more", not_shown_again=True, reference=MATRIX)],
    [T("I'd like something like Casablanca but less sad", reference="Casablanca (1942)", act="answer",
       critiques=[[-1, "sad"]]),
     T("give me some more options", act="more", not_shown_again=True),
     T("the second one of these", act="pick")],
]

# ---------------------------------------------------------------- 9. seen
CONV["seen"] = [
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("seen them all", act="exclude", excluded_stays_out=True, not_shown_again=True, reference=HEAT,
       note="'them' must not be read as the title Them (2006)"),
     T("grittier", act="answer", critiques=[[1, "grittier"]], excluded_stays_out=True)],
    [T("groundhog day but more romantic", reference=GROUNDHOG, act="answer", critiques=[[1, "romantic"]]),
     T("not the third one, seen it", act="exclude", excluded_stays_out=True, reference=GROUNDHOG),
     T("funnier", act="answer", critiques=[[1, "funnier"]], excluded_stays_out=True)],
    [T("something like Collateral but more violent", reference="Collateral (2004)", act="answer",
       critiques=[[1, "violent"]]),
     T("I've already watched Heat", act="exclude", excluded_stays_out=True, reference="Collateral (2004)",
       note="Heat (1995) is excluded from all later lists; it is not made the current item"),
     T("more stylish", act="answer", critiques=[[1, "stylish"]], excluded_stays_out=True)],
    [T("the matrix but darker", reference=MATRIX, act="answer", critiques=[[1, "darker"]]),
     T("I've seen those", act="exclude", excluded_stays_out=True, not_shown_again=True),
     T("less violent", act="answer", critiques=[[-1, "violent"]], excluded_stays_out=True)],
    [T("pretty woman, funnier", reference="Pretty Woman (1990)", act="answer", critiques=[[1, "funnier"]]),
     T("seen 1 and 4 already", act="exclude", excluded_stays_out=True),
     T("more romantic", act="answer", critiques=[[1, "romantic"]], excluded_stays_out=True)],
    [T("toy story but sadder", reference=TS, act="answer", critiques=[[1, "sadder"]]),
     T("already saw #2 and #5", act="exclude", excluded_stays_out=True),
     T("show me more", act="more", excluded_stays_out=True)],
    [T("like Alien but less gory", reference=ALIEN, act="answer", critiques=[[-1, "gory"]]),
     T("i've watched everything on this list tbh", act="exclude", excluded_stays_out=True, not_shown_again=True),
     T("scarier", act="answer", critiques=[[1, "scarier"]], excluded_stays_out=True)],
    [T("something like Inception, less confusing", reference="Inception (2010)", act="answer",
       critiques=[[-1, "confusing"]]),
     T("watched the first three already", act="exclude", excluded_stays_out=True),
     T("the first one", act="pick", excluded_stays_out=True)],
    [T("die hard but funnier", reference=DIEHARD, act="answer", critiques=[[1, "funnier"]]),
     T("not the last one, seen it twice", act="exclude", excluded_stays_out=True),
     T("more explosions", act="answer", critiques=[[1, "explosions"]], excluded_stays_out=True)],
    [T("finding nemo but less kiddy", reference="Finding Nemo (2003)", act="answer", critiques=[[-1, "kiddy"]]),
     T("seen most of those, esp. the 2nd and the 6th", act="exclude", excluded_stays_out=True),
     T("more emotional", act="answer", critiques=[[1, "emotional"]], excluded_stays_out=True)],
]

# ------------------------------------------------- 10. pick_by_description
CONV["pick_by_description"] = [
    [T("something like Die Hard but funnier", reference=DIEHARD, act="answer", critiques=[[1, "funnier"]]),
     T("the funniest of these", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"})],
    [T("something like The Sixth Sense", reference="Sixth Sense, The (1999)"),
     T("less creepy", act="answer", critiques=[[-1, "creepy"]]),
     T("i'll go with the least scary one", act="pick",
       picked_rank={"by": "degree", "word": "scary", "extreme": "min"})],
    [T("Toy Story, but funnier", reference=TS, act="answer", critiques=[[1, "funnier"]]),
     T("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}),
     T("less childish", act="answer", critiques=[[-1, "childish"]])],
    [T("like Casablanca but more romantic", reference="Casablanca (1942)", act="answer",
       critiques=[[1, "romantic"]]),
     T("the oldest one please", act="pick", picked_rank={"by": "year", "extreme": "min"})],
    [T("heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("the second to last", act="pick", picked_rank={"by": "position", "index": -2})],
    [T("something like Notting Hill but sadder", reference=NOTTING, act="answer", critiques=[[1, "sadder"]]),
     T("ok the most romantic of them", act="pick",
       picked_rank={"by": "degree", "word": "romantic", "extreme": "max"})],
    [T("Gladiator, more epic", reference="Gladiator (2000)", act="answer", critiques=[[1, "epic"]]),
     T("the least violent of those", act="pick",
       picked_rank={"by": "degree", "word": "violent", "extreme": "min"}),
     T("why that one?", act="explain")],
    [T("alien but older", reference=ALIEN, act="answer", years=Y(None, 1978)),
     T("gimme the most recent one", act="pick", picked_rank={"by": "year", "extreme": "max"})],
    [T("like the matrix but more mind-bending", reference=MATRIX, act="answer", critiques=[[1, "mind-bending"]]),
     T("the last one", act="pick", picked_rank={"by": "position", "index": -1})],
    [T("something like Shrek but darker", reference="Shrek (2001)", act="answer", critiques=[[1, "darker"]]),
     T("the darkest one on the list", act="pick",
       picked_rank={"by": "degree", "word": "dark", "extreme": "max"})],
    [T("requiem for a dream but less depressing", reference="Requiem for a Dream (2000)", act="answer",
       critiques=[[-1, "depressing"]]),
     T("whichever is the least depressing", act="pick",
       picked_rank={"by": "degree", "word": "depressing", "extreme": "min"})],
    [T("something like Fight Club, funnier", reference="Fight Club (1999)", act="answer", critiques=[[1, "funnier"]]),
     T("the one before last", act="pick", picked_rank={"by": "position", "index": -2}),
     T("less violent", act="answer", critiques=[[-1, "violent"]])],
]

# ---------------------------------------------------------------- 11. jump
CONV["jump"] = [
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("something completely different", act="jump")],
    [T("notting hill, funnier", reference=NOTTING, act="answer", critiques=[[1, "funnier"]]),
     T("surprise me", act="jump")],
    [T("toy story", reference=TS),
     T("more adventurous", act="answer", critiques=[[1, "adventurous"]]),
     T("meh. im bored of these, show me something totally different", act="jump")],
    [T("something like Alien, scarier", reference=ALIEN, act="answer", critiques=[[1, "scarier"]]),
     T("let's switch it up completely", act="jump"),
     T("funnier", act="answer", critiques=[[1, "funnier"]])],
    [T("the godfather but less violent", reference=GF, act="answer", critiques=[[-1, "violent"]]),
     T("nah. something else entirely, anything", act="jump")],
    [T("Amelie but more romantic", reference=AMELIE, act="answer", critiques=[[1, "romantic"]]),
     T("random pick please, totally different vibe", act="jump")],
]

# --------------------------------------------------------------- 12. about
CONV["about"] = [
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("tell me about #3", act="about")],
    [T("groundhog day but more romantic", reference=GROUNDHOG, act="answer", critiques=[[1, "romantic"]]),
     T("what is the 3rd one about?", act="about")],
    [T("something like Ronin", reference="Ronin (1998)"),
     T("what is Heat like?", act="about", mentions=["1995"])],
    [T("toy story but funnier", reference=TS, act="answer", critiques=[[1, "funnier"]]),
     T("what's number 1?", act="about")],
    [T("like The Matrix but darker", reference=MATRIX, act="answer", critiques=[[1, "darker"]]),
     T("info on the second one pls", act="about"),
     T("ok that one", act="pick")],
    [T("fargo, quirkier", reference="Fargo (1996)", act="answer", critiques=[[1, "quirkier"]]),
     T("what kind of film is the last one?", act="about")],
    [T("something like Chocolat", reference="Chocolat (2000)"),
     T("tell me more about Amelie", act="about", mentions=["2001"],
       note="'tell me more about X' is an about-question, not a request for more items")],
    [T("inception but less confusing", reference="Inception (2010)", act="answer", critiques=[[-1, "confusing"]]),
     T("whats the top one about", act="about"),
     T("and the 4th?", act="about")],
]

# --------------------------------------------------------- 13. not_a_title
CONV["not_a_title"] = [
    [T("something like Notting Hill but funnier", reference=NOTTING, act="answer", critiques=[[1, "funnier"]]),
     T("the one with the highest romance", act="pick",
       picked_rank={"by": "degree", "word": "romance", "extreme": "max"},
       note="must not resolve to the film 'One, The (2001)'")],
    [T("something like Heat but less violent", reference=HEAT, act="answer", critiques=[[-1, "violent"]]),
     T("I've seen all of these", act="exclude", excluded_stays_out=True, not_shown_again=True, reference=HEAT)],
    [T("like Alien but less gory", reference=ALIEN, act="answer", critiques=[[-1, "gory"]]),
     T("nah, seen those", act="exclude", excluded_stays_out=True, not_shown_again=True, reference=ALIEN),
     T("scarier", act="answer", critiques=[[1, "scarier"]], excluded_stays_out=True)],
    [T("die hard but less violent", reference=DIEHARD, act="answer", critiques=[[-1, "violent"]]),
     T("I'll take the one with the most action", act="pick",
       picked_rank={"by": "degree", "word": "action", "extreme": "max"})],
    [T("groundhog day but darker", reference=GROUNDHOG, act="answer", critiques=[[1, "darker"]]),
     T("show me the others", act="more", not_shown_again=True, reference=GROUNDHOG,
       note="'the others' must not resolve to 'Others, The (2001)'")],
    [T("something like The Godfather, less violent", reference=GF, act="answer", critiques=[[-1, "violent"]]),
     T("I've watched all of them", act="exclude", excluded_stays_out=True, not_shown_again=True, reference=GF,
       note="'them' must not resolve to 'Them (Ils) (2006)'"),
     T("what about it but from the 80s?", act="answer", years=Y(1980, 1989), shown_years_within=True,
       reference=GF, note="'it' is the current item, not the film It (2017)")],
]

ORDER = ["title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why", "cards",
         "more", "seen", "pick_by_description", "jump", "about", "not_a_title"]


def build():
    records = []
    n = 0
    for cat in ORDER:
        for turns in CONV[cat]:
            n += 1
            records.append({"id": "c%03d" % n, "category": cat, "split": None, "turns": turns})
    # split: shuffle each category with one RNG, then alternate dev/final
    rng = random.Random(20261206)
    for cat in ORDER:
        items = [r for r in records if r["category"] == cat]
        rng.shuffle(items)
        for i, r in enumerate(items):
            r["split"] = "dev" if i % 2 == 0 else "final"
    out = os.path.join(HERE, "conversations.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "category": r["category"], "split": r["split"],
                                "turns": r["turns"]}, ensure_ascii=False) + "\n")
    return records


if __name__ == "__main__":
    recs = build()
    from collections import Counter
    c = Counter((r["category"], r["split"]) for r in recs)
    for cat in ORDER:
        print("%-24s dev=%3d final=%3d" % (cat, c[(cat, "dev")], c[(cat, "final")]))
    print("total", len(recs))
