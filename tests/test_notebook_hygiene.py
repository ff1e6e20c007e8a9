"""Every stored notebook: Python 3 kernel, executed top to bottom, no errors, no machine paths,
bounded output size, German language metadata, widget-only cells tagged for nbval."""
from __future__ import annotations

import json
import re

import pytest

from .notebook_files import ROOT, cell_text, course_notebooks, load, output_texts

NOTEBOOKS = course_notebooks()
MAX_OUTPUT_BYTES = 300_000
MAX_NOTEBOOK_BYTES = 3_000_000
MACHINE_PATH = re.compile(r"(/work/|/home/\w|/root/|/tmp/|/var/folders/|[A-Za-z]:\\\\|/Users/\w|site-packages|\.venv/)")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def ids(p):
    return str(p.relative_to(ROOT))


@pytest.fixture(params=NOTEBOOKS, ids=ids)
def nb(request):
    return request.param, load(request.param)


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_Start.ipynb") in NOTEBOOKS


def test_kernel_and_language(nb):
    path, doc = nb
    ks = doc["metadata"].get("kernelspec", {})
    assert ks.get("name") == "python3" and ks.get("language") == "python", f"{path.name}: kernelspec {ks}"
    assert doc["metadata"].get("lang") == "de", f"{path.name}: notebook metadata 'lang' must be 'de'"


def test_executed_in_order(nb):
    path, doc = nb
    counts = [c.get("execution_count") for c in doc["cells"] if c["cell_type"] == "code" and cell_text(c).strip()]
    assert counts, f"{path.name} has no code cells"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not run top to bottom in a fresh kernel: {counts}"


def test_no_errors(nb):
    path, doc = nb
    for i, c in enumerate(doc["cells"]):
        for o in c.get("outputs", []) or []:
            assert o.get("output_type") != "error", f"{path.name} cell {i}: stored error {o.get('ename')}"
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = "".join(o.get("text", ""))
                assert "Traceback" not in text and "Error" not in text, f"{path.name} cell {i}: stderr {text[:200]}"


def test_no_machine_paths(nb):
    path, doc = nb
    for i, c in enumerate(doc["cells"]):
        for text in [cell_text(c), *output_texts(c)]:
            m = MACHINE_PATH.search(text)
            assert not m, f"{path.name} cell {i}: machine path {m.group(0)!r}"
    widgets_state = json.dumps(doc["metadata"].get("widgets", {}))
    m = MACHINE_PATH.search(widgets_state)
    assert not m, f"{path.name}: machine path in widget state: {m.group(0)!r}"


def test_output_size(nb):
    path, doc = nb
    assert path.stat().st_size <= MAX_NOTEBOOK_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    for i, c in enumerate(doc["cells"]):
        for o in c.get("outputs", []) or []:
            size = len(json.dumps(o))
            assert size <= MAX_OUTPUT_BYTES, f"{path.name} cell {i}: output of {size} bytes"


def test_ignore_output_only_where_a_widget_is_shown(nb):
    """nbval-ignore-output is allowed only on cells that display a widget, and every cell that
    displays a widget carries it (its plot lands in the widget state, not in comparable text)."""
    path, doc = nb
    for i, c in enumerate(doc["cells"]):
        if c["cell_type"] != "code":
            continue
        tags = c.get("metadata", {}).get("tags", [])
        shows_widget = any(WIDGET_MIME in (o.get("data") or {}) for o in c.get("outputs", []) or [])
        if "nbval-ignore-output" in tags:
            assert shows_widget, f"{path.name} cell {i}: tagged nbval-ignore-output but shows no widget"
        if shows_widget:
            assert "nbval-ignore-output" in tags, f"{path.name} cell {i}: shows a widget but is not tagged nbval-ignore-output"
    assert not any("nbval-skip" in c.get("metadata", {}).get("tags", []) for c in doc["cells"]), f"{path.name}: nbval-skip is not allowed"


def test_starts_with_a_title(nb):
    path, doc = nb
    first = doc["cells"][0]
    assert first["cell_type"] == "markdown" and cell_text(first).lstrip().startswith("# "), f"{path.name}: first cell must be a '# ' title"
