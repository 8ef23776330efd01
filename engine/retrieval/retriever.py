"""Gradient item retrieval over a trained item space.

A :class:`Retriever` holds plain arrays: the item table H (M x D) and one vector F(t) per tag
(T x D). A query for reference item i and modification y at strength gamma is
``h_i + gamma * sum_t y_t F(t)`` (eq. 6 of the paper); items are scored by inner product with it.
Walking gamma over a grid gives the gradient sequence. All steps are scored in one matrix
product. Nothing here trains or imports torch, so the dialogue layer loads fast.
"""

from __future__ import annotations


import numpy as np

from engine.retrieval.catalog import TitleResolver, normalize_title  # noqa: F401  (re-exported)
from engine.retrieval.sequences import (  # noqa: F401  (Modification, GradientSequence re-exported)
    GradientSequence, Modification, Step, WalkDefaults, gamma_grid, modification_json, unseen_rows,
)
from engine.errors import CGIRError, UnknownItem, UnknownTag
from engine.retrieval.membership import membership_rows
from engine.text.normalise import text_key

class Retriever:
    """Gradient retrieval over fixed arrays; see the module docstring."""

    def __init__(
        self,
        item_vectors: np.ndarray,
        tag_vectors: np.ndarray,
        item_ids: np.ndarray,
        titles: tuple[str, ...] | list[str],
        tags: tuple[str, ...] | list[str],
        *,
        relevance: np.ndarray | None = None,
        item_tags=None,
        popularity: np.ndarray | None = None,
        synthetic: bool = False,
        model_id: str = "",
        defaults: WalkDefaults = WalkDefaults(),
    ):
        self.item_vectors = np.ascontiguousarray(item_vectors, dtype=np.float32)
        self.tag_vectors = np.ascontiguousarray(tag_vectors, dtype=np.float32)
        self.item_ids = np.asarray(item_ids, dtype=np.int64)
        self.titles = tuple(titles)
        self.tags = tuple(tags)
        self.relevance = relevance
        # Binary item-tag matrix (scipy CSR), for suggestions where no graded relevance exists.
        self.item_tags = item_tags
        self.popularity = (
            np.asarray(popularity, dtype=np.int64)
            if popularity is not None
            else np.zeros(len(self.titles), dtype=np.int64)
        )
        self.synthetic = synthetic
        self.model_id = model_id
        self.defaults = defaults
        self.neighbours = None  # ItemNeighbours stored with the checkpoint (see `neighbourhood`)
        m, d = self.item_vectors.shape
        if self.tag_vectors.shape != (len(self.tags), d):
            raise ValueError(f"tag vectors {self.tag_vectors.shape} do not match "
                             f"{len(self.tags)} tags of dimension {d}")
        if len(self.item_ids) != m or len(self.titles) != m:
            raise ValueError("item ids and titles must match the item table")
        self.row_of_id = {int(x): i for i, x in enumerate(self.item_ids)}
        self._tag_index = {t: i for i, t in enumerate(self.tags)}
        self._titles: TitleResolver | None = None
        # Rows from n_shown on are films the model left out, placed for a start only
        # (engine.retrieval.cold.attach_cold_items): a reference, never an answer.
        self.n_shown = m
        self.cold_weights = None  # (cold rows, n_shown) the trained films each was placed from
        self.title_popularity = self.popularity  # "the most watched" of namesakes
        # every rating of each row where known (the outside-titles list, the cold films): the
        # parser's one source for "the most watched" namesake (None: it counts `popularity`)
        self.watched: np.ndarray | None = None

    @property
    def n_items(self) -> int:
        return self.item_vectors.shape[0]

    @property
    def degree_model(self):
        """The `engine.degrees.model.DegreeModel` of this item space (grounding and degree scores)."""
        model = getattr(self, "_degree_model", None)
        if model is None:
            from engine.degrees.load import load_degree_model

            model = self._degree_model = load_degree_model(self)
        return model

    # -- lookups ---------------------------------------------------------------------------

    @property
    def title_resolver(self) -> TitleResolver:
        """The catalog's id/title resolver (built on first use)."""
        if self._titles is None:
            self._titles = TitleResolver(self.titles, self.item_ids, self.title_popularity)
        return self._titles

    def neighbourhood(self, item: int, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, similarities) of the item's k nearest, best first: the stored neighbours, else
        the item space's (engine.retrieval.neighbours.nearest)."""
        from engine.retrieval.neighbours import nearest

        if item >= self.n_shown:
            from engine.retrieval.cold_rows import cold_neighbours

            return cold_neighbours(self.item_vectors, self.n_shown, int(item), k)
        return nearest(self.neighbours, self.item_vectors, int(item), k)

    def resolve_item(self, query: str | int) -> int:
        """Row of an item by id or title (engine.retrieval.catalog); raises UnknownItem with candidates."""
        text = str(query).strip()
        found = self.title_resolver.resolve(text, partial=True)
        if found is not None:
            return found.row
        equal = self.title_resolver.exact(text)
        candidates = equal or self.title_resolver.candidates(text)
        raise UnknownItem(text, [m.title for m in candidates], ambiguous=len(equal) > 1)

    def resolve_tag(self, name: str) -> int:
        """Index of a tag by exact name (case-insensitive), then fuzzy; raises UnknownTag."""
        key = text_key(name)
        if key in self._tag_index:
            return self._tag_index[key]
        from rapidfuzz import fuzz, process

        matches = process.extract(key, self.tags, scorer=fuzz.WRatio, limit=5)
        if matches and matches[0][1] >= 90 and (len(matches) == 1 or matches[0][1] - matches[1][1] >= 5):
            return matches[0][2]
        raise UnknownTag(str(name), [m[0] for m in matches if m[1] >= 50])

    def relevance_of(self, item: int, tag: int) -> float | None:
        if self.relevance is None:
            return None
        value = float(self.relevance[item, tag])
        return None if np.isnan(value) else value

    @property
    def tag_value_kind(self) -> str:
        """What `tag_values` reads: "relevance" (a genome), "membership" (tags applied) or
        "projection" (h_i . F(t), the model's own view)."""
        if self.relevance is not None:
            return "relevance"
        return "membership" if self.item_tags is not None else "projection"

    def tag_values(self, rows) -> np.ndarray:
        """(len(rows), T) how much of each tag the items have, as the data says it: graded
        relevance (NaN where unknown), else tag membership (0/1), else the projection h_i . F(t).
        The calibrated, phrase-level estimate is `grounding_degrees`."""
        rows = np.asarray(rows)
        kind = self.tag_value_kind
        if kind == "relevance":
            return np.asarray(self.relevance[rows], dtype=np.float32)
        if kind == "membership":
            return membership_rows(self.item_tags, rows)
        return self.item_vectors[rows] @ self.tag_vectors.T

    # -- retrieval -------------------------------------------------------------------------

    def modification_vector(self, modifications: tuple[Modification, ...] | list[Modification]) -> np.ndarray:
        """sum_t y_t F(t): the direction of the walk."""
        direction = np.zeros(self.item_vectors.shape[1], dtype=np.float32)
        for mod in modifications:
            if mod.alpha not in (1, -1):
                raise ValueError(f"alpha must be +1 or -1, got {mod.alpha}")
            direction += mod.alpha * mod.weight * self.tag_vectors[mod.tag]
        return direction

    def scores(self, item: int, modifications, gammas: np.ndarray) -> np.ndarray:
        """(len(gammas), n_items) inner-product scores, all steps in one matrix product."""
        queries = self.item_vectors[item][None, :] + np.asarray(gammas, dtype=np.float32)[:, None] * (
            self.modification_vector(modifications)[None, :]
        )
        return queries @ self.item_vectors.T

    # -- candidate search (exact, or an approximate index for very large catalogs) -----------

    def build_index(self, *, nlist: int | None = None, nprobe: int = 24, seed: int = 0) -> None:
        """Build an approximate inner-product index (FAISS IVF-Flat) for `walk` and `top_k`.

        Exact search scans every item: fine up to a few hundred thousand items (see
        docs/benchmarks). Beyond that, an inverted-file index clusters the unit-norm item vectors
        into `nlist` cells and scores only the `nprobe` cells closest to each query. Needs the
        optional `ann` extra (faiss-cpu).
        """
        try:
            import faiss
        except ImportError as error:
            raise CGIRError("an approximate index needs faiss-cpu, which the optional `ann` extra "
                            "installs: pip install -e '.[ann]'") from error
        m, d = self.n_shown, self.item_vectors.shape[1]
        nlist = nlist or max(1, min(4096, int(4 * np.sqrt(m))))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = self.item_vectors[: self.n_shown]
        if m > 64 * nlist:  # k-means needs ~40-256 points per cell; a sample is enough
            rows = np.random.default_rng(seed).choice(m, 64 * nlist, replace=False)
            sample = self.item_vectors[np.sort(rows)]
        index.cp.seed = seed
        index.train(sample)
        index.add(self.item_vectors[: self.n_shown])
        index.nprobe = min(nprobe, nlist)
        self._index = index

    @property
    def approximate(self) -> bool:
        return getattr(self, "_index", None) is not None

    def _candidates(self, item: int, modifications, gammas: np.ndarray,
                    k: int) -> tuple[np.ndarray, np.ndarray]:
        """(G, k) rows and scores of the k best items per gamma, in no particular order."""
        queries = self.item_vectors[item][None, :] + np.asarray(gammas, dtype=np.float32)[:, None] * (
            self.modification_vector(modifications)[None, :]
        )
        index = getattr(self, "_index", None)
        if index is not None:
            scores, rows = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
            # cells may hold fewer than k items: pad with -inf scores on the reference row
            missing = rows < 0
            if missing.any():
                rows = np.where(missing, item, rows)
                scores = np.where(missing, -np.inf, scores)
            return rows, scores
        gammas = np.asarray(gammas, dtype=np.float32)
        shown = self.item_vectors[: self.n_shown]  # a cold row is never a candidate
        m = self.n_shown
        k = min(k, m)
        if k >= m or len(gammas) < 3:
            scores = queries @ shown.T
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            return top, np.take_along_axis(scores, top, axis=1)
        # Every step's score is linear in gamma: s_j(g) = a_j + g b_j with a = H h_i and
        # b = H d. So two products (M x 2) replace the (M x G) one, and an item can only be in
        # some step's top k if its larger end-point score reaches the k-th largest of the
        # smaller end-point scores (that k-th value bounds every step's k-th best from below).
        ends = np.stack([self.item_vectors[item], self.modification_vector(modifications)])
        a, b = ends @ shown.T
        low_g, high_g = float(gammas.min()), float(gammas.max())
        first, last = a + low_g * b, a + high_g * b
        floor = np.partition(np.minimum(first, last), m - k)[m - k]
        candidates = np.flatnonzero(np.maximum(first, last) >= floor)
        scores = a[candidates][None, :] + gammas[:, None] * b[candidates][None, :]
        kk = min(k, len(candidates))
        top = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        return candidates[top], np.take_along_axis(scores, top, axis=1)

    def shown_step(self, row: int, gamma: float, score: float, modifications) -> Step:
        """The item at `row` as a walk shows it, with its degree (and graded relevance) of the
        first critique; every walk builds its steps here."""
        first = modifications[0] if modifications else None
        return Step(
            item=int(row),
            item_id=int(self.item_ids[row]),
            title=self.titles[row],
            gamma=round(float(gamma), 6),
            score=float(score),
            relevance=None if first is None else self.modification_relevance(int(row), first),
            degree=None if first is None else self.modification_degree(int(row), first),
        )

    # -- estimated degrees (engine.degrees.model; the gradual walk is engine.walks.gradual) ----------------

    def use_degree_model(self, model) -> None:
        """Score degrees with `model` from now on (e.g. one built without graded relevance)."""
        self._degree_model = model
        self.__dict__.pop("_degrees_of", None)

    def grounding_degrees(self, grounding) -> np.ndarray:
        """(n_items,) the degree model's calibrated [0, 1] degrees of a reading (cached)."""
        cache = self.__dict__.setdefault("_degrees_of", {})
        if grounding not in cache:
            if self.cold_weights is None:
                cache[grounding] = np.asarray(self.degree_model.degrees(grounding), dtype=np.float32)
            else:  # a cold film reads the films it was placed from (engine.retrieval.cold)
                from engine.retrieval.cold_rows import extended_degrees

                cache[grounding] = extended_degrees(self.degree_model.raw_scores(grounding), self.cold_weights)
        return cache[grounding]

    def attribute_degrees(self, tag: int) -> np.ndarray:
        """(n_items,) the calibrated degrees of a catalog tag, which grounds to itself."""
        from engine.degrees.model import Grounding

        return self.grounding_degrees(Grounding.of_tag(self.tags[tag]))

    def degree_of(self, item: int, tag: int) -> float:
        """One item's estimated degree of a tag, rounded for display."""
        return round(float(self.attribute_degrees(tag)[item]), 4)

    def modification_degrees(self, m: Modification) -> np.ndarray:
        """(n_items,) calibrated degrees of what a critique asks: its reading, else its tag."""
        return self.attribute_degrees(m.tag) if m.grounding is None else self.grounding_degrees(m.grounding)

    def modification_degree(self, item: int, m: Modification) -> float:
        return round(float(self.modification_degrees(m)[item]), 4)

    def modification_relevance(self, item: int, m: Modification) -> float | None:
        """The dataset's graded relevance of what a critique asks (weighted over a reading's tags)."""
        if m.grounding is None:
            return self.relevance_of(item, m.tag)
        values = [self.relevance_of(item, self._tag_index[t]) for t in m.grounding.tags]
        if not values or any(v is None for v in values):  # an estimate leans on no tag: none
            return None
        return float(np.dot(values, m.grounding.weights))

    def walk(
        self,
        item: int,
        modifications: tuple[Modification, ...] | list[Modification],
        *,
        steps: int = 10,
        gamma_min: float = 0.1,
        gamma_max: float = 1.0,
        skip_seen: bool = True,
        exclude: tuple[int, ...] | list[int] = (),
        monotone: bool = True,
        pool: int = 64,
    ) -> GradientSequence:
        """Top-1 item per gamma step; the reference and `exclude` never appear.

        With skip_seen, an item already shown earlier in the sequence is passed over for the
        next best one, so the user sees `steps` distinct items.

        With monotone (the default), a step may not fall back along the walk's direction
        d = sum_t y_t F(t): among the `pool` best-scored candidates of its gamma, the step takes
        the best one whose progress <h_j, d> exceeds the previous step's (starting from the
        reference's), else the candidate that moves furthest. The paper's plain top-1
        (monotone=False) can step backwards once the few items on the upper envelope of
        <h_j, h_i> + gamma <h_j, d> are used up (docs/model.md, "Retrieval and gradual walks").
        """
        modifications = tuple(modifications)
        gammas = gamma_grid(steps, gamma_min, gamma_max)
        banned = {int(item), *map(int, exclude)}
        # Enough candidates per row that skipping banned and already-shown items never runs dry.
        k = min(self.n_items, len(banned) + (steps if skip_seen else 0) + 1
                + (pool if monotone else 0))
        top, top_scores = self._candidates(item, modifications, gammas, k)
        if monotone:
            direction = self.modification_vector(modifications)
            progress = self.item_vectors[top] @ direction  # (G, k)
            last = float(self.item_vectors[item] @ direction)
        chosen: list[Step] = []
        seen: set[int] = set()
        for g, gamma in enumerate(gammas):
            order = np.argsort(-top_scores[g], kind="stable")
            position_of = {int(top[g, p]): int(p) for p in order[::-1]}  # a row's best position
            pick, fallback = None, None
            for row in unseen_rows(top[g, order], seen if skip_seen else (), banned):
                position = position_of[row]
                if not monotone:
                    pick = row
                    break
                if progress[g, position] > last:
                    pick = row
                    last = float(progress[g, position])
                    break
                if fallback is None or progress[g, position] > progress[g, fallback[1]]:
                    fallback = (row, position)
            if pick is None and fallback is not None:
                pick = fallback[0]
            if pick is not None:
                score = top_scores[g][top[g] == pick][0]
                chosen.append(self.shown_step(pick, gamma, score, modifications))
                seen.add(pick)
        return GradientSequence(int(item), modifications, tuple(chosen))

    def top_k(
        self,
        item: int,
        modifications: tuple[Modification, ...] | list[Modification],
        k: int = 10,
        *,
        gamma: float = 1.0,
        exclude: tuple[int, ...] | list[int] = (),
    ) -> GradientSequence:
        """The k best items for the full modification at one strength (the plain list answer)."""
        modifications = tuple(modifications)
        banned = {int(item), *map(int, exclude)}
        n = min(self.n_items, k + len(banned))
        rows, scores = self._candidates(item, modifications, np.array([gamma], dtype=np.float32), n)
        rows, scores = rows[0], scores[0]
        order = np.argsort(-scores, kind="stable")
        ordered = [(int(rows[o]), float(scores[o])) for o in order
                   if int(rows[o]) not in banned and np.isfinite(scores[o])]
        return GradientSequence(
            int(item), modifications,
            tuple(self.shown_step(r, gamma, score, modifications) for r, score in ordered[:k]),
        )
