"""`cgir eval`: train every model per seed on the same split, measure, aggregate, report.

Flow per seed: triples (engine.training.pipeline.make_triples, the same as `cgir train`) -> the paper's 20 %
test hold-out and a validation part carved from the training 80 % (engine.training.pipeline.split_triples)
-> each model fits on train, early-stops on validation -> Hit@20/50 and MRR on test at
gamma = 1, MGS/MGS-C/MGS-R on test queries, independence on the item vectors. Nothing is ever
tuned on the test split. Progress goes to stderr (switchable); nothing here prints to stdout.
"""

from __future__ import annotations

import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError
from engine.metrics import paper as M
from engine.eval.measure import evaluate_model
from engine.eval.protocols import Protocol, get_protocol, same_genre_triples
from engine.models.base import GradientModel, TextVectors
from engine.models.registry import MODEL_KEYS, MODEL_NAMES, config_fields, make_model

METRIC_KEYS = ("hit@20", "hit@50", "mrr", "mgs", "mgs_c", "mgs_r", "ind")
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
    # hyper-parameters given to every model whose config has them (e.g. CGIR's beta)
    overrides: dict = field(default_factory=dict)

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


def split_config(seed: int, config: EvalConfig):
    """The TrainConfig that builds and splits the triples of one seed, as `cgir train` does."""
    from engine.config import TrainConfig

    values = {k: v for k, v in config.overrides.items() if k in TrainConfig.field_names()}
    values.update({"seed": seed, "max_triples": config.max_triples})
    return TrainConfig().replace(source="eval", **values)


def make_split(dataset: Dataset, seed: int, config: EvalConfig,
               protocol: Protocol) -> tuple[Triples, Triples, Triples]:
    """(train, valid, test) for a seed, exactly as `cgir train` splits them."""
    from engine.training.pipeline import make_triples, split_triples

    tc = split_config(seed, config)
    triples = make_triples(dataset, tc)
    if protocol.same_genre:
        triples = same_genre_triples(dataset, triples)
    return split_triples(triples, tc)


def fit_model(key: str, dataset: Dataset, train: Triples, valid: Triples, seed: int,
              config: EvalConfig, text: TextVectors, **extra) -> GradientModel:
    """Build the model `key` with this evaluation's budget and fit it on the split's train part."""
    budget = {"seed": seed, "device": config.device, "epochs": config.epochs,
              "max_steps_per_epoch": config.max_steps_per_epoch,
              "threads": config.threads or None}
    accepted = config_fields(key)
    budget.update({k: v for k, v in {**config.overrides, **extra}.items() if k in accepted})
    model = make_model(key, **budget)
    # progress bars only on a terminal; a log file gets the one-line events of run_eval
    bars = config.progress and sys.stderr.isatty()
    return model.fit(dataset, train, valid, text=text, progress=bars)


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
        encode: text -> (n, 384) vectors (default: MiniLM via engine.text.minilm.encode); tests pass a
            fast deterministic stand-in.
        log: progress callback (default: stderr lines when config.progress).
        partial: called with the results so far after every model of every seed (the CLI
            writes them to --out, so a long run that is stopped still leaves its numbers).
    """
    protocol = get_protocol(config.protocol)
    say = log or _Progress(config.progress)
    if encode is None:
        from engine.text.minilm import encode as encode_text

        encode = encode_text
    started = time.perf_counter()
    say(f"{dataset.name}: {dataset.n_items} items, {dataset.n_users} users, {dataset.n_tags} "
        f"tags; protocol {protocol.name}; models {', '.join(config.models)}; "
        f"seeds {list(config.seeds)}")
    text = TextVectors.encode(dataset.tags, encode)
    per_seed: dict[str, list[dict]] = {key: [] for key in config.models}
    splits = []
    for seed in config.seeds:
        train, valid, test = make_split(dataset, seed, config, protocol)
        splits.append({"seed": seed, "train": len(train), "valid": len(valid),
                       "test": len(test)})
        say(f"seed {seed}: {len(train)} train / {len(valid)} valid / {len(test)} test triples")
        for key in config.models:
            t0 = time.perf_counter()
            model = fit_model(key, dataset, train, valid, seed, config, text)
            fitted = time.perf_counter() - t0
            result = evaluate_model(model, dataset, train, test, protocol, seed=seed,
                                    max_queries=config.max_queries, max_test=config.max_test,
                                    n_examples=config.n_examples if seed == config.seeds[0]
                                    else 0)
            if key == "cgir" and dataset.relevance is not None:
                from engine.metrics.walks import walk_report

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
    """Mean over seeds of CGIR's walk metrics (engine.metrics.walks); None without them."""
    walks = [r["walk"] for r in runs if "walk" in r]
    if not walks:
        return None
    out = {k: M.mean_std([w[k] for w in walks])[0] for k in ("consistency", "end_effect", "other_change")}
    for part in ("before", "held_out", "blind"):
        out[part] = {k: M.mean_std([w[part][k] for w in walks])[0]
                     for k in ("consistency", "end_effect", "other_change")}
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


# -- beta sweep (Figure 5) -------------------------------------------------------------------------


def run_beta_sweep(dataset: Dataset, config: EvalConfig, betas: tuple[float, ...] = DEFAULT_BETAS,
                   *, encode: Encoder | None = None,
                   log: Callable[[str], None] | None = None) -> dict:
    """CGIR trained at several beta (KL weight): independence level and MGS of each (Fig. 5)."""
    protocol = get_protocol(config.protocol)
    say = log or _Progress(config.progress)
    if encode is None:
        from engine.text.minilm import encode as encode_text

        encode = encode_text
    started = time.perf_counter()
    text = TextVectors.encode(dataset.tags, encode)
    points = []
    for seed in config.seeds:
        train, valid, test = make_split(dataset, seed, config, protocol)
        for beta in betas:
            model = fit_model("cgir", dataset, train, valid, seed, config, text, beta=float(beta))
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
