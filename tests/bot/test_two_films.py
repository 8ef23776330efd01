""""something like Heat and Collateral": two films named together show the films near both
(planted catalog), and a title with "and" in it stays one title."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot.nlu.title_spans import two_titles
from engine.retrieval.catalog import TitleResolver


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


def test_two_titles_joined_by_and_are_both_found_but_one_title_with_and_stays_one():
    titles = TitleResolver(("Heat (1995)", "Collateral (2004)", "Harold and Maude (1971)", "Harold (2008)"),
                           (1, 2, 3, 4), (10, 9, 8, 1))
    first, second, words, rest = two_titles(titles, "heat and collateral")
    assert (first.title, second.title, words, rest) == ("Heat (1995)", "Collateral (2004)", "heat", "")
    first, second, _, rest = two_titles(titles, "heat meets collateral but less violent")
    assert (first.title, second.title, rest) == ("Heat (1995)", "Collateral (2004)", " but less violent")
    assert two_titles(titles, "harold and maude") is None  # one film
    assert two_titles(titles, "heat and something funny") is None
    assert two_titles(titles, "heat and heat") is None


def test_the_films_near_both_come_first_and_more_goes_on_near_both(adaptive, planted):
    sid = adaptive.new_session_id()
    reply = adaptive.handle(sid, "something like Last Harbor and Broken Harbor")
    assert reply.intent == "reference" and reply.reference.title == "Last Harbor (1973)"
    assert "both \u201cLast Harbor (1973)\u201d and \u201cBroken Harbor (1974)\u201d" in reply.text
    from engine.walks.neighbourhood import nearest_by_kind

    shown = [planted.row_of_id[s.item_id] for s in reply.sequence]
    a, b = (planted.titles.index(t) for t in ("Last Harbor (1973)", "Broken Harbor (1974)"))
    place = [{int(r): i for i, r in enumerate(nearest_by_kind(planted, x, [y])[0])} for x, y in ((a, b), (b, a))]
    worse = {r: max(place[0][r], place[1][r]) for r in set(place[0]) & set(place[1])}
    assert shown and worse[shown[0]] == min(worse.values())  # the film nearest both, not nearest the first
    assert [worse[r] for r in shown[:3]] == sorted(worse[r] for r in shown[:3])
    assert planted.titles.index("Broken Harbor (1974)") not in shown  # the films named are not offered
    more = adaptive.handle(sid, "more")
    assert "both" in more.text and not set(s.item_id for s in more.sequence) & set(s.item_id for s in reply.sequence)


def test_more_like_a_film_of_that_list_is_that_films_own(adaptive):
    sid = adaptive.new_session_id()
    listed = adaptive.handle(sid, "something like Last Harbor and Broken Harbor")
    reply = adaptive.handle(sid, "show me more like #3")
    assert reply.intent == "more" and "both" not in reply.text and listed.sequence[2].title in reply.text


@pytest.mark.parametrize("said", ["a mix of Last Harbor and Broken Harbor", "something like a mix of Last Harbor and Broken Harbor",
                                  "a cross between Last Harbor and Broken Harbor", "Last Harbor meets Broken Harbor"])
def test_a_mix_of_two_films_is_the_films_near_both(adaptive, said):
    reply = adaptive.handle(adaptive.new_session_id(), said)
    assert reply.intent == "reference" and reply.reference.title == "Last Harbor (1973)"
    assert "both \u201cLast Harbor (1973)\u201d and \u201cBroken Harbor (1974)\u201d" in reply.text


def test_a_blend_of_two_kinds_is_not_a_film(real_parser):
    parse = real_parser.parse("I want a blend of romance and action")
    assert parse.intent == "critique" and parse.item_id is None
    assert {c.tag for c in parse.critiques} == {"romance", "action"}


def _near_both_rows(planted, a, b):
    from engine.walks.neighbourhood import near_both, nearest_by_kind

    rows, _ = near_both(nearest_by_kind(planted, a), nearest_by_kind(planted, b))
    return [int(r) for r in rows]


@pytest.mark.parametrize("turns", [["something like Last Harbor and Broken Harbor but less violent"],
                                   ["something like Last Harbor and Broken Harbor", "less violent"]])
def test_a_critique_after_two_films_walks_near_both_and_from_both(adaptive, planted, turns):
    sid = adaptive.new_session_id()
    for said in turns:
        reply = adaptive.handle(sid, said)
    assert reply.intent == "critique" and reply.sequence
    assert "near both \u201cLast Harbor (1973)\u201d and \u201cBroken Harbor (1974)\u201d" in reply.text
    a, b = (planted.titles.index(t) for t in ("Last Harbor (1973)", "Broken Harbor (1974)"))
    violent = planted.degree_model.degrees(planted.degree_model.ground("violent"))
    shown = [planted.row_of_id[s.item_id] for s in reply.sequence]
    assert all(violent[r] < min(violent[a], violent[b]) for r in shown)  # less violent than either
    near = _near_both_rows(planted, a, b)[:60]
    assert sum(r in near for r in shown) >= len(shown) - 2  # among the films near both
    more = adaptive.handle(sid, "more")
    assert more.intent == "more" and "near both" in more.text
    assert all(violent[planted.row_of_id[s.item_id]] < min(violent[a], violent[b]) for s in more.sequence)


def test_a_film_picked_or_named_alone_later_is_walked_from_alone(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Last Harbor and Broken Harbor")
    adaptive.handle(sid, "the first one")
    picked = adaptive.handle(sid, "less violent")
    assert picked.intent == "critique" and "near both" not in picked.text
    adaptive.handle(sid, "something like Last Harbor")
    alone = adaptive.handle(sid, "less violent")
    assert alone.intent == "critique" and "near both" not in alone.text


def test_near_both_puts_the_shared_films_first_by_their_worse_place_then_the_rest_in_turn():
    import numpy as np

    from engine.walks.neighbourhood import near_both

    first = (np.array([10, 11, 12, 13, 14]), np.array([0.9, 0.8, 0.7, 0.6, 0.5], dtype=np.float32))
    second = (np.array([13, 20, 11, 21]), np.array([0.95, 0.7, 0.6, 0.5], dtype=np.float32))
    rows, similarity = near_both(first, second)
    # 11 is 2nd and 3rd (worse: 2), 13 is 4th and 1st (worse: 3); then both lists in turn, to the end
    assert rows.tolist() == [11, 13, 10, 20, 12, 21, 14]
    assert similarity.tolist() == pytest.approx([0.8, 0.6, 0.9, 0.7, 0.7, 0.5, 0.5])


def test_the_degree_walk_policy_walks_from_the_first_film_and_does_not_say_near_both(planted, real_parser, store):
    gradient = DialogueManager(planted, real_parser, store, model_id="planted-test", policy="gradient")
    sid = gradient.new_session_id()
    reply = gradient.handle(sid, "something like Last Harbor and Broken Harbor but less violent")
    more = gradient.handle(sid, "more")
    assert reply.intent == "critique" and "near both" not in reply.text
    assert more.intent == "more" and "near both" not in more.text
