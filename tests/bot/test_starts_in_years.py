"""A request with no film that asks for years ("a comedy from the 90s", "a dark thriller from the
80s") offers films of those years only, keeps every quality it names, and says when no film of
those years exists; "a scary movie" describes a film rather than naming "Scary Movie" (planted
catalog: 128 films of 1970-2019)."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot.nlu.parser import _article_added
from engine.retrieval.catalog import release_year


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


@pytest.mark.parametrize("said, low, high", [("a comedy from the 90s", 1990, 1999),
                                             ("a dark thriller from the 80s", 1980, 1989),
                                             ("something scary from the 70s", 1970, 1979),
                                             ("a feel-good movie made after 2010", 2011, 2019)])
def test_a_request_with_no_film_offers_starting_films_of_the_years_asked(adaptive, said, low, high):
    reply = adaptive.handle(adaptive.new_session_id(), said)
    assert reply.intent == "critique" and reply.clarification and len(reply.buttons) == 5
    assert all(low <= release_year(b.title) <= high for b in reply.buttons), [b.title for b in reply.buttons]
    assert "Only films released" in reply.text


def test_a_description_keeps_every_quality_it_names_beside_its_years(real_parser):
    parse = real_parser.parse("a dark thriller from the 80s")
    assert parse.intent == "critique" and parse.years == {"min": 1980, "max": 1989}
    assert sorted(c.tag for c in parse.critiques) == ["dark", "thriller"]
    assert all(c.alpha == 1 for c in parse.critiques)


def test_years_no_film_was_released_in_are_said_and_nothing_is_offered(adaptive):
    sid = adaptive.new_session_id()
    reply = adaptive.handle(sid, "a comedy from 1905")
    assert reply.intent == "critique" and not reply.buttons and not reply.sequence
    assert "no films released in 1905" in reply.text and "any year" in reply.text
    after = adaptive.handle(sid, "any year")  # the filter dropped, the conversation goes on
    assert after.intent != "error"


def test_a_genre_named_with_a_fact_offers_films_of_that_genre_first(real_parser, store):
    import numpy as np
    import scipy.sparse as sp

    from bot_fixtures import planted_retriever

    retriever = planted_retriever()
    tagged = retriever.relevance > 0.5  # the catalog's binary tags, but horror: on 8 films only,
    column = retriever.tags.index("horror")  # whatever their degrees, too few to fill the
    tagged[:, column] = False  # shortlist the fact orders (FACT_SHORTLIST x 5)
    tagged[np.random.default_rng(0).choice(retriever.n_items, 8, replace=False), column] = True
    retriever.item_tags = sp.csr_matrix(tagged.astype(np.float32))
    retriever.degree_model.__dict__["sides"] = {  # the ratings' summary a trained checkpoint has
        "popularity": np.log1p(np.asarray(retriever.popularity, dtype=np.float64)),
        "rating": np.linspace(4.5, 2.5, retriever.n_items)}
    horror = tagged[:, column]
    manager = DialogueManager(retriever, real_parser, store, model_id="planted-test", policy="adaptive")
    reply = manager.handle(manager.new_session_id(), "a lesser-known horror movie")
    offered = [retriever.titles.index(b.title) for b in reply.buttons]
    assert len(offered) == 5 and all(horror[row] for row in offered)


@pytest.mark.parametrize("words, title, added", [
    ("a scary movie", "Scary Movie (2000)", True),
    ("an epic", "Epic (2013)", True),
    ("a christmas story", "Christmas Story, A (1983)", False),
    ("an american werewolf in london", "American Werewolf in London, An (1981)", False),
    ("a quiet place", "A Quiet Place (2018)", False),
    ("scary movie", "Scary Movie (2000)", False),
])
def test_an_article_the_title_lacks_marks_a_description(words, title, added):
    assert _article_added(words, title) is added


@pytest.mark.parametrize("text, tag", [("something like Heat (1995) but set in a war", "war"),
                                       ("like Heat (1995) but featuring a twist ending", "twist ending"),
                                       ("Heat (1995), only involving more gore", "gory")])
def test_what_a_film_is_set_in_or_featuring_is_asked_more_of(real_parser, text, tag):
    parse = real_parser.parse(text)
    assert parse.title == "Heat (1995)" and [(c.alpha, c.tag) for c in parse.critiques] == [(1, tag)], parse


@pytest.mark.parametrize("text, words", [("something like Heat (1995) but in a war", (1, "war")),
                                         ("Heat (1995) but on a submarine", "submarine"),
                                         ("something like Heat (1995) but in the ocean", "ocean")])
def test_a_place_said_after_but_is_asked_more_of_not_dropped(real_parser, text, words):
    parse = real_parser.parse(text)
    said = [(c.alpha, c.tag) for c in parse.critiques] + [c.phrase for c in parse.unread if c.alpha == 1]
    assert parse.intent == "critique" and parse.title == "Heat (1995)" and words in said, parse


@pytest.mark.parametrize("text, intent", [("what about the second one", "select"), ("tell me about it", "about")])
def test_a_question_with_about_stays_the_question(real_parser, text, intent):
    assert real_parser.parse(text).intent == intent


def test_a_first_request_names_each_part_as_it_will_be_walked(adaptive, planted, monkeypatch):
    """A part walked by the degree model's reading of its words ("not too gory" where the catalog
    has no gore tag) is named by those words, not by its closest tag ("more horror and less
    horror" had been said)."""
    from dataclasses import replace

    import bot.dialogue.starts as starts
    from engine.degrees.grounding import Grounding

    real = starts.critique_modifications

    def read_by_words(retriever, critiques):
        mods = real(retriever, critiques)
        return tuple(replace(m, grounding=Grounding.estimate(c.phrase, c.phrase)) if c.alpha < 0 else m
                     for c, m in zip(critiques, mods))

    monkeypatch.setattr(starts, "critique_modifications", read_by_words)
    reply = adaptive.handle(adaptive.new_session_id(), "something scary but less bloody")
    assert "“more horror and less bloody”" in reply.text, reply.text


@pytest.mark.parametrize("text, wanted", [
    ("a horror movie that is not gory", [(1, "horror"), (-1, "gory")]),
    ("a comedy that isn't sad", [(1, "comedy"), (-1, "sad")]),
    ("a thriller that's not violent", [(1, "thriller"), (-1, "violent")]),
    ("a drama which is quirky", [(1, "drama"), (1, "quirky")]),
])
def test_a_relative_clause_says_more_of_the_film_with_its_own_polarity(real_parser, text, wanted):
    # "a scary movie that is not gory" had been one clause, negated whole: "less horror"
    parse = real_parser.parse(text)
    assert [(c.alpha, c.tag) for c in parse.critiques] == wanted, parse


@pytest.mark.parametrize("text, wanted", [
    ("something like Heat (1995) but less violent for my 8 year old", [(-1, "violent")]),
    ("a funny movie for my wife", [(1, "comedy")]),
    ("something scary, it's for my kids", [(1, "horror")]),
])
def test_who_the_film_is_for_is_said_beside_the_request_not_in_it(real_parser, text, wanted):
    # "less scary for my 8 year old" had been read as one phrase, "scary 8 year old"
    parse = real_parser.parse(text)
    assert [(c.alpha, c.tag) for c in parse.critiques] == wanted, parse


def test_a_genre_the_best_known_films_of_the_years_hold_too_few_of_is_found_further_down(
        real_parser, store, monkeypatch):
    import numpy as np
    import scipy.sparse as sp

    from bot.dialogue import item_facts
    from bot_fixtures import planted_retriever

    retriever = planted_retriever()
    years = np.array([release_year(t) or 0 for t in retriever.titles])
    eighties = np.flatnonzero((years >= 1980) & (years <= 1989))
    by_fame = eighties[np.argsort(-np.asarray(retriever.popularity)[eighties], kind="stable")]
    tagged = retriever.relevance > 0.5
    column = retriever.tags.index("horror")
    tagged[:, column] = False
    tagged[by_fame[-6:], column] = True  # horror: only the six least watched films of the 80s
    retriever.item_tags = sp.csr_matrix(tagged.astype(np.float32))
    # the pool: the 5 best-known films of the years asked (a small catalog holds them all otherwise)
    monkeypatch.setattr(item_facts, "STRONGEST_POOL", 20)
    monkeypatch.setattr(item_facts, "YEARS_POOL", 5)
    manager = DialogueManager(retriever, real_parser, store, model_id="planted-test", policy="adaptive")
    reply = manager.handle(manager.new_session_id(), "a horror movie from the 80s")
    offered = [retriever.titles.index(b.title) for b in reply.buttons]
    assert len(offered) == 5 and all(tagged[row, column] and row in eighties for row in offered)
