"""Blind conversation set 5 (issues 21 and 22), written as Python data.

Run `python3 build.py` to regenerate conversations.jsonl (deterministic, byte-identical).
Every conversation is in the "final" split: the whole set is a held-out measurement.
Written blind: see README.md.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "conversations.jsonl"
ID_PREFIX = "d"

# Category order fixes the numbering (d001..).
ISSUE_21 = ["title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why", "cards"]
ISSUE_22 = ["more", "seen", "pick_by_description", "jump", "about", "not_a_title"]
CATEGORIES = ISSUE_21 + ISSUE_22


def t(user: str, note: str | None = None, **expect) -> dict:
    """One user turn with what an observer must see in the reply."""
    turn = {"user": user, "expect": expect}
    if note:
        turn["note"] = note
    return turn


def Y(lo: int | None, hi: int | None) -> dict:
    return {"min": lo, "max": hi}


ANY = Y(None, None)
MORE, LESS = 1, -1

# Titles of the catalog used more than once (exact movies.csv forms).
SEVEN = "Seven (a.k.a. Se7en) (1995)"
MONKEYS = "Twelve Monkeys (a.k.a. 12 Monkeys) (1995)"
HP1 = "Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)"
GF2 = "Godfather: Part II, The (1974)"
BTTF2 = "Back to the Future Part II (1989)"
TS3 = "Toy Story 3 (2010)"
MADMAX2 = "Road Warrior, The (Mad Max 2) (1981)"
KK2 = "Karate Kid, Part II, The (1986)"
STRANGELOVE = "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"
SUNSHINE = "Eternal Sunshine of the Spotless Mind (2004)"
DRAGON11 = "Girl with the Dragon Tattoo, The (2011)"
DRAGON09 = "Girl with the Dragon Tattoo, The (Män som hatar kvinnor) (2009)"
TRUEGRIT10 = "True Grit (2010)"
TIMEMACHINE02 = "Time Machine, The (2002)"
TIMEMACHINE60 = "Time Machine, The (1960)"
PETERPAN53 = "Peter Pan (1953)"
PRODUCERS68 = "Producers, The (1968)"
BOURNE02 = "Bourne Identity, The (2002)"
LOLA = "Run Lola Run (Lola rennt) (1998)"
DASBOOT = "Boot, Das (Boat, The) (1981)"
SPIRITED = "Spirited Away (Sen to Chihiro no kamikakushi) (2001)"
YTUMAMA = "And Your Mother Too (Y tu mamá también) (2001)"
ZATOICHI = "Blind Swordsman: Zatoichi, The (Zatôichi) (2003)"
ELM3 = "Nightmare on Elm Street 3: Dream Warriors, A (1987)"
SUNSETBLVD = "Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)"
WAKINGNED = "Waking Ned Devine (a.k.a. Waking Ned) (1998)"
LXG = "League of Extraordinary Gentlemen, The (a.k.a. LXG) (2003)"
THING82 = "Thing, The (1982)"
HITCHHIKER = "Hitchhiker's Guide to the Galaxy, The (2005)"
MASTER = "Master and Commander: The Far Side of the World (2003)"
HP3 = "Harry Potter and the Prisoner of Azkaban (2004)"
HP7B = "Harry Potter and the Deathly Hallows: Part 2 (2011)"
KFP2 = "Kung Fu Panda 2 (2011)"
MIB2 = "Men in Black II (a.k.a. MIIB) (a.k.a. MIB 2) (2002)"
ALIEN3 = "Alien³ (a.k.a. Alien 3) (1992)"
ID4 = "Independence Day (a.k.a. ID4) (1996)"
GHOSTBUSTERS = "Ghostbusters (a.k.a. Ghost Busters) (1984)"
MASH = "M*A*S*H (a.k.a. MASH) (1970)"
GOODBADUGLY = "Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)"
LIFEBEAUTIFUL = "Life Is Beautiful (La Vita è bella) (1997)"
PANS = "Pan's Labyrinth (Laberinto del fauno, El) (2006)"
TOTORO = "My Neighbor Totoro (Tonari no Totoro) (1988)"
RAIDERS = "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)"
LOTR2 = "Lord of the Rings: The Two Towers, The (2002)"
KILLBILL2 = "Kill Bill: Vol. 2 (2004)"
BORAT = "Borat: Cultural Learnings of America for Make Benefit Glorious Nation of Kazakhstan (2006)"
LOCKSTOCK = "Lock, Stock & Two Smoking Barrels (1998)"
HOLYGRAIL = "Monty Python and the Holy Grail (1975)"
SILENCE = "Silence of the Lambs, The (1991)"
INCEPTION = "Inception (2010)"
BLADERUNNER = "Blade Runner (1982)"
WALLE = "WALL·E (2008)"
MATRIX = "Matrix, The (1999)"
MEMENTO = "Memento (2000)"
T2 = "Terminator 2: Judgment Day (1991)"
PULP = "Pulp Fiction (1994)"
LEBOWSKI = "Big Lebowski, The (1998)"
DANCES = "Dances with Wolves (1990)"
TOYSTORY = "Toy Story (1995)"
BTTF = "Back to the Future (1985)"
FIGHTCLUB = "Fight Club (1999)"
AMADEUS = "Amadeus (1984)"
TRUMAN = "Truman Show, The (1998)"
ALIEN = "Alien (1979)"
FORREST = "Forrest Gump (1994)"
PRINCESSBRIDE = "Princess Bride, The (1987)"
SHREK = "Shrek (2001)"
FARGO = "Fargo (1996)"
CLOCKWORK = "Clockwork Orange, A (1971)"
SHAWSHANK = "Shawshank Redemption, The (1994)"
USUAL = "Usual Suspects, The (1995)"
SIXTHSENSE = "Sixth Sense, The (1999)"
SCREAM = "Scream (1996)"
BRAZIL = "Brazil (1985)"
JURASSIC = "Jurassic Park (1993)"
DARKKNIGHT = "Dark Knight, The (2008)"
ROBOCOP = "RoboCop (1987)"
NOTTINGHILL = "Notting Hill (1999)"
CASABLANCA = "Casablanca (1942)"
GOODFELLAS = "Goodfellas (1990)"
TAXIDRIVER = "Taxi Driver (1976)"
ET = "E.T. the Extra-Terrestrial (1982)"
JAWS = "Jaws (1975)"
BREAKFAST = "Breakfast Club, The (1985)"
CLERKS = "Clerks (1994)"
HARRYSALLY = "When Harry Met Sally... (1989)"
LOVEACTUALLY = "Love Actually (2003)"
TRAINSPOTTING = "Trainspotting (1996)"
GROUNDHOG = "Groundhog Day (1993)"
APOCALYPSE = "Apocalypse Now (1979)"
FERRIS = "Ferris Bueller's Day Off (1986)"
MALKOVICH = "Being John Malkovich (1999)"
RESERVOIR = "Reservoir Dogs (1992)"
GLADIATOR = "Gladiator (2000)"
# less-known films (5-50 ratings)
GOSFORD = "Gosford Park (2001)"
ROPE = "Rope (1948)"
SERPICO = "Serpico (1973)"
PAPILLON = "Papillon (1973)"
SICARIO = "Sicario (2015)"
INCENDIES = "Incendies (2010)"
PREDESTINATION = "Predestination (2014)"
PAPRIKA = "Paprika (Papurika) (2006)"
CABIN = "Cabin in the Woods, The (2012)"
STATIONAGENT = "Station Agent, The (2003)"
STRAIGHTSTORY = "Straight Story, The (1999)"
MARATHON = "Marathon Man (1976)"
SILVERADO = "Silverado (1985)"
DEADMAN = "Dead Man (1995)"
TANKGIRL = "Tank Girl (1995)"
HOLES = "Holes (2003)"
KUBO = "Kubo and the Two Strings (2016)"
ROCKNROLLA = "RocknRolla (2008)"
LOOPER = "Looper (2012)"
COPYCAT = "Copycat (1995)"
SYRIANA = "Syriana (2005)"
ROSENCRANTZ = "Rosencrantz and Guildenstern Are Dead (1990)"
BELLEVILLE = "Triplets of Belleville, The (Les triplettes de Belleville) (2003)"
REC = "[REC] (2007)"
FILM2046 = "2046 (2004)"
GRANDILLUSION = "Grand Illusion (La grande illusion) (1937)"
FIDDLER = "Fiddler on the Roof (1971)"
MEATBALLS = "Meatballs (1979)"
UNCLEBUCK = "Uncle Buck (1989)"
STAKEOUT = "Stakeout (1987)"
MILK = "Milk (2008)"
DONJUAN = "Don Juan DeMarco (1995)"
FRIEDGREEN = "Fried Green Tomatoes (1991)"
BLACKSHEEP96 = "Black Sheep (1996)"
NEVERKISSED = "Never Been Kissed (1999)"
REDDRAGON = "Red Dragon (2002)"
BOYZ = "Boyz N the Hood (1991)"
NIKITA = "Femme Nikita, La (Nikita) (1990)"
THREECOLORSBLUE = "Three Colors: Blue (Trois couleurs: Bleu) (1993)"
HOWLS = "Howl's Moving Castle (Hauru no ugoku shiro) (2004)"
BATTLEROYALE = "Battle Royale (Batoru rowaiaru) (2000)"
HERO = "Hero (Ying xiong) (2002)"
DOWNFALL = "Downfall (Untergang, Der) (2004)"
XMASVACATION = "Christmas Vacation (National Lampoon's Christmas Vacation) (1989)"
FIRSTBLOOD = "First Blood (Rambo: First Blood) (1982)"

CONVERSATIONS: dict[str, list[list[dict]]] = {c: [] for c in CATEGORIES}


def add(cat: str, *turns: dict) -> None:
    CONVERSATIONS[cat].append(list(turns))


# ---------------------------------------------------------------- 1. title (issue 21)
# Bare titles typed alone as the first turn, as people type them.
add("title",
    t("se7en", reference=SEVEN, act="answer", asks_which=False),
    t("ok but less grim", reference=SEVEN, critiques=[[LESS, "grim"]], act="answer"))
add("title",
    t("12 monkeys", reference=MONKEYS, act="answer", asks_which=False),
    t("something weirder than that", reference=MONKEYS, critiques=[[MORE, "weirder"]], act="answer"))
add("title",
    t("harry potter and the philosophers stone", reference=HP1, act="answer", asks_which=False,
      note="British title, missing apostrophe; the catalog lists it as an a.k.a."),
    t("darker please", reference=HP1, critiques=[[MORE, "darker"]], act="answer"))
add("title",
    t("the godfather part 2", reference=GF2, act="answer", asks_which=False),
    t("Same sort of thing but less violent.", reference=GF2, critiques=[[LESS, "violent"]], act="answer"))
add("title",
    t("Back to the Future II", reference=BTTF2, act="answer", asks_which=False,
      note="catalog spells it 'Part II'"),
    t("funnier", reference=BTTF2, critiques=[[MORE, "funnier"]], act="answer"))
add("title",
    t("toy story three", reference=TS3, act="answer", asks_which=False, note="number written as a word"),
    t("hmm, more emotional", reference=TS3, critiques=[[MORE, "emotional"]], act="answer"))
add("title",
    t("mad max 2", reference=MADMAX2, act="answer", asks_which=False,
      note="catalog title is 'The Road Warrior' with Mad Max 2 in brackets"),
    t("less bleak", reference=MADMAX2, critiques=[[LESS, "bleak"]], act="answer"))
add("title",
    t("karate kid part II", reference=KK2, act="answer", asks_which=False),
    t("sillier pls", reference=KK2, critiques=[[MORE, "sillier"]], act="answer"))
add("title",
    t("dr strangelove", reference=STRANGELOVE, act="answer", asks_which=False, note="short form, no dot"),
    t("even more satirical", reference=STRANGELOVE, critiques=[[MORE, "satirical"]], act="answer"))
add("title",
    t("Eternal Sunshine", reference=SUNSHINE, act="answer", asks_which=False),
    t("less sad", reference=SUNSHINE, critiques=[[LESS, "sad"]], act="answer"))
add("title",
    t("the girl with the dragon tattoo", reference=DRAGON11, act="answer", asks_which=False, mentions=["2009"],
      note="2011 has 42 ratings, the Swedish 2009 one 25: take 2011 and name 2009"),
    t("no, the 2009 one", reference=DRAGON09, act="answer"))
add("title",
    t("män som hatar kvinnor", reference=DRAGON09, act="answer", asks_which=False,
      note="the original Swedish title picks the 2009 film, not the more-rated 2011 remake"),
    t("more disturbing", reference=DRAGON09, critiques=[[MORE, "disturbing"]], act="answer"))
add("title",
    t("True Grit", reference=TRUEGRIT10, act="answer", asks_which=False, mentions=["1969"],
      note="2010: 28 ratings, 1969: 6"),
    t("something more light-hearted", reference=TRUEGRIT10, critiques=[[MORE, "light-hearted"]], act="answer"))
add("title",
    t("the time machine", reference=TIMEMACHINE02, act="answer", asks_which=False, mentions=["1960"],
      note="2002: 22 ratings, 1960: 8"),
    t("I meant the older one from 1960", reference=TIMEMACHINE60, act="answer"),
    t("cheesier", reference=TIMEMACHINE60, critiques=[[MORE, "cheesier"]], act="answer"))
add("title",
    t("Peter Pan", reference=PETERPAN53, act="answer", asks_which=False, mentions=["2003"],
      note="1953 animated: 41 ratings; 2003: 6; 1960: 1"),
    t("more magical", reference=PETERPAN53, critiques=[[MORE, "magical"]], act="answer"))
add("title",
    t("The Producers", reference=PRODUCERS68, act="answer", asks_which=False, mentions=["2005"],
      note="1968: 33 ratings, 2005 musical: 9"),
    t("Less slapstick", reference=PRODUCERS68, critiques=[[LESS, "slapstick"]], act="answer"))
add("title",
    t("the fog", asks_which=True, act="clarify", mentions=["1980", "2005"],
      note="Fog, The (1980) and Fog, The (2005) have 5 ratings each: genuinely equally likely"),
    t("the carpenter one from 1980", reference="Fog, The (1980)", act="answer",
      note="'carpenter' is a director; the year decides it"),
    t("scarier", reference="Fog, The (1980)", critiques=[[MORE, "scarier"]], act="answer"))
add("title",
    t("101 dalmations", mentions=["1961", "1996"],
      note="typo; 1996 (47 ratings) and 1961 animated (44) are close: either ask, or take 1996 and name 1961"),
    t("the cartoon one, 1961", reference="101 Dalmatians (One Hundred and One Dalmatians) (1961)", act="answer"))
add("title",
    t("Bourne Identity", reference=BOURNE02, act="answer", asks_which=False, mentions=["1988"],
      note="2002: 112 ratings; 1988 TV film: 9"),
    t("more twisty", reference=BOURNE02, critiques=[[MORE, "twisty"]], act="answer"))
add("title",
    t("lola rennt", reference=LOLA, act="answer", asks_which=False, note="original German title"),
    t("less frantic", reference=LOLA, critiques=[[LESS, "frantic"]], act="answer"))
add("title",
    t("das boot", reference=DASBOOT, act="answer", asks_which=False,
      note="catalog moves the article: 'Boot, Das'"),
    t("more claustrophobic", reference=DASBOOT, critiques=[[MORE, "claustrophobic"]], act="answer"))
add("title",
    t("spirted away", reference=SPIRITED, act="answer", asks_which=False, note="one typo"),
    t("scarier", reference=SPIRITED, critiques=[[MORE, "scarier"]], act="answer"))
add("title",
    t("y tu mama tambien", reference=YTUMAMA, act="answer", asks_which=False,
      note="accents missing; the catalog's English title is 'And Your Mother Too'"),
    t("funnier", reference=YTUMAMA, critiques=[[MORE, "funnier"]], act="answer"))
add("title",
    t("ZATOICHI", reference=ZATOICHI, act="answer", asks_which=False,
      note="all caps; 2003 film has 12 ratings, 'Zatoichi and the Chest of Gold' 1"),
    t("bloodier", reference=ZATOICHI, critiques=[[MORE, "bloodier"]], act="answer"))
add("title",
    t("nightmare on elm street 3", reference=ELM3, act="answer", asks_which=False),
    t("less gory", reference=ELM3, critiques=[[LESS, "gory"]], act="answer"))
add("title",
    t("waking ned", reference=WAKINGNED, act="answer", asks_which=False),
    t("Even more whimsical", reference=WAKINGNED, critiques=[[MORE, "whimsical"]], act="answer"))
add("title",
    t("LXG", reference=LXG, act="answer", asks_which=False),
    t("smarter", reference=LXG, critiques=[[MORE, "smarter"]], act="answer"))
add("title",
    t("The Thing", reference=THING82, act="answer", asks_which=False, mentions=["2011"],
      note="1982: 45 ratings; 2011 prequel: 4"),
    t("less gross", reference=THING82, critiques=[[LESS, "gross"]], act="answer"))
add("title",
    t("Master & Commander", reference=MASTER, act="answer", asks_which=False, note="'&' for 'and', subtitle dropped"),
    t("more action-packed", reference=MASTER, critiques=[[MORE, "action-packed"]], act="answer"))
add("title",
    t("harry potter 3", reference=HP3, act="answer", asks_which=False,
      note="third film of the series: Prisoner of Azkaban"),
    t("less childish", reference=HP3, critiques=[[LESS, "childish"]], act="answer"))
add("title",
    t("Deathly Hallows part 2", reference=HP7B, act="answer", asks_which=False,
      note="series name dropped"),
    t("more epic", reference=HP7B, critiques=[[MORE, "epic"]], act="answer"))
add("title",
    t("kung fu panda II", reference=KFP2, act="answer", asks_which=False, note="roman numeral for the catalog's '2'"),
    t("more for grown-ups", reference=KFP2, act="answer"))
add("title",
    t("MIB 2", reference=MIB2, act="answer", asks_which=False),
    t("goofier", reference=MIB2, critiques=[[MORE, "goofier"]], act="answer"))

# ---------------------------------------------------------------- 2. reference_in_sentence (issue 21)
add("reference_in_sentence",
    t("I watched Gosford Park last night with my mum and we both loved it, could you find something similar but a bit funnier?",
      reference=GOSFORD, critiques=[[MORE, "funnier"]], act="answer"),
    t("and less posh", reference=GOSFORD, critiques=[[LESS, "posh"]], act="answer"))
add("reference_in_sentence",
    t("my flatmate keeps banging on about notting hill, got anything in that vein only less cringey?",
      reference=NOTTINGHILL, critiques=[[LESS, "cringey"]], act="answer"),
    t("and from the 90s too if you can", reference=NOTTINGHILL, years=Y(1990, 1999), shown_years_within=True,
      act="answer"))
add("reference_in_sentence",
    t("Hitchcock's Rope is one of my favourites honestly, I'd like more films like that from before 1960",
      reference=ROPE, years=Y(None, 1959), shown_years_within=True, act="answer"),
    t("more suspenseful", reference=ROPE, critiques=[[MORE, "suspenseful"]], years=Y(None, 1959),
      shown_years_within=True, act="answer"))
add("reference_in_sentence",
    t("Looking for something along the lines of Serpico (1973), gritty cop stuff, but ideally made in the 70s too",
      reference=SERPICO, years=Y(1970, 1979), shown_years_within=True, act="answer"),
    t("grittier", reference=SERPICO, critiques=[[MORE, "grittier"]], years=Y(1970, 1979), shown_years_within=True,
      act="answer", note="the 70s filter set inside the first sentence persists"))
add("reference_in_sentence",
    t("Just finished Sicario and I'm still shaking lol. want something just as tense but way less depressing",
      reference=SICARIO, critiques=[[LESS, "depressing"]], act="answer"),
    t("why the top one?", reference=SICARIO, act="explain"))
add("reference_in_sentence",
    t("so a friend recommended Predestination, which I thought was clever but a bit confusing - anything like it that's less confusing?",
      reference=PREDESTINATION, critiques=[[LESS, "confusing"]], act="answer"),
    t("ok, and newer than that one", reference=PREDESTINATION, years=Y(2015, None), shown_years_within=True,
      act="answer"),
    t("any more?", reference=PREDESTINATION, act="more", not_shown_again=True, years=Y(2015, None),
      shown_years_within=True))
add("reference_in_sentence",
    t("do you have stuff like paprika?? the anime one. i want MORE trippy",
      reference=PAPRIKA, critiques=[[MORE, "trippy"]], act="answer"),
    t("those are all too old, only after 2005", reference=PAPRIKA, years=Y(2006, None),
      shown_years_within=True, act="answer"),
    t("seen the first one", reference=PAPRIKA, act="exclude", years=Y(2006, None), shown_years_within=True),
    t("weirder", reference=PAPRIKA, critiques=[[MORE, "weirder"]], years=Y(2006, None), shown_years_within=True,
      excluded_stays_out=True, act="answer"))
add("reference_in_sentence",
    t("I would be most grateful for a recommendation resembling Casablanca, though perhaps somewhat less melancholy.",
      reference=CASABLANCA, critiques=[[LESS, "melancholy"]], act="answer"),
    t("Thank you. Might you show me a few more?", reference=CASABLANCA, act="more", not_shown_again=True))
add("reference_in_sentence",
    t("We're having a horror night. Cabin in the Woods went down a storm last time, so something like that but scarier and from the 2000s",
      reference=CABIN, critiques=[[MORE, "scarier"]], years=Y(2000, 2009), shown_years_within=True, act="answer"),
    t("fine, any year then", reference=CABIN, years=ANY, act="answer"))
add("reference_in_sentence",
    t("Loved The Station Agent - quiet, small, kind. More of that, and quieter if anything",
      reference=STATIONAGENT, critiques=[[MORE, "quieter"]], act="answer"),
    t("is any of them under 100 mins", reference=STATIONAGENT, act="cannot_judge", critiques=[]))
add("reference_in_sentence",
    t("honestly The Straight Story made me cry in the best way, what else is that gentle but from the 90s?",
      reference=STRAIGHTSTORY, years=Y(1990, 1999), shown_years_within=True, act="answer"),
    t("even more gentle", reference=STRAIGHTSTORY, critiques=[[MORE, "gentle"]], years=Y(1990, 1999),
      shown_years_within=True, act="answer"))
add("reference_in_sentence",
    t("Goodfellas was brilliant but way too violent for my partner; something similar, less violent, after 2000?",
      reference=GOODFELLAS, critiques=[[LESS, "violent"]], years=Y(2001, None), shown_years_within=True, act="answer"),
    t("seen the first two", reference=GOODFELLAS, act="exclude", years=Y(2001, None), shown_years_within=True))
add("reference_in_sentence",
    t("thinking of Marathon Man-type paranoid thrillers, 1970s if poss, more paranoid even",
      reference=MARATHON, years=Y(1970, 1979), critiques=[[MORE, "paranoid"]], shown_years_within=True,
      act="answer"),
    t("the least paranoid of those is fine actually", act="pick",
      picked_rank={"by": "degree", "word": "paranoid", "extreme": "min"}))
add("reference_in_sentence",
    t("My dad's birthday: he adores Silverado and old westerns. Something like Silverado but less cheesy?",
      reference=SILVERADO, critiques=[[LESS, "cheesy"]], act="answer"),
    t("tell me about the second one", reference=SILVERADO, act="about"))
add("reference_in_sentence",
    t("Tank Girl is so underrated imo!!! anything else that chaotic but a little more coherent",
      reference=TANKGIRL, critiques=[[MORE, "coherent"]], act="answer"),
    t("newer than Tank Girl though", reference=TANKGIRL, years=Y(1996, None), shown_years_within=True,
      act="answer"),
    t("the funniest of these then", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"}))
add("reference_in_sentence",
    t("The kids liked Holes, they're 10 and 12 - any films like Holes that are a bit more adventurous?",
      reference=HOLES, critiques=[[MORE, "adventurous"]], act="answer"),
    t("not older than 2000 though", reference=HOLES, years=Y(2000, None), shown_years_within=True, act="answer"))
add("reference_in_sentence",
    t("After watching the Two Towers for the fifth time I want something like it but shorter on battles and longer on talking",
      reference=LOTR2, act="answer",
      note="series name dropped ('the Two Towers'); 'shorter on battles' is a critique of battles, not running time"),
    t("what is the Return of the King like?", reference=LOTR2, act="about", mentions=["2003"],
      note="about a named film; it does not become the current item"))
add("reference_in_sentence",
    t("Good evening. I recently rewatched Lock Stock and would like comparable British crime comedies, but newer, please.",
      reference=LOCKSTOCK, years=Y(1999, None), shown_years_within=True, act="answer",
      note="'Lock Stock' short form without comma/ampersand; 'newer' = strictly after 1998"),
    t("More of those, please.", reference=LOCKSTOCK, act="more", not_shown_again=True, years=Y(1999, None),
      shown_years_within=True))

# ---------------------------------------------------------------- 3. time (issue 21)
add("time",
    t("something like silence of the lambs", reference=SILENCE, act="answer"),
    t("only stuff from the eighties", reference=SILENCE, years=Y(1980, 1989), shown_years_within=True, act="answer"),
    t("creepier", reference=SILENCE, critiques=[[MORE, "creepier"]], years=Y(1980, 1989), shown_years_within=True,
      act="answer", note="the decade filter persists across a critique"))
add("time",
    t("Taxi Driver", reference=TAXIDRIVER, act="answer"),
    t("Could you keep it to films released before 1985?", reference=TAXIDRIVER, years=Y(None, 1984),
      shown_years_within=True, act="answer"),
    t("more violent", reference=TAXIDRIVER, critiques=[[MORE, "violent"]], years=Y(None, 1984),
      shown_years_within=True, act="answer"),
    t("actually forget the date thing, any year is fine", reference=TAXIDRIVER, years=ANY, act="answer"))
add("time",
    t("like inception", reference=INCEPTION, act="answer"),
    t("older than this", reference=INCEPTION, years=Y(None, 2009), shown_years_within=True, act="answer"),
    t("more mind-bending", reference=INCEPTION, critiques=[[MORE, "mind-bending"]], years=Y(None, 2009),
      shown_years_within=True, act="answer"))
add("time",
    t("films like Blade Runner", reference=BLADERUNNER, act="answer"),
    t("newer ones", reference=BLADERUNNER, years=Y(1983, None), shown_years_within=True, act="answer",
      note="Blade Runner is 1982: strictly newer = min 1983"),
    t("less violent", reference=BLADERUNNER, critiques=[[LESS, "violent"]], years=Y(1983, None),
      shown_years_within=True, act="answer"),
    t("ok whenever, any year", reference=BLADERUNNER, years=ANY, act="answer"))
add("time",
    t("ET", reference=ET, act="answer", note="short form of E.T. the Extra-Terrestrial"),
    t("anything from the nineties like that?", reference=ET, years=Y(1990, 1999), shown_years_within=True,
      act="answer"),
    t("make it sillier", reference=ET, critiques=[[MORE, "sillier"]], years=Y(1990, 1999),
      shown_years_within=True, act="answer"))
add("time",
    t("I liked Jaws", reference=JAWS, act="answer",
      note="Jaws (1975): 91 ratings; its numbered sequels are not namesakes"),
    t("made after 1995 please", reference=JAWS, years=Y(1996, None), shown_years_within=True, act="answer"),
    t("less scary", reference=JAWS, critiques=[[LESS, "scary"]], years=Y(1996, None),
      shown_years_within=True, act="answer"))
add("time",
    t("wall-e", reference=WALLE, act="answer"),
    t("something more recent?", reference=WALLE, years=Y(2009, None), shown_years_within=True, act="answer",
      note="'more recent' is a comparator: strictly newer than 2008"),
    t("funnier", reference=WALLE, critiques=[[MORE, "funnier"]], years=Y(2009, None), shown_years_within=True,
      act="answer"))
add("time",
    t("syriana", reference=SYRIANA, act="answer"),
    t("nothing before 2000 ok", reference=SYRIANA, years=Y(2000, None), shown_years_within=True, act="answer"),
    t("but more hopeful", reference=SYRIANA, critiques=[[MORE, "hopeful"]], years=Y(2000, None),
      shown_years_within=True, act="answer"),
    t("now older than this one", reference=SYRIANA, years=Y(2000, 2004), shown_years_within=True, act="answer",
      note="the new upper bound (strictly before 2005) combines with the earlier 'nothing before 2000', "
           "which the user did not change"))
add("time",
    t("Rosencrantz and Guildenstern are dead", reference=ROSENCRANTZ, act="answer"),
    t("classic ones only", reference=ROSENCRANTZ, shown_years_within=True, act="answer",
      note="'classic' has no prescribed bound; the reply must state the bound it chose and keep to it"))
add("time",
    t("the matrix", reference=MATRIX, act="answer"),
    t("what about recent stuff like that", reference=MATRIX, shown_years_within=True, act="answer",
      note="'recent' without comparator: no prescribed bound, but shown items respect whatever bound is stated"))
add("time",
    t("the breakfast club", reference=BREAKFAST, act="answer"),
    t("between 1990 and 1999 only", reference=BREAKFAST, years=Y(1990, 1999), shown_years_within=True, act="answer"),
    t("funnier", reference=BREAKFAST, critiques=[[MORE, "funnier"]], years=Y(1990, 1999), shown_years_within=True,
      act="answer"),
    t("ok no year limit", reference=BREAKFAST, years=ANY, act="answer"))
add("time",
    t("triplets of belleville", reference=BELLEVILLE, act="answer"),
    t("older stuff pls, pre 1980", reference=BELLEVILLE, years=Y(None, 1979), shown_years_within=True,
      act="answer", note="'pre 1980' = before 1980"),
    t("stranger", reference=BELLEVILLE, critiques=[[MORE, "stranger"]], years=Y(None, 1979),
      shown_years_within=True, act="answer"))
add("time",
    t("Grand Illusion", reference=GRANDILLUSION, act="answer"),
    t("from the 40s or 50s", reference=GRANDILLUSION, years=Y(1940, 1959), shown_years_within=True, act="answer"),
    t("more romantic", reference=GRANDILLUSION, critiques=[[MORE, "romantic"]], years=Y(1940, 1959),
      shown_years_within=True, act="answer"))
add("time",
    t("films like Papillon", reference=PAPILLON, act="answer"),
    t("from after 2000", reference=PAPILLON, years=Y(2001, None), shown_years_within=True, act="answer"),
    t("Something like Milk instead", reference=MILK, years=Y(2001, None), shown_years_within=True, act="answer",
      note="a new reference does not clear the year filter"))
add("time",
    t("Memento", reference=MEMENTO, act="answer"),
    t("newer than that", reference=MEMENTO, years=Y(2001, None), shown_years_within=True, act="answer"),
    t("whatever year, doesn't matter", reference=MEMENTO, years=ANY, act="answer"))
add("time",
    t("Any films like Uncle Buck from the noughties?", reference=UNCLEBUCK, years=Y(2000, 2009),
      shown_years_within=True, act="answer", note="'the noughties' = 2000-2009"),
    t("less slapstick, still 2000s", reference=UNCLEBUCK, critiques=[[LESS, "slapstick"]], years=Y(2000, 2009),
      shown_years_within=True, act="answer"))

# ---------------------------------------------------------------- 4. polarity (issue 21)
# Words that carry their own negation keep the user's direction (direction is about the word as typed).
add("polarity",
    t("stuff like clerks", reference=CLERKS, act="answer", note="Clerks (1994); Clerks II (2006) is a sequel, not a namesake"),
    t("more tasteless", reference=CLERKS, critiques=[[MORE, "tasteless"]], act="answer"),
    t("from the 90s only", reference=CLERKS, years=Y(1990, 1999), shown_years_within=True, act="answer"))
add("polarity",
    t("Something like Don Juan DeMarco", reference=DONJUAN, act="answer"),
    t("less joyless please, the last lot were grim", reference=DONJUAN, critiques=[[LESS, "joyless"]],
      act="answer"))
add("polarity",
    t("black sheep", reference=BLACKSHEEP96, act="answer", mentions=["2006"],
      note="1996: 16 ratings, 2006: 3"),
    t("even more witless, I want to switch my brain off", reference=BLACKSHEEP96, critiques=[[MORE, "witless"]],
      act="answer"))
add("polarity",
    t("like terminator 2", reference=T2, act="answer"),
    t("less soulless", reference=T2, critiques=[[LESS, "soulless"]], act="answer"))
add("polarity",
    t("Red Dragon", reference=REDDRAGON, act="answer"),
    t("not quite so bloody", reference=REDDRAGON, critiques=[[LESS, "bloody"]], act="answer"))
add("polarity",
    t("films like [REC]", reference=REC, act="answer"),
    t("free of gore if possible", reference=REC, critiques=[[LESS, "gore"]], act="answer"))
add("polarity",
    t("When Harry Met Sally", reference=HARRYSALLY, act="answer"),
    t("more unromantic actually", reference=HARRYSALLY, critiques=[[MORE, "unromantic"]], act="answer"))
add("polarity",
    t("Fried Green Tomatoes", reference=FRIEDGREEN, act="answer"),
    t("something less unsentimental", reference=FRIEDGREEN, critiques=[[LESS, "unsentimental"]], act="answer",
      note="'less unsentimental' keeps the typed word; it is not 'less sentimental'"))
add("polarity",
    t("pulp fiction", reference=PULP, act="answer"),
    t("nowhere near as cynical", reference=PULP, critiques=[[LESS, "cynical"]], act="answer"))
add("polarity",
    t("The Big Lebowski", reference=LEBOWSKI, act="answer"),
    t("More aimless, like a hangout movie", reference=LEBOWSKI, critiques=[[MORE, "aimless"]], act="answer"))
add("polarity",
    t("2046", reference=FILM2046, act="answer"),
    t("less plotless", reference=FILM2046, critiques=[[LESS, "plotless"]], act="answer"),
    t("and not remotely scary", reference=FILM2046, critiques=[[LESS, "scary"]], act="answer"))
add("polarity",
    t("Meatballs", reference=MEATBALLS, act="answer",
      note="Meatballs (1979): 9 ratings; its numbered sequels are not namesakes"),
    t("zero gross-out humour please", reference=MEATBALLS, critiques=[[LESS, "gross-out"]], act="answer"))
add("polarity",
    t("like love actually", reference=LOVEACTUALLY, act="answer"),
    t("more uplifting and less humorless", reference=LOVEACTUALLY,
      critiques=[[MORE, "uplifting"], [LESS, "humorless"]], act="answer"))

# ---------------------------------------------------------------- 5. cannot_judge (issue 21)
# The bot says plainly what it cannot judge and what it can; it walks nowhere.
add("cannot_judge",
    t("dances with wolves", reference=DANCES, act="answer"),
    t("anything under 90 minutes?", reference=DANCES, act="cannot_judge", critiques=[]),
    t("ok then, more epic", reference=DANCES, critiques=[[MORE, "epic"]], act="answer"))
add("cannot_judge",
    t("Something like Three Colours Blue", reference=THREECOLORSBLUE, act="answer",
      note="British spelling 'Colours'; series and foreign title"),
    t("only ones in French please", reference=THREECOLORSBLUE, act="cannot_judge", critiques=[],
      note="the catalog has no language field"))
add("cannot_judge",
    t("trainspotting", reference=TRAINSPOTTING, act="answer"),
    t("I'd prefer something low budget like that", reference=TRAINSPOTTING, act="cannot_judge", critiques=[]))
add("cannot_judge",
    t("copycat", reference=COPYCAT, act="answer"),
    t("any with Gene Hackman in them?", reference=COPYCAT, act="cannot_judge", critiques=[]),
    t("ok then, more suspenseful", reference=COPYCAT, critiques=[[MORE, "suspenseful"]], act="answer"))
add("cannot_judge",
    t("Boyz n the hood", reference=BOYZ, act="answer"),
    t("same director?", reference=BOYZ, act="cannot_judge", critiques=[]))
add("cannot_judge",
    t("La Femme Nikita", reference=NIKITA, act="answer", note="article in front, as people say it"),
    t("not dubbed, I want the original language", reference=NIKITA, act="cannot_judge", critiques=[]))
add("cannot_judge",
    t("Master and Commander", reference=MASTER, act="answer"),
    t("but not nearly as long, it dragged", reference=MASTER, act="cannot_judge", critiques=[],
      note="running time; not a critique of any attribute"))

# ---------------------------------------------------------------- 6. why (issue 21)
add("why",
    t("something like groundhog day", reference=GROUNDHOG, act="answer"),
    t("why that first one?", reference=GROUNDHOG, act="explain"))
add("why",
    t("like kubo and the two strings but sadder", reference=KUBO, critiques=[[MORE, "sadder"]], act="answer"),
    t("how come you picked number 2", reference=KUBO, act="explain"))
add("why",
    t("Toy Story", reference=TOYSTORY, act="answer"),
    t("Could you explain why you suggested the third one?", reference=TOYSTORY, act="explain"))
add("why",
    t("Dead Man", reference=DEADMAN, act="answer",
      note="Dead Man Walking (1995, 67 ratings) is not a namesake; the exact title Dead Man (1995) wins"),
    t("take the first one", act="pick", picked_rank={"by": "position", "index": 0}),
    t("why this?", act="explain"))
add("why",
    t("Howl's Moving Castle", reference=HOWLS, act="answer"),
    t("less whimsical", reference=HOWLS, critiques=[[LESS, "whimsical"]], act="answer"),
    t("whys the top one less whimsical then??", reference=HOWLS, act="explain"))

# ---------------------------------------------------------------- 7. cards (issue 21): undo
add("cards",
    t("RocknRolla", reference=ROCKNROLLA, act="answer"),
    t("go with the second", act="pick", picked_rank={"by": "position", "index": 1}),
    t("undo that", reference=ROCKNROLLA,
      note="undo restores the previous current item; its card's degree lines are as before the pick"))
add("cards",
    t("Battle Royale", reference=BATTLEROYALE, act="answer"),
    t("more gory and less silly", reference=BATTLEROYALE, critiques=[[MORE, "gory"], [LESS, "silly"]],
      act="answer", note="the card shows both asked attributes' degrees beside the reference's"),
    t("oops go back", reference=BATTLEROYALE,
      note="undo of the critique: the reference's card lines are the same as after the first turn"))
add("cards",
    t("back to the future", reference=BTTF, act="answer"),
    t("more nostalgic", reference=BTTF, critiques=[[MORE, "nostalgic"]], act="answer"),
    t("the 2nd one", act="pick", picked_rank={"by": "position", "index": 1}),
    t("undo", reference=BTTF))

# ---------------------------------------------------------------- 8. more (issue 22)
add("more",
    t("like Incendies", reference=INCENDIES, act="answer"),
    t("ya got anything else", reference=INCENDIES, act="more", not_shown_again=True,
      note="'Anything Else (2003)' is a film with 3 ratings: not a title here"),
    t("seen the 2nd one", reference=INCENDIES, act="exclude"),
    t("more", reference=INCENDIES, act="more", not_shown_again=True, excluded_stays_out=True))
add("more",
    t("Something like the Good the Bad and the Ugly", reference=GOODBADUGLY, act="answer",
      note="articles and comma dropped"),
    t("more please", reference=GOODBADUGLY, act="more", not_shown_again=True),
    t("and a few more", reference=GOODBADUGLY, act="more", not_shown_again=True))
add("more",
    t("fight club", reference=FIGHTCLUB, act="answer"),
    t("others?", reference=FIGHTCLUB, act="more", not_shown_again=True),
    t("more please", reference=FIGHTCLUB, act="more", not_shown_again=True))
add("more",
    t("stuff like Fiddler on the Roof from before 1980", reference=FIDDLER, years=Y(None, 1979),
      shown_years_within=True, act="answer"),
    t("Next ones, please.", reference=FIDDLER, act="more", not_shown_again=True, years=Y(None, 1979),
      shown_years_within=True, note="the year filter still holds for the next page; 'Next (2007)' is a film"))
add("more",
    t("Amadeus", reference=AMADEUS, act="answer"),
    t("keep going", reference=AMADEUS, act="more", not_shown_again=True),
    t("only the ones from before 1990", reference=AMADEUS, years=Y(None, 1989), shown_years_within=True,
      act="answer"))
add("more",
    t("i want something like downfall", reference=DOWNFALL, act="answer"),
    t("less harrowing", reference=DOWNFALL, critiques=[[LESS, "harrowing"]], act="answer"),
    t("Any more like these?", reference=DOWNFALL, act="more", not_shown_again=True,
      note="more of the current answer (the 'less harrowing' one)"))
add("more",
    t("Truman Show", reference=TRUMAN, act="answer", note="article dropped"),
    t("what else have you got", reference=TRUMAN, act="more", not_shown_again=True),
    t("Show me the next batch", reference=TRUMAN, act="more", not_shown_again=True))
add("more",
    t("Films like Life is Beautiful but funnier", reference=LIFEBEAUTIFUL, critiques=[[MORE, "funnier"]],
      act="answer"),
    t("can I see a few more options?", reference=LIFEBEAUTIFUL, act="more", not_shown_again=True))
add("more",
    t("Hero (the Jet Li one)", reference=HERO, act="answer",
      note="actor named only to disambiguate; Hero (Ying xiong) (2002) is the catalog's most-rated 'Hero'"),
    t("gimme more", reference=HERO, act="more", not_shown_again=True))

# ---------------------------------------------------------------- 9. seen (issue 22)
add("seen",
    t("something like Pan's Labyrinth", reference=PANS, act="answer"),
    t("nah seen them all", reference=PANS, act="exclude", not_shown_again=True),
    t("less dark", reference=PANS, critiques=[[LESS, "dark"]], act="answer", excluded_stays_out=True))
add("seen",
    t("Totoro", reference=TOTORO, act="answer", asks_which=False, note="short form of My Neighbor Totoro"),
    t("seen #1 already", reference=TOTORO, act="exclude"),
    t("more", reference=TOTORO, act="more", not_shown_again=True, excluded_stays_out=True))
add("seen",
    t("like Looper", reference=LOOPER, act="answer"),
    t("I've already watched Inception, don't show it", reference=LOOPER, act="exclude",
      note="Inception is excluded; it is not taken as the new reference"),
    t("more mind-bending", reference=LOOPER, critiques=[[MORE, "mind-bending"]], act="answer",
      excluded_stays_out=True))
add("seen",
    t("alien", reference=ALIEN, act="answer"),
    t("not interested in the second one", reference=ALIEN, act="exclude"),
    t("next", reference=ALIEN, act="more", excluded_stays_out=True, not_shown_again=True))
add("seen",
    t("Raiders of the lost ark", reference=RAIDERS, act="answer"),
    t("Seen every one of those, sorry!", reference=RAIDERS, act="exclude", not_shown_again=True),
    t("more exciting then", reference=RAIDERS, critiques=[[MORE, "exciting"]], act="answer",
      excluded_stays_out=True))
add("seen",
    t("Something along the lines of Kill Bill 2", reference=KILLBILL2, act="answer", note="'Vol. 2' said as '2'"),
    t("watched the 3rd and the 4th", reference=KILLBILL2, act="exclude", not_shown_again=True),
    t("bloodier", reference=KILLBILL2, critiques=[[MORE, "bloodier"]], act="answer", excluded_stays_out=True))
add("seen",
    t("Borat", reference=BORAT, act="answer", asks_which=False, note="short form"),
    t("I have seen Bad Santa, take it off", reference=BORAT, act="exclude"),
    t("more offensive", reference=BORAT, critiques=[[MORE, "offensive"]], act="answer", excluded_stays_out=True,
      note="Bad Santa (2003) must not appear"))
add("seen",
    t("christmas vacation", reference=XMASVACATION, act="answer"),
    t("Already seen the last one", reference=XMASVACATION, act="exclude"),
    t("funnier", reference=XMASVACATION, critiques=[[MORE, "funnier"]], act="answer", excluded_stays_out=True))
add("seen",
    t("first blood", reference=FIRSTBLOOD, act="answer", note="Rambo: First Blood"),
    t("been there done that with all of them", reference=FIRSTBLOOD, act="exclude", not_shown_again=True),
    t("ok more serious", reference=FIRSTBLOOD, critiques=[[MORE, "serious"]], act="answer",
      excluded_stays_out=True))
add("seen",
    t("ID4", reference=ID4, act="answer"),
    t("not interested in any of these, show others", reference=ID4, act="exclude", not_shown_again=True),
    t("and something older than ID4", reference=ID4, years=Y(None, 1995), shown_years_within=True,
      excluded_stays_out=True, act="answer"))
add("seen",
    t("Ghost busters", reference=GHOSTBUSTERS, act="answer", mentions=["2016"],
      note="a.k.a. spelling with a space; 1984: 120 ratings, the 2016 remake: 8"),
    t("Ive seen number 2 and number 5", reference=GHOSTBUSTERS, act="exclude"),
    t("scarier", reference=GHOSTBUSTERS, critiques=[[MORE, "scarier"]], act="answer", excluded_stays_out=True),
    t("more", reference=GHOSTBUSTERS, act="more", excluded_stays_out=True, not_shown_again=True))

# ---------------------------------------------------------------- 10. pick_by_description (issue 22)
add("pick_by_description",
    t("stuff like forest gump", reference=FORREST, act="answer"),
    t("the funniest of these", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"},
      note="the reply says which film was taken and why (its estimated degree of funny)"),
    t("why that one?", act="explain"))
add("pick_by_description",
    t("Something like the thing from 1982", reference=THING82, act="answer"),
    t("which of those is the least scary? go with that one", act="pick",
      picked_rank={"by": "degree", "word": "scary", "extreme": "min"}))
add("pick_by_description",
    t("princess bride", reference=PRINCESSBRIDE, act="answer"),
    t("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}),
    t("less romantic", critiques=[[LESS, "romantic"]], act="answer",
      note="walks from the picked film"))
add("pick_by_description",
    t("Something like Apocalypse Now", reference=APOCALYPSE, act="answer"),
    t("I'll take the oldest one of them", act="pick", picked_rank={"by": "year", "extreme": "min"}),
    t("less bleak", critiques=[[LESS, "bleak"]], act="answer",
      note="the critique walks from the picked film, which stays the current item"))
add("pick_by_description",
    t("Sunset Blvd", reference=SUNSETBLVD, act="answer", note="no dot"),
    t("second to last", act="pick", picked_rank={"by": "position", "index": -2}),
    t("undo", reference=SUNSETBLVD))
add("pick_by_description",
    t("films similar to Fried Green Tomatoes", reference=FRIEDGREEN, act="answer"),
    t("Let's go with the last one on the list", act="pick", picked_rank={"by": "position", "index": -1}),
    t("why that?", act="explain"))
add("pick_by_description",
    t("Like Stakeout but from the 90s", reference=STAKEOUT, years=Y(1990, 1999), shown_years_within=True,
      act="answer"),
    t("the one from 1994", act="pick", picked_rank={"by": "year", "equals": 1994},
      note="checkable only when a shown item is from 1994; otherwise the bot says none is"))
add("pick_by_description",
    t("ferris buellers day off", reference=FERRIS, act="answer"),
    t("whichever of those is the most heartwarming", act="pick",
      picked_rank={"by": "degree", "word": "heartwarming", "extreme": "max"}))
add("pick_by_description",
    t("Shrek", reference=SHREK, act="answer"),
    t("the least violent one pls", act="pick", picked_rank={"by": "degree", "word": "violent", "extreme": "min"}),
    t("more like that but funnier", critiques=[[MORE, "funnier"]], act="answer"))
add("pick_by_description",
    t("Something like MASH", reference=MASH, act="answer"),
    t("Which is the most recent? I'll have that.", act="pick", picked_rank={"by": "year", "extreme": "max"}),
    t("tell me about it", act="about"))
add("pick_by_description",
    t("like fargo", reference=FARGO, act="answer"),
    t("the darkest of the bunch", act="pick", picked_rank={"by": "degree", "word": "dark", "extreme": "max"}))
add("pick_by_description",
    t("The Hitchhiker's Guide", reference=HITCHHIKER, act="answer", note="short form of the 2005 title"),
    t("the least silly of these ones", act="pick", picked_rank={"by": "degree", "word": "silly", "extreme": "min"}),
    t("undo", reference=HITCHHIKER))

# ---------------------------------------------------------------- 11. jump (issue 22)
add("jump",
    t("holy grail", reference=HOLYGRAIL, act="answer", note="short form of Monty Python and the Holy Grail"),
    t("something completely different", act="jump",
      note="also a Monty Python film title (28 ratings): here it is the jump control, not a title"))
add("jump",
    t("Like Red Dragon", reference=REDDRAGON, act="answer"),
    t("surprise me", act="jump"),
    t("more", act="more", not_shown_again=True))
add("jump",
    t("i liked a clockwork orange", reference=CLOCKWORK, act="answer"),
    t("meh, bored of these - totally different vibe please", act="jump"))
add("jump",
    t("Uncle Buck", reference=UNCLEBUCK, act="answer"),
    t("whatever, just surprise me", act="jump", note="'Whatever (1998)' is a film: not a title here"))
add("jump",
    t("shawshank", reference=SHAWSHANK, act="answer"),
    t("Could you throw in something out of left field?", act="jump"),
    t("undo", reference=SHAWSHANK))
add("jump",
    t("Never Been Kissed", reference=NEVERKISSED, act="answer"),
    t("Mix it up, give me something nothing like this", act="jump"))
add("jump",
    t("stuff like Alien 3", reference=ALIEN3, act="answer"),
    t("from the 80s", reference=ALIEN3, years=Y(1980, 1989), shown_years_within=True, act="answer"),
    t("something totally random now", act="jump", years=Y(1980, 1989), shown_years_within=True,
      note="the jump leaves the neighbourhood but the year filter the user set still holds"))

# ---------------------------------------------------------------- 12. about (issue 22)
add("about",
    t("like The Station Agent", reference=STATIONAGENT, act="answer"),
    t("Could you tell me a little about number 2?", reference=STATIONAGENT, act="about",
      note="catalog facts only (year, genres, tags, degrees, nearest films); no invented plot"),
    t("and why is it on the list?", reference=STATIONAGENT, act="explain"))
add("about",
    t("something like the usual suspects", reference=USUAL, act="answer"),
    t("what's Syriana like?", reference=USUAL, act="about", mentions=["2005"],
      note="about a named film, which does not become the current item; its year is a catalog fact"))
add("about",
    t("The Sixth Sense", reference=SIXTHSENSE, act="answer"),
    t("tell me about #3", reference=SIXTHSENSE, act="about"))
add("about",
    t("Waking Ned Devine", reference=WAKINGNED, act="answer"),
    t("wot's the first one about", reference=WAKINGNED, act="about"))
add("about",
    t("Something like Scream", reference=SCREAM, act="answer"),
    t("more info on the last one?", reference=SCREAM, act="about"))
add("about",
    t("Hero", reference=HERO, act="answer", mentions=["1992"], note="2002: 38 ratings; 1992: 5"),
    t("What is Battle Royale like?", reference=HERO, act="about", mentions=["2000"]))
add("about",
    t("films like brazil", reference=BRAZIL, act="answer"),
    t("the 4th one - what kind of film is it?", reference=BRAZIL, act="about"),
    t("ok and why is it there", reference=BRAZIL, act="explain"))
add("about",
    t("Like Being John Malkovich", reference=MALKOVICH, act="answer"),
    t("Describe the second film for me, please", reference=MALKOVICH, act="about"))

# ---------------------------------------------------------------- 13. not_a_title (issue 22)
add("not_a_title",
    t("something like Lock Stock", reference=LOCKSTOCK, act="answer"),
    t("the one with the most action", act="pick", picked_rank={"by": "degree", "word": "action", "extreme": "max"},
      note="'One, The (2001)' is a film (14 ratings): not a title here"))
add("not_a_title",
    t("Like Jurassic Park", reference=JURASSIC, act="answer"),
    t("I have seen all of these", reference=JURASSIC, act="exclude", not_shown_again=True),
    t("show me more", reference=JURASSIC, act="more", not_shown_again=True, excluded_stays_out=True))
add("not_a_title",
    t("the dark knight", reference=DARKKNIGHT, act="answer"),
    t("next", reference=DARKKNIGHT, act="more", not_shown_again=True, note="'Next (2007)' is a film: not a title here"))
add("not_a_title",
    t("reservoir dogs", reference=RESERVOIR, act="answer"),
    t("the others?", reference=RESERVOIR, act="more", not_shown_again=True,
      note="'Others, The (2001)' (55 ratings) is a film: not a title here"))
add("not_a_title",
    t("films like robocop", reference=ROBOCOP, act="answer", mentions=["2014"], note="1987: 70 ratings; 2014: 6"),
    t("not those", reference=ROBOCOP, act="exclude", not_shown_again=True),
    t("even more violent", reference=ROBOCOP, critiques=[[MORE, "violent"]], act="answer",
      excluded_stays_out=True))
add("not_a_title",
    t("Gladiator", reference=GLADIATOR, act="answer", mentions=["1992"], note="2000: 170 ratings; 1992: 9"),
    t("the one with the least talking", act="pick",
      picked_rank={"by": "degree", "word": "talking", "extreme": "min"}))
add("not_a_title",
    t("like Don Juan DeMarco", reference=DONJUAN, act="answer"),
    t("More", reference=DONJUAN, act="more", not_shown_again=True, note="'More (1998)' is a film: not a title here"))
add("not_a_title",
    t("Milk", reference=MILK, act="answer", asks_which=False,
      note="exact title Milk (2008); 'Milk Money' is a different title"),
    t("I've watched them", reference=MILK, act="exclude", not_shown_again=True,
      note="'Them (Ils) (2006)' is a film: not a title here"))


def build() -> list[dict]:
    """Number the conversations in category order; every one is in the held-out "final" split."""
    rows = []
    for cat in CATEGORIES:
        for turns in CONVERSATIONS[cat]:
            rows.append({"id": f"{ID_PREFIX}{len(rows) + 1:03d}", "category": cat, "split": "final",
                         "turns": turns})
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {c: len(CONVERSATIONS[c]) for c in CATEGORIES}
    print(f"wrote {len(rows)} conversations to {OUT.name}: {counts}")


if __name__ == "__main__":
    main()
