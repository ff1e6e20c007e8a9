"""Kernel restart + "Run all" again leave every widget working, and the JupyterLab interface
is German by default (the course preset) – both in the real browser."""
from __future__ import annotations

import pytest

from .harness import ROOT, opened

pytestmark = pytest.mark.browser

RESTART_NOTEBOOKS = [ROOT / "notebooks" / "00_Start.ipynb", ROOT / "notebooks" / "04_CEM.ipynb",
                     ROOT / "exercises" / "00_Beispiel_Aufgabentypen.ipynb"]

JS_RESTART = """async () => {
  const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
  await ctx.session.kernel.restart();
  return ctx.session.kernel.id;
}"""


@pytest.mark.parametrize("path", [p for p in RESTART_NOTEBOOKS if p.exists()], ids=lambda p: p.name)
def test_restart_and_run_all_again_keeps_widgets_working(lab, path):
    with opened(lab, path) as nbp:
        before = len(nbp.lives())
        kernel = nbp.kernel_id()
        nbp.page.evaluate(JS_RESTART)
        nbp.wait_idle()
        assert nbp.kernel_id() == kernel  # same kernel id, fresh process
        nbp.run_all()
        problems = nbp.output_problems()
        assert not problems, problems
        lives = nbp.lives()
        assert len(lives) == before, "live widgets missing after restart + run all"
        assert not nbp.block_problems(), nbp.block_problems()  # quiz, tasks, reflections, polls render again
        assert before > 0 or nbp.page.locator(".vt-task").count() > 0
        for info in lives:
            assert not nbp.exercise_live(info), f"{path.name}: widget does not react after a restart"
        assert not nbp.console_problems()


def test_interface_is_german_by_default(lab):
    with opened(lab, ROOT / "notebooks" / "00_Start.ipynb", run=False) as nbp:
        menu = nbp.page.evaluate("() => Array.from(document.querySelectorAll('.lm-MenuBar-itemLabel')).map(e => e.textContent)")
        assert {"Datei", "Bearbeiten", "Ausführen", "Hilfe"} <= set(menu) and "File" not in menu, menu
