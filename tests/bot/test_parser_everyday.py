"""What people type besides clean critiques: greetings, commands in several clauses, picks with
a verb or a verdict, compounds, titles the catalog lacks with a critique, genre blends, and
words that are no typos. Sentences here are not those of the labelled sets."""

from __future__ import annotations

import pytest

from bot.nlu.commands import read_command, simplify
from bot.nlu.text import best_correction
from bot.nlu.vocabulary import TagVocabulary
from bot.nlu.parser import Parser
from bot.types import Parse
from bot_fixtures import DEMO_TAGS

TITLES = ("Toy Story (1995)", "Heat (1995)", "Golden Blackout (1999)", "Alien (1979)",
          "Riddle at Dawn (2009)", "Secret Velocity (1989)")
IDS = tuple(range(201, 201 + len(TITLES)))
SHOWN = ((202, "Heat (1995)"), (206, "Secret Velocity (1989)"), (205, "Riddle at Dawn (2009)"))


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-everyday-tags.npz"
    return Parser(DEMO_TAGS, TITLES, IDS, popularity=tuple(range(len(TITLES), 0, -1)),
                  tag_vectors_cache=cache)


def pairs(parse: Parse) -> list[tuple[int, str]]:
    return [(c.alpha, c.tag) for c in parse.critiques]


# -- small talk -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Howdy!", "greeting"), ("good evening everyone", "greeting"), ("hiya bot", "greeting"),
    ("thank you so much", "thanks"), ("much appreciated", "thanks"),
    ("no", "refusal"), ("nope", "refusal"), ("lol no", "refusal"), ("haha nope!", "refusal"),
    ("nah, not those", "refusal"), ("no thanks", "refusal"), ("not really", "refusal"), ("Nooo", "refusal"),
    ("you pick", "deferral"), ("dunno", "deferral"), ("whatever you think", "deferral"),
    ("it's up to you", "deferral"), ("I don't really care", "deferral"), ("anything is fine", "deferral"),
    ("pick one for me", "deferral"), ("which one should I watch?", "deferral"),
    ("what's the best one?", "deferral"), ("what would you pick", "deferral"), ("just choose something", "deferral"),
    ("ok", "acknowledgement"), ("hmm", "acknowledgement"), ("okay cool", "acknowledgement"),
    ("got it", "acknowledgement"), ("hmm let me think", "acknowledgement"), ("oh, interesting", "acknowledgement"),
    ("how many did you find?", "count"), ("so how many are there", "count"), ("how many results in total?", "count"),
])
def test_greetings_and_thanks_are_small_talk_not_help(parser, text, kind):
    parse = parser.parse(text)
    assert parse.intent == "out_of_scope" and parse.small_talk == kind
    assert parse.to_json() == {"intent": "out_of_scope", "small_talk": kind}


def test_whatever_alone_leaves_the_pick_to_the_bot_only_with_a_list_on_screen():
    from bot.nlu.chitchat import small_talk

    assert small_talk("whatever", listed=True) == "deferral"
    assert small_talk("whatever") is None  # the words may name a film ("Whatever (1998)")
    assert small_talk("whatever's next", listed=True) is None


def test_a_no_before_a_request_is_the_request(parser):
    assert pairs(parser.parse("no, less action")) == [(-1, "action")]
    assert pairs(parser.parse("nope, more romance")) == [(1, "romance")]
    assert parser.parse("no", shown=SHOWN).small_talk == "refusal"  # "none of these" is a list control


def test_a_greeting_before_a_request_is_dropped(parser):
    assert pairs(parser.parse("Hiya, more romance please")) == [(1, "romance")]
    assert parser.parse("Good evening! the second one", shown=SHOWN).index == 2


# -- commands ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, intent", [
    ("argh, take that back", "undo"), ("hang on, undo my previous change", "undo"), ("cmd-z", "undo"),
    ("scrap everything and begin again", "restart"), ("that's plenty for tonight, later", "bye"),
    ("farewell for today", "bye"), ("thanks, goodnight", "bye"),
])
def test_commands_said_in_several_clauses_or_with_an_aside(text, intent):
    assert read_command(simplify(text)) == intent


@pytest.mark.parametrize("text", ["go back and more romance", "undo, then funnier", "start over with Heat"])
def test_a_command_clause_beside_a_request_is_no_command(text):
    assert read_command(simplify(text)) is None


# -- picks and references -----------------------------------------------------------------------

@pytest.mark.parametrize("text, index", [
    ("let's do number 3", 3), ("this one, the second", 2), ("i'll go with 1", 1),
    ("Riddle at Dawn sounds great", 3), ("the second one looks really promising", 2),
])
def test_picks_with_a_verb_a_pointer_or_a_verdict(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "select" and parse.index == index


def test_a_number_beyond_the_list_after_a_verb_is_still_a_catalog_id(parser):
    parse = parser.parse("i'll go with 204", shown=SHOWN)
    assert parse.intent == "reference" and parse.item_id == 204


@pytest.mark.parametrize("text", [
    "Golden Blackout was amazing, anything similar?", "i watched golden blackout, got more like it?",
])
def test_a_request_for_similar_items_after_a_title_keeps_the_reference(parser, text):
    parse = parser.parse(text)
    assert parse.intent == "reference" and parse.item_id == 203


def test_a_request_for_similar_items_after_a_pick_keeps_the_pick(parser):
    parse = parser.parse("the third one was great, show me more like it", shown=SHOWN)
    assert parse.intent == "select" and parse.index == 3
    assert parser.parse("less romance, something like that").intent == "critique"


@pytest.mark.parametrize("text, start, expected", [
    ("exactly like #1 but darker", {"index": 1}, [(1, "dark")]),
    ("same as the second one, only funnier", {"index": 2}, [(1, "comedy")]),
    ("Golden Blackout minus the romance", {"item_id": 203}, [(-1, "romance")]),
    ("Toy Story without the kiddie stuff", {"item_id": 201}, [(-1, "family")]),
])
def test_compounds_with_same_as_and_minus(parser, text, start, expected):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "critique" and pairs(parse) == expected
    assert {k: getattr(parse, k) for k in start} == start


# -- titles the catalog lacks, with a critique -----------------------------------------------------

@pytest.mark.parametrize("text, title, expected", [
    ("Jaws, but less gory", "jaws", [(-1, "gory")]),
    ("Pulp Fiction but funnier", "pulp fiction", [(1, "comedy")]),
    ("something like Casablanca but darker", "casablanca", [(1, "dark")]),
    ("Lord of the Rings but shorter", "lord of the rings", [(-1, "slow-paced")]),  # a lexicon cue, no polarity word
])
def test_an_unknown_title_with_a_critique_is_a_reference_never_a_critique(parser, text, title, expected):
    parse = parser.parse(text)
    assert parse.intent == "reference" and parse.item_id is None and parse.unknown_title == title
    assert pairs(parse) == expected  # they wait for the title the user picks instead
    assert parse.to_json()["critiques"][0]["tag"] == expected[0][1]


@pytest.mark.parametrize("text, expected", [
    ("Scary but less gory", [(1, "horror"), (-1, "gory")]),
    ("Honestly, less gory", [(-1, "gory")]),
    ("Explosions, but less violent", [(1, "action"), (-1, "violent")]),
    ("Zombies but funnier", [(1, "horror"), (1, "comedy")]),  # a plural cue describes
    ("Thanks, but less violent", [(-1, "violent")]),
])
def test_attribute_words_and_asides_before_a_critique_are_no_title(parser, text, expected):
    parse = parser.parse(text)
    assert parse.intent == "critique" and pairs(parse) == expected


# -- vocabulary -----------------------------------------------------------------------------------

def test_genre_blends_are_both_genres_with_one_strength(parser):
    assert pairs(parser.parse("less dramedy")) == [(-1, "drama"), (-1, "comedy")]
    blend = parser.parse("a bit more horror-comedy")
    assert pairs(blend) == [(1, "horror"), (1, "comedy")] and [c.strength for c in blend.critiques] == [0.5, 0.5]


def test_a_clause_without_its_own_cue_takes_the_strength_before_it(parser):
    parse = parser.parse("way less romance and drama")
    assert pairs(parse) == [(-1, "romance"), (-1, "drama")] and [c.strength for c in parse.critiques] == [2.0, 2.0]
    mixed = parser.parse("a bit less action, more comedy")
    assert [c.strength for c in mixed.critiques] == [0.5, 1.0]


@pytest.mark.parametrize("text, strength", [("a bit lighter", 0.5), ("much lighter", 2.0), ("lighter", 1.0),
                                            ("slightly brighter", 0.5), ("a bit darker", 0.5)])
def test_a_strength_before_a_comparative_the_lexicon_lists_is_kept(parser, text, strength):
    # "lighter" is a word of the lexicon (an opposite of dark), not a comparative it derives
    parse = parser.parse(text)
    assert [(c.tag, c.strength) for c in parse.critiques] == [("dark", strength)]


def test_other_domains_stay_out_of_scope_with_describing_words(parser):
    for text in ("suggest a spooky podcast", "recommend a romantic historical novel", "find me a cosy cafe",
                 "any good romance novels?", "got any funny podcasts"):
        assert parser.parse(text).intent == "out_of_scope", text
    assert parser.parse("any good comedies?").intent == "critique"


def test_no_typo_fix_for_an_inflected_word_or_into_part_of_a_phrase():
    assert best_correction("looting", ["looking"], {"loot"}) is None  # "loot" + "ing"
    assert best_correction("lookng", ["looking"], {"loot"}) == "looking"
    vocab = TagVocabulary(DEMO_TAGS)
    assert vocab.correct("martian") == "martian"  # "martial" only lives in "martial arts"
    assert vocab.correct("romantc") == "romantic" and vocab.correct("explosins") == "explosions"


def test_a_comparative_read_through_an_opposite_is_echoed_as_said():
    from bot.dialogue.replies import walked
    from bot.types import Critique

    lighter = walked([Critique(-1, "dark", 1.0, 0.5, "lighter", flipped=True)], "Heat (1995)", 0.5, 10, False)
    assert "(from \u201clighter\u201d)" in lighter and "more lighter" not in lighter
    mindless = walked([Critique(-1, "thought-provoking", 1.0, 1.0, "mindless", flipped=True)], "Heat (1995)", 0.5, 10, False)
    assert "(from \u201cmore mindless\u201d)" in mindless


@pytest.mark.parametrize("text, expected", [
    ("live action", [(-1, "animation")]), ("more live-action", [(-1, "animation")]),
    ("Toy Story but live action", [(-1, "animation")]), ("more action", [(1, "action")]),
    ("Toy Story but with real actors", [(-1, "animation")]), ("something like Shrek with real actors", [(-1, "animation")]),
])
def test_live_action_is_the_opposite_of_animation_not_more_action(parser, text, expected):
    parse = parser.parse(text)
    assert pairs(parse) == expected and parse.limit is None  # "real actors" asks no question about a cast


def test_an_acknowledgement_says_what_to_do_next_with_or_without_a_list():
    from bot.dialogue.replies import small_talk

    assert small_talk("count", "Heat (1995)", False, listed=7).startswith("This list has 7 films")
    assert "something like Heat (1995)" in small_talk("count", "Heat (1995)", False, listed=0)

    assert small_talk("acknowledgement", "Heat (1995)", False, listed=True).startswith("Take your time")
    assert "something like Heat (1995)" in small_talk("acknowledgement", "Heat (1995)", False, listed=False)
