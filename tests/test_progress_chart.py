"""The start page's progress chart (HTML/CSS, issue #22): the same numbers as the table, bar
widths proportional to the counts, no division by zero, German text with no-break spaces, a
text alternative with the sums, readable sizes and contrasts, and no matplotlib, numpy or
pandas in the kernel that shows it."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course_lib import content
from course_lib.exercises import progress
from course_lib.exercises import view as exview
from course_lib.exercises.view import ProgressOverview
from tests.helpers import TableCells

ROOT = Path(__file__).resolve().parents[1]
SERIES = ("versucht", "gelöst", "beim ersten Versuch richtig")
NBSP = "\u00a0"


class _Chart(HTMLParser):
    """Reads the chart back: caption, the role="img" element's label, the header texts and per
    module row its label and, per series cell, the bar's class, style width and number text."""

    def __init__(self):
        super().__init__()
        self.caption, self.imgs, self.heads, self.rows = "", [], [], []
        self.depth = 0
        self._text = None  # (target dict, key, depth of the element whose text it collects)

    def _collect(self, target, key):
        self._text = (target, key, self.depth)

    def handle_starttag(self, tag, attrs):
        self.depth += 1
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if a.get("role") == "img":
            self.imgs.append(a.get("aria-label"))
        if tag == "figcaption":
            self._collect(self.__dict__, "caption")
        elif "vt-pbars-head" in cls:
            self.heads.append({"text": ""})
            self._collect(self.heads[-1], "text")
        elif "vt-pbars-mod" in cls:
            self.rows.append({"label": "", "title": a.get("title"), "cells": []})
            self._collect(self.rows[-1], "label")
        elif "vt-pbars-cell" in cls:
            self.rows[-1]["cells"].append({"series": a.get("data-series"), "num": "", "bar": None, "width": None})
        elif "vt-pbars-bar" in cls:
            cell = self.rows[-1]["cells"][-1]
            m = re.fullmatch(r"width:\s*([0-9.]+)%", a.get("style", ""))
            cell["bar"], cell["width"] = cls, float(m.group(1)) if m else None
        elif "vt-pbars-num" in cls:
            self._collect(self.rows[-1]["cells"][-1], "num")

    def handle_endtag(self, tag):
        if self._text and self._text[2] == self.depth:
            self._text = None
        self.depth -= 1

    def handle_data(self, data):
        if self._text:
            target, key, _ = self._text
            target[key] += data


def chart(html: str) -> _Chart:
    p = _Chart()
    p.feed(html)
    return p


def table(html: str) -> list[dict]:
    p = TableCells(clean=lambda d: d.replace("\u00ad", ""))  # soft hyphens removed
    p.feed(html)
    head, *body = p.rows
    return [dict(zip(head, r)) for r in body]


def _graded(module_id):
    return [t["id"] for t in content.load_tasks(module_id)["tasks"] if t["type"] != "text"]


def _all_tasks(module_id):
    return [(t["id"], t["type"]) for t in content.load_tasks(module_id)["tasks"]]


def _exercise_modules():
    return [m["id"] for m in content.modules() if m.get("exercise")]


def state_empty():
    pass


def state_partly():
    progress.record_attempt("m00", "t1", "a", True)            # first try right
    progress.record_attempt("m00", "t5", "50", False)          # tried, wrong
    progress.record_attempt("m01", "t2", {}, False)            # wrong, then right: solved, not first
    progress.record_attempt("m01", "t2", {}, True)
    progress.record_attempt("m00", "t6", "Mein Text", False, graded=False)  # free text: tried only


def state_all_solved():
    for m in _exercise_modules():
        for tid, kind in _all_tasks(m):
            progress.record_attempt(m, tid, "x", kind != "text", graded=kind != "text")


def state_tried_not_solved():
    for tid in _graded("m03"):
        progress.record_attempt("m03", tid, "x", False)
        progress.record_attempt("m03", tid, "y", False)


STATES = {"empty": state_empty, "partly": state_partly, "all_solved": state_all_solved,
          "tried_not_solved": state_tried_not_solved}


@pytest.mark.parametrize("state", list(STATES))
def test_chart_shows_the_tables_numbers(data_dir, state):
    """One model result for both: every chart number equals the table's cell in the same widget."""
    STATES[state]()
    ov = ProgressOverview()
    rows, c = table(ov.table.value), chart(ov.chart.value)
    assert len(c.rows) == len(rows) == len(_exercise_modules())
    for trow, crow in zip(rows, c.rows):
        assert crow["label"] == f"Modul{NBSP}{trow['Modul'].split(' ')[0]}"
        assert [cell["series"] for cell in crow["cells"]] == list(SERIES)
        for cell in crow["cells"]:
            n, total = (int(x) for x in cell["num"].split(f"{NBSP}von{NBSP}"))
            assert (n, total) == (int(trow[cell["series"]]), int(trow["Aufgaben"])), (trow["Modul"], cell)


def test_the_states_really_differ(data_dir):
    """The parametrised states above are not all the same picture (a chart stuck at zero would
    pass the equality test against a table stuck at zero)."""
    seen = {}
    for name, make in STATES.items():
        progress.reset()
        make()
        c = chart(ProgressOverview().chart.value)
        seen[name] = [[cell["num"] for cell in r["cells"]] for r in c.rows]
    assert len({repr(v) for v in seen.values()}) == len(STATES)
    m00 = seen["partly"][0]
    assert m00 == [f"3{NBSP}von{NBSP}7", f"1{NBSP}von{NBSP}7", f"1{NBSP}von{NBSP}7"]
    assert seen["partly"][1] == [f"1{NBSP}von{NBSP}5", f"1{NBSP}von{NBSP}5", f"0{NBSP}von{NBSP}5"]
    assert seen["tried_not_solved"][3][1] == f"0{NBSP}von{NBSP}7" and seen["tried_not_solved"][3][0] == f"6{NBSP}von{NBSP}7"


@pytest.mark.parametrize("state", list(STATES))
def test_bar_widths_are_proportional_to_the_counts(data_dir, state):
    STATES[state]()
    c = chart(ProgressOverview().chart.value)
    widths = []
    for r in c.rows:
        for cell in r["cells"]:
            n, total = (int(x) for x in cell["num"].split(f"{NBSP}von{NBSP}"))
            assert cell["width"] is not None, cell
            assert cell["width"] == pytest.approx(100 * n / total, abs=0.051)
            widths.append(cell["width"])
    if state == "all_solved":
        assert max(widths) == 100.0
    if state != "empty":
        assert any(0 < w < 100 for w in widths)


def test_zero_counts_show_an_empty_track_and_zero(data_dir):
    c = chart(ProgressOverview().chart.value)
    for r in c.rows:
        for cell in r["cells"]:
            assert cell["width"] == 0.0 and cell["num"].startswith(f"0{NBSP}von{NBSP}")
    assert "vt-pbars-track" in ProgressOverview().chart.value


def test_a_module_without_tasks_divides_by_nothing(data_dir, monkeypatch):
    """A module whose tasks file is missing has 0 Aufgaben: an empty track, „0 von 0“, no error."""
    real = content.load_tasks

    def load(module_id):
        if module_id == "m02":
            raise OSError("missing")
        return real(module_id)

    monkeypatch.setattr(content, "load_tasks", load)
    ov = ProgressOverview()
    r = chart(ov.chart.value).rows[2]
    assert r["label"] == f"Modul{NBSP}02"
    assert [(cell["num"], cell["width"]) for cell in r["cells"]] == [(f"0{NBSP}von{NBSP}0", 0.0)] * 3
    alone = chart(exview._progress_chart_html([{"Modul": "10 Leer", "Aufgaben": 0, "versucht": 0, "gelöst": 0,
                                                 "beim ersten Versuch richtig": 0}]))
    assert [cell["width"] for cell in alone.rows[0]["cells"]] == [0.0] * 3
    assert alone.imgs == ["Balkendiagramm: 0 von 0 Aufgaben gelöst, davon 0 beim ersten Versuch richtig, "
                          "aufgeteilt nach Modulen."]


def test_german_text_with_no_break_spaces(data_dir):
    state_partly()
    html = ProgressOverview().chart.value
    c = chart(html)
    assert c.caption == "Ihr Fortschritt je Modul"
    assert [h["text"] for h in c.heads] == ["Modul", *SERIES], "the column headers are the legend, in text"
    assert all(re.fullmatch(f"Modul{NBSP}\\d\\d", r["label"]) for r in c.rows)
    assert all(re.fullmatch(f"\\d+{NBSP}von{NBSP}\\d+", cell["num"]) for r in c.rows for cell in r["cells"])
    shown = re.sub(r"<[^>]*>", "|", html.split("</style>", 1)[1])  # the visible text, not the attributes
    assert shown.count("von") == 3 * len(c.rows)
    assert not re.search(r"Modul \d|\d von \d", shown), "a plain space could break „Modul 01“ or „3 von 7“"
    assert "Freitextaufgaben zählen als versucht, nicht als gelöst." in html


@pytest.mark.parametrize("state", list(STATES))
def test_text_alternative_states_the_sums(data_dir, state):
    """Exactly one role="img" (the chart; no list or table duplicating it for screen readers),
    labelled with the sums of the table's columns."""
    STATES[state]()
    ov = ProgressOverview()
    rows, c = table(ov.table.value), chart(ov.chart.value)
    s = {k: sum(int(r[k]) for r in rows) for k in ("Aufgaben", "gelöst", "beim ersten Versuch richtig")}
    expected = (f"Balkendiagramm: {s['gelöst']} von {s['Aufgaben']} Aufgaben gelöst, davon "
                f"{s['beim ersten Versuch richtig']} beim ersten Versuch richtig, aufgeteilt nach Modulen.")
    assert c.imgs == [expected] and ov.alt == expected
    assert not re.search(r"<(table|ul|ol)\b", ov.chart.value)


def test_series_differ_by_pattern_not_only_colour():
    css = exview._PROGRESS_CSS
    rules = dict(re.findall(r"\.(vt-pb-\w+) \{([^}]*)\}", css))
    assert set(rules) == {"vt-pb-tried", "vt-pb-solved", "vt-pb-first"}
    kinds = {k: ("stripes" if "linear-gradient" in v else "dots" if "radial-gradient" in v else "solid") for k, v in rules.items()}
    assert sorted(kinds.values()) == ["dots", "solid", "stripes"]
    html = exview._progress_chart_html([{"Modul": "01 A", "Aufgaben": 2, "versucht": 1, "gelöst": 1, "beim ersten Versuch richtig": 0}])
    c = chart(html)
    assert [cell["bar"][1] for cell in c.rows[0]["cells"]] == ["vt-pb-tried", "vt-pb-solved", "vt-pb-first"]


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rule(selector: str) -> str:
    m = re.search(re.escape(selector) + r" \{([^}]*)\}", exview._PROGRESS_CSS)
    assert m, selector
    return m.group(1)


def test_sizes_and_contrasts():
    """Text ≥ 12 px and ≥ 4.5:1 on the page; bars (their base colour) and the track's edge ≥ 3:1
    against the track and the page; no fixed width over 300 px (fluid at 650 px)."""
    css = exview._PROGRESS_CSS
    page = re.search(r"background: (#[0-9a-fA-F]{6})", _rule(".vt-pbars")).group(1)  # its own, whatever the theme
    track = re.search(r"background: (#[0-9a-fA-F]{6})", _rule(".vt-pbars-track")).group(1)
    for sel in (".vt-pbars", ".vt-pbars-note"):
        colour = re.search(r"(?<![-\w])color: (#[0-9a-fA-F]{6})", _rule(sel)).group(1)
        assert _contrast(colour, page) >= 4.5, sel
    for sel in (".vt-pb-tried", ".vt-pb-solved", ".vt-pb-first"):
        base = re.findall(r"#[0-9a-fA-F]{6}", _rule(sel))
        fill = [c for c in base if c.lower() != "#ffffff"][-1]
        assert _contrast(fill, track) >= 3 and _contrast(fill, page) >= 3, (sel, fill)
    edge = re.search(r"border: 1px solid (#[0-9a-fA-F]{6})", _rule(".vt-pbars-track")).group(1)
    assert _contrast(edge, page) >= 3 and _contrast(edge, track) >= 3
    sizes = re.findall(r"font-size: ([^;]+);", css)
    assert sizes and all(s.startswith("max(12px,") for s in sizes if s != "1.1em"), sizes
    px = [int(v) for v in re.findall(r"(?:^|[\s;{])(?:width|min-width|max-width|flex-basis): (\d+)px", css)]
    assert all(v <= 300 for v in px), px
    assert "max-width: 72em" in _rule(".vt-pbars")
    assert "minmax(0, 1fr)" in _rule(".vt-pbars-grid"), "the columns shrink with the notebook"


def test_overview_shows_no_matplotlib_numpy_or_pandas(tmp_path):
    """The memory rule (#22): building, refreshing and resetting the overview in a fresh
    interpreter loads none of the three (≈ 53 MB with matplotlib + numpy)."""
    code = ("import sys\n"
            "from course_lib.exercises import progress\n"
            "progress.record_attempt('m00', 't1', 'a', True)\n"
            "from course_lib.exercises.view import ProgressOverview\n"
            "p = ProgressOverview(); p.refresh_button.click(); p.confirm.value = True; p.reset_button.click()\n"
            "assert 'Balkendiagramm: 0 von' in p.alt, p.alt\n"
            "print(sorted(m for m in ('matplotlib', 'numpy', 'pandas') if m in sys.modules))\n")
    env = {"VERTRIEB30_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout
