"""A request for more of the answer on screen, read by its grammar rather than by phrases.

A sentence asks for more when it holds a cue of continuation ("more", "others", "else",
"next", "the rest", "after these", "keep going", "is that all") and every other word is
grammar of showing and asking: a verb of showing or seeing ("show", "see", "suggest",
"got"), a question word ("what", "anything", "is there"), a quantity ("a few", "a couple"),
a word pointing at the list ("these", "them") or a noun for the items ("suggestions",
"ideas", "options"). So "I'd like to see a few more suggestions", "and after those?", "what
about the others?" and "got any other ideas" ask for more, while "more comedy", "anything else
by the same director", "more few scares" or "I don't want more" do not: a word outside that
grammar (an attribute, a name, a negation) means the sentence asks for something else.

`praises_list` reads a clause that only comments on the list ("these look great", "I'd
happily watch them all", "nice list"): beside a request it adds nothing to it.
"""

from __future__ import annotations

import re

from bot.nlu import lexicon as lx

__all__ = ["asks_for_more", "more_count", "praises_list"]

# Continuation cues; "other" and "another" count unless they point at one item ("the other one").
_CUE = re.compile(
    r"\b(?:more|others?|another|else|next|rest|remaining|remainder|further|additional|following|"
    r"after (?:these|those|that|them|this|this lot|that lot)|after$|keep (?:them |em |it |those |these )?(?:going|coming|rolling)|"
    r"go on|carry on|continue|is that all|thats all|is this all)\b")
_ONE_ITEM = re.compile(r"\bthe other (?:one|movie|film)\b|\b(?:the )?other (?:one|movie|film) (?:of|from) the two\b")
# Wordings of wanting before a request, dropped before the words are checked ("I'd love to", "I
# wouldn't mind"): "love" and "like" are attributes elsewhere ("more love").
_WANTING = re.compile(
    r"\b(?:i(?:d| would)|we(?:d| would)) (?:love|like|be happy|be glad|be keen) to\b|\b(?:i|we)(?:d| would) like\b|"
    r"\b(?:i|we) (?:wouldnt|would not|dont|do not) mind\b|\blove to\b|\bwould be (?:nice|great|good|lovely|ideal|welcome)\b|"
    r"\bwhere (?:those|these|they|that) came from\b|\blike (?:these|those|them|this|that|it)(?: ones?)?\b|"
    r"\b(?:along|on) (?:those|these|the same|similar) lines\b|\bin (?:that|the same|a similar) (?:vein|spirit)\b")
_GRAMMAR = frozenset(
    """a an the some any few couple of these those them that this it its me us you i we my your our all
    and but or so then please pls just maybe perhaps possibly ok okay now still yet also too again well
    hmm um right sure alright thanks
    show shown showing see seeing give giving get getting got gotten have has had find bring list offer
    send throw hit suggest suggesting recommend recommending want need let lets can could may might will
    would shall do does did is are was were be been there theres whats what which how about anything
    something anyone everything come comes came coming going go up with for to in at on from where
    youve youd ive id weve same similar lot batch page set round bunch selection list
    one ones option options pick picks title titles film films movie movies suggestion suggestions
    recommendation recommendations result results idea ideas choice choices stuff things alternatives
    candidates entries""".split())
_NUMBER = re.compile(r"^\d{1,2}$|^(?:two|three|four|five|six|seven|eight|nine|ten|twenty)$")
_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> list[str]:
    return [w.replace("'", "") for w in _WORD.findall(text.lower())]


def asks_for_more(simple: str) -> bool:
    """Whether the (simplified) sentence only asks for more items of the answer on screen."""
    text = " ".join(_words(simple))
    if not _CUE.search(text) or _ONE_ITEM.search(text):
        return False
    rest = _WANTING.sub(" ", _CUE.sub(" ", text))
    return all(w in _GRAMMAR or _NUMBER.match(w) for w in rest.split())


_COUNT_WORDS = {**lx.CARDINALS, "a couple": 2, "a couple of": 2, "couple": 2, "a pair of": 2}
_COUNT = r"\d{1,2}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
# "5 more", "a couple more", "three other films", "the next four", "another 3": a number said with the cue.
_COUNTED = re.compile(rf"\b(?P<n>{_COUNT}) (?:more|others?|additional|further|extra)\b"
                      rf"|\b(?:next|another) (?P<m>{_COUNT})\b")


def more_count(simple: str) -> int | None:
    """How many more a request for more asks for ("show me 5 more" 5, "a couple more" 2), None
    when it names no number ("more", "a few more")."""
    m = _COUNTED.search(" ".join(_words(simple)))
    if m is None:
        return None
    said = m.group("n") or m.group("m")
    count = int(said) if said.isdigit() else _COUNT_WORDS[said]
    return count if count > 0 else None


_PRAISE = frozenset(
    """good great nice lovely cool fine fun interesting excellent awesome amazing perfect brilliant solid decent
    neat fantastic wonderful superb promising tempting appealing""".split())
_FOND = frozenset("love like enjoy adore happily gladly watch".split())  # past tenses say seen
_POINTER = frozenset("them these those they theyre all list picks choices options suggestions ones lot".split())
_PRAISE_GRAMMAR = frozenset(
    """i id im we wed would could be are is were was look looks looking seem seems sound sounds of
    really very pretty quite so but and though all some to ok okay yeah yes sure thanks a the""".split())


def praises_list(clause: str) -> bool:
    """"these look great", "nice list", "I'd happily watch them all", "love them all", "lovely":
    praise of the list, or a fond word pointed at it, with nothing asked."""
    words = _words(clause)
    if not words or any(w not in _PRAISE | _FOND | _POINTER | _PRAISE_GRAMMAR for w in words):
        return False
    if len(words) == 1:
        return words[0] in _PRAISE
    return bool(set(words) & _POINTER) and bool(set(words) & (_PRAISE | _FOND))
