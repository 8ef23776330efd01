"""Which way a request about a fact the catalog lacks asks (bot.nlu.limits.read_way, carried as
`Parse.limit_way`): "shorter" / "not three hours long" = less long, "a bigger budget" = more."""

from __future__ import annotations

import pytest

from bot.nlu.limits import read_way
from bot.types import LimitWay


@pytest.mark.parametrize("text, topic, expected", [
    ("can I get something shorter", "running time", LimitWay(-1)),
    ("not so long this time", "running time", LimitWay(-1)),
    ("that one was too long", "running time", LimitWay(-1)),
    ("at most 90 minutes", "running time", LimitWay(-1)),
    ("a slightly longer one", "running time", LimitWay(1, 0.5)),
    ("way longer", "running time", LimitWay(1, 2.0)),
    ("at least three hours", "running time", LimitWay(1)),
    ("nothing over two hours long", "running time", LimitWay(-1)),
    ("no longer than 2 hours", "running time", LimitWay(-1)),
    ("less violent and shorter", "running time", LimitWay(-1)),
    ("not so gory but longer", "running time", LimitWay(1)),
    ("a lower budget", "budget", LimitWay(-1)),
    ("cheaper to produce", "budget", LimitWay(-1)),
    ("not a big budget film", "budget", LimitWay(-1)),
    ("big budget spectacle", "budget", LimitWay(1)),
])
def test_which_way_a_request_about_a_missing_fact_asks(text, topic, expected):
    assert read_way(topic, text) == expected


@pytest.mark.parametrize("text, topic", [
    ("what is its running time", "running time"), ("how long is it", "running time"),
    ("shorter or longer, I don't mind", "running time"), ("box office numbers", "budget"),
    ("with Tom Hanks", "actors"), ("in German", "language"), ("shorter", None)])
def test_no_direction_no_guess(text, topic):
    assert read_way(topic, text) is None


def test_the_parse_carries_the_way(real_parser):
    parse = real_parser.parse("nothing over two hours long")
    assert (parse.intent, parse.limit, parse.limit_way) == ("cannot_judge", "running time", LimitWay(-1))
    assert parse.to_json()["limit_way"] == {"alpha": -1, "strength": 1.0}
    assert real_parser.parse("a slightly bigger budget").limit_way == LimitWay(1, 0.5)
    assert real_parser.parse("how long is it").limit_way is None
