"""The learner's anonymous export for a workshop (pure; no widgets).

One JSON file with a pseudonym and nothing else about the person: quiz results (right or
not, attempts), the latest self-assessment scores of module 06 and the chosen poll answers.
No reflection texts, no dates or times, no names, no machine information.
"""
from __future__ import annotations

import json
import re

from ..errors import CourseInputError
from ..storage import Store, atomic_write_text, data_dir

FORMAT = "vertrieb30/klassenergebnis"
VERSION = 1
PSEUDONYM = re.compile(r"^[A-Za-zÄÖÜäöüß0-9_-]{2,24}$")


def check_pseudonym(value) -> str:
    """A pseudonym: 2–24 letters, digits, '-' or '_' – no spaces, no e-mail address."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise CourseInputError("Bitte geben Sie ein Pseudonym ein.",
                               "Erfinden Sie einen Namen, der nichts über Sie verrät, etwa „Falke7“.")
    if "@" in text:
        raise CourseInputError("Das sieht nach einer E-Mail-Adresse aus.",
                               "Bitte verwenden Sie ein erfundenes Pseudonym ohne @, etwa „Falke7“.")
    if not PSEUDONYM.match(text):
        raise CourseInputError("Das Pseudonym darf nur Buchstaben, Ziffern, „-“ und „_“ enthalten (2 bis 24 Zeichen, keine Leerzeichen).",
                               "Zum Beispiel „Falke7“ oder „Team_Nord“.")
    return text


def build(pseudonym: str, stores: dict | None = None) -> dict:
    """The export document from the learner's stores (or from ``stores`` given as dicts)."""
    name = check_pseudonym(pseudonym)
    stores = stores if stores is not None else {n: Store(n).read() for n in ("quiz", "polls", "selfassessment")}
    quiz = {}
    for mid, items in sorted(stores.get("quiz", {}).items()):
        quiz[mid] = {iid: {"richtig": bool(r.get("correct")), "versuche": int(r.get("attempts", 0))}
                     for iid, r in sorted(items.items()) if isinstance(r, dict)}
    polls = {mid: dict(sorted(v.items())) for mid, v in sorted(stores.get("polls", {}).items()) if isinstance(v, dict)}
    sa = None
    runs = stores.get("selfassessment", {}).get("m06", {}).get("runs", [])
    if runs and isinstance(runs[-1], dict) and isinstance(runs[-1].get("werte"), dict):
        sa = {k: int(round(float(v))) for k, v in sorted(runs[-1]["werte"].items())}
    return {"format": FORMAT, "version": VERSION, "pseudonym": name, "quiz": quiz,
            "umfragen": polls, "selbsteinschaetzung": sa}


def preview(doc: dict) -> str:
    """Exactly the text that will be written to the file."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def save(doc: dict):
    """Write the export atomically to ``<data dir>/exporte/vertrieb30-<pseudonym>.json``."""
    folder = data_dir() / "exporte"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"vertrieb30-{doc['pseudonym']}.json"
    atomic_write_text(path, preview(doc) + "\n")
    return path
