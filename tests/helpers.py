"""Shared test helpers (one set for every test module)."""
from __future__ import annotations

import re

from course_lib.errors import CourseInputError


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
