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
    first, second, words = two_titles(titles, "heat and collateral")
    assert (first.title, second.title, words) == ("Heat (1995)", "Collateral (2004)", "heat")
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
