"""The instructor's picture of a group (pure Python; pandas only for the table helpers).

Three ways in, one checker:

* :func:`load_folder` – a folder of learner exports (subfolders and ZIP archives included);
* :func:`load_files` – ``(name, bytes)`` pairs, e.g. from the instructor notebook's upload
  (single files and ZIP archives, e.g. an LMS download with subfolders);
* :func:`check_bytes` – one uploaded export (the Klassenraum service uses it); :func:`check_document`
  – one already parsed document.

Every file is untrusted: the size is checked before it is read, it is parsed as JSON only,
every per-file error is caught and reported with the file and a German reason (nesting too
deep, no read permission, unreadable, byte-order mark, broken ZIP …). Ids are validated
against the course content: unknown modules, quiz items, poll answers and self-assessment
axes are listed as skipped and never charted. Nothing from a file is executed, and every
view escapes every text. ZIP archives are guarded against zip bombs (number of entries,
total uncompressed size, size per entry read with a hard limit, nesting depth).

The aggregates (:func:`aggregate`) are computed on the first-attempt results
(``erster_versuch_richtig``) and the number of checks (``versuche``) of export format 2.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import CourseInputError
from . import export

MAX_FILE_BYTES = 100_000          # one export is ~2–6 kB
MAX_FILES = 500                   # files (incl. ZIP entries) per evaluation
MAX_ZIP_BYTES = 20_000_000        # a ZIP archive itself
MAX_ZIP_ENTRIES = 1000            # entries in one archive
MAX_ZIP_TOTAL = 50_000_000        # declared uncompressed size of all entries of one archive
MAX_ZIP_DEPTH = 2                 # a ZIP may contain ZIPs, those may not
MIN_GROUP = 3                     # projector / service: groups below this are not shown
BOM = b"\xef\xbb\xbf"
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_SYSTEM = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


# ------------------------------------------------------------------ course catalogue


@dataclass(frozen=True)
class Catalogue:
    modules: dict                 # mid -> title
    quiz: dict                    # mid -> {iid: {"question", "options": {oid: text}, "nr"}}
    polls: dict                   # mid -> {pid: {"question", "options": {oid: text}}}
    dims: tuple                   # self-assessment axes in the course's (the learner's) order
    dim_labels: dict


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """What the course really contains – the only ids an export may use."""
    from .. import content
    from ..m06_beziehungskompetenz.model import DIM_IDS, DIM_LABELS

    mods, quiz, polls = {}, {}, {}
    for m in content.modules():
        mid = m["id"]
        mods[mid] = m["title"]
        try:
            c = content.load_content(mid)
        except CourseInputError:
            c = {}
        quiz[mid] = {it["id"]: {"question": it["question"], "nr": k,
                                "options": {o["id"]: o["text"] for o in it["options"]}}
                     for k, it in enumerate(c.get("quiz", []), start=1)}
        polls[mid] = {p["id"]: {"question": p["question"], "options": {o["id"]: o["text"] for o in p["options"]}}
                      for p in c.get("polls", [])}
    return Catalogue(mods, quiz, polls, tuple(DIM_IDS), dict(DIM_LABELS))


def module_label(mid: str) -> str:
    return f"Modul {mid[1:]}" if re.fullmatch(r"m\d\d", mid) else "Modul"


def _shown(key) -> str:
    """An id for a German reason – only if it looks like an id; anything else is not echoed."""
    return f"„{key}“" if isinstance(key, str) and _ID.fullmatch(key) else "(unlesbarer Name)"


# ------------------------------------------------------------------ result


@dataclass
class Result:
    docs: list = field(default_factory=list)          # accepted, cleaned documents
    rejected: list = field(default_factory=list)      # (file, German reason): file not counted
    skipped: list = field(default_factory=list)       # (file, German reason): part of a counted file left out
    names: list = field(default_factory=list)         # file name of each accepted doc (instructor only)

    def __iter__(self):                                # docs, rejected = load_folder(...)
        return iter((self.docs, self.rejected))

    @property
    def problems(self) -> list:
        return self.rejected + self.skipped


class _Rejected(Exception):
    """One file is not counted; the message is the German reason."""


# ------------------------------------------------------------------ one document


def check_document(doc, cat: Catalogue | None = None) -> tuple[dict, list[str]]:
    """Validate and clean one parsed export. Returns (clean doc, [German reasons of skipped parts]).

    Raises :class:`CourseInputError` (German) when the document cannot be counted at all.
    """
    try:
        return _check(doc, cat or catalogue())
    except _Rejected as exc:
        raise CourseInputError(str(exc), "Bitte lassen Sie die Datei im Kurs neu erzeugen (00_Start, „Für Workshops“).") from None


def _check(doc, cat: Catalogue) -> tuple[dict, list[str]]:
    if not isinstance(doc, dict):
        raise _Rejected("fremdes Format: keine Kurs-Exportdatei")
    if doc.get("format") != export.FORMAT:
        raise _Rejected("fremdes Format: keine Kurs-Exportdatei")
    version = doc.get("version")
    if version == 1 and not isinstance(version, bool):  # JSON true == 1 in Python: not an old export
        raise _Rejected("ältere Exportdatei (Version 1): sie enthält nur den letzten Stand nach allen Versuchen, "
                        "nicht das Ergebnis des ersten Versuchs – bitte mit dem aktuellen Kurs neu exportieren")
    if version != export.VERSION or isinstance(version, bool):
        raise _Rejected("unbekannte Version der Exportdatei – bitte mit dem aktuellen Kurs neu exportieren")
    raw_name = doc.get("pseudonym")
    try:
        pseudonym = export.check_pseudonym(raw_name if isinstance(raw_name, str) else None)
    except CourseInputError:
        raise _Rejected("ungültiges Pseudonym (erlaubt: 2 bis 24 Buchstaben, Ziffern, „-“ oder „_“)") from None
    skipped: list[str] = []
    for key in doc:
        if key not in ("format", "version", "pseudonym", "quiz", "umfragen", "selbsteinschaetzung"):
            skipped.append(f"unbekanntes Feld {_shown(key)} – nicht gezählt")
    for key, kind in (("quiz", "Quizergebnisse"), ("umfragen", "Umfrageantworten")):
        if not isinstance(doc.get(key, {}), dict):
            raise _Rejected(f"die {kind} haben nicht die erwartete Form")

    quiz = {}
    for mid, items in doc.get("quiz", {}).items():
        if mid not in cat.quiz:
            skipped.append(f"unbekanntes Modul {_shown(mid)} in den Quizergebnissen – nicht gezählt")
            continue
        if not isinstance(items, dict):
            skipped.append(f"Quizergebnisse von {module_label(mid)} haben nicht die erwartete Form – nicht gezählt")
            continue
        for iid, rec in items.items():
            if iid not in cat.quiz[mid]:
                skipped.append(f"unbekannte Quizfrage {_shown(iid)} in {module_label(mid)} – nicht gezählt")
                continue
            ok = (isinstance(rec, dict) and set(rec) == {"erster_versuch_richtig", "versuche"}
                  and isinstance(rec["erster_versuch_richtig"], bool)
                  and isinstance(rec["versuche"], int) and not isinstance(rec["versuche"], bool)
                  and 1 <= rec["versuche"] <= export.MAX_ATTEMPTS)
            if not ok:
                skipped.append(f"Quizfrage {_shown(iid)} in {module_label(mid)}: Eintrag nicht lesbar "
                               f"(erwartet: erster Versuch richtig ja/nein, 1 bis {export.MAX_ATTEMPTS} Versuche) – nicht gezählt")
                continue
            quiz.setdefault(mid, {})[iid] = {"erster_versuch_richtig": rec["erster_versuch_richtig"], "versuche": rec["versuche"]}

    polls = {}
    for mid, answers in doc.get("umfragen", {}).items():
        if mid not in cat.polls:
            skipped.append(f"unbekanntes Modul {_shown(mid)} in den Umfragen – nicht gezählt")
            continue
        if not isinstance(answers, dict):
            skipped.append(f"Umfragen von {module_label(mid)} haben nicht die erwartete Form – nicht gezählt")
            continue
        for pid, oid in answers.items():
            if pid not in cat.polls[mid]:
                skipped.append(f"unbekannte Umfrage {_shown(pid)} in {module_label(mid)} – nicht gezählt")
            elif not isinstance(oid, str) or oid not in cat.polls[mid][pid]["options"]:
                skipped.append(f"unbekannte Antwort {_shown(oid)} auf Umfrage {_shown(pid)} in {module_label(mid)} – nicht gezählt")
            else:
                polls.setdefault(mid, {})[pid] = oid

    sa_raw = doc.get("selbsteinschaetzung")
    sa = None
    if sa_raw is not None:
        if not isinstance(sa_raw, dict):
            skipped.append("Selbsteinschätzung hat nicht die erwartete Form – nicht gezählt")
        else:
            for axis, v in sa_raw.items():
                if axis not in cat.dims:
                    skipped.append(f"unbekannter Bereich {_shown(axis)} der Selbsteinschätzung – nicht gezählt")
                elif isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 100:
                    skipped.append(f"Bereich {_shown(axis)} der Selbsteinschätzung: Wert außerhalb von 0 bis 100 – nicht gezählt")
                else:
                    sa = sa or {}
                    sa[axis] = v
            if sa is not None:
                sa = {d: sa[d] for d in cat.dims if d in sa}
    clean = {"format": export.FORMAT, "version": export.VERSION, "pseudonym": pseudonym,
             "quiz": quiz, "umfragen": polls, "selbsteinschaetzung": sa}
    if export.is_empty(clean):
        if skipped:
            raise _Rejected("enthält nichts, was zu diesem Kurs passt (" + "; ".join(skipped[:3])
                            + ("; …" if len(skipped) > 3 else "") + ")")
        raise _Rejected("leere Exportdatei: keine Quiz-, Umfrage- oder Selbsteinschätzungsdaten – "
                        "die Person hat vermutlich noch nichts bearbeitet")
    return clean, skipped


def parse_bytes(raw: bytes) -> tuple[object, list[str]]:
    """JSON from bytes with German reasons. Returns (document, notes)."""
    notes = []
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
        notes.append("mit Byte-Order-Mark (BOM, z. B. aus dem Windows-Editor) gespeichert – trotzdem gelesen")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Rejected("keine Textdatei in UTF-8 – vermutlich keine Kurs-Exportdatei") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise _Rejected("zu tief verschachtelt – keine Kurs-Exportdatei") from None
    except ValueError:
        raise _Rejected("beschädigt: kein gültiges JSON") from None
    return doc, notes


def check_bytes(raw: bytes) -> tuple[dict, list[str]]:
    """One uploaded export (e.g. a Klassenraum submission): (clean doc, German notes).

    Raises :class:`CourseInputError` with a German reason when it cannot be counted.
    """
    hint = "Bitte senden Sie Ihr Ergebnis noch einmal aus dem Kurs (Schaltfläche „An die Kursleitung senden“)."
    if len(raw) > MAX_FILE_BYTES:
        raise CourseInputError(f"Die Einsendung ist zu groß (mehr als {MAX_FILE_BYTES // 1000}\u00a0kB).", hint)
    try:
        doc, notes = parse_bytes(raw)
        clean, skipped = _check(doc, catalogue())
    except _Rejected as exc:
        raise CourseInputError(f"Die Einsendung wurde nicht gezählt: {exc}.", hint) from None
    except RecursionError:
        raise CourseInputError("Die Einsendung wurde nicht gezählt: zu tief verschachtelt.", hint) from None
    return clean, notes + skipped


# ------------------------------------------------------------------ many files


class _Collector:
    def __init__(self):
        self.result = Result()
        self.cat = catalogue()
        self.seen_hash: dict[str, str] = {}
        self.seen_name: dict[str, str] = {}
        self.count = 0

    def reject(self, name: str, reason: str) -> None:
        self.result.rejected.append((name, reason))

    def full(self, name: str) -> bool:
        self.count += 1
        if self.count > MAX_FILES:
            self.reject(name, f"mehr als {MAX_FILES} Dateien – übersprungen")
            return True
        return False

    def add_bytes(self, name: str, raw: bytes, depth: int = 0) -> None:
        """One file's content (already size-limited by the caller's read)."""
        try:
            low = name.lower()
            if low.endswith(".zip"):
                self.add_zip(name, raw, depth)
                return
            if self.full(name):
                return
            if not low.endswith(".json"):
                raise _Rejected("keine JSON-Datei (fremde Datei)")
            if len(raw) > MAX_FILE_BYTES:
                raise _Rejected(f"zu groß (mehr als {MAX_FILE_BYTES // 1000}\u00a0kB; eine Exportdatei hat wenige kB)")
            doc, notes = parse_bytes(raw)
            clean, skipped = _check(doc, self.cat)
            digest = hashlib.sha256(json.dumps(clean, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            if digest in self.seen_hash:
                raise _Rejected(f"gleicher Inhalt wie „{self.seen_hash[digest]}“ (Duplikat) – nur einmal gezählt")
            key = export.pseudonym_key(clean["pseudonym"])
            if key in self.seen_name:
                raise _Rejected(f"das Pseudonym „{clean['pseudonym']}“ kommt schon in „{self.seen_name[key]}“ vor "
                                "(Groß- und Kleinschreibung zählen nicht) – nur die erste Datei zählt; "
                                "bitten Sie eine der Personen, ein anderes Pseudonym zu wählen")
            self.seen_hash[digest] = name
            self.seen_name[key] = name
            self.result.docs.append(clean)
            self.result.names.append(name)
            self.result.skipped.extend((name, r) for r in notes + skipped)
        except _Rejected as exc:
            self.reject(name, str(exc))
        except RecursionError:
            self.reject(name, "zu tief verschachtelt – keine Kurs-Exportdatei")
        except MemoryError:
            self.reject(name, "zu groß für den Arbeitsspeicher")
        except Exception:  # noqa: BLE001 - one file must never stop the evaluation
            self.reject(name, "unerwarteter Fehler beim Lesen – die Datei wurde übersprungen")

    def add_zip(self, name: str, raw: bytes, depth: int) -> None:
        if depth >= MAX_ZIP_DEPTH:
            self.reject(name, "ZIP-Archiv in einem ZIP-Archiv in einem ZIP-Archiv – zu tief verschachtelt, nicht geöffnet")
            return
        if len(raw) > MAX_ZIP_BYTES:
            self.reject(name, f"ZIP-Archiv zu groß (mehr als {MAX_ZIP_BYTES // 1_000_000}\u00a0MB)")
            return
        try:
            zf = zipfile.ZipFile(io.BytesIO(raw))
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            self.reject(name, "beschädigtes ZIP-Archiv – nicht geöffnet")
            return
        files = [i for i in infos if not i.is_dir()]
        if len(files) > MAX_ZIP_ENTRIES:
            self.reject(name, f"ZIP-Archiv mit mehr als {MAX_ZIP_ENTRIES} Einträgen – nicht geöffnet (Schutz vor ZIP-Bomben)")
            return
        declared = sum(max(i.file_size, 0) for i in files)
        if declared > MAX_ZIP_TOTAL:
            self.reject(name, f"ZIP-Archiv würde entpackt mehr als {MAX_ZIP_TOTAL // 1_000_000}\u00a0MB ergeben – "
                              "nicht geöffnet (Schutz vor ZIP-Bomben)")
            return
        read_total = 0
        for info in sorted(files, key=lambda i: i.filename):
            entry = (info.filename or "")[-120:]
            shown = f"{name}/{entry}"
            base = entry.rsplit("/", 1)[-1]
            if entry.startswith(_SYSTEM[0]) or "/" + _SYSTEM[0] in entry or base.startswith(".") or base in _SYSTEM:
                self.reject(shown, "Systemdatei (z. B. von macOS oder Windows) – ignoriert")
                continue
            limit = MAX_ZIP_BYTES if base.lower().endswith(".zip") else MAX_FILE_BYTES
            if info.file_size > limit:
                self.reject(shown, f"zu groß (mehr als {limit // 1000}\u00a0kB) – nicht entpackt")
                continue
            if info.flag_bits & 0x1:
                self.reject(shown, "verschlüsselt – nicht geöffnet")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(limit + 1)  # never more, whatever the header claims
            except Exception:  # noqa: BLE001 - bad compression, CRC error, unsupported method …
                self.reject(shown, "im ZIP-Archiv beschädigt – nicht entpackt")
                continue
            read_total += len(data)
            if len(data) > limit:
                self.reject(shown, f"entpackt größer als angegeben (mehr als {limit // 1000}\u00a0kB) – nicht gelesen (Schutz vor ZIP-Bomben)")
                continue
            if read_total > MAX_ZIP_TOTAL:
                self.reject(shown, "ZIP-Archiv entpackt zu groß – Rest nicht gelesen (Schutz vor ZIP-Bomben)")
                break
            self.add_bytes(shown, data, depth + 1)


def _read_limited(path: Path, limit: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(limit + 1)


def load_folder(folder) -> Result:
    """All export files in ``folder`` (and its subfolders, and ZIP archives in it)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseInputError(f"Den Ordner „{folder.name}“ gibt es nicht.",
                               "Bitte prüfen Sie den Pfad zum Ordner mit den Exportdateien.")
    col = _Collector()
    paths = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda e: col.reject(Path(e.filename or "?").name, "Ordner kann nicht gelesen werden (keine Leserechte?)")):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__MACOSX")
        paths += [Path(dirpath) / f for f in filenames if not f.startswith(".")]
        if len(paths) > 4 * MAX_FILES:
            break
    for p in sorted(paths):
        name = p.relative_to(folder).as_posix()
        try:
            if p.is_symlink() or not p.is_file():
                col.reject(name, "keine normale Datei (Verknüpfung oder Gerät) – übersprungen")
                continue
            size = p.stat().st_size
            limit = MAX_ZIP_BYTES if name.lower().endswith(".zip") else MAX_FILE_BYTES
            if size > limit:
                if not col.full(name):
                    col.reject(name, f"zu groß ({size // 1000}\u00a0kB, erlaubt {limit // 1000}\u00a0kB) – nicht gelesen")
                continue
            raw = _read_limited(p, limit)
        except PermissionError:
            col.reject(name, "keine Leserechte für diese Datei")
            continue
        except OSError:
            col.reject(name, "kann nicht gelesen werden (Datei gesperrt, beschädigt oder verschwunden)")
            continue
        col.add_bytes(name, raw)
    return col.result


def load_files(files) -> Result:
    """``files``: iterable of ``(name, bytes)`` (an upload), single exports and ZIP archives."""
    col = _Collector()
    for name, raw in files:
        name = os.path.basename(str(name))[-120:] or "ohne Namen"
        try:
            data = bytes(raw)
        except Exception:  # noqa: BLE001
            col.reject(name, "kann nicht gelesen werden")
            continue
        col.add_bytes(name, data)
    return col.result


def load_upload(value) -> Result:
    """The ``value`` of an ipywidgets FileUpload (a tuple of dicts with name and content)."""
    pairs = []
    for item in value or ():
        try:
            pairs.append((item["name"], item["content"]))
        except (KeyError, TypeError):
            continue
    return load_files(pairs)


# ------------------------------------------------------------------ aggregates (pure Python)


def aggregate(docs, min_n: int = 1) -> dict:
    """The group picture from clean documents, with the course's texts, in course order.

    ``quiz``: per module, per item (content order) ``question``, ``n`` (answers), ``first_rate``
    (share right at the first check), ``mean_attempts``; ``polls``: per poll ``question``,
    ``n`` and per option (content order) ``text``, ``count``, ``share``; ``radar``: per axis
    (course order) ``label``, ``n``, ``mean``, ``sd``. Entries with fewer than ``min_n``
    answers are left out and counted in ``hidden``.
    """
    cat = catalogue()
    docs = list(docs)
    out = {"n": len(docs), "quiz": [], "polls": [], "radar": [], "hidden": 0, "min_n": min_n}
    for mid, items in cat.quiz.items():
        rows = []
        for iid, it in items.items():
            recs = [d["quiz"][mid][iid] for d in docs if iid in d["quiz"].get(mid, {})]
            if not recs:
                continue
            if len(recs) < min_n:
                out["hidden"] += 1
                continue
            rows.append({"id": iid, "nr": it["nr"], "question": it["question"], "n": len(recs),
                         "first_rate": sum(r["erster_versuch_richtig"] for r in recs) / len(recs),
                         "mean_attempts": sum(r["versuche"] for r in recs) / len(recs)})
        if rows:
            out["quiz"].append({"module": mid, "title": cat.modules[mid], "items": rows})
    for mid, polls in cat.polls.items():
        for pid, p in polls.items():
            answers = [d["umfragen"][mid][pid] for d in docs if pid in d["umfragen"].get(mid, {})]
            if not answers:
                continue
            if len(answers) < min_n:
                out["hidden"] += 1
                continue
            opts = [{"id": oid, "text": text, "count": answers.count(oid), "share": answers.count(oid) / len(answers)}
                    for oid, text in p["options"].items()]
            out["polls"].append({"module": mid, "id": pid, "title": cat.modules[mid], "question": p["question"],
                                 "n": len(answers), "options": opts})
    sas = [d["selbsteinschaetzung"] for d in docs if d.get("selbsteinschaetzung")]
    axes = []
    for dim in cat.dims:
        vals = [s[dim] for s in sas if dim in s]
        if not vals:
            continue
        mean = sum(vals) / len(vals)
        sd = (sum((v - mean) ** 2 for v in vals) / (len(vals) - 1)) ** 0.5 if len(vals) > 1 else 0.0
        axes.append({"id": dim, "label": cat.dim_labels[dim], "n": len(vals), "mean": mean, "sd": sd})
    if axes and min(a["n"] for a in axes) < min_n:
        out["hidden"] += 1
    elif axes:
        out["radar"] = axes
    return out


# ------------------------------------------------------------------ pandas tables (instructor notebook)


def quiz_difficulty(docs, min_n: int = 1):
    """Per quiz item: module, question text, answers, share right at the first attempt, mean attempts."""
    import pandas as pd

    rows = [{"Modul": q["module"], "Nr.": it["nr"], "Frage": it["question"], "Antworten": it["n"],
             "beim ersten Versuch richtig": it["first_rate"], "Ø Versuche": it["mean_attempts"]}
            for q in aggregate(docs, min_n)["quiz"] for it in q["items"]]
    return pd.DataFrame(rows, columns=["Modul", "Nr.", "Frage", "Antworten", "beim ersten Versuch richtig", "Ø Versuche"])


def selfassessment_summary(docs, min_n: int = 1):
    """Per self-assessment area (course order): learners, mean and standard deviation (0–100)."""
    import pandas as pd

    rows = [{"Bereich": a["label"], "n": a["n"], "Mittelwert": a["mean"], "Streuung": a["sd"]}
            for a in aggregate(docs, min_n)["radar"]]
    return pd.DataFrame(rows, columns=["Bereich", "n", "Mittelwert", "Streuung"])


def poll_distribution(docs, min_n: int = 1):
    """Per poll and answer (with texts): count and share."""
    import pandas as pd

    rows = [{"Modul": p["module"], "Umfrage": p["question"], "Antwort": o["text"], "Anzahl": o["count"], "Anteil": o["share"]}
            for p in aggregate(docs, min_n)["polls"] for o in p["options"]]
    return pd.DataFrame(rows, columns=["Modul", "Umfrage", "Antwort", "Anzahl", "Anteil"])
