"""Conversation logs: export one record per turn, and statistics over them.

The store keeps every turn a channel (or the simulator) sends through the dialogue manager.
`export_records` turns them into flat, stable records (the `cgir logs export` format);
`log_stats` computes the statistics of `cgir logs stats` from such records. The statistics are
pure functions of the records, so they are tested on hand-made lists; only `read_records`,
`write_jsonl`/`write_csv` and `stats_plots` touch the outside world.

Record fields (JSON Lines; CSV carries the nested ones as JSON strings):
``session_id, turn, time, utterance, intent, parse, reply, understood, clarification, tag, alpha,
shown [{position, item_id, title, gamma, relevance, score}], chosen {item_id, position} | null,
latency_ms, model_id``.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from engine.metrics.stats import histogram, percentiles, wilson_interval
from engine.errors import CGIRError

FIELDS = (
    "session_id", "turn", "time", "utterance", "intent", "parse", "reply", "understood",
    "clarification", "tag", "alpha", "shown", "chosen", "latency_ms", "model_id",
)
FORMATS = ("jsonl", "csv")


class LogError(CGIRError):
    """The log database or an export option is unusable."""


# -- reading -------------------------------------------------------------------------------


def parse_since(text: str | None) -> datetime | None:
    """'2026-11-27' or an ISO date-time to an aware UTC datetime; naive input is read as UTC."""
    if text is None or text == "":
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
        except ValueError:
            raise LogError(f"--since {text!r} is not a date; use YYYY-MM-DD or an ISO date-time "
                           "such as 2026-11-27T08:30") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _get(turn: Any, *names: str, default: Any = None) -> Any:
    """First present field among names, from a mapping, a dataclass or any object."""
    for name in names:
        if isinstance(turn, dict):
            if name in turn and turn[name] is not None:
                return turn[name]
        elif getattr(turn, name, None) is not None:
            return getattr(turn, name)
    return default


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("{", "["):
            try:
                return json.loads(text)
            except ValueError:
                return value
    if hasattr(value, "to_json") and callable(value.to_json):
        return value.to_json()
    return value


def _time_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(float(value), tz=timezone.utc)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    return str(value)


def _shown(value: Any) -> list[dict]:
    items = _jsonable(value) or []
    out = []
    for position, item in enumerate(items, start=1):
        item = _jsonable(item)
        out.append({
            "position": position,
            "item_id": _get(item, "item_id", "id"),
            "title": _get(item, "title"),
            "gamma": _get(item, "gamma"),
            "relevance": _get(item, "relevance"),
            "score": _get(item, "score"),
        })
    return out


def to_record(turn: Any, number: int | None = None) -> dict:
    """One stored turn (a store row, dataclass or dict) as an export record."""
    parse = _jsonable(_get(turn, "parse", "parse_json", default={})) or {}
    reply = _jsonable(_get(turn, "reply", "reply_json", "reply_text", default=""))
    reply_text = reply.get("text") if isinstance(reply, dict) else reply
    reply_dict = reply if isinstance(reply, dict) else {}
    shown = _get(turn, "shown", "items", "sequence", default=None)
    if shown is None:
        shown = reply_dict.get("sequence", [])
    chosen_id = _get(turn, "chosen_item", "chosen", "chosen_item_id", "selected_item")
    chosen_id = _get(chosen_id, "item_id", default=chosen_id) if isinstance(chosen_id, dict) else chosen_id
    latency = _get(turn, "latency_ms")
    if latency is None and _get(turn, "latency", "latency_s") is not None:
        latency = 1000.0 * float(_get(turn, "latency", "latency_s"))
    intent = _get(turn, "intent", default=None) or parse.get("intent") or reply_dict.get("intent")
    critiques = parse.get("critiques") or []
    tag = _get(turn, "tag", default=None) or reply_dict.get("tag") or (critiques[0]["tag"] if critiques else None)
    alpha = _get(turn, "alpha", default=None) or reply_dict.get("alpha") or (
        critiques[0]["alpha"] if critiques else None)
    understood = _get(turn, "understood", default=reply_dict.get("understood", True))
    clarification = _get(turn, "clarification", default=reply_dict.get("clarification", False))
    return {
        "session_id": str(_get(turn, "session_id", "session", default="")),
        "turn": _get(turn, "turn", "turn_index", "index", "position", default=number),
        "time": _time_text(_get(turn, "time", "created_at", "timestamp", "ts")),
        "utterance": _get(turn, "utterance", "text", "user_text", default=""),
        "intent": intent,
        "parse": parse,
        "reply": reply_text,
        "understood": bool(understood),
        "clarification": bool(clarification),
        "tag": tag,
        "alpha": int(alpha) if alpha is not None else None,
        "shown": _shown(shown),
        "chosen": None if chosen_id is None else {"item_id": int(chosen_id), "position": None},
        "latency_ms": None if latency is None else round(float(latency), 3),
        "model_id": _get(turn, "model_id", default=None),
    }


def link_choices(records: list[dict]) -> list[dict]:
    """Fill each chosen item's position in the sequence shown on the session's previous turns.

    The position is where the item stood in the latest sequence that contained it, 1-based; it
    is what "users picked the k-th item" counts.
    """
    last_shown: dict[str, list[dict]] = {}
    for record in records:
        chosen = record.get("chosen")
        if chosen is not None and chosen.get("position") is None:
            for item in last_shown.get(record["session_id"], []):
                if item["item_id"] == chosen["item_id"]:
                    chosen["position"] = item["position"]
                    break
            else:
                index = (record.get("parse") or {}).get("index")
                if isinstance(index, int) and index > 0:
                    chosen["position"] = index
        if record.get("shown"):
            last_shown[record["session_id"]] = record["shown"]
    return records


def _require_existing_sqlite(url: str) -> None:
    """Reading logs must not create an empty database where the user mistyped a path."""
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return  # the store reports malformed URLs with its own message
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:") \
            and not database.startswith("file:") and not Path(database).expanduser().exists():
        raise LogError(f"no log database at {database}; chat first (cgir chat), run "
                       f"`cgir simulate --db {url}`, or give another one with --db")


def read_records(db_url: str | None = None, since: datetime | None = None,
                 session_id: str | None = None, sessions: str | None = None) -> list[dict]:
    """Every stored turn as a record, in the order logged.

    `sessions` is a shell-style pattern on session ids, e.g. ``sim-*-gradient-*`` for the
    simulated sessions of one policy.
    """
    from fnmatch import fnmatchcase

    from bot.store.sessions import Store
    from engine.paths import default_db_url

    url = db_url or default_db_url()
    _require_existing_sqlite(url)
    store = Store(url)
    try:
        turns = store.iter_turns(since=since, session_id=session_id)
        counters: dict[str, int] = defaultdict(int)
        records = []
        for turn in turns:
            if sessions is not None and not fnmatchcase(str(turn.session_id), sessions):
                continue
            record = to_record(turn)
            counters[record["session_id"]] += 1
            if record["turn"] is None:
                record["turn"] = counters[record["session_id"]]
            records.append(record)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
    return link_choices(records)


# -- export --------------------------------------------------------------------------------


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    """CSV with one row per turn; nested fields (parse, shown, chosen) as JSON strings."""
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
               for k, v in record.items()}
        writer.writerow(row)
        count += 1
    return count


def export(records: list[dict], out: TextIO, fmt: str = "jsonl") -> int:
    if fmt not in FORMATS:
        raise LogError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return write_jsonl(records, out) if fmt == "jsonl" else write_csv(records, out)


# -- statistics ----------------------------------------------------------------------------


def _summary(values: list[int] | np.ndarray) -> dict:
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        return {"mean": None, "median": None, "max": None, "histogram": {}}
    return {
        "mean": round(float(values.mean()), 4),
        "median": float(np.median(values)),
        "max": int(values.max()),
        "histogram": {str(k): v for k, v in histogram(values.astype(int), minimum=0).items()},
    }


def log_stats(records: list[dict]) -> dict:
    """The `cgir logs stats` figures from export records (see the module docstring).

    A critique is a turn the parser read as a critique; a pick is a turn that chose an item shown
    earlier in the session, counted by the 1-based position it had in that sequence.
    """
    sessions: dict[str, dict] = {}
    for record in records:
        s = sessions.setdefault(record["session_id"], {"turns": 0, "critiques": 0})
        s["turns"] += 1
        s["critiques"] += record.get("intent") == "critique"
    n_turns = len(records)
    not_understood = sum(1 for r in records if not r.get("understood", True))
    clarification = sum(1 for r in records if r.get("clarification"))
    positions = [r["chosen"]["position"] for r in records
                 if r.get("chosen") and r["chosen"].get("position")]
    max_position = max([10, *positions]) if positions else 10
    picks = histogram(positions, minimum=1, maximum=max_position)
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    models: dict[str, int] = defaultdict(int)
    for r in records:
        models[str(r.get("model_id"))] += 1
    return {
        "sessions": len(sessions),
        "turns": n_turns,
        "turns_per_session": _summary([s["turns"] for s in sessions.values()]),
        "critiques_per_session": _summary([s["critiques"] for s in sessions.values()]),
        "not_understood": wilson_interval(not_understood, n_turns).to_json() | {"count": not_understood},
        "clarification": wilson_interval(clarification, n_turns).to_json() | {"count": clarification},
        "picks": {
            "total": len(positions),
            "by_position": {str(k): v for k, v in picks.items()},
            "share_by_position": {str(k): (round(v / len(positions), 4) if positions else 0.0)
                                  for k, v in picks.items()},
        },
        "latency_ms": {k: (None if v is None else round(v, 3)) for k, v in
                       percentiles(latencies, (50, 95)).items()} | {"n": len(latencies)},
        "models": dict(models),
    }


def format_stats(stats: dict) -> str:
    """A short human-readable report of `log_stats`."""
    def pct(entry: dict) -> str:
        return f"{100 * entry['value']:.1f} % [{100 * entry['low']:.1f}, {100 * entry['high']:.1f}]"

    tps, cps, lat = stats["turns_per_session"], stats["critiques_per_session"], stats["latency_ms"]
    lines = [
        f"sessions                 {stats['sessions']}",
        f"turns                    {stats['turns']}",
        f"turns per session        mean {tps['mean']}  median {tps['median']}  max {tps['max']}",
        f"critiques per session    mean {cps['mean']}  median {cps['median']}  max {cps['max']}",
        f"not understood           {pct(stats['not_understood'])} of turns",
        f"needed clarification     {pct(stats['clarification'])} of turns",
        f"latency (ms)             p50 {lat['p50']}  p95 {lat['p95']}  (n={lat['n']})",
    ]
    picks = stats["picks"]
    if picks["total"]:
        shares = "  ".join(f"{k}:{100 * v:.0f}%" for k, v in picks["share_by_position"].items() if v)
        lines.append(f"picked position (n={picks['total']})  {shares}")
    else:
        lines.append("picked position          no item was picked")
    return "\n".join(lines)


def stats_plots(records: list[dict], stats: dict, out_dir: Path) -> list[Path]:
    """PNG plots of the distributions behind `log_stats`, written into out_dir."""
    from bot.sim.plots import bar_plot, histogram_plot

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        bar_plot(stats["turns_per_session"]["histogram"], out_dir / "turns_per_session.png",
                 "turns in a session", "sessions"),
        bar_plot(stats["critiques_per_session"]["histogram"], out_dir / "critiques_per_session.png",
                 "critiques in a session", "sessions"),
        bar_plot(stats["picks"]["by_position"], out_dir / "picked_position.png",
                 "position of the picked item in the sequence", "picks"),
    ]
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    if latencies:
        paths.append(histogram_plot(latencies, out_dir / "latency.png", "latency (ms)"))
    return paths

