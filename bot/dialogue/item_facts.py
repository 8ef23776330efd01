"""What the bot says about catalog items: what one is strongest in, which tags to list, which
items to offer when it needs a starting point. Read-only views of a :class:`Retriever`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.dialogue import replies
from engine.retrieval.retriever import Retriever
from engine.retrieval.sequences import Modification
from engine.walks.neighbourhood import form_carriers, kind_members


def popular_rows(retriever: Retriever, n: int) -> list[int]:
    """The n most popular rows (ties by row), offered when a starting item is needed."""
    return [int(r) for r in np.argsort(-retriever.popularity, kind="stable")[:n]]


STRONGEST_POOL = 300  # the most watched films a critique without a reference offers from


# The fewest best-known films of the years asked that an offer chooses among: a share of them as
# large as STRONGEST_POOL is of the catalog is a handful for an old decade (18 films of the 1970s
# on ml-latest-small), too few to hold the decade's horror films or its science fiction.
YEARS_POOL = 60

# How many times the films offered the films a fact ("better rated") is ranked among, of those
# that fit the rest of a description best: a fact names no kind of film.
FACT_SHORTLIST = 3
# How many times deeper into the most watched films a request for less known ones looks: the
# least watched of the 300 best-known films are still famous.
LESS_KNOWN_REACH = 4


def strongest_rows(retriever: Retriever, modifications: Sequence[Modification], n: int,
                   outside: Sequence[int] = ()) -> list[int]:
    """Of the STRONGEST_POOL most watched rows, the n that go furthest the asked way ("a scary
    movie": the most watched films that are the most horror): starting points that fit what was
    asked, instead of the catalog's most watched films whatever they are. A form the critique
    names ("a documentary", "a scary animated movie") is the catalog's tag, not a degree: the
    pool is the best-known films of that form (or not of it, for "less"): as large a share of
    them as STRONGEST_POOL is of the catalog, however few are among the most watched overall.
    A quality counts by its estimated degree and by what the catalog's users tagged the films
    with (`tagged_with`), each in [0, 1]. A catalog fact ("better rated", "lesser-known") orders
    the FACT_SHORTLIST x n films that fit the rest best; asked less known, the pool reaches
    LESS_KNOWN_REACH times as deep. Rows in `outside` (released outside the years asked) are
    never offered: the pool is then the best-known films of those years, as large a share of
    them as STRONGEST_POOL is of the catalog and at least YEARS_POOL."""
    order = np.asarray(popular_rows(retriever, retriever.n_shown), dtype=np.int64)
    share = STRONGEST_POOL / max(len(order), 1)
    least = 0
    if len(outside):
        order = order[~np.isin(order, np.asarray(outside, dtype=np.int64))]
        least = YEARS_POOL
    by_degree = []
    for m in modifications:
        carriers = form_carriers(retriever, m)
        kept = None if carriers is None else order[(carriers[order] > 0) == (m.alpha > 0)]
        if kept is not None and len(kept):
            order = kept
        else:
            by_degree.append(m)
    facts = [m for m in by_degree if m.grounding is not None and m.grounding.fact]
    # "an obscure sci-fi movie": the best-known films are no less known than each other
    reach = LESS_KNOWN_REACH if any(m.grounding.fact == "popularity" and m.alpha < 0 for m in facts) else 1
    size = max(n, least, round(reach * share * len(order)))
    pool = order[:size]
    # A genre named by itself that the best-known films of the years asked hold too few of ("a
    # western made after 1990" offered Dave): its next best-known films of those years join.
    for m in by_degree if len(outside) else ():
        kind = kind_members(retriever, m)
        if kind is not None and m.alpha > 0 and (held := int((kind[pool] > 0).sum())) < n:
            pool = np.concatenate([pool, order[size:][kind[order[size:]] > 0][:n - held]])
    score, kinds = np.zeros(len(pool)), np.zeros(len(pool))
    for m in by_degree:
        if m not in facts:
            score += m.alpha * np.asarray(retriever.modification_degrees(m), dtype=np.float64)[pool]
            score += m.alpha * tagged_with(retriever, m, pool)
            kind = kind_members(retriever, m)  # "a horror movie": the genre's films first
            if kind is not None:
                kinds += m.alpha * kind[pool]
    if facts:  # "a better rated horror movie": the fact orders the films that fit the rest
        if len(facts) < len(by_degree):
            keep = np.lexsort((-score, -kinds))[:FACT_SHORTLIST * n]
            pool, kinds = pool[keep], kinds[keep]
        score = sum(m.alpha * np.asarray(retriever.modification_degrees(m), dtype=np.float64)[pool]
                    for m in facts)
    return [int(r) for r in pool[np.lexsort((-score, -kinds))[:n]]]


def tagged_with(retriever: Retriever, m: Modification, rows: np.ndarray) -> np.ndarray:
    """(len(rows),) in [0, 1]: how much of what the catalog's users tagged each row with is the
    critique's words or close to them, relative to the row with the most (0 without user tags).
    Where people tagged a best-known film "mind-bending" or "quirky", that says more than any
    estimate: the estimate reads such words as mixes of genres ("mind-bending" offered three
    Star Wars films)."""
    phrase = m.grounding.phrase if m.grounding is not None else retriever.tags[m.tag]
    shares = retriever.degree_model.tagged_share(phrase)
    shares = np.zeros(len(rows)) if shares is None else shares[rows]
    return shares / shares.max() if shares.any() else shares


def help_tags(retriever: Retriever, n: int) -> list[str]:
    """All tags when there are at most n, else the n most present (graded relevance, then tags)."""
    r = retriever
    if len(r.tags) <= n:
        return list(r.tags)
    if r.relevance is not None:  # over the trained films (engine.retrieval.cold adds rows after them)
        with np.errstate(all="ignore"):
            weight = np.nan_to_num(np.nanmean(np.asarray(r.relevance[: r.n_shown], dtype=np.float32), axis=0))
    elif r.item_tags is not None:
        weight = np.asarray(r.item_tags[: r.n_shown].sum(axis=0)).ravel()
    else:
        weight = np.linalg.norm(r.tag_vectors, axis=1)
    return [r.tags[t] for t in np.argsort(-weight, kind="stable")[:n]]


def describe(retriever: Retriever, row: int) -> str:
    """A sentence on what the item is high in (graded relevance, else its tags), where known."""
    r = retriever
    if r.tag_value_kind == "projection":
        return ""
    values = r.tag_values([row])[0]
    if r.tag_value_kind == "membership":
        return replies.its_tags([r.tags[t] for t in np.flatnonzero(values > 0)[:5]])
    known = np.flatnonzero(~np.isnan(values))
    if known.size:
        top = known[np.argsort(-values[known], kind="stable")[:3]]
        return replies.strongest_in([(r.tags[t], float(values[t])) for t in top])
    if r.item_tags is not None:
        return replies.its_tags([r.tags[t] for t in r.item_tags[row].indices[:5]])
    return ""
