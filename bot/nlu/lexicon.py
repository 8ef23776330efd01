"""Hand-written domain knowledge for the parser: concepts, polarity words, command phrases.

A *concept* is a meaning a tag vocabulary may express under one of several names ("comedy",
"funny", "humor" ...). A vocabulary tag binds to a concept when its normalised name is one of the
concept's `names`; the concept's `cues` (paraphrases such as "explosions" for action) then become
extra embedding prototypes of that tag, and its `opposites` ("faster" for slow-paced) ground to
the tag with the polarity flipped. Tags that bind to no concept (most of a real MovieLens
vocabulary) are grounded by their own name only, through the sentence embedding.

This is data, not logic: extending the parser to a new domain means adding concepts here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    names: tuple[str, ...]  # how a vocabulary may spell the tag itself
    cues: tuple[str, ...] = ()  # phrases that mean "this tag"
    opposites: tuple[str, ...] = ()  # phrases that mean "the opposite of this tag"


def _c(names: str, cues: str = "", opposites: str = "") -> Concept:
    split = lambda s: tuple(x.strip() for x in s.split(",") if x.strip())  # noqa: E731
    return Concept(split(names), split(cues), split(opposites))


CONCEPTS: dict[str, Concept] = {
    "action": _c(
        "action, action-packed, action packed, action movie, action film",
        "explosions, explosion, things blowing up, blowing stuff up, fight scenes, fights, fist fights, brawls, "
        "car chases, chases, chase scenes, shootouts, gunfights, stunts, martial arts, kung fu, "
        "adrenaline, exciting, excitement, action scenes, set pieces, punching, fistfights, shoot em up, bombs, gunplay, "
        "pew pew, ass kicking, butt kicking, kaboom, boom boom, guns blazing, kick ass, kickass, badass, bang bang, shooty, punchy, punch ups",
    ),
    "adventure": _c(
        "adventure, adventures, adventurous",
        "quests, quest, exploration, exploring, journeys, journey, treasure, treasure hunts, "
        "expeditions, swashbuckling, globetrotting, road trip, escapades",
    ),
    "animation": _c(
        "animation, animated, cartoon, cartoons",
        "pixar, disney cartoons, drawn, hand drawn, cgi animation, stop motion, claymation",
        "live action, live-action, real actors",
    ),
    # Japanese animation is one kind of animation, not another name for it: "a cartoon" asks for
    # animation (437 ml-latest-small films), not for the 11 tagged anime.
    "anime": _c("anime, japanese animation", "manga, studio ghibli, ghibli, miyazaki"),
    "television": _c(
        "television, tv, tv series, tv show, tv shows, tv movie, made for tv, miniseries, mini series",
    ),
    "comedy": _c(
        "comedy, comedies, funny, humor, humour, humorous, hilarious",
        "laughs, laugh, laughing, jokes, joke, gags, lol, lols, lolz, lulz, haha, giggles, chuckle, silly, goofy, comic, comical, witty, "
        "wit, slapstick, amusing, fun, lighthearted laughs, laugh out loud, chuckles, humorous bits",
    ),
    "crime": _c(
        "crime, criminal, crime drama, gangster",
        "gangsters, mafia, mob, mobsters, heists, heist, robbery, robberies, bank robbery, cops, "
        "police, criminals, organized crime, drug dealers, gangs, crooks, the underworld, "
        "murders, murder, cops and robbers",
    ),
    "drama": _c(
        "drama, dramas, dramatic",
        "melodrama, character study, serious drama, dramatic stuff, heavy drama, serious",
    ),
    "fantasy": _c(
        "fantasy, fantastical",
        "magic, magical, wizards, wizard, witches, dragons, elves, sorcery, fairy tale, "
        "fairy tales, mythical creatures, swords and sorcery, enchanted, spells, unicorns",
    ),
    "horror": _c(
        "horror, scary",
        "scares, spooky, creepy, frightening, terrifying, monsters, ghosts, zombies, haunted, "
        "jump scares, fright, terror, nightmares, slasher, demons, vampires, freaky, chills, goosebumps, spooks, "
        "horrifying, spine chilling, chilling, eerie, frights, scary stuff, scariness",
    ),
    "musical": _c(
        "musical, musicals, music",
        "songs, song, singing, sing, song and dance, dancing, dance, show tunes, broadway, "
        "singalong, sing along, musical numbers",
    ),
    "mystery": _c(
        "mystery, mysteries, mysterious",
        "whodunit, whodunnit, puzzles, puzzle, clues, detective, detectives, sleuth, sleuthing, "
        "riddles, secrets, enigma, unsolved, investigation, detective work",
    ),
    "romance": _c(
        "romance, romantic, romances",
        "love, love story, love stories, kissing, kisses, dating, couples, relationships, soppy, smooch, "
        "falling in love, romcom, rom com, lovey dovey, smoochy, kissy, cheesy romance, mushy, sappy, weddings, in love, "
        "passion, passionate, flirting, smooching, date night, date movie, date movies, first date",
    ),
    "sci-fi": _c(
        "sci-fi, sci fi, scifi, science fiction, sf",
        "space, space stuff, outer space, aliens, alien, robots, robot, spaceships, spaceship, sciency, spacey, "
        "starships, futuristic, the future, future, time travel, planets, galaxies, galaxy, "
        "cyberpunk, androids, lasers, science, technology, space travel, extraterrestrials",
    ),
    "thriller": _c(
        "thriller, thrillers, thrilling, suspense, suspenseful",
        "tension, tense, edge of my seat, edge of your seat, nail biting, gripping, "
        "nerve wracking, cat and mouse, heart pounding, thrills, suspenseful stuff, intense, intensity, on the edge of my seat",
    ),
    "war": _c(
        "war, war movie, war film",
        "battles, battle, soldiers, military, army, combat, wwii, ww2, world war, warfare, "
        "battlefield, troops, trenches, the front, wars, navy, war stuff",
    ),
    "western": _c(
        "western, westerns",
        "cowboys, cowboy, wild west, the wild west, gunslingers, the frontier, frontier, outlaws, "
        "saloons, horses, sheriffs, spaghetti western, ranchers, cattle",
    ),
    "violent": _c(
        "violent, violence",
        "brutal, brutality, bloodshed, killing, killings, beatings, shooting, aggressive, stabby, stabbing, stabbings, punching people, "
        "savage, fighting, violent stuff, carnage, mayhem",
        "peaceful, nonviolent, gentle, gentler, tame, tamer",
    ),
    "dark": _c(
        "dark, darkness, bleak, grim",
        "gloomy, noir, somber, sombre, morbid, brooding, disturbing, gritty, edgy, dark stuff, "
        "darkness, heavy, depressing dark, sinister, nihilistic",
        "light, lighter, light hearted, lighthearted, bright, brighter, cheery",
    ),
    "family": _c(
        "family, family-friendly, family friendly, kids, children, for kids, childrens",
        "for children, kid friendly, child friendly, for the whole family, all ages, wholesome, "
        "kiddie, childish, kid, kiddy, suitable for kids, kids stuff, juvenile, babyish, "
        "family stuff, for my kids, little ones, g rated",
        "adult, grown up, mature, grownup",
    ),
    "gory": _c(
        "gory, gore",
        "blood, bloody, blood and guts, guts, splatter, gruesome, dismemberment, entrails, "
        "graphic gore, bloodbath, grisly, carnage and blood, gross, grossness, icky, yucky, gorefest, guts and gore",
    ),
    "feel-good": _c(
        "feel-good, feel good, feelgood, heartwarming, heart warming, uplifting",
        "happy, cheerful, upbeat, optimistic, good vibes, makes you smile, happy ending, "
        "happy endings, cozy, cosy, warm, sweet, positive, joyful, wholesome fun, "
        "pick me up, cheering, hopeful, heart, heartfelt, touching",
    ),
    "thought-provoking": _c(
        "thought-provoking, thought provoking, cerebral, intellectual, philosophical",
        "deep, makes you think, make me think, think, thinking, smart, intelligent, meaningful, "
        "profound, brainy, complex, "
        "challenging, ideas, food for thought, insightful, clever, mind bending, brainier",
        "mindless, dumb, brainless, stupid, shallow, simple",
    ),
    "quirky": _c(
        "quirky, offbeat, eccentric",
        "odd, weird, strange, bizarre, wacky, zany, unconventional, indie, oddball, peculiar, "
        "surreal, whimsical, kooky, unusual, quirk, quirkiness, off the wall, idiosyncratic",
        "conventional, normal, mainstream, ordinary, generic",
    ),
    "sad": _c(
        "sad, tearjerker, tear jerker, depressing, melancholy, melancholic",
        "tragic, tragedy, heartbreaking, crying, tears, cry, sorrowful, weepy, downer, all the feels, feels, sob story, "
        "heartbreak, bittersweet, sadness, gut wrenching, makes me cry",
    ),
    "epic": _c(
        "epic, epics",
        "grand, grandiose, sweeping, large scale, big budget, blockbuster, spectacle, "
        "monumental, sprawling, saga, majestic, scale, grand scale, huge scale, bigger",
    ),
    "slow-paced": _c(
        "slow-paced, slow paced, slow, slow burn",
        "boring, dragging, drags, sluggish, tedious, plodding, talky, talkie, snooze, snoozefest, long winded, leisurely, meandering, "
        "slowness, glacial, dull, long, lengthy, drawn out",
        "fast paced, fast-paced, fast, faster, quick, quicker, snappy, snappier, pacier, brisk, "
        "faster paced, fast moving, quicker paced, short, shorter",
    ),
    "visually stunning": _c(
        "visually stunning, visually-stunning, beautiful, gorgeous, stunning",
        "stunning visuals, visuals, cinematography, pretty, eye candy, breathtaking, "
        "beautifully shot, visual effects, special effects, spectacular visuals, eye popping, "
        "good looking, beauty, gorgeous visuals, looks, imagery, scenery",
        "ugly, drab",
    ),
    "black and white": _c(
        "black and white, black-and-white, monochrome",
        "",
        "in color, in colour, color film, colour film, in technicolor",
    ),
    "classic": _c(
        "classic, classics",
        "old, old fashioned, vintage, golden age, timeless, oldies, black and white, old school, "
        "old movies, older movies, oldie, retro",
        "modern, new, newer, recent, contemporary, newer movies, recent stuff",
    ),
    "twist ending": _c(
        "twist ending, twist-ending, plot twist, twists",
        "twist, twisty, surprise ending, unexpected ending, shocking ending, twist endings, "
        "plot twists, unpredictable, surprises, surprising ending, didnt see it coming, "
        "surprise, twistier",
        "predictable",
    ),
    "based on a book": _c(
        "based on a book, based on book, based on a novel, book adaptation",
        "book, books, novel, novels, adaptation, adaptations, literary adaptation, literature, "
        "adapted from a book, bookish, literary",
    ),
    "superhero": _c(
        "superhero, superheroes, super hero, super heroes",
        "comic book, comic books, comics, marvel, dc, capes, superpowers, super powers, "
        "caped crusaders, heroes with powers, marvel stuff",
    ),
}

# Comparatives whose base is not derivable by the spelling rules in bot.nlu.text.
IRREGULAR_COMPARATIVES: dict[str, str] = {
    "gorier": "gory", "bloodier": "bloody", "creepier": "creepy", "scarier": "scary",
    "funnier": "funny", "sadder": "sad", "happier": "happy", "weirder": "weird",
    "darker": "dark", "quirkier": "quirky", "spookier": "spooky", "sillier": "silly",
    "goofier": "goofy", "cheerier": "cheery", "gloomier": "gloomy", "grimmer": "grim",
    "bleaker": "bleak", "edgier": "edgy", "grittier": "gritty", "wackier": "wacky",
    "stranger": "strange", "odder": "odd", "deeper": "deep", "smarter": "smart",
    "older": "old", "slower": "slow", "lighter": "light", "newer": "new", "tenser": "tense",
    "brainier": "brainy", "twistier": "twisty", "prettier": "pretty", "sweeter": "sweet",
    "warmer": "warm", "grander": "grand", "epicer": "epic", "cozier": "cozy", "cosier": "cosy",
    "faster": "fast", "quicker": "quick", "snappier": "snappy", "gentler": "gentle",
    "tamer": "tame", "brighter": "bright", "simpler": "simple", "dumber": "dumb",
    "heavier": "heavy", "more": "", "less": "", "fewer": "",
}

# --- polarity -----------------------------------------------------------------------------
MORE_WORDS = frozenset(
    "more extra add added additional increase increased boost amp crank heighten "
    "intensify maximize maximise higher stronger plus".split()
)
LESS_WORDS = frozenset(
    "less fewer reduce reduced decrease decreased lower lessen minimize minimise minus "
    "without cut remove drop skip avoid ditch lose eliminate weaker least".split()
)
# Phrases (after normalisation, words joined by spaces) checked before single words.
MORE_PHRASES = (
    "not enough", "isn't enough", "isnt enough", "wasn't enough", "not nearly enough",
    "need more", "needs more", "could use", "could do with", "lacks", "lacking", "missing",
    "turn up", "ramp up", "crank up", "amp up", "dial up", "pump up", "bring on", "bring in",
    "more of", "give me", "i want", "i'd like", "id like", "i would like", "i like", "i love",
    "i prefer", "prefer", "i'd love", "id love", "i would love", "would love", "show me",
    "i need", "let's have", "lets have", "go for", "with", "set in", "featuring", "involving",
    "i'm in the mood for", "im in the mood for", "in the mood for", "looking for", "i'm after",
    "i meant", "i mean", "still", "but still", "keep", "keep the", "at least",
)
LESS_PHRASES = (
    "too much", "too many", "way too", "far too", "not so", "not as", "not that", "not too",
    "tone down", "tone it down", "turn down", "dial down", "dial back", "scale back",
    "cut down on", "cut back on", "cut the", "get rid of", "less of", "enough with",
    "enough of", "sick of", "tired of", "fed up with", "had enough of", "can't stand",
    "cant stand", "i hate", "i dislike", "hate", "dislike", "don't like", "dont like",
    "do not like", "don't want", "dont want", "do not want", "no more", "not into",
    "i'm not into", "not a fan of", "no", "none of", "keep out", "leave out", "stay away from",
    "nothing", "too", "overly", "over the top", "toned down", "not", "neither", "nor",
    "stop with", "stop the", "quit the", "quit with", "spare me", "spare me the",
)
# Polarity phrases that are also attributes: a cue beside one ("the gore is over the top"), the
# attribute itself after another polarity word ("less over the top", "a bit more toned down").
ATTRIBUTE_CUES = frozenset({"over the top", "toned down"})
# A strength word right before the polarity word scales the critique.
WEAK_WORDS = ("a tiny bit", "a teeny bit", "a wee bit", "a little bit", "a little", "a bit", "tiny bit", "a hair", "a tad", "a touch", "slightly", "somewhat",
              "kind of", "kinda", "sort of", "a smidge", "marginally", "little", "bit")
STRONG_WORDS = ("a whole lot", "a lot", "lots", "way", "much", "far", "loads", "tons", "a ton",
                "significantly", "considerably", "massively", "substantially", "even", "so much",
                "way way", "waaay", "waay", "a great deal", "a good deal", "loads more", "heaps more", "a whole bunch",
                "heaps")
# Before a bare attribute ("super scary", "really dark"), with no other cue: a strong "more".
INTENSIFIERS = frozenset("super really very extremely incredibly insanely totally seriously mega "
                         "ultra properly proper real crazy hella".split())
WEAK_STRENGTH = 0.5
STRONG_STRENGTH = 2.0
# Praise before an attribute ("a good tearjerker", "a great comedy") says the film should be
# good, not what it should have more of: the attribute is what follows.
PRAISE_WORDS = frozenset("good great nice decent excellent fantastic awesome brilliant amazing "
                         "solid superb terrific wonderful cool".split())

# Words that carry no content in a critique ("make it funnier please").
FILLER_WORDS = frozenset(
    """a an the it its it's this that these those them they me my i i'm im i'd id we us our
    you your please pls plz thanks thank maybe perhaps just really very quite so
    make makes made making be is are was were been being get gets got have has had do does
    did can could would should will shall might must want wanted wants like liked need needs
    show give find recommend suggest something anything stuff things thing one ones movie
    movies film films flick flicks picture title titles option options kind sort type
    of for to in on at by about some any bit lot lots little tad touch much many way far
    even than then there here now next time also too and or but yet though although
    somewhat slightly again still same ok okay well hmm um uh er actually honestly basically
    instead rather bring keep let's lets let go going try same level amount bunch overall
    whole tone down up dial turn cut back on what how something's prefer hated
    dislike don't dont do not no isn't isnt wasn't aren't stand sick tired fed enough
    nothing none mood looking after lacks lacking missing use with without yes yeah yep
    nah nope definitely totally super extremely seriously want watch watching see seeing
    vibe vibes content level levels amount amounts side element elements aspect aspects
    only tonight today tomorrow""".split()
)

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "last": -1, "final": -1, "latter": -1,
    "former": 1, "top": 1, "bottom": -1,
}
CARDINALS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}

# Whole-utterance commands (regexes over the normalised text, anchored by the parser).
UNDO_PATTERNS = (
    r"undo", r"undo (?:that|it|this|the last (?:one|step|critique|change))",
    r"undo (?:the |that |my )?(?:last |previous |latest )?(?:one|step|critique|change|move|thing|request)",
    r"(?:ctrl|control|cmd|command)[ +-]?z",
    r"go back", r"go back (?:one|a step|one step)", r"(?:take|step) (?:that|it) back",
    r"back", r"previous", r"revert(?: that| it| the last (?:one|step|critique|change))?", r"never ?mind(?: that)?",
    r"(?:take|go) (?:me )?back(?: to (?:the )?(?:previous|last) (?:one|step|item|result))?",
    r"cancel(?: that)?(?: last (?:one|step))?", r"oops(?: undo(?: that)?)?",
    r"(?:that was|that's|thats) (?:a )?mistake(?: undo(?: it)?)?",
    r"(?:let's|lets) go back", r"(?:please )?undo(?: please)?",
    r"scratch that", r"scrap that", r"undo (?:the )?last(?: one| step| change)?", r"forget (?:it|that)", r"back up", r"undo (?:that|it) please", r"never mind", r"nevermind", r"go back one", r"one back", r"forget (?:that|the last one) (?:last )?(?:critique|change)?",
)
RESTART_PATTERNS = (
    r"restart", r"reset(?: everything| it all| all)?", r"start (?:over|again|afresh|fresh|from scratch)",
    r"clear (?:everything|it all|all) and start (?:over|again|afresh|fresh|from scratch)",
    r"(?:let's |lets )?begin again from scratch",
    r"(?:let's|lets) start (?:over|again|afresh|from scratch)", r"begin again",
    r"new (?:search|session|start)", r"from scratch", r"clear(?: everything| all)?",
    r"start a new (?:search|session)", r"(?:let's|lets) (?:begin|try) again",
    r"(?:i want to |i'd like to |can we )?(?:start|begin) over", r"forget (?:everything|it all)",
    r"(?:wipe|clear|erase|scrap|reset|delete) (?:it|it all|everything|all|all of it|the whole thing)(?: clean)?", r"reboot", r"fresh start", r"clear it", r"start from the (?:top|beginning)",
    r"(?:let's|lets) start (?:all )?over", r"begin anew", r"reset (?:the whole thing|it all)",
    r"(?:let's |lets )?try again", r"(?:start|begin) (?:all )?over(?: again)?(?: from scratch)?", r"do over", r"from the top",
    r"wipe the slate(?: clean)?", r"clean slate", r"new one", r"try something (?:completely |totally )?different",
)
HELP_PATTERNS = (
    r"help(?: me)?", r"\?+", r"what can (?:i|you) (?:say|do|ask)", r"what (?:do|can) i (?:say|type|do)",
    r"(?:which|what) tags?(?: (?:can|do|could) i use| are there| exist| do you (?:have|know))?",
    r"list (?:the |all )?tags", r"show (?:me )?(?:the |all )?tags", r"how does (?:this|it) work",
    r"commands", r"instructions", r"what are my options", r"(?:i'm|im|i am) (?:confused|lost)",
    r"how do i use (?:this|you|it)", r"what can you do",
    r"how do i (?:critique|use this|start)", r"what can i (?:say|type|ask)", r"huh", r"what\?*",
    r"(?:i )?(?:don't|dont|do not) (?:understand|get it)", r"what do you (?:understand|know|do)",
    r"how (?:does|do) (?:this|you|it) work", r"what (?:should|do) i (?:say|type|do)", r"options", r"menu", r"usage", r"explain",
    r"what (?:tags|words|critiques) (?:can|do) (?:i|you) (?:use|understand|know)",
)
BYE_PATTERNS = (
    r"bye", r"goodbye", r"good bye", r"bye bye", r"quit", r"exit", r"see (?:you|ya)(?: later)?",
    r"(?:that's|thats) (?:all|it)(?: for (?:now|today))?(?:[ ,]+(?:thanks|thank you))?(?:[ ,]+(?:bye|goodbye))?",
    r"(?:ok |okay )?(?:i'm|im|i am) done(?:[ ,]+(?:thanks|thank you))?(?:[ ,]+(?:bye|goodbye))?",
    r"(?:thanks|thank you)(?: so much)?[ ,]*(?:bye|goodbye|see you)", r"cya", r"later",
    r"(?:i'm|im|i am) (?:finished|all set|good)(?: thanks)?", r"done", r"(?:that's|thats) (?:enough|plenty)(?: for (?:me|now|today|tonight))?",
    r"kthxbye", r"gotta run", r"got to go", r"i'?m leaving", r"signing off",
    r"stop", r"q", r"(?:good ?)?night(?: night)?", r"farewell", r"i have to go", r"gotta go",
    r"(?:i'm|im|i am) off(?:[ ,]+(?:cheers|thanks|bye))?", r"cheers(?: mate)?(?:[ ,]+bye)?",
    r"talk to you later", r"catch you later", r"peace(?: out)?", r"night", r"(?:i'm|im) out",
    r"end(?: (?:chat|session|conversation))?", r"close", r"leave",
)
