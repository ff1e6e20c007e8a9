"""The course's learner-facing error type and input checks.

Every error a learner can trigger is a :class:`CourseInputError` with a German message that
says what went wrong and what to do. Widgets catch it and show the message instead of a
traceback (see :mod:`course_lib.blocks.guard`).
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Iterable, Sequence

from .format_de import num


class CourseInputError(ValueError):
    """Bad input from a learner or a data file, explained in German.

    ``message`` says what is wrong, ``hint`` what to do about it.
    """

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())

    def _repr_html_(self) -> str:  # shown when a learner calls a function by hand
        from html import escape

        from .blocks.icons import icon

        hint = f"<br><b>Was tun?</b> {escape(self.hint)}" if self.hint else ""
        return (
            f'<div class="vt-msg vt-msg-error" role="alert">{icon("error")} <b>Eingabe prüfen:</b> '
            f"{escape(self.message)}{hint}</div>"
        )


def _label(name: str) -> str:
    return f"„{name}“"


def check_number(
    value,
    name: str,
    lo: float | None = None,
    hi: float | None = None,
    *,
    integer: bool = False,
    unit: str = "",
) -> float:
    """Return ``value`` as a float (or int) if it is a finite number in [lo, hi].

    Strings with a German decimal comma ("1,5") are accepted. Anything else raises a
    :class:`CourseInputError` that names the parameter, the allowed range and what to do.
    """
    unit_s = f" {unit}" if unit else ""
    if isinstance(value, bool):
        raise CourseInputError(
            f"{_label(name)} braucht eine Zahl, nicht „{value}“.",
            "Bitte geben Sie eine Zahl ein.",
        )
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            raise CourseInputError(f"{_label(name)} ist leer.", "Bitte geben Sie eine Zahl ein.")
        # German format: 1.234,5 -> 1234.5 ; also accept 1234.5
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise CourseInputError(
                f"{_label(name)}: „{value.strip()[:40]}“ ist keine Zahl.",
                "Bitte geben Sie eine Zahl ein, zum Beispiel 1,5 (mit Komma).",
            ) from None
    if not isinstance(value, Real):
        raise CourseInputError(
            f"{_label(name)} braucht eine Zahl.",
            "Bitte geben Sie eine Zahl ein, zum Beispiel 1,5.",
        )
    value = float(value)
    if not math.isfinite(value):
        raise CourseInputError(
            f"{_label(name)} muss eine endliche Zahl sein.",
            "Bitte geben Sie einen gewöhnlichen Zahlenwert ein.",
        )
    if integer and value != int(value):
        raise CourseInputError(
            f"{_label(name)} muss eine ganze Zahl sein, nicht {num(value, 2)}.",
            "Bitte runden Sie auf eine ganze Zahl.",
        )
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        lo_s = num(lo, 2, strip=True) if lo is not None else ""
        hi_s = num(hi, 2, strip=True) if hi is not None else ""
        if lo is not None and hi is not None:
            rule, want = f"muss zwischen {lo_s} und {hi_s}{unit_s} liegen", f"zwischen {lo_s} und {hi_s}{unit_s}"
        elif lo is not None:
            rule, want = f"muss mindestens {lo_s}{unit_s} sein", f"von mindestens {lo_s}{unit_s}"
        else:
            rule, want = f"darf höchstens {hi_s}{unit_s} sein", f"von höchstens {hi_s}{unit_s}"
        raise CourseInputError(
            f"{_label(name)} {rule}; eingegeben: {num(value, 2, strip=True)}{unit_s}.",
            f"Bitte wählen Sie einen Wert {want}.",
        )
    return int(value) if integer else value


def check_choice(value, name: str, allowed: Iterable) -> object:
    """Return ``value`` if it is one of ``allowed``; otherwise a German error listing them."""
    allowed = list(allowed)
    if value not in allowed:
        shown = ", ".join(f"„{a}“" for a in allowed[:8])
        raise CourseInputError(
            f"{_label(name)}: „{value}“ ist keine der möglichen Angaben.",
            f"Bitte wählen Sie eine davon: {shown}.",
        )
    return value


def check_text(value, name: str, *, min_len: int = 1, max_len: int = 2000) -> str:
    """Return stripped text if its length is within bounds; otherwise a German error."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CourseInputError(f"{_label(name)} braucht einen Text.", "Bitte geben Sie Text ein.")
    text = value.strip()
    if len(text) < min_len:
        raise CourseInputError(
            f"{_label(name)} ist leer." if not text else f"{_label(name)} ist zu kurz.",
            "Bitte schreiben Sie etwas in das Feld und versuchen Sie es erneut.",
        )
    if len(text) > max_len:
        raise CourseInputError(
            f"{_label(name)} ist zu lang ({len(text)} Zeichen, erlaubt sind {max_len}).",
            "Bitte kürzen Sie Ihren Text.",
        )
    return text


def check_sequence(values: Sequence, name: str, *, min_len: int = 1, max_len: int = 10_000) -> list:
    """Return ``values`` as a list if it is a list/tuple of suitable length."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise CourseInputError(f"{_label(name)} braucht eine Liste von Werten.", "Bitte übergeben Sie eine Liste.")
    if not (min_len <= len(values) <= max_len):
        raise CourseInputError(
            f"{_label(name)} braucht zwischen {min_len} und {max_len} Einträge, nicht {len(values)}.",
            "Bitte passen Sie die Anzahl der Einträge an.",
        )
    return list(values)
