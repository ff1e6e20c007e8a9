"""The course's learner-facing error type and input checks.

Every error a learner can trigger is a :class:`CourseInputError` with a German message that
says what went wrong and what to do. Widgets catch it and show the message instead of a
traceback (see :mod:`course_lib.blocks.guard`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Real
from typing import Iterable, Sequence

from .format_de import NBSP, num


class CourseInputError(ValueError):
    """Bad input from a learner or a data file, explained in German.

    ``message`` says what is wrong, ``hint`` what to do about it.
    """

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())

    def _repr_html_(self) -> str:  # shown when a learner calls a function by hand
        from .blocks.messages import error_box  # one renderer for every error message

        return error_box(self.message, self.hint)


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
    unit_s = f"{NBSP}{unit}" if unit else ""
    if isinstance(value, bool):
        raise CourseInputError(
            f"{_label(name)} braucht eine Zahl, nicht „{value}“.",
            "Bitte geben Sie eine Zahl ein.",
        )
    if isinstance(value, str):
        value = read_number_de(value, kind="decimal", unit=unit, name=name).value
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
            (f"{_label(name)} braucht genau {min_len} Einträge, nicht {len(values)}." if min_len == max_len else
             f"{_label(name)} braucht zwischen {min_len} und {max_len} Einträge, nicht {len(values)}."),
            "Bitte passen Sie die Anzahl der Einträge an.",
        )
    return list(values)


# --------------------------------------------------------------------------------------------
# One German number parser for every learner input (task fields and widget text fields).
# The decisions per input are tabled in docs/NUMBER_INPUT.md and tested in
# tests/test_number_input.py.

NUMBER_KINDS = ("decimal", "count", "percent", "money")
_KIND_DE = {"decimal": "eine Zahl", "count": "eine Anzahl (ganze Zahl)", "percent": "ein Prozentwert",
            "money": "ein Eurobetrag"}
_EXAMPLE = {"decimal": "1.234,5", "count": "1.200", "percent": "41,5", "money": "4.435"}
_APPROX = re.compile(r"^(ca\.?|circa|zirka|rund|etwa|ungefähr|ungefaehr|knapp|fast|≈|~|\u2248)\s*", re.I)
_PCT = re.compile(r"\s*(%|prozent)$", re.I)
_EUR = re.compile(r"\s*(€|eur|euro)$", re.I)
_EUR_PREFIX = re.compile(r"^(€|eur)\s*", re.I)
_WHOLE = re.compile(r",\s*-{1,2}$")  # 4.435,- / 4.435,–
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2014": "-"})


@dataclass(frozen=True)
class NumberReading:
    """A parsed learner number: ``value`` and an optional German ``note`` (how it was read)."""

    value: float
    note: str = ""
    approx: bool = False
    ambiguous: bool = False  # „1.684“ in a decimal field, „4,435“ in a money field


def _unit_words(unit: str) -> set[str]:
    u = unit.strip().lower()
    if not u or u in ("%", "€"):
        return set()
    words = {u}
    extra = {"min": {"minute", "minuten", "min."}, "h": {"std", "std.", "stunde", "stunden"}, "ms": {"millisekunden"}}
    words |= extra.get(u, set())
    if u.endswith("e"):
        words.add(u + "n")  # Punkte → Punkten
    if len(u) > 3:
        words.add(u[:-1])  # Besuche → Besuch, Bilder → Bilde (harmless)
    return words


def read_number_de(value, *, kind: str = "decimal", unit: str = "", name: str = "Ihre Antwort") -> NumberReading:
    """Read a number a learner typed, the German way; raise :class:`CourseInputError` otherwise.

    ``kind`` says what the field expects: ``decimal`` (any number), ``count`` (whole number,
    no % or €), ``percent`` (a percentage, „41,5“ or „41,5 %“; a fraction like „0,415“ is
    refused with the percent it probably means) or ``money`` (euros, „4.435,-“ allowed).
    A dot followed by exactly three digits is a thousands separator („1.200“ → 1200); where
    that is ambiguous for a decimal field („1.684“), the reading comes with a German note.
    """
    if kind not in NUMBER_KINDS:
        raise ValueError(f"unknown number kind {kind!r}")
    label = _label(name)
    want = _KIND_DE[kind]
    example = _EXAMPLE[kind]
    note, approx, had_pct, had_eur, approx_word, ambiguous = "", False, False, False, "", ""
    if isinstance(value, bool) or value is None:
        raise CourseInputError(f"{label} braucht {want}.", f"Bitte geben Sie {want} ein, zum Beispiel {example}.")
    if isinstance(value, Real):
        number = float(value)
    elif isinstance(value, str):
        raw = value.strip()
        s = raw.translate(_SPACES).translate(_MINUS).strip()
        if not s:
            raise CourseInputError(f"{label} ist leer.", f"Bitte geben Sie {want} ein, zum Beispiel {example}.")
        m = _APPROX.match(s)
        if m:
            approx, approx_word, s = True, m.group(1), s[m.end():].strip()
        if _PCT.search(s):
            had_pct, s = True, _PCT.sub("", s).strip()
        if _EUR.search(s):
            had_eur, s = True, _EUR.sub("", s).strip()
        elif _EUR_PREFIX.match(s):
            had_eur, s = True, _EUR_PREFIX.sub("", s).strip()
        words = _unit_words(unit)
        tail = re.search(r"\s*([A-Za-zÄÖÜäöüß.]+)$", s)
        if tail and tail.group(1).lower() in words:
            s = s[:tail.start()].strip()
        if _WHOLE.search(s):
            s = _WHOLE.sub("", s).strip()
        short = raw[:40]
        if re.fullmatch(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?", s):
            s = s.replace(" ", "")
        number, ambiguous = _plain_number(s)
        if number is None:
            if re.search(r"\d\s*(-|bis|/)\s*\d", s) or len(re.findall(r"\d+", s)) > 1 and " " in s:
                raise CourseInputError(f"{label}: „{short}“ enthält mehr als eine Zahl.",
                                       f"Bitte geben Sie genau eine Zahl ein, keinen Bereich – zum Beispiel {example}.")
            raise CourseInputError(f"{label}: „{short}“ ist keine Zahl.",
                                   f"Bitte geben Sie {want} ein, zum Beispiel {example} (Punkt für Tausender, Komma vor den Dezimalstellen).")
        if ambiguous == "dot3" and kind in ("decimal", "percent"):
            note = (f"„{short}“ wurde als {number:.0f} gelesen (der Punkt trennt im Deutschen die Tausender). "
                    f"Falls Sie {s.lstrip('+').replace('.', ',')} meinen, schreiben Sie ein Komma.")
        elif ambiguous == "comma3" and kind == "money":
            note = (f"„{short}“ wurde als {num(number, 3)}{NBSP}€ gelesen (das Komma steht im Deutschen vor den Cent). "
                    f"Falls Sie {number * 1000:.0f}{NBSP}€ meinen, schreiben Sie {number * 1000:.0f} oder {num(number * 1000, 0)}.")
        else:
            ambiguous = ""
        if approx:
            note = (note + " " if note else "") + f"Das „{approx_word}“ wurde übergangen; geprüft wird {num(number, 3, strip=True)}."
    else:
        raise CourseInputError(f"{label} braucht {want}.", f"Bitte geben Sie {want} ein, zum Beispiel {example}.")
    if not math.isfinite(number):
        raise CourseInputError(f"{label} muss eine endliche Zahl sein.", "Bitte geben Sie einen gewöhnlichen Zahlenwert ein.")
    if had_pct and kind != "percent":
        raise CourseInputError(f"{label}: Hier ist {want} gefragt, kein Prozentwert.",
                               f"Bitte geben Sie die Zahl ohne „%“ ein, zum Beispiel {example}.")
    if had_eur and kind in ("count", "percent"):
        raise CourseInputError(f"{label}: Hier ist {want} gefragt, kein Eurobetrag.",
                               f"Bitte geben Sie die Zahl ohne „€“ ein, zum Beispiel {example}.")
    if kind == "count" and number != int(number):
        raise CourseInputError(f"{label}: Hier ist eine ganze Anzahl gefragt, nicht {num(number, 3, strip=True)}.",
                               "Bitte geben Sie eine ganze Zahl ein (ohne Komma), zum Beispiel 7 oder 1.200.")
    if kind == "percent" and not had_pct and 0 < abs(number) < 1:
        as_pct = num(number * 100, 3, strip=True)
        raise CourseInputError(
            f"{label}: „{num(number, 4, strip=True)}“ sieht wie ein Anteil aus ({num(number, 4, strip=True)}{NBSP}={NBSP}{as_pct}{NBSP}%), "
            "hier ist aber der Prozentwert gefragt.",
            f"Bitte geben Sie den Prozentwert ein, also {as_pct}. Falls Sie wirklich "
            f"{num(number, 4, strip=True)}{NBSP}% meinen, schreiben Sie das %-Zeichen dazu.")
    return NumberReading(number, note, approx, bool(ambiguous))


def _plain_number(s: str) -> tuple[float | None, str]:
    """A bare number string → (value, ambiguity flag) or (None, "")."""
    sign = ""
    if not s:
        return None, ""
    if s[0] in "+-":
        sign, s = s[0], s[1:].strip()
    if re.fullmatch(r"\d+", s):
        return float(sign + s), ""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d*)?", s):  # 1.234 / 1.234,5 / 1.234,
        ambiguous = "dot3" if re.fullmatch(r"\d{1,3}\.\d{3}", s) else ""
        return float(sign + s.replace(".", "").replace(",", ".").rstrip(".")), ambiguous
    if re.fullmatch(r"\d*,\d+", s):  # 1234,5 / ,5
        ambiguous = "comma3" if re.fullmatch(r"\d{1,3},\d{3}", s) else ""
        return float(sign + s.replace(",", ".")), ambiguous
    if re.fullmatch(r"\d+,", s):  # "4435," (whole amount)
        return float(sign + s[:-1]), ""
    if re.fullmatch(r"\d*\.\d+", s):  # 1.5 / 0.415 (English decimal point; 3 digits after it handled above)
        return float(sign + s), ""
    if re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", s) or re.fullmatch(r"\d{1,3}(,\d{3}){2,}", s):  # 1,234.5 / 1,200,000
        return float(sign + s.replace(",", "")), ""
    return None, ""


