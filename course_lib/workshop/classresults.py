"""The instructor's picture of a group (pure; pandas, no widgets).

:func:`load_folder` reads a folder of learner exports. Every file is treated as untrusted:
size-limited, parsed as JSON only, validated against ``schemas/export.schema.json``;
malformed, duplicate and foreign files are listed with a German reason and skipped. Nothing
from a file is executed, and the views escape every text.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from ..errors import CourseInputError
from ..schema import validate, load_schema
from .export import FORMAT

MAX_FILE_BYTES = 100_000
MAX_FILES = 500


def load_folder(folder) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return (accepted export documents, [(file name, German reason), ...] for skipped files)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseInputError(f"Den Ordner „{folder.name}“ gibt es nicht.", "Bitte prüfen Sie den Pfad zum Ordner mit den Exportdateien.")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    accepted, rejected = [], []
    seen_hash, seen_name = {}, {}
    schema = load_schema("export")
    for i, f in enumerate(files):
        name = f.name
        if i >= MAX_FILES:
            rejected.append((name, f"mehr als {MAX_FILES} Dateien – übersprungen"))
            continue
        if f.suffix.lower() != ".json":
            rejected.append((name, "keine JSON-Datei (fremde Datei)"))
            continue
        raw = f.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            rejected.append((name, f"zu groß ({len(raw) // 1000} kB, erlaubt {MAX_FILE_BYTES // 1000} kB)"))
            continue
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            rejected.append((name, "beschädigt: kein gültiges JSON"))
            continue
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            rejected.append((name, "fremdes Format: keine Kurs-Exportdatei"))
            continue
        errs = validate(doc, schema)
        if errs:
            path, msg = errs[0]
            rejected.append((name, f"ungültiger Inhalt bei {path or 'Wurzel'}: {msg}"))
            continue
        digest = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
        if digest in seen_hash:
            rejected.append((name, f"Duplikat von „{seen_hash[digest]}“"))
            continue
        if doc["pseudonym"] in seen_name:
            rejected.append((name, f"Pseudonym „{doc['pseudonym']}“ kommt schon in „{seen_name[doc['pseudonym']]}“ vor – nur die erste Datei zählt"))
            continue
        seen_hash[digest] = name
        seen_name[doc["pseudonym"]] = name
        accepted.append(doc)
    return accepted, rejected


def quiz_difficulty(docs: list[dict]) -> pd.DataFrame:
    """Per quiz item: answers, share answered correctly (item difficulty p), mean attempts."""
    rows = []
    for d in docs:
        for mid, items in d["quiz"].items():
            for iid, r in items.items():
                rows.append({"Modul": mid, "Frage": iid, "richtig": r["richtig"], "versuche": r["versuche"]})
    if not rows:
        return pd.DataFrame(columns=["Modul", "Frage", "Antworten", "Anteil richtig", "Ø Versuche"])
    df = pd.DataFrame(rows)
    g = df.groupby(["Modul", "Frage"], sort=True)
    out = pd.DataFrame({"Antworten": g.size(), "Anteil richtig": g["richtig"].mean(), "Ø Versuche": g["versuche"].mean()}).reset_index()
    return out


def selfassessment_summary(docs: list[dict]) -> pd.DataFrame:
    """Per self-assessment dimension: number of learners, mean and standard deviation (0–100)."""
    rows = [dict(d["selbsteinschaetzung"]) for d in docs if d.get("selbsteinschaetzung")]
    if not rows:
        return pd.DataFrame(columns=["Bereich", "n", "Mittelwert", "Streuung"])
    df = pd.DataFrame(rows)
    out = pd.DataFrame({"n": df.count(), "Mittelwert": df.mean(), "Streuung": df.std(ddof=1)}).reset_index(names="Bereich")
    return out


def poll_distribution(docs: list[dict]) -> pd.DataFrame:
    """Per poll and answer: count and share."""
    rows = [{"Modul": mid, "Umfrage": pid, "Antwort": ans}
            for d in docs for mid, polls in d["umfragen"].items() for pid, ans in polls.items()]
    if not rows:
        return pd.DataFrame(columns=["Modul", "Umfrage", "Antwort", "Anzahl", "Anteil"])
    df = pd.DataFrame(rows)
    out = df.groupby(["Modul", "Umfrage", "Antwort"]).size().rename("Anzahl").reset_index()
    out["Anteil"] = out["Anzahl"] / out.groupby(["Modul", "Umfrage"])["Anzahl"].transform("sum")
    return out
