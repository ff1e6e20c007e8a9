"""Instructor handouts: a self-contained student set of the exercise notebooks with no solution in it.

``python -m course_lib.exercises.handout OUTDIR`` (or ``make handouts``) writes

* ``OUTDIR/exercises/*.ipynb`` – outputs, execution counts and stored widget state removed,
  every ``course_lib`` import rewritten to ``vertrieb30_handout``;
* ``OUTDIR/exercises/vertrieb30_handout/`` – a stripped copy of the library under an import
  name that can never resolve to the full course. It lies next to the notebooks, so a kernel
  started in that folder imports it first – also in an environment where the full course
  (``course_lib``) is installed. Its ``tasks.json`` files have every piece of solution
  material removed (:data:`TASK_SOLUTION_FIELDS`, option/item feedback, the free-text rubric:
  ``concepts`` with their labels and patterns, ``min_concepts``), its quiz items are removed
  (they carry the right answers), and the task widgets save answers without checking them
  („Arbeitsblatt-Fassung“);
* ``OUTDIR/README.md`` and ``OUTDIR/requirements.txt``; a marker file :data:`MARKER`.

and then scans every file of the set for solution text and for references to the full course
(:func:`find_leaks`). It exits with status 1 and lists the leaks if it finds any.

The command deletes and rebuilds ``OUTDIR`` only if it created it (marker file) or if it is
empty; it refuses to delete any other folder (status 2, German message).
"""
from __future__ import annotations

import copy
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "vertrieb30_handout"
MARKER = ".vertrieb30-arbeitsblaetter"
TASK_SOLUTION_FIELDS = ("answer", "solution", "mistakes", "expected", "concepts", "min_concepts")
_COURSE_NAME = re.compile(r"\bcourse_lib\b")
ENTRY_SOLUTION_FIELDS = ("feedback",)  # in options[] and items[]
MIN_LEAK_CHARS = 12


def strip_task(task: dict) -> dict:
    t = copy.deepcopy(task)
    for f in TASK_SOLUTION_FIELDS:
        t.pop(f, None)
    for key in ("options", "items"):
        for entry in t.get(key, []):
            for f in ENTRY_SOLUTION_FIELDS:
                entry.pop(f, None)
    return t


def strip_tasks_file(doc: dict) -> dict:
    return {"module": doc["module"], "handout": True, "tasks": [strip_task(t) for t in doc["tasks"]]}


def solution_strings(task_docs: list[dict]) -> set[str]:
    """Every solution text of the full task files (long enough to search for)."""
    out: set[str] = set()
    for doc in task_docs:
        for t in doc["tasks"]:
            texts = [t.get("solution", "")]
            texts += [e.get("feedback", "") for k in ("options", "items") for e in t.get(k, [])]
            texts += [m.get("feedback", "") for m in t.get("mistakes", [])]
            # the free-text rubric – except a label the task's own prompt or hints already say to learners
            public = " ".join([t.get("prompt", "")] + list(t.get("hints", [])))
            texts += [c.get("label", "") for c in t.get("concepts", []) if c.get("label", "") not in public]
            out.update(x.strip() for x in texts if len(x.strip()) >= MIN_LEAK_CHARS)
    return out


def _strings_in_json(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings_in_json(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings_in_json(v)


def find_leaks(out_dir: Path, task_docs: list[dict]) -> list[str]:
    """Places in ``out_dir`` that contain solution material. Empty list = clean."""
    out_dir = Path(out_dir)
    needles = solution_strings(task_docs)
    leaks = []
    for f in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        rel = f.relative_to(out_dir)
        raw = f.read_bytes()
        text = raw.decode("utf-8", errors="ignore")
        haystacks = [text]
        if f.suffix in (".json", ".ipynb"):
            try:
                doc = json.loads(text)
            except ValueError:
                doc = None
            if doc is not None:
                haystacks.append("\n".join(_strings_in_json(doc)))
                if f.name == "tasks.json" and isinstance(doc, dict):
                    for t in doc.get("tasks", []):
                        present = [k for k in TASK_SOLUTION_FIELDS if k in t]
                        present += [f"{k}[].{e}" for k in ("options", "items") for x in t.get(k, []) for e in ENTRY_SOLUTION_FIELDS if e in x]
                        if present:
                            leaks.append(f"{rel}: Aufgabe {t.get('id')} hat Lösungsfelder {sorted(set(present))}")
        if f.suffix in (".py", ".ipynb") and _COURSE_NAME.search(text):
            leaks.append(f"{rel}: verweist auf den vollständigen Kurs („course_lib“)")
        for needle in needles:
            if any(needle in h for h in haystacks):
                leaks.append(f"{rel}: enthält Lösungstext „{needle[:60]}…“")
    return leaks


def _clean_notebook(src: Path, dst: Path) -> None:
    import nbformat

    nb = nbformat.read(src, as_version=4)
    nb.metadata.pop("widgets", None)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
        c.source = _COURSE_NAME.sub(PACKAGE, c.source)
    nbformat.write(nb, dst)


class HandoutFolderError(Exception):
    """The output folder is not ours to delete (German message)."""


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        if not out_dir.is_dir():
            raise HandoutFolderError(f"„{out_dir}“ ist eine Datei, kein Ordner – bitte wählen Sie einen anderen Zielordner.")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
            raise HandoutFolderError(
                f"Der Ordner „{out_dir}“ ist nicht leer und wurde nicht von diesem Befehl angelegt. "
                "Er wird nicht gelöscht. Bitte wählen Sie einen neuen oder leeren Zielordner.")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / MARKER).write_text("Von „make handouts“ angelegt; wird beim nächsten Aufruf ersetzt.\n", encoding="utf-8")


def _rename_package(pkg: Path) -> None:
    for f in pkg.rglob("*"):
        if f.is_file() and f.suffix in (".py", ".json", ".md", ".txt"):
            text = f.read_text("utf-8")
            new = _COURSE_NAME.sub(PACKAGE, text)
            if new != text:
                f.write_text(new, encoding="utf-8")
    (pkg / "HANDOUT").write_text("Arbeitsblatt-Fassung ohne Lösungen\n", encoding="utf-8")


def _requirements(root: Path) -> str:
    import tomllib

    deps = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return "\n".join(deps) + "\n"


def build(out_dir: Path, root: Path = ROOT) -> list[dict]:
    """Build the handout set; returns the original (full) task documents used for the leak scan."""
    out_dir = Path(out_dir)
    _prepare(out_dir)
    (out_dir / "exercises").mkdir()
    for nb in sorted((root / "exercises").glob("*.ipynb")):
        _clean_notebook(nb, out_dir / "exercises" / nb.name)
    pkg = out_dir / "exercises" / PACKAGE
    shutil.copytree(root / "course_lib", pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "authoring", "workshop", "handout.py"))
    full_docs = []
    for tf in sorted(pkg.glob("*/data/tasks.json")):
        doc = json.loads(tf.read_text("utf-8"))
        full_docs.append(doc)
        tf.write_text(json.dumps(strip_tasks_file(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for cf in sorted(pkg.glob("*/data/content.json")):
        doc = json.loads(cf.read_text("utf-8"))
        doc["quiz"] = []  # quiz items carry the right answers; the worksheets do not show quizzes
        cf.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _rename_package(pkg)
    (out_dir / "requirements.txt").write_text(_requirements(root), encoding="utf-8")
    (out_dir / "README.md").write_text(
        "# Vertrieb 3.0 – Arbeitsblätter (ohne Lösungen)\n\n"
        "Diese Fassung enthält die Übungsnotebooks ohne Musterlösungen und ohne automatische Auswertung. "
        "Ihre Antworten werden gespeichert und im Workshop besprochen.\n\n"
        "Die nötige Kursbibliothek liegt im Ordner `exercises/" + PACKAGE + "` – es muss nichts installiert werden "
        "außer den Bibliotheken aus `requirements.txt` (`pip install -r requirements.txt`). "
        "Dann `jupyter lab exercises/`.\n", encoding="utf-8")
    return full_docs


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "build/handouts")
    try:
        docs = build(out)
    except HandoutFolderError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    leaks = find_leaks(out, docs)
    if leaks:
        print("Lösungen im Arbeitsblatt-Satz gefunden:\n" + "\n".join(leaks))
        return 1
    n_tasks = sum(len(d["tasks"]) for d in docs)
    print(f"Arbeitsblatt-Satz ohne Lösungen gebaut: {out} ({n_tasks} Aufgaben aus {len(docs)} Modulen; Lecksuche: sauber)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
