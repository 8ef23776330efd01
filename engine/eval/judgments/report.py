"""Degree scores against people's relative judgments: the report behind `cgir eval judgments`.

The command itself is `bot.cli.judgments`: it grounds every attribute the way the bot reads
"more <attribute>" (the parser, then `bot.dialogue.critique_axes`), which needs the bot layer.
"""

from __future__ import annotations

from pathlib import Path


def title_resolver(retriever):
    """title -> catalog row or None, by the one catalog resolver (exact, normalised, fuzzy)."""

    def resolve(title: str) -> int | None:
        match = retriever.title_resolver.resolve(title, allow_id=False)
        return None if match is None else match.row

    return resolve


def judged_pairs(records, retriever):
    """The (more, less) pairs of judgment `records` whose titles the catalog resolves
    (engine.eval.judgments.accuracy.PairSet), by the one catalog resolver."""
    from engine.eval.judgments.accuracy import build_pairs, match_titles

    titles = set().union(*(r.titles() for r in records))
    return build_pairs(records, match_titles(titles, title_resolver(retriever)))


def text_report(result: dict) -> str:
    lines = [
        f"{result['grounded']}/{result['attributes']} attributes grounded; "
        f"{result['titles']['matched']}/{result['titles']['total']} titles matched; "
        f"{result['pairs']} of {result['pairs_in_file']} pairs scored",
        f"pair accuracy {result['pair_accuracy']:.3f} (95 % CI {result['ci'][0]:.3f}-"
        f"{result['ci'][1]:.3f}; ungrounded at 0.5), on grounded attributes "
        f"{result['pair_accuracy_grounded'] or float('nan'):.3f}, reference sign "
        f"{result['ref_sign_accuracy']:.3f}",
        "baselines (same pairs, ungrounded at 0.5):",
    ]
    for name, b in result["baselines"].items():
        lines.append(f"  {name:<16} {b['pair_accuracy']:.3f}  [{b['ci'][0]:.3f}, {b['ci'][1]:.3f}]"
                     f"  grounded {b['grounded']}")
    names = list(result["baselines"])
    lines.append(f"{'attribute':<18} {'pairs':>5} {'model':>6}  " + " ".join(f"{n[:9]:>9}" for n in names)
                 + "  reading")
    for attribute, row in result["per_attribute"].items():
        acc = row["pair_accuracy"]
        base = " ".join(f"{(row.get('baselines', {}).get(n) or float('nan')):>9.3f}" for n in names)
        mark = "*" if row.get("estimated") else " "
        lines.append(f"{attribute:<17}{mark} {row['pairs']:>5} {acc if acc is not None else float('nan'):>6.3f}"
                     f"  {base}  {row['reading'] or 'not understood'}")
    if result.get("estimated"):
        without = result["without_estimates"]
        lines.append(f"* estimated: a guess the chat walks for what it cannot judge, from the catalog's "
                     f"user tags ({', '.join(result['estimated'])}); without them (at 0.5, as before): "
                     f"{without['pair_accuracy']:.3f} (95 % CI {without['ci'][0]:.3f}-{without['ci'][1]:.3f}), "
                     f"{without['grounded']}/{result['attributes']} read")
    if result["titles"]["unmatched"]:
        lines.append("unmatched titles: " + "; ".join(result["titles"]["unmatched"]))
    lines.append("Judgments: " + result["attribution"])
    return "\n".join(lines)


def plot_per_attribute(result: dict, out_dir: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = sorted(result["per_attribute"].items(), key=lambda kv: kv[1]["pair_accuracy"] or 0)
    names = [a for a, _ in rows]
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(names) + 1.5))
    y = range(len(names))
    ax.barh(list(y), [r["pair_accuracy"] or 0.5 for _, r in rows], color="#4c72b0", label="degree score")
    for name, marker in (("tag_label", "|"), ("centroid_mix4", "x")):
        xs = [r.get("baselines", {}).get(name) for _, r in rows]
        ax.scatter([x if x is not None else float("nan") for x in xs], list(y), marker=marker,
                   color="k", label=name, zorder=3)
    ax.axvline(0.5, color="grey", lw=0.8, ls="--")
    ax.set_yticks(list(y), names, fontsize=7)
    ax.set_xlim(0.2, 1.0)
    ax.set_xlabel("pair accuracy (more vs less)")
    ax.set_title(f"Judgments per attribute: {result['pair_accuracy']:.3f} overall")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "judgments-per-attribute.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def degree_scorer(degrees, readings: dict, pairs, mode: str):
    """(attribute -> scores, a description of the weights used); `readings` maps each attribute
    to its engine.degrees.grounding.AttributeReading (signed) or None."""
    from engine.degrees.fit import fold_features, out_of_fold_weights
    from engine.degrees.weights import fitted_attributes

    seen = sorted(fitted_attributes() & set(pairs.attributes))
    if mode == "shipped" or (mode == "auto" and not seen):
        def shipped(attribute: str):
            r = readings[attribute]
            return None if r is None else r.sign * degrees.raw_scores(r.grounding)

        return shipped, {"mode": "shipped", "seen_attributes": len(seen)}
    index = {a: k for k, a in enumerate(pairs.attributes)}
    features, _ = fold_features(degrees, readings, pairs.attributes, folds=5, seed=0)
    per_attribute = out_of_fold_weights(features, pairs, folds=5, seed=0)

    def out_of_fold(attribute: str):
        f = features.get(index[attribute])
        return None if f is None else per_attribute[index[attribute]] @ f

    return out_of_fold, {"mode": "cv", "folds": 5, "by": "attribute", "seen_attributes": len(seen),
                         "note": "for each attribute, the degree score's weights were fitted and "
                                 "its anchors taken from the other folds' attributes only"}


def judge(retriever, file: Path, readings, *, estimates=None, weights_mode: str = "auto",
          bootstrap: int = 1000, plot_dir: Path | None = None) -> dict:
    """The `--json` result for FILE's records on `retriever`, with each attribute read as
    `readings(attribute) -> AttributeReading | None` says.

    `estimates(attribute) -> AttributeReading | None` is the chat's guess at an attribute it
    answers *cannot judge* (running time, budget: bot.dialogue.estimates walks it from what the
    catalog's users tagged). The chat shows those guesses, so the headline counts them: such an
    attribute is scored by its estimate and marked `estimated` in `per_attribute`; an estimate
    has no learned weight, so nothing is fitted on its judgments. `without_estimates` keeps the
    figure with them at 0.5, as reported before the chat walked them."""
    from engine.data.judgments import read_judgments
    from engine.eval.judgments.accuracy import accuracy_summary, evaluate_judgments
    from engine.eval.judgments.baselines import baseline_scorers

    records = read_judgments(file)
    degrees = retriever.degree_model
    pairs = judged_pairs(records, retriever)
    read = {a: readings(a) for a in pairs.attributes}
    guessed = {a: estimates(a) for a, r in read.items() if r is None} if estimates else {}
    guessed = {a: r for a, r in guessed.items() if r is not None}
    scorer, weights = degree_scorer(degrees, read, pairs, weights_mode)

    def product(attribute: str):  # what the chat walks: its reading, else its estimate
        r = guessed.get(attribute)
        return scorer(attribute) if r is None else r.sign * degrees.raw_scores(r.grounding)

    labels = {a: (r.label if r else guessed[a].label if a in guessed else None) for a, r in read.items()}
    result = evaluate_judgments(pairs, product, labels, baseline_scorers(degrees, retriever.item_tags),
                                n_boot=bootstrap)
    result["weights"] = weights
    for attribute, row in result["per_attribute"].items():
        row["estimated"] = attribute in guessed
    without = accuracy_summary(pairs, scorer, n_boot=bootstrap) if guessed else result
    result["estimated"] = sorted(guessed)
    result["without_estimates"] = {"pair_accuracy": without["pair_accuracy"], "ci": without["ci"],
                                   "grounded": without["grounded"]}
    result["below_045"] = sorted(a for a, row in result["per_attribute"].items()
                                 if row["pair_accuracy"] is not None and labels[a] is not None
                                 and row["pair_accuracy"] < 0.45)
    if plot_dir is not None:
        result["plot"] = str(plot_per_attribute(result, plot_dir))
    return result
