"""The list controls in the dialogue (bot/dialogue/list_controls.py): more, exclude (stored,
undoable, survives a restart, skipped by every policy), picks by description, jump."""

from __future__ import annotations

import re

import numpy as np
import pytest

from bot.dialogue.manager import DialogueManager
from bot.store.sessions import Store
from bot_fixtures import fixture_parser


def _manager(planted, store, policy="adaptive"):
    return DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy=policy)


def _ids(reply):
    return [s.item_id for s in reply.sequence]


def _started(manager, critique="less action"):
    sid = manager.new_session_id()
    manager.handle(sid, "something like Toy Story")
    return sid, manager.handle(sid, critique)


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list"])
def test_more_gives_new_items_of_the_same_answer(planted, store, policy):
    manager = _manager(planted, store, policy)
    sid, first = _started(manager)
    more = manager.handle(sid, "show me more")
    again = manager.handle(sid, "more")
    assert more.intent == "more" and more.sequence and again.sequence
    assert not set(_ids(more)) & set(_ids(first))
    assert not set(_ids(again)) & (set(_ids(first)) | set(_ids(more)))
    # same reference, same critique: every new item still has less action than Toy Story
    toy = planted.resolve_item("Toy Story")
    action = planted.tags.index("action")
    ref_degree = planted.degree_of(toy, action)
    assert more.reference.item_id == first.reference.item_id == 10
    assert all(s.degree < ref_degree for s in more.sequence) or policy == "list"
    assert more.current.item_id == 10


def _few_stored_neighbours(k: int = 12):
    """A planted catalog whose stored neighbourhood holds only each item's k nearest."""
    import scipy.sparse as sp

    from bot_fixtures import planted_retriever
    from engine.retrieval.neighbours import ItemNeighbours

    r = planted_retriever()
    unit = r.item_vectors / np.linalg.norm(r.item_vectors, axis=1, keepdims=True)
    cos = unit @ unit.T
    np.fill_diagonal(cos, -np.inf)
    top = np.argsort(-cos, axis=1)[:, :k]
    rows = np.repeat(np.arange(r.n_items), k)
    r.neighbours = ItemNeighbours(sp.csr_matrix((np.take_along_axis(cos, top, 1).ravel(), (rows, top.ravel())),
                                                shape=cos.shape), "item-space", {})
    return r


def test_more_goes_further_once_the_neighbourhood_is_used_up_and_never_repeats(store):
    retriever = _few_stored_neighbours()
    manager = _manager(retriever, store)
    sid, first = _started(manager, "more comedy")
    shown = set(_ids(first))
    replies_ = [manager.handle(sid, "more") for _ in range(4)]
    wider = [r for r in replies_ if "further" in r.text]
    assert wider, "the stored neighbourhood (12 items) cannot fill four more lists"
    comedy = retriever.tags.index("comedy")
    ref = retriever.degree_of(retriever.resolve_item("Toy Story"), comedy)
    for reply in replies_:
        assert reply.intent == "more" and not set(_ids(reply)) & shown  # never an item shown before
        assert all(s.degree > ref for s in reply.sequence)  # still funnier than Toy Story
        shown |= set(_ids(reply))


def test_more_with_nothing_new_left_says_so_and_shows_nothing_again(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager, "way more comedy")
    shown, last = set(_ids(first)), first
    for _ in range(30):
        last = manager.handle(sid, "more")
        if not last.sequence:
            break
        assert not set(_ids(last)) & shown
        shown |= set(_ids(last))
    assert not last.sequence and "That is all" in last.text and last.intent == "more"
    assert manager.handle(sid, "the first one").current is not None  # the last list is still there to pick from


def test_more_without_an_answer_says_what_to_do(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    reply = manager.handle(sid, "more")
    assert reply.intent == "more" and not reply.understood and not reply.sequence


def test_more_right_after_a_title_continues_its_nearest_films(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    offered = manager.handle(sid, "something like Toy Story")
    more = manager.handle(sid, "more")
    again = manager.handle(sid, "more")
    assert more.intent == "more" and len(more.sequence) == len(again.sequence) == len(offered.sequence)
    lists = [{s.item_id for s in r.sequence} for r in (offered, more, again)]
    assert not (lists[0] & lists[1] or lists[0] & lists[2] or lists[1] & lists[2])


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list"])
def test_a_number_of_more_shows_that_many_and_the_next_more_goes_on_after_them(planted, store, policy):
    manager = _manager(planted, store, policy)
    sid, first = _started(manager)
    three = manager.handle(sid, "show me 3 more")
    assert three.intent == "more" and len(three.sequence) == 3 and three.text.startswith("3 more")
    rest = manager.handle(sid, "more")
    assert len(rest.sequence) == len(first.sequence)
    seen = [set(_ids(r)) for r in (first, three, rest)]
    assert not (seen[0] & seen[1] or seen[0] & seen[2] or seen[1] & seen[2])
    assert len(manager.handle(sid, "show me 40 more").sequence) <= manager.steps


@pytest.mark.parametrize("start", ["something like Toy Story", "something completely different"])
def test_a_number_of_more_after_a_title_or_a_jump(planted, store, start):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    if start.startswith("something completely"):
        manager.handle(sid, "something like Toy Story")
    offered = manager.handle(sid, start)
    two = manager.handle(sid, "a couple more")
    assert two.intent == "more" and len(two.sequence) == 2
    assert not set(_ids(two)) & set(_ids(offered))


def test_show_me_more_like_an_item_walks_from_it(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    third = first.sequence[2]
    reply = manager.handle(sid, "show me more like #3")
    assert reply.reference.item_id == third.item_id and reply.current.item_id == third.item_id
    assert not set(_ids(reply)) & set(_ids(first))


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list"])
def test_an_excluded_item_is_never_shown_again(planted, store, policy):
    manager = _manager(planted, store, policy)
    sid, first = _started(manager)
    gone = first.sequence[2]
    reply = manager.handle(sid, "not the third one")
    assert reply.intent == "exclude" and reply.excluded == [{"item_id": gone.item_id, "title": gone.title}]
    assert gone.item_id not in _ids(reply) and len(reply.sequence) == len(first.sequence)
    # the others stay, in the same order (new ones fill in: by degree on a gradient, else at the end)
    assert [i for i in _ids(reply) if i in _ids(first)] == [i for i in _ids(first) if i != gone.item_id]
    for critique in ("less action", "more comedy", "less horror"):
        manager.handle(sid, "something like Toy Story")
        assert gone.item_id not in _ids(manager.handle(sid, critique))


def test_seen_them_all_replaces_the_whole_list(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "I have seen all of these")
    assert reply.intent == "exclude" and len(reply.excluded) == len(first.sequence)
    assert reply.sequence and not set(_ids(reply)) & set(_ids(first))


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list"])
def test_several_positions_are_excluded_at_once(planted, store, policy):
    manager = _manager(planted, store, policy)
    sid, first = _started(manager)
    gone = [first.sequence[1], first.sequence[4]]
    reply = manager.handle(sid, "watched 2 and 5 already")
    assert reply.intent == "exclude"
    assert reply.excluded == [{"item_id": s.item_id, "title": s.title} for s in gone]
    assert not {s.item_id for s in gone} & set(_ids(reply)) and len(reply.sequence) == len(first.sequence)
    assert all(s.title in reply.text for s in gone)  # the reply names what was set aside
    later = manager.handle(sid, "more comedy")
    assert not {s.item_id for s in gone} & set(_ids(later))


def test_several_positions_beyond_the_list_exclude_nothing(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "not the 2nd or the 14th")
    assert len(first.sequence) < 14
    assert not reply.understood and not reply.excluded and _ids(reply) == _ids(first)


def test_exclusions_survive_a_restart_and_are_listed(planted, db_url):
    store = Store(db_url)
    manager = _manager(planted, store)
    sid, first = _started(manager)
    gone = first.sequence[0]
    manager.handle(sid, "I've seen #1")
    store.close()
    # A new process: a new Store object on the same SQLite file, a new manager.
    store = Store(db_url)
    try:
        again = _manager(planted, store)
        listed = again.handle(sid, "what have I excluded?")
        assert listed.intent == "exclude" and gone.title in listed.text
        again.handle(sid, "restart")  # a restart keeps what was set aside for the session
        again.handle(sid, "something like Toy Story")
        assert gone.item_id not in _ids(again.handle(sid, "less action"))
    finally:
        store.close()


def test_undo_brings_an_excluded_item_back(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    manager.handle(sid, "not the second one")
    undone = manager.handle(sid, "undo")
    assert _ids(undone) == _ids(first)
    assert "Nothing is set aside" in manager.handle(sid, "what have I excluded?").text


def test_seen_a_catalog_title(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "I've already watched Toy Story")
    assert reply.excluded == [{"item_id": 10, "title": "Toy Story (1995)"}]


def test_pick_the_funniest_takes_the_highest_estimated_degree(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "the funniest of these")
    comedy = planted.tags.index("comedy")
    degrees = [planted.degree_of(planted.resolve_item(s.item_id), comedy) for s in first.sequence]
    best = int(np.argmax(degrees))
    assert reply.intent == "select" and reply.current.item_id == first.sequence[best].item_id
    assert reply.picked["by"] == "degree" and reply.picked["index"] == best + 1
    assert f"#{best + 1}" in reply.text and "comedy" in reply.text


def test_pick_the_least_of_an_attribute(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "the one with the lowest romance")
    romance = planted.tags.index("romance")
    degrees = [planted.degree_of(planted.resolve_item(s.item_id), romance) for s in first.sequence]
    assert reply.current.item_id == first.sequence[int(np.argmin(degrees))].item_id


def test_pick_by_year_and_position(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    years = [int(re.search(r"\((\d{4})\)", s.title).group(1)) for s in first.sequence]
    newest = manager.handle(sid, "the newest")
    assert newest.current.item_id == first.sequence[years.index(max(years))].item_id
    assert str(max(years)) in newest.text
    manager.handle(sid, "undo")
    year = years[4]
    picked = manager.handle(sid, f"the one from {year}")
    assert picked.picked == {"item_id": first.sequence[years.index(year)].item_id,
                             "title": first.sequence[years.index(year)].title,
                             "index": years.index(year) + 1, "by": "year", "value": year}
    manager.handle(sid, "undo")
    last_but_one = manager.handle(sid, "the second to last")
    assert last_but_one.current.item_id == first.sequence[-2].item_id


def test_pick_by_a_year_not_on_the_list_says_so(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "the one from 2031")
    assert not reply.understood and reply.current.item_id == 10 and "2031" in reply.text


def test_jump_leaves_the_neighbourhood_on_purpose(planted, store):
    manager = _manager(planted, store)
    sid, first = _started(manager)
    reply = manager.handle(sid, "something completely different")
    assert reply.intent == "jump" and reply.sequence and "different" in reply.text
    assert not set(_ids(reply)) & set(_ids(first))
    unit = planted.item_vectors / np.linalg.norm(planted.item_vectors, axis=1, keepdims=True)
    toy = planted.resolve_item("Toy Story")
    similarity = lambda ids: np.mean([unit[planted.resolve_item(i)] @ unit[toy] for i in ids])  # noqa: E731
    assert similarity(_ids(reply)) < similarity(_ids(first))
    popular = set(np.argsort(-planted.popularity)[: planted.n_items // 4 + 30].tolist())
    assert all(planted.resolve_item(i) in popular for i in _ids(reply))
    more = manager.handle(sid, "more")
    assert more.sequence and not set(_ids(more)) & set(_ids(reply))


@pytest.mark.parametrize("policy", ["adaptive", "list"])
def test_a_form_critique_shows_films_of_that_form_and_says_where_the_reference_stands(store, policy):
    import scipy.sparse as sp

    from bot_fixtures import planted_retriever

    retriever = planted_retriever()
    tagged = retriever.relevance > 0.5  # the catalog's binary tags
    retriever.item_tags = sp.csr_matrix(tagged.astype(np.float32))
    animated = tagged[:, retriever.tags.index("animation")]
    manager = DialogueManager(retriever, fixture_parser(retriever), store, model_id="t", policy=policy)
    sid = manager.new_session_id()
    manager.handle(sid, "something like Toy Story")
    toy = bool(animated[0])
    reply = manager.handle(sid, "less animation" if toy else "more animation")
    assert f"which is {'' if toy else 'not '}tagged animation" in reply.text and "(estimated)" not in reply.text
    assert reply.sequence and all(animated[retriever.row_of_id[s.item_id]] != toy for s in reply.sequence)


def _tagged_animation(retriever, rows) -> np.ndarray:
    """Make `rows` the catalog's only films tagged animation; the mask of them."""
    import scipy.sparse as sp

    animated = np.zeros(retriever.n_items, dtype=bool)
    animated[rows] = True
    tags = np.zeros((retriever.n_items, len(retriever.tags)), dtype=np.float32)
    tags[animated, retriever.tags.index("animation")] = 1.0
    retriever.item_tags = sp.csr_matrix(tags)
    return animated


def test_a_form_asked_with_no_film_offers_the_best_known_films_of_that_form(store):
    from bot.dialogue.item_facts import STRONGEST_POOL, popular_rows
    from bot_fixtures import planted_retriever

    retriever = planted_retriever(n_items=700)
    order = popular_rows(retriever, retriever.n_items)
    animated = _tagged_animation(retriever, order[-40:])  # none among the STRONGEST_POOL most watched
    assert not animated[order[:STRONGEST_POOL]].any()
    manager = _manager(retriever, store)
    more = manager.handle(manager.new_session_id(), "more animation")
    offered = [retriever.titles.index(b.title) for b in more.buttons]
    assert offered and offered == [r for r in order if animated[r]][:len(offered)]  # the best known first
    less = manager.handle(manager.new_session_id(), "less animation")
    assert less.buttons and not animated[[retriever.titles.index(b.title) for b in less.buttons]].any()


def test_a_form_and_a_quality_with_no_film_offer_the_films_of_that_form_that_go_furthest(store):
    from bot.dialogue.item_facts import STRONGEST_POOL, popular_rows
    from bot_fixtures import planted_retriever
    from engine.retrieval.sequences import Modification

    retriever = planted_retriever(n_items=700)
    order = popular_rows(retriever, retriever.n_items)
    animated = _tagged_animation(retriever, order[1::2])
    ask = _manager(retriever, store).handle("s", "more animation and more action")
    offered = [retriever.titles.index(b.title) for b in ask.buttons]
    known = [r for r in order if animated[r]][:round(STRONGEST_POOL / retriever.n_items * animated.sum())]
    assert offered and set(offered) <= set(known)  # the same share of that form's films as of the catalog
    action = np.asarray(retriever.modification_degrees(Modification(retriever.tags.index("action"), 1)))
    assert action[offered].min() > np.median(action[known])  # of those, the ones with the most action


def test_a_quality_with_no_film_offers_first_the_known_films_its_users_tagged_with_those_words(store):
    import scipy.sparse as sp

    from bot.dialogue.item_facts import popular_rows
    from bot_fixtures import planted_retriever
    from engine.retrieval.sequences import Modification

    retriever = planted_retriever()
    action = np.asarray(retriever.modification_degrees(Modification(retriever.tags.index("action"), 1)))
    popular = popular_rows(retriever, 40)
    tagged = min(popular, key=lambda r: abs(action[r] - 0.5))  # a known film the estimate puts mid-way
    manager = _manager(retriever, store)
    before = manager.handle(manager.new_session_id(), "more action")
    assert retriever.titles[tagged] not in [b.title for b in before.buttons]
    model = retriever.degree_model  # its users wrote "explosive" on it, and "boring" on another
    explosive = model.phrase_vector("action")  # a user tag written as the model reads "action"
    boring = np.roll(explosive, 1) - explosive * (np.roll(explosive, 1) @ explosive)  # unrelated
    model.language = ("explosive", "boring")
    model.language_vectors = np.stack([explosive, boring / np.linalg.norm(boring)])
    counts = np.zeros((retriever.n_items, 2))
    counts[tagged, 0], counts[popular[0], 1] = 3.0, 2.0
    model.language_counts = sp.csr_matrix(counts)
    model.__dict__.pop("_memo_tagged_share", None)  # read before the catalog had user tags
    after = manager.handle(manager.new_session_id(), "more action")
    assert after.buttons[0].title == retriever.titles[tagged]
