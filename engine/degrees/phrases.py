"""Phrase helpers of the degree score: cleaning, function words, derivations, rank percentiles,
and a per-phrase memo for methods whose answer depends only on the phrase."""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict

import numpy as np

from engine.text.normalise import text_key

# Words that carry no attribute on their own ("more of the", "less please"); the parser strips
# most of them, this keeps `ground` safe when called directly.
FUNCTION_WORDS = frozenset("""
a an the and or but of to in on at for with without by from about as is are was were be been
it its this that these those some any more less much many very too so quite rather really bit
lot please thanks thank you ok okay yes no not hello hi hey bye good morning evening night
what when where who why how which i me my we our your he she they them something anything
one ones movie movies film films thing things stuff kind sort like just now again
""".split())

# Meaning-preserving English derivations, tried when the phrase itself is far from everything
# the catalog's users wrote ("gory" -> "gore", "impactful" -> "impact").
_SUFFIXES = (("ful", ""), ("ish", ""), ("ily", "y"), ("ly", ""), ("y", "e"), ("y", ""))


def derivations(phrase: str) -> list[str]:
    """Variants of the phrase's last word with one derivational suffix removed."""
    words = phrase.split()
    if not words:
        return []
    out = [" ".join(re.split(r"-", phrase))] if "-" in phrase else []
    for suffix, replacement in _SUFFIXES:
        last = words[-1]
        if last.endswith(suffix) and len(last) - len(suffix) >= 3:
            out.append(" ".join(words[:-1] + [last[: -len(suffix)] + replacement]))
    return out


def clean_phrase(phrase: str) -> str:
    """Lower-case, single-spaced, edge punctuation stripped."""
    text = text_key(phrase)
    return re.sub(r"^[^\w]+|[^\w]+$", "", text)


def rank_percentiles(scores: np.ndarray) -> np.ndarray:
    """Scores to [0, 1] by rank over the catalog (ties share their mean rank)."""
    scores = np.asarray(scores, dtype=np.float64)
    n = len(scores)
    if n <= 1:
        return np.full(n, 0.5, dtype=np.float32)
    # numpy, not scipy.stats.rankdata: this runs in server threads while another thread may be
    # importing torch, and scipy's array-API dispatch then trips over the half-imported module.
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(n, dtype=np.float64)
    ranks[order] = np.arange(n, dtype=np.float64)
    _, group, counts = np.unique(scores, return_inverse=True, return_counts=True)
    mean_rank = np.bincount(group, weights=ranks) / counts
    return (mean_rank[group] / (n - 1)).astype(np.float32)


MEMO_SIZE = 4096  # phrases remembered per method and model (least recently used dropped first)


def per_phrase(method):  # noqa: ANN001, ANN201 - a decorator of DegreeModel methods
    """Remember `method(self, phrase)` per model and cleaned phrase (the last MEMO_SIZE).

    For methods whose answer depends only on the phrase and the model's fixed inputs: reading a
    phrase ("funnier", "less gore") costs 20-40 ms on ml-latest-small, and people repeat the same
    few hundred phrases, so a server pays that once per phrase, not once per turn."""
    name = f"_memo_{method.__name__}"
    lock = threading.Lock()

    @functools.wraps(method)
    def remembered(self, phrase: str, *args, **kwargs):  # noqa: ANN001, ANN202
        if args or kwargs:  # other settings than the defaults: not remembered
            return method(self, phrase, *args, **kwargs)
        key = clean_phrase(phrase)
        with lock:
            memo = self.__dict__.setdefault(name, OrderedDict())
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = method(self, phrase)
        with lock:
            memo[key] = value
            if len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        return value

    return remembered
