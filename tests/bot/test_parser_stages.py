"""Each stage of the parser pipeline (bot/nlu) on its own, without loading the sentence encoder."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlu.clauses import Cue, decide_polarity, read_clause, split_clauses
from bot.nlu.commands import read_command, simplify
from bot.nlu.critiques import read_critiques
from bot.nlu.grounding import TagGrounder
from bot.nlu.references import ReferenceReader
from bot.nlu.text import MAX_CHARS, clean_utterance, readable, tokenize
from bot.nlu.vocabulary import TagVocabulary
from bot_fixtures import DEMO_TAGS, hashed_ngram_encoder
from engine.retrieval.catalog import TitleResolver


@pytest.fixture(scope="module")
def vocab() -> TagVocabulary:
    return TagVocabulary(DEMO_TAGS)


@pytest.fixture(scope="module")
def grounder(vocab) -> TagGrounder:
    return TagGrounder(vocab, hashed_ngram_encoder, encoder_id="hashed")


# -- 1. clean -----------------------------------------------------------------------------------

def test_clean_utterance_is_the_one_cleaner():
    assert clean_utterance("  less\u00a0action \U0001f600\u200b\n please ") == "less action please"
    assert clean_utterance("it\u2019s \u201cdark\u201d") == "it's \"dark\""
    assert clean_utterance(None) == "" and clean_utterance(42) == "42"
    assert len(clean_utterance("a" * 10 * MAX_CHARS)) == MAX_CHARS


@pytest.mark.parametrize("text, ok", [
    ("less action", True), ("", False), ("!!!", False), ("更多动作片", False),
    ("'; DROP TABLE users; --", False), ("<script>alert(1)</script>", False), ("?", True),
])
def test_readable_rejects_empty_foreign_script_and_code(text, ok):
    assert readable(clean_utterance(text)) is ok


# -- 2. commands --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, simple", [
    ("OK so can you make it funnier please", "make it funnier"),
    ("No, I meant comedy.", "i meant comedy"),
    ("Amélie!", "amelie"),
])
def test_simplify_drops_polite_wrappers_and_a_leading_no(text, simple):
    assert simplify(text) == simplify(simple) == simple


@pytest.mark.parametrize("simple, intent", [
    ("undo", "undo"), ("go back", "undo"), ("start over", "restart"), ("help", "help"),
    ("bye", "bye"), ("go back to something darker", None), ("less action", None),
])
def test_read_command_is_anchored(simple, intent):
    assert read_command(simple) == intent


# -- 3. references and selections ----------------------------------------------------------------

TITLES = ("Toy Story (1995)", "Heat (1995)", "Heat (2013)", "Alien (1979)")


@pytest.fixture(scope="module")
def references(vocab) -> ReferenceReader:
    return ReferenceReader(TitleResolver(TITLES, (1, 6, 7, 9), (900, 400, 20, 300)), vocab)


def test_list_words_are_not_titles_unless_typed_as_one(vocab):
    reader = ReferenceReader(TitleResolver(("Others, The (2001)", "It (2017)", "Heat (1995)"), (1, 2, 3)), vocab)
    reader.typed = "show me the others"
    assert reader.exact_title("the others") is None and reader.bare_title("it") is None
    reader.typed = "I liked The Others"
    assert reader.exact_title("the others").item_id == 1


def test_explicit_reference_keeps_the_words_after_the_title(references):
    found = references.explicit("something like toy story but funnier")
    assert found.parse.item_id == 1 and found.rest == "but funnier"
    assert references.explicit("more like a western") is None  # a tag phrase, not a title
    namesake = references.explicit("something like heat").parse  # 400 against 20: the most watched
    assert namesake.item_id == 6 and namesake.namesakes == ("Heat (2013)",)  # the other, to name it


def test_a_number_after_like_is_a_title_before_it_is_an_id(vocab):
    # ids 2001 and 1984 exist too: "something like 2001" means the film, "item 2001" the id
    titles = ("Lethal Weapon 2 (1989)", "2001: A Space Odyssey (1968)", "1984 (Nineteen Eighty-Four) (1984)",
              "Ghost (1990)")
    reader = ReferenceReader(TitleResolver(titles, (2001, 924, 2117, 1984), (50, 200, 60, 300)), vocab)
    assert reader.explicit("something like 2001").parse.item_id == 924
    assert reader.explicit("like 1984 but funnier").parse.item_id == 2117
    assert reader.explicit("item 2001").parse.item_id == 2001


def test_selection_by_ordinal_number_and_shown_title(references):
    shown = ((6, "Heat (1995)"), (9, "Alien (1979)"))
    assert references.selection("the second one", shown).index == 2
    assert references.selection("#1", ()).index == 1
    by_title = references.selection("i'll take alien", shown)
    assert (by_title.intent, by_title.index, by_title.item_id) == ("select", 2, 9)
    assert references.selection("7", shown).intent == "reference"  # an id past the shown list


# -- 4-5. clauses, polarity, strength -----------------------------------------------------------

def _clauses(text: str, vocab):
    return [read_clause(c, vocab) for c in split_clauses(tokenize(text), vocab)]


def test_split_at_conjunctions_and_before_a_new_polarity_word(vocab):
    assert [c.tokens for c in split_clauses(tokenize("less horror more comedy"), vocab)] == [
        ["less", "horror"], ["more", "comedy"]]
    assert [c.tokens for c in split_clauses(tokenize("less blood and guts"), vocab)] == [
        ["less", "blood and guts"]]  # a lexicon phrase is kept whole


def test_a_compound_with_a_strength_or_filler_word_stays_one_attribute(vocab):
    from bot.nlu.critiques import _whole_compound

    assert tokenize("more far-fetched", _whole_compound) == ["more", "far fetched"]
    assert tokenize("a well-made one", _whole_compound) == ["a", "well made", "one"]
    assert tokenize("less sci-fi", _whole_compound) == ["less", "sci", "fi"]  # no filler part
    assert tokenize("less-violent", _whole_compound) == ["less", "violent"]  # a polarity word
    assert tokenize("far-fetched") == ["far", "fetched"]  # plain tokenising splits every hyphen
    reading = read_critiques("more far-fetched", vocab, TagGrounder(vocab, hashed_ngram_encoder))
    assert [c.phrase for c in reading.critiques + reading.unread] == ["far fetched"]


@pytest.mark.parametrize("text, polarity, strength, content", [
    ("a bit funnier", 1, 0.5, ["funny"]),
    ("way too violent", -1, 2.0, ["violent"]),
    ("i dont want more horror", -1, 1.0, ["horror"]),
    ("not funny enough", 1, 1.0, ["funny"]),
    ("horror", None, 1.0, ["horror"]),
])
def test_read_clause_polarity_strength_and_content(vocab, text, polarity, strength, content):
    (clause,) = _clauses(text, vocab)
    assert (clause.polarity, clause.strength, clause.content) == (polarity, strength, content)


def test_decide_polarity_negation_flips_a_later_more():
    assert decide_polarity([Cue(0, -1, "neg"), Cue(2, 1, "explicit")], ["no", "x", "more"]) == -1
    assert decide_polarity([Cue(0, 1, "weak")], ["i", "like"]) == 1
    assert decide_polarity([], []) is None


# -- 6. grounding ---------------------------------------------------------------------------------

def test_vocabulary_lexicon_and_typo_correction(vocab):
    hits, full = vocab.lexical("explosions")
    assert full and [vocab.tags[t] for t, _ in hits] == ["action"]
    (tag, flip), = vocab.lexical("lighter")[0]
    assert vocab.tags[tag] == "dark" and flip  # an opposite cue
    assert vocab.correct("acton") == "action" and vocab.correct("start") == "start"


def test_grounder_lexicon_hit_and_embedding_threshold(vocab, grounder):
    crit = grounder.from_hits("explosions", vocab.lexical("explosions")[0], -1, 0.5)
    assert (crit.alpha, crit.tag, crit.score, crit.strength, crit.phrase) == (-1, "action", 1.0, 0.5, "explosions")
    vector = grounder.embed(["zzqx"])[0]
    assert grounder.from_vector("zzqx", vector, 1, 1.0, True)[0] is None  # nothing close
    assert np.allclose(grounder.embed(["zzqx"]), vector)  # cached


def test_read_critiques_inherits_polarity_across_clauses(vocab, grounder):
    reading = read_critiques("less horror and gore", vocab, grounder)
    assert sorted((c.alpha, c.tag) for c in reading.critiques) == [(-1, "gory"), (-1, "horror")]
    assert reading.cued and reading.strong_cue


def test_an_embedding_match_to_a_declared_opposite_asks_no_question():
    # "simpler" sits nearest "simple", an opposite the lexicon declares for three tags of one
    # concept: antonyms sit close in an embedding, so no "less cerebral or less philosophical?"
    v = TagVocabulary(("cerebral", "philosophical", "thought-provoking", "action"))
    g = TagGrounder(v, hashed_ngram_encoder, encoder_id="hashed")
    guessed = g.from_vector("simpler", g.embed(["simpler"])[0], 1, 1.0, True)[0]
    assert (guessed.alpha, guessed.flipped, guessed.candidates) == (-1, True, ())
    assert guessed.score < 1.0
    # a word that negates itself is no guess (not flipped); the near-tied tags are one concept's
    # synonyms, so no question either (bot.nlu.grounding: only different concepts are offered)
    negated = g.from_vector("unsimple", g.embed(["unsimple"])[0], 1, 1.0, True)[0]
    assert not negated.flipped and negated.candidates == ()
