"""Instructor handouts: a student set of the exercise notebooks with no solution in it.

``python -m course_lib.exercises.handout OUTDIR`` (or ``make handouts``) writes

* ``OUTDIR/exercises/*.ipynb`` – outputs, execution counts and stored widget state removed;
* ``OUTDIR/course_lib/`` – a copy of the library whose ``tasks.json`` files have every piece
  of solution material removed (see :data:`TASK_SOLUTION_FIELDS`); the task widgets then
  save answers without checking them ("Arbeitsblatt-Fassung");
* ``OUTDIR/pyproject.toml`` + ``README.md`` so the set installs with ``pip install .``;

and then scans every file of the set for solution text (:func:`find_leaks`). It exits with
status 1 and lists the leaks if it finds any.
"""
from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TASK_SOLUTION_FIELDS = ("answer", "solution", "mistakes", "expected")
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
    for c in t.get("concepts", []):
        c.pop("patterns", None)
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
                        present += ["concepts[].patterns" for c in t.get("concepts", []) if "patterns" in c]
                        if present:
                            leaks.append(f"{rel}: Aufgabe {t.get('id')} hat Lösungsfelder {sorted(set(present))}")
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
    nbformat.write(nb, dst)


def build(out_dir: Path, root: Path = ROOT) -> list[dict]:
    """Build the handout set; returns the original (full) task documents used for the leak scan."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "exercises").mkdir(parents=True)
    for nb in sorted((root / "exercises").glob("*.ipynb")):
        _clean_notebook(nb, out_dir / "exercises" / nb.name)
    shutil.copytree(root / "course_lib", out_dir / "course_lib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "authoring"))
    full_docs = []
    for tf in sorted((out_dir / "course_lib").glob("*/data/tasks.json")):
        doc = json.loads(tf.read_text("utf-8"))
        full_docs.append(doc)
        tf.write_text(json.dumps(strip_tasks_file(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in ("pyproject.toml",):
        shutil.copy2(root / name, out_dir / name)
    (out_dir / "README.md").write_text(
        "# Vertrieb 3.0 – Arbeitsblätter (ohne Lösungen)\n\n"
        "Diese Fassung enthält die Übungsnotebooks ohne Musterlösungen und ohne automatische Auswertung. "
        "Ihre Antworten werden gespeichert und im Workshop besprochen.\n\n"
        "Installation: `pip install .` – dann `jupyter lab exercises/`.\n", encoding="utf-8")
    return full_docs


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "build/handouts")
    docs = build(out)
    leaks = find_leaks(out, docs)
    if leaks:
        print("Lösungen im Arbeitsblatt-Satz gefunden:\n" + "\n".join(leaks))
        return 1
    n_tasks = sum(len(d["tasks"]) for d in docs)
    print(f"Arbeitsblatt-Satz ohne Lösungen gebaut: {out} ({n_tasks} Aufgaben aus {len(docs)} Modulen; Lecksuche: sauber)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
