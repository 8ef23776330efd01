"""engine.retrieval.catalog: one id/title resolver for the CLI, the parser and the dialogue manager."""

from __future__ import annotations

import pytest

from engine.retrieval.catalog import TitleResolver, normalize_title

TITLES = (
    "Toy Story (1995)", "Heat (1995)", "Heat (2013)", "Matrix, The (1999)", "Amélie (2001)",
    "Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode V - The Empire Strikes Back (1980)",
    "Alien (1979)", "Aliens (1986)", "Fargo (1996)",
)
IDS = (1, 6, 7, 2571, 4973, 260, 1196, 1214, 1200, 608)
POPULARITY = (900, 400, 20, 800, 300, 850, 700, 500, 450, 600)


@pytest.fixture(scope="module")
def resolver() -> TitleResolver:
    return TitleResolver(TITLES, IDS, POPULARITY)


def test_normalize_title_folds_case_accents_articles_and_year():
    assert normalize_title("Matrix, The (1999)") == "the matrix"
    assert normalize_title("Amélie (2001)") == "amelie"
    assert normalize_title("  Star Wars: Episode IV - A New Hope ") == "star wars episode iv a new hope"


def test_resolve_by_id_only_when_allowed(resolver):
    match = resolver.resolve("2571")
    assert (match.row, match.item_id, match.how, match.score) == (3, 2571, "id", 100.0)
    assert resolver.resolve("2571", allow_id=False) is None


@pytest.mark.parametrize("query, title, how", [
    ("toy story (1995)", "Toy Story (1995)", "exact"),
    ("heat 2013", "Heat (2013)", "exact"),
    ("Heat (2013)", "Heat (2013)", "exact"),
    ("the matrix", "Matrix, The (1999)", "normalized"),
    ("Matrix", "Matrix, The (1999)", "normalized"),
    ("amelie", "Amélie (2001)", "normalized"),
    ("Toy Stroy", "Toy Story (1995)", "fuzzy"),
])
def test_resolve_strict_to_loose(resolver, query, title, how):
    match = resolver.resolve(query)
    assert match is not None and (match.title, match.how) == (title, how)


def test_equal_titles_resolve_to_the_most_watched_and_name_the_others(resolver):
    assert resolver.resolve("Heat").title == "Heat (1995)"  # 400 against 20
    assert [m.title for m in resolver.namesakes(resolver.resolve("Heat").row, "heat")] == ["Heat (2013)"]
    assert [m.title for m in resolver.candidates("heat")] == ["Heat (1995)", "Heat (2013)"]
    assert [m.title for m in resolver.exact("heat")] == ["Heat (1995)", "Heat (2013)"]


def test_namesakes_genuinely_close_in_popularity_stay_ambiguous():
    close = TitleResolver(("Heat (1995)", "Heat (2013)"), (6, 7), (400, 380))
    assert close.resolve("Heat") is None
    assert close.resolve("heat 2013").title == "Heat (2013)"


def test_fuzzy_needs_a_clear_lead_over_the_next_title(resolver):
    pair = TitleResolver(("Fargo (1996)", "Cargo (2017)"), (1, 2))
    assert pair.resolve("Dargo") is None  # one edit from both: no silent pick
    assert pair.resolve("Fargoo").title == "Fargo (1996)"
    assert resolver.resolve("Alien").title == "Alien (1979)"  # exact beats the near "Aliens"


def test_partial_name_is_offered_not_resolved(resolver):
    assert resolver.resolve("star wars") is None
    offered = [m.title for m in resolver.candidates("star wars")]
    assert offered[:2] == [TITLES[5], TITLES[6]]  # most popular first
    assert all(m.how == "fuzzy" and m.score >= 80 for m in resolver.candidates("star wars"))


def test_a_series_name_with_one_film_is_that_film():
    one = TitleResolver(("Star Wars: Episode IV - A New Hope (1977)", "Fargo (1996)"), (260, 608))
    assert one.resolve("star wars").item_id == 260  # the short form is clearly it
    assert one.resolve("star wars", partial=True).item_id == 260
    assert one.resolve("fargo and such") is None  # extra words are not a short form


def test_unknown_and_degenerate_queries(resolver):
    assert resolver.resolve("Heat Wave Over Jupiter") is None
    assert resolver.candidates("a") == []  # too short to offer anything
    assert resolver.resolve("") is None and resolver.candidates("   ") == []
    assert resolver.resolve("x" * 5000) is None  # no title is that long
    assert TitleResolver((), ()).resolve("Toy Story") is None


def test_titles_and_ids_must_match():
    with pytest.raises(ValueError):
        TitleResolver(("A",), (1, 2))


def test_a_title_said_with_its_year_has_no_namesakes_to_name(resolver):
    heat = resolver.resolve("Heat (1995)")
    assert heat is not None and heat.title == "Heat (1995)"
    assert resolver.namesakes(heat.row, "Heat (1995)") == []
    assert resolver.namesakes(heat.row, "heat, the 1995 one") == []
    assert [m.title for m in resolver.namesakes(heat.row, "heat")] == ["Heat (2013)"]


def test_a_typo_never_changes_a_sequel_number():
    from engine.retrieval.catalog import TitleResolver

    resolver = TitleResolver(["Toy Story (1995)", "Toy Story 3 (2010)", "Rocky II (1979)"], [1, 2, 3])
    assert resolver.resolve("toy story 4") is None and resolver.resolve("rocky iv") is None
    assert resolver.resolve("toy stroy").title == "Toy Story (1995)"  # a typo still is one
    assert resolver.resolve("toy story 3").title == "Toy Story 3 (2010)"


def test_fuzzy_answers_are_remembered_per_key_and_bounded(monkeypatch):
    import engine.retrieval.catalog as catalog

    monkeypatch.setattr(catalog, "FUZZY_MEMO", 2)
    resolver = TitleResolver(TITLES, IDS, POPULARITY)
    first = resolver.resolve("Toy Stroy")
    assert first is not None and first.item_id == 1 and first.how == "fuzzy"
    assert resolver.resolve("toy stroy") == first == TitleResolver(TITLES, IDS, POPULARITY).resolve("Toy Stroy")
    assert resolver.resolve("qqqq zzzz") is None and resolver.resolve("qqqq zzzz") is None
    resolver.resolve("Farho")
    assert len(resolver._fuzzy_found) <= 2
    assert resolver.resolve("Toy Stroy") == first


OFFICES = ("Office Space (1999)", "Usual Suspects, The (1995)", "American President, The (1995)",
           "Bourne Identity, The (2002)", "O (2001)", "Postman, The (Postino, Il) (1994)")


def test_an_article_the_title_lacks_is_no_short_form_of_it():
    offices = TitleResolver(OFFICES, tuple(range(1, 7)), (900, 800, 300, 700, 100, 200))
    assert offices.resolve("The Office") is None  # a TV show, not "Office Space"
    assert offices.resolve("office").title == OFFICES[0]  # said without the article it may be
    assert offices.resolve("the bourne").title == OFFICES[3]  # "Bourne Identity, The" keeps it
    assert [m.title for m in offices.beginnings("The Office")] == []
    assert [m.title for m in offices.beginnings("Office")] == [OFFICES[0]]


def test_titles_offered_for_a_missing_title_match_its_words_not_its_article():
    offices = TitleResolver(OFFICES, tuple(range(1, 7)), (900, 800, 300, 700, 100, 200))
    assert [m.title for m in offices.candidates("The Office")] == [OFFICES[0]]  # no "..., The" titles
    assert [m.title for m in offices.candidates("the usual suspect")] == [OFFICES[1]]
    assert "O (2001)" not in [m.title for m in offices.candidates("offce space")]  # a letter is no match
