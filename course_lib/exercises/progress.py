"""Learner progress per task (store ``progress``): not tried / tried / solved (or, for free
text, self-checked with the learner's own coverage rating), attempts, the first attempt's
result (``first_correct``, written once and never changed), hints used, whether the model
solution was opened, and the last response (so nothing a learner entered is lost)."""
from __future__ import annotations

import time

from .. import content
from ..storage import Store

STORE = "progress"
STATUS_DE = {"open": "noch nicht versucht", "tried": "versucht", "solved": "gelöst", "self_checked": "bearbeitet"}


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


def record_attempt(module_id: str, task_id: str, response, solved: bool, *, graded: bool = True) -> dict:
    """Count a real attempt. ``first_correct`` keeps the result of the first graded attempt
    forever; free-text attempts (``graded=False``) are never „gelöst“."""
    def change(r):
        r["attempts"] = r.get("attempts", 0) + 1
        r["response"] = response
        if graded and "first_correct" not in r:
            r["first_correct"] = bool(solved)
        if solved and graded:
            r["status"] = "solved"
        elif r.get("status") not in ("solved", "self_checked"):
            r["status"] = "tried"

    return _update(module_id, task_id, change)


def record_self_check(module_id: str, task_id: str, covered: list[str], n_points: int) -> dict:
    """A free-text task after the learner's own check: which key points their text covers."""
    def change(r):
        if not r.get("attempts"):
            raise ValueError("self-check before a real attempt")
        r["status"] = "self_checked"
        r["covered"] = list(covered)
        r["coverage"] = round(len(covered) / n_points, 4) if n_points else 0.0

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
    """:func:`overview_rows` as a pandas DataFrame (one row per module)."""
    import pandas as pd

    return pd.DataFrame(overview_rows())


def overview_rows() -> list[dict]:
    """One dict per module: tasks, tried, solved, first-attempt successes, attempts,
    free-text tasks self-checked (with the mean self-rated coverage) and the share solved
    among the automatically checked tasks. Plain dicts: the start page shows them without
    importing pandas (≈ 25 MB per kernel, issue #22)."""
    data = store().read()
    rows = []
    for m in content.modules():
        if not m.get("exercise"):
            continue
        try:
            tasks = content.load_tasks(m["id"])["tasks"]
        except (OSError, ValueError, KeyError):  # a module without a tasks file yet shows 0
            tasks = []
        recs = data.get(m["id"], {})
        kinds = {t["id"]: t["type"] for t in tasks}
        mine = {t: r for t, r in recs.items() if t in kinds and isinstance(r, dict)}
        graded = [t for t, k in kinds.items() if k != "text"]
        tried = sum(1 for r in mine.values() if r.get("status") in ("tried", "solved", "self_checked"))
        solved = sum(1 for t, r in mine.items() if r.get("status") == "solved" and kinds[t] != "text")
        first = sum(1 for t, r in mine.items() if r.get("first_correct") is True and kinds[t] != "text")
        attempts = sum(int(r.get("attempts", 0)) for r in mine.values())
        checked = [r for t, r in mine.items() if kinds[t] == "text" and r.get("status") == "self_checked"]
        n_text = sum(1 for k in kinds.values() if k == "text")
        cov = sum(float(r.get("coverage", 0.0)) for r in checked) / len(checked) if checked else None
        rows.append({"Modul": f"{m['id'][1:]} {m['title']}", "Aufgaben": len(tasks), "versucht": tried,
                     "gelöst": solved, "beim ersten Versuch richtig": first, "Versuche": attempts,
                     "Freitext bearbeitet": f"{len(checked)} von {n_text}" if n_text else "–",
                     "Selbstcheck: Kernpunkte abgedeckt": cov,
                     "Anteil gelöst": (solved / len(graded)) if graded else 0.0})
    return rows
