"""Style rules for learner-visible German text, and where that text lives.

Rules (``problems(text)`` returns every violation):

* **nbsp** – a number and its unit are joined by a NO-BREAK SPACE (U+00A0), never by a
  normal space: „80 %“, „12.000 €“, „150 ms“, „8 h“, „45 Min.“, „20 Jahre“, „10 Punkte“ …;
* **code** – no internal document codes of the course's planning material: brief ids such as
  „W6-1“, source ids „S001“, the word „Kursbrief“;
* **modul** – „Modul“ and its number are joined by a NO-BREAK SPACE: „(Modul\u00a009)“ must not
  break after „Modul“ (seen in the glossary's „(Modul 09)“ at laptop width);
* **tag** – the two marks of the course are written exactly „[Deutung des Kurses]“ and
  „[Lernmodell]“, plain (not italic or bold, no variants such as „[Deutung des Kurses, …]“,
  „[INTERPRETATION]“ or „[TOY MODEL]“).

``learner_texts()`` yields ``(where, text)`` for every piece of learner text: notebook and
exercise markdown, every module's content/tasks/glossary/praxis data, the course glossary
and module list, scenario files, and the German string literals of the Python code in
``course_lib`` (docstrings excluded; in f-strings and str.format templates a placeholder counts as a number,
so ``f"{ms} ms"`` needs the no-break space as much as „150 ms“).

``python -m course_lib.authoring.typography`` lists all problems; with ``--fix`` it replaces
the normal space before a unit by U+00A0 in the data files and notebook markdown (Python
files are only reported).
"""
from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"

UNITS = (r"%|€|ms|Millisekunden|Sekunden?|Min\.|Minuten|Std\.|Stunden?|h|Hz|Tage?n?|Wochen?|Monate?n?"
         r"|Jahre?n?|Punkte?n?|Prozentpunkte?n?|Prozent|Euro|kB|MB|px|Mio\.|Mrd\.")
#: a number (German format, also ranges like 0,3–0,6) followed by a normal space and a unit
NUMBER_UNIT = re.compile(r"(?<![\w.,/-])(\d+(?:[.,]\d+)*)( )(" + UNITS + r")(?![\wäöüß])")
#: „Modul“ (Module, Moduls, Modulen) followed by a normal space and a module number „01“ … „09“
MODUL_NUMBER = re.compile(r"(?<![\w-])(Modul(?:e|s|en)?)( )(\d\d)(?!\d)")
INTERNAL_CODE = re.compile(r"\bW\d{1,2}-\d\b|\bS0\d\d\b|Kursbrief")
TAGS = ("[Deutung des Kurses]", "[Lernmodell]")
TAG_LIKE = re.compile(r"\[(?:[^\]\[]*?(?:Deutung|Lernmodell|INTERPRETATION|TOY MODEL|SEED)[^\]\[]*)\]", re.I)
WRAPPED_TAG = re.compile(r"([*_]+)\s*(\[(?:Deutung des Kurses|Lernmodell)\])\s*\1")

# parts of markdown that are not prose: inline code, math, links' targets, HTML tags
_NOT_PROSE = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$\n]*\$|\]\([^)]*\)|<[^>]+>|https?://\S+", re.S)


def prose(markdown: str) -> str:
    """Markdown with code spans, math, link targets, HTML tags and URLs blanked out."""
    return _NOT_PROSE.sub(" ", markdown)


# CSS comments and <style> blocks are never shown to a learner (developer notes in English)
_NOT_SHOWN = re.compile(r"/\*.*?\*/|<style\b.*?</style>", re.S)


def problems(text: str) -> list[tuple[str, str]]:
    """Every style problem in ``text`` as ``(rule, snippet)``; empty when the text is fine."""
    out = []
    text = _NOT_SHOWN.sub(" ", text)
    for m in NUMBER_UNIT.finditer(text):
        out.append(("nbsp", text[max(0, m.start() - 15): m.end() + 5]))
    for m in MODUL_NUMBER.finditer(text):
        out.append(("modul", text[max(0, m.start() - 15): m.end() + 5]))
    for m in INTERNAL_CODE.finditer(text):
        out.append(("code", text[max(0, m.start() - 25): m.end() + 10]))
    for m in TAG_LIKE.finditer(text):
        if m.group(0) not in TAGS:
            out.append(("tag", m.group(0)))
    for m in WRAPPED_TAG.finditer(text):
        out.append(("tag", m.group(0)))
    return out


def fix_nbsp(text: str) -> str:
    """Replace the normal space between a number and its unit by U+00A0."""
    return NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP + m.group(3), text)


def fix_modul(text: str) -> str:
    """Replace the normal space between „Modul“ and its number by U+00A0."""
    return MODUL_NUMBER.sub(lambda m: m.group(1) + NBSP + m.group(3), text)


def fix_text(text: str) -> str:
    """Both no-break-space fixes: number + unit, „Modul“ + number."""
    return fix_modul(fix_nbsp(text))


# ---------------------------------------------------------------------------------------
# where learner text lives
# ---------------------------------------------------------------------------------------
#: JSON keys whose string values are not learner text (ids, regex patterns, answers …)
SKIP_KEYS = {"id", "patterns", "answer", "module", "type", "package", "notebook", "exercise", "category",
             "dim", "emotion", "au", "format", "version", "correct_category", "correct_id"}


def _json_strings(node, key=None):
    if isinstance(node, str):
        if key not in SKIP_KEYS:
            yield node
    elif isinstance(node, list):
        for x in node:
            yield from _json_strings(x, key)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _json_strings(v, k)


def data_files() -> list[Path]:
    lib = ROOT / "course_lib"
    files = sorted(lib.glob("m*/data/*.json")) + sorted((lib / "data").glob("*.json"))
    return [p for p in files if p.is_file()]


def notebook_files() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))


_FORMAT_FIELD = re.compile(r"\{[^{}\s]*\}")


def _py_literals(path: Path):
    tree = ast.parse(path.read_text("utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                docs.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            docs.add(id(node.value))    # bare string statements (attribute docs) are comments, too
    inside_f = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # an f-string is checked as one text with each placeholder read as a number, so
            # f"{ms} ms" is caught like "150 ms"; its literal pieces are not checked twice
            inside_f.update(id(v) for v in node.values)
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and id(node) not in inside_f:
            # str.format templates: "{:.0f} %" is a number and its unit, too
            yield node.lineno, _FORMAT_FIELD.sub("0", node.value) if "{" in node.value else node.value


def python_files() -> list[Path]:
    return sorted(p for p in (ROOT / "course_lib").rglob("*.py") if "authoring" not in p.parts)


def learner_texts():
    """Yield ``(where, text)`` for every piece of learner-visible text."""
    for nb in notebook_files():
        doc = json.loads(nb.read_text("utf-8"))
        for i, c in enumerate(doc["cells"]):
            if c["cell_type"] == "markdown":
                src = c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                yield f"{nb.relative_to(ROOT)} cell {i}", prose(src)
    for p in data_files():
        for s in _json_strings(json.loads(p.read_text("utf-8"))):
            yield str(p.relative_to(ROOT)), s
    for p in python_files():
        for line, s in _py_literals(p):
            yield f"{p.relative_to(ROOT)}:{line}", s


def all_problems() -> list[tuple[str, str, str]]:
    return [(where, rule, snip) for where, text in learner_texts() for rule, snip in problems(text)]


def fix_files() -> int:
    """Apply :func:`fix_text` to data files and notebook markdown; returns the number of files changed."""
    import nbformat

    changed = 0
    for p in data_files():
        raw = p.read_text("utf-8")
        doc = json.loads(raw)

        def walk(node, key=None):
            if isinstance(node, str):
                return node if key in SKIP_KEYS else fix_text(node)
            if isinstance(node, list):
                return [walk(x, key) for x in node]
            if isinstance(node, dict):
                return {k: walk(v, k) for k, v in node.items()}
            return node

        fixed = walk(doc)
        if fixed != doc:
            # keep the file's own layout: replace inside the raw text, value by value
            new = fix_text(raw)
            if json.loads(new) == fixed:
                p.write_text(new, "utf-8")
            else:
                p.write_text(json.dumps(fixed, ensure_ascii=False, indent=1) + "\n", "utf-8")
            changed += 1
    for p in notebook_files():
        nb = nbformat.read(p, as_version=4)
        dirty = False
        for c in nb.cells:
            if c.cell_type != "markdown":
                continue
            keep = {}

            def hide(m):
                keep[f"\0{len(keep)}\0"] = m.group(0)
                return f"\0{len(keep) - 1}\0"

            masked = _NOT_PROSE.sub(hide, c.source)
            new = fix_text(masked)
            for k, v in keep.items():
                new = new.replace(k, v)
            if new != c.source:
                c.source, dirty = new, True
        if dirty:
            nbformat.write(nb, p)
            changed += 1
    return changed


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--fix" in argv:
        print(f"{fix_files()} Datei(en) korrigiert.")
    probs = all_problems()
    for where, rule, snip in probs:
        print(f"{rule:5} {where}: {snip!r}")
    print(f"{len(probs)} Problem(e).")
    return 1 if probs else 0


if __name__ == "__main__":
    raise SystemExit(main())
