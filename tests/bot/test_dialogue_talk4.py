"""The dialogue side of the misses that remained after the second blind set's development
(planted catalog): a film's nearest list refills when the person has seen them all, "and #4?"
after a why asks the same of #4, titles only named beside a list are not what "#1" picks, a
sequel number alone names the current film's series, and "the same decade" is the current film's."""

from __future__ import annotations

from types import SimpleNamespace

from bot.dialogue.pending import AskTag, AskTitle, FollowUp, pending_from_json
from bot.dialogue.series import of_current_series
from bot.dialogue.years import updated
from bot.types import Parse
from engine.retrieval.catalog import TitleResolver


def test_seen_them_all_on_a_films_nearest_list_shows_new_ones(manager):
    sid = manager.new_session_id()
    first = manager.handle(sid, "something like Toy Story")
    assert first.sequence
    reply = manager.handle(sid, "seen all of them")
    assert reply.intent == "exclude" and reply.sequence
    assert not {s.item_id for s in reply.sequence} & {s.item_id for s in first.sequence}


def test_and_another_number_after_a_why_explains_that_one(manager):
    sid = manager.new_session_id()
    shown = manager.handle(sid, "something like Toy Story").sequence
    assert manager.handle(sid, "why #2?").intent == "explain"
    reply = manager.handle(sid, "and the fourth one?")
    assert reply.intent == "explain" and shown[3].title in reply.text
    assert manager.handle(sid, "what about #3").intent == "explain"


def test_a_follow_up_is_only_a_number_after_an_answer_about_an_item():
    follow = FollowUp("explain")
    assert follow.resolve(Parse("out_of_scope"), "and #7?").index == 7
    assert follow.resolve(Parse("critique"), "and darker") is None
    assert pending_from_json(follow.to_json()) == follow
    assert pending_from_json({"kind": "follow_up", "intent": "select"}) is None  # malformed: dropped


def test_titles_named_beside_a_list_are_not_what_a_number_picks():
    titles = TitleResolver(["Dusk (1990)", "Dusk (2004)"], [1, 2], [50, 10])
    beside = AskTitle(("Dusk (1990)", "Dusk (2004)"), numbered=False)
    assert beside.resolve(Parse("select", index=1), "#1", titles) is None  # the list's #1
    assert beside.resolve(Parse("out_of_scope"), "the 2004 one", titles).item_id == 2
    asked = AskTitle(("Dusk (1990)", "Dusk (2004)"))
    assert asked.resolve(Parse("select", index=2), "the second", titles).item_id == 2
    assert pending_from_json(beside.to_json()) == beside


def _catalog(titles):
    resolver = TitleResolver(titles, list(range(1, len(titles) + 1)), [10] * len(titles))
    return SimpleNamespace(title_resolver=resolver, titles=list(titles))


def test_a_number_alone_names_the_current_films_series():
    r = _catalog(["Harbor King (1980)", "Harbor King II (1984)", "Harbor King III (1989)", "Sea Wolves (1990)"])
    said = Parse("reference", unknown_title="part 3")
    assert of_current_series(said, 2, r).title == "Harbor King III (1989)"
    assert of_current_series(said, 4, r).item_id is None  # no series: still a title it lacks
    named = Parse("reference", item_id=4, title="Sea Wolves (1990)")
    assert of_current_series(named, 2, r) is named


def test_the_same_decade_is_the_current_films(planted):
    row = planted.row_of_id[10]  # Toy Story (1995)
    assert updated(None, {"min": None, "max": None, "relative": "decade"}, planted, row) == {"min": 1990, "max": 1999}


def test_a_namesake_the_model_lacks_is_said_to_be_too_rare_when_picked_by_year():
    titles = TitleResolver(["Dusk (1990)"], [1], [50])
    beside = AskTitle(("Dusk (1990)", "Dusk (2004)"), numbered=False)
    parse = beside.resolve(Parse("out_of_scope"), "I meant the 2004 remake", titles)
    assert (parse.intent, parse.item_id, parse.outside) == ("reference", None, ("Dusk (2004)",))


def test_a_number_alone_names_the_current_series_before_another_series_film_of_that_name():
    r = _catalog(["Harbor King (1980)", "Harbor King II (1984)", "Harbor King III (1989)",
                  "Star Fleet: Episode III (2005)"])
    said = Parse("reference", item_id=4, title="Star Fleet: Episode III (2005)", text="episode 3")
    assert of_current_series(said, 1, r).title == "Harbor King III (1989)"
    assert of_current_series(said, None, r) is said  # no current film: the title said


def test_a_which_tag_question_says_the_other_critiques_of_the_turn_are_kept():
    from bot.dialogue.replies import ask_which_tag
    from bot.types import Critique

    question = AskTag((Critique(-1, "", 0.0, phrase="epic"), Critique(1, "sexuality", 0.5, phrase="intimate",
                                                                         candidates=("romance",))), index=1)
    assert question.others == [("epic", -1)]
    text = ask_which_tag("intimate", question.options, 1, question.others)
    assert "less epic" in text and "more romance" in text


def test_not_like_a_shown_film_jumps_away_from_it_and_never_picks_it(manager):
    sid = manager.new_session_id()
    shown = manager.handle(sid, "something like Toy Story").sequence
    reply = manager.handle(sid, f"show me something not like {shown[1].title.rsplit(' (', 1)[0]}")
    assert reply.intent == "jump" and reply.sequence
    assert shown[1].item_id not in {s.item_id for s in reply.sequence}
    assert reply.current is None or reply.current.item_id != shown[1].item_id
