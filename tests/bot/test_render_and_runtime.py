"""Rich rendering of replies, the chat command's help, and build_manager on a real checkpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from bot.cli.render import relevance_bar, render_reply
from bot.types import Button, Reply, ShownItem

DOCS = Path(__file__).resolve().parents[2] / "docs" / "dialogue.md"


def _render(reply: Reply) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(render_reply(reply))
    return console.export_text()


def test_relevance_bar_scales_and_clamps():
    assert relevance_bar(0.5, width=10).plain == "\u2588" * 5 + "\u2591" * 5 + " 0.50"
    assert relevance_bar(1.7, width=4).plain.startswith("\u2588" * 4)
    assert relevance_bar(None).plain == "unknown"


def test_sequence_table_shows_gamma_and_relevance_bars():
    reply = Reply(
        text="Understood: less action.", intent="critique", session_id="s",
        current=ShownItem(1, "Heat (1995)", relevance=0.9),
        sequence=[ShownItem(2, "[b]Toy[/b] Story", gamma=0.1, relevance=0.8),
                  ShownItem(3, "Up", gamma=1.0, relevance=None)],
        tag="action", alpha=-1, buttons=[Button("#1", "the first one")],
    )
    out = _render(reply)
    assert "less action" in out and "action relevance" in out
    assert "[b]Toy[/b] Story" in out  # titles are escaped, not read as markup
    assert "0.80" in out and "unknown" in out and "0.10" in out
    assert "#1" in out


def test_sequence_table_shows_the_estimated_degree_and_the_truth_apart():
    sequence = [ShownItem(2, "Casino (1995)", gamma=0.1, degree=0.62),
                ShownItem(3, "Platoon (1986)", gamma=0.2, degree=0.41)]
    reply = Reply(text="Understood: less action.", intent="critique", session_id="s",
                  current=ShownItem(1, "Heat (1995)", degree=0.93), sequence=sequence,
                  tag="action", alpha=-1)
    out = _render(reply)
    # real data: no ground truth, so the bar is the estimate, labelled so, and never a dash
    assert "action (estimated)" in out and "0.62" in out and "0.41" in out
    assert "now: Heat (1995)" in out and "0.93 estimated" in out
    assert "planted" not in out and "–" not in out and "unknown" not in out
    # the demo world also knows the truth: it gets its own column beside the estimate
    planted = [ShownItem(2, "Casino (1995)", gamma=0.1, degree=0.62, relevance=0.35)]
    out = _render(Reply(text=".", intent="critique", session_id="s", sequence=planted,
                        tag="action", alpha=-1))
    assert "action (estimated)" in out and "planted" in out and "0.35" in out


def test_synthetic_note_on_start_replies():
    out = _render(Reply(text="Starting over.", intent="restart", session_id="s", synthetic=True))
    assert "synthetic demo catalog" in out


def test_chat_help_has_an_example():
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["chat", "--help"])
    assert result.exit_code == 0
    assert "--session" in result.output and "cgir chat" in result.output


def test_docs_name_every_public_store_method():
    from bot.store.sessions import Store

    text = DOCS.read_text()
    public = [name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))]
    missing = [name for name in public if f"{name}(" not in text]
    assert missing == []


@pytest.mark.slow
def test_build_manager_on_the_tiny_model(tiny_model_dir, tmp_path):
    from bot.runtime import build_manager

    manager = build_manager(tiny_model_dir, f"sqlite:///{tmp_path / 'c.db'}", warm_up=False)
    try:
        assert manager.retriever.synthetic and manager.model_id
        title = manager.retriever.titles[0]
        sid = manager.new_session_id()
        reply = manager.handle(sid, f"something like {title}")
        assert reply.intent == "reference" and reply.current.title == title
        assert 3 <= len(reply.buttons) <= 5
        for button in reply.buttons:  # each suggestion really walks somewhere
            follow = manager.handle(sid, button.payload)
            assert follow.intent == "critique" and len(follow.sequence) == manager.steps
            assert f"{follow.alpha and ('more' if follow.alpha > 0 else 'less')} {follow.tag}" == button.payload
    finally:
        manager.close()


def test_limit_threads_sets_torch_through_the_one_process_wide_setter():
    torch = pytest.importorskip("torch")
    from bot.runtime import limit_threads
    from engine.threads import set_torch_threads

    before = torch.get_num_threads()
    try:
        limit_threads(1)
        assert torch.get_num_threads() == 1
    finally:
        set_torch_threads(before)


def test_chat_cards_show_every_asked_degree_the_shared_tags_and_no_gamma_for_a_list():
    sequence = [ShownItem(2, "Casino (1995)", degree=0.62, degrees={"action": 0.62, "comedy": 0.20},
                          shares=("crime",)),
                ShownItem(3, "Platoon (1986)", degree=0.41, degrees={"action": 0.41, "comedy": 0.05})]
    reply = Reply(text="Understood.", intent="critique", session_id="s",
                  current=ShownItem(4, "Up (2009)", degree=0.3, degrees={"action": 0.3, "comedy": 0.8}),
                  reference=ShownItem(1, "Heat (1995)", degree=0.93, degrees={"action": 0.93, "comedy": 0.1}),
                  sequence=sequence, tag="action", alpha=-1)
    out = _render(reply)
    assert "action (estimated)" in out and "comedy (estimated)" in out
    assert "0.62" in out and "0.20" in out and "0.05" in out
    assert "shares with the reference" in out and "crime" in out
    assert "\u03b3" not in out  # a list answer: no gamma column
    assert "now: Up (2009)" in out and "from: Heat (1995)" in out and "0.93" in out and "0.10" in out


def test_a_guessed_list_says_it_is_a_guess_from_user_tags():
    estimate = {"topic": "running time", "attribute": "long", "alpha": -1, "strength": 1.0,
                "said": "shorter", "user_tags": ["too long", "way too long"],
                "reading": "what people tagged too long, way too long",
                "note": "an estimate from the catalog's user tags, not running times"}
    sequence = [ShownItem(2, "Die Hard (1988)", degree=0.71, degrees={"long": 0.71})]
    reply = Reply(text="I can't judge running times: ...", intent="cannot_judge", session_id="s",
                  sequence=sequence, tag="long", alpha=-1, estimate=estimate)
    out = _render(reply)
    assert "guess: shorter, an estimate from the catalog's user tags, not running times" in out
    assert "(tagged too long, way too long)" in out and "long (estimated)" in out
    plain = _render(Reply(text="Understood: less action.", intent="critique", session_id="s",
                          sequence=sequence, tag="long", alpha=-1))
    assert "guess:" not in plain


def test_a_catalog_fact_is_shown_as_a_percentile_of_what_the_catalog_records_not_an_estimate():
    sequence = [ShownItem(2, "Mystic River (2003)", degree=0.81, degrees={"well known": 0.81}),
                ShownItem(3, "Witness (1985)", degree=0.64, degrees={"well known": 0.64})]
    reply = Reply(text="Understood: less well-known.", intent="critique", session_id="s",
                  current=ShownItem(1, "Fargo (1996)", degree=0.99, degrees={"well known": 0.99}),
                  sequence=sequence, tag="well known", alpha=-1)
    out = _render(reply)
    assert "well known (percentile here)" in out and "0.81" in out
    assert "0.99 percentile here" in out and "estimated" not in out
