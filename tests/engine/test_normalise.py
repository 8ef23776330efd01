"""engine.text.normalise.fold: accents folded, case lowered; plain ASCII takes a shortcut that
must give what the full Unicode path gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.text.normalise import fold


def _fold_by_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def test_fold_removes_accents_and_case():
    assert fold("Amélie") == "amelie"
    assert fold("ÉCOLE ﬁne") == "ecole fine"
    assert fold("Heat (1995)") == "heat (1995)"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fold_agrees_with_the_unicode_path_on_any_text(text):
    assert fold(text) == _fold_by_unicode(text)
