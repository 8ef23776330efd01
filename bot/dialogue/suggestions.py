"""Critique suggestions: the paper's first stage, an item shown with a few modification options.

For the current item we propose critiques that make sense for *it*: "less X" for tags where it
stands out high, "more Y" for tags where it is low, judged against the catalog (a per-tag
z-score of its relevance). Without graded relevance the binary item-tag matrix decides (tags it
has -> "less", common tags it lacks -> "more"); without either, the model's own projection
h_i . F(t) does. Each candidate is then checked cheaply: a short walk (all candidates' steps in
one matrix product, distinct items as the user would see them) must move the tag the asked way
on average. Only critiques whose walk actually goes somewhere different are offered.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass

import numpy as np

from engine.memo import Memo
from engine.retrieval.retriever import Retriever
from engine.retrieval.sequences import gamma_grid, unseen_rows

SUGGEST_MEMO = 16_384  # (row, exclusions) whose suggestions are remembered, then forgotten at once


@dataclass(frozen=True)
class SuggestConfig:
    n: int = 4  # how many to offer (3-5 reads well)
    pool: int = 10  # candidates per direction checked before picking
    check_steps: int = 3  # gamma steps of the verification walk
    min_z: float = 0.5  # how far from the catalog's mean a tag must be to count as high / low


@dataclass(frozen=True)
class Suggestion:
    tag: str
    alpha: int
    text: str  # a plain utterance the parser understands, e.g. "less violent"
    value: float | None = None  # the item's relevance (or tag membership) for this tag


def critique_text(tag: str, alpha: int) -> str:
    return f"{'more' if alpha > 0 else 'less'} {tag}"


def _z_scores(values: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """Per-tag standardised values; NaN (unknown) stays NaN."""
    return (values - mean) / np.where(std > 1e-6, std, 1.0)


class Suggester:
    """Precomputes the catalog's per-tag statistics once; `suggest` is then a few ms per call."""

    def __init__(self, retriever: Retriever, config: SuggestConfig = SuggestConfig()):
        self.retriever = retriever
        self.config = config
        # suggest's answers per (row, exclude), for the vectors and tag data they were read from
        self._said: Memo[tuple[Suggestion, ...]] = Memo(SUGGEST_MEMO)
        # F(t) . h_i for every tag and item, so checking a candidate needs no matrix product; kept
        # only while small (the demo world: 30 x 3,000 floats; MovieLens genome: 1,128 x 9,700).
        self._tag_scores = None
        self._n = n = retriever.n_shown  # films the model trained on: a cold one is never shown
        if len(retriever.tags) * n <= 16_000_000:
            self._tag_scores = np.ascontiguousarray(retriever.tag_vectors @ retriever.item_vectors[:n].T)
        self._mode = retriever.tag_value_kind
        if self._mode == "relevance":
            rel = np.asarray(retriever.relevance, dtype=np.float32)
            with np.errstate(all="ignore"):
                self._mean = np.nan_to_num(np.nanmean(rel, axis=0))
                self._std = np.nan_to_num(np.nanstd(rel, axis=0))
        elif self._mode == "membership":
            counts = np.asarray(retriever.item_tags[:n].sum(axis=0)).ravel().astype(np.float64)
            self._frequency = counts / max(1, n)
        else:
            # h_i . F(t) for every item and tag, summarised once (in chunks for big catalogs).
            sums = np.zeros(len(retriever.tags))
            squares = np.zeros(len(retriever.tags))
            for start in range(0, n, 4096):
                block = retriever.item_vectors[start:min(start + 4096, n)] @ retriever.tag_vectors.T
                sums += block.sum(axis=0)
                squares += (block.astype(np.float64) ** 2).sum(axis=0)
            n = max(1, n)
            self._mean = (sums / n).astype(np.float32)
            self._std = np.sqrt(np.maximum(squares / n - (sums / n) ** 2, 0)).astype(np.float32)

    # -- candidates -------------------------------------------------------------------------

    def candidates(self, row: int, exclude: set[tuple[str, int]] = frozenset()) -> list[tuple[int, int, float]]:
        """(tag index, alpha, item's value) pairs, best first within each direction, interleaved."""
        cfg = self.config
        values = self.retriever.tag_values(np.array([row]))[0]
        if self._mode == "membership":
            has = values > 0
            # Distinctive tags it has (rare ones first); common tags it lacks.
            rarity = np.where(has, self._frequency, np.inf)
            commonness = np.where(~has & (self._frequency > 0), -self._frequency, np.inf)
            by_rarity = np.argsort(rarity, kind="stable")
            by_commonness = np.argsort(commonness, kind="stable")
            less = by_rarity[np.isfinite(rarity[by_rarity])].tolist()
            more = by_commonness[np.isfinite(commonness[by_commonness])].tolist()
        else:
            z = _z_scores(values, self._mean, self._std)
            z = np.where(np.isnan(z), 0.0, z)
            order = np.argsort(-z, kind="stable")
            less = order[z[order] >= cfg.min_z].tolist()
            backwards = order[::-1]
            more = backwards[z[backwards] <= -cfg.min_z].tolist()
        tags = self.retriever.tags
        less = [t for t in less if (tags[t], -1) not in exclude][: cfg.pool]
        more = [t for t in more if (tags[t], 1) not in exclude][: cfg.pool]
        out: list[tuple[int, int, float]] = []
        for i in range(max(len(less), len(more))):
            if i < len(less):
                out.append((less[i], -1, float(values[less[i]])))
            if i < len(more):
                out.append((more[i], 1, float(values[more[i]])))
        return out

    # -- verification ---------------------------------------------------------------------

    def _moves(self, row: int, cands: list[tuple[int, int, float]]) -> list[bool]:
        """For each candidate: does a short walk (distinct items, as the user would see them)
        move the tag the asked way on average?"""
        r = self.retriever
        steps = self.config.check_steps
        n = self._n
        if not cands or n < 2:
            return [False] * len(cands)
        gammas = np.concatenate([[0.0], gamma_grid(steps)]).astype(np.float32)  # 0: no critique
        base = r.item_vectors[:n] @ r.item_vectors[row]  # (M,) the plain query h . H
        tag_ids = np.array([t for t, _, _ in cands])
        signs = np.array([a for _, a, _ in cands], dtype=np.float32)
        if self._tag_scores is not None:
            along = self._tag_scores[tag_ids]  # (C, M) F(t) . H, precomputed
        else:
            along = r.tag_vectors[tag_ids] @ r.item_vectors[:n].T
        # (h + gamma * alpha * F(t)) . H = h . H + gamma * alpha * F(t) . H, for every step at once.
        scores = base[None, None, :] + (gammas[None, :, None] * signs[:, None, None]) * along[:, None, :]
        scores = scores.reshape(-1, n)
        if row < n:
            scores[:, row] = -np.inf
        # The best k per row by repeated argmax: for k = 3 that is ~20x faster than argpartition.
        k = min(n - 1, steps)
        rows = np.arange(scores.shape[0])
        top = np.empty((scores.shape[0], k), dtype=np.int64)
        for j in range(k):
            top[:, j] = np.argmax(scores, axis=1)
            scores[rows, top[:, j]] = -np.inf
        top = top.reshape(len(cands), len(gammas), -1)
        # The plain neighbours (gamma = 0) are the same for every candidate.
        plain = [int(x) for x in top[0, 0]]
        walks = np.full((len(cands), steps), -1, dtype=np.int64)
        for c in range(len(cands)):
            walked: list[int] = []
            for g in range(1, len(gammas)):
                walked.extend(itertools.islice(unseen_rows(top[c, g], walked), 1))
            walks[c, : len(walked)] = walked
        tags = np.array([t for t, _, _ in cands])
        alphas = np.array([a for _, a, _ in cands], dtype=np.float32)
        valid = walks >= 0
        # Tag values of every walked item for its own candidate's tag: (C, S), NaN where unknown.
        values = self.retriever.tag_values(np.where(valid, walks, 0).ravel()).reshape(len(cands), steps, -1)
        ends = np.take_along_axis(values, tags[:, None, None], axis=2)[:, :, 0]
        ends = np.where(valid, ends, np.nan)
        base = self.retriever.tag_values(np.array(plain))[:, tags]  # (k, C)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: handled below
            end_mean = np.nanmean(ends, axis=1)
            base_mean = np.nanmean(base, axis=0)
        plain_set = set(plain)
        out = []
        for c in range(len(cands)):
            walked_set = {int(x) for x in walks[c] if x >= 0}
            if not walked_set or walked_set == plain_set:
                out.append(False)  # the critique changes nothing the user would see
            elif np.isnan(end_mean[c]) or np.isnan(base_mean[c]):
                out.append(True)  # different items, and nothing known says the wrong way
            else:
                # Compared with no critique at all, the walk must move the tag the asked way.
                out.append(bool(alphas[c] * (end_mean[c] - base_mean[c]) > 0))
        return out

    def suggest(self, row: int, *, exclude: set[tuple[str, int]] = frozenset()) -> list[Suggestion]:
        """Up to `config.n` verified critiques for the item at `row`, mixing "less" and "more".
        Remembered per row (most replies suggest for an item shown before) while the retriever
        holds the same vectors and tag data."""
        r = self.retriever
        return list(self._said.get((int(row), frozenset(exclude)), lambda: tuple(self._suggest(row, exclude)),
                                   (r.item_vectors, r.tag_vectors, r.relevance, r.item_tags, r.tags)))

    def _suggest(self, row: int, exclude: set[tuple[str, int]]) -> list[Suggestion]:
        cands = self.candidates(row, exclude)
        tags = self.retriever.tags
        picked: list[Suggestion] = []
        # Check the best candidates first; most pass, so the rest are rarely scored at all.
        chunk = self.config.n + 4
        for start in range(0, len(cands), chunk):
            part = cands[start:start + chunk]
            for (t, alpha, value), good in zip(part, self._moves(row, part)):
                if good:
                    picked.append(Suggestion(tags[t], alpha, critique_text(tags[t], alpha),
                                             None if np.isnan(value) else round(value, 3)))
            if len(picked) >= self.config.n:
                break
        return picked[: self.config.n]
