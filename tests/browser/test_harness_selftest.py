"""Self-test of the browser harness: a deliberately broken notebook must trip every check.
(The positive side – a healthy notebook passes – is the probe fixture in
test_notebooks_browser.py.)"""
from __future__ import annotations

import pytest

from .harness import FIXTURES

pytestmark = pytest.mark.browser


def test_harness_detects_failures(lab):
    nbp = lab.open(FIXTURES / "broken_probe.ipynb")
    try:
        assert nbp.run_all() is False  # the last cell raises: run all stops

        out = "\n".join(nbp.output_problems())
        assert "cell 1: traceback on stderr" in out, out
        assert "cell 2: widget failed to render" in out, out
        assert "cell 4: error output: ValueError" in out, out

        lives = nbp.lives()
        assert len(lives) == 1 and lives[0]["kind"] == "slider", lives
        live = "\n".join(nbp.exercise_live(lives[0], timeout=3))
        assert "did not change .vt-view" in live, live
        assert "error message shown" in live and "schiefgelaufen" in live, live

        a11y = "\n".join(nbp.a11y_problems())
        assert "without visible label" in a11y, a11y
        assert "empty alt text" in a11y, a11y

        console = "\n".join(nbp.console_problems())
        assert "vt-gibt-es-nicht" in console, console
    finally:
        nbp.close()
