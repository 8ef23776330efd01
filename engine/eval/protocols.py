"""The two ways of measuring the paper's claims: its text ("paper") and its authors' code ("code").

docs/metrics.md explains every difference and which defects of the authors' code we do not copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError

# MovieLens genre names as the loaders clean them (lower-case); the "code" protocol keeps only
# triples whose two items share one of these.
MOVIELENS_GENRES = frozenset({
    "action", "adventure", "animation", "children", "children's", "comedy", "crime",
    "documentary", "drama", "fantasy", "film-noir", "horror", "imax", "musical", "mystery",
    "romance", "sci-fi", "thriller", "war", "western",
})


@dataclass(frozen=True)
class Protocol:
    """How sequences are retrieved and scored.

    Attributes:
        name: "paper" or "code".
        gammas: the strengths of the walk, in order.
        k_graded: items per step whose relevance is averaged when relevance is graded.
        k_binary: the same when only binary attributes exist (the paper's heuristic: 100).
        other_tags: "all" (every tag but the asked one) or "ref" (the tags the start item
            carries, but the asked one).
        aggregate: restrictiveness aggregation, see metrics.restrictiveness.
        mask_positives: Hit/MRR leave out the reference's other training targets.
        same_genre: triples only between items sharing a genre.
        skip_modes: which sequence modes to report; the first one is the headline MGS.
    """

    name: str
    gammas: tuple[float, ...]
    k_graded: int
    k_binary: int
    other_tags: str
    aggregate: str
    mask_positives: bool
    same_genre: bool
    skip_modes: tuple[bool, ...]

    def gamma_array(self) -> np.ndarray:
        return np.asarray(self.gammas, dtype=np.float32)


PAPER = Protocol(
    name="paper",
    gammas=tuple(round(0.1 * i, 2) for i in range(1, 11)),  # 0.1 .. 1.0 (section 3.1)
    k_graded=1,  # top-1 per step
    k_binary=100,  # AliShop heuristic: share of the top 100 that carry the tag
    other_tags="all",
    aggregate="abs-then-mean",
    mask_positives=False,
    same_genre=False,
    skip_modes=(False, True),  # the paper's (duplicates allowed), then the product's
)

CODE = Protocol(
    name="code",
    gammas=tuple(round(0.05 * i, 2) for i in range(20)),  # 0 .. 0.95, 20 steps
    k_graded=20,  # summed relevance of the top 20 (a mean orders steps the same way)
    k_binary=20,
    other_tags="ref",
    aggregate="mean-then-abs",
    mask_positives=True,
    same_genre=True,
    skip_modes=(False,),
)

PROTOCOLS = {"paper": PAPER, "code": CODE}


def get_protocol(name: str) -> Protocol:
    if name not in PROTOCOLS:
        raise CGIRError(f"unknown protocol {name!r}; choose one of: {', '.join(PROTOCOLS)}")
    return PROTOCOLS[name]


def genre_tags(dataset: Dataset) -> np.ndarray:
    """Indices of the tags that are genres (meta["genre_tags"] if the loader recorded them)."""
    names = dataset.meta.get("genre_tags") if isinstance(dataset.meta, dict) else None
    wanted = set(names) if names else MOVIELENS_GENRES
    return np.array([i for i, t in enumerate(dataset.tags) if t in wanted], dtype=np.int64)


def same_genre_triples(dataset: Dataset, triples: Triples) -> Triples:
    """Keep triples whose reference and target share at least one genre (authors' code)."""
    genres = genre_tags(dataset)
    if len(genres) == 0:
        raise CGIRError("the code protocol keeps triples within one genre class, but this "
                        "dataset has no genre tags; use --protocol paper")
    table = dataset.item_tags.tocsc()[:, genres].tocsr()
    shared = np.asarray(table[triples.ref].multiply(table[triples.target]).sum(axis=1)).ravel()
    return triples.subset(np.flatnonzero(shared > 0))
