"""Generated notebook parts are in sync with the data, and re-executing a notebook is
reproducible (no diff beyond widget model ids, which nbval never compares)."""
from __future__ import annotations

import json
import re
import shutil

import nbformat

from course_lib.authoring import build_generated, execute_all
from course_lib.m00_start.view import module_table_markdown

from .notebook_files import ROOT, cell_text

UUID = re.compile(r"[0-9a-f]{32}")


def test_start_module_table_in_sync():
    nb = nbformat.read(ROOT / "notebooks" / "00_Start.ipynb", as_version=4)
    cells = [c for c in nb.cells if build_generated.TABLE_TAG in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assert cell_text(cells[0]) == "## Die Module\n\n" + module_table_markdown(), "run python -m course_lib.authoring.build_generated"


def test_glossary_notebook_in_sync():
    nb = nbformat.read(ROOT / "notebooks" / "Glossar.ipynb", as_version=4)
    text = "\n".join(cell_text(c) for c in nb.cells if c.cell_type == "markdown")
    assert build_generated.glossary_markdown() in text, "run python -m course_lib.authoring.build_generated"


def _normalised(path):
    """The notebook with widget model ids blanked and the widget state as a sorted multiset."""
    doc = json.loads(path.read_text("utf-8"))
    ws = doc.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json")
    if ws:
        ws["state"] = sorted(UUID.sub("ID", json.dumps(v, sort_keys=True)) for v in ws["state"].values())
    return UUID.sub("ID", json.dumps(doc, sort_keys=True))


def test_reexecution_is_reproducible(tmp_path):
    src = ROOT / "exercises" / "00_Beispiel_Aufgabentypen.ipynb"
    a, b = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    shutil.copy(src, a)
    shutil.copy(src, b)
    execute_all.execute(a)
    execute_all.execute(b)
    assert _normalised(a) == _normalised(b)
    assert _normalised(a) == _normalised(src), "the stored notebook is not what executing it produces – run make notebooks"
