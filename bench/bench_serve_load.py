"""Load benchmark of `cgir serve`: N concurrent senders x T turns over the REST channel.

Starts `cgir serve --workers W` as a subprocess on a loopback socket it binds to a port the
kernel picks and hands down (`--fd`), with a fresh SQLite database or the --db URL (PostgreSQL:
the senders' ids are fresh, so a shared database is fine); waits for /health; runs every
sender's scripted conversation in its own thread (one HTTP keep-alive session each), then checks:
every turn answered 200 with a well-formed Rasa REST reply and no manager apology (intent
"error"), and each sender's turns are all in the log database. Prints latency percentiles, the
load average before and after, and a markdown row for docs/benchmarks/channels.md. Bounded:
stops by itself after --timeout seconds.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_serve_load.py --workers 2   # 50 x 20
    .venv/bin/python bench/bench_serve_load.py --senders 5 --turns 4 --model DIR
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.metrics.stats import percentile  # noqa: E402
CRITIQUES = (
    "more comedy", "less violent", "a bit darker", "more epic", "less action", "funnier",
    "more sci-fi", "less slow-paced", "more feel-good", "less gory", "more romance",
    "more thought-provoking",
)


def script_turn(sender: int, turn: int, last_buttons: list[dict]) -> str:
    """The sender's next message: start over, take a suggested reference, then critique / pick / undo."""
    if turn == 0:
        return "restart"
    if turn == 1:
        refs = [b["payload"] for b in last_buttons if b["payload"].startswith("something like")]
        return refs[sender % len(refs)] if refs else "help"
    cycle = (turn - 2) % 6
    if cycle in (0, 2, 4):
        return CRITIQUES[(sender + turn) % len(CRITIQUES)]
    if cycle == 1:
        return f"#{1 + (sender + turn) % 5}"
    if cycle == 3:
        return "the last one"
    return "undo"


def run_sender(url: str, sender_index: int, turns: int, deadline: float) -> dict:
    session = requests.Session()
    sender = session.post(url + "/session", timeout=30).json()["sender"]
    latencies: list[float] = []
    errors: list[str] = []
    buttons: list[dict] = []
    for turn in range(turns):
        if time.monotonic() > deadline:
            errors.append("deadline reached")
            break
        message = script_turn(sender_index, turn, buttons)
        start = time.perf_counter()
        try:
            res = session.post(url + "/webhooks/rest/webhook",
                               json={"sender": sender, "message": message}, timeout=120)
            elapsed = time.perf_counter() - start
            body = res.json()
        except (requests.RequestException, ValueError) as error:
            errors.append(f"turn {turn}: {error!r}")
            continue
        latencies.append(elapsed)
        if res.status_code != 200:
            errors.append(f"turn {turn}: HTTP {res.status_code} {body}")
            continue
        if not (isinstance(body, list) and body and body[0].get("recipient_id") == sender):
            errors.append(f"turn {turn}: malformed reply {body!r:.200}")
            continue
        custom = body[0].get("custom") or {}
        if custom.get("intent") == "error":
            errors.append(f"turn {turn}: the manager apologised: {body[0].get('text')!r}")
        buttons = body[0].get("buttons") or []
    return {"sender": sender, "latencies": latencies, "errors": errors}


def start_server(args, db_url: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    sock = socket.create_server(("127.0.0.1", 0), backlog=1024)
    command = [sys.executable, "-m", "bot.cli.main", "serve", "--fd", str(sock.fileno()), "--db", db_url,
               "--threads", str(args.threads), "--workers", str(args.workers), "--quiet"]
    if args.model:
        command += ["--model", args.model]
    with sock, log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                   pass_fds=(sock.fileno(),), env=dict(os.environ, PYTHONUNBUFFERED="1"))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    deadline = time.monotonic() + args.startup_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"cgir serve exited early:\n{log_path.read_text()}")
        try:
            if requests.get(url + "/health", timeout=5).ok:
                return process, url
        except requests.RequestException:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"cgir serve not ready after {args.startup_timeout} s:\n{log_path.read_text()}")


def server_pids(pid: int) -> list[int]:
    """The `cgir serve` process and its workers (Linux)."""
    return [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes used so far (Linux /proc/PID/stat)."""
    total = 0
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def memory_mib(pid: int) -> dict:
    """Resident and proportional (shared pages split) memory of the server's processes, in MiB."""
    pids = server_pids(pid)
    out = {"processes": len(pids), "rss": 0.0, "pss": 0.0}
    for p in pids:
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                out[key.lower()] += int(value.split()[0]) / 1024
    return {k: round(v) if isinstance(v, float) else v for k, v in out.items()}


def ready_workers(url: str, workers: int, timeout: float) -> None:
    """Wait until every worker has answered /health warm (model and sentence encoder loaded), so
    no timed turn waits for a start-up."""
    warm: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(warm) < workers and time.monotonic() < deadline:
        # A new connection each time, so the kernel may hand it to any worker.
        health = requests.get(url + "/health", timeout=30, headers={"Connection": "close"}).json()
        if health.get("warm"):
            warm.add(health["pid"])
        else:
            time.sleep(0.2)
    if len(warm) < workers:
        raise SystemExit(f"only {len(warm)} of {workers} workers were warm within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--model", default=None, help="model dir (default: the cached demo model)")
    parser.add_argument("--threads", type=int, default=4, help="server threads per process")
    parser.add_argument("--workers", type=int, default=1, help="server processes (cgir serve --workers)")
    parser.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--timeout", type=float, default=900, help="stop after this many seconds")
    parser.add_argument("--startup-timeout", type=float, default=600)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()

    from bot.store.sessions import Store

    with tempfile.TemporaryDirectory(prefix="cgir-load-") as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'load.db'}"
        process, url = start_server(args, db_url, Path(tmp) / "serve.log")
        try:
            ready_workers(url, args.workers, args.startup_timeout)
            load_before = os.getloadavg()
            linux = Path("/proc/self/stat").exists()
            pids = server_pids(process.pid) if linux else []
            server_cpu = cpu_seconds(pids) if linux else float("nan")
            client_cpu = time.process_time()
            health_latencies: list[float] = []
            stop = threading.Event()

            def probe() -> None:
                # The event loop must stay responsive while turns run in worker threads.
                while not stop.is_set():
                    start = time.perf_counter()
                    requests.get(url + "/health", timeout=30)
                    health_latencies.append(time.perf_counter() - start)
                    stop.wait(0.5)

            prober = threading.Thread(target=probe, daemon=True)
            deadline = time.monotonic() + args.timeout
            start = time.perf_counter()
            prober.start()
            with ThreadPoolExecutor(args.senders) as pool:
                results = list(pool.map(lambda i: run_sender(url, i, args.turns, deadline), range(args.senders)))
            wall = time.perf_counter() - start
            load_after = os.getloadavg()
            server_cpu = cpu_seconds(pids) - server_cpu if linux else float("nan")
            client_cpu = time.process_time() - client_cpu
            memory = memory_mib(process.pid) if Path("/proc/self/smaps_rollup").exists() else {}
            stop.set()
            prober.join(timeout=5)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        with Store(db_url) as store:
            per_sender = {r["sender"]: store.count_turns(r["sender"]) for r in results}
            logged = sum(per_sender.values())

    latencies = [x for r in results for x in r["latencies"]]
    errors = [e for r in results for e in r["errors"]]
    expected = args.senders * args.turns
    missing = {s: n for s, n in per_sender.items() if n != args.turns}
    summary = {
        "senders": args.senders, "turns_per_sender": args.turns, "turns": len(latencies),
        "errors": len(errors), "logged_turns": logged, "expected_turns": expected,
        "senders_with_missing_turns": len(missing),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "max_ms": round(1000 * max(latencies, default=float("nan")), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        "health_p95_ms": round(1000 * percentile(health_latencies, 95), 1),
        "wall_s": round(wall, 1), "turns_per_s": round(len(latencies) / wall, 1),
        "server_threads": args.threads, "workers": args.workers,
        "database": db_url.split(":", 1)[0], "cpus": os.cpu_count(),
        "server_memory_mib": memory,
        # CPU the server and this client used per second of the run (2.0 = both cores all along).
        "server_cores_used": round(server_cpu / wall, 2), "client_cores_used": round(client_cpu / wall, 2),
        "server_cpu_ms_per_turn": round(1000 * server_cpu / max(len(latencies), 1), 2),
        "load_before": [round(x, 1) for x in load_before], "load_after": [round(x, 1) for x in load_after],
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            print(f"{key:>28}: {value}")
        print("\n| workers x threads | database | senders x turns | errors | logged / expected | p50 | p95 | max "
              "| /health p95 | turns/s | load (1 min) before / after |")
        print(f"| {args.workers} x {args.threads} | {summary['database']} | {args.senders} x {args.turns} | "
              f"{len(errors)} | {logged} / {expected} | "
              f"{summary['p50_ms']} ms | {summary['p95_ms']} ms | {summary['max_ms']} ms | "
              f"{summary['health_p95_ms']} ms | {summary['turns_per_s']} | "
              f"{load_before[0]:.1f} / {load_after[0]:.1f} |")
    for error in errors[:10]:
        print("error:", error, file=sys.stderr)
    ok = not errors and logged == expected and not missing
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
