"""`cgir eval judgments`: reading SoftAttributes records, pairs, accuracy, CI and the command."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from engine.data.judgments import JudgmentRecord, read_judgments, write_jsonl
from engine.errors import DatasetError
from engine.eval.judgments.accuracy import accuracy_summary, build_pairs
from engine.metrics.stats import grouped_bootstrap_ci as bootstrap_ci

# A tiny fixture in the SoftAttributes CSV format (two attributes, three titles + one unknown).
CSV = (
    "rater_id,reference_title,soft_attribute,less_than,about_as,more_than\n"
    '1,B (2000),funny,"[""A (1999)""]",,"[""C (2001)"",""Nowhere (1950)""]"\n'
    '2,A (1999),scary,,"[""B (2000)""]","[""C (2001)""]"\n'
    '3,B (2000),scary,"[""A (1999)""]",,"[""C (2001)""]"\n'
)


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "judgments.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_csv_and_jsonl_hold_the_same_records(csv_file, tmp_path):
    records = read_judgments(csv_file)
    assert records[0] == JudgmentRecord("1", "B (2000)", "funny", ("A (1999)",), (),
                                        ("C (2001)", "Nowhere (1950)"))
    assert read_judgments(write_jsonl(records, tmp_path / "j.jsonl")) == records


def test_bad_files_get_clear_messages(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("rater_id,reference_title\n1,A\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="lacks the column"):
        read_judgments(bad)
    broken = tmp_path / "broken.csv"
    broken.write_text(CSV.replace('"[""A (1999)""]"', '"[oops"', 1), encoding="utf-8")
    with pytest.raises(DatasetError, match=r"broken.csv:2: less_than is not a JSON list"):
        read_judgments(broken)
    with pytest.raises(DatasetError, match="does not exist"):
        read_judgments(tmp_path / "missing.csv")


def test_pairs_skip_unmatched_titles_and_accuracy_counts_ungrounded_at_chance(csv_file):
    records = read_judgments(csv_file)
    rows = {"A (1999)": 0, "B (2000)": 1, "C (2001)": 2, "Nowhere (1950)": None}
    pairs = build_pairs(records, rows)
    assert pairs.pairs_total == 3 and len(pairs.pair_more) == 2
    assert pairs.unmatched == ("Nowhere (1950)",)
    funny = np.array([0.0, 0.5, 1.0])  # orders A < B < C: agrees with rater 1

    def scorer(attribute):
        return funny if attribute == "funny" else None  # "scary" is not grounded

    summary = accuracy_summary(pairs, scorer, n_boot=200)
    assert summary["grounded"] == 1
    assert summary["pair_accuracy_grounded"] == 1.0
    assert summary["pair_accuracy"] == pytest.approx((1.0 + 0.5) / 2)
    # placements: funny C above B (right), A below B (right); scary ones at 0.5
    assert summary["ref_sign_accuracy"] == pytest.approx((1 + 1 + 0.5 * 3) / 5)
    assert summary["per_attribute"]["scary"]["pair_accuracy"] == 0.5

    reversed_ = accuracy_summary(pairs, lambda a: -funny if a == "funny" else None, n_boot=200)
    assert reversed_["pair_accuracy_grounded"] == 0.0


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_records():
    rng = np.random.default_rng(0)
    small = rng.random(50) < 0.7
    large = rng.random(5000) < 0.7
    lo_s, hi_s = bootstrap_ci(small.astype(float), np.arange(50), 50)
    lo_l, hi_l = bootstrap_ci(large.astype(float), np.arange(5000), 5000)
    assert lo_l <= large.mean() <= hi_l and lo_s <= small.mean() <= hi_s
    assert hi_l - lo_l < (hi_s - lo_s) / 3


def test_the_command_reports_the_stable_keys(tiny_model_dir, tiny_retriever, tmp_path, monkeypatch):
    from bot.cli import judgments as cli_judgments
    from bot.cli.main import cli
    from tests.fast_parser import fixture_parser

    monkeypatch.setattr(cli_judgments, "build_parser", fixture_parser)  # no static table build

    titles = tiny_retriever.titles
    tag = tiny_retriever.tags[0]
    lines = [json.dumps({"rater_id": "1", "reference_title": titles[0], "soft_attribute": tag,
                         "less_than": [titles[1]], "about_as": [],
                         "more_than": [titles[2], "A Film That Is Not There (1901)"]}),
             json.dumps({"rater_id": "2", "reference_title": titles[3],
                         "soft_attribute": "xqzv plorb", "less_than": [titles[4]],
                         "about_as": [], "more_than": [titles[5]]})]
    path = tmp_path / "j.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "judgments", str(tiny_model_dir), str(path),
                                      "--json", "--plot", str(tmp_path / "plots"),
                                      "--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    for key in ("attributes", "grounded", "grounding", "pairs", "pair_accuracy",
                "pair_accuracy_grounded", "ref_sign_accuracy", "ci", "per_attribute", "baselines"):
        assert key in out
    assert out["attributes"] == 2 and out["pairs"] == 2
    assert out["grounding"][tag] is not None
    assert out["titles"]["unmatched"] == ["A Film That Is Not There (1901)"]
    assert {"tag_label", "tag_centroid", "paper_F", "centroid_mix4"} <= set(out["baselines"])
    assert (tmp_path / "plots" / "judgments-per-attribute.png").exists()
    assert "SoftAttributes" in out["attribution"]


def test_the_real_development_split_reads_whole():
    import os
    from pathlib import Path

    shared = Path(os.environ.get("CGIR_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    path = shared / "data" / "soft-attributes" / "soft-attributes-dev.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    records = read_judgments(path)
    assert len(records) == 2997 and len({r.attribute for r in records}) == 30
    assert sum(len(r.pairs()) for r in records) == 23450


def test_shipped_weights_record_the_attributes_they_saw():
    from engine.degrees.score import FEATURES
    from engine.degrees.weights import fitted_attributes, read_weights_file, shipped_weights

    data = read_weights_file()
    if not data:
        pytest.skip("no shipped weights")
    assert len(shipped_weights()) == len(FEATURES)
    assert fitted_attributes() == frozenset(data["fitted_on"]["attributes"])
    assert "CC BY 4.0" in data["attribution"]


def test_an_attribute_read_through_an_opposite_is_scored_downwards_with_shipped_weights():
    from types import SimpleNamespace

    from engine.degrees.grounding import AttributeReading, Grounding
    from engine.eval.judgments.report import degree_scorer

    scores = np.array([0.1, 0.5, 0.9])
    degrees = SimpleNamespace(raw_scores=lambda g: scores)
    pairs = SimpleNamespace(attributes=("light", "dark", "pizza"))
    readings = {"light": AttributeReading(Grounding.of_tag("dark"), -1),
                "dark": AttributeReading(Grounding.of_tag("dark")), "pizza": None}
    scorer, how = degree_scorer(degrees, readings, pairs, "shipped")
    assert how["mode"] == "shipped"
    assert scorer("light").tolist() == (-scores).tolist() and scorer("dark").tolist() == scores.tolist()
    assert scorer("pizza") is None


def test_the_headline_counts_the_estimates_the_chat_walks_and_keeps_the_figure_without(
        tiny_retriever, tmp_path):
    from engine.degrees.grounding import AttributeReading, Grounding
    from engine.eval.judgments.report import judge, text_report

    titles, tag = tiny_retriever.titles, tiny_retriever.tags[0]
    lines = [json.dumps({"rater_id": str(k), "reference_title": titles[3 * k],
                         "soft_attribute": attribute, "less_than": [titles[3 * k + 1]],
                         "about_as": [], "more_than": [titles[3 * k + 2]]})
             for k, attribute in enumerate((tag, "running time"))]
    path = tmp_path / "j.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = {tag: AttributeReading(Grounding.of_tag(tag))}
    estimate = AttributeReading(Grounding.of_tag(tag, "running time"), -1)
    out = judge(tiny_retriever, path, read.get, weights_mode="shipped", bootstrap=100,
                estimates=lambda a: estimate if a == "running time" else None)
    # the estimate is scored as the chat walks it (downwards here), inside the headline
    scores = tiny_retriever.degree_model.raw_scores(estimate.grounding)
    rows = {t: k for k, t in enumerate(titles)}
    more, less = -scores[rows[titles[5]]], -scores[rows[titles[4]]]
    expected = 1.0 if more > less else 0.5 if more == less else 0.0
    row = out["per_attribute"]["running time"]
    assert row["estimated"] and row["pair_accuracy"] == expected and row["reading"] == "less " + tag
    assert not out["per_attribute"][tag]["estimated"] and out["estimated"] == ["running time"]
    assert out["grounded"] == 2
    no_estimates = judge(tiny_retriever, path, read.get, weights_mode="shipped", bootstrap=100)
    assert no_estimates["grounded"] == 1 and no_estimates["estimated"] == []
    assert no_estimates["per_attribute"]["running time"]["pair_accuracy"] == 0.5
    # the figure without them stays beside the headline, for history
    assert out["without_estimates"]["pair_accuracy"] == no_estimates["pair_accuracy"]
    assert out["pair_accuracy"] == pytest.approx((out["per_attribute"][tag]["pair_accuracy"] + expected) / 2)
    text = text_report(out)
    assert "running time     *" in text and "* estimated" in text
