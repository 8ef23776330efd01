"""The utterance parser on the demo vocabulary: every intent, polarity pattern and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlu.parser import MAX_CHARS, Parser, ParserConfig
from bot.types import Parse

DEMO_TAGS = (
    "action", "adventure", "animation", "comedy", "crime", "drama", "fantasy", "horror",
    "musical", "mystery", "romance", "sci-fi", "thriller", "war", "western", "violent", "dark",
    "family", "gory", "feel-good", "thought-provoking", "quirky", "sad", "epic", "slow-paced",
    "visually stunning", "classic", "twist ending", "based on a book", "superhero",
)
TITLES = (
    "Toy Story (1995)", "Heat (1995)", "The Neighbors (2009)", "The Neighbors (2019)",
    "Golden Blackout (1999)", "Summer Love of the Midnight Sea (1986)", "Alien (1979)",
    "Matrix, The (1999)", "Amélie (2001)", "Burning Letters (1999)", "The Burning Letters (1988)",
    "Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode V - The Empire Strikes Back (1980)",
    "Riddle at Dawn (2009)", "Secret Velocity (1989)",
)
IDS = tuple(range(101, 101 + len(TITLES)))
POPULARITY = tuple(range(len(TITLES), 0, -1))
SHOWN = ((102, "Heat (1995)"), (115, "Secret Velocity (1989)"), (114, "Riddle at Dawn (2009)"))


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-demo-tags.npz"
    p = Parser(DEMO_TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)
    return p


def pairs(parse: Parse) -> list[tuple[int, str]]:
    return [(c.alpha, c.tag) for c in parse.critiques]


# -- critiques: polarity ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("more action", [(1, "action")]),
    ("less action", [(-1, "action")]),
    ("fewer explosions", [(-1, "action")]),
    ("not so dark", [(-1, "dark")]),
    ("not as violent please", [(-1, "violent")]),
    ("too much horror", [(-1, "horror")]),
    ("too scary for me", [(-1, "horror")]),
    ("not enough action", [(1, "action")]),
    ("it's not funny enough", [(1, "comedy")]),
    ("without all the gore", [(-1, "gory")]),
    ("I don't want so much horror", [(-1, "horror")]),
    ("I don't want more romance", [(-1, "romance")]),
    ("no more war movies", [(-1, "war")]),
    ("I hate gore", [(-1, "gory")]),
    ("funnier", [(1, "comedy")]),
    ("darker please", [(1, "dark")]),
    ("scarier", [(1, "horror")]),
    ("less funny", [(-1, "comedy")]),
    ("make it funnier", [(1, "comedy")]),
    ("more space stuff", [(1, "sci-fi")]),
    ("something lighter", [(-1, "dark")]),  # an opposite cue flips the polarity
    ("faster paced", [(-1, "slow-paced")]),
    ("less predictable", [(1, "twist ending")]),
    ("needs more suspense", [(1, "thriller")]),
    ("I'm sick of superheroes", [(-1, "superhero")]),
    ("stop with the superheroes", [(-1, "superhero")]),
    ("no, I meant comedy", [(1, "comedy")]),  # a reply's "no," does not negate
    ("something with explosions", [(1, "action")]),
])
def test_polarity_patterns(parser, text, expected):
    parse = parser.parse(text)
    assert parse.intent == "critique", text
    assert pairs(parse) == expected, text


@pytest.mark.parametrize("text, expected", [
    ("more romantic and less violent", [(1, "romance"), (-1, "violent")]),
    ("less horror, more comedy", [(-1, "horror"), (1, "comedy")]),
    ("funnier but less childish", [(1, "comedy"), (-1, "family")]),
    ("less action more drama", [(-1, "action"), (1, "drama")]),
    ("more mystery; less romance", [(1, "mystery"), (-1, "romance")]),
    ("less gore and violence", [(-1, "gory"), (-1, "violent")]),  # polarity carries over
    ("less blood and gore", [(-1, "gory")]),  # one tag twice counts once
    ("scarier and bloodier", [(1, "horror"), (1, "gory")]),
    ("neither horror nor gore", [(-1, "horror"), (-1, "gory")]),
    ("more action movies with lots of fighting", [(1, "action"), (1, "violent")]),
    ("less violence but still exciting", [(-1, "violent"), (1, "action")]),
])
def test_several_critiques_in_one_utterance(parser, text, expected):
    assert pairs(parser.parse(text)) == expected


@pytest.mark.parametrize("text, strength", [
    ("a bit funnier", 0.5), ("a little less violent", 0.5), ("slightly more action", 0.5),
    ("way more action", 2.0), ("much less gore", 2.0), ("a lot more romance", 2.0),
    ("more action", 1.0), ("too much horror", 1.0), ("I don't want so much horror", 1.0),
])
def test_strength_words(parser, text, strength):
    (critique,) = parser.parse(text).critiques
    assert critique.strength == strength


@pytest.mark.parametrize("text, tag, alpha", [
    ("romantc", "romance", 1), ("less acton", "action", -1), ("more comdy", "comedy", 1),
    ("less violant", "violent", -1), ("more thriler", "thriller", 1), ("mroe horror", "horror", 1),
    ("LESS HORROR", "horror", -1), ("More Sci-Fi", "sci-fi", 1), ("more scifi", "sci-fi", 1),
    ("more sci fi", "sci-fi", 1), ("more feel good", "feel-good", 1),
])
def test_typos_and_casing(parser, text, tag, alpha):
    assert pairs(parser.parse(text)) == [(alpha, tag)]


def test_common_words_are_not_corrected_into_tags(parser):
    # "start" is one edit from "smart" (thought-provoking), "night" from "fight".
    assert parser.parse("let's start again").intent == "restart"
    assert parser.parse("who won the football game last night").intent == "out_of_scope"


def test_embedding_grounds_paraphrases_outside_the_lexicon(parser):
    parse = parser.parse("more interstellar starship battles")
    assert parse.intent == "critique"
    assert parse.critiques and parse.critiques[0].tag == "sci-fi"
    assert 0.0 < parse.critiques[0].score <= 1.0


def test_nothing_close_gives_suggestions_of_existing_tags(parser):
    parse = parser.parse("more dinosaurs")
    assert parse.intent == "critique" and parse.critiques == ()
    assert 1 <= len(parse.suggestions) <= 3 and set(parse.suggestions) <= set(DEMO_TAGS)
    assert parse.to_json()["suggestions"] == list(parse.suggestions)


def test_near_tie_offers_candidates(tmp_path_factory):
    # A wide tie margin makes every close runner-up a candidate: the bot then asks which one.
    cache = tmp_path_factory.getbasetemp() / "parser-demo-tags.npz"
    wide = Parser(DEMO_TAGS, TITLES, IDS, tag_vectors_cache=cache, config=ParserConfig(tie_margin=0.5))
    parse = wide.parse("more space battles")
    assert parse.intent == "critique"
    (critique,) = parse.critiques
    assert critique.tag in critique.candidates and len(critique.candidates) >= 2
    assert parse.to_json()["critiques"][0]["candidates"] == list(critique.candidates)


def test_synonym_tags_tie_only_when_their_names_are_equally_close():
    # Two tags that bind one concept: the phrase picks the one whose name it is.
    p = Parser(("funny", "comedy", "action"), ("X (2000)",), (1,))
    assert pairs(p.parse("funnier")) == [(1, "funny")]
    assert pairs(p.parse("less comedy")) == [(-1, "comedy")]
    laughs = p.parse("more laughs").critiques[0]
    assert laughs.tag in ("funny", "comedy")


# -- select -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, index", [
    ("the third one", 3), ("#2", 2), ("number 4", 4), ("the last one", -1), ("5", 5),
    ("I'll take the first one", 1), ("second", 2), ("the 4th one", 4), ("option 3", 3),
    ("pick number two", 2), ("let's watch the third one", 3), ("the final one", -1),
    ("the second one looks good", 2),
    ("can I see number 7 please", 7), ("the 11th one", 11),
    ("option #6", 6),
])
def test_select_by_position(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "select" and parse.index == index
    assert parse.to_json() == {"intent": "select", "index": index}


def test_select_by_title_from_the_last_sequence(parser):
    parse = parser.parse("Heat", shown=SHOWN)
    assert (parse.intent, parse.item_id, parse.index) == ("select", 102, 1)
    assert parser.parse("riddle at dwan", shown=SHOWN).item_id == 114  # a typo
    assert parser.parse("I'll take Secret Velocity", shown=SHOWN).item_id == 115
    # Not on screen: the same title is a new reference.
    assert parser.parse("Heat").intent == "reference"


# -- reference --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, item_id", [
    ("something like Toy Story", 101), ("I just watched Heat", 102), ("start from 105", 105),
    ("similar to golden blackout", 105), ("something like The Matrix", 108),
    ("I loved amelie", 109), ("something like Toy Stroy", 101), ("Heat (1995)", 102),
    ("Summer Love of the Midnight Sea", 106), ("Alien", 107), ("item 103", 103),
    ("Burning Letters", 110),
    ("The Neighbors (2019)", 104),
])
def test_reference(parser, text, item_id):
    parse = parser.parse(text)
    assert parse.intent == "reference", text
    assert parse.item_id == item_id, text
    assert parse.to_json() == {"intent": "reference", "item_id": item_id, "title": TITLES[item_id - 101]}


def test_ambiguous_titles_give_candidates_by_popularity(parser):
    parse = parser.parse("something like The Neighbors")
    assert parse.intent == "reference" and parse.item_id is None
    assert parse.candidates == ("The Neighbors (2009)", "The Neighbors (2019)")


def test_a_series_name_starts_from_its_most_watched_film_and_names_the_others(parser):
    # a question would cost a turn for what most people mean by "Star Wars"; the reply names the other
    partial = parser.parse("something like Star Wars")
    assert partial.title == "Star Wars: Episode IV - A New Hope (1977)" and not partial.candidates
    assert partial.namesakes == ("Star Wars: Episode V - The Empire Strikes Back (1980)",)


def test_critique_words_do_not_become_titles(parser):
    assert parser.parse("I like horror").intent == "critique"
    assert parser.parse("how about more comedy").intent == "critique"


# -- commands ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, intent", [
    ("undo", "undo"), ("go back", "undo"), ("oops, undo", "undo"), ("take that back", "undo"),
    ("restart", "restart"), ("start over", "restart"), ("let's start again", "restart"),
    ("help", "help"), ("what tags can I use?", "help"), ("?", "help"),
    ("bye", "bye"), ("quit", "bye"), ("thanks, bye", "bye"), ("Goodbye!", "bye"),
    # phrasings the blind set found missing
    ("revert the last change", "undo"), ("reset everything", "restart"),
    ("clear everything and start fresh", "restart"), ("let's begin again from scratch", "restart"),
    ("ok I'm done, thanks bye", "bye"), ("that's all for today, bye", "bye"),
])
def test_commands(parser, text, intent):
    assert parser.parse(text).intent == intent


# -- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "   ", "\t\n", "\x00\x01\x1b[2J", "😂😂😂", "🎬🍿", "asdkjh qwe zxc", "hdjskfh",
    "もっと面白い映画", "我想看电影", "Я хочу посмотреть фильм", "Ich möchte weniger Gewalt",
    "Quiero una película", "SELECT * FROM movies;", "'; DROP TABLE sessions; --",
    "1' OR '1'='1", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "what's the weather like today?", "tell me a joke about cats", "lorem ipsum dolor sit amet",
])
def test_out_of_scope(parser, text):
    parse = parser.parse(text)
    assert parse.intent == "out_of_scope", text
    assert parse.to_json() == {"intent": "out_of_scope"}


def test_huge_and_odd_inputs_never_raise(parser):
    huge = parser.parse("less action " * 10_000)  # 120,000 characters; its time: bench_speed_checks
    assert huge.intent == "critique" and len(huge.text) <= MAX_CHARS
    assert parser.parse("x" * 100_000).intent == "out_of_scope"
    assert pairs(parser.parse("\x00less\x07 action\x1b")) == [(-1, "action")]
    assert pairs(parser.parse("less action 💥💥")) == [(-1, "action")]
    assert parser.parse("less \udcff action").intent == "critique"  # a lone surrogate from bad UTF-8
    assert parser.parse("less \ufffd action").intent == "critique"  # U+FFFD from errors="replace"
    assert parser.parse(None).intent == "out_of_scope"  # type: ignore[arg-type]
    assert pairs(parser.parse("<b>less action</b>")) == [(-1, "action")]


def test_random_text_never_raises(parser):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    @hypothesis.settings(max_examples=60, deadline=None, derandomize=True)
    @hypothesis.given(st.text(max_size=60))
    def check(text):
        parse = parser.parse(text, shown=SHOWN)
        assert parse.intent in ("critique", "select", "reference", "undo", "restart", "help",
                                "bye", "out_of_scope")
        parse.to_json()

    check()


# -- building ---------------------------------------------------------------------------------

def test_tag_vector_cache_is_reused_and_refreshed(tmp_path):
    from engine.text.minilm import encode

    calls: list[list[str]] = []

    def counting(texts):
        calls.append(list(texts))
        return encode(texts)

    def prototypes_embedded() -> int:
        return sum("zombie apocalypse" in c for c in calls)

    cache = tmp_path / "tags.npz"
    first = Parser(("action", "zombie apocalypse"), (), (), tag_vectors_cache=cache, encoder=counting)
    assert not calls and not cache.exists()  # nothing is embedded until a phrase is grounded
    assert first.parse("more undead").intent in ("critique", "out_of_scope")
    assert cache.exists() and prototypes_embedded() == 1
    again = Parser(("action", "zombie apocalypse"), (), (), tag_vectors_cache=cache, encoder=counting)
    assert again.parse("less zombie apocalypse").critiques[0].tag == "zombie apocalypse"
    again.parse("more undead")
    assert prototypes_embedded() == 1  # read back, not embedded again
    Parser(("zombie apocalypse", "heist"), (), (), tag_vectors_cache=cache, encoder=counting).parse("more undead")
    assert prototypes_embedded() == 2  # another vocabulary: recomputed
    cache.write_bytes(b"not a numpy file")
    Parser(("zombie apocalypse",), (), (), tag_vectors_cache=cache, encoder=counting).parse("more undead")
    assert prototypes_embedded() == 3  # corrupt: recomputed


def test_from_retriever(parser):
    from engine.retrieval.retriever import Retriever

    rng = np.random.default_rng(0)
    retriever = Retriever(rng.standard_normal((3, 4)), rng.standard_normal((3, 4)), [7, 8, 9],
                          ["Heat (1995)", "Toy Story (1995)", "Alien (1979)"],
                          ["action", "comedy", "horror"], popularity=[5, 9, 1])
    p = Parser.from_retriever(retriever)
    assert p.parse("something like toy story").item_id == 8
    assert pairs(p.parse("too scary")) == [(-1, "horror")]
    assert p.parse("more romance").intent == "critique"  # no such tag: suggestions only
    assert p.parse("more romance").critiques == ()


def test_the_lexical_path_needs_no_sentence_encoder():
    # Why the lexical path is cheap (its time is in bench/bench_speed_checks.py): once the
    # parser is built, words the lexicon knows never reach the encoder.
    from fast_parser import hashed_ngram_encoder

    calls = []

    def counting(texts):
        calls.append(list(texts))
        return hashed_ngram_encoder(texts)

    p = Parser(DEMO_TAGS, TITLES, IDS, popularity=POPULARITY, encoder=counting)
    calls.clear()
    parse = p.parse("a bit funnier but less violent")
    assert parse.intent == "critique" and calls == []
    assert pairs(parse) == [(1, "comedy"), (-1, "violent")]


# -- compound requests, chit-chat, unknown titles ------------------------------------------------

@pytest.mark.parametrize("text, start, expected", [
    ("something like Heat (1995) but scarier", {"item_id": 102}, [(1, "horror")]),
    ("Heat (1995), just less violent", {"item_id": 102}, [(-1, "violent")]),
    ("Alien but funnier", {"item_id": 107}, [(1, "comedy")]),
    ("I loved amelie, something a bit darker", {"item_id": 109}, [(1, "dark")]),
    ("the second one but less dark", {"index": 2}, [(-1, "dark")]),
    ("number 3, way funnier", {"index": 3}, [(1, "comedy")]),
])
def test_compound_request_is_one_critique_carrying_its_start(parser, text, start, expected):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "critique" and pairs(parse) == expected, parse.to_json()
    payload = parse.to_json()
    assert {k: payload[k] for k in start} == start
    if "item_id" in start:
        assert payload["title"] == TITLES[start["item_id"] - 101] and parse.index is None
    else:
        assert parse.item_id is None


def test_a_critique_of_a_tag_word_is_not_a_compound(parser):
    parse = parser.parse("action, but less gore")
    assert parse.item_id is None and parse.index is None
    assert pairs(parse) == [(1, "action"), (-1, "gory")]


@pytest.mark.parametrize("text", [
    "sing me a song", "tell me a joke", "are you a robot?", "do you like music?", "lol",
    "play some music", "recommend a good book", "find me a romantic restaurant", "you're funny",
    "turn on the lights",
])
def test_chitchat_and_other_domains_are_never_critiques(parser, text):
    assert parser.parse(text).intent == "out_of_scope"


def test_chitchat_with_a_real_critique_stays_a_critique(parser):
    assert pairs(parser.parse("I'm bored, something funnier")) == [(1, "comedy")]
    assert pairs(parser.parse("more songs")) == [(1, "musical")]


@pytest.mark.parametrize("text, intent", [
    ("I'm off, cheers", "bye"), ("ttyl", "bye"), ("nvm", "undo"), ("wat can i say", "help"),
])
def test_short_forms_of_commands(parser, text, intent):
    assert parser.parse(text).intent == intent


@pytest.mark.parametrize("text, title", [
    ("something like Die Hard", "die hard"), ("I just watched Inception", "inception"),
    ("something like Pulp Fiction but scarier", "pulp fiction"),
])
def test_unknown_title_is_a_reference_without_an_item(parser, text, title):
    parse = parser.parse(text)
    assert parse.intent == "reference" and parse.item_id is None and parse.unknown_title == title
    assert parse.to_json()["unknown_title"] == title


@pytest.mark.parametrize("text, expected, strength", [
    ("a lil less dark", [(-1, "dark")], 0.5), ("a tiny bit scarier", [(1, "horror")], 0.5),
    ("less gore, but only a bit", [(-1, "gory")], 0.5), ("more action, a lot more", [(1, "action")], 2.0),
    ("moar laughs pls", [(1, "comedy")], 1.0), ("something w/o gore", [(-1, "gory")], 1.0),
])
def test_slang_short_forms_and_strength_words(parser, text, expected, strength):
    parse = parser.parse(text)
    assert pairs(parse) == expected and [c.strength for c in parse.critiques] == [strength]


def test_each_critique_keeps_the_users_phrase(parser):
    (crit,) = parser.parse("less blood and guts").critiques
    assert crit.tag == "gory" and crit.phrase == "blood and guts"


@pytest.mark.parametrize("text, index", [
    ("the first of those", 1), ("what's the second one", 2),
    ("hmm the third", 3), ("yes the second one", 2), ("gonna go with #2", 2), ("lemme see the third", 3),
    ("i like the 3rd one", 3), ("let me see number 5", 5), ("go for the second", 2),
])
def test_everyday_picks(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("select", index)


@pytest.mark.parametrize("text, intent", [
    ("reset the whole thing", "restart"), ("start over from scratch", "restart"), ("scrap that", "undo"),
    ("done", "bye"), ("huh?", "help"),
])
def test_everyday_commands(parser, text, intent):
    assert parser.parse(text).intent == intent
