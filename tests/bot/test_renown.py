"""How well known and how well rated a film is (bot.nlu.renown, DegreeModel.fact): read as
critiques walked on the catalog's own numbers, on the planted catalog given rating signals."""

from __future__ import annotations

import numpy as np
import pytest

from bot.dialogue.manager import DialogueManager
from bot.nlu.commands import simplify
from bot.nlu.renown import read_renown
from bot_fixtures import planted_retriever


@pytest.mark.parametrize("text, alpha, attribute, strength, rest", [
    ("Something like Fargo but less well-known!", -1, "well known", 1.0, "something like fargo"),
    ("Fargo, but a lesser-known one", -1, "well known", 1.0, "fargo"),
    ("not as famous as Fargo", -1, "well known", 1.0, "fargo"),
    ("a bit more obscure", -1, "well known", 0.5, ""),
    ("Heat but a hidden gem", -1, "well known", 1.0, "heat"),
    ("something like Heat but way more popular", 1, "well known", 2.0, "something like heat"),
    ("like Fargo but better-rated please", 1, "well rated", 1.0, "like fargo"),
    ("Fargo but more critically acclaimed", 1, "well rated", 1.0, "fargo"),
    ("Heat, but lower rated and funnier", -1, "well rated", 1.0, "heat, but funnier"),
    ("like Heat but something obscure", -1, "well known", 1.0, "like heat"),
    ("Fargo but critically acclaimed", 1, "well rated", 1.0, "fargo"),
    ("Heat but something fewer people have seen", -1, "well known", 1.0, "heat but something"),
    ("Heat, only a deep cut", -1, "well known", 1.0, "heat"),
    ("Heat but more of a crowd-pleaser", 1, "well known", 1.0, "heat"),
])
def test_comparisons_of_renown_become_critiques_and_leave_the_rest(text, alpha, attribute, strength, rest):
    critiques, left = read_renown(simplify(text))
    assert [(c.alpha, c.tag, c.strength, c.estimate) for c in critiques] == [(alpha, attribute, strength, True)]
    assert left == rest


@pytest.mark.parametrize("text", ["an obscure horror movie", "the most popular of these", "a popular comedy",
                                  "Fargo but rated R", "obscure",
                                  "something like Famous Monsters", "more popcorn"])
def test_descriptions_and_titles_are_no_renown_critique(text):
    assert read_renown(simplify(text))[0] == ()


def test_the_parser_reads_a_film_and_its_renown_as_one_compound_critique(real_parser):
    parse = real_parser.parse("something like Heat (1995) but less well-known and darker")
    assert parse.intent == "critique" and parse.title == "Heat (1995)"
    assert [(c.alpha, c.tag) for c in parse.critiques][-1] == (-1, "well known")
    assert len(parse.critiques) == 2  # "darker" is still read


@pytest.fixture(scope="module")
def rated():
    """The planted catalog with the ratings' summary a trained checkpoint has: its popularity and
    a mean rating that falls with the row."""
    r = planted_retriever()
    n = r.degree_model.n_items
    popularity = np.asarray(r.popularity[:n], dtype=np.float64)
    r.degree_model.__dict__["sides"] = {"popularity": np.log1p(popularity),
                                        "rating": np.linspace(4.5, 2.5, n)}
    return r


def _walk(retriever, real_parser, store, *turns):
    m = DialogueManager(retriever, real_parser, store, model_id="planted-test", policy="adaptive")
    sid = m.new_session_id()
    for text in turns:
        reply = m.handle(sid, text)
    return reply


@pytest.mark.parametrize("said, fact, alpha", [("less well known", "popularity", -1),
                                               ("better rated", "rating", 1)])
def test_every_shown_film_moves_the_asked_way_on_the_catalog_fact(rated, real_parser, store, said, fact, alpha):
    reply = _walk(rated, real_parser, store, "something like Heat (1995)", said)
    assert reply.intent == "critique" and reply.sequence
    values = rated.degree_model.sides[fact]
    start = values[rated.titles.index("Heat (1995)")]
    rows = [rated.row_of_id[s.item_id] for s in reply.sequence]
    assert all(alpha * (values[row] - start) > 0 for row in rows)
    assert "going by" in reply.text and "not a tag" not in reply.text


def test_a_checkpoint_without_the_ratings_summary_says_so(planted, real_parser, store):
    assert planted.degree_model.fact("well known", "popularity") is None
    reply = _walk(planted, real_parser, store, "something like Heat (1995)", "less well known")
    assert reply.intent == "cannot_judge" and not reply.sequence
    assert "cannot judge how well known" in reply.text and "cgir train" in reply.text


def test_an_unknown_fact_is_a_programming_error(planted):
    with pytest.raises(ValueError, match="unknown catalog fact"):
        planted.degree_model.fact("well known", "box office")


@pytest.mark.parametrize("said, fact, sign", [("the most popular one", "popularity", 1),
                                              ("the least known one", "popularity", -1),
                                              ("the best rated one", "rating", 1)])
def test_a_pick_by_renown_takes_the_film_of_the_list_the_catalog_ranks_first(rated, real_parser, store,
                                                                             said, fact, sign):
    m = DialogueManager(rated, real_parser, store, model_id="planted-test", policy="adaptive")
    sid = m.new_session_id()
    shown = m.handle(sid, "something like Heat (1995)").sequence
    picked = m.handle(sid, said)
    values = rated.degree_model.sides[fact]
    best = max(shown, key=lambda s: sign * values[rated.row_of_id[s.item_id]])
    assert picked.intent == "select" and picked.current.item_id == best.item_id
    # the reason gives what the catalog records, as the reply to a critique does, not an estimate
    recorded = m.cards.recorded(rated.row_of_id[best.item_id], fact)
    assert f"of the list ({recorded})" in picked.text and "estimated" not in picked.text


def test_with_no_film_the_least_known_of_the_best_known_films_are_offered_first(rated, real_parser, store):
    from bot.dialogue.critique_axes import critique_modifications
    from bot.dialogue.item_facts import strongest_rows
    from bot.types import Critique

    known = Critique(-1, "well known", 1.0, phrase="well known", estimate=True)
    rows = strongest_rows(rated, critique_modifications(rated, (known,)), 5)
    popularity = rated.degree_model.sides["popularity"]
    assert list(popularity[rows]) == sorted(popularity[rows])  # least known first
    comedy, rated_well = Critique(1, "comedy", 1.0), Critique(1, "well rated", 1.0, phrase="well rated", estimate=True)
    alone = strongest_rows(rated, critique_modifications(rated, (comedy,)), 15)
    both = strongest_rows(rated, critique_modifications(rated, (comedy, rated_well)), 5)
    assert set(both) <= set(alone)  # the fact orders the films that fit the rest, adds none
    rating = rated.degree_model.sides["rating"]
    assert list(rating[both]) == sorted(rating[both], reverse=True)


@pytest.mark.parametrize("text, wanted", [
    ("an obscure horror movie", {(-1, "well known"), (1, "horror")}),
    ("a highly rated comedy", {(1, "well rated"), (1, "comedy")}),
    ("a little-known thriller", {(-1, "well known"), (1, "thriller")}),
    ("a dark thriller", {(1, "dark"), (1, "thriller")}),
])
def test_a_description_reads_its_renown_beside_the_kind_of_film(real_parser, text, wanted):
    parse = real_parser.parse(text)
    assert parse.intent == "critique" and parse.item_id is None
    assert {(c.alpha, c.tag) for c in parse.critiques} == wanted
    assert all(c.strength == 1.0 for c in parse.critiques)


def test_less_known_starts_reach_past_the_best_known_films(rated, monkeypatch):
    from bot.dialogue import item_facts
    from bot.dialogue.critique_axes import critique_modifications
    from bot.types import Critique

    monkeypatch.setattr(item_facts, "STRONGEST_POOL", 20)
    best_known = set(item_facts.popular_rows(rated, 20))
    less = Critique(-1, "well known", 1.0, phrase="well known", estimate=True)
    better = Critique(1, "well rated", 1.0, phrase="well rated", estimate=True)
    offered = item_facts.strongest_rows(rated, critique_modifications(rated, (less,)), 5)
    assert not set(offered) & best_known  # the least known of the deeper pool, none of the 20
    assert set(item_facts.strongest_rows(rated, critique_modifications(rated, (better,)), 5)) <= best_known


def test_a_walk_from_the_end_of_a_fact_says_so_in_the_words_asked(rated, real_parser, store):
    m = DialogueManager(rated, real_parser, store, model_id="planted-test", policy="gradient")
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")  # the best rated film of the planted catalog
    reply = m.handle(sid, "better rated")
    assert not reply.sequence
    assert "already at that end (well rated 1.00)" in reply.text and "nothing better-rated" in reply.text
    assert not any(f"more {t}" in reply.text for t in rated.tags)  # no steering tag is named


def test_why_and_about_give_a_fact_as_the_catalog_records_it_not_as_an_estimate(rated, real_parser, store):
    m = DialogueManager(rated, real_parser, store, model_id="planted-test", policy="adaptive")
    sid = m.new_session_id()
    m.handle(sid, "something like Heat (1995)")
    first = m.handle(sid, "less well known").sequence[0]
    row, heat = rated.row_of_id[first.item_id], rated.titles.index("Heat (1995)")
    why = m.handle(sid, "why the first one?").text
    liked, theirs = int(rated.popularity[row]), int(rated.popularity[heat])
    assert liked < theirs
    assert f"In the catalog: liked by {liked:,} people here vs {theirs:,} for “Heat (1995)” (as asked)" in why
    assert "Estimated" not in why
    m.handle(sid, "better rated")
    about = m.handle(sid, "tell me about the first one").text
    assert "In the catalog: mean rating" in about and "liked by" in about and "(estimated)" not in about


def test_a_gradient_walk_on_a_fact_starts_from_the_reference_s_recorded_number(rated, real_parser, store):
    m = DialogueManager(rated, real_parser, store, model_id="planted-test", policy="gradient")
    sid = m.new_session_id()
    m.handle(sid, "something like Heat (1995)")
    reply = m.handle(sid, "less well known")
    heat = int(rated.popularity[rated.titles.index("Heat (1995)")])
    assert reply.sequence and f"Starting from “Heat (1995)”, liked by {heat:,} people here" in reply.text
    assert "(estimated)" not in reply.text


def test_channels_say_a_catalog_fact_is_a_percentile_of_what_is_recorded_not_an_estimate(rated, real_parser, store):
    from bot.serve.payload import readable_sequence, sequence_payload

    fact = _walk(rated, real_parser, store, "something like Heat (1995)", "less well known")
    assert sequence_payload(fact)["recorded"] == ["well known"]
    assert "percentile here" in readable_sequence(fact) and "estimated" not in readable_sequence(fact)
    words = _walk(rated, real_parser, store, "something like Heat (1995)", "less action")
    assert sequence_payload(words)["recorded"] == [] and "estimated" in readable_sequence(words)
