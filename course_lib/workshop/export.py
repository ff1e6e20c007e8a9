"""The learner's anonymous export for a workshop (pure; no widgets).

One JSON document with a pseudonym and nothing else about the person: per quiz item the
result of the FIRST check (``erster_versuch_richtig``) and the number of checks
(``versuche``), the latest self-assessment scores of module 06 and the chosen poll answers.
No reflection texts, no dates or times, no names, no machine information.

Format version 2 (this one) replaced version 1, whose ``richtig`` was the latest state after
any number of retries (≈ 100 % after a session, so it measured nothing). Version 1 files are
rejected by the class results with a German reason (see ``classresults``).

An item counts as attempted only if the quiz store holds a boolean ``first_correct`` and at
least one attempt; everything else is left out of the export.
"""
from __future__ import annotations

import json
import re
import secrets
import unicodedata

from ..errors import CourseInputError
from ..storage import Store, atomic_write_text, data_dir

FORMAT = "vertrieb30/klassenergebnis"
VERSION = 2
PSEUDONYM = re.compile(r"[A-Za-zÄÖÜäöüß0-9_-]{2,24}")
MAX_ATTEMPTS = 1000


def normalise_pseudonym(value) -> str:
    """Unicode NFC, surrounding white space (incl. a trailing newline) removed."""
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""


def pseudonym_key(value: str) -> str:
    """The comparison key: two pseudonyms that differ only in case are the same person."""
    return normalise_pseudonym(value).casefold()


def check_pseudonym(value) -> str:
    """A pseudonym: 2–24 letters, digits, '-' or '_' – no spaces, no e-mail address."""
    text = normalise_pseudonym(value)
    if not text:
        raise CourseInputError("Bitte geben Sie ein Pseudonym ein.",
                               "Erfinden Sie einen Namen, der nichts über Sie verrät, etwa „Falke7“.")
    if "@" in text:
        raise CourseInputError("Das sieht nach einer E-Mail-Adresse aus.",
                               "Bitte verwenden Sie ein erfundenes Pseudonym ohne @, etwa „Falke7“.")
    if not PSEUDONYM.fullmatch(text):
        raise CourseInputError("Das Pseudonym darf nur Buchstaben, Ziffern, „-“ und „_“ enthalten (2 bis 24 Zeichen, keine Leerzeichen).",
                               "Zum Beispiel „Falke7“ oder „Team_Nord“.")
    return text


def quiz_record(r) -> dict | None:
    """The export record of one quiz-store record, or None if it does not count as attempted."""
    if not isinstance(r, dict):
        return None
    first, attempts = r.get("first_correct"), r.get("attempts")
    if not isinstance(first, bool) or isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        return None
    return {"erster_versuch_richtig": first, "versuche": min(attempts, MAX_ATTEMPTS)}


def build(pseudonym: str, stores: dict | None = None) -> dict:
    """The export document from the learner's stores (or from ``stores`` given as dicts)."""
    name = check_pseudonym(pseudonym)
    stores = stores if stores is not None else {n: Store(n).read() for n in ("quiz", "polls", "selfassessment")}
    quiz = {}
    for mid, items in sorted((stores.get("quiz") or {}).items()):
        if not isinstance(items, dict):
            continue
        recs = {iid: rec for iid, r in sorted(items.items()) if (rec := quiz_record(r)) is not None}
        if recs:
            quiz[mid] = recs
    polls = {mid: {k: a for k, a in sorted(v.items()) if isinstance(a, str)}
             for mid, v in sorted((stores.get("polls") or {}).items()) if isinstance(v, dict)}
    polls = {m: v for m, v in polls.items() if v}
    sa = None
    runs = ((stores.get("selfassessment") or {}).get("m06") or {}).get("runs") or []
    if runs and isinstance(runs[-1], dict) and isinstance(runs[-1].get("werte"), dict):
        sa = {k: int(round(float(v))) for k, v in runs[-1]["werte"].items()}
    return {"format": FORMAT, "version": VERSION, "pseudonym": name, "quiz": quiz,
            "umfragen": polls, "selbsteinschaetzung": sa}


def is_empty(doc: dict) -> bool:
    return not doc.get("quiz") and not doc.get("umfragen") and not doc.get("selbsteinschaetzung")


def preview(doc: dict) -> str:
    """Exactly the text that will be written to the file."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def file_name(doc: dict) -> str:
    """``vertrieb30-<pseudonym>-<random>.json``: two learners with the same pseudonym never
    overwrite each other's file in a shared folder or an LMS download."""
    return f"vertrieb30-{doc['pseudonym']}-{secrets.token_hex(3)}.json"


def save(doc: dict):
    """Write the export atomically to ``<data dir>/exporte/vertrieb30-<pseudonym>-<random>.json``."""
    folder = data_dir() / "exporte"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(doc)
    atomic_write_text(path, preview(doc) + "\n")
    return path
