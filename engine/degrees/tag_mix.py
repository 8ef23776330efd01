"""The tags a phrase's closest movies carry, and the tags that characterise the top of a reading:
the two item-side steps of reading a phrase as a tag mix (engine.degrees.model.DegreeModel.ground).

Both are lifts of a tag's share among some movies over its share in the catalog, gated so that a
tag rare among those movies does not count. Both cut (the 50 closest movie texts, the top 3 % of
the catalog), and the read-back amplifies: a rounding of the movie texts that moves one movie
across a cut turned "believable" from *drama + romance* into *romance + drama*. So `leaning`
also reads the phrase with its cosines to the movie texts perturbed a few times by a multiple of
that rounding (`text_jitter`) and averages the readings: a small change of the inputs then moves
a reading a little instead of across a cut. The readings are counted together (`TagTable`), so
nine cost little more than one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp


@dataclass(frozen=True)
class TagTable:
    """A catalog's item tags as the lifts read them, built once per model (`of`): each tag's
    share of the catalog, and the tags by item (T, M) to count the tags of many readings' movies
    in one product (None when the tags are not all 0/1: then each is counted on its own)."""

    item_tags: "sp.csr_matrix"
    share_all: np.ndarray  # (T,) share of the catalog's movies carrying each tag
    by_tag: "sp.csr_matrix | None"

    @classmethod
    def of(cls, item_tags: "sp.csr_matrix") -> "TagTable":
        binary = bool(np.all(item_tags.data == 1.0))
        return cls(item_tags, item_tags.mean(axis=0).A.ravel(),
                   item_tags.T.tocsr() if binary else None)

    @property
    def n_tags(self) -> int:
        return self.item_tags.shape[1]

    def shares(self, rows: np.ndarray) -> np.ndarray:
        """(R, T) each tag's share among each reading's movies (`rows`: (R, k) distinct catalog
        rows): the very numbers of `item_tags[rows[r]].mean(axis=0)` (float32: k times 1/k
        added in float32), from one count of all R readings' tags."""
        if self.by_tag is None:
            return np.stack([self.item_tags[r].mean(axis=0).A.ravel() for r in rows])
        k = rows.shape[1]
        chosen = np.zeros((self.item_tags.shape[0], len(rows)), dtype=np.float32)
        chosen[rows, np.arange(len(rows))[:, None]] = 1.0
        counts = np.rint(self.by_tag @ chosen).astype(np.int64).T
        steps = np.cumsum(np.full(k, np.float32(1.0 / k), dtype=np.float32))
        return np.concatenate([np.zeros(1, dtype=np.float32), steps])[counts]


def neighbour_tags(table: TagTable, text: np.ndarray, neighbours: int) -> np.ndarray:
    """(R, T) how much more often each tag is on the `neighbours` movies whose text is closest
    to the phrase (`text`: R readings of its (M,) cosines with the movie texts) than overall
    (log lift; 0 for a tag on under a tenth of them)."""
    k = max(1, min(neighbours, text.shape[1]))
    near = np.argpartition(-text, k - 1, axis=1)[:, :k]
    share_near = table.shares(near)
    lift = (share_near + 1e-3) / (table.share_all + 1e-3)
    return np.where(share_near >= 0.1, np.log(lift), 0.0).clip(min=0.0)


def characteristic_tags(table: TagTable, scores: np.ndarray, share: float = 0.03) -> np.ndarray:
    """(R, T) log-lift of each tag among the top `share` of items by each of R scores (R, M),
    times its share there (0 for a tag on under 15 % of them)."""
    k = max(20, int(share * scores.shape[1]))
    if table.item_tags.nnz == 0 or k >= scores.shape[1]:
        return np.zeros((len(scores), table.n_tags))
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    share_top = table.shares(top)
    lift = np.log((share_top + 1e-3) / (table.share_all + 1e-3))
    return np.where(share_top >= 0.15, lift * share_top, 0.0).clip(min=0.0)


def text_jitter(text_vectors: np.ndarray, draws: int, width: float) -> np.ndarray:
    """(draws, M) fixed perturbations of a phrase's cosines with the M movie texts: normal, with
    `width` times the spread that a half step of each text's 8-bit rounding gives a cosine with
    a unit vector (max |t_i| / 127 / sqrt(12)). Seeded, so a reading stays reproducible."""
    step = np.abs(text_vectors).max(axis=1) / 127.0 / np.sqrt(12.0)
    noise = np.random.default_rng(0).standard_normal((draws, len(step)))
    return (noise * (width * step)).astype(np.float32)


def leaning(table: TagTable, perturbed: np.ndarray | None, by_name: np.ndarray,
            unnamed_forms: np.ndarray, best: int, neighbours: int,
            read_back: Callable[[np.ndarray, np.ndarray | None], np.ndarray]) -> np.ndarray:
    """(T,) the tags a phrase leans on, summing to 1, averaged over `perturbed` versions (R, M)
    of its cosines with the M movie texts (None: no movie texts, one reading): its close tag
    names (`by_name`) and the tags its closest movies carry make a first mix; `read_back(mix,
    cosines)` scores the catalog by it, and the tags that characterise that score's top say best
    how the phrase was understood ("gory" -> violence + horror). Form tags the phrase does not
    name (`unnamed_forms`) are never leaned on; with nothing to lean on, the closest tag name
    (`best`). Only tags that more than half of the readings lean on are kept."""
    readings = [None] if perturbed is None else list(perturbed)
    by_items = (np.zeros((1, table.n_tags)) if perturbed is None
                else neighbour_tags(table, perturbed, neighbours))
    by_items = np.where(unnamed_forms, 0.0, by_items)
    mixes = []
    for near in by_items:
        mix = np.zeros(table.n_tags)
        for part in (by_name, near):
            if part.sum() > 0:
                mix += part / part.sum()
        if mix.sum() == 0:
            mix[best] = 1.0
        mixes.append(mix)
    scores = np.stack([read_back(mix, cosines) for mix, cosines in zip(mixes, readings)])
    tops = np.where(unnamed_forms, 0.0, characteristic_tags(table, scores))
    views = []
    for top, mix in zip(tops, mixes):
        chosen = top if top.sum() > 0 else mix
        views.append(chosen / chosen.sum())
    views = np.array(views)
    # a tag only a minority of the readings lean on is noise, not a reading: "funnier" stays
    # *comedy* when one perturbed reading of nine also finds crime
    kept = np.where((views > 0).mean(axis=0) > 0.5, views.mean(axis=0), 0.0)
    return kept / kept.sum() if kept.sum() > 0 else views.mean(axis=0)
