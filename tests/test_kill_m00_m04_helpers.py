"""Helpers of the module-model kill tests (tests/test_kill_m00.py … test_kill_m04.py); no tests here."""
from __future__ import annotations

import pytest

from course_lib.errors import CourseInputError

NBSP = "\u00a0"


def de(v: float) -> str:
    """A number as the course's error messages print it (two decimals at most, trailing zeros
    dropped): decimal comma, thousands point, real minus sign."""
    v = round(v, 2)
    s = f"{int(v):,}" if v == int(v) else f"{v:,.2f}".rstrip("0")
    return s.replace(",", "_").replace(".", ",").replace("_", ".").replace("-", "\u2212")


def error_of(fn, *args, **kwargs) -> CourseInputError:
    with pytest.raises(CourseInputError) as info:
        fn(*args, **kwargs)
    return info.value


def assert_range(call, label: str, lo: float, hi: float, unit: str = "", step: float = 0.5) -> None:
    """``call(v)`` accepts both ends ``lo`` and ``hi`` and rejects ``lo - step`` and ``hi + step``
    with the German message that names the field ``label`` and the range [lo, hi]."""
    call(lo)
    call(hi)
    u = f"{NBSP}{unit}" if unit else ""
    for v in (lo - step, hi + step):
        exc = error_of(call, v)
        assert exc.message == f"„{label}“ muss zwischen {de(lo)} und {de(hi)}{u} liegen; eingegeben: {de(v)}{u}.", exc.message
        assert exc.hint == f"Bitte wählen Sie einen Wert zwischen {de(lo)} und {de(hi)}{u}."


def assert_choice_error(call, label: str, bad) -> None:
    """``call(bad)`` raises the German „not one of the options“ message naming ``label``."""
    exc = error_of(call, bad)
    assert exc.message == f"„{label}“: „{bad}“ ist keine der möglichen Angaben.", exc.message
