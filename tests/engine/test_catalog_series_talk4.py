"""Sequel numbers inside a series (engine.retrieval.catalog.TitleResolver): the series' words
must all be in a film's title, a rarely watched film of the bare name does not start a series of
colon-titled films, and an a.k.a. names the series of the film it belongs to."""

from __future__ import annotations

from engine.retrieval.catalog import TitleResolver

TITLES = ["Die Young (1990)", "Die Young 2 (1993)", "Young Way, The (1994)", "Die Young: The Return (1996)",
          "Kings of Sand, The (1978)", "Kings of Sand: The Oasis, The (2001)", "Kings of Sand: The Storm, The (2002)",
          "Space Cops (a.k.a. SC) (1997)", "Space Cops II (2002)"]
POPULARITY = [200, 150, 90, 140, 5, 300, 280, 180, 120]


def _resolver() -> TitleResolver:
    return TitleResolver(TITLES, list(range(1, len(TITLES) + 1)), POPULARITY)


def test_every_film_of_a_series_has_all_its_words():
    assert _resolver().resolve("die young 3").title == "Die Young: The Return (1996)"


def test_a_rare_film_of_the_bare_name_does_not_start_a_colon_series():
    r = _resolver()
    assert r.resolve("kings of sand 2").title == "Kings of Sand: The Storm, The (2002)"


def test_an_aka_names_its_films_series():
    assert _resolver().resolve("sc 2").title == "Space Cops II (2002)"


def test_a_sequel_whose_title_does_not_start_with_the_series_name_counts_by_year():
    r = TitleResolver(["Tide Park (1993)", "Lost Isle: Tide Park, The (1997)", "Tide Park III (2001)"],
                      [1, 2, 3], [300, 120, 100])
    assert r.resolve("tide park 2").title == "Lost Isle: Tide Park, The (1997)"
    assert r.resolve("tide park 3").title == "Tide Park III (2001)"
