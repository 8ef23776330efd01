"""The parser on realistic vocabularies: ~100 MovieLens-style tags with near-synonyms, and the
real ml-latest-small tags and titles (skipped when the archive is absent)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter

import pytest

from bot.nlu.parser import Parser

# A hand-written vocabulary in the style of MovieLens user tags: near-synonyms on purpose.
REALISTIC_TAGS = (
    "atmospheric", "funny", "superhero", "surreal", "thought-provoking", "sci-fi", "disney",
    "quirky", "religion", "dark comedy", "suspense", "psychology", "twist ending",
    "visually appealing", "comedy", "politics", "crime", "music", "dark", "action", "time travel",
    "high school", "mental illness", "mindfuck", "aliens", "black comedy", "space", "dreamlike",
    "mafia", "disturbing", "emotional", "heist", "classic", "anime", "satire", "christmas",
    "animation", "comic book", "psychological", "ghosts", "bittersweet", "boxing", "drugs",
    "robots", "cinematography", "philosophical", "revenge", "world war ii", "adventure",
    "stylized", "mystery", "murder", "military", "tense", "creepy", "heartwarming", "family",
    "police", "violence", "martial arts", "serial killer", "spoof", "beautiful", "inspirational",
    "clever", "witty", "social commentary", "romance", "predictable", "dark humor", "magic",
    "cult film", "hilarious", "romantic", "love story", "scary", "horror", "zombies", "gore",
    "bloody", "brutal", "violent", "slow", "boring", "fast-paced", "long", "war", "western",
    "based on a book", "true story", "biography", "kids", "sad", "depressing", "tearjerker",
    "feel-good", "epic", "fantasy", "science fiction", "thriller", "drama", "musical",
)


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Parser:
    titles = ("Toy Story (1995)", "Heat (1995)", "Heat, The (2013)", "Heathers (1989)")
    cache = tmp_path_factory.getbasetemp() / "parser-realistic-tags.npz"
    return Parser(REALISTIC_TAGS, titles, (1, 6, 99, 2), popularity=(50, 40, 3, 10),
                  tag_vectors_cache=cache)


def test_vocabulary_is_as_described():
    assert len(REALISTIC_TAGS) == len(set(REALISTIC_TAGS)) == 102


@pytest.mark.parametrize("text, expected", [
    ("funnier", [(1, "funny")]),  # the tag whose own name the phrase is wins over "comedy"
    ("less comedy", [(-1, "comedy")]),
    ("less violence", [(-1, "violence")]),
    ("not so violent", [(-1, "violent")]),
    ("more gore", [(1, "gore")]),
    ("more zombies", [(1, "zombies")]),
    ("less scary", [(-1, "scary")]),
    ("too creepy", [(-1, "creepy")]),
    ("more space", [(1, "space")]),
    ("less predictable", [(-1, "predictable")]),  # a tag of its own here, not "twist ending"
    ("more aliens and less romance", [(1, "aliens"), (-1, "romance")]),
    ("more time travel", [(1, "time travel")]),
    ("more serial killers", [(1, "serial killer")]),
    ("more revenge", [(1, "revenge")]),
    ("less mafia", [(-1, "mafia")]),
    ("more heartwarming", [(1, "heartwarming")]),
    ("less depressing", [(-1, "depressing")]),
])
def test_realistic_vocabulary(realistic, text, expected):
    parse = realistic.parse(text)
    assert parse.intent == "critique", text
    assert [(c.alpha, c.tag) for c in parse.critiques] == expected, text


@pytest.mark.parametrize("text, expected", [
    ("a cartoon", [(1, "animation")]),  # anime is one kind of animation, not its other name
    ("no cartoons please", [(-1, "animation")]),
    ("more animated", [(1, "animation")]),
    ("less anime", [(-1, "anime")]),
    ("more japanese animation", [(1, "anime")]),
])
def test_a_cartoon_is_animation_and_anime_is_its_own_tag(realistic, text, expected):
    assert [(c.alpha, c.tag) for c in realistic.parse(text).critiques] == expected, text


@pytest.mark.parametrize("text", ["a movie for date night", "I need a good date movie"])
def test_a_date_movie_is_romance(realistic, text):
    assert [(c.alpha, c.tag) for c in realistic.parse(text).critiques] in ([(1, "romance")], [(1, "romantic")])


def test_realistic_paraphrases_land_on_a_fitting_tag(realistic):
    fun = realistic.parse("make it funnier and more laughs").critiques
    assert {c.tag for c in fun} <= {"funny", "comedy", "hilarious", "witty", "spoof"}
    space = realistic.parse("more space stuff").critiques[0]
    assert space.tag in ("sci-fi", "science fiction", "space")
    ww2 = realistic.parse("more WWII").critiques[0]  # a cue of the war concept
    assert (ww2.alpha, ww2.tag) in ((1, "war"), (1, "world war ii"))
    explosions = realistic.parse("fewer explosions").critiques[0]
    assert (explosions.alpha, explosions.tag) == (-1, "action")


def test_realistic_titles(realistic):
    assert realistic.parse("something like heat").item_id == 6  # exact beats "Heat, The"
    assert realistic.parse("something like The Heat").item_id == 99
    assert realistic.parse("something like Heat (2013)").item_id == 99


@pytest.mark.movielens
def test_real_movielens_vocabulary_and_titles(movielens_small_zip, tmp_path_factory):
    with zipfile.ZipFile(movielens_small_zip) as z:
        with z.open("ml-latest-small/tags.csv") as f:
            counts = Counter(r["tag"].strip().lower() for r in csv.DictReader(io.TextIOWrapper(f, "utf-8")))
        with z.open("ml-latest-small/movies.csv") as f:
            movies = list(csv.DictReader(io.TextIOWrapper(f, "utf-8")))
    tags = [t for t, _ in counts.most_common(150)]
    parser = Parser(tags, [m["title"] for m in movies], [int(m["movieId"]) for m in movies],
                    tag_vectors_cache=tmp_path_factory.getbasetemp() / "parser-ml-tags.npz")
    assert parser.parse("something like Toy Story").item_id == 1
    assert parser.parse("I just watched Heat (1995)").item_id == 6
    assert parser.parse("something like the matrix").title == "Matrix, The (1999)"
    assert [(c.alpha, c.tag) for c in parser.parse("funnier").critiques] == [(1, "funny")]
    assert [(c.alpha, c.tag) for c in parser.parse("less violence please").critiques] == [(-1, "violence")]
    assert [(c.alpha, c.tag) for c in parser.parse("more twists").critiques] == [(1, "twist ending")]
    for text in ("more aliens", "less superhero stuff", "too dark", "a bit more atmospheric",
                 "", "😂", "SELECT * FROM movies;", "Star Wars", "the third one"):
        parser.parse(text, shown=((1, "Toy Story (1995)"),))  # never raises
