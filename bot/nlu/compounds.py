"""A starting point and the critiques said with it in one utterance ("Heat, just less violent",
"the second one but less dark"): where the start ends, and whether what follows is a critique."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.nlu.critiques import Reading, read_critiques
from bot.nlu.grounding import TagGrounder
from bot.nlu.reference_patterns import select_pattern
from bot.nlu.references import ReferenceReader, Shown
from bot.nlu.title_spans import OWNER, longer_title
from bot.nlu.vocabulary import TagVocabulary
from bot.types import Parse
from engine.retrieval.catalog import TitleResolver

_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:but|just|only|though|and|with|without|minus|except|[-\u2013\u2014]+)\s+")
# "Heat, the Michael Mann one" describes the film; "..., the 2001 version" picks a namesake (the resolver's).
# "Alien but in the ocean", "Heat but in Paris": a place said after "but" is asked as "set in" is
# (a weak "more", bot.nlu.lexicon), not dropped while the film starts alone
_PLACE = re.compile(r"^(?:but|just|only)\s+(?:in|on|at|under|inside|aboard)\s+(?P<place>(?:\S+\s*){1,4})$")
_APPOSITION = re.compile(r"(?:the|that|a|an)\s+(?!(?:one|same|other|opposite)\b)[a-z](?!.*\b(?:19|20)\d\d\b)")


class CompoundReader:
    """Splits an utterance at its separators into a start (a title, a place on the list) and the
    critiques after it; the parser asks it before reading the utterance as critiques alone."""

    def __init__(self, references: ReferenceReader, titles: TitleResolver, vocab: TagVocabulary,
                 grounder: TagGrounder):
        self.references, self.titles, self.vocab, self.grounder = references, titles, vocab, grounder

    def read(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """"Golden Blackout, just less violent", "the second one but less dark": a starting point
        before the first separator, critiques after it. A title the catalog lacks there ("Fargo,
        just less violent") is a reference with no item: the bot says so, it walks from nothing."""
        separators = list(_SEPARATOR.finditer(simple))
        # whether the words up to each later separator (or the end) are a pick as a whole
        picks = [select_pattern(simple[:end].strip(" ,;-")) is not None
                 for end in [m.start() for m in separators[1:]] + [len(simple)]]
        for k, m in enumerate(separators):
            head, tail = simple[: m.start()].strip(), simple[m.start():].strip(" ,;-")
            if head and longer_title(simple, head, self.titles):
                continue  # "Ghost and the Darkness ...": the separator is inside a longer title
            if any(picks[k:]):
                continue  # "go with the second one, but darker": inside a pick, never the film "Go"
            start = self.references.starting_point(head, shown) if head else None
            owned = OWNER.sub("", head)
            if start is None and owned != head and not _SEPARATOR.search(owned):
                start = self.references.starting_point(owned, shown)  # "tim burton's ed wood - funny, ..."
                head = owned if start is not None else head
            if start is not None and self._named_later(simple, head, start):
                continue  # "my wife and I watched Margin Call, ...": not "My Wife is an Actress"
            if start is not None and start.item_id is None and start.index is None and start.candidates:
                return self.waiting(start, tail)  # "Lord of the Rings but funnier": which one, then funnier
            if start is not None:
                found = self.with_critiques(start, tail)
                if found is None and m.group(0).strip() == "," and start.item_id is not None \
                        and _APPOSITION.match(tail):
                    return start  # "braindead, the old splatter comedy": the film, described
                return found
            unknown = self.references.unknown_start(head, original) if head else None
            if unknown is not None and _critique_follows(read_critiques(tail, self.vocab, self.grounder)):
                return self.waiting(unknown, tail)
        return None

    def _named_later(self, simple: str, head: str, start: Parse) -> bool:
        """Whether a start found only by a short form of a title ("my wife": the first words of
        "My Wife is an Actress") gives way to a title named in full later in the sentence."""
        if start.item_id is None or self.titles.exact(head):
            return False
        inside = self.references.anywhere(simple)
        return inside is not None and inside[0].item_id not in (None, start.item_id)

    def waiting(self, unknown: Parse, rest: str) -> Parse:
        """A title the catalog lacks, with the critiques said after it ("Heat but less violent"):
        still a reference with no item (never a critique of the current item); the critiques ride
        along so the bot can apply them to the title the user picks instead."""
        reading = read_critiques(rest, self.vocab, self.grounder) if rest else None
        if reading is None or not _critique_follows(reading):
            return unknown
        return replace(unknown, critiques=reading.critiques)

    def with_critiques(self, start: Parse, rest: str) -> Parse | None:
        """A critique that carries its starting point, when `rest` holds a cued critique."""
        if start.item_id is None and start.index is None:
            return None  # an ambiguous or unknown title: the bot asks about it first
        reading = read_critiques(rest, self.vocab, self.grounder, described=True)
        place = _PLACE.match(rest)
        if place is not None and not (reading.cued or reading.strong):
            reading = read_critiques(f"set in {place.group('place')}", self.vocab, self.grounder, described=True)
        # "Fargo but less gory": a cued clause no tag names is a critique too (the dialogue reads it)
        if not ((reading.critiques and (reading.cued or reading.strong)) or (reading.unread and reading.cued)):
            return None
        return Parse("critique", critiques=reading.critiques, unread=reading.unread, item_id=start.item_id,
                     item_ids=start.item_ids, title=start.title, index=start.index if start.item_id is None else None,
                     namesakes=start.namesakes, outside=start.outside)  # "star wars but darker": name Episode V


def _critique_follows(reading: Reading) -> bool:
    """A real polarity word ("but less violent") or a lexicon critique ("but shorter")."""
    return reading.strong_cue or bool(reading.critiques and reading.strong)
