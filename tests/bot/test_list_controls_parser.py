"""The parser's list controls (bot/nlu/list_controls.py): more, exclude, picks by description,
jump, about and why are read as moves on the list, never as a title or an attribute."""

from __future__ import annotations

import pytest

from bot_fixtures import fixture_parser, planted_retriever

# The planted catalog's titles: "Toy Story (1995)", "Heat (1995)", "Heat (2013)", "Red Harbor (1973)" ...
SHOWN = ((40, "Broken Harbor (1973)"), (50, "Iron Harbor (1974)"), (60, "Paper Harbor (1975)"),
         (70, "Night Harbor (1976)"))


@pytest.fixture(scope="module")
def parser():
    return fixture_parser(planted_retriever())


@pytest.mark.parametrize("text", ["more", "show me more", "others", "next ones", "any more?",
                                  "Give me some more please", "what else have you got", "more options",
                                  "anything else?", "more of the same", "show me the rest",
                                  "the remaining ones please", "any others like this?", "some more like that please"])
def test_more_is_the_next_items_of_the_answer(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "more" and parse.index is None and parse.item_id is None


@pytest.mark.parametrize("text,count", [
    ("show me 5 more", 5), ("three more please", 3), ("a couple more", 2), ("give me two others", 2),
    ("the next four", 4), ("another 3 please", 3), ("can I see 7 more options?", 7), ("more", None), ("a few more", None),
    ("show me more", None), ("next ones", None)])
def test_more_keeps_how_many_were_asked_for(parser, text, count):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.count) == ("more", count)
    assert parse.to_json().get("count") == count


def test_more_like_a_numbered_item_names_it(parser):
    parse = parser.parse("show me more like #3", shown=SHOWN)
    assert (parse.intent, parse.index) == ("more", 3)


@pytest.mark.parametrize("text, index", [("more like #2", 2), ("more like the third one", 3),
                                         ("more like Night Harbor", 4)])
def test_more_like_an_item_on_screen_needs_no_verb(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("more", index)


def test_more_like_a_title_not_on_screen_is_a_film_to_start_from(parser):
    parse = parser.parse("more like Toy Story", shown=SHOWN)
    assert parse.intent == "reference" and parse.title == "Toy Story (1995)"


def test_more_with_an_attribute_is_still_a_critique(parser):
    parse = parser.parse("more action", shown=SHOWN)
    assert parse.intent == "critique" and parse.critiques[0].tag == "action"


@pytest.mark.parametrize("text", ["seen them all", "I have seen all of these", "I've seen those",
                                  "none of these", "not interested in any of those", "watched them all already"])
def test_seen_all_excludes_the_whole_list(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "all")
    assert parse.title is None and parse.unknown_title is None  # never a title "All Of These"


@pytest.mark.parametrize("text, index", [("not the third one", 3), ("I've seen #2", 2),
                                         ("skip the 4th", 4), ("already watched number 1", 1),
                                         ("not the last one", -1)])
def test_exclude_a_position(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control, parse.index) == ("exclude", "item", index)


def test_exclude_a_catalog_title_needs_already(parser):
    seen = parser.parse("I've already watched Toy Story", shown=SHOWN)
    assert (seen.intent, seen.item_id) == ("exclude", 10)
    named = parser.parse("I watched Toy Story", shown=SHOWN)  # a reference, as before
    assert named.intent == "reference" and named.item_id == 10


def test_exclude_the_current_item(parser):
    parse = parser.parse("I've already seen it", shown=SHOWN)
    assert (parse.intent, parse.control, parse.index, parse.item_id) == ("exclude", "item", None, None)


def test_no_more_of_an_attribute_stays_a_critique(parser):
    parse = parser.parse("no more horror movies", shown=SHOWN)
    assert parse.intent == "critique" and parse.critiques[0].tag == "horror"
    assert parse.critiques[0].alpha == -1


def test_no_more_of_a_named_tag_excludes_the_tag():
    from bot.nlu.parser import Parser
    from fast_parser import hashed_ngram_encoder

    tags = ("comedy", "horror", "quentin tarantino", "violent")
    titles = ("Heat (1995)", "Toy Story (1995)")
    p = Parser(tags, titles, (1, 2), encoder=hashed_ngram_encoder)
    parse = p.parse("no more Tarantino films")
    assert (parse.intent, parse.control, parse.title) == ("exclude", "tag", "quentin tarantino")
    assert parse.to_json() == {"intent": "exclude", "control": "tag", "tag": "quentin tarantino"}


@pytest.mark.parametrize("text", ["what have I excluded?", "show me my exclusions", "which ones have I seen"])
def test_listing_the_exclusions(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "list")


@pytest.mark.parametrize("text, alpha, tag", [
    ("the funniest of these", 1, "comedy"), ("the least violent one", -1, "violent"),
    ("the one with the highest romance", 1, "romance"), ("the most romantic of those", 1, "romance"),
    ("the one with the lowest action", -1, "action"), ("the darkest one", 1, "dark"),
])
def test_pick_by_degree(parser, text, alpha, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("select", "degree")
    (critique,) = parse.critiques
    assert (critique.alpha, critique.tag) == (alpha, tag)
    assert parse.item_id is None  # "the one with ..." is never the film "One, The"


@pytest.mark.parametrize("text, control, year, index", [
    ("the newest", "newest", None, None), ("the oldest one of these", "oldest", None, None),
    ("the most recent one", "newest", None, None), ("the one from 1974", "year", 1974, None),
    ("the 1975 one", "year", 1975, None), ("the second to last", "position", None, -2),
    ("the penultimate one", "position", None, -2), ("third from the end", "position", None, -3),
])
def test_pick_by_year_or_position(parser, text, control, year, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control, parse.year, parse.index) == ("select", control, year, index)


@pytest.mark.parametrize("text", ["something completely different", "surprise me",
                                  "show me something totally different", "mix it up"])
def test_jump(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "jump"


@pytest.mark.parametrize("text, index, item_id", [
    ("tell me about #3", 3, None), ("what is the 3rd one about?", 3, None),
    ("tell me more about the second one", 2, None), ("what is Toy Story like?", None, 10),
    ("tell me about it", None, None), ("more info on the 2nd", 2, None), ("more about Toy Story", None, 10),
    ("what year is #2?", 2, None), ("when did the third one come out?", 3, None),
    ("when was Toy Story released?", None, 10), ("which year was number 2 made", 2, None),
    ("the second one, is it any good?", 2, None),
])
def test_about(parser, text, index, item_id):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index, parse.item_id) == ("about", index, item_id)


@pytest.mark.parametrize("text, index, item_id", [
    ("how old is #4?", 4, None), ("how old is the second one", 2, None), ("how old is Toy Story", None, 10)])
def test_how_old_asks_the_year_not_an_attribute(parser, text, index, item_id):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index, parse.item_id, parse.critiques) == ("about", index, item_id, ())


@pytest.mark.parametrize("text, index", [
    ("why?", None), ("why did you pick that?", None), ("why that one?", None), ("why #3?", 3),
    ("why the second one", 2), ("how come you chose the last one", -1),
])
def test_why(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("explain", index)


@pytest.mark.parametrize("text", ["why is the sky blue", "tell me a joke", "tell me about yourself"])
def test_other_questions_are_not_controls(parser, text):
    assert parser.parse(text, shown=SHOWN).intent not in ("explain", "about", "more", "exclude", "jump")


def test_a_shown_title_can_be_excluded_or_explained(parser):
    assert parser.parse("I've seen Iron Harbor", shown=SHOWN).item_id == 50
    assert parser.parse("why Paper Harbor?", shown=SHOWN).index == 3


@pytest.mark.parametrize("text", ["the one with the car chases", "the movie about dragons"])
def test_the_one_with_is_a_pick_from_the_list_never_a_title(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control, parse.item_id) == ("select", "degree", None)


@pytest.mark.parametrize("text, limit", [("the one with Tom Hanks", "actors"), ("the lengthiest one", "running time"),
                                         ("which is the longest of these", "running time"),
                                         ("the cheapest one", "budget")])
def test_a_pick_by_what_the_catalog_cannot_judge_says_so(parser, text, limit):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.limit, parse.item_id) == ("cannot_judge", limit, None)


@pytest.mark.parametrize("text,index", [
    ("so why would I want #3", 3), ("hmm, why is the second one there at all", 2),
    ("how is number 4 any less dark than what I asked about?", 4),
    ("in what way is the last one funnier", -1), ("why on earth is the first film in there", 1),
])
def test_a_why_question_that_names_a_shown_item_anywhere_explains_it(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("explain", index)


@pytest.mark.parametrize("text", ["how is the weather today", "why do people like horror",
                                  "in what way is it darker"])
def test_a_why_question_without_a_shown_item_is_no_explanation_of_one(parser, text):
    assert parser.parse(text, shown=SHOWN).intent != "explain"


@pytest.mark.parametrize("text,index", [
    ("not the second one, I've seen it", 2), ("the fourth one - watched it already", 4),
    ("skip #3, saw that one", 3),
])
def test_an_item_with_a_seen_it_reason_is_excluded(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("exclude", index)


def test_seen_it_alone_still_means_the_current_item(parser):
    parse = parser.parse("seen it", shown=SHOWN)
    assert parse.intent == "exclude" and parse.index is None


SHOWN_TEN = tuple((100 + i, f"Harbor Number {i} ({1970 + i})") for i in range(1, 11))


@pytest.mark.parametrize("text, indices", [
    ("watched 3 and 7 already", (3, 7)), ("not #2, #5 or #9", (2, 5, 9)),
    ("skip the first two", (1, 2)), ("drop the last three please", (-3, -2, -1)),
    ("I've seen a few of them, like the 4th and the 8th", (4, 8)), ("no 6 nor 10", (6, 10)), ("seen the 2nd and the 14th", (2, 14)),
    ("remove 2-4", (2, 3, 4)), ("the 1st and the 5th, seen both", (1, 5)),
    ("not the top two either", (1, 2)), ("not into the first two", (1, 2)), ("seen 3 and 6, next please", (3, 6)),
])
def test_several_positions_are_excluded_together(parser, text, indices):
    parse = parser.parse(text, shown=SHOWN_TEN)
    assert (parse.intent, parse.control, parse.indices) == ("exclude", "items", indices)
    assert parse.item_id is None and parse.unknown_title is None  # never a title ending "Part 3"
    assert parse.to_json()["indices"] == list(indices)


@pytest.mark.parametrize("text, indices", [
    ("saw 2 and 5 last summer", (2, 5)), ("watched the 3rd and 4th yesterday", (3, 4)),
    ("seen the top two ages ago", (1, 2)), ("I watched 1 and 7 a while back", (1, 7)),
])
def test_when_they_were_seen_is_no_position(parser, text, indices):
    # "last" in "last summer" is no position on the list, and the time words are no title
    parse = parser.parse(text, shown=SHOWN_TEN)
    assert (parse.intent, parse.control, parse.indices) == ("exclude", "items", indices)


@pytest.mark.parametrize("text", ["watched the whole list already, honestly", "i've seen everything here lol",
                                  "seen every one of them to be honest",
                                  "I've watched each and every one of those", "nope, seen those"])
def test_the_whole_list_in_free_word_order(parser, text):
    parse = parser.parse(text, shown=SHOWN_TEN)
    assert (parse.intent, parse.control) == ("exclude", "all")


@pytest.mark.parametrize("text", ["I haven't seen any of these", "never watched the first three",
                                  "the second one, not the third", "seen some of those",
                                  "seen the first one but darker", "not 14 or 15"])
def test_what_is_no_exclusion_of_positions(parser, text):
    parse = parser.parse(text, shown=SHOWN_TEN)
    assert not (parse.intent == "exclude" and parse.control in ("items", "all"))


@pytest.mark.parametrize("text, intent", [
    ("meh. something totally different, whatever", "jump"), ("no, a completely different kind of movie", "jump"),
    ("nope, none of those. anything else?", "more"), ("ok, more options please. more!", "more"),
    ("random movie please, a very different mood", "jump"),
])
def test_a_control_said_in_several_clauses(parser, text, intent):
    assert parser.parse(text, shown=SHOWN).intent == intent


def test_clauses_that_ask_different_things_are_no_single_control(parser):
    assert parser.parse("more of these, less action", shown=SHOWN).intent != "more"


@pytest.mark.parametrize("text, alpha, tag", [
    ("whichever is the most violent", 1, "violent"), ("whichever one's the least romantic", -1, "romance"),
    ("I'll go with the funniest", 1, "comedy"),
])
def test_a_pick_by_degree_with_other_leads(parser, text, alpha, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("select", "degree")
    assert (parse.critiques[0].alpha, parse.critiques[0].tag) == (alpha, tag)


@pytest.mark.parametrize("text, intent, index", [("what's #3?", "about", 3), ("what is the fourth one?", "about", 4),
                                                 ("what's the second one", "select", 2)])
def test_what_is_a_position_asks_about_it_when_it_is_a_question(parser, text, intent, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == (intent, index)
