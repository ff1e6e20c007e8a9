"""Shared test helpers (one set for every test module)."""
from __future__ import annotations

from course_lib.errors import CourseInputError


def assert_course_error(fn, *args, require_hint: bool = True, **kwargs) -> CourseInputError:
    """Call ``fn`` and require a :class:`CourseInputError` with a German message (and, by
    default, a hint what to do). Fails the test otherwise; returns the error for more checks."""
    try:
        fn(*args, **kwargs)
    except CourseInputError as exc:
        assert exc.message, f"{getattr(fn, '__name__', fn)}: CourseInputError without a message"
        if require_hint:
            assert exc.hint, f"{getattr(fn, '__name__', fn)}: CourseInputError without a hint: {exc.message}"
        return exc
    raise AssertionError(f"no CourseInputError from {getattr(fn, '__name__', fn)} for {args} {kwargs}")


def blit_equals_full(plot) -> None:
    """The fast (blitted) picture of a LivePlot equals a forced full redraw of the same state,
    pixel for pixel (a view that changes a static artist must call ``plot.invalidate()``)."""
    fast = plot.png
    plot.invalidate()
    plot.refresh(plot.alt)
    assert plot.png == fast, "the blitted redraw differs from a full redraw of the same state"
