"""bot.store.json_codec: the store's faster JSON gives back exactly the values the standard library does."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.store import json_codec
from bot.store.sessions import SessionState, Store

_SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=20) | \
    st.floats(allow_nan=False, allow_infinity=True)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_values_read_back_as_the_standard_library_reads_them(value):
    assert json_codec.loads(json_codec.dumps(value)) == json.loads(json.dumps(value))
    assert json_codec.loads(json.dumps(value)) == json.loads(json.dumps(value))


def test_full_precision_floats_survive():
    floats = [0.1 + 0.2, 1 / 3, 2.0 / 3 * 1e-7, 5e-324, 1.7976931348623157e308, -0.0]
    back = json_codec.loads(json_codec.dumps(floats))
    assert [x.hex() for x in back] == [x.hex() for x in floats]


def test_nan_infinity_and_non_string_keys_as_json_writes_them():
    back = json_codec.loads(json_codec.dumps({"x": [math.nan, math.inf, -math.inf], 1: "a", None: "b"}))
    assert math.isnan(back["x"][0]) and back["x"][1:] == [math.inf, -math.inf]
    assert back["1"] == "a" and back["null"] == "b"


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError):
        json_codec.dumps({"a": {1, 2}})


def test_text_the_fast_reader_rejects_is_read_as_the_standard_library_reads_it():
    assert json_codec.loads('"\\ud800"') == json.loads('"\\ud800"')
    with pytest.raises(ValueError):
        json_codec.loads("{not json")


def test_a_session_state_round_trips_through_the_store(tmp_path):
    sequence = [{"item_id": 3253, "title": "Wayne's World (1992)", "gamma": None, "score": 0.3564,
                 "degree": 0.49454321987, "degrees": {"feel good": 0.49454321987}, "shares": ["comedy"]}]
    state = SessionState("s-json", model_id="m", current=3253, last_sequence=sequence, last_tag="dark",
                         history=[{"current": 1, "last_sequence": sequence, "years": {"min": 1990, "max": None}}],
                         critiques=[{"critiques": [{"alpha": -1, "tag": "dark"}], "from": 1}])
    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        store.save_session(state)
        back = store.get_session("s-json")
    assert back.state_json() == json.loads(json.dumps(state.state_json(), default=dict))  # undo steps: Snapshot
