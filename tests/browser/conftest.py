"""Fixtures of the real-browser tests: one isolated JupyterLab server and one headless Chromium
per test session (per xdist worker), a full-page screenshot for every failing test.

Without /usr/bin/chromium the tests are skipped with a loud message – except in CI
(``CI=true``), where they fail: CI must never pass without having run them.
"""
from __future__ import annotations

import os
import warnings

import pytest

from .harness import ARTIFACTS, ROOT, LabSession, browser_unavailable_reason


@pytest.fixture(scope="session")
def lab():
    reason = browser_unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, but the real-browser tests cannot run. {reason}", pytrace=False)
        msg = f"!!! REAL-BROWSER TESTS SKIPPED !!! {reason}"
        warnings.warn(pytest.PytestWarning(msg), stacklevel=1)
        pytest.skip(msg)
    session = LabSession().start()
    try:
        yield session
    finally:
        session.stop()


def screenshot_path(stem: str, test_name: str):
    """artifacts/browser/<notebook>.png for the first failure, <notebook>--<test>.png after."""
    first = ARTIFACTS / f"{stem}.png"
    if not first.exists() or stem not in _shot_this_session:
        _shot_this_session.add(stem)
        return first
    return ARTIFACTS / f"{stem}--{test_name.split('[')[0]}.png"


_shot_this_session: set[str] = set()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call" and rep.failed:
        nbp = getattr(item, "funcargs", {}).get("nb")
        page_obj = getattr(nbp, "page", None)
        if page_obj is not None:
            from pathlib import Path

            path = screenshot_path(Path(nbp.path).stem, item.name)
            try:
                nbp.screenshot(path)
                rep.sections.append(("browser screenshot", str(path.relative_to(ROOT))))
            except Exception as exc:  # noqa: BLE001 - never hide the real failure
                rep.sections.append(("browser screenshot", f"failed: {exc}"))
    return rep


def pytest_terminal_summary(terminalreporter):
    """The browser layout check's counts per notebook and width/state (docs/TESTING.md)."""
    from . import axe, keyboard, layout

    tr = terminalreporter
    if keyboard.COUNTS:
        tr.section("keyboard walk (controls / reached by Tab / focus indicator visible / operated / gone / nothing to change)")
        for nb, c in sorted(keyboard.COUNTS.items()):
            tr.write_line(f"{nb:52} {c['controls']:4} {c['reached']:4} {c['focus_visible']:4} {c['operated']:4} {c['gone']:4} {c.get('inapplicable', 0):4}")
    if axe.COUNTS:
        tr.section("axe-core violations (failing nodes per rule)")
        total: dict = {}
        for nb, rules in sorted(axe.COUNTS.items()):
            tr.write_line(f"{nb:52} " + (", ".join(f"{k}={v}" for k, v in sorted(rules.items())) or "0"))
            for k, v in rules.items():
                total[k] = total.get(k, 0) + v
        tr.write_line(f"{'all notebooks':52} " + (", ".join(f"{k}={v}" for k, v in sorted(total.items())) or "0"))
    if not layout.COUNTS:
        return
    tr.section("browser layout check (counts)")
    tr.write_line(f"{'notebook':52} {'state':28} " + " ".join(f"{k:>14}" for k in layout.KINDS))
    for (nb, state), c in sorted(layout.COUNTS.items()):
        tr.write_line(f"{nb:52} {state:28} " + " ".join(f"{c[k]:>14}" for k in layout.KINDS))
