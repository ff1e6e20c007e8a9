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


def test_micro_expression_flash_is_timed_by_the_browser(lab):
    """Module 08: the exposure is a CSS animation in the page (not a sleep in the kernel) with
    the selected duration after the 1-second lead; the emotion layer is visible only then."""
    nb = ROOT / "notebooks" / "08_Mimikresonanz.ipynb"
    with opened(lab, nb) as nbp:
        trainer = nbp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .vt-live").first
        handle = trainer.locator(".vt-controls input[type=range], .vt-controls .noUi-handle").first
        exposure = int((handle.input_value() if handle.evaluate("e => e.type === 'range'")
                        else handle.get_attribute("aria-valuenow")).split(".")[0])
        trainer.locator("button", has_text="Nächster Durchgang").click()
        nbp.page.wait_for_function("() => document.getAnimations().some(a => a.animationName && a.animationName.startsWith('vt'))",
                                   timeout=10_000)
        timing = nbp.page.evaluate("""() => document.getAnimations().filter(a => a.animationName && a.animationName.startsWith('vt'))
            .map(a => ({dur: a.effect.getTiming().duration, delay: a.effect.getTiming().delay, target: a.effect.target.className.baseVal ?? a.effect.target.className}))""")
        assert timing, "no CSS animation for the flash"
        assert timing[-1]["dur"] == exposure and timing[-1]["delay"] == 1000, timing
        # sample the layer's opacity: hidden before, shown during, hidden after the exposure
        samples = nbp.page.evaluate("""async (d) => {
            const a = document.getAnimations().filter(a => a.animationName && a.animationName.startsWith('vt')).pop();
            const el = a.effect.target, out = [];
            const at = async (t) => { while (a.currentTime < t) await new Promise(r => requestAnimationFrame(r));
                                      out.push([Math.round(a.currentTime), getComputedStyle(el).opacity]); };
            await at(500); await at(1000 + d / 2); await a.finished.catch(() => null);
            out.push(['end', getComputedStyle(el).opacity]);
            return out; }""", exposure)
        assert samples[0][1] == "0" and samples[1][1] == "1" and samples[2][1] == "0", samples
