"""What a critique walks along: its tag, or the degree model's reading of the user's words."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bot.dialogue.critique_axes import (as_read, attribute_grounding, critique_modification, read_unread,
                                       reading_note)
from bot.types import Critique, Parse
from engine.degrees.model import DegreeModel

TAGS = ("action", "romance", "comedy")
TABLE = {
    "action": [1, 0, 0, 0], "romance": [0, 1, 0, 0], "comedy": [0, 0, 1, 0],
    "fights and love": [0.7, 0.7, 0, 0.1], "brawls": [0.8, 0.55, 0, 0.2],
    "pizza": [0, 0, 0, 1], "pizza beer": [0.1, 0, 0.5, 0.8],  # cosine 0.84 with "pizza"
    # near "action" (0.70) but no user tag (< 0.9): an adjective and a noun with the same meaning
    "brawly": [0.7, 0.1, 0, 0.7], "punches": [0.7, 0.1, 0, 0.7],
}


def _encode(texts: list[str]) -> np.ndarray:
    out = np.array([TABLE.get(t, [0, 0, 0, 1]) for t in texts], dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def _retriever(item_tags=None) -> SimpleNamespace:
    items = np.random.default_rng(0).standard_normal((300, 2)).astype(np.float32)
    tag_vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.3, 0.3]], dtype=np.float32)
    language = ("action", "romance", "comedy", "brawls", "pizza beer")
    model = DegreeModel(items, tag_vectors, TAGS, encode=_encode, item_tags=item_tags,
                        language=language, language_vectors=_encode(list(language)))
    return SimpleNamespace(tags=TAGS, degree_model=model)


def test_a_tag_word_walks_its_tag():
    m = critique_modification(_retriever(), Critique(-1, "action", 1.0, 0.5, "action"))
    assert (m.tag, m.alpha, m.weight, m.grounding) == (0, -1, 0.5, None)


def test_words_matched_only_by_embedding_walk_the_degree_models_reading():
    critique = Critique(1, "action", 0.7, 1.0, "fights and love")
    m = critique_modification(_retriever(), critique)
    assert m.tag == 0 and m.grounding is not None
    assert set(m.grounding.tags) == {"action", "romance"}
    note = reading_note([critique], [m], TAGS)
    assert note.startswith("“fights and love” is not a tag here; I read it as ")
    assert as_read([critique], [m])[0].tag == "fights and love"


def test_a_thin_tag_is_read_with_the_tags_its_movies_carry():
    tagged = np.zeros((300, 3), dtype=np.float32)
    tagged[:2, 2] = 1.0  # comedy on 2 of 300 items: thin
    tagged[:150, 0] = 1.0
    retriever = _retriever(tagged)
    assert retriever.degree_model.is_thin("comedy") and not retriever.degree_model.is_thin("action")
    m = critique_modification(retriever, Critique(1, "comedy", 1.0, 1.0, "comedy"))
    assert m.grounding is not None and "comedy" in m.grounding.tags and len(m.grounding.tags) > 1
    assert reading_note([Critique(1, "comedy", 1.0, 1.0, "comedy")], [m], TAGS).startswith(
        "few movies carry “comedy”")


def test_unmatched_words_are_walked_when_users_wrote_them_or_they_describe_a_degree():
    retriever = _retriever()
    read = read_unread(retriever, [Critique(-1, "", 0.0, 1.0, "brawls"),
                                   Critique(1, "", 0.0, 1.0, "pizza"),
                                   Critique(1, "", 0.0, 2.0, "brawly"),
                                   Critique(1, "", 0.0, 1.0, "punches")])
    # "brawls" is a tag this catalog's users wrote; "brawly" is none, but an adjective
    # (unknown to the lexicon, with an adjective's ending); "punches" and "pizza" are nouns
    assert [(c.tag, c.alpha, c.strength, c.phrase) for c in read] == [
        ("action", -1, 1.0, "brawls"), ("action", 1, 2.0, "brawly")]
    assert read_unread(retriever, [Critique(1, "", 0.0, 1.0, "pizza")]) == ()


def test_an_opposite_matched_only_by_embedding_is_read_as_the_words_in_the_direction_said():
    # the parser put "fights and love" next to a declared opposite of romance ("less romance");
    # that flip is a guess (antonyms sit close), so the words themselves are walked, upwards
    critique = Critique(-1, "romance", 0.7, 1.0, "fights and love", flipped=True)
    m = critique_modification(_retriever(), critique)
    assert m.alpha == 1 and m.grounding is not None
    assert set(m.grounding.tags) == {"action", "romance"}
    (read,) = as_read([critique], [m])
    assert (read.tag, read.alpha, read.flipped) == ("fights and love", 1, False)
    assert reading_note([critique], [m], TAGS).startswith("“fights and love” is not a tag here")


def test_a_near_synonym_of_a_declared_opposite_walks_the_tag_down():
    # at or above the cosine an uncued match needs (0.72), the opposite is believed
    critique = Critique(-1, "action", 0.8, 1.0, "peaceful", flipped=True)
    m = critique_modification(_retriever(), critique)
    assert (m.tag, m.alpha, m.grounding) == (0, -1, None)


def test_a_word_that_negates_itself_walks_the_tag_it_negates_down():
    critique = Critique(-1, "action", 0.7, 1.0, "non-action", flipped=True)
    m = critique_modification(_retriever(), critique)
    assert (m.tag, m.alpha, m.grounding) == (0, -1, None)
    assert as_read([critique], [m])[0] == critique


def _parsed(*critiques: Critique) -> SimpleNamespace:
    return SimpleNamespace(parse=lambda text: Parse("critique", critiques=critiques))


def test_an_attribute_read_through_an_opposite_is_scored_downwards():
    # "more peaceful" = less action (a lexicon opposite): the evaluation must walk action down
    reading = attribute_grounding(_parsed(Critique(-1, "action", 1.0, 1.0, "peaceful", flipped=True)),
                                  _retriever(), "peaceful")
    assert (reading.sign, reading.grounding.tags, reading.label) == (-1, ("action",), "less action")
    plain = attribute_grounding(_parsed(Critique(1, "comedy", 1.0, 1.0, "comedy")), _retriever(), "comedy")
    assert (plain.sign, plain.label) == (1, "comedy")


def test_only_what_the_chat_cannot_judge_is_estimated():
    from bot.dialogue.critique_axes import attribute_estimate
    from bot.nlu.limits import read_way
    from engine.degrees.grounding import Grounding

    reading = Grounding.estimate("long", "what people tagged too long")
    retriever = SimpleNamespace(degree_model=SimpleNamespace(estimate=lambda phrase: reading))
    says = {"more long": "cannot_judge", "more short": "cannot_judge", "more funny": "critique"}
    parser = SimpleNamespace(parse=lambda text: SimpleNamespace(intent=says[text], text=text, limit="running time",
                                                                limit_way=read_way("running time", text)))
    estimate = attribute_estimate(parser, retriever, "long")
    assert estimate.grounding is reading and estimate.sign == 1
    shorter = attribute_estimate(parser, retriever, "short")  # the chat walks "long" down
    assert shorter.grounding is reading and shorter.sign == -1
    assert attribute_estimate(parser, retriever, "funny") is None  # the chat reads it itself
    nothing = SimpleNamespace(degree_model=SimpleNamespace(estimate=lambda phrase: None))
    assert attribute_estimate(parser, nothing, "long") is None
