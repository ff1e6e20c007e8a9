"""Memory (issue #22): a notebook imports what it needs and no more.

pandas costs ≈ 25 MB in every kernel that imports it; the start page (progress overview) and
modules that show no pandas table must not import it. Runs the notebooks' code cells in a
fresh Python (IPython shell, own data folder) and looks at ``sys.modules`` afterwards.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TableCells

ROOT = Path(__file__).resolve().parents[1]

RUN_CELLS = r"""
import json, os, sys
from IPython.core.interactiveshell import InteractiveShell
os.chdir(sys.argv[1])
sh = InteractiveShell.instance()
failed, ran = [], 0
skip = json.loads(sys.argv[3])
for nb in sys.argv[4:]:
    for cell in json.load(open(nb, encoding="utf-8"))["cells"]:  # not nbformat: it imports jsonschema
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and src.strip() and not any(k in src for k in skip):
            r = sh.run_cell(src, silent=True)
            ran += 1
            if not r.success:
                failed.append((nb, src[:80], repr(r.error_in_exec or r.error_before_exec)))
heavy = [m for m in json.loads(sys.argv[2]) if m in sys.modules]
print("RESULT" + json.dumps({"failed": failed, "imported": heavy, "ran": ran}))
"""

# Never needed by a learner's kernel: pandas only where a table is built, the rest never.
HEAVY = ["pandas", "matplotlib.pyplot", "jsonschema", "scipy", "rfc3987_syntax", "lark"]
# matplotlib's Figure with numpy and what it imports upstream (≈ 40 MB per kernel): only where
# a plot is drawn. The course's views import it inside the functions that draw.
PLOTTING = ["matplotlib", "numpy", "PIL", "fontTools", "pyparsing", "kiwisolver", "dateutil", "cycler"]

# Per notebook: what running its code cells must not import. 00_Start stays open next to
# every module, so its two charts (the warm-up: an SVG chart, blocks/svgplot.py; the progress
# overview: HTML/CSS bars) are drawn without matplotlib – its kernel needs none of it.
MUST_NOT_IMPORT = {
    "Glossar.ipynb": {"forbidden": HEAVY + PLOTTING, "skip": []},
    "00_Start.ipynb": {"forbidden": HEAVY + PLOTTING, "skip": []},
}


def run_notebooks(tmp_path, *names: str, forbidden=HEAVY, skip=()) -> dict:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "VERTRIEB30_DATA_DIR": str(tmp_path / "data"),
           "HOME": str(tmp_path), "MPLBACKEND": "agg"}
    nbs = [str(ROOT / "notebooks" / n) for n in names]
    out = subprocess.run([sys.executable, "-c", RUN_CELLS, str(ROOT / "notebooks"), json.dumps(list(forbidden)),
                          json.dumps(list(skip)), *nbs],
                         env=env, capture_output=True, text=True, timeout=600)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT")), None)
    assert line, out.stderr[-3000:]
    return json.loads(line[len("RESULT"):])


@pytest.mark.slow
@pytest.mark.parametrize("case", list(MUST_NOT_IMPORT))
def test_notebook_imports_only_what_it_needs(tmp_path, case):
    """00_Start (progress overview with its table, glossary, exercises) imports no pandas; the
    glossary notebook and 00_Start's cells that draw no plot import no matplotlib and no numpy."""
    spec = MUST_NOT_IMPORT[case]
    r = run_notebooks(tmp_path, spec.get("notebook", case), forbidden=spec["forbidden"], skip=spec["skip"])
    assert r["failed"] == []
    assert r["imported"] == [], f"{case} imported {r['imported']}"
    assert r["ran"] > 0


@pytest.mark.slow
def test_module_without_tables_does_not_import_pandas_through_shared_helpers(tmp_path):
    """Module 03's view helper (blank_on_error), used by 00 and 04, once pulled pandas in
    through m03's model; importing the views of 00 and 04 must not."""
    code = ("import sys; import course_lib.m00_start.view, course_lib.m04_cem.view, course_lib.exercises; "
            "print([m for m in ('pandas', 'matplotlib.pyplot') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                         "VERTRIEB30_DATA_DIR": str(tmp_path)}, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def cells(html: str) -> list[list[str]]:
    """The table's cell texts, without the soft hyphens (break points, invisible unless used)."""
    p = TableCells(clean=str.strip)
    p.feed(html)
    return [[c.replace("\u00ad", "") for c in row] for row in p.rows]


def test_progress_table_without_pandas_shows_what_the_pandas_table_showed(data_dir):
    """The start page's progress table is built from plain rows; it shows the same cells as
    the DataFrame rendering it replaced (pandas is fine here, in the test)."""
    import pandas as pd

    from course_lib.exercises import progress
    from course_lib.exercises.view import ProgressOverview, _progress_table_html
    from course_lib.format_de import pct

    progress.record_attempt("m00", "t1", "a", True)
    progress.record_attempt("m00", "t5", "50", False)
    rows = progress.overview_rows()
    assert rows and all(isinstance(r, dict) for r in rows)
    df = pd.DataFrame(rows)
    df["Anteil gelöst"] = df["Anteil gelöst"].map(pct)
    df["Selbstcheck: Kernpunkte abgedeckt"] = df["Selbstcheck: Kernpunkte abgedeckt"].map(
        lambda c: "–" if c is None or c != c else pct(c))
    expected = cells(df.to_html(index=False, escape=True, border=0, classes="vt-table"))
    assert cells(_progress_table_html(rows)) == expected
    assert cells(ProgressOverview().table.value) == expected
    assert progress.overview().to_dict("records") == pd.DataFrame(rows).to_dict("records")
    assert 'class="dataframe vt-table"' in _progress_table_html(rows)
    assert "&lt;b&gt;" in _progress_table_html([{"Modul": "<b>", "Anteil gelöst": 0.5}])
