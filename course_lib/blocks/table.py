"""Tables that fit a laptop screen: German headers with soft hyphens, compact cells, the course's
table look (``table.vt-table`` in css.py: wrapping headers, ≥ 12 px text, a visible cue when a
table still has to scroll sideways).

Why soft hyphens: a header column is as wide as its longest word („Abschlussquote“,
„Kernpunkte“), and seven to nine such columns do not fit the ≈ 560 px an output has in a
650-px notebook. CSS ``hyphens: auto`` needs a hyphenation dictionary in the browser (Debian's
Chromium has none; measured) and a ``lang`` attribute, so the break points are put into the
text as U+00AD (SOFT HYPHEN), which every browser honours: the word breaks there, with a
hyphen, only when the column is too narrow.
"""
from __future__ import annotations

import re
from html import escape
from typing import Iterable, Sequence

SOFT_HYPHEN = "\u00ad"

# Break points of the long words in the course's table headers ("|" = soft hyphen): at the
# joints of compounds and prefixes first (Duden: „Abschluss-quote“ reads better than
# „Abschlussquo-te“), so a header breaks where a reader expects it.
BREAKS = {w.replace("|", ""): w for w in (
    "ab|gedeckt", "Abschluss|quote", "Ab|schlüsse", "An|teil", "Auf|gaben", "be|arbeitet",
    "Beratungs|zeit", "Be|suche", "Be|wertung", "dauer|haft", "Frei|text", "Kern|punkte",
    "Kunden|zufrieden|heit", "Quali|tät", "rich|tig", "Selbst|check", "Storno|quote", "ver|sucht",
    "Ver|such", "Ver|suche", "Wahrschein|lich|keit", "Zufrieden|heit", "Zeit|punkt", "Ant|worten",
    "Er|gebnis", "Häufig|keit",
    # module titles longer than „Beziehungs-“ (first column of the progress table; shorter words
    # keep their break-free form, the column is that wide anyway)
    "Beziehungs|kompetenz", "Kunden|beziehung", "Mikro|expressionen", "Verkaufs|gespräch",
    "Digitali|sierung", "Mimik|resonanz", "Beziehungs|phasen",
)}
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def hyphenate(text: str) -> str:
    """``text`` with soft hyphens in every word listed in :data:`BREAKS` (plain text in, plain
    text out; escape it for HTML afterwards)."""
    return _WORD.sub(lambda m: BREAKS.get(m.group(0), m.group(0)).replace("|", SOFT_HYPHEN), text)


def header(text: str) -> str:
    """A header cell's HTML text: escaped, with soft hyphens."""
    return escape(hyphenate(text))


def table_html(columns: Sequence[str], rows: Iterable[Sequence], *, caption: str = "",
               num: Iterable[int] = (), highlight: int | None = None, cls: str = "") -> str:
    """A ``vt-table``: ``columns`` (plain German text, hyphenated here), ``rows`` (cell texts,
    escaped here), ``num`` (indices of right-aligned number columns, kept on one line),
    ``highlight`` (index of a row shown bold on a light blue, e.g. the learner's choice)."""
    num = set(num)
    klass = " ".join(["vt-table", cls]).strip()
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    right = ' style="text-align:right"'  # a number column's header: right-aligned, but it wraps
    head = "".join(f"<th scope='col'{right if i in num else ''}>{header(c)}</th>" for i, c in enumerate(columns))
    cell = ' class="vt-num"'
    body = []
    for r, row in enumerate(rows):
        mark = " class='vt-mark' style='font-weight:bold;background:#eef4fb'" if r == highlight else ""
        body.append(f"<tr{mark}>" + "".join(f"<td{cell if i in num else ''}>{escape(str(c))}</td>"
                                            for i, c in enumerate(row)) + "</tr>")
    return f"<table class='{klass}'>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
