"""The tags a phrase's closest movies carry, and the tags that characterise the top of a reading:
the two item-side steps of reading a phrase as a tag mix (engine.degrees.model.DegreeModel.ground).

Both are lifts of a tag's share among some movies over its share in the catalog, gated so that a
tag rare among those movies does not count. Both cut (the 50 closest movie texts, the top 3 % of
the catalog), and the read-back amplifies: a rounding of the movie texts that moves one movie
across a cut turned "believable" from *drama + romance* into *romance + drama*. So `leaning`
also reads the phrase with its cosines to the movie texts perturbed a few times by a multiple of
that rounding (`text_jitter`) and averages the readings: a small change of the inputs then moves
a reading a little instead of across a cut."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp


def neighbour_tags(item_tags: "sp.csr_matrix", text: np.ndarray, neighbours: int) -> np.ndarray:
    """(T,) how much more often each tag is on the `neighbours` movies whose text is closest to
    the phrase (`text`: its (M,) cosines with the movie texts) than overall (log lift; 0 for a
    tag on under a tenth of them)."""
    k = max(1, min(neighbours, len(text)))
    near = np.argpartition(-text, k - 1)[:k]
    share_near = item_tags[near].mean(axis=0).A.ravel()
    share_all = item_tags.mean(axis=0).A.ravel()
    lift = (share_near + 1e-3) / (share_all + 1e-3)
    return np.where(share_near >= 0.1, np.log(lift), 0.0).clip(min=0.0)


def characteristic_tags(item_tags: "sp.csr_matrix", scores: np.ndarray,
                        share: float = 0.03) -> np.ndarray:
    """(T,) log-lift of each tag among the top `share` of items by score, times its share there
    (0 for a tag on under 15 % of them)."""
    k = max(20, int(share * len(scores)))
    if item_tags.nnz == 0 or k >= len(scores):
        return np.zeros(item_tags.shape[1])
    top = np.argpartition(-scores, k - 1)[:k]
    share_top = item_tags[top].mean(axis=0).A.ravel()
    share_all = item_tags.mean(axis=0).A.ravel()
    lift = np.log((share_top + 1e-3) / (share_all + 1e-3))
    return np.where(share_top >= 0.15, lift * share_top, 0.0).clip(min=0.0)


def text_jitter(text_vectors: np.ndarray, draws: int, width: float) -> np.ndarray:
    """(draws, M) fixed perturbations of a phrase's cosines with the M movie texts: normal, with
    `width` times the spread that a half step of each text's 8-bit rounding gives a cosine with
    a unit vector (max |t_i| / 127 / sqrt(12)). Seeded, so a reading stays reproducible."""
    step = np.abs(text_vectors).max(axis=1) / 127.0 / np.sqrt(12.0)
    noise = np.random.default_rng(0).standard_normal((draws, len(step)))
    return (noise * (width * step)).astype(np.float32)


def leaning(item_tags: "sp.csr_matrix", perturbed: Sequence[np.ndarray | None],
            by_name: np.ndarray, unnamed_forms: np.ndarray, best: int, neighbours: int,
            read_back: Callable[[np.ndarray, np.ndarray | None], np.ndarray]) -> np.ndarray:
    """(T,) the tags a phrase leans on, summing to 1, averaged over `perturbed` versions of its
    (M,) cosines with the movie texts (None: no movie texts): its close tag names (`by_name`)
    and the tags its closest movies carry make a first mix; `read_back(mix, cosines)` scores the
    catalog by it, and the tags that characterise that score's top say best how the phrase was
    understood ("gory" -> violence + horror). Form tags the phrase does not name
    (`unnamed_forms`) are never leaned on; with nothing to lean on, the closest tag name (`best`).
    Only tags that more than half of the readings lean on are kept."""
    views = []
    for cosines in perturbed:
        by_items = (np.zeros(item_tags.shape[1]) if cosines is None
                    else neighbour_tags(item_tags, cosines, neighbours))
        by_items = np.where(unnamed_forms, 0.0, by_items)
        mix = np.zeros(item_tags.shape[1])
        for part in (by_name, by_items):
            if part.sum() > 0:
                mix += part / part.sum()
        if mix.sum() == 0:
            mix[best] = 1.0
        top = np.where(unnamed_forms, 0.0, characteristic_tags(item_tags, read_back(mix, cosines)))
        chosen = top if top.sum() > 0 else mix
        views.append(chosen / chosen.sum())
    # a tag only a minority of the readings lean on is noise, not a reading: "funnier" stays
    # *comedy* when one perturbed reading of nine also finds crime
    views = np.array(views)
    kept = np.where((views > 0).mean(axis=0) > 0.5, views.mean(axis=0), 0.0)
    return kept / kept.sum() if kept.sum() > 0 else views.mean(axis=0)
