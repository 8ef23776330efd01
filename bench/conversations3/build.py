"""Third blind conversation set (issues 21 and 22): the conversations as Python data.

Written blind (see README.md): expectations state what a user expects, not what the bot does.
Run `python3 build.py` to regenerate conversations.jsonl (deterministic, byte-identical).
Every conversation is in the "final" split: this whole set is a held-out measurement.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "conversations.jsonl"

# issue 21 kinds, then issue 22 kinds (the order of the numbering)
CATEGORIES = [
    "title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why",
    "more", "seen", "pick_by_description", "jump", "about", "not_a_title", "undo",
]
ISSUE = {c: 21 for c in CATEGORIES[:6]} | {c: 22 for c in CATEGORIES[6:]}

NONE_YEARS = {"min": None, "max": None}


def t(user: str, note: str | None = None, **expect: object) -> dict:
    """One user turn with what an observer must see in the reply."""
    turn: dict = {"user": user, "expect": dict(expect)}
    if note:
        turn["note"] = note
    return turn


def yr(lo: int | None, hi: int | None) -> dict:
    return {"min": lo, "max": hi}


C: list[tuple[str, list[dict]]] = []


def conv(category: str, *turns: dict) -> None:
    assert category in CATEGORIES, category
    C.append((category, list(turns)))


# --------------------------------------------------------------------------------------------
# 1. title: titles as people say them
# --------------------------------------------------------------------------------------------
conv("title",
     t("something like psycho", reference="Psycho (1960)", asks_which=False, mentions=["1998"], act="answer",
       note="bare namesake: the 1960 film has far more ratings; the reply names the 1998 remake"),
     t("a bit less dated", reference="Psycho (1960)", critiques=[[-1, "dated"]]))
conv("title",
     t("I loved Total Recall, got anything similar?", reference="Total Recall (1990)", asks_which=False,
       mentions=["2012"], act="answer"),
     t("less violent though", reference="Total Recall (1990)", critiques=[[-1, "violent"]]))
conv("title",
     t("films like cape fear", reference="Cape Fear (1991)", asks_which=False, mentions=["1962"], act="answer"),
     t("no, I meant the 1962 one", reference="Cape Fear (1962)", act="answer"),
     t("scarier", reference="Cape Fear (1962)", critiques=[[1, "scarier"]]))
conv("title",
     t("King Kong 1933 but scarier", reference="King Kong (1933)", asks_which=False,
       critiques=[[1, "scarier"]], act="answer", note="the year picks the namesake: no question"),
     t("less silly, more thrilling", reference="King Kong (1933)", critiques=[[-1, "silly"], [1, "thrilling"]]))
conv("title",
     t("se7en", reference="Seven (a.k.a. Se7en) (1995)", act="answer"),
     t("same but less grim", reference="Seven (a.k.a. Se7en) (1995)", critiques=[[-1, "grim"]]))
conv("title",
     t("Lola rennt", reference="Run Lola Run (Lola rennt) (1998)", act="answer", note="original German title"),
     t("more romantic", reference="Run Lola Run (Lola rennt) (1998)", critiques=[[1, "romantic"]]))
conv("title",
     t("das boot pls", reference="Boot, Das (Boat, The) (1981)", act="answer"),
     t("something a bit less claustrophobic", reference="Boot, Das (Boat, The) (1981)",
       critiques=[[-1, "claustrophobic"]]))
conv("title",
     t("Anything in the vein of Mad Max 2?", reference="Road Warrior, The (Mad Max 2) (1981)", act="answer",
       note="'Mad Max 2' is the a.k.a. of The Road Warrior, not Mad Max (1979)"),
     t("with more humour", reference="Road Warrior, The (Mad Max 2) (1981)", critiques=[[1, "humour"]]))
conv("title",
     t("y tu mama tambien", reference="And Your Mother Too (Y tu mamá también) (2001)", act="answer",
       note="accents dropped"),
     t("funnier", reference="And Your Mother Too (Y tu mamá también) (2001)", critiques=[[1, "funnier"]]))
conv("title",
     t("my kids adored harry potter and the philosophers stone, what else would they like?",
       reference="Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)",
       act="answer", note="British title, apostrophe dropped"),
     t("less scary for the little one", critiques=[[-1, "scary"]],
       reference="Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)"))
conv("title",
     t("Something like The Bicycle Thief",
       reference="Bicycle Thieves (a.k.a. The Bicycle Thief) (a.k.a. The Bicycle Thieves) (Ladri di biciclette) (1948)",
       act="answer"),
     t("more hopeful please", critiques=[[1, "hopeful"]],
       reference="Bicycle Thieves (a.k.a. The Bicycle Thief) (a.k.a. The Bicycle Thieves) (Ladri di biciclette) (1948)"))
conv("title",
     t("I'm after something like Three Colours: Red", reference="Three Colors: Red (Trois couleurs: Rouge) (1994)",
       act="answer", note="British spelling of Colors"),
     t("a touch more cheerful", reference="Three Colors: Red (Trois couleurs: Rouge) (1994)",
       critiques=[[1, "cheerful"]]))
conv("title",
     t("El laberinto del fauno", reference="Pan's Labyrinth (Laberinto del fauno, El) (2006)", act="answer"),
     t("less brutal", reference="Pan's Labyrinth (Laberinto del fauno, El) (2006)", critiques=[[-1, "brutal"]]))
conv("title",
     t("films like Il Postino", reference="Postman, The (Postino, Il) (1994)", asks_which=False, act="answer",
       note="the Italian title names only the 1994 film, not The Postman (1997)"),
     t("more romantic", reference="Postman, The (Postino, Il) (1994)", critiques=[[1, "romantic"]]))
conv("title",
     t("the godfather part 2", reference="Godfather: Part II, The (1974)", act="answer"),
     t("less slow", reference="Godfather: Part II, The (1974)", critiques=[[-1, "slow"]]))
conv("title",
     t("Star Trek 2", reference="Star Trek II: The Wrath of Khan (1982)", act="answer",
       note="'2' for the Roman II"),
     t("more action", reference="Star Trek II: The Wrath of Khan (1982)", critiques=[[1, "action"]]))
conv("title",
     t("Die Hard II", reference="Die Hard 2 (1990)", act="answer", note="'II' for the Arabic 2"),
     t("funnier", reference="Die Hard 2 (1990)", critiques=[[1, "funnier"]]))
conv("title",
     t("Evil Dead 2", reference="Evil Dead II (Dead by Dawn) (1987)", act="answer"),
     t("gorier!!", reference="Evil Dead II (Dead by Dawn) (1987)", critiques=[[1, "gorier"]]))
conv("title",
     t("what's like the karate kid part two", reference="Karate Kid, Part II, The (1986)", act="answer",
       note="sequel number as a word"),
     t("more romance", reference="Karate Kid, Part II, The (1986)", critiques=[[1, "romance"]]))
conv("title",
     t("Back to the Future 3", reference="Back to the Future Part III (1990)", act="answer"),
     t("more western", reference="Back to the Future Part III (1990)", critiques=[[1, "western"]]))
conv("title",
     t("Nausicaa of the valley of the wind",
       reference="Nausicaä of the Valley of the Wind (Kaze no tani no Naushika) (1984)", act="answer",
       note="diaeresis dropped"),
     t("less preachy", reference="Nausicaä of the Valley of the Wind (Kaze no tani no Naushika) (1984)",
       critiques=[[-1, "preachy"]]))
conv("title",
     t("The Empire Strikes Back", reference="Star Wars: Episode V - The Empire Strikes Back (1980)", act="answer",
       note="series subtitle alone"),
     t("less cheesy", reference="Star Wars: Episode V - The Empire Strikes Back (1980)",
       critiques=[[-1, "cheesy"]]))
conv("title",
     t("recommend me something like the two towers", reference="Lord of the Rings: The Two Towers, The (2002)",
       act="answer"),
     t("more talking, less fighting", reference="Lord of the Rings: The Two Towers, The (2002)",
       critiques=[[1, "talking"], [-1, "fighting"]]))
conv("title",
     t("Dr Strangelove", reference="Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)",
       act="answer", note="short form without the subtitle, no full stop"),
     t("newer", reference="Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)",
       years=yr(1965, None)))
conv("title",
     t("of mice and men", reference="Of Mice and Men (1992)", asks_which=False, mentions=["1939"], act="answer"),
     t("less tragic", reference="Of Mice and Men (1992)", critiques=[[-1, "tragic"]]))
conv("title",
     t("Anyone seen L'Auberge Espagnole? I want something like that",
       reference="Spanish Apartment, The (L'auberge espagnole) (2002)", act="answer",
       note="original French title inside a sentence; a film with few (5) ratings"),
     t("more romantic", reference="Spanish Apartment, The (L'auberge espagnole) (2002)",
       critiques=[[1, "romantic"]]))
conv("title",
     t("Shawshenk Redemption", reference="Shawshank Redemption, The (1994)", act="answer", note="one typo"),
     t("less depressing", reference="Shawshank Redemption, The (1994)", critiques=[[-1, "depressing"]]))
conv("title",
     t("Gladiator", reference="Gladiator (2000)", asks_which=False, mentions=["1992"], act="answer"),
     t("more epic", reference="Gladiator (2000)", critiques=[[1, "epic"]]))
conv("title",
     t("something like THE MASK", reference="Mask, The (1994)", asks_which=False, mentions=["1985"], act="answer",
       note="article-only namesake Mask (1985)"),
     t("less slapstick", reference="Mask, The (1994)", critiques=[[-1, "slapstick"]]))
conv("title",
     t("Sabrina", reference="Sabrina (1995)", asks_which=False, mentions=["1954"], act="answer",
       note="54 vs 30 ratings: not close enough to ask"),
     t("I meant the 1954 version", reference="Sabrina (1954)", act="answer"))

# --------------------------------------------------------------------------------------------
# 2. reference_in_sentence
# --------------------------------------------------------------------------------------------
conv("reference_in_sentence",
     t("something from the 80s kind of like Heathers but less mean-spirited", reference="Heathers (1989)",
       years=yr(1980, 1989), critiques=[[-1, "mean-spirited"]], shown_years_within=True, act="answer"),
     t("funnier", reference="Heathers (1989)", critiques=[[1, "funnier"]], years=yr(1980, 1989)))
conv("reference_in_sentence",
     t("Honestly I thought Badlands dragged a bit, so something like it but more fast-paced",
       reference="Badlands (1973)", critiques=[[1, "fast-paced"]], act="answer"),
     t("ok and less violent", reference="Badlands (1973)", critiques=[[-1, "violent"]]))
conv("reference_in_sentence",
     t("my wife and I watched The Conversation (1974) last night and loved how paranoid it was - anything "
       "similar but newer?", reference="Conversation, The (1974)", years=yr(1975, None), act="answer",
       shown_years_within=True, note="'paranoid' is praise of the reference; it may or may not be read as a critique"),
     t("any year is fine actually", reference="Conversation, The (1974)", years=NONE_YEARS))
conv("reference_in_sentence",
     t("could you find me a film along the lines of Breaking Away, only funnier and made before 1985",
       reference="Breaking Away (1979)", critiques=[[1, "funnier"]], years=yr(None, 1984), shown_years_within=True,
       act="answer"),
     t("thanks!", reference="Breaking Away (1979)", years=yr(None, 1984)))
conv("reference_in_sentence",
     t("Secondhand Lions was sweet but way too sentimental for me. similar but less sentimental please",
       reference="Secondhand Lions (2003)", critiques=[[-1, "sentimental"]], act="answer"),
     t("more adventure", reference="Secondhand Lions (2003)", critiques=[[1, "adventure"]]))
conv("reference_in_sentence",
     t("after 2005, something like Inside Man but more twisty", reference="Inside Man (2006)",
       years=yr(2006, None), critiques=[[1, "twisty"]], shown_years_within=True, act="answer"),
     t("less talky", reference="Inside Man (2006)", critiques=[[-1, "talky"]], years=yr(2006, None),
       shown_years_within=True))
conv("reference_in_sentence",
     t("Serial Mom is my guilty pleasure, give me more like that but gorier", reference="Serial Mom (1994)",
       critiques=[[1, "gorier"]], act="answer"),
     t("ha, now more campy", reference="Serial Mom (1994)", critiques=[[1, "campy"]]))
conv("reference_in_sentence",
     t("Ive been rewatching the Hudsucker Proxy and want something in that style but darker, nothing before 1990",
       reference="Hudsucker Proxy, The (1994)", critiques=[[1, "darker"]], years=yr(1990, None),
       shown_years_within=True, act="answer"),
     t("and quirkier", reference="Hudsucker Proxy, The (1994)", critiques=[[1, "quirkier"]], years=yr(1990, None)))
conv("reference_in_sentence",
     t("Not sure if this makes sense, but: Limitless, except smarter", reference="Limitless (2011)",
       critiques=[[1, "smarter"]], act="answer"),
     t("even smarter", reference="Limitless (2011)", critiques=[[1, "smarter"]]))
conv("reference_in_sentence",
     t("Like Easy A but from the eighties", reference="Easy A (2010)", years=yr(1980, 1989),
       shown_years_within=True, act="answer"),
     t("more romantic", reference="Easy A (2010)", critiques=[[1, "romantic"]], years=yr(1980, 1989)))
conv("reference_in_sentence",
     t("Looking for a less violent version of Goodfellas from the seventies", reference="Goodfellas (1990)",
       critiques=[[-1, "violent"]], years=yr(1970, 1979), shown_years_within=True, act="answer"),
     t("funnier", reference="Goodfellas (1990)", critiques=[[1, "funnier"]], years=yr(1970, 1979)))
conv("reference_in_sentence",
     t("Purple Rose of Cairo vibes, but more romantic if possible", reference="Purple Rose of Cairo, The (1985)",
       critiques=[[1, "romantic"]], act="answer", note="article dropped"),
     t("less whimsical", reference="Purple Rose of Cairo, The (1985)", critiques=[[-1, "whimsical"]]))
conv("reference_in_sentence",
     t("something like Swingers", reference="Swingers (1996)", act="answer"),
     t("actually more like Reality Bites, but sadder", reference="Reality Bites (1994)",
       critiques=[[1, "sadder"]], act="answer", note="the new reference replaces Swingers; the critique applies to it"))
conv("reference_in_sentence",
     t("For a rainy Sunday: anything similar to Kramer vs Kramer but a little less depressing, 1970s or 80s is fine",
       reference="Kramer vs. Kramer (1979)", critiques=[[-1, "depressing"]], years=yr(1970, 1989),
       shown_years_within=True, act="answer"),
     t("more heartwarming", reference="Kramer vs. Kramer (1979)", critiques=[[1, "heartwarming"]],
       years=yr(1970, 1989)))
conv("reference_in_sentence",
     t("Phone Booth was tense as hell!! more like that but even tenser", reference="Phone Booth (2002)",
       critiques=[[1, "tenser"]], act="answer"),
     t("less preachy", reference="Phone Booth (2002)", critiques=[[-1, "preachy"]]))
conv("reference_in_sentence",
     t("Child's Play scared me silly as a kid lol. something like that but scarier and newer",
       reference="Child's Play (1988)", critiques=[[1, "scarier"]], years=yr(1989, None), shown_years_within=True,
       act="answer"),
     t("less cheesy", reference="Child's Play (1988)", critiques=[[-1, "cheesy"]], years=yr(1989, None)))

# --------------------------------------------------------------------------------------------
# 3. time
# --------------------------------------------------------------------------------------------
conv("time",
     t("Something like Fargo", reference="Fargo (1996)", act="answer"),
     t("from the nineties please", reference="Fargo (1996)", years=yr(1990, 1999), shown_years_within=True,
       act="answer"),
     t("darker", reference="Fargo (1996)", critiques=[[1, "darker"]], years=yr(1990, 1999),
       shown_years_within=True, note="the year filter persists across turns"))
conv("time",
     t("films similar to Amadeus", reference="Amadeus (1984)", act="answer"),
     t("newer than this", reference="Amadeus (1984)", years=yr(1985, None), shown_years_within=True),
     t("any year is fine", reference="Amadeus (1984)", years=NONE_YEARS))
conv("time",
     t("like Rushmore", reference="Rushmore (1998)", act="answer"),
     t("only stuff made before 1980", reference="Rushmore (1998)", years=yr(None, 1979), shown_years_within=True),
     t("funnier", reference="Rushmore (1998)", critiques=[[1, "funnier"]], years=yr(None, 1979),
       shown_years_within=True))
conv("time",
     t("Brazil (1985) is a favourite of mine", reference="Brazil (1985)"),
     t("nothing older than 1995 though", reference="Brazil (1985)", years=yr(1995, None), shown_years_within=True),
     t("less bleak", reference="Brazil (1985)", critiques=[[-1, "bleak"]], years=yr(1995, None),
       shown_years_within=True))
conv("time",
     t("something like Delicatessen", reference="Delicatessen (1991)", act="answer"),
     t("made between 1985 and 1995", reference="Delicatessen (1991)", years=yr(1985, 1995),
       shown_years_within=True))
conv("time",
     t("Big Fish", reference="Big Fish (2003)", act="answer"),
     t("older than this one", reference="Big Fish (2003)", years=yr(None, 2002), shown_years_within=True),
     t("more magical", reference="Big Fish (2003)", critiques=[[1, "magical"]], years=yr(None, 2002)))
conv("time",
     t("films like zodiac", reference="Zodiac (2007)", act="answer"),
     t("from the 2010s", reference="Zodiac (2007)", years=yr(2010, 2019), shown_years_within=True))
conv("time",
     t("Being John Malkovich", reference="Being John Malkovich (1999)", act="answer"),
     t("something recent please", reference="Being John Malkovich (1999)", act="answer",
       note="'recent' has no fixed bound: a correct reply keeps to the newest years of the catalog (it ends "
       "in 2018) and says so; no year bound is prescribed"),
     t("whatever year, doesn't matter", reference="Being John Malkovich (1999)", years=NONE_YEARS))
conv("time",
     t("like Dogma", reference="Dogma (1999)", act="answer"),
     t("made after 2000", reference="Dogma (1999)", years=yr(2001, None), shown_years_within=True),
     t("more irreverent", reference="Dogma (1999)", critiques=[[1, "irreverent"]], years=yr(2001, None)))
conv("time",
     t("clerks", reference="Clerks (1994)", act="answer"),
     t("no later than 1999 pls", reference="Clerks (1994)", years=yr(None, 1999), shown_years_within=True),
     t("forget the year restriction", reference="Clerks (1994)", years=NONE_YEARS))
conv("time",
     t("similar to Trainspotting", reference="Trainspotting (1996)", act="answer",
       note="T2: Trainspotting (2017) is a sequel, not a namesake"),
     t("from 2000 on", reference="Trainspotting (1996)", years=yr(2000, None), shown_years_within=True))
conv("time",
     t("the bone collector", reference="Bone Collector, The (1999)", act="answer"),
     t("more recent", reference="Bone Collector, The (1999)", years=yr(2000, None), shown_years_within=True),
     t("less grisly", reference="Bone Collector, The (1999)", critiques=[[-1, "grisly"]], years=yr(2000, None),
       shown_years_within=True))
conv("time",
     t("Jumpin' Jack Flash", reference="Jumpin' Jack Flash (1986)", act="answer"),
     t("older", reference="Jumpin' Jack Flash (1986)", years=yr(None, 1985), shown_years_within=True),
     t("any era is ok", reference="Jumpin' Jack Flash (1986)", years=NONE_YEARS))
conv("time",
     t("donnie darko", reference="Donnie Darko (2001)", act="answer"),
     t("something from the 80's", reference="Donnie Darko (2001)", years=yr(1980, 1989), shown_years_within=True),
     t("actually make that the 90's", reference="Donnie Darko (2001)", years=yr(1990, 1999),
       shown_years_within=True, note="a new decade replaces the old one"))
conv("time",
     t("like Groundhog Day", reference="Groundhog Day (1993)", act="answer"),
     t("pre-1990 please", reference="Groundhog Day (1993)", years=yr(None, 1989), shown_years_within=True))
conv("time",
     t("The Princess Bride", reference="Princess Bride, The (1987)", act="answer"),
     t("since 2010", reference="Princess Bride, The (1987)", years=yr(2010, None), shown_years_within=True),
     t("less silly", reference="Princess Bride, The (1987)", critiques=[[-1, "silly"]], years=yr(2010, None),
       shown_years_within=True))
conv("time",
     t("something like The Sixth Sense", reference="Sixth Sense, The (1999)", act="answer"),
     t("from the noughties", reference="Sixth Sense, The (1999)", years=yr(2000, 2009), shown_years_within=True,
       note="British 'noughties' = 2000-2009"))
conv("time",
     t("Ed Wood", reference="Ed Wood (1994)", act="answer"),
     t("only classics please", reference="Ed Wood (1994)", act="answer",
       note="'classics' has no fixed bound: a correct reply restricts to older, well-regarded films and says so; "
       "no year bound is prescribed"),
     t("ok no restriction on the year", reference="Ed Wood (1994)", years=NONE_YEARS))

# --------------------------------------------------------------------------------------------
# 4. polarity: words carrying their own negation keep the user's direction
# --------------------------------------------------------------------------------------------
conv("polarity",
     t("like dumb and dumber", reference="Dumb & Dumber (Dumb and Dumber) (1994)", act="answer"),
     t("even more gormless", reference="Dumb & Dumber (Dumb and Dumber) (1994)", critiques=[[1, "gormless"]],
       note="British 'gormless' = stupid: more of it"),
     t("ok now less gormless", reference="Dumb & Dumber (Dumb and Dumber) (1994)", critiques=[[-1, "gormless"]]))
conv("polarity",
     t("Memento", reference="Memento (2000)", act="answer"),
     t("less joyless", reference="Memento (2000)", critiques=[[-1, "joyless"]]))
conv("polarity",
     t("Magnolia", reference="Magnolia (1999)", act="answer"),
     t("not so gloomy", reference="Magnolia (1999)", critiques=[[-1, "gloomy"]]))
conv("polarity",
     t("the big lebowski", reference="Big Lebowski, The (1998)", act="answer"),
     t("more aimless", reference="Big Lebowski, The (1998)", critiques=[[1, "aimless"]]))
conv("polarity",
     t("films like a clockwork orange", reference="Clockwork Orange, A (1971)", act="answer"),
     t("without the violence", reference="Clockwork Orange, A (1971)", critiques=[[-1, "violence"]]))
conv("polarity",
     t("Groundhog Day", reference="Groundhog Day (1993)", act="answer"),
     t("something more unsentimental", reference="Groundhog Day (1993)", critiques=[[1, "unsentimental"]]))
conv("polarity",
     t("Scary Movie 3", reference="Scary Movie 3 (2003)", act="answer"),
     t("a bit less witless", reference="Scary Movie 3 (2003)", critiques=[[-1, "witless"]]))
conv("polarity",
     t("donnie darko", reference="Donnie Darko (2001)", act="answer"),
     t("less incomprehensible", reference="Donnie Darko (2001)", critiques=[[-1, "incomprehensible"]]))
conv("polarity",
     t("pirates of the caribbean curse of the black pearl",
       reference="Pirates of the Caribbean: The Curse of the Black Pearl (2003)", act="answer"),
     t("nothing too cartoonish", reference="Pirates of the Caribbean: The Curse of the Black Pearl (2003)",
       critiques=[[-1, "cartoonish"]]))
conv("polarity",
     t("Kill Bill Vol 1", reference="Kill Bill: Vol. 1 (2003)", act="answer"),
     t("minus the gore", reference="Kill Bill: Vol. 1 (2003)", critiques=[[-1, "gore"]]))
conv("polarity",
     t("The Sixth Sense", reference="Sixth Sense, The (1999)", act="answer"),
     t("not remotely as creepy", reference="Sixth Sense, The (1999)", critiques=[[-1, "creepy"]]))
conv("polarity",
     t("dogma", reference="Dogma (1999)", act="answer"),
     t("less tasteless", reference="Dogma (1999)", critiques=[[-1, "tasteless"]]))
conv("polarity",
     t("star trek the motion picture", reference="Star Trek: The Motion Picture (1979)", act="answer"),
     t("same vibe but less lifeless", reference="Star Trek: The Motion Picture (1979)",
       critiques=[[-1, "lifeless"]]))
conv("polarity",
     t("Eternal Sunshine", reference="Eternal Sunshine of the Spotless Mind (2004)", act="answer",
       note="short form"),
     t("a bit less hopeless", reference="Eternal Sunshine of the Spotless Mind (2004)",
       critiques=[[-1, "hopeless"]]))
conv("polarity",
     t("Ferris Bueller's Day Off", reference="Ferris Bueller's Day Off (1986)", act="answer"),
     t("more carefree", reference="Ferris Bueller's Day Off (1986)", critiques=[[1, "carefree"]],
       note="'carefree' is a positive quality: more of it, not less care"))

# --------------------------------------------------------------------------------------------
# 5. cannot_judge: running time, budget, actors, directors, language
# --------------------------------------------------------------------------------------------
conv("cannot_judge",
     t("Forrest Gump", reference="Forrest Gump (1994)", act="answer"),
     t("but shorter", reference="Forrest Gump (1994)", act="cannot_judge", critiques=[]))
conv("cannot_judge",
     t("usual suspects", reference="Usual Suspects, The (1995)", act="answer"),
     t("under 100 minutes please", reference="Usual Suspects, The (1995)", act="cannot_judge", critiques=[]))
conv("cannot_judge",
     t("E.T.", reference="E.T. the Extra-Terrestrial (1982)", act="answer"),
     t("something with Julia Roberts in it", reference="E.T. the Extra-Terrestrial (1982)", act="cannot_judge",
       critiques=[], note="no tag names this actor"))
conv("cannot_judge",
     t("jurassic park", reference="Jurassic Park (1993)", act="answer"),
     t("one directed by Ridley Scott", reference="Jurassic Park (1993)", act="cannot_judge", critiques=[],
       note="no tag names this director"))
conv("cannot_judge",
     t("Spirited Away", reference="Spirited Away (Sen to Chihiro no kamikakushi) (2001)", act="answer"),
     t("only ones in Japanese", reference="Spirited Away (Sen to Chihiro no kamikakushi) (2001)",
       act="cannot_judge", critiques=[]))
conv("cannot_judge",
     t("Inside Man", reference="Inside Man (2006)", act="answer"),
     t("something that cost less than ten million dollars to make", reference="Inside Man (2006)",
       act="cannot_judge", critiques=[]))
conv("cannot_judge",
     t("Amores Perros", reference="Amores Perros (Love's a Bitch) (2000)", act="answer"),
     t("in Spanish too if you can", reference="Amores Perros (Love's a Bitch) (2000)", act="cannot_judge",
       critiques=[]))
conv("cannot_judge",
     t("Fargo", reference="Fargo (1996)", act="answer"),
     t("with Frances McDormand again", reference="Fargo (1996)", act="cannot_judge", critiques=[]),
     t("ok then just funnier", reference="Fargo (1996)", critiques=[[1, "funnier"]], act="answer"))

# --------------------------------------------------------------------------------------------
# 6. why
# --------------------------------------------------------------------------------------------
conv("why",
     t("Groundhog Day", reference="Groundhog Day (1993)", act="answer"),
     t("why?", reference="Groundhog Day (1993)", act="explain"),
     t("why the third one?", reference="Groundhog Day (1993)", act="explain"))
conv("why",
     t("something like Amadeus", reference="Amadeus (1984)", act="answer"),
     t("how come you picked that first one", reference="Amadeus (1984)", act="explain"))
conv("why",
     t("big fish", reference="Big Fish (2003)", act="answer"),
     t("more whimsical", reference="Big Fish (2003)", critiques=[[1, "whimsical"]]),
     t("why that one?", reference="Big Fish (2003)", act="explain",
       note="the explanation should give the item's estimated 'whimsical' beside the reference's"))
conv("why",
     t("Memento", reference="Memento (2000)", act="answer"),
     t("why is number 2 on there", reference="Memento (2000)", act="explain"))
conv("why",
     t("Delicatessen", reference="Delicatessen (1991)", act="answer"),
     t("what's the connection between #4 and Delicatessen?", reference="Delicatessen (1991)", act="explain"))
conv("why",
     t("Zodiac", reference="Zodiac (2007)", act="answer"),
     t("Explain your reasoning for the last one", reference="Zodiac (2007)", act="explain"))
conv("why",
     t("WALL-E", reference="WALL·E (2008)", act="answer", note="hyphen for the interpunct"),
     t("wait why did u suggest that", reference="WALL·E (2008)", act="explain"))
conv("why",
     t("Heathers", reference="Heathers (1989)", act="answer"),
     t("number 2", act="pick"),
     t("why this one?", act="explain", note="explains the picked item (now current) against Heathers"))

# --------------------------------------------------------------------------------------------
# 7. more (issue 22)
# --------------------------------------------------------------------------------------------
conv("more",
     t("Coach Carter", reference="Coach Carter (2005)", act="answer"),
     t("show me more", reference="Coach Carter (2005)", act="more", not_shown_again=True),
     t("any others?", reference="Coach Carter (2005)", act="more", not_shown_again=True))
conv("more",
     t("Enchanted", reference="Enchanted (2007)", act="answer"),
     t("next please", reference="Enchanted (2007)", act="more", not_shown_again=True))
conv("more",
     t("something like Wonder Woman 2017", reference="Wonder Woman (2017)", act="answer"),
     t("got any more", reference="Wonder Woman (2017)", act="more", not_shown_again=True))
conv("more",
     t("127 Hours", reference="127 Hours (2010)", act="answer"),
     t("keep em coming", reference="127 Hours (2010)", act="more", not_shown_again=True))
conv("more",
     t("inside man", reference="Inside Man (2006)", act="answer"),
     t("other options?", reference="Inside Man (2006)", act="more", not_shown_again=True))
conv("more",
     t("Moana", reference="Moana (2016)", act="answer"),
     t("funnier", reference="Moana (2016)", critiques=[[1, "funnier"]]),
     t("more", reference="Moana (2016)", act="more", not_shown_again=True,
       note="bare 'more' after a list: the next items of the same (funnier) answer"))
conv("more",
     t("In the Mood for Love", reference="In the Mood For Love (Fa yeung nin wa) (2000)", act="answer"),
     t("I'd like to see a few more suggestions", reference="In the Mood For Love (Fa yeung nin wa) (2000)",
       act="more", not_shown_again=True))
conv("more",
     t("Henry V", reference="Henry V (1989)", act="answer"),
     t("what else have you got?", reference="Henry V (1989)", act="more", not_shown_again=True),
     t("and after those?", reference="Henry V (1989)", act="more", not_shown_again=True))

# --------------------------------------------------------------------------------------------
# 8. seen / not interested
# --------------------------------------------------------------------------------------------
conv("seen",
     t("The Breakfast Club", reference="Breakfast Club, The (1985)", act="answer"),
     t("seen them all", reference="Breakfast Club, The (1985)", act="exclude", excluded_stays_out=True,
       not_shown_again=True))
conv("seen",
     t("fargo", reference="Fargo (1996)", act="answer"),
     t("I've already watched the second one", reference="Fargo (1996)", act="exclude", excluded_stays_out=True),
     t("more", reference="Fargo (1996)", act="more", excluded_stays_out=True, not_shown_again=True))
conv("seen",
     t("Goodfellas", reference="Goodfellas (1990)", act="answer"),
     t("not interested in #1", reference="Goodfellas (1990)", act="exclude", excluded_stays_out=True))
conv("seen",
     t("lost in translation", reference="Lost in Translation (2003)", act="answer"),
     t("I've already seen Her (2013)", reference="Lost in Translation (2003)", act="exclude",
       excluded_stays_out=True, note="Her (2013) is excluded whether or not it was shown; it is not the new reference"),
     t("more", reference="Lost in Translation (2003)", act="more", excluded_stays_out=True))
conv("seen",
     t("Clerks", reference="Clerks (1994)", act="answer"),
     t("watched all of these, next", reference="Clerks (1994)", act="exclude", excluded_stays_out=True,
       not_shown_again=True))
conv("seen",
     t("Ed Wood", reference="Ed Wood (1994)", act="answer"),
     t("seen 1, 2 and 4", reference="Ed Wood (1994)", act="exclude", excluded_stays_out=True))
conv("seen",
     t("The Shawshank Redemption", reference="Shawshank Redemption, The (1994)", act="answer"),
     t("please stop suggesting Forrest Gump, I've seen it a hundred times",
       reference="Shawshank Redemption, The (1994)", act="exclude", excluded_stays_out=True,
       note="Forrest Gump is excluded, not taken as the new reference"))
conv("seen",
     t("princess bride", reference="Princess Bride, The (1987)", act="answer"),
     t("nah, been there done that with all of those", reference="Princess Bride, The (1987)", act="exclude",
       excluded_stays_out=True, not_shown_again=True))
conv("seen",
     t("Jurassic Park", reference="Jurassic Park (1993)", act="answer"),
     t("not the last one", reference="Jurassic Park (1993)", act="exclude", excluded_stays_out=True),
     t("scarier", reference="Jurassic Park (1993)", critiques=[[1, "scarier"]], excluded_stays_out=True))

# --------------------------------------------------------------------------------------------
# 9. pick_by_description
# --------------------------------------------------------------------------------------------
conv("pick_by_description",
     t("ferris bueller's day off", reference="Ferris Bueller's Day Off (1986)", act="answer"),
     t("the funniest of these", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"}))
conv("pick_by_description",
     t("The Sixth Sense", reference="Sixth Sense, The (1999)", act="answer"),
     t("the least scary one", act="pick", picked_rank={"by": "degree", "word": "scary", "extreme": "min"}))
conv("pick_by_description",
     t("Back to the Future", reference="Back to the Future (1985)", act="answer",
       note="Part II and Part III are sequels, not namesakes"),
     t("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}))
conv("pick_by_description",
     t("Amadeus", reference="Amadeus (1984)", act="answer"),
     t("the oldest of those", act="pick", picked_rank={"by": "year", "extreme": "min"}))
conv("pick_by_description",
     t("Groundhog Day", reference="Groundhog Day (1993)", act="answer"),
     t("second to last", act="pick", picked_rank={"by": "position", "index": -2}))
conv("pick_by_description",
     t("Monsters Inc", reference="Monsters, Inc. (2001)", act="answer"),
     t("gimme the last one", act="pick", picked_rank={"by": "position", "index": -1}),
     t("funnier", critiques=[[1, "funnier"]], note="the critique now applies to the picked film"))
conv("pick_by_description",
     t("Clerks", reference="Clerks (1994)", act="answer"),
     t("which of these is the most romantic? I'll take that", act="pick",
       picked_rank={"by": "degree", "word": "romantic", "extreme": "max"}))
conv("pick_by_description",
     t("trainspotting", reference="Trainspotting (1996)", act="answer"),
     t("the darkest one pls", act="pick", picked_rank={"by": "degree", "word": "dark", "extreme": "max"}))
conv("pick_by_description",
     t("Being John Malkovich", reference="Being John Malkovich (1999)", act="answer"),
     t("the one from 1999", act="pick", picked_rank={"by": "year", "equals": 1999},
       note="assumes a 1999 film other than the reference is among those shown; if none is, a correct reply "
       "says that no shown film is from 1999 (then this turn is not scored)"))
conv("pick_by_description",
     t("Se7en", reference="Seven (a.k.a. Se7en) (1995)", act="answer"),
     t("the least gory", act="pick", picked_rank={"by": "degree", "word": "gory", "extreme": "min"}))

# --------------------------------------------------------------------------------------------
# 10. jump
# --------------------------------------------------------------------------------------------
conv("jump",
     t("Schindler's List", reference="Schindler's List (1993)", act="answer"),
     t("something completely different", act="jump"))
conv("jump",
     t("shrek 2", reference="Shrek 2 (2004)", act="answer"),
     t("surprise me", act="jump"))
conv("jump",
     t("terminator 2", reference="Terminator 2: Judgment Day (1991)", act="answer"),
     t("i'm bored of these, take me somewhere totally different", act="jump"))
conv("jump",
     t("The Big Lebowski", reference="Big Lebowski, The (1998)", act="answer"),
     t("give me a wildcard", act="jump"))
conv("jump",
     t("toy story 2", reference="Toy Story 2 (1999)", act="answer"),
     t("shake things up, something out of left field", act="jump"))
conv("jump",
     t("Goodfellas", reference="Goodfellas (1990)", act="answer"),
     t("Surprise me with something nothing like this", act="jump"))

# --------------------------------------------------------------------------------------------
# 11. about
# --------------------------------------------------------------------------------------------
conv("about",
     t("Amadeus", reference="Amadeus (1984)", act="answer"),
     t("tell me about #3", reference="Amadeus (1984)", act="about"))
conv("about",
     t("Fargo", reference="Fargo (1996)", act="answer"),
     t("what is Memento like?", reference="Fargo (1996)", act="about", mentions=["2000"],
       note="describes Memento (2000) from catalog facts; the current item stays Fargo"))
conv("about",
     t("Heathers", reference="Heathers (1989)", act="answer"),
     t("what's the second one about?", reference="Heathers (1989)", act="about",
       note="catalog facts only (year, genres, tags, neighbours), never invented plot"))
conv("about",
     t("Brazil", reference="Brazil (1985)", act="answer"),
     t("more info on the last one please", reference="Brazil (1985)", act="about",
       note="'more info' is not 'more'"))
conv("about",
     t("rushmore", reference="Rushmore (1998)", act="answer"),
     t("Could you describe number 1 for me?", reference="Rushmore (1998)", act="about"))
conv("about",
     t("Badlands", reference="Badlands (1973)", act="answer"),
     t("what kind of film is Zodiac?", reference="Badlands (1973)", act="about", mentions=["2007"]))
conv("about",
     t("magnolia", reference="Magnolia (1999)", act="answer"),
     t("tell me a bit about the first suggestion", reference="Magnolia (1999)", act="about"))
conv("about",
     t("E.T.", reference="E.T. the Extra-Terrestrial (1982)", act="answer"),
     t("so what's #4 like then", reference="E.T. the Extra-Terrestrial (1982)", act="about"))

# --------------------------------------------------------------------------------------------
# 12. not_a_title: list phrases that must not be read as titles
# --------------------------------------------------------------------------------------------
conv("not_a_title",
     t("Shrek", reference="Shrek (2001)", act="answer"),
     t("the one with the most action", act="pick",
       picked_rank={"by": "degree", "word": "action", "extreme": "max"},
       note="trap: One, The (2001) must not become the reference"))
conv("not_a_title",
     t("Toy Story", reference="Toy Story (1995)", act="answer"),
     t("I've seen all of these", reference="Toy Story (1995)", act="exclude", excluded_stays_out=True,
       not_shown_again=True))
conv("not_a_title",
     t("Groundhog Day", reference="Groundhog Day (1993)", act="answer"),
     t("none of those, thanks", reference="Groundhog Day (1993)", act="exclude", excluded_stays_out=True,
       not_shown_again=True))
conv("not_a_title",
     t("memento", reference="Memento (2000)", act="answer"),
     t("what about the others?", reference="Memento (2000)", act="more", not_shown_again=True,
       note="trap: Others, The (2001)"))
conv("not_a_title",
     t("Jaws", reference="Jaws (1975)", act="answer"),
     t("tell me about it", reference="Jaws (1975)", act="about", note="trap: It (2017); 'it' is Jaws"))
conv("not_a_title",
     t("Alien", reference="Alien (1979)", act="answer"),
     t("show me what's next", reference="Alien (1979)", act="more", not_shown_again=True,
       note="trap: Next (2007)"))
conv("not_a_title",
     t("Casablanca", reference="Casablanca (1942)", act="answer"),
     t("I'd happily watch them all. Anything else?", reference="Casablanca (1942)", act="more",
       not_shown_again=True, note="trap: Them! (1954); 'them' is the list"))

# --------------------------------------------------------------------------------------------
# 13. undo
# --------------------------------------------------------------------------------------------
conv("undo",
     t("Vertigo", reference="Vertigo (1958)", act="answer"),
     t("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}),
     t("undo", reference="Vertigo (1958)"))
conv("undo",
     t("Rear Window", reference="Rear Window (1954)", act="answer"),
     t("darker", reference="Rear Window (1954)", critiques=[[1, "darker"]]),
     t("undo that", reference="Rear Window (1954)"),
     t("funnier instead", reference="Rear Window (1954)", critiques=[[1, "funnier"]]))
conv("undo",
     t("Jaws", reference="Jaws (1975)", act="answer"),
     t("actually like Jaws 2", reference="Jaws 2 (1978)", act="answer"),
     t("go back", reference="Jaws (1975)"))
conv("undo",
     t("notting hill", reference="Notting Hill (1999)", act="answer"),
     t("seen #1", reference="Notting Hill (1999)", act="exclude", excluded_stays_out=True),
     t("oops, undo that", reference="Notting Hill (1999)",
       note="the exclusion is taken back; the first item may be shown again"))
conv("undo",
     t("Casablanca", reference="Casablanca (1942)", act="answer"),
     t("from the 40s", reference="Casablanca (1942)", years=yr(1940, 1949), shown_years_within=True),
     t("undo", reference="Casablanca (1942)", years=NONE_YEARS))
conv("undo",
     t("Aliens", reference="Aliens (1986)", act="answer"),
     t("the second to last one", act="pick", picked_rank={"by": "position", "index": -2}),
     t("take that back", reference="Aliens (1986)"))
conv("undo",
     t("Chinatown", reference="Chinatown (1974)", act="answer"),
     t("newer than this", reference="Chinatown (1974)", years=yr(1975, None), shown_years_within=True),
     t("less bleak", reference="Chinatown (1974)", critiques=[[-1, "bleak"]], years=yr(1975, None)),
     t("undo", reference="Chinatown (1974)", years=yr(1975, None),
       note="undoing the critique keeps the earlier year filter"))


def build() -> list[dict]:
    order = {c: i for i, c in enumerate(CATEGORIES)}
    ordered = sorted(C, key=lambda ct: order[ct[0]])  # stable: keeps writing order inside a category
    return [{"id": f"t{i:03d}", "category": cat, "split": "final", "turns": turns}
            for i, (cat, turns) in enumerate(ordered, start=1)]


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
                   encoding="utf-8")
    print(f"wrote {len(rows)} conversations to {OUT.name}")


if __name__ == "__main__":
    main()
