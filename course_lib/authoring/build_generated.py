"""Regenerate the parts of notebooks that come from data files:

* the module table in ``notebooks/00_Start.ipynb`` (the markdown cell tagged ``vt-module-table``),
  from ``course_lib/data/modules.json``;
* ``notebooks/Glossar.ipynb`` from all glossary.json files.

``tests/test_generated.py`` fails when a notebook is out of sync. After running this, store
the notebooks executed again (``make notebooks``).
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from .. import content, glossary
from ..m00_start.view import module_table_markdown

ROOT = Path(__file__).resolve().parents[2]
TABLE_TAG = "vt-module-table"


def _letter_anchor(ch: str) -> str:
    return "glossar-0-9" if ch == "#" else f"glossar-{ch.lower()}"


def _letter_label(ch: str) -> str:
    return "0–9" if ch == "#" else ch


def glossary_index_markdown() -> str:
    """The A–Z jump line: one link per index letter that has terms."""
    return " · ".join(f"[{_letter_label(ch)}](#{_letter_anchor(ch)})" for ch in glossary.letters())


def glossary_markdown() -> str:
    """All terms, grouped under one heading per index letter, each group with a link back
    to the A–Z line."""
    parts = []
    current = None
    for t in content.load_glossary():
        ch = glossary.letter(t)
        if ch != current:
            current = ch
            parts.append(f'## {_letter_label(ch)} <a id="{_letter_anchor(ch)}" name="{_letter_anchor(ch)}"></a>\n\n'
                         "[↑ zum Buchstaben-Index](#glossar-index)")
        src = f" *Quelle: {t['source']}*" if t.get("source") else ""
        parts.append(f'### {t["term"]} <a id="{t["id"]}" name="{t["id"]}"></a>\n\n{t["definition"]}{src} '
                     f"*(Modul\u00a0{t['module'][1:]})*")
    return "\n\n".join(parts)


def build_glossary_notebook() -> Path:
    path = ROOT / "notebooks" / "Glossar.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Glossar: die Fachbegriffe des Kurses\n\nHier stehen alle Begriffe, die in den Modulen erklärt werden – "
                                      "alphabetisch sortiert. Mit dem Suchfeld finden Sie einen Begriff schneller; es verzeiht "
                                      "auch kleine Abweichungen in der Schreibung (etwa „Markov“ statt „Markow“ oder „ue“ statt „ü“).\n\n"
                                      "[Zur Kursübersicht](00_Start.ipynb)"),
        nbformat.v4.new_code_cell("from course_lib.m00_start import view as start\nstart.glossary_search()", metadata={"tags": ["nbval-ignore-output"]}),
        nbformat.v4.new_markdown_cell('## Alle Begriffe von A bis Z <a id="glossar-index" name="glossar-index"></a>\n\n'
                                      "Springen Sie zu einem Buchstaben: " + glossary_index_markdown()),
        nbformat.v4.new_markdown_cell(glossary_markdown()),
        nbformat.v4.new_markdown_cell("[↑ zum Buchstaben-Index](#glossar-index) · [Zur Kursübersicht](00_Start.ipynb)"),
    ]
    if path.exists():
        # keep what execution stored: kernel metadata, and unchanged cells with their outputs
        old = nbformat.read(path, as_version=4)
        same = {(c.cell_type, c.source): c for c in old.cells}
        nb.cells = [same.get((c.cell_type, c.source), c) for c in nb.cells]
        nb.metadata.update({k: v for k, v in old.metadata.items() if k != "widgets" or any(
            c.cell_type == "code" and c.get("outputs") for c in nb.cells)})
    nb.metadata["lang"] = "de"
    nbformat.write(nb, path)
    return path


def update_start_table() -> Path:
    path = ROOT / "notebooks" / "00_Start.ipynb"
    nb = nbformat.read(path, as_version=4)
    for c in nb.cells:
        if TABLE_TAG in c.metadata.get("tags", []):
            c.source = "## Die Module\n\n" + module_table_markdown()
    nbformat.write(nb, path)
    return path


def main() -> int:
    print(build_glossary_notebook())
    print(update_start_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
