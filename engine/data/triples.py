"""Training/test triples (i, y, i') with exactly one attribute difference.

Convention: alpha = +1 when the target carries the tag and the reference does not ("more tag"),
-1 when the reference carries it and the target does not ("less tag"). So the query that should
land on the target is h_ref + gamma * alpha * F(tag).

:func:`build_triples` finds every pair of items whose attribute sets differ in exactly one tag
without comparing pairs: each tag gets a random 64-bit key and a set's hash is the wrapping sum
of its keys, so removing tag t from a set of hash h gives hash h - key[t]. Items are grouped by
set hash; for each group and each tag it carries, one lookup finds the group whose set lacks just
that tag. Every (smaller group, tag, larger group) block holds |G| x |G'| pairs; per-tag caps and a
global cap (water-filled, so rare tags keep all their pairs) bound the count, sampling uniformly
inside a tag by seed. Blocks are re-checked on the real sets, so a hash collision cannot produce a
wrong triple.
"""


from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from engine.data.dataset import Dataset


@dataclass(frozen=True, eq=False)
class Triples:
    ref: np.ndarray  # (n,) int64 item rows
    tag: np.ndarray  # (n,) int64 tag indices
    alpha: np.ndarray  # (n,) int8, +1 or -1
    target: np.ndarray  # (n,) int64 item rows

    def __post_init__(self) -> None:
        n = len(self.ref)
        if not (len(self.tag) == len(self.alpha) == len(self.target) == n):
            raise ValueError("triple arrays must have one length")

    def __len__(self) -> int:
        return len(self.ref)

    def subset(self, index: np.ndarray) -> "Triples":
        return Triples(self.ref[index], self.tag[index], self.alpha[index], self.target[index])

    def split(self, test_fraction: float = 0.2, seed: int = 0) -> tuple["Triples", "Triples"]:
        """Deterministic random split by seed: (train, test)."""
        if not 0.0 < test_fraction < 1.0:
            raise ValueError("test_fraction must be between 0 and 1")
        order = np.random.default_rng(seed).permutation(len(self))
        n_test = int(round(len(self) * test_fraction))
        return self.subset(np.sort(order[n_test:])), self.subset(np.sort(order[:n_test]))


# Default bounds: enough supervision for ML-25M-size data while staying a few million rows.
DEFAULT_MAX_PER_TAG = 5000
DEFAULT_MAX_TOTAL = 500_000
_HASH_SEED = 0x5EED_C61A  # fixed: grouping must not depend on the sampling seed


def _water_fill(totals: np.ndarray, budget: int) -> np.ndarray:
    """Per-tag allowance min(total, c) with the largest c such that the sum stays <= budget."""
    totals = np.asarray(totals, dtype=np.int64)
    if totals.sum() <= budget:
        return totals.copy()
    ordered = np.sort(totals)
    prefix = np.concatenate([[0], np.cumsum(ordered)])
    n = len(ordered)
    for k in range(n):
        # Tags below k are taken whole; the remaining n - k share what is left equally.
        cap = (budget - prefix[k]) // (n - k)
        if cap < ordered[k]:
            return np.minimum(totals, max(int(cap), 0))
    return totals.copy()


def build_triples(dataset: "Dataset | sp.spmatrix", *, seed: int = 0,
                  max_per_tag: int | None = DEFAULT_MAX_PER_TAG,
                  max_total: int | None = DEFAULT_MAX_TOTAL,
                  both_directions: bool = True,
                  include_untagged: bool = False) -> Triples:
    """All (or a bounded sample of) triples whose two items differ in exactly one attribute.

    Args:
        dataset: a Dataset (its ``item_tags``) or an (n_items, n_tags) binary sparse matrix.
        seed: sampling seed; the result is a deterministic function of the data and the seed.
        max_per_tag: at most this many triples per tag (None: no cap).
        max_total: at most this many triples overall, taken from the most frequent tags first
            so rare tags keep all their triples (None: no cap).
        both_directions: each pair (i, i') gives (i, t, +1, i') and (i', t, -1, i); False keeps
            only the "more" direction.
        include_untagged: pair items without any attribute with single-tag items. Off by default:
            an untagged item's attributes are unknown, not absent.

    Returns:
        Triples sorted by (tag, ref, target); alpha as in the module docstring.

    Example:
        >>> triples = build_triples(dataset, seed=0)  # doctest: +SKIP
        >>> train, test = triples.split(0.2, seed=0)  # doctest: +SKIP
    """
    matrix = getattr(dataset, "item_tags", dataset)
    attrs = sp.csr_matrix(matrix, dtype=np.float32)
    attrs.sum_duplicates()
    attrs.eliminate_zeros()
    n_items, n_tags = attrs.shape
    per_pair = 2 if both_directions else 1
    empty = Triples(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int8),
                    np.zeros(0, np.int64))
    if n_items == 0 or n_tags == 0 or attrs.nnz == 0:
        return empty

    keys = np.random.default_rng(_HASH_SEED).integers(
        0, np.iinfo(np.uint64).max, n_tags, dtype=np.uint64, endpoint=True)
    sizes = np.diff(attrs.indptr)
    # Set hash = wrapping uint64 sum of the row's keys; empty rows hash to 0. reduceat runs over
    # the non-empty rows only: their starts strictly increase, so each segment is exactly one row.
    hashes = np.zeros(n_items, dtype=np.uint64)
    nonempty = sizes > 0
    hashes[nonempty] = np.add.reduceat(keys[attrs.indices], attrs.indptr[:-1][nonempty])
    members = np.flatnonzero(sizes > 0) if not include_untagged else np.arange(n_items)
    group_hash, group_of = np.unique(hashes[members], return_inverse=True)
    order = np.argsort(group_of, kind="stable")
    group_items = members[order]  # items of group g are group_items[starts[g]:starts[g+1]]
    starts = np.concatenate([[0], np.cumsum(np.bincount(group_of, minlength=len(group_hash)))])
    rep = group_items[starts[:-1]]  # one representative item per group

    # For each group (as target) and each tag in its set: the group whose set lacks that tag.
    rep_rows = attrs[rep]
    tgt_group = np.repeat(np.arange(len(group_hash)), np.diff(rep_rows.indptr))
    tags = rep_rows.indices.astype(np.int64)
    wanted = hashes[rep][tgt_group] - keys[tags]
    pos = np.minimum(np.searchsorted(group_hash, wanted), len(group_hash) - 1)
    hit = group_hash[pos] == wanted
    src_group, tgt_group, tags = pos[hit], tgt_group[hit], tags[hit].astype(np.int64)
    if len(tags):
        # Guard against hash collisions: the two sets must differ in exactly that one tag.
        diff = attrs[rep[tgt_group]] - attrs[rep[src_group]]
        diff.eliminate_zeros()
        exact = (np.diff(diff.indptr) == 1) & (np.asarray(diff.sum(axis=1)).ravel() == 1)
        exact &= np.asarray(diff[np.arange(len(tags)), tags]).ravel() == 1
        src_group, tgt_group, tags = src_group[exact], tgt_group[exact], tags[exact]
    if not len(tags):
        return empty

    n_src = starts[src_group + 1] - starts[src_group]
    n_tgt = starts[tgt_group + 1] - starts[tgt_group]
    block = n_src.astype(np.int64) * n_tgt
    by_tag = np.lexsort((tgt_group, src_group, tags))
    src_group, tgt_group, tags, n_tgt, block = (a[by_tag] for a in
                                                (src_group, tgt_group, tags, n_tgt, block))
    totals = np.bincount(tags, weights=block, minlength=n_tags).astype(np.int64)
    allowed = totals.copy()
    if max_per_tag is not None:
        allowed = np.minimum(allowed, max(int(max_per_tag), 0) // per_pair)
    if max_total is not None:
        allowed = _water_fill(allowed, max(int(max_total), 0) // per_pair)

    rng = np.random.default_rng(seed)
    refs, targets, tag_out = [], [], []
    tag_first = np.searchsorted(tags, np.arange(n_tags + 1))
    for t in np.flatnonzero(allowed > 0):
        lo, hi = tag_first[t], tag_first[t + 1]
        sizes_t = block[lo:hi]
        ends = np.cumsum(sizes_t)
        total = int(ends[-1])
        if allowed[t] >= total:
            flat = np.arange(total, dtype=np.int64)
        else:
            flat = np.sort(rng.choice(total, size=int(allowed[t]), replace=False))
        b = np.searchsorted(ends, flat, side="right")
        offset = flat - (ends[b] - sizes_t[b])
        a, c = np.divmod(offset, n_tgt[lo:hi][b])
        refs.append(group_items[starts[src_group[lo:hi][b]] + a])
        targets.append(group_items[starts[tgt_group[lo:hi][b]] + c])
        tag_out.append(np.full(len(flat), t, dtype=np.int64))
    ref = np.concatenate(refs).astype(np.int64)
    target = np.concatenate(targets).astype(np.int64)
    tag = np.concatenate(tag_out)
    alpha = np.ones(len(ref), dtype=np.int8)
    if both_directions:
        ref, target = np.concatenate([ref, target]), np.concatenate([target, ref])
        tag = np.concatenate([tag, tag])
        alpha = np.concatenate([alpha, -alpha])
    if n_tags * n_items * n_items * 2 < 2**62:
        # One int64 key (tag, ref, target, direction) sorts much faster than a 4-key lexsort.
        key = ((tag * n_items + ref) * n_items + target) * 2 + (alpha < 0)
        final = np.argsort(key, kind="stable")
    else:
        final = np.lexsort((-alpha, target, ref, tag))
    return Triples(ref[final], tag[final], alpha[final], target[final])


def available_tags(triples: Triples, n_tags: int) -> int:
    """Tags that appear in at least one triple: the paper's "available tags in Y"."""
    if len(triples) == 0:
        return 0
    return int(np.count_nonzero(np.bincount(triples.tag, minlength=n_tags)))
