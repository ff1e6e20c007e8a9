"""German number formats for labels, tables and feedback: 1.234,5 € · 73 % · 0,5 h."""
from __future__ import annotations

import math

NBSP = "\u00a0"


def num(x: float, digits: int = 1, *, strip: bool = False) -> str:
    """Format ``x`` with German separators: ``num(1234.56, 1) == '1.234,6'``.

    ``strip=True`` drops trailing zeros of the decimals (``num(2.50, 2, strip=True) == '2,5'``).
    Non-finite numbers are shown as "–" so that a table never shows "nan".
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    s = f"{x:,.{digits}f}"
    if strip and "." in s:
        s = s.rstrip("0").rstrip(".")
    s = s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    if s.startswith("-") and set(s[1:]) <= set("0,."):
        s = s[1:]  # no "-0,0"
    return s.replace("-", "−")


def eur(x: float, digits: int = 0) -> str:
    """Euro amount: ``eur(12000) == '12.000 €'`` (non-breaking space before the sign)."""
    return f"{num(x, digits)}{NBSP}€"


def pct(fraction: float, digits: int = 0) -> str:
    """Percentage from a fraction: ``pct(0.734) == '73 %'``."""
    if fraction is None or (isinstance(fraction, float) and not math.isfinite(fraction)):
        return "–"
    return f"{num(fraction * 100, digits)}{NBSP}%"


def pp(points: float, digits: int = 0) -> str:
    """Percentage points: ``pp(5) == '5 Prozentpunkte'``."""
    return f"{num(points, digits, strip=True)}{NBSP}Prozentpunkte"


def unit(x: float, u: str, digits: int = 1) -> str:
    """Number with unit: ``unit(0.5, 'h') == '0,5 h'``."""
    return f"{num(x, digits)}{NBSP}{u}"
