"""Run the form requests through the product (cwd = the checkout) and write replies."""
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, ".")
from bot.runtime import build_manager
reqs = json.load(open(sys.argv[1]))
m = build_manager(Path(sys.argv[3]), f"sqlite:///{tempfile.mkdtemp()}/f.db", progress=False, warm_up=False)
out = {}
for q in reqs:
    sid = m.new_session_id()
    for t in q["turns"]:
        r = m.handle(sid, t)
    out[q["id"]] = {"reply": r.text, "intent": r.intent, "start": r.reference.title if r.reference else None,
                    "items": [s.title for s in (r.sequence or [])]}
json.dump(out, open(sys.argv[2], "w"), indent=1)
