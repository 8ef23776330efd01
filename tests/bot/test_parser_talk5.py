"""Polarity that a construction carries itself (bot.nlu.polarity_forms): compounds that negate
their noun ("gore-free", "non-violent"), hedged negations ("nowhere near as violent"), verb
phrases that ask for less ("hold the romance", "go easy on the gore"), and a "more"/"less" said
around them turned around (double negation). Also a jump away from a named film. Made-up
catalog; none of the blind sets' sentences."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser
from bot.nlu.polarity_forms import rewrite_polarity

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "gore", "scary")
TITLES = ("Harbor King (1980)", "Quiet Town (1988)", "Gravelord (1992)", "Robots (2005)", "Honor Bound (2001)")
IDS = (11, 12, 13, 14, 15)
POPULARITY = (300, 40, 60, 200, 90)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk5-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)


def _read(parser: Parser, text: str) -> list[tuple[int, str]]:
    parse = parser.parse(text)
    assert parse.intent == "critique", (text, parse.intent)
    return [(c.alpha, c.tag) for c in parse.critiques] + [(c.alpha, c.phrase) for c in parse.unread]


@pytest.mark.parametrize("text,tag", [
    ("gore-free please", "gore"),
    ("something violence-free", "violence"),
    ("a romance free one", "romance"),
    ("free of gore this time", "gore"),
    ("the same minus the violence", "violence"),
    ("without all the gore", "gore"),
    ("hold the romance", "romance"),
    ("go easy on the gore", "gore"),
    ("easy on the violence, mate", "violence"),
    ("could you lay off the romance", "romance"),
    ("pass on the violence", "violence"),
    ("sans gore", "gore"),
    ("steer clear of romance", "romance"),
    ("keep the violence to a minimum", "violence"),
    ("as little gore as possible", "gore"),
    ("minimal violence", "violence"),
    ("not remotely as violent", "violence"),
    ("not nearly as dark", "dark"),
    ("nowhere near as scary", "scary"),
    ("something that isn't as gory", "gore"),
    ("one that wasnt as dark", "dark"),
    ("not quite so dark", "dark"),
    ("gore? nope", "gore"),
    ("romance? no thanks", "romance"),
    ("a lot less of the violence", "violence"),
    ("a non-violent one", "violence"),
    ("something non scary", "scary"),
    ("I'm not keen on romance", "romance"),
    ("low on the gore", "gore"),
    ("zero romance", "romance"),
])
def test_a_construction_that_negates_its_word_asks_for_less(parser, text, tag):
    read = _read(parser, text)
    assert read and read[0][0] == -1, (text, read)
    assert tag[:4] in read[0][1] or read[0][1] == tag, (text, read)


@pytest.mark.parametrize("text,alpha", [
    ("less gore-free", 1),  # double negation: more gore
    ("more violence-free", -1),
    ("more non-violent", -1),
    ("less non-violent", 1),
    ("not unfunny", 1),
    ("not nearly enough action", 1),  # a hedge before "enough" still asks for more
    ("not enough romance", 1),
])
def test_more_or_less_around_a_negating_construction_keeps_the_users_direction(parser, text, alpha):
    read = _read(parser, text)
    assert read and read[0][0] == alpha, (text, read)


@pytest.mark.parametrize("tokens,expected", [
    (["non", "stop", "action"], ["non", "stop", "action"]),  # "non-stop" is a word of its own
    (["feel", "free", "to", "pick"], ["feel", "free", "to", "pick"]),
    (["not", "that", "scary"], ["not", "that", "scary"]),  # the clauses' own "not that"
    (["gore", "free"], ["less", "gore"]),
    (["more", "gore", "free"], ["less", "gore"]),
])
def test_rewriting_leaves_words_of_their_own_alone(tokens, expected):
    assert rewrite_polarity(tokens, lambda w: w not in {"to", "that", "the", "a"}) == expected


@pytest.mark.parametrize("text", [
    "something not like Harbor King", "anything unlike harbor king", "show me a movie nothing like Robots",
    "something very different from Robots", "films that are nothing like Harbor King at all",
])
def test_not_like_a_named_film_is_a_jump_away_from_it(parser, text):
    parse = parser.parse(text)
    assert parse.intent == "jump" and parse.item_id in (11, 14), (text, parse)


def test_not_like_a_film_on_screen_jumps_away_from_it_and_picks_nothing(parser):
    parse = parser.parse("something not like Robots", shown=((14, "Robots (2005)"), (12, "Quiet Town (1988)")))
    assert parse.intent == "jump" and parse.item_id == 14


# -- moves on the list in free wording (bot.nlu.loose_controls) ---------------------------------

SHOWN = ((12, "Quiet Town (1988)"), (13, "Gravelord (1992)"), (15, "Honor Bound (2001)"))


@pytest.mark.parametrize("text", [
    "take me somewhere new", "let's go in a totally new direction", "throw me a curveball",
    "a wildcard pick please", "change it up completely", "something out of left field", "mix it up a bit",
    "I want a change of pace", "different genre entirely", "let's switch gears", "how about a complete change",
    "nothing like these at all", "something off the beaten track", "I'm bored of these, something else entirely",
])
def test_a_jump_in_free_wording(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "jump", text


@pytest.mark.parametrize("text,index", [
    ("explain yourself", None), ("why those films", None), ("can you explain why you chose that", None),
    ("whats the reasoning behind #2", 2), ("any reason for the first pick?", 1), ("why recommend it", None),
    ("what do they have in common", None), ("what's the rationale for number 3", 3),
    ("how does #1 relate to harbor king", 1), ("what's the connection between Robots and the second one", 2),
])
def test_a_why_in_free_wording(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "explain" and parse.index == index, (text, parse)


@pytest.mark.parametrize("text", [
    "why is the sky blue", "why not", "why me", "something different but funnier", "a different kind of comedy",
    "surprise me with a comedy", "a movie with a surprise ending",
])
def test_a_cue_word_beside_a_request_or_chat_is_no_move(parser, text):
    assert parser.parse(text, shown=SHOWN).intent not in ("jump", "explain"), text


@pytest.mark.parametrize("text,intent", [
    ("load more", "more"), ("and more?", "more"), ("continue", "more"), ("carry on", "more"),
    ("seen em all mate", "exclude"), ("don't show me Gravelord again", "exclude"),
])
def test_more_and_seen_in_other_words(parser, text, intent):
    assert parser.parse(text, shown=SHOWN).intent == intent, text


# -- years said in words ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,years", [
    ("released before the millennium", {"min": None, "max": 1999}),
    ("from this century", {"min": 2000, "max": None}),
    ("something from the last century", {"min": None, "max": 1999}),
    ("from around 1990", {"min": 1988, "max": 1992}),
    ("circa 1985 please", {"min": 1983, "max": 1987}),
])
def test_centuries_the_millennium_and_around_a_year_are_year_filters(parser, text, years):
    parse = parser.parse(text)
    assert parse.years == years, (text, parse)


@pytest.mark.parametrize("text", ["from the last ten years", "something from the past decade", "made recently"])
def test_the_last_years_are_the_catalogs_recent_ones(parser, text):
    assert parser.parse(text).years == {"min": None, "max": None, "relative": "recent"}, text


@pytest.mark.parametrize("template", ["{w}-free", "hold the {w}", "nowhere near as {w}", "go easy on the {w}",
                                      "not remotely as {w}", "keep the {w} to a minimum", "pass on the {w}"])
def test_every_lexicon_word_of_the_catalogs_tags_keeps_its_direction_in_a_negating_construction(parser, template):
    """Across the lexicon, not word by word: each construction reads opposite to "more <word>"."""
    from bot.nlu import lexicon as lx

    words = sorted({w for c in lx.CONCEPTS.values() for w in c.names + c.cues if w.isalpha() and w != "love"})
    checked, wrong = 0, []
    for w in words:
        hits, full = parser.vocab.lexical(w)
        if not hits or not full:
            continue  # only words the lexicon itself reads (no embedding: fast and exact)
        more = {c.tag: c.alpha for c in parser.parse(f"more {w}").critiques}
        said = {c.tag: c.alpha for c in parser.parse(template.format(w=w)).critiques}
        checked += 1
        if not said or any(more.get(tag, -alpha) != -alpha for tag, alpha in said.items()):
            wrong.append((w, more, said))
    assert checked >= 20 and not wrong, (checked, wrong[:5])


@pytest.mark.parametrize("text,index", [
    ("give me the lowdown on #2", 2), ("anything you can tell me about #1?", 1), ("say more about #3", 3),
    ("i'd like to know more about the second one", 2), ("remind me what #2 is", 2),
])
def test_about_an_item_in_other_words(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "about" and parse.index == index, (text, parse)


@pytest.mark.parametrize("text", ["how scary is #2", "number 2. is it scary?", "ok, the second one, is it scary?"])
def test_how_adjective_is_an_item_asks_its_degree(parser, text):
    parse = parser.parse(text, shown=SHOWN)  # "number 2. is it scary?": the item named, then asked about
    assert parse.intent == "about" and parse.index == 2 and [c.tag for c in parse.critiques] == ["scary"]


@pytest.mark.parametrize("text,tag", [("the funny one", "funny"), ("the scary one of those", "scary"),
                                      ("the gory one", "gore")])
def test_the_adjective_one_picks_from_the_list_on_screen_by_degree(parser, text, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "select" and parse.control == "degree" and parse.critiques[0].tag == tag, (text, parse)


@pytest.mark.parametrize("text", ["the second one", "the other one", "the last one", "the first one"])
def test_positions_and_list_words_are_no_description(parser, text):
    assert parser.parse(text, shown=SHOWN).control != "degree", text


@pytest.mark.parametrize("text,indices", [
    ("seen all but #2", (1, 3)), ("I've watched all of them except the last one", (1, 2)),
    ("seen everything but 1 and 3", (2,)),
])
def test_seen_all_but_some_sets_aside_the_others(parser, text, indices):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "exclude" and tuple(parse.indices) == indices, (text, parse)


def test_all_but_without_seeing_is_no_exclusion(parser):
    assert parser.parse("all but the last one", shown=SHOWN).intent != "exclude"


def test_been_there_done_that_is_seen(parser):
    parse = parser.parse("been there done that with #3", shown=SHOWN)
    assert parse.intent == "exclude" and parse.index == 3
