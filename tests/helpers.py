"""Shared test helpers (one set for every test module)."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from course_lib.errors import CourseInputError

ROOT = Path(__file__).resolve().parents[1]


_GERMAN = re.compile(r"[äöüßÄÖÜ„“]|\b(Bitte|bitte|muss|braucht|Sie|ist|nicht|ein|eine|der|die|das)\b")


def assert_german(exc: CourseInputError, *, require_hint: bool = True) -> str:
    """A learner-facing :class:`CourseInputError`: a message, by default a hint what to do, and
    German text (an umlaut, ß, German quotes or a common German word). Returns message + hint."""
    assert isinstance(exc, CourseInputError), f"not a CourseInputError: {exc!r}"
    assert exc.message, "CourseInputError without a message"
    if require_hint:
        assert exc.hint, f"CourseInputError without a hint: {exc.message}"
    text = f"{exc.message} {exc.hint}".strip()
    assert _GERMAN.search(text), f"not German: {text}"
    return text


def assert_course_error(fn, *args, require_hint: bool = True, **kwargs) -> CourseInputError:
    """Call ``fn`` and require a :class:`CourseInputError` with a German message (and, by
    default, a hint what to do), see :func:`assert_german`. Fails the test otherwise; returns
    the error for more checks."""
    name = getattr(fn, "__name__", fn)
    try:
        fn(*args, **kwargs)
    except CourseInputError as exc:
        try:
            assert_german(exc, require_hint=require_hint)
        except AssertionError as why:
            raise AssertionError(f"{name}: {why}") from None
        return exc
    raise AssertionError(f"no CourseInputError from {name} for {args} {kwargs}")


def blit_equals_full(plot) -> None:
    """The fast (blitted) picture of a LivePlot equals a forced full redraw of the same state,
    pixel for pixel (a view that changes a static artist must call ``plot.invalidate()``)."""
    fast = plot.png
    plot.invalidate()
    plot.refresh(plot.alt)
    assert plot.png == fast, "the blitted redraw differs from a full redraw of the same state"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_course_copy(work: Path, prefix: Path) -> Path:
    """``pip install`` (non-editable, no dependencies) a copy of this checkout's course into
    ``prefix`` – the way a workshop image installs it – without touching the test's own
    environment. ``work`` holds the temporary source copy. Returns the installed site-packages."""
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "course_lib", src / "course_lib", ignore=shutil.ignore_patterns("__pycache__"))
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                        "--ignore-installed", "--prefix", str(prefix), str(src)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"pip install of the course copy failed:\n{r.stdout}{r.stderr}"
    shutil.rmtree(src)
    return next(prefix.glob("lib/python3.*/site-packages"))


# -- scaffolding of the tests/test_mNN_invariants.py files --------------------------------------

def widget_settings(max_examples: int = 120):
    """hypothesis settings for driving a live widget: no deadline (a redraw takes its time), no
    example database (runs stay independent), module-level widgets with function fixtures."""
    from hypothesis import HealthCheck, settings

    return settings(max_examples=max_examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class CaseCounter(dict):
    """How many hypothesis cases reached each widget's invariant checks (``CASES.count(name)`` in
    the test, ``CASES[name]`` afterwards), so a file can require that every widget was reached."""

    def count(self, name: str) -> None:
        self[name] = self.get(name, 0) + 1


class TableCells(HTMLParser):
    """An HTML table's rows as lists of cell texts (``th`` and ``td``); ``clean`` maps every
    text piece before it is added (e.g. ``str.strip``, or removing soft hyphens)."""

    def __init__(self, clean=lambda s: s):
        super().__init__()
        self.clean, self.rows, self._in = clean, [], False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._in = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.rows[-1][-1] += self.clean(data)
