"""Fourth blind conversation set (issues 21 and 22), written as Python data.

Written blind on 2026-12-06 by helper session h-blind6: no bot code, docs, tests, other sets or bot
outputs were read; only issues 21/22, bench/conversations/README.md (schema) and the MovieLens CSVs.
Run `python3 build.py` to (re)write conversations.jsonl; every conversation is split "final".
"""
from __future__ import annotations

import json
from pathlib import Path


def T(user: str, note: str | None = None, **expect) -> dict:
    """One user turn with what an observer must see in the reply."""
    turn = {"user": user, "expect": expect}
    if note:
        turn["note"] = note
    return turn


YN = {"min": None, "max": None}


def Y(lo: int | None, hi: int | None) -> dict:
    return {"min": lo, "max": hi}


# ---------------------------------------------------------------- issue 21 kinds
TITLE = [
    # bare titles typed alone as the first turn, then a critique
    [T("gattaca", reference="Gattaca (1997)"), T("bit less cold please", critiques=[[-1, "cold"]], reference="Gattaca (1997)")],
    [T("Insomnia", reference="Insomnia (2002)", mentions=["1997"], asks_which=False), T("darker", critiques=[[1, "darker"]])],
    [T("solaris", reference="Solaris (2002)", mentions=["1972"], asks_which=False), T("the 1972 one", reference="Solaris (Solyaris) (1972)")],
    [T("Solyaris", reference="Solaris (Solyaris) (1972)"), T("less slow", critiques=[[-1, "slow"]])],
    [T("cape fear", reference="Cape Fear (1991)", mentions=["1962"]), T("not so violent", critiques=[[-1, "violent"]], reference="Cape Fear (1991)")],
    [T("crash", reference="Crash (2004)", mentions=["1996"]), T("no, the 96 one", reference="Crash (1996)")],
    [T("hamlet", reference="Hamlet (1996)", mentions=["1990"]), T("shorter", act="cannot_judge", critiques=[], reference="Hamlet (1996)")],
    [T("house of wax", reference="House of Wax (2005)", mentions=["1953"]), T("less gory", critiques=[[-1, "gory"]])],
    [T("Serious Man", reference="Serious Man, A (2009)"), T("less bleak", critiques=[[-1, "bleak"]])],
    [T("descendents", reference="Descendants, The (2011)", note="typo: descendents"), T("happier", critiques=[[1, "happier"]])],
    [T("excotica", reference="Exotica (1994)", note="typo"), T("less erotic", critiques=[[-1, "erotic"]])],
    [T("Tremmors", reference="Tremors (1990)", note="typo"), T("campier", critiques=[[1, "campier"]])],
    # alternate / foreign / a.k.a. forms
    [T("Das Boot", reference="Boot, Das (Boat, The) (1981)"), T("less claustrophobic", critiques=[[-1, "claustrophobic"]])],
    [T("something like Il Postino", reference="Postman, The (Postino, Il) (1994)", asks_which=False), T("more romantic", critiques=[[1, "romantic"]])],
    [T("anything like nikita?", reference="Femme Nikita, La (Nikita) (1990)"), T("more action", critiques=[[1, "action"]])],
    [T("Der Untergang", reference="Downfall (Untergang, Der) (2004)"), T("less grim", critiques=[[-1, "grim"]])],
    [T("Love's a Bitch", reference="Amores Perros (Love's a Bitch) (2000)"), T("less brutal", critiques=[[-1, "brutal"]])],
    [T("nuovo cinema paradiso", reference="Cinema Paradiso (Nuovo cinema Paradiso) (1989)"), T("more nostalgic", critiques=[[1, "nostalgic"]])],
    # series, subtitles, sequel numbering, short forms, punctuation
    [T("Rocky 2", reference="Rocky II (1979)"), T("more training montages", critiques=[[1, "training montages"]])],
    [T("Police Academy II", reference="Police Academy 2: Their First Assignment (1985)"), T("sillier", critiques=[[1, "sillier"]])],
    [T("Thunderdome", reference="Mad Max Beyond Thunderdome (1985)"), T("darker", critiques=[[1, "darker"]])],
    [T("Drunken Master II", reference="Legend of Drunken Master, The (Jui kuen II) (1994)"), T("funnier", critiques=[[1, "funnier"]])],
    [T("three days of the condor", reference="Three Days of the Condor (3 Days of the Condor) (1975)"), T("more paranoid", critiques=[[1, "paranoid"]])],
    [T("Trois couleurs: Rouge", reference="Three Colors: Red (Trois couleurs: Rouge) (1994)"), T("less arty", critiques=[[-1, "arty"]])],
    [T("Kikis Delivery Service", reference="Kiki's Delivery Service (Majo no takkyûbin) (1989)", note="apostrophe missing"), T("more magic", critiques=[[1, "magic"]])],
    [T("Mr Fox", reference="Fantastic Mr. Fox (2009)", note="short form, dot missing"), T("less quirky", critiques=[[-1, "quirky"]])],
    [T("On Stranger Tides", reference="Pirates of the Caribbean: On Stranger Tides (2011)", note="subtitle alone"), T("less ridiculous", critiques=[[-1, "ridiculous"]])],
    [T("guardians of the galaxy vol 2", reference="Guardians of the Galaxy 2 (2017)", note="'Vol. 2' form"), T("less goofy", critiques=[[-1, "goofy"]])],
    [T("KINGSMAN THE GOLDEN CIRCLE", reference="Kingsman: The Golden Circle (2017)"), T("less over the top", critiques=[[-1, "over the top"]])],
    [T("national lampoons christmas vacation", reference="Christmas Vacation (National Lampoon's Christmas Vacation) (1989)"), T("less slapstick", critiques=[[-1, "slapstick"]])],
]

IN_SENTENCE = [
    [T("I loved Boiler Room but want something a bit less macho", reference="Boiler Room (2000)", critiques=[[-1, "macho"]]), T("and from the nineties", years=Y(1990, 1999), shown_years_within=True, reference="Boiler Room (2000)")],
    [T("something from the 80s like Clue but spookier", reference="Clue (1985)", critiques=[[1, "spookier"]], years=Y(1980, 1989), shown_years_within=True), T("what about something like Tremors instead, still 80s", reference="Tremors (1990)", years=Y(1980, 1989), shown_years_within=True, note="the reference changes, the decade stays")],
    [T("my wife and I watched Margin Call last night, we'd like another one like that but less talky", reference="Margin Call (2011)", critiques=[[-1, "talky"]]), T("why #1?", act="explain")],
    [T("Could you suggest films similar to Little Man Tate, only more uplifting?", reference="Little Man Tate (1991)", critiques=[[1, "uplifting"]]), T("more", act="more", not_shown_again=True)],
    [T("Near Dark was great, anything scarier made before 1990?", reference="Near Dark (1987)", critiques=[[1, "scarier"]], years=Y(None, 1989), shown_years_within=True), T("less gory too", critiques=[[-1, "gory"]], years=Y(None, 1989), shown_years_within=True)],
    [T("gimme something like identity but less twisty", reference="Identity (2003)", critiques=[[-1, "twisty"]]), T("Nice. Now same idea but starting from The Faculty and funnier", reference="Faculty, The (1998)", critiques=[[1, "funnier"]])],
    [T("Something along the lines of The Man Who Wasn't There but in colour and funnier", reference="Man Who Wasn't There, The (2001)", critiques=[[1, "funnier"]], note="'in colour' is not a tag the bot needs to understand"), T("what about the coens' budget on that one?", act="cannot_judge", critiques=[])],
    [T("hey so i really liked you can count on me, got anything more hopeful?", reference="You Can Count on Me (2000)", critiques=[[1, "hopeful"]]), T("the oldest of those", act="pick", picked_rank={"by": "year", "extreme": "min"})],
    [T("Looking for a film like Death Becomes Her, less campy please, after 1995", reference="Death Becomes Her (1992)", critiques=[[-1, "campy"]], years=Y(1996, None), shown_years_within=True), T("less campy still", critiques=[[-1, "campy"]], years=Y(1996, None), shown_years_within=True)],
    [T("what would you recommend if I enjoyed Killing Zoe but found it too nasty?", reference="Killing Zoe (1994)", critiques=[[-1, "nasty"]]), T("hmm, seen the top one", act="exclude", excluded_stays_out=True)],
    [T("The Great Race was fun; something like it but from the 1950s", reference="Great Race, The (1965)", years=Y(1950, 1959), shown_years_within=True), T("less slapstick", critiques=[[-1, "slapstick"]], years=Y(1950, 1959), shown_years_within=True)],
    [T("I fancy something like Let Me In, though a touch less bleak", reference="Let Me In (2010)", critiques=[[-1, "bleak"]]), T("Could you tell me about the second one?", act="about")],
    [T("like Heartbreakers, but more romantic and less crude", reference="Heartbreakers (2001)", critiques=[[1, "romantic"], [-1, "crude"]]), T("undo", note="both critiques undone; reference stays Heartbreakers", reference="Heartbreakers (2001)")],
    [T("start me off with Persona, then make it less weird", reference="Persona (1966)", critiques=[[-1, "weird"]]), T("even less weird", critiques=[[-1, "weird"]], reference="Persona (1966)")],
    [T("We just watched 21 Grams. Anything less depressing?", reference="21 Grams (2003)", critiques=[[-1, "depressing"]]),
     T("and newer than that", years=Y(2004, None), shown_years_within=True)],
    [T("show me something like Eagle Eye with more suspense, recent stuff only", reference="Eagle Eye (2008)", critiques=[[1, "suspense"]], shown_years_within=True, note="'recent' has no prescribed bound; a correct reply states the bound it used"), T("more suspense again", critiques=[[1, "suspense"]])],
    [T("ok first turn: Jean de Florette. i want it less tragic", reference="Jean de Florette (1986)", critiques=[[-1, "tragic"]]), T("and before 1980", years=Y(None, 1979), shown_years_within=True)],
]

TIME = [
    [T("Meatballs", reference="Meatballs (1979)"), T("something from the seventies", years=Y(1970, 1979), shown_years_within=True), T("goofier", critiques=[[1, "goofier"]], years=Y(1970, 1979), shown_years_within=True)],
    [T("Beowulf", reference="Beowulf (2007)", mentions=["1999"]), T("older than this", years=Y(None, 2006), shown_years_within=True), T("more epic", critiques=[[1, "epic"]], years=Y(None, 2006), shown_years_within=True)],
    [T("Bob Roberts", reference="Bob Roberts (1992)"), T("anything newer?", years=Y(1993, None), shown_years_within=True), T("more political", critiques=[[1, "political"]], years=Y(1993, None)), T("any year is fine actually", years=YN)],
    [T("Everyone Says I Love You", reference="Everyone Says I Love You (1996)"), T("only films before 1970 please", years=Y(None, 1969), shown_years_within=True), T("less musical", critiques=[[-1, "musical"]], years=Y(None, 1969), shown_years_within=True)],
    [T("When We Were Kings", reference="When We Were Kings (1996)"), T("made after 2000", years=Y(2001, None), shown_years_within=True), T("more inspiring", critiques=[[1, "inspiring"]], years=Y(2001, None), shown_years_within=True)],
    [T("Miami Vice", reference="Miami Vice (2006)"), T("same vibe but from the eighties", years=Y(1980, 1989), shown_years_within=True), T("forget the date limit", years=YN)],
    [T("Prince of Egypt", reference="Prince of Egypt, The (1998)"), T("nineties only", years=Y(1990, 1999), shown_years_within=True), T("less religious", critiques=[[-1, "religious"]], years=Y(1990, 1999)), T("funnier", critiques=[[1, "funnier"]], years=Y(1990, 1999), shown_years_within=True)],
    [T("Conjuring", reference="Conjuring, The (2013)"), T("something classic", shown_years_within=True, note="'classic' has no prescribed bound; a correct reply states the bound it used"), T("less scary", critiques=[[-1, "scary"]])],
    [T("Charlie Brown Christmas", reference="Charlie Brown Christmas, A (1965)"), T("more recent stuff", years=Y(1966, None), shown_years_within=True), T("nothing older than 2000", years=Y(2000, None), shown_years_within=True)],
    [T("View to a Kill", reference="View to a Kill, A (1985)"), T("from the 60s", years=Y(1960, 1969), shown_years_within=True), T("more gadgets", critiques=[[1, "gadgets"]], years=Y(1960, 1969), shown_years_within=True)],
    [T("spectre", reference="Spectre (2015)"), T("nothing before 2010", years=Y(2010, None), shown_years_within=True), T("less serious", critiques=[[-1, "serious"]], years=Y(2010, None)), T("whatever year", years=YN)],
    [T("Steve Jobs", reference="Steve Jobs (2015)"), T("older ones", years=Y(None, 2014), shown_years_within=True), T("even older, pre 1980", years=Y(None, 1979), shown_years_within=True)],
    [T("Mr. Nobody", reference="Mr. Nobody (2009)"), T("between 1995 and 2005", years=Y(1995, 2005), shown_years_within=True), T("more mind-bending", critiques=[[1, "mind-bending"]], years=Y(1995, 2005), shown_years_within=True)],
    [T("Hurricane", reference="Hurricane, The (1999)"), T("from the noughties", years=Y(2000, 2009), shown_years_within=True), T("less preachy", critiques=[[-1, "preachy"]], years=Y(2000, 2009)), T("drop the year filter", years=YN)],
    [T("Host", reference="Host, The (Gwoemul) (2006)", mentions=["2013"]), T("recent ones please", shown_years_within=True, note="'recent' has no prescribed bound"), T("less creature feature", critiques=[[-1, "creature feature"]])],
    [T("Exotica", reference="Exotica (1994)"), T("released after 1990 but before 2000", years=Y(1991, 1999), shown_years_within=True), T("more mysterious", critiques=[[1, "mysterious"]], years=Y(1991, 1999), shown_years_within=True)],
    [T("Great Race", reference="Great Race, The (1965)"), T("from the 1940s", years=Y(1940, 1949), shown_years_within=True), T("any era", years=YN)],
    [T("Margin Call", reference="Margin Call (2011)"), T("something older than this one", years=Y(None, 2010), shown_years_within=True), T("newer than 1990 though", years=Y(1991, 2010), shown_years_within=True, note="both bounds kept: older than 2011 and newer than 1990")],
]

POLARITY = [
    [T("Clue", reference="Clue (1985)"), T("more witless", critiques=[[1, "witless"]])],
    [T("Spectre", reference="Spectre (2015)"), T("less joyless", critiques=[[-1, "joyless"]])],
    [T("Meatballs", reference="Meatballs (1979)"), T("something less aimless", critiques=[[-1, "aimless"]])],
    [T("Identity", reference="Identity (2003)"), T("more bloodless", critiques=[[1, "bloodless"]])],
    [T("Boiler Room", reference="Boiler Room (2000)"), T("make it less humorless", critiques=[[-1, "humorless"]])],
    [T("Faculty", reference="Faculty, The (1998)"), T("not remotely gory", critiques=[[-1, "gory"]])],
    [T("Heartbreakers", reference="Heartbreakers (2001)"), T("less charmless", critiques=[[-1, "charmless"]])],
    [T("Eagle Eye", reference="Eagle Eye (2008)"), T("more brainless", critiques=[[1, "brainless"]])],
    [T("Near Dark", reference="Near Dark (1987)"), T("without the blood", critiques=[[-1, "blood"]])],
    [T("Death Becomes Her", reference="Death Becomes Her (1992)"), T("more tasteless", critiques=[[1, "tasteless"]])],
    [T("Killing Zoe", reference="Killing Zoe (1994)"), T("nothing too nihilistic", critiques=[[-1, "nihilistic"]])],
    [T("Tremors", reference="Tremors (1990)"), T("a bit less unscary", critiques=[[-1, "unscary"]], note="less unscary = scarier; the word as typed keeps direction -1")],
    [T("Town", reference="Town, The (2010)"), T("no swearing", critiques=[[-1, "swearing"]])],
    [T("Margin Call", reference="Margin Call (2011)"), T("more unpredictable", critiques=[[1, "unpredictable"]]), T("and not very preachy", critiques=[[-1, "preachy"]])],
]

CANNOT = [
    [T("Hamlet", reference="Hamlet (1996)"), T("something under 2 hours", act="cannot_judge", critiques=[], reference="Hamlet (1996)")],
    [T("Spectre", reference="Spectre (2015)"), T("with a smaller budget", act="cannot_judge", critiques=[])],
    [T("Town", reference="Town, The (2010)"), T("more Jeremy Renner", act="cannot_judge", critiques=[], note="actor; no tag in tags.csv names him (checked)"), T("ok, more heist", critiques=[[1, "heist"]])],
    [T("Persona", reference="Persona (1966)"), T("in english please", act="cannot_judge", critiques=[])],
    [T("Descendants", reference="Descendants, The (2011)"), T("same director?", act="cannot_judge", critiques=[], reference="Descendants, The (2011)")],
    [T("Clue", reference="Clue (1985)"), T("not longer than 90 minutes", act="cannot_judge", critiques=[])],
    [T("Jean de Florette", reference="Jean de Florette (1986)"), T("dubbed rather than subtitled", act="cannot_judge", critiques=[])],
    [T("Eagle Eye", reference="Eagle Eye (2008)"), T("cheaper looking", act="cannot_judge", critiques=[], note="production budget"), T("less far-fetched", critiques=[[-1, "far-fetched"]])],
    [T("Little Man Tate", reference="Little Man Tate (1991)"), T("anything starring Jodie Foster?", act="cannot_judge", critiques=[])],
]

WHY = [
    [T("Identity", reference="Identity (2003)"), T("less violent", act="answer"), T("why?", act="explain")],
    [T("Clue", reference="Clue (1985)"), T("sillier"), T("why did you pick number 4", act="explain")],
    [T("Exotica", reference="Exotica (1994)"), T("less sad"), T("How come the first one is there?", act="explain")],
    [T("Faculty", reference="Faculty, The (1998)"), T("funnier"), T("3"), T("why this one", act="explain", reference=None, note="explains the picked item; reference is the picked #3")],
    [T("Boiler Room", reference="Boiler Room (2000)"), T("less greedy"), T("wat makes #2 less greedy", act="explain")],
    [T("Little Man Tate", reference="Little Man Tate (1991)"), T("happier"), T("explain the last one", act="explain")],
    [T("Near Dark", reference="Near Dark (1987)"), T("more romantic"), T("why would #5 be more romantic than near dark?", act="explain", reference="Near Dark (1987)")],
]

# ---------------------------------------------------------------- issue 22 kinds
MORE = [
    [T("black knight", reference="Black Knight (2001)"), T("sillier", act="answer"), T("ya got anything else", act="more", not_shown_again=True)],
    [T("Margin Call", reference="Margin Call (2011)"), T("less talky"), T("more", act="more", not_shown_again=True), T("next", act="more", not_shown_again=True)],
    [T("Persona", reference="Persona (1966)"), T("less weird"), T("Could I see a few more options, please?", act="more", not_shown_again=True)],
    [T("Bewitched", reference="Bewitched (2005)"), T("more romantic"), T("others?", act="more", not_shown_again=True)],
    [T("Street Fighter", reference="Street Fighter (1994)"), T("less cheesy"), T("keep em coming", act="more", not_shown_again=True)],
    [T("riding in cars with boys", reference="Riding in Cars with Boys (2001)"), T("funnier"), T("Next page", act="more", not_shown_again=True)],
    [T("Jaws 3-D", reference="Jaws 3-D (1983)"), T("scarier"), T("any more like these?", act="more", not_shown_again=True), T("and more", act="more", not_shown_again=True)],
    [T("Exotica", reference="Exotica (1994)"), T("from the 90s", years=Y(1990, 1999)), T("show me the next ten", act="more", not_shown_again=True, years=Y(1990, 1999), shown_years_within=True)],
]

SEEN = [
    [T("Faculty", reference="Faculty, The (1998)"), T("scarier"), T("nah seen it all", act="exclude", excluded_stays_out=True), T("less gory", excluded_stays_out=True)],
    [T("Pink Panther", reference="Pink Panther, The (1963)", mentions=["2006"]), T("funnier"), T("seen #2 already", act="exclude", excluded_stays_out=True), T("more", excluded_stays_out=True, not_shown_again=True)],
    [T("Identity", reference="Identity (2003)"), T("less violent"), T("Already watched every single one of them, honestly", act="exclude", excluded_stays_out=True), T("more suspense", excluded_stays_out=True)],
    [T("Four Brothers", reference="Four Brothers (2005)"), T("I've already watched The Departed", act="exclude", note="The Departed need not be shown; it is stored as seen")],
    [T("Boiler Room", reference="Boiler Room (2000)"), T("less greedy"), T("not interested in the 1st and 3rd", act="exclude", excluded_stays_out=True), T("more tense", excluded_stays_out=True)],
    [T("Eye of the Beholder", reference="Eye of the Beholder (1999)"), T("more romantic"), T("Watched those. Something else?", act="exclude", excluded_stays_out=True)],
    [T("Killing Zoe", reference="Killing Zoe (1994)"), T("less nasty"), T("I have seen number five", act="exclude", excluded_stays_out=True), T("undo", note="undoes the exclusion"), T("more", act="more")],
    [T("Margin Call", reference="Margin Call (2011)"), T("more suspense"), T("Not the last one, thanks.", act="exclude", excluded_stays_out=True), T("from the 2000s", years=Y(2000, 2009), excluded_stays_out=True)],
    [T("funny people", reference="Funny People (2009)"), T("less crude"), T("seen em", act="exclude", excluded_stays_out=True), T("seen these too", act="exclude", excluded_stays_out=True), T("more romantic", excluded_stays_out=True)],
    [T("Tom and Huck", reference="Tom and Huck (1995)"), T("more adventurous"), T("not interested in any of those", act="exclude", excluded_stays_out=True)],
]

PICK = [
    [T("Clue", reference="Clue (1985)"), T("sillier"), T("the funniest of these", act="pick", picked_rank={"by": "degree", "word": "funny", "extreme": "max"})],
    [T("The Glimmer Man", reference="Glimmer Man, The (1996)"), T("less gory"), T("Which is the least violent? I'll take that one", act="pick", picked_rank={"by": "degree", "word": "violent", "extreme": "min"})],
    [T("Exotica", reference="Exotica (1994)"), T("more mysterious"), T("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}), T("less sad", critiques=[[-1, "sad"]])],
    [T("East is East", reference="East is East (1999)"), T("less preachy"), T("gimme the oldest one", act="pick", picked_rank={"by": "year", "extreme": "min"})],
    [T("metro", reference="Metro (1997)"), T("less shouty"), T("second to last", act="pick", picked_rank={"by": "position", "index": -2})],
    [T("Great Race", reference="Great Race, The (1965)"), T("funnier"), T("The penultimate one, please.", act="pick", picked_rank={"by": "position", "index": -2})],
    [T("Riddick", reference="Riddick (2013)"), T("scarier"), T("I'll go with the most violent of them", act="pick", picked_rank={"by": "degree", "word": "violent", "extreme": "max"})],
    [T("Heartbreakers", reference="Heartbreakers (2001)"), T("more romantic"), T("the last one", act="pick", picked_rank={"by": "position", "index": -1}), T("less cheesy", critiques=[[-1, "cheesy"]])],
    [T("Little Man Tate", reference="Little Man Tate (1991)"), T("from the 90s", years=Y(1990, 1999)), T("the most recent of these", act="pick", picked_rank={"by": "year", "extreme": "max"}), T("happier", years=Y(1990, 1999), shown_years_within=True)],
    [T("Margin Call", reference="Margin Call (2011)"), T("darker"), T("the least talky one", act="pick", picked_rank={"by": "degree", "word": "talky", "extreme": "min"})],
    [T("Beethoven", reference="Beethoven (1992)"), T("more nostalgic"), T("the earliest one of the lot", act="pick", picked_rank={"by": "year", "extreme": "min"})],
]

JUMP = [
    [T("Clue", reference="Clue (1985)"), T("something completely different", act="jump")],
    [T("Cecil B. Demented", reference="Cecil B. DeMented (2000)"), T("funnier"), T("surprise me", act="jump"), T("more", act="more", not_shown_again=True)],
    [T("Margin Call", reference="Margin Call (2011)"), T("less dry"), T("bored of these, show me something totally different", act="jump")],
    [T("the diving bell and the butterfly", reference="Diving Bell and the Butterfly, The (Scaphandre et le papillon, Le) (2007)"), T("Could you shake things up a bit? Something random.", act="jump")],
    [T("Sinbad Legend of the Seven Seas", reference="Sinbad: Legend of the Seven Seas (2003)"), T("less childish"), T("go wild, anything but this kind of film", act="jump")],
    [T("Exotica", reference="Exotica (1994)"), T("from the 90s", years=Y(1990, 1999)), T("surprise me", act="jump", years=Y(1990, 1999), shown_years_within=True, note="the year filter stays in force")],
]

ABOUT = [
    [T("Paris is burning", reference="Paris Is Burning (1990)"), T("funnier"), T("tell me about #3", act="about", reference="Paris Is Burning (1990)")],
    [T("Clue", reference="Clue (1985)"), T("more mystery"), T("Could you tell me a little about number 2?", act="about")],
    [T("Town", reference="Town, The (2010)"), T("what is Heat like?", act="about", reference="Town, The (2010)", note="Heat (1995); current item unchanged")],
    [T("Boiler Room", reference="Boiler Room (2000)"), T("slicker"), T("whats the 1st one about", act="about")],
    [T("rocky V", reference="Rocky V (1990)"), T("less violent"), T("info on the last one pls", act="about")],
    [T("Exotica", reference="Exotica (1994)"), T("What sort of film is Persona?", act="about", reference="Exotica (1994)")],
    [T("Meatballs", reference="Meatballs (1979)"), T("sillier"), T("describe number four", act="about"), T("why that one?", act="explain")],
    [T("Descendants", reference="Descendants, The (2011)"), T("Tell me more about The Descendants", act="about", reference="Descendants, The (2011)")],
]

NOT_TITLE = [
    [T("Clue", reference="Clue (1985)"), T("sillier"), T("the one with the most mystery", act="pick", picked_rank={"by": "degree", "word": "mystery", "extreme": "max"}, note="trap: One, The (2001)")],
    [T("Identity", reference="Identity (2003)"), T("more twists"), T("I've watched all of these", act="exclude", excluded_stays_out=True, note="'all of these' is not a title")],
    [T("Faculty", reference="Faculty, The (1998)"), T("scarier"), T("none of those", act="exclude", excluded_stays_out=True, note="not a title")],
    [T("Meatballs", reference="Meatballs (1979)"), T("less juvenile"), T("show me the others", act="more", not_shown_again=True, note="trap: Others, The (2001)")],
    [T("Exotica", reference="Exotica (1994)"), T("less sad"), T("none of them appeal tbh", act="exclude", excluded_stays_out=True, note="trap: Them! (1954) / Them (2006) are not meant")],
    [T("Persona", reference="Persona (1966)"), T("I liked it, more like it", reference="Persona (1966)", note="trap: It (2017)")],
]

UNDO = [
    [T("Clue", reference="Clue (1985)"), T("funnier"), T("1", note="pick #1"), T("undo", reference="Clue (1985)")],
    [T("Exotica", reference="Exotica (1994)"), T("from the 70s", years=Y(1970, 1979)), T("go back", years=YN)],
    [T("Persona", reference="Persona (1966)"), T("less weird"), T("the newest", act="pick", picked_rank={"by": "year", "extreme": "max"}), T("oops, take that back", reference="Persona (1966)")],
    [T("Faculty", reference="Faculty, The (1998)"), T("less teen"), T("seen them all", act="exclude"), T("undo that", note="the exclusion is reverted"), T("more", act="more")],
    [T("Boiler Room", reference="Boiler Room (2000)"), T("Margin Call", reference="Margin Call (2011)"), T("undo", reference="Boiler Room (2000)")],
    [T("Meatballs", reference="Meatballs (1979)"), T("less silly", critiques=[[-1, "silly"]]), T("hmm no, scrap that last request", reference="Meatballs (1979)", note="undo of the critique")],
]

CATEGORIES = [
    ("title", TITLE), ("reference_in_sentence", IN_SENTENCE), ("time", TIME), ("polarity", POLARITY),
    ("cannot_judge", CANNOT), ("why", WHY),
    ("more", MORE), ("seen", SEEN), ("pick_by_description", PICK), ("jump", JUMP), ("about", ABOUT),
    ("not_a_title", NOT_TITLE), ("undo", UNDO),
]
ISSUE_21 = {"title", "reference_in_sentence", "time", "polarity", "cannot_judge", "why"}


def build() -> list[dict]:
    out = []
    for cat, convs in CATEGORIES:
        for turns in convs:
            clean = [{**t, "expect": {k: v for k, v in t["expect"].items() if v is not None}} for t in turns]
            out.append({"id": f"c{len(out) + 1:03d}", "category": cat, "split": "final", "turns": clean})
    return out


if __name__ == "__main__":
    path = Path(__file__).with_name("conversations.jsonl")
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in build()), encoding="utf-8")
    counts = {}
    for c in build():
        counts[c["category"]] = counts.get(c["category"], 0) + 1
    print(len(build()), counts)
