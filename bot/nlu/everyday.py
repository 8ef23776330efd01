"""Everyday language that is not about movie attributes, kept as data like bot.nlu.lexicon:
chat short forms, words that mark a movie request, and chit-chat / other-domain patterns."""

from __future__ import annotations

# --- everyday short forms ------------------------------------------------------------------
# Chat spellings rewritten to plain words before anything else reads the utterance.
SHORT_FORMS: dict[str, str] = {
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks", "moar": "more",
    "w/o": "without", "w/": "with", "u": "you", "ur": "your", "r": "are", "lil": "little",
    "abit": "a bit", "alot": "a lot", "nvm": "never mind", "tho": "though", "cuz": "because",
    "bc": "because", "gimme": "give me", "wanna": "want to", "smth": "something",
    "sth": "something", "rly": "really", "wat": "what", "wut": "what", "whats": "what's",
    "wot": "what", "wots": "what's", "whys": "why is",
    "sumthin": "something", "somethin": "something", "nothin": "nothing", "lotta": "a lot of",
    "kinda": "kind of", "sorta": "sort of", "teeny": "tiny", "ttyl": "talk to you later",
    "cya": "see you", "l8r": "later", "gr8": "great", "b4": "before", "mov": "movie",
    "flik": "flick", "w": "with", "gtg": "gotta go", "g2g": "gotta go", "brb": "be right back",
    "thnx": "thanks", "thanx": "thanks", "ya": "you", "yall": "you all", "dunno": "don't know",
    "idk": "i don't know", "def": "definitely", "prob": "probably", "tbh": "to be honest",
    "imo": "in my opinion", "btw": "by the way", "nite": "night", "nighty": "night", "pic": "movie", "pics": "movies",
}

# Genre blends named by one word: both genres, each its own critique ("less rom-com" is less
# romance and less comedy).
GENRE_BLENDS: dict[str, str] = {
    **{k: "romance and comedy" for k in ("rom-com", "rom-coms", "romcom", "romcoms", "rom com", "rom coms")},
    **{k: "drama and comedy" for k in ("dramedy", "dramedies")},
    **{k: "horror and comedy" for k in ("horror-comedy", "horror-comedies")},
    **{k: "action and comedy" for k in ("action-comedy", "action-comedies")},
}
SHORT_FORMS.update(GENRE_BLENDS)
# Chat verbs with a dropped "g" ("keep goin", "lookin' for"). A closed list, not a spelling rule:
# titles drop it too ("Jumpin' Jack Flash"), and a typo of one must still find it.
SHORT_FORMS.update({f"{verb}{end}": f"{verb}g" for verb in """goin doin lookin tryin comin gettin keepin
    showin thinkin talkin watchin feelin kiddin wonderin searchin hopin sayin""".split() for end in ("'", "")})

# Words that make an utterance about movies even when it also looks like chit-chat.
# Interjections and reactions said before a request ("ha, now more campy", "meh, less drama"):
# never a title of their own, even where a film is known by one as an a.k.a. ("... (Ha) (2009)").
# Only words that are nothing but a reaction: "sweet", "nice", "cool" describe films too.
INTERJECTIONS = frozenset("""ha hah haha hahaha heh hehe lol lmao rofl oh ooh oooh ohh ah ahh aah aha ahem
    wow whoa woah hmm hm hmmm mm mmm meh eh ugh argh urgh bah pah pfft pff psst gosh jeez geez golly yikes
    phew whew yay woohoo hooray huh uh um umm er erm oi yo la alas oops whoops oopsie welp aw aww ew eww
    ouch yuck hurray wahey ayy gee""".split())

MOVIE_WORDS = frozenset(
    "movie movies film films flick flicks something anything one watch watching cinema "
    "recommendation recommendations pick options title titles".split()
)

# Nouns that describe any movie ("spooky ghost stories"), never a title's only evidence.
DESCRIPTIVE_NOUNS = frozenset(
    "story stories tale tales plot plots scene scenes character characters ending endings "
    "feel feeling mood atmosphere tone theme themes setting world worlds hero heroes villain "
    "villains cast music soundtrack effects".split()
)

# --- small talk answered in kind -------------------------------------------------------------
# Whole utterances that greet or thank: out of scope for the parser's intents, but the bot answers
# them in kind (a greeting back with what it can do, "you're welcome") instead of "not understood".
GREETING_PATTERNS = (
    r"(?:hi|hello|hey|heya|hiya|howdy|yo|hullo|greetings|good (?:morning|afternoon|evening|day)|"
    r"morning|evening)(?:[ ,]+(?:there|bot|again|all|everyone|everybody|friend|mate|buddy|pal|folks))?",
)
THANKS_PATTERNS = (
    r"(?:thanks|thank you|thank u|cheers|much appreciated|appreciate it)(?: (?:so|very) much| a lot| a bunch)?"
    r"(?:[ ,]+(?:bot|mate|buddy|man|dude|again))?",
)
# "no", "nah, not those", "lol no": the list (or the offer) is turned down, with nothing asked
# instead. List controls come first ("none of these" sets the list aside), then this.
REFUSAL_PATTERNS = (
    r"(?:no+|nope|nah|naw|no way|not really|not quite|no thanks?|no thank you|not those|not these|"
    r"not for me|not feeling it|not my thing|not my cup of tea)(?:[ ,]+(?:thanks|thank you|sorry|really))?",
)

# "you pick", "dunno", "whatever you think": the choice is left to the bot (the first on offer).
DEFERRAL_PATTERNS = (
    r"(?:you (?:pick|choose|decide)(?: one| for me)?|(?:it'?s )?your (?:call|choice|pick)|(?:it'?s )?up to you|"
    r"(?:i )?(?:dunno|don'?t know|do not know)|idk|no idea|whatever you (?:think|like|want|say|prefer)|"
    r"(?:i )?don'?t (?:really )?care|(?:it )?doesn'?t matter|either (?:one|way)|any of them|"
    r"anything(?: is fine| works| goes| will do)?|"
    # "pick one for me", "which one should I watch?", "what's the best one?": the bot's own pick
    r"(?:just )?(?:pick|choose) (?:one|something|a movie|a film)(?: for me)?|choose for me|"
    r"(?:so )?(?:which|what) (?:one )?(?:should|would|do) (?:i|you) (?:watch|pick|choose|see|recommend)|"
    r"what would you (?:pick|choose|watch)|(?:what'?s|what is|which is|which one is) (?:the|your) "
    r"(?:best|top)(?: one| pick| choice)?|(?:what'?s|what is) your (?:pick|choice))"
    r"(?:[ ,]+(?:really|honestly|tbh|lol))?",
)
# "ok", "hmm", "got it": the list was read and nothing is asked yet (interjections alone too)
ACKNOWLEDGEMENT_PATTERNS = (
    r"(?:ok+(?:ay)?|okey dokey|k|alright|all right|cool|nice|neat|great|got it|i see|interesting|sure|"
    r"fine|right|uh huh|good to know|makes sense|fair enough|noted|let me (?:see|think|look))",
)
# Said alone these are titles too ("Whatever (1998)"): a deferral only with a list on screen.
DEFERRAL_WORDS_WITH_A_LIST = frozenset({"whatever"})

# --- chit-chat and other domains ------------------------------------------------------------
# Utterances addressed to the bot as a person, reactions, and requests of other domains: out of
# scope even when a word is near a tag ("sing me a song" is not "more musical").
CHITCHAT_PATTERNS = (
    r"(?:are|were) you\b.*", r"(?:do|did|can|could|will|would|have) you (?:like|love|enjoy|know|"
    r"think|feel|sing|dance|dream|watch|eat|sleep|have|ever|speak|understand)\b.*",
    r"you(?:'re| are| were)\b.*", r"(?:what|who)(?:'s| is| are) (?:you|your)\b.*",
    r"(?:what's|what is) your \w+.*", r"how (?:are|r) (?:you|u)\b.*", r"how(?:'s| is) it going.*",
    r"what(?:'s| is) up", r"sup", r"i (?:love|like|hate|miss) you\b.*", r"(?:tell|give) me a joke\b.*",
    r"(?:tell|read) me a (?:story|poem)\b.*", r"sing\b.*", r"dance\b.*",
    r"(?:lol|lmao|rofl|haha+|hehe+)\b.*", r"(?:that's|thats|that is) (?:so |very |really )?"
    r"(?:funny|cool|nice|great|awesome|interesting|weird|sad|true|right|fair|hilarious|sweet)",
    r"(?:you|u)\b.*", r"(?:why|who|where|when)\b.*", r"(?:what's|what is|what are|how do|how does"
    r"|how is|how's|how are) (?:the |a |an |your |my )?(?!movie|film)\w+\b.*",
    r"i(?:'m| am) (?:hungry|thirsty|sleepy|bored|tired|cold|hot|home|back|here|sick|busy)\b.*",
    r"(?:good|nice) (?:job|work|bot|one)", r"be right back", r"i (?:don't|dont) know\b.*",
    r"(?:lol|lmao|rofl|haha+|hehe+|omg|wow|nice|cool|great|awesome|ok|okay|k|sure|yes|no|yeah|"
    r"yep|nope|hmm+|meh|thanks|thank you|good|fine|whatever|interesting|sweet)"
    r"(?:[ ,!.]+(?:lol|thanks|thank you|man|dude|bot|mate|haha+|then|again))*",
    r"i(?:'m| am) (?:so |very |really )?(?:tired|bored|hungry|sleepy|sad|happy|fine|good|ok|okay)\b.*",
)
OFF_DOMAIN_PATTERNS = (
    r"play (?:some |me |a |the )?(?:music|songs?|tunes|radio|album|playlist|podcast|game)\b.*",
    r"(?:order|buy|book|reserve|call|text|email|message|remind|wake)\b.*",
    r"set (?:an? |the |my )?(?:alarm|timer|reminder)\b.*",
    r"turn (?:on|off|up|down) (?:the )?(?:lights?|tv|heating|heat|volume|music|radio|ac)\b.*",
    r"(?:what|how)(?:'s| is) the (?:weather|time|date|news|traffic|score)\b.*",
    r"what (?:time|day) is it\b.*", r"who (?:won|is the president|invented|wrote)\b.*",
    # the other domain's noun may carry describing words: "a good thriller novel", "a funny
    # podcast", "any good romance novels?"
    r"(?:(?:recommend|suggest|find|give) (?:me )?(?:a |an |some )?|(?:got |know )?any )(?:[\w'-]+ ){0,3}"
    r"(?:book|novel|song|album|restaurant|recipe|game|podcast|hotel|bar|cafe|place|app)s?\b"
    r"(?! adaptations?\b| based\b| turned\b| made into\b).*",
    r".*\b(?:restaurant|pizza|recipe|flight|hotel|weather|taxi|uber|lights|alarm|timer)s?\b.*",
)
