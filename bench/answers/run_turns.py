"""Run small judged checks' requests through the product and write what it shows.

    cd CHECKOUT && python bench/answers/run_turns.py REQUESTS.json OUT.json MODEL

REQUESTS is a list of {"id", "turns": [...]}: each request is a new session, its turns said in
order; OUT holds, per id, the last reply's text, intent, start film, shown titles and buttons.
Run from a checkout of the revision to measure (its `bot` is imported from the current folder).
Used by form-2026-12-07 and start-2026-12-07.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")


def main() -> int:
    from bot.runtime import build_manager

    requests, out_path, model = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]), Path(sys.argv[3])
    manager = build_manager(model, f"sqlite:///{tempfile.mkdtemp(prefix='cgir-turns-')}/turns.db",
                            progress=False, warm_up=False)
    out = {}
    for request in requests:
        session = manager.new_session_id()
        for text in request["turns"]:
            reply = manager.handle(session, text)
        out[request["id"]] = {"reply": reply.text, "intent": reply.intent,
                              "start": reply.reference.title if reply.reference else None,
                              "items": [s.title for s in (reply.sequence or [])],
                              "buttons": [b.payload for b in (reply.buttons or [])]}
    manager.close()
    out_path.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
