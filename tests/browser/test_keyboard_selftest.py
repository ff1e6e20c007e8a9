"""Self-test of the keyboard walk: a planted page with a button out of the Tab order
(``tabindex=-1``), a button without focus indicator and a button that does nothing must each be
reported, while the healthy LivePanel slider on the same page passes all three steps (the
healthy side at scale is every course notebook in test_notebooks_browser.py)."""
from __future__ import annotations

import pytest

from . import keyboard
from .harness import FIXTURES

pytestmark = pytest.mark.browser


def test_keyboard_walk_fails_on_planted_fixture(lab):
    nbp = lab.open(FIXTURES / "keyboard_broken.ipynb")
    try:
        nbp.run_all()
        counts, problems = keyboard.walk(nbp)
        text = "\n".join(problems)
        print(f"keyboard_broken: {counts}\n{text}")
        assert counts["controls"] == 4, counts  # slider, unreachable, invisible focus, inert button
        assert any("Nicht per Tab erreichbar" in p and "not reachable with Tab" in p and "tabindex=-1" in p
                   for p in problems), text
        assert any("Fokus unsichtbar" in p and "no visible focus indicator" in p for p in problems), text
        assert any("Tut nichts" in p and "changed nothing" in p for p in problems), text
        # the healthy slider and the invisible-focus button (it works, it only hides its focus)
        assert not any("Wert" in p for p in problems), text
        assert not any("Fokus unsichtbar" in p and "changed nothing" in p for p in problems), text
        assert len(problems) == 3, text
        assert counts["reached"] == 3 and counts["focus_visible"] == 2 and counts["operated"] == 2, counts
    finally:
        nbp.close()
