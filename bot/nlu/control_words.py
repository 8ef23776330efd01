"""The wordings of the list controls (read by `bot.nlu.list_controls`): one regular expression
per kind of move on the list on screen, so the reader keeps to what each move does.

They match the parser's simplified text (lower case, polite wrappers off). A wording belongs
here when it names the move whatever the list holds ("next page", "seen em", "the saddest one
there"); titles and attributes inside it are read by the reader, never here.
"""

from __future__ import annotations

import re

from bot.nlu.reference_patterns import ORDINAL_WORDS

LIST = r"(?:these|those|them|the list|this list|the lot|the bunch|the results|the options)"
# "the saddest one there", "the newest you showed me": words that only point at the list.
THERE = (r"(?:\s+(?:there|here|on (?:the|this|that|your) list|in (?:the|this|that|your) list|"
         r"(?:that )?you (?:just )?(?:showed|gave|listed|suggested)(?: me)?))?(?:\s+(?:then|please|thanks))*")
OF_LIST = rf"(?:\s+(?:one|movie|film|title|option|pick))?(?:\s+(?:of|from|among|on|in)\s+{LIST})?{THERE}"
IT = r"(?:it|that|this|that one|this one|the current one|the current movie|the current film|him|her)"

MORE = re.compile(
    r"^(?:(?:just|only|so|then|ok|okay|now|maybe) )?(?:(?:show|give|get|find|bring)(?: me| us)? |(?:i want|i'd like|(?:can|could|may) (?:i|we) (?:see|have|get)|got|have you got) )?"
    r"(?:some |any |a few |the |a couple )?"
    r"(?:more|others?|other ones|more ones|next(?: ones?| few| batch| page| set| list| \d{1,2}| five| ten| twenty)?|"
    r"(?:\d{1,2}|five|ten|twenty) more|"
    r"(?:more|other|different|new|next) (?:ones|options|results|movies|films|picks|titles|suggestions)|"
    r"(?:more|others) (?:of (?:these|those|them|that|this)|like (?:these|those|them|that|this)|please)|"
    r"anything else|something else|everything else|what else(?: (?:is there|do you have|have you got|you got))?|"
    r"(?:do|did) you have (?:any )?(?:more|others|other ones|anything else)|(?:hit me|come at me) with (?:some )?more|"
    r"what other (?:ones|options|movies|films|titles|picks|suggestions)(?: (?:are there|do you have|have you got|you got))?|"
    r"(?:and )?(?:the )?next ones|further (?:options|ones|results|suggestions|picks)|whatever(?:'s| is| comes) next|"
    rf"(?:(?:more|others) )?(?:besides|apart from|other than) {LIST}|keep (?:them |it |'?em )?(?:coming|going)|"
    r"(?:one|a few|some) more|more more|more please|more of the same|(?:the )?same again|"
    r"(?:load|and|even|still|yet) more|continue|carry on|go on|keep (?:them |'?em )?rolling|"
    r"(?:the )?(?:rest|remaining ones|remaining (?:movies|films|results|options))(?: of (?:them|the list|the results))?)"
    r"(?: (?:along|on) (?:those|these|the same|similar) lines| in (?:that|the same|a similar) (?:vein|spirit)|"
    r" like (?:that|this|these|those|them|it)| of (?:that|the same) (?:kind|sort)| similar)?"
    r"(?: (?:please|then|again|too|as well))?$")
CLAUSE_BREAK = re.compile(r"\s*(?:[,;.!?]+|\s-+)\s*")
# Words that add nothing to a control beside them ("nah", "anything", "to be honest").
# Interjections before a control and asides after it, said without a comma ("nah seen them all",
# "none of these work tbh" after `simplify`: "to be honest").
LEADING_ASIDE = re.compile(r"^(?:(?:nah|nope|meh|eh|ugh|hm+|ok|okay|yeah|yep|well|lol|haha+|honestly|sorry|urgh|pfft|"
                           r"hmph|mm+|oh|ah|welp)\s+)+")
TRAILING_ASIDE = re.compile(r"(?:\s+(?:to be honest|honestly|lol|really|seriously|though|tho|mate|man|sorry|"
                            r"please|thanks|i guess|i'm afraid|unfortunately|either))+$")
ASIDE = re.compile(r"(?:no|nope|nah|meh|eh|ugh|hm+|ok|okay|sure|yeah|well|so|lol|haha+|please|thanks|thank you|"
                   r"thanks a lot|many thanks|cheers|anything|"
                    r"whatever|anything (?:at all|really|goes)|to be honest|honestly|seriously|really)")
# "show me more like #2", and "more like #2" without the verb ("movies like Heat" without one is a
# first request: bot.nlu.references)
MORE_LIKE = re.compile(r"^(?:(?:show|give|find|get) (?:me )?(?:more|others|ones|some more|movies|films)|more) "
                       r"like (?P<t>.+)$")
EXCLUDE_LIST = re.compile(
    r"^(?:what|which)(?: movies?| films?| ones?| titles?)? (?:have i|did i|i have|i've) "
    r"(?:excluded|exclude|ruled out|rule out|said (?:i'?ve|i have) seen|marked (?:as )?seen|seen|skipped|"
    r"set aside|removed|dropped)(?: so far)?|(?:show|list|give)(?: me)? (?:my |the |all )?(?:the )?"
    r"(?:excluded|exclusions|excluded (?:movies|films|ones|items)|seen list|list of (?:excluded|seen) "
    r"(?:movies|films|ones)|ones i'?ve (?:seen|excluded))|my (?:exclusions|seen list|excluded (?:movies|films))|"
    r"what(?:'s| is) excluded$")
SEEN_ALL = re.compile(
    r"^(?:(?:i(?:'ve| have)?|i already|already|i've already|i have already|ive) )?(?:already )?"
    r"(?:seen|watched|saw|know)(?: (?:all|every one|each one))? (?:them|'?em|these|those|all (?:of )?(?:them|'?em|these|those)|"
    r"every one of (?:them|these|those)|the lot|the whole list|everything(?: here| on the list)?)"
    r"(?: all| already| before| too| mate| man| dude| buddy| bro| lol| honestly)*$|"
    r"^(?:none of (?:these|those|them|that)(?: (?:work|please|thanks|appeal|interest me|are any good|"
    r"(?:grab|appeal to|speak to|do it for|work for) (?:me|us)))?|"
    r"(?:i(?:'m| am) )?not interested in (?:any of )?(?:these|those|them|the lot)|"
    r"(?:i )?(?:don'?t|do not) (?:like|want) (?:any of )?(?:these|those|them)|nah,? none|no to all|"
    r"(?:these|those|they)(?: are|'re)(?: all)? (?:so |really |pretty )?(?:boring|bad|awful|terrible|meh|dull|"
    r"not (?:for me|my thing|my taste|good|great|it))|"
    r"(?:seen|watched) (?:all|all of them|all of these|all of those|it all)(?: already| before)*)$")
# How often a film was seen: "a hundred times", "twice", "loads", "to death" (beside "seen it").
OFTEN = (r"(?:(?:like |about |at least |literally |maybe )?(?:a|one|two|three|four|five|ten|twenty|fifty|\d+|a few|"
         r"several|many|so many|too many|a hundred|hundreds of|a thousand|a million|a billion|a zillion|countless|"
         r"multiple|umpteen|a dozen|dozens of) times|twice|thrice|loads|lots|a lot|so often|too often|plenty|"
         r"over and over(?: again)?|to death|(?:by|off by) heart)")
# Verbs that ask to stop showing a film: "stop suggesting X", "don't show me X", "enough of X".
STOP_SHOWING = (r"(?:(?:stop|quit|no more|enough of|enough with) (?:suggesting|showing|recommending|offering|giving|"
                r"including|putting|listing|bringing up|pushing)(?: me| us)?|(?:don'?t|do not|never) (?:suggest|show|"
                r"recommend|offer|give|include|put|list|bring up|push)(?: me| us)?|enough (?:of|with)|"
                r"(?:i )?already know)")
# "don't show me anything scary", "stop suggesting horror films": an attribute not wanted (less of it).
UNWANTED = re.compile(
    r"^(?:(?:stop|quit|no more) (?:suggesting|showing|recommending|offering|giving)(?: me| us)?|(?:don'?t|do not|never) "
    r"(?:suggest|show|recommend|offer|give)(?: me| us)?)\s+(?:any(?:thing)?\s+|(?:something|anything)\s+(?:that'?s\s+)?|"
    r"more\s+|so much\s+)?(?:too\s+|so\s+)?(?P<p>[a-z][a-z -]*?)(?:\s+(?:films?|movies?|stuff|ones?|things))?"
    r"(?:\s+(?:again|anymore|any more|please))*$")
NOT_ITEM = re.compile(
    r"^(?:not|no(?: to)?|skip|drop|remove|exclude|hide|forget|ditch|lose|never|nix|except|without|" + STOP_SHOWING + "|"
    r"(?:i(?:'m| am) )?not interested in|(?:i )?(?:don'?t|do not) (?:want|like|show me|give me)|"
    r"(?:i(?:'ve| have)? )?(?:already )?(?:seen|watched|saw)|i've already (?:seen|watched)|"
    r"i have already (?:seen|watched)|(?:i )?already (?:seen|watched|saw))\s+(?P<t>.+?)"
    r"(?:\s+(?:already|before|please|thanks|though|either|too|again|anymore|any more|"
    r"(?:in|on|from) (?:the|my|your|this|these) (?:list|lists|results|suggestions|picks)|to me|to us))*$")
# A title needs "already"/"before" to be seen rather than named as a reference ("I watched Heat").
SEEN_TITLE = re.compile(
    r"^(?:i(?:'ve| have)? |ive )?(?:already (?:seen|watched|saw|know)|(?:seen|watched) (?P<t2>.+?) "
    r"(?:already|before))\s*(?P<t>.*)$")
# "I've seen Heat and Ronin", "already watched Heat, Ronin and Ran": several films set aside at once.
SEEN_SEVERAL = re.compile(
    r"^(?:(?:i|we)(?:'ve| have)? |ive )?(?:already |also )?(?:seen|watched|saw)(?: both)? (?P<t>.+?)"
    r"(?P<when>(?: (?:already|before|too|both|as well))*)$")
TITLE_LIST = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|or|nor)\s+")
# "I have seen Bad Santa, take it off": a clause that drops what the clause before it named.
REMOVE_IT = re.compile(
    r"(?:(?:please|so|just|and|then|pls)\s+)*(?:(?:take|cross|strike|knock|scratch|rule|leave|keep) (?:it|that|them|those|both|em)"
    r"(?: ones?)? (?:off|out)(?: (?:of )?(?:the|my|your|this|that) list)?|(?:remove|drop|skip|exclude|ditch|nix|hide|lose|scrap|bin) "
    r"(?:it|that|them|those|both|em)(?: ones?)?(?: (?:from|off) (?:the|my|your|this|that) list)?|get rid of (?:it|that|them|those|both|em)|"
    r"(?:don'?t|do not|never) (?:show|suggest|recommend) (?:it|that|them|those|em)(?: to me)?(?: again| anymore| any more)?)"
    r"(?:\s+(?:please|thanks|pls))?")
# "I've seen Heat a million times": set aside when Heat is on screen (alone it may be a favourite).
SEEN_OFTEN = re.compile(
    r"^(?:(?:i|we)(?:'ve| have)? |ive )?(?:already )?(?:seen|watched|saw) (?P<t>.+?)(?: " + OFTEN + r")+(?: already)?$")
# "not the third one, seen it", "the second one - watched it already": the reason after an item.
# "number 4 looks good but I saw it": a "but" also gives the reason.
SEEN_REASON = re.compile(
    r"(?:\s*[,;.!-]+\s*(?:but\s+)?|\s+but\s+)(?:(?:i(?:'ve| have)?|ive)\s+)?(?:already\s+)?(?:seen|watched|saw)\s+"
    r"(?:it|that(?: one)?|this(?: one)?)(?:\s+(?:already|before|too|" + OFTEN + r"))*$")
# A clause that only comments on a pick or an exclusion beside it: "which is least scary? I'll
# take that one", "not the 2nd one, I hated it", "skip #3 - not my thing".
COMMENT = re.compile(
    r"(?:(?:i'?ll|i will|let'?s|i'?d like to|i want to|i wanna)\s+)?(?:take|have|go with|pick|choose|watch|see)\s+"
    r"(?:that|it|this)(?: one)?(?: then| please)?|(?:that|this) one(?: then| please)?|"
    r"(?:i\s+)?(?:(?:really|just|kinda|kind of|totally)\s+)?(?:hated|hate|disliked|dislike|didn'?t like|did not like|"
    r"don'?t like|do not like|can'?t stand|couldn'?t stand|(?:was )?not a fan of|wasn'?t a fan of|not into)\s+"
    r"(?:it|that(?: one)?|this(?: one)?|them|those|these)|(?:it|that|this)(?:'s| is| was)\s+(?:so |really |too )?"
    r"(?:boring|awful|terrible|bad|dull|overrated|not for me|not my thing|not my cup of tea)|"
    r"not for me|not my (?:thing|cup of tea|type|taste)|(?:(?:i(?:'ve| have)?|ive)\s+)?(?:already\s+)?(?:seen|watched|saw)\s+"
    r"(?:it|that(?: one)?|this(?: one)?)(?:\s+(?:already|before|too|" + OFTEN + r"))*")
NO_MORE_TAG = re.compile(
    r"^(?:no more|not another|nothing (?:by|with|from)|enough(?: of)?|no|stop showing(?: me)?|"
    r"(?:i )?(?:don'?t|do not) (?:want|show me) (?:any )?(?:more )?)\s+(?P<t>.+?)"
    r"(?:'s)?\s+(?:films?|movies?|stuff|ones?|pictures)(?: please)?$")
# What may lead a pick by description: "which one is", "whichever's", "I'll take", "give me".
_WHICH = rf"(?:which|what|whichever|whatever)(?: one| movie| film)?(?: of {LIST})?(?: is |'s )"
_TAKE = (r"(?:(?:ok(?:ay)?|so|alright|fine|then|well|hmm+|right) )?(?:i'?ll (?:take|have|go with|go for) |give me |gimme |show me |pick |take |i want |i'?d like |"
         r"can i (?:have|get) |let'?s (?:go with|do|take) |go with |go for |just )?")
PICK_LEAD = rf"(?:{_WHICH}|{_TAKE})"
# ... with its article: "which is the least scary", "which is least scary", "I'll take the newest".
THE_LEAD = rf"(?:{_WHICH}(?:the\s+)?|{_TAKE}the\s+)"
POSITION_PICK = re.compile(
    rf"^{_TAKE}(?:the\s+)?(?:(?P<n>second|third|fourth|fifth|2nd|3rd|4th|5th|\d)\s*(?:-|\s)?(?:(?:to|from)\s*(?:-|\s)?)?"
    rf"(?:the\s+)?(?:last|end|bottom)|penultimate|next[- ]to[- ]last|one (?:just |right )?(?:before|above) (?:the )?(?:last|bottom)(?: one)?)"
    rf"{OF_LIST}$")
# "the middle one", "the one at the bottom", "that one at the top": a place on the list.
PLACE_PICK = re.compile(
    rf"^{_TAKE}(?:the|that)\s+(?:(?P<m1>middle|top|bottom|topmost|bottommost)\s+(?:one|movie|film|pick|option|title)|"
    rf"(?:one|movie|film|pick|option|title)\s+(?:at|in|on)\s+the\s+(?P<m2>middle|top|bottom|end|very top|very bottom|"
    rf"centre|center))(?:\s+(?:of|on|in)\s+(?:{LIST}))?{THERE}$")
YEAR_PICK = re.compile(
    rf"^{THE_LEAD}(?:(?:one|movie|film)\s+(?:from|of|made in|released in|in)\s+"
    rf"(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)(?:\s+(?:one|movie|film))){OF_LIST}$")
AGE_PICK = re.compile(
    rf"^{THE_LEAD}(?:(?P<new>newest|most recent|latest|youngest|last released|most modern)|"
    rf"(?P<old>oldest|earliest|least recent|first released|most dated)){OF_LIST}$")
SUPERLATIVE = re.compile(
    rf"^{THE_LEAD}"
    rf"(?:(?:one|movie|film) (?:with|that has|having) (?:the )?"
    rf"(?P<amount>most|highest|biggest|strongest|largest|greatest|maximum|max|least|lowest|smallest|weakest|"
    rf"minimum|min|fewest)\s+(?P<p1>.+?)|"
    rf"(?:(?:one|movie|film) (?:that(?:'s| is)|which(?:'s| is)|that seems|that looks) (?:the )?)?"
    rf"(?:(?P<most>most|least)\s+(?P<p2>.+?)|(?P<est>[a-z]+est))|"
    rf"(?:one|movie|film) (?:with|that has|having|about|where there(?:'s| is| are)) (?:the |a |an |some |lots of )?(?P<p3>.+?))"
    rf"{OF_LIST}(?:\s+(?:one|of {LIST}))?$")
# "the funnier one", "the scarier of the two", "the more romantic one": a comparative picks the most.
COMPARATIVE_PICK = re.compile(
    rf"^{THE_LEAD}(?:(?P<dir>more|less)\s+(?P<p>[a-z][a-z -]*?)|(?P<er>[a-z]+(?:er|r)))\s+"
    rf"(?:one|movie|film|option|pick|of (?:the|those|these) (?:two|three|four|lot)|of (?:these|those|them|both))$")
# "the funny one", "the animated one of those": with a list on screen, the one with the most of it.
ADJECTIVE_PICK = re.compile(rf"^{THE_LEAD}(?P<p>[a-z][a-z -]{{1,30}}?)\s+(?:one|movie|film|pick|option){OF_LIST}$")
NOT_DESCRIPTION = {"other", "same", "next", "last", "first", "previous", "current", "new", "old", "good", "right",
                   "wrong", "only", "whole", "one", "final", "second", "third", "middle", "top", "bottom", "original"}
LESS_AMOUNT = {"least", "lowest", "smallest", "weakest", "minimum", "min", "fewest"}
NOT_ATTRIBUTE = {"best", "worst", "latest", "first", "last", "west", "honest", "interest", "forest",
                  "rest", "test", "guest", "quest", "nest", "contest", "protest", "request", "chest"}
ABOUT = re.compile(
    r"^(?:(?:tell|talk) (?:me |us )?(?:more |a bit |a little )?about|more about|(?:(?:any|some|give me|gimme|got any)"
    r"(?: the| some| more)? |the )?(?:more )?(?:info|information|details) (?:on|about|for)|describe|"
    r"what(?:'s| is) the (?:story|backstory|deal) (?:with|behind|on|of|about)|(?:what(?:'s| is) )?the (?:plot|premise|synopsis|"
    r"storyline|gist) (?:of|for|on)|what do you know about|what can you tell me about|"
    r"what kind of (?:movie|film) is|what sort of (?:movie|film) is|what(?:'s| is) the deal with|"
    r"what genres? (?:is|are)|is|should i (?:watch|see)|(?:give me |what'?s |what is )?the (?:lowdown|scoop|skinny) on|"
    r"(?:say|know|hear|learn) (?:a bit |a little )?more about|(?:anything|what(?: else)?) (?:(?:you )?(?:can|could) (?:you )?)?(?:tell me|say) about|"
    r"(?:i'?d like|i want|i wanna|i would like) to (?:know|hear|learn) (?:a bit |a little )?(?:more )?about)"
    r"\s+(?P<t>.+?)(?:\s+(?:any good|good|worth (?:it|watching|seeing)))?$|"
    r"^remind me (?:what|about) (?P<t3>.+?)(?:\s+(?:is|was)(?: about)?)?$|"
    r"^(?:what(?:'s| is| was)|how(?:'s| is))\s+(?P<t2>.+?)\s+(?:like|about)$|"
    r"^who(?:'s| is| would| was)\s+(?P<t4>.+?)\s+(?:be )?(?:for|aimed at|meant for|made for)$|"
    # "what year is #2?", "when did Heat come out?", "how old is the third one?": the answer names the year
    r"^(?:(?:what|which) year (?:is|was|did)|when (?:is|was|did)|how old is)\s+(?P<t6>.+?)"
    r"(?:\s+(?:made|released|filmed|shot|from|come out|came out|out))?$|"
    # "the second one, what's it about?", "and #3, what sort of film is it?": the item named first
    r"^(?:and |so |ok |okay )?(?P<t5>.+?)\s*[,;:-]*\s+(?:what(?:'s| is| was) (?:it|that|this)(?: one)? (?:about|like)|"
    r"what (?:sort|kind|type) of (?:movie|film|thing) is (?:it|that|this)(?: one)?|tell me about (?:it|that|this)(?: one)?)$")
# "what did you understand?", "how did you read that?": what the bot made of the request so far
UNDERSTOOD = re.compile(
    r"^(?:so |ok |okay |wait )?(?:what|how) (?:did|do|have) you (?:understand|read|interpret|get|make of|take)"
    r"(?: (?:that|it|this|me|my request|what i (?:said|asked|wrote)|from (?:that|it|this|me|what i said)))?"
    r"(?: so far| exactly)?\??$"
    r"|^what (?:do|did) you think (?:i|im|i am) (?:want|wanted|meant|mean|asked for|asking for|looking for)\??$"
    r"|^what (?:are|were) you (?:looking|searching) for\??$")
WHY = re.compile(
    r"^(?:but )?(?:why|how come|what makes|what made|explain|reason for)(?:\s+(?:(?:did|do|would|have)\s+)?you\s+"
    r"(?:pick|choose|chose|show|suggest|recommend|give|offer|take|put|include|select)(?:\s+me)?|"
    r"\s+(?:is|was|are|were)|\s+(?:this|that) (?:choice|pick)|\s+(?:the )?(?:choice|pick) of)?"
    r"(?:\s+(?P<t>.+?))?(?:\s+(?:there|here|on the list|in the list|in there|a good (?:pick|choice|match|fit)|"
    r"chosen|picked|suggested|recommended|shown|then|exactly))*$")
# A why-question that names a shown item anywhere in it ("so why would I like #2", "how is the
# fourth one less dark than Heat?", "in what way is number 3 funnier"): explain that item.
WHY_ANYWHERE = re.compile(
    r"^(?:(?:huh|hmm+|so|ok|okay|wait|and|but|hey|sorry)\W*\s+)*"
    r"(?:why|how come|how is|how's|how are|in what way is|in which way is|what makes)\b(?P<rest>.*)$")
# "what makes it more romantic than Harold and Maude?", "how is this one darker?": the current item.
WHY_IT = re.compile(r"^\s*(?:(?:is|was|does)\s+)?(?:it|this|that|this one|that one|this movie|this film)\s+(?:(?:so|more|less|any|better|worse|"
                    r"different|similar|a (?:good|better) (?:pick|choice|match))\b|[a-z]{3,}er\b)")
NAMED_POSITION = re.compile(
    rf"#\s*\d+|\b(?:number|no\.?)\s*\d+\b|\bthe\s+(?:{ORDINAL_WORDS})(?:\s+(?:one|movie|film|pick|choice))?\b")
JUMP = re.compile(
    r"^(?:(?:show|give|find|get)(?: me)? |i want |i'd like |let'?s (?:do|see|try) |how about |"
    r"(?:now )?(?:for )?)?(?:something|anything|one|a movie|a film|an?)?\s*(?:(?:completely|totally|entirely|really|"
    r"very|radically|wildly|utterly|altogether) (?:different|else|new)|different(?: altogether| entirely| for a change)?|"
    r"else entirely|random|at random|out of the box|off the wall|unexpected)"
    r"(?: (?:vibes?|mood|kind|genres?|style|direction|type|thing|stuff|one|movie|film|pick)(?: of (?:movie|film|thing))?)?"
    r"(?: for a change| please| now)*$|"
    r"^(?:(?:show|give|find|get)(?: me)? |i want |i'd like |how about )?"
    r"(?:surprise me|(?:a |something |another |one more )?(?:wild ?card|curveball|curve ball|surprise)|"
    r"(?:something|anything|one|a (?:movie|film)) (?:nothing|not(?: even(?: remotely)?| at all)?) like "
    r"(?:this|that|these|those|it|them)(?: at all| whatsoever| please)*|"
    r"(?:the |something )?(?:complete |total |polar |exact )?opposite(?: of (?:this|that|these|those|it|them))?|"
    r"another (?:random (?:one|pick|movie|film)|(?:completely |totally |wildly )?different one)|change of (?:pace|scenery)|"
    r"(?:let'?s |i'?d like to |i want to |can we )?try (?:something|anything) (?:new|fresh|different|else)(?: for a change)?|"
    r"(?:something|anything) (?:else|different) (?:altogether|entirely|completely)|(?:let'?s )?(?:switch|mix|shake) (?:it|things) up|"
    r"(?:let'?s |i (?:want|need) to )?change (?:it up|direction|course|tack|lanes|the subject)|"
    r"(?:(?:i|we) (?:want|need|could use)|let'?s have|time for) (?:a change|something (?:else|different|new))|"
    r"(?:let'?s )?(?:try )?(?:a )?(?:different|another|whole new|new) (?:genre|direction|kind of (?:movie|film)s?|type of (?:movie|film)s?)|"
    r"surprise me (?:with (?:something|anything|a (?:movie|film))|again)|"
    r"(?:mix|shake) (?:it|things) up|random (?:pick|movie|film|one)|(?:get|take) me (?:out of here|somewhere else)|"
    r"(?:let'?s )?go (?:wild|crazy|nuts|off piste)|"
    # "anything but this kind of film", "something other than these": away from the whole list
    r"(?:something|anything|any (?:movie|film)) (?:but|except|other than|apart from|besides) (?:this|that|these|those|"
    r"them|it)(?: (?:kind|sort|type|style|genre)s? of (?:films?|movies?|things?|stuff))?)"
    r"(?: please)?$")

# "something not like Heat", "anything unlike the second one": a jump away from a named film.
JUMP_FROM = re.compile(
    r"^(?:(?:show|give|find|get|recommend)(?: me)? |i want |i'd like |i need |how about |now )?"
    r"(?:something|anything|one|a (?:movie|film)|films?|movies?)\s+"
    r"(?:(?:that(?:'s| is| are)|which (?:is|are)) )?(?:nothing|not(?: even(?: remotely)?| at all)?|unlike|totally unlike|"
    r"completely unlike|very different from|(?:completely |totally )?different from)\s+(?:like\s+)?"
    r"(?P<t>.+?)(?: at all| whatsoever| please| this time)*$")

# A listed item said by its position ("#2", "number 2", "the second one"), and the words that may
# stand before the attribute asked about ("is it *really* scary?"), shared by the questions below.
_LISTED = rf"#\s*\d+|(?:number|no\.?)\s*\d+|the\s+(?:{ORDINAL_WORDS})(?:\s+(?:one|movie|film))?"
_ASKED = r"(?:(?:very|really|too|that|so|kind of|a bit|at all|any|more|less)\s+)*(?P<p>[a-z][a-z -]{2,30}?)(?:\s+at all)?$"
# "is it scary?", "is the second one too violent?": how much of an attribute an item has.
IS_ATTRIBUTE = re.compile(rf"^(?:is|was)\s+(?P<t>{IT}|{_LISTED})\s+" + _ASKED)
# "number 2. is it violent?", "the second one, is it scary?": the item named first, then asked about.
PICKED_THEN_IS = re.compile(rf"^(?P<t>{_LISTED})\s*[.,;:!-]+\s*(?:is|was)\s+(?:{IT})\s+" + _ASKED)
# "how violent is #2?", "how scary is the third one": the same question, the attribute first.
HOW_ATTRIBUTE = re.compile(
    rf"^how\s+(?:(?:very|really|too|that|so)\s+)?(?P<p>[a-z][a-z-]{{2,20}})\s+(?:is|was)\s+(?P<t>{IT}|{_LISTED})$")
# "what's number 1?", "what is the third one?": a question about a listed item. Without the
# question mark it stays a pick, as the labelled parser sets read "what's the second one".
WHAT_POSITION = re.compile(rf"^(?:what|which)(?:'s| is| was)\s+(?P<t>{NAMED_POSITION.pattern})(?P<t2>)$")


# A change to the last critique said about it (bot.dialogue.adjust): walk it the other way, as a
# smaller step or as a bigger one. "The opposite" alone stays a jump ("something completely
# different"); "go further", "even more" stay "more".
ADJUST = (
    ("flip", re.compile(r"^(?:no,? )?(?:(?:go |the |in the )?other way(?: (?:round|around))?|(?:the )?wrong (?:way|direction)"
                        r"|(?:go |the )?other way (?:please|instead)|reverse (?:it|that|the change))$")),
    ("softer", re.compile(r"^(?:(?:no,? )?not (?:that|so|quite (?:that|so)|as) much|(?:(?:that'?s|thats|it'?s|its|that was) )?"
                          r"(?:a bit |a little |way |much |far )?too (?:much|far)|tone it down(?: a (?:bit|little))?"
                          r"|(?:a bit |a little )?less (?:extreme|than that)|(?:you )?overshot(?: it)?)$")),
    ("stronger", re.compile(r"^(?:(?:no,? )?(?:(?:that'?s|thats|it'?s|its|that was) )?not (?:enough|far enough|(?:nearly )?enough of a change)"
                            r"|(?:even )?more than that|(?:a lot |way |much )?further than that|more extreme)$")),
    # "even less", a bare "less": further when the last critique asked less, the other way when it
    # asked more (bot.dialogue.adjust); "even more" stays "more" (above)
    ("less", re.compile(r"^(?:no,? )?(?:even |still |yet )?less(?: still| again| so| please)?$")),
)


def read_adjustment(simple: str) -> str | None:
    """"the other way" -> "flip", "not that much" -> "softer", "not enough" -> "stronger", "even
    less" -> "less"."""
    return next((how for how, pattern in ADJUST if pattern.match(simple)), None)
