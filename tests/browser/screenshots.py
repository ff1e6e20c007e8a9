"""``make screenshots``: every course notebook, run in JupyterLab + headless Chromium, written as
page-sized PNG slices at laptop width – look at them before you commit a change to a page.

    .venv/bin/python -m tests.browser.screenshots [OUT_DIR] [NOTEBOOK ...]

Defaults: OUT_DIR ``build/screenshots``, all notebooks in notebooks/ and exercises/.
``SHOT_WIDTH`` (viewport, default 1000) and ``SHOT_SIDEBAR`` (``1`` = file browser open, the
default: about 650 px of notebook, what a 13-inch laptop shows; ``0`` = closed) choose the
width; ``SHOT_PREDICT=0`` leaves the views behind „Erst vermuten“ hidden (default: every
prediction is committed with a valid guess, so the plots behind it are shot). Writes ``OUT_DIR/<folder>_<name>.NN.png`` (1500 px high slices). Uses the browser
harness (isolated JupyterLab, windowing off so every cell is laid out, learner data in a temp
dir). Needs /usr/bin/chromium, playwright and Pillow (test extras).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .harness import PANEL, ROOT, LabSession, discover_notebooks, relpath

SLICE = 1500


def shoot(session: LabSession, path: Path, out: Path, width: int, sidebar: bool) -> int:
    from PIL import Image

    nbp = session.open(path)
    try:
        page = nbp.page
        page.set_viewport_size({"width": width, "height": 1000})
        page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')" if sidebar else
                      "() => { const s = window.jupyterapp.shell; if (!s.leftCollapsed) s.collapseLeft(); }")
        nbp.run_all()
        if os.environ.get("SHOT_PREDICT", "1") != "0":  # the views behind „Erst vermuten“ shown (SHOT_PREDICT=0: as after run all)
            from .layout import reveal_predictions

            reveal_predictions(nbp)
        page.wait_for_timeout(800)
        h = page.evaluate(f"() => Math.max(...[...document.querySelectorAll('{PANEL} .jp-Notebook, {PANEL} "
                          f".jp-WindowedPanel-inner, {PANEL} .jp-WindowedPanel-outer')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": width, "height": min(int(h) + 200, 30000)})
        page.evaluate("() => { const w = window.jupyterapp.shell.currentWidget; w.content.activeCellIndex = 0;"
                      " w.content.mode = 'command'; }")
        page.evaluate(f"() => document.querySelectorAll('{PANEL} *').forEach(e => {{ if (e.scrollTop) e.scrollTop = 0; }})")
        page.wait_for_timeout(800)
        name = relpath(path).replace("/", "_").removesuffix(".ipynb")
        full = out / f"{name}.full.png"
        page.locator(f"{PANEL} .jp-Notebook").screenshot(path=str(full))
        img = Image.open(full)
        n = 0
        for top in range(0, img.height, SLICE):
            img.crop((0, top, img.width, min(img.height, top + SLICE))).save(out / f"{name}.{n:02d}.png")
            n += 1
        full.unlink()
        print(f"{relpath(path)}: {n} pages, {img.width}×{img.height} px", flush=True)
        return n
    finally:
        nbp.close()


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = Path(argv.pop(0)) if argv and not argv[0].endswith(".ipynb") else ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    nbs = [Path(a).resolve() for a in argv] or discover_notebooks()
    width = int(os.environ.get("SHOT_WIDTH", "1000"))
    sidebar = os.environ.get("SHOT_SIDEBAR", "1") == "1"
    with LabSession() as s:
        for nb in nbs:
            shoot(s, nb, out, width, sidebar)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
