"""Guesses for what the catalog lacks (bot.dialogue.estimates): "shorter", "a smaller budget"
answered with the honest sentence and a list walked by what the catalog's users tagged, on the
planted catalog given a few user tags; without user-tag counts the reply stays the sentence."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bot.dialogue.estimates import Lack, asked_lack, cannot_judge_text
from bot.types import LimitWay, Parse
from bot.dialogue.manager import DialogueManager
from bot.dialogue.policies import POLICIES
from bot.serve.payload import sequence_payload
from bot_fixtures import planted_retriever

LANGUAGE = ("too long", "way too long", "big budget", "slow")


@pytest.fixture(scope="module")
def tagged():
    """The planted catalog whose users tagged Hidden Harbor and Paper Harbor "too long" (the
    second also "way too long"), Lost Harbor and River Harbor "big budget"."""
    r = planted_retriever()
    model = r.degree_model
    counts = np.zeros((len(r.titles), len(LANGUAGE)), dtype=np.float32)
    counts[[5, 9], 0] = 2.0
    counts[9, 1] = 1.0
    counts[[7, 11], 2] = 1.0
    counts[3, 3] = 1.0
    model.language, model.language_counts = LANGUAGE, sp.csr_matrix(counts)
    model.language_vectors = model.encode(list(LANGUAGE))
    return r


def _manager(retriever, real_parser, store, policy: str = "adaptive") -> DialogueManager:
    return DialogueManager(retriever, real_parser, store, model_id="planted-test", policy=policy)


def _estimated(retriever, attribute: str) -> np.ndarray:
    return retriever.grounding_degrees(retriever.degree_model.estimate(attribute))


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("said, attribute, alpha", [
    ("under two hours please", "long", -1), ("nothing over two hours long", "long", -1),
    ("something longer", "long", 1), ("a bigger budget one", "big budget", 1),
    ("something cheaper to make", "big budget", -1)])
def test_the_answer_moves_the_asked_way_by_the_estimate_after_the_honest_sentence(
        tagged, real_parser, store, policy, said, attribute, alpha):
    m = _manager(tagged, real_parser, store, policy)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, said)
    assert reply.intent == "cannot_judge" and reply.critiques == []
    assert reply.text.startswith("I can't judge ") and "this catalog does not have that information" in reply.text
    assert "Going by what people here tagged" in reply.text and "a guess" in reply.text
    degrees = _estimated(tagged, attribute)
    start = degrees[tagged.titles.index("Toy Story (1995)")]
    rows = [tagged.row_of_id[s.item_id] for s in reply.sequence]
    assert rows and all(alpha * (degrees[row] - start) > 0 for row in rows)
    assert reply.sequence[0].degrees == {attribute: pytest.approx(float(degrees[rows[0]]), abs=1e-4)}
    assert reply.reference.title == "Toy Story (1995)"
    assert all(s.relevance is None for s in reply.sequence)  # no tag's relevance stands for a guess
    custom = sequence_payload(reply)["estimate"]
    assert custom["attribute"] == attribute and custom["alpha"] == alpha and "estimate" in custom["note"]
    assert custom["user_tags"][0] in LANGUAGE


def test_a_checkpoint_without_user_tag_counts_gives_the_honest_sentence_alone(planted, real_parser, store):
    assert planted.degree_model.estimate("long") is None  # the planted catalog has no user tags
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "under two hours please")
    assert reply.intent == "cannot_judge" and not reply.sequence and reply.estimate is None
    assert reply.text.startswith(cannot_judge_text("running time"))
    assert sequence_payload(reply)["estimate"] is None


def test_what_no_user_tag_carries_stays_the_honest_sentence(tagged, real_parser, store):
    m = _manager(tagged, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "something with Meryl Streep")
    assert reply.intent == "cannot_judge" and not reply.sequence and reply.estimate is None
    assert "I can judge" in reply.text


def test_more_why_undo_and_picks_work_after_an_estimate(tagged, real_parser, store):
    m = _manager(tagged, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    first = m.handle(sid, "not three hours long")
    degrees = _estimated(tagged, "long")
    start = degrees[0]
    more = m.handle(sid, "show me more")
    assert more.intent == "more" and more.sequence
    assert not {s.item_id for s in more.sequence} & {s.item_id for s in first.sequence}
    assert all(degrees[tagged.row_of_id[s.item_id]] < start for s in more.sequence)
    why = m.handle(sid, "why the first one?")
    asked = why.explanation["asked"]
    assert asked[0]["attribute"] == "long" and asked[0]["alpha"] == -1 and asked[0]["as_asked"]
    assert "you asked for \u201cshorter\u201d" in why.text and "less long" not in why.text  # as the guess was asked
    back = m.handle(sid, "undo")
    assert [s.item_id for s in back.sequence] == [s.item_id for s in first.sequence]
    assert back.reference.degrees == {"long": pytest.approx(float(start), abs=1e-4)}
    picked = m.handle(sid, "the second one")
    assert picked.intent == "select" and picked.current.item_id == first.sequence[1].item_id


def test_a_film_named_with_a_length_is_walked_from_and_one_undo_goes_back(tagged, real_parser, store):
    m = _manager(tagged, real_parser, store)
    sid = m.new_session_id()
    reply = m.handle(sid, "something like Toy Story but under two hours")
    assert reply.intent == "reference" and reply.current.title == "Toy Story (1995)"
    assert "I can't judge running times" in reply.text and reply.estimate["alpha"] == -1
    degrees = _estimated(tagged, "long")
    assert reply.sequence and all(degrees[tagged.row_of_id[s.item_id]] < degrees[0] for s in reply.sequence)
    assert m.handle(sid, "undo").current is None


def test_no_room_that_way_is_said_and_nothing_is_shown(tagged, real_parser, store):
    longest = int(np.argmax(_estimated(tagged, "long")))
    m = _manager(tagged, real_parser, store, "gradient")
    sid = m.new_session_id()
    m.handle(sid, f"something like {tagged.titles[longest].rsplit(' (', 1)[0]}")
    reply = m.handle(sid, "something longer")
    assert reply.intent == "cannot_judge" and not reply.sequence and not reply.buttons
    assert "is already at that end" in reply.text and "nothing longer to show" in reply.text
    near = _manager(tagged, real_parser, store, "adaptive")  # the closest films, said to be as they are
    sid = near.new_session_id()
    near.handle(sid, f"something like {tagged.titles[longest].rsplit(' (', 1)[0]}")
    reply = near.handle(sid, "something longer")
    assert reply.intent == "cannot_judge" and "these feel longer" not in reply.text
    assert "none of the films close to" in reply.text and "as they are" in reply.text


@pytest.mark.parametrize("policy", ["adaptive", "list"])
def test_a_critique_said_with_a_length_walks_both_and_one_undo_goes_back(tagged, real_parser, store, policy):
    long, comedy = _estimated(tagged, "long"), tagged.attribute_degrees(tagged.tags.index("comedy"))
    start = tagged.titles.index("Iron Harbor (1978)")  # room both ways: comedy 0.35, long 0.69
    m = _manager(tagged, real_parser, store, policy)
    sid = m.new_session_id()
    m.handle(sid, "something like Iron Harbor")
    reply = m.handle(sid, "funnier and not three hours long")
    assert reply.intent == "critique" and reply.estimate["alpha"] == -1
    assert [(c["alpha"], c["tag"]) for c in reply.critiques] == [(1, "comedy"), (-1, "long")]
    assert "I can't judge running times" in reply.text and "is a guess" in reply.text
    rows = [tagged.row_of_id[s.item_id] for s in reply.sequence]
    assert rows and all(long[r] < long[start] and comedy[r] > comedy[start] for r in rows)
    assert set(reply.sequence[0].degrees) == {"comedy", "long"}
    again = m.handle(sid, "why the first one?").explanation["asked"]
    assert [(a["attribute"], a["as_asked"]) for a in again] == [("comedy", True), ("long", True)]
    assert m.handle(sid, "undo").current.title == "Iron Harbor (1978)"
    assert m.handle(sid, "undo").current is None  # one undo per turn


@pytest.mark.parametrize("limit, way, expected", [
    ("running time", LimitWay(-1), Lack("running time", "long", -1)),
    ("budget", LimitWay(1, 0.5), Lack("budget", "big budget", 1, 0.5)),
    ("running time", None, None), ("actors", LimitWay(1), None)])
def test_the_guess_reads_the_way_the_parser_read(limit, way, expected):
    assert asked_lack(Parse("cannot_judge", limit=limit, limit_way=way)) == expected
