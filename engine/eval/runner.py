"""`cgir eval`: train every model per seed on the same split, measure, aggregate, report.

Flow per seed: triples (engine.train.make_triples, the same as `cgir train`) -> the paper's 20 %
test hold-out and a validation part carved from the training 80 % (engine.train.split_triples)
-> each model fits on train, early-stops on validation -> Hit@20/50 and MRR on test at
gamma = 1, MGS/MGS-C/MGS-R on test queries, independence on the item vectors. Nothing is ever
tuned on the test split. Progress goes to stderr (switchable); nothing here prints to stdout.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import scipy.sparse as sp

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError
from engine.eval import metrics as M
from engine.eval.protocols import Protocol, get_protocol, same_genre_triples
from engine.models.base import GradientModel

# Stable keys: other tools read them (issue 4). Table order follows the paper's tables.
MODEL_KEYS = ("cbir", "dscmr", "tirg", "cgir", "cgir-no-vae", "cgir-no-sparse")
MODEL_NAMES = {"cbir": "CBIR", "dscmr": "DSCMR", "tirg": "TIRG", "cgir": "CGIR",
               "cgir-no-vae": "CGIR w/o VAE", "cgir-no-sparse": "CGIR w/o Sparse"}
METRIC_KEYS = ("hit@20", "hit@50", "mrr", "mgs", "mgs_c", "mgs_r", "ind")
CGIR_VARIANTS = {"cgir": "cgir", "cgir-no-vae": "no-vae", "cgir-no-sparse": "no-sparse"}
DEFAULT_BETAS = (0.0, 0.05, 0.1, 0.2, 0.5, 1.0)

Encoder = Callable[[list[str]], np.ndarray]


@dataclass
class EvalConfig:
    """What `cgir eval` runs. Defaults are the published runs' settings."""

    models: tuple[str, ...] = MODEL_KEYS
    seeds: tuple[int, ...] = (0, 1, 2)
    protocol: str = "paper"
    epochs: int | None = None  # None: each model's own default (early stopping decides)
    max_queries: int = 1000  # MGS queries sampled from the test triples per seed
    max_test: int | None = None  # cap on test triples ranked for Hit/MRR (None: all)
    max_triples: int | None = None  # cap on triples built (None: engine default)
    n_examples: int = 4  # example queries drawn in the Figure-6 plot
    max_steps_per_epoch: int | None = None  # same cap for every model (None: each default)
    device: str = "cpu"
    # torch threads per model. 1 by default: on a small shared machine, torch's spinning
    # thread pool made one step up to 10x slower than a single thread (docs/benchmarks/eval.md).
    threads: int = 1
    progress: bool = True
    overrides: dict = field(default_factory=dict)  # TrainConfig fields for the CGIR models

    def __post_init__(self) -> None:
        unknown = [m for m in self.models if m not in MODEL_KEYS]
        if unknown:
            raise CGIRError(f"unknown model(s) {', '.join(unknown)}; choose from "
                            f"{', '.join(MODEL_KEYS)} or all")
        if not self.models:
            raise CGIRError("no model to evaluate; pass --models all or a list like cgir,tirg")
        if not self.seeds:
            raise CGIRError("at least one seed is needed (--seeds 1)")
        if self.max_queries < 1:
            raise CGIRError("max_queries must be at least 1")
        get_protocol(self.protocol)


def parse_models(text: str) -> tuple[str, ...]:
    """"all" or a comma list of model keys, in the paper's table order."""
    text = (text or "all").strip().lower()
    if text == "all":
        return MODEL_KEYS
    wanted = [m.strip() for m in text.split(",") if m.strip()]
    unknown = [m for m in wanted if m not in MODEL_KEYS]
    if unknown:
        raise CGIRError(f"unknown model(s) {', '.join(unknown)}; choose from "
                        f"{', '.join(MODEL_KEYS)} or all")
    return tuple(m for m in MODEL_KEYS if m in wanted)


class _Progress:
    """One line per event on stderr, or silence."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            print(f"[eval {elapsed:7.1f}s] {message}", file=sys.stderr, flush=True)


# -- data ------------------------------------------------------------------------------------


def train_config(seed: int, config: EvalConfig, variant: str = "cgir", **extra):
    """The engine's TrainConfig for one CGIR run of this evaluation."""
    from engine.config import TrainConfig

    values = dict(config.overrides)
    values.update(extra)
    values.update({"variant": variant, "seed": seed, "device": config.device})
    if config.epochs is not None:
        values["epochs"] = config.epochs
    if config.max_triples is not None:
        values["max_triples"] = config.max_triples
    if config.max_steps_per_epoch is not None:
        values["max_steps_per_epoch"] = config.max_steps_per_epoch
    if config.threads:
        values["threads"] = config.threads
    return TrainConfig().replace(source="eval", **values)


def make_split(dataset: Dataset, seed: int, config: EvalConfig,
               protocol: Protocol) -> tuple[Triples, Triples, Triples]:
    """(train, valid, test) for a seed, exactly as `cgir train` splits them."""
    from engine.train import make_triples, split_triples

    tc = train_config(seed, config)
    triples = make_triples(dataset, tc)
    if protocol.same_genre:
        triples = same_genre_triples(dataset, triples)
    return split_triples(triples, tc)


def text_inputs(dataset: Dataset, encode: Encoder) -> dict[str, np.ndarray]:
    """MiniLM vectors of the tag strings (baselines) and of their words (CGIR), computed once."""
    from engine.models.words import tag_word_matrix

    words, _ = tag_word_matrix(dataset.tags)
    return {"tags": np.asarray(encode(list(dataset.tags)), dtype=np.float32),
            "words": np.asarray(encode(words), dtype=np.float32)}


def build_model(key: str, seed: int, config: EvalConfig, **extra) -> GradientModel:
    if key in CGIR_VARIANTS:
        from engine.models.cgir import CGIR  # lazy: torch

        return CGIR(train_config(seed, config, CGIR_VARIANTS[key], **extra))
    from engine.models.baselines import make_baseline

    return make_baseline(key, epochs=config.epochs, threads=config.threads or None,
                         max_steps_per_epoch=config.max_steps_per_epoch)


def fit_model(model: GradientModel, key: str, dataset: Dataset, train: Triples, valid: Triples,
              seed: int, config: EvalConfig, text: dict[str, np.ndarray]) -> GradientModel:
    # progress bars only on a terminal; a log file gets the one-line events of run_eval
    bars = config.progress and sys.stderr.isatty()
    if key in CGIR_VARIANTS:
        return model.fit(dataset, train, valid, seed=seed, device=config.device,
                         progress=bars, word_vectors=text["words"])
    return model.fit(dataset, train, valid, seed=seed, device=config.device,
                     progress=bars, tag_text=text["tags"])


# -- measuring one fitted model ----------------------------------------------------------------


def positives_mask(train: Triples, n_items: int) -> sp.csr_matrix:
    """(M, M) reference -> its training targets (any tag), for the code protocol's masking."""
    data = np.ones(len(train), dtype=np.float32)
    mask = sp.csr_matrix((data, (train.ref, train.target)), shape=(n_items, n_items))
    mask.sum_duplicates()
    return mask


def retrieval_metrics(model: GradientModel, test: Triples, n_items: int,
                      mask: sp.csr_matrix | None = None, batch: int = 256) -> dict[str, float]:
    """Hit@20, Hit@50 and MRR of the test targets at gamma = 1."""
    ranks = []
    one = np.array([1.0], dtype=np.float32)
    for start in range(0, len(test), batch):
        part = test.subset(np.arange(start, min(start + batch, len(test))))
        scores = model.score(part.ref, part.tag, part.alpha, one)[:, 0]
        ranks.append(M.target_ranks(scores, part.ref, part.target,
                                    None if mask is None else mask[part.ref]))
    ranks = np.concatenate(ranks) if ranks else np.zeros(0, np.int64)
    return {"hit@20": M.hit_at_k(ranks, 20), "hit@50": M.hit_at_k(ranks, 50),
            "mrr": M.mrr(ranks), "n_test": int(len(ranks))}


def gradient_queries(test: Triples, max_queries: int, seed: int) -> Triples:
    """Distinct (ref, tag, alpha) of the test triples, a fixed random sample of at most N."""
    keys = np.stack([test.ref, test.tag, test.alpha.astype(np.int64)], axis=1)
    _, first = np.unique(keys, axis=0, return_index=True)
    first = np.sort(first)
    if len(first) > max_queries:
        first = np.sort(np.random.default_rng(seed + 7).choice(first, max_queries, replace=False))
    return test.subset(first)


def example_indices(queries: Triples, n: int, seed: int = 0) -> set[int]:
    """Up to n query positions with distinct tags, alternating "more" and "less" (Figure 6)."""
    chosen: list[int] = []
    tags: set[int] = set()
    for q in np.random.default_rng(seed).permutation(len(queries)):
        if len(chosen) >= n:
            break
        want = 1 if len(chosen) % 2 == 0 else -1
        if int(queries.tag[q]) not in tags and int(queries.alpha[q]) == want:
            chosen.append(int(q))
            tags.add(int(queries.tag[q]))
    return set(chosen)


def relevance_table(dataset: Dataset) -> tuple[np.ndarray | sp.csr_matrix, bool]:
    """(table, graded): graded relevance where the dataset has it, else binary attributes."""
    if dataset.relevance is not None:
        return np.asarray(dataset.relevance, dtype=np.float32), True
    return sp.csr_matrix(dataset.item_tags, dtype=np.float32), False


def gradient_metrics(model: GradientModel, dataset: Dataset, queries: Triples,
                     protocol: Protocol, *, n_examples: int = 0,
                     batch: int = 32) -> dict:
    """MGS, MGS-C, MGS-R per sequence mode, plus the asked tag's curve for a few queries."""
    table, graded = relevance_table(dataset)
    k = protocol.k_graded if graded else protocol.k_binary
    gammas = protocol.gamma_array()
    candidates = None
    if graded and protocol.name == "code":
        # the authors retrieve only among items that have relevance scores
        candidates = ~np.all(np.isnan(table), axis=1)
    binary_tags = sp.csr_matrix(dataset.item_tags)
    n_tags = dataset.n_tags
    per_mode: dict[bool, tuple[list, list]] = {mode: ([], []) for mode in protocol.skip_modes}
    examples = []
    wanted = example_indices(queries, n_examples)
    for start in range(0, len(queries), batch):
        stop = min(start + batch, len(queries))
        scores = model.score(queries.ref[start:stop], queries.tag[start:stop],
                             queries.alpha[start:stop], gammas)
        for b in range(stop - start):
            q = start + b
            ref, tag, alpha = int(queries.ref[q]), int(queries.tag[q]), int(queries.alpha[q])
            if protocol.other_tags == "ref":
                carried = binary_tags.indices[binary_tags.indptr[ref]:binary_tags.indptr[ref + 1]]
                others = np.array(sorted(set(carried.tolist()) - {tag}), dtype=np.int64)
            else:
                others = np.delete(np.arange(n_tags), tag)
            for mode in protocol.skip_modes:
                lists = M.ranked_lists(scores[b], ref, k, skip_seen=mode, candidates=candidates)
                rel = M.step_relevance(lists, table, np.concatenate([[tag], others]))
                per_mode[mode][0].append(M.consistency(rel[:, 0], alpha))
                per_mode[mode][1].append(M.restrictiveness(rel[:, 1:], protocol.aggregate))
                if mode is False and q in wanted:
                    examples.append({"ref": ref, "tag": tag, "alpha": alpha,
                                     "relevance": [None if np.isnan(x) else round(float(x), 4)
                                                   for x in rel[:, 0]],
                                     "top1": [int(x) for x in lists[:, 0]]})
    out: dict = {"examples": examples}
    for mode, (c, r) in per_mode.items():
        scores_ = M.gradient_scores(np.array(c), np.array(r))
        suffix = "_skip" if mode else ""
        for name in ("mgs", "mgs_c", "mgs_r"):
            out[name + suffix] = scores_[name]
        out["n_queries" + suffix] = scores_["n"]
    return out


def evaluate_model(model: GradientModel, dataset: Dataset, train: Triples, test: Triples,
                   protocol: Protocol, *, seed: int, max_queries: int,
                   max_test: int | None = None, n_examples: int = 0) -> dict:
    """Every metric of one fitted model on the held-out triples."""
    if max_test is not None and len(test) > max_test:
        test_rank = test.subset(np.sort(np.random.default_rng(seed + 3).choice(
            len(test), max_test, replace=False)))
    else:
        test_rank = test
    mask = positives_mask(train, dataset.n_items) if protocol.mask_positives else None
    result = retrieval_metrics(model, test_rank, dataset.n_items, mask)
    queries = gradient_queries(test, max_queries, seed)
    result.update(gradient_metrics(model, dataset, queries, protocol, n_examples=n_examples))
    vectors = model.item_vectors()
    result["ind"] = M.independence_level(vectors)
    result["ind_signed"] = M.independence_level(vectors, signed=True)
    return result


# -- the whole run -------------------------------------------------------------------------------


def _machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} CPU cores, {platform.system()}"


def run_eval(dataset: Dataset, config: EvalConfig, *, encode: Encoder | None = None,
             log: Callable[[str], None] | None = None,
             partial: Callable[[dict], None] | None = None) -> dict:
    """Train and measure every model for every seed; returns the full results dict.

    Args:
        dataset: the loaded catalog.
        config: models, seeds, protocol and budget.
        encode: text -> (n, 384) vectors (default: MiniLM via engine.text.encode); tests pass a
            fast deterministic stand-in.
        log: progress callback (default: stderr lines when config.progress).
        partial: called with the results so far after every model of every seed (the CLI
            writes them to --out, so a long run that is stopped still leaves its numbers).
    """
    protocol = get_protocol(config.protocol)
    say = log or _Progress(config.progress)
    if encode is None:
        from engine.text import encode as encode_text

        encode = encode_text
    started = time.perf_counter()
    say(f"{dataset.name}: {dataset.n_items} items, {dataset.n_users} users, {dataset.n_tags} "
        f"tags; protocol {protocol.name}; models {', '.join(config.models)}; "
        f"seeds {list(config.seeds)}")
    text = text_inputs(dataset, encode)
    per_seed: dict[str, list[dict]] = {key: [] for key in config.models}
    splits = []
    for seed in config.seeds:
        train, valid, test = make_split(dataset, seed, config, protocol)
        splits.append({"seed": seed, "train": len(train), "valid": len(valid),
                       "test": len(test)})
        say(f"seed {seed}: {len(train)} train / {len(valid)} valid / {len(test)} test triples")
        for key in config.models:
            t0 = time.perf_counter()
            model = build_model(key, seed, config)
            fit_model(model, key, dataset, train, valid, seed, config, text)
            fitted = time.perf_counter() - t0
            result = evaluate_model(model, dataset, train, test, protocol, seed=seed,
                                    max_queries=config.max_queries, max_test=config.max_test,
                                    n_examples=config.n_examples if seed == config.seeds[0]
                                    else 0)
            if key == "cgir" and dataset.relevance is not None:
                from engine.eval.walk_metrics import walk_report

                result["walk"] = walk_report(model.item_vectors(), model.tag_vectors(), dataset,
                                             seed=seed, encode=encode)
            result.update({"seed": seed, "fit_seconds": round(fitted, 2),
                           "eval_seconds": round(time.perf_counter() - t0 - fitted, 2)})
            per_seed[key].append(result)
            say(f"seed {seed} {MODEL_NAMES[key]}: MRR {result['mrr']:.4f} "
                f"Hit@20 {result['hit@20']:.4f} MGS {result['mgs']:.4f} Ind {result['ind']:.4f} "
                f"(fit {fitted:.0f}s, eval {result['eval_seconds']:.0f}s)")
            if partial is not None:
                done = {k: v for k, v in per_seed.items() if v}
                partial(_assemble(dataset, config, protocol, done, splits, started,
                                  complete=False))
    return _assemble(dataset, config, protocol, per_seed, splits, started, complete=True)


def _assemble(dataset: Dataset, config: EvalConfig, protocol: Protocol,
              per_seed: dict[str, list[dict]], splits: list[dict], started: float,
              complete: bool) -> dict:
    summary = summarize(per_seed)
    seeds = sorted({int(r["seed"]) for runs in per_seed.values() for r in runs})
    return {
        "dataset": dataset.name,
        "seeds": seeds if not complete else [int(s) for s in config.seeds],
        "models": summary["models"],
        "protocol": protocol.name,
        "complete": complete,
        "extra": summary["extra"],
        "walk": summarize_walk(per_seed.get("cgir", [])),
        "examples": _examples(dataset, per_seed),
        "per_seed": per_seed,
        "splits": splits,
        "relevance": "graded" if dataset.relevance is not None else "binary (top-k share)",
        "config": {k: v for k, v in asdict(config).items()},
        "machine": _machine(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def summarize(per_seed: dict[str, list[dict]]) -> dict:
    """Mean and std over seeds: the stable `models` block, and the extra numbers apart."""
    models, extra = {}, {}
    for key, runs in per_seed.items():
        block, std = {}, {}
        for name in METRIC_KEYS:
            block[name], std[name] = M.mean_std([r[name] for r in runs])
        block["std"] = std
        models[key] = block
        more = {}
        for name in ("mgs_skip", "mgs_c_skip", "mgs_r_skip", "ind_signed", "fit_seconds"):
            values = [r[name] for r in runs if name in r]
            if values:
                more[name], more[name + "_std"] = M.mean_std(values)
        extra[key] = more
    return {"models": models, "extra": extra}


def summarize_walk(runs: list[dict]) -> dict | None:
    """Mean over seeds of CGIR's walk metrics (engine.eval.walk_metrics); None without them."""
    walks = [r["walk"] for r in runs if "walk" in r]
    if not walks:
        return None
    out = {k: M.mean_std([w[k] for w in walks])[0] for k in ("consistency", "end_effect", "drift")}
    out["before"] = {k: M.mean_std([w["before"][k] for w in walks])[0]
                     for k in ("consistency", "end_effect", "drift")}
    out["per_seed"] = walks
    return out


def _examples(dataset: Dataset, per_seed: dict[str, list[dict]]) -> list[dict]:
    """The example queries of the first seed, one curve per model (for Figure 6)."""
    keys = [k for k in per_seed if per_seed[k] and per_seed[k][0].get("examples")]
    if not keys:
        return []
    out = []
    for i, ex in enumerate(per_seed[keys[0]][0]["examples"]):
        entry = {"ref": dataset.titles[ex["ref"]], "tag": dataset.tags[ex["tag"]],
                 "alpha": ex["alpha"], "curves": {}, "top1": {}}
        for key in keys:
            other = per_seed[key][0]["examples"][i]
            entry["curves"][key] = other["relevance"]
            entry["top1"][key] = [dataset.titles[r] if r >= 0 else None for r in other["top1"]]
        out.append(entry)
    return out


def finite(value):
    """A copy of nested dicts/lists with NaN/inf turned into None (strict JSON has no NaN)."""
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def public_json(results: dict) -> dict:
    """Exactly the `--json` contract of issue 4: dataset, seeds, models (NaN as null)."""
    walk = {"walk": results["walk"]} if results.get("walk") else {}
    return finite({"dataset": results["dataset"], "seeds": results["seeds"],
                   "models": results["models"]} | walk)


def _strip_examples(results: dict) -> dict:
    slim = dict(results)
    slim["per_seed"] = {k: [{n: v for n, v in r.items() if n != "examples"} for r in runs]
                        for k, runs in results["per_seed"].items()}
    return slim


def write_outputs(results: dict, out_dir: Path, gammas: np.ndarray | None = None) -> list[Path]:
    """results.json, results.md and the Figure-6 plot into out_dir; returns the paths."""
    from engine.eval.report import markdown, plot_examples

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "results.json", out_dir / "results.md"]
    paths[0].write_text(json.dumps(finite(_strip_examples(results)), indent=1,
                                   default=_json_default),
                        encoding="utf-8")
    paths[1].write_text(markdown(results), encoding="utf-8")
    if results.get("examples"):
        if gammas is None:
            gammas = get_protocol(results.get("protocol", "paper")).gamma_array()
        paths.append(plot_examples(results, gammas, out_dir / "fig6-examples.png"))
    return paths


def _json_default(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# -- beta sweep (Figure 5) -------------------------------------------------------------------------


def run_beta_sweep(dataset: Dataset, config: EvalConfig, betas: tuple[float, ...] = DEFAULT_BETAS,
                   *, encode: Encoder | None = None,
                   log: Callable[[str], None] | None = None) -> dict:
    """CGIR trained at several beta (KL weight): independence level and MGS of each (Fig. 5)."""
    protocol = get_protocol(config.protocol)
    say = log or _Progress(config.progress)
    if encode is None:
        from engine.text import encode as encode_text

        encode = encode_text
    started = time.perf_counter()
    text = text_inputs(dataset, encode)
    points = []
    for seed in config.seeds:
        train, valid, test = make_split(dataset, seed, config, protocol)
        for beta in betas:
            model = build_model("cgir", seed, config, beta=float(beta))
            fit_model(model, "cgir", dataset, train, valid, seed, config, text)
            result = evaluate_model(model, dataset, train, test, protocol, seed=seed,
                                    max_queries=config.max_queries, max_test=config.max_test)
            points.append({"seed": seed, "beta": float(beta), "ind": result["ind"],
                           "mgs": result["mgs"], "mgs_c": result["mgs_c"],
                           "mgs_r": result["mgs_r"], "mrr": result["mrr"]})
            say(f"seed {seed} beta {beta}: Ind {result['ind']:.4f} MGS {result['mgs']:.4f} "
                f"MRR {result['mrr']:.4f}")
    return {"dataset": dataset.name, "seeds": [int(s) for s in config.seeds],
            "protocol": protocol.name, "sweep": "beta", "points": points,
            "machine": _machine(), "seconds": round(time.perf_counter() - started, 1)}
