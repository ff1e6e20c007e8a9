"""Learner progress per task (store ``progress``): not tried / tried / solved, attempts,
hints used, whether the model solution was opened, and the last response (so nothing a
learner entered is lost)."""
from __future__ import annotations

import time

from .. import content
from ..storage import Store

STORE = "progress"
STATUS_DE = {"open": "noch nicht versucht", "tried": "versucht", "solved": "gelöst"}


def store() -> Store:
    return Store(STORE)


def get(module_id: str, task_id: str) -> dict:
    rec = store().read().get(module_id, {}).get(task_id, {})
    return {"status": "open", "attempts": 0, "hints": 0, "solution_seen": False, **rec}


def _update(module_id: str, task_id: str, change) -> dict:
    out = {}

    def apply(d):
        rec = d.setdefault(module_id, {}).setdefault(task_id, {"status": "open", "attempts": 0, "hints": 0})
        change(rec)
        rec["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        out.update(rec)

    store().update(apply)
    return out


def save_response(module_id: str, task_id: str, response) -> dict:
    """Keep what the learner entered (even when it is not checkable yet)."""
    return _update(module_id, task_id, lambda r: r.__setitem__("response", response))


def record_attempt(module_id: str, task_id: str, response, solved: bool) -> dict:
    def change(r):
        r["attempts"] = r.get("attempts", 0) + 1
        r["response"] = response
        if solved:
            r["status"] = "solved"
        elif r.get("status") != "solved":
            r["status"] = "tried"

    return _update(module_id, task_id, change)


def record_hint(module_id: str, task_id: str, n_hints: int) -> dict:
    return _update(module_id, task_id, lambda r: r.__setitem__("hints", min(n_hints, r.get("hints", 0) + 1)))


def record_solution_seen(module_id: str, task_id: str) -> dict:
    return _update(module_id, task_id, lambda r: r.__setitem__("solution_seen", True))


def reset(module_id: str | None = None) -> None:
    """Reset all progress (or one module's)."""
    def change(d):
        if module_id is None:
            d.clear()
        else:
            d.pop(module_id, None)

    store().update(change)


def overview():
    """A pandas DataFrame: per module the number of tasks, tried, solved and the share solved."""
    import pandas as pd

    data = store().read()
    rows = []
    for m in content.modules():
        if not m.get("exercise"):
            continue
        try:
            tasks = content.load_tasks(m["id"])["tasks"]
        except Exception:  # noqa: BLE001 - a module without tasks yet shows 0
            tasks = []
        recs = data.get(m["id"], {})
        ids = {t["id"] for t in tasks}
        tried = sum(1 for t, r in recs.items() if t in ids and r.get("status") in ("tried", "solved"))
        solved = sum(1 for t, r in recs.items() if t in ids and r.get("status") == "solved")
        rows.append({"Modul": f"{m['id'][1:]} {m['title']}", "Aufgaben": len(tasks), "versucht": tried,
                     "gelöst": solved, "Anteil gelöst": (solved / len(tasks)) if tasks else 0.0})
    return pd.DataFrame(rows)
