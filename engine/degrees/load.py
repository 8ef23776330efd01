"""Loading a checkpoint's DegreeModel: its degree artefact, the shipped weights and anchors."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from engine.degrees.model import Catalog, DegreeModel, Encoder

if TYPE_CHECKING:  # pragma: no cover
    from engine.degrees.anchors import Anchors


def anchor_rows(anchors: "Anchors", retriever: Catalog) -> np.ndarray:
    """Catalog row of each anchor title (-1 when the catalog lacks it)."""
    # the trained films' own titles where cold films were added (engine.retrieval.cold): an
    # anchor reads the film the model knows, as it did before them
    resolver = getattr(retriever, "trained_titles", None) or retriever.title_resolver
    found = [resolver.resolve(t, allow_id=False) for t in anchors.titles]
    return np.array([-1 if f is None else f.row for f in found], dtype=np.int64)


def load_degree_model(retriever: Catalog, encode: Encoder | None = None) -> DegreeModel:
    """The DegreeModel of a retriever (and of its checkpoint's degree artefact, when present).

    `encode` embeds phrases (default: MiniLM on first use); the bot passes the parser's encoder,
    so that grounding and the parser read a phrase alike and a first reply need not load torch."""
    from engine.degrees.anchors import read_anchors
    from engine.degrees.features import language_counts_of, load_signals
    from engine.degrees.weights import shipped_weights

    anchors = read_anchors()
    rows = anchor_rows(anchors, retriever)
    model_dir = getattr(retriever, "model_dir", None)
    loaded = load_signals(model_dir) if model_dir is not None else None
    if loaded is None:
        return DegreeModel.from_retriever(retriever, weights=shipped_weights(), anchors=anchors,
                                          anchor_rows=rows, encode=encode)
    signals, arrays = loaded
    counts = language_counts_of(arrays)  # None when written before, or for another catalog
    counts = counts if counts is not None and counts.shape[0] == getattr(retriever, "n_shown", len(retriever.item_vectors)) else None
    model = DegreeModel.from_retriever(
        retriever, signals=signals, weights=shipped_weights(), anchors=anchors, anchor_rows=rows,
        encode=encode, word_encoder={k: v for k, v in arrays.items() if k.startswith("f_")},
        language=tuple(str(x) for x in arrays.get("language", ())),
        language_vectors=arrays.get("language_vectors", None),
        language_valence=arrays.get("language_valence", None),
        language_counts=counts,
        tag_predictor=arrays.get("tag_predictor", None))
    if "withheld" in arrays and len(arrays["withheld"]) == model.n_items:
        model.relevance_withheld = arrays["withheld"].astype(bool)
    if "graded" in arrays and arrays["graded"].shape == (model.n_items, len(model.tags)):
        from engine.degrees.graded import fill_graded

        model.graded = fill_graded(arrays["graded"], model.item_vectors)
    return model
