"""blocks/svgplot.py: the start page's chart without matplotlib (issue #22) keeps the course's
plot rules – German ticks, the legend naming only what is drawn, text at the course sizes that
stays inside the chart, the width the panel has, a German description, nothing imported that
costs memory."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.blocks import svgplot
from course_lib.blocks.guard import blank_on_error
from course_lib.blocks.svgplot import SvgPlot, nice_ticks
from course_lib.errors import CourseInputError

NS = {"s": "http://www.w3.org/2000/svg"}
ROOT = Path(__file__).resolve().parents[1]


def _chart(**kw) -> SvgPlot:
    p = SvgPlot(title="Wie viele Kundenbesuche passen in einen Tag?", xlabel="Minuten pro Gespräch",
                ylabel="Besuche pro Tag (Anzahl)", xlim=(5, 185), ylim=(0, 9), **kw)
    p.line([10, 60, 120, 180], [8, 4, 2, 2], steps=True, color="#7F7F7F", label="alle Gesprächslängen")
    m = p.marker(color="#E69F00", label="Ihre Wahl")
    m.set_data([60], [4])
    p.refresh(alt="Treppenkurve <b>&")
    return p


def _texts(svg: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"):
        out.setdefault(t.get("class", ""), []).append(t.text)
    return out


@settings(max_examples=200, deadline=None)
@given(lo=st.floats(-1e4, 1e4), span=st.floats(1e-3, 1e5), n=st.integers(2, 15))
def test_nice_ticks_are_round_inside_and_few_enough(lo, span, n):
    hi = lo + span
    t = nice_ticks(lo, hi, n)
    assert 1 <= len(t) <= n
    assert all(lo - 1e-6 * span <= v <= hi + 1e-6 * span for v in t)
    if len(t) > 1:
        step = t[1] - t[0]
        assert all(abs((b - a) - step) < 1e-6 * step for a, b in zip(t, t[1:]))
        mant = step / 10 ** __import__("math").floor(__import__("math").log10(step))
        assert min(abs(mant - m) for m in (1, 2, 2.5, 5, 10)) < 1e-6


def test_nice_ticks_examples():
    assert nice_ticks(5, 185, 9) == [20, 40, 60, 80, 100, 120, 140, 160, 180]
    assert nice_ticks(0, 9, 6) == [0, 2, 4, 6, 8]
    assert nice_ticks(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1]


def test_markup_is_valid_svg_with_a_german_description():
    p = _chart()
    root = ET.fromstring(p.widget.value)   # well-formed XML, all text escaped
    assert root.get("role") == "img" and root.get("aria-label") == "Treppenkurve <b>&"
    assert p.widget.value.startswith("<svg") and "vt-svgplot" in p.widget._dom_classes
    texts = _texts(p.svg)
    assert texts["vt-t-xtick"] == ["20", "40", "60", "80", "100", "120", "140", "160", "180"]
    assert texts["vt-t-xlabel"] == ["Minuten pro Gespräch"] and texts["vt-t-ylabel"] == ["Besuche pro Tag (Anzahl)"]
    assert texts["vt-t-legend"] == ["alle Gesprächslängen", "Ihre Wahl"]


def test_ticks_use_german_decimal_commas():
    p = SvgPlot(title="Anteil", xlabel="x", ylabel="y", xlim=(0, 1), ylim=(0, 0.5), xdigits=2, ydigits=1)
    p.line([0, 1], [0, 0.5])
    p.refresh(alt="a")
    texts = _texts(p.svg)
    assert "0,20" in texts["vt-t-xtick"] and "0,1" in texts["vt-t-ytick"]
    assert not any("." in t for t in texts["vt-t-xtick"] + texts["vt-t-ytick"])


def test_legend_names_only_visible_series():
    p = _chart()
    p.series[1].set_visible(False)
    p.refresh(alt="x")
    assert _texts(p.svg)["vt-t-legend"] == ["alle Gesprächslängen"]
    assert 'class="vt-marker"' not in p.svg
    p.series[1].set_visible(True)
    p.series[1].set_data([], [])           # a marker without a place is not drawn nor named
    p.refresh(alt="x")
    assert _texts(p.svg)["vt-t-legend"] == ["alle Gesprächslängen"]


def test_guard_hides_the_marker_on_bad_input_and_brings_it_back():
    p = _chart()
    marker = p.series[1]

    @blank_on_error(p, None, [])
    def update(v):
        if v < 0:
            raise CourseInputError("Bitte eine Zahl ab 0.", "")
        marker.set_data([v], [4])
        p.refresh(alt="ok")

    with pytest.raises(CourseInputError):
        update(-1)
    assert 'class="vt-marker"' not in p.svg and "Keine Darstellung" in p.alt
    update(60)
    assert 'class="vt-marker"' in p.svg and p.alt == "ok"


@pytest.mark.parametrize("px", [0, 250, 320, 500, 572, 650, 800, 1000, 1600, 4000])
def test_width_follows_the_panel_text_stays_inside_and_apart(px):
    p = _chart()
    p.fit_width(px)
    w, h = p.shown_size
    root = ET.fromstring(p.widget.value)
    assert (int(root.get("width")), int(root.get("height"))) == (w, h)
    vb = [float(x) for x in root.get("viewBox").split()]
    assert vb[2] / vb[3] == pytest.approx(w / h, rel=0.01)          # no letterboxing: text shows at its size × scale
    if px:
        assert w <= max(px - 12, svgplot.MIN_W) + 1                 # fits the panel (never under 300 px)
    assert w <= svgplot.MAX_PX_W and h <= svgplot.MAX_PX_H
    assert p.scale <= svgplot.MAX_GROW + 1e-9
    sizes = [float(t.get("font-size")) * p.scale for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert min(sizes) >= 12                                          # ≥ 12 px on screen (the layout check: 11.5)
    assert p.overlapping_texts() == [] and p.outside_texts() == [] and p.markers_outside() == []


def test_fit_width_redraws_only_when_the_size_changes():
    p = _chart()
    n = p.renders
    assert p.fit_width(500) and p.renders == n + 1 and p.shown_size[0] == 488
    assert not p.fit_width(503) and p.renders == n + 1
    assert p.fit_width(1600) and p.scale == pytest.approx(svgplot.MAX_GROW)


def test_estimates_catch_a_crowded_chart():
    """The Python-side checks can fail: a title too long to wrap away and a label at the edge."""
    p = SvgPlot(title="T", xlabel="x", ylabel="y", xlim=(0, 10), ylim=(0, 5))
    p.line([0, 10], [0, 5], label="Linie")
    m = p.marker(color="#000000", label="Marke")
    m.set_data([10.0], [5.0 + 4])        # far above the axes: the unclipped marker leaves the chart
    p.refresh(alt="x")
    assert p.markers_outside()
    q = SvgPlot(title="Ein_Titel_ohne_Leerzeichen_der_nicht_umbrechen_kann_und_daher_zu_breit_ist",
                xlabel="x", ylabel="y", xlim=(0, 1), ylim=(0, 1))
    q.fit_width(300)
    assert q.outside_texts()


def test_text_width_is_conservative_for_digits_and_umlauts():
    # DejaVu Sans advance widths (em): digits 0.636, „ä“ 0.613, „m“ 0.974 – the estimate must not be smaller
    assert svgplot.text_width("0123456789", 10) >= 6.36 * 10 / 10
    assert svgplot.text_width("m", 10) >= 0.86 * 10 and svgplot.text_width("Gespräch", 10) >= 5.0 * 10 / 10


def test_start_page_chart_imports_no_matplotlib():
    code = ("import sys, json\nfrom course_lib.m00_start import view\np = view.warmup(predict=False)\n"
            "print(json.dumps([m for m in ('matplotlib', 'numpy', 'pandas', 'PIL') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": "/tmp",
                              "VERTRIEB30_DATA_DIR": "/tmp/vt-svg-test"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_a_line_beyond_the_limits_is_held_at_the_axes_edge():
    import re

    p = SvgPlot(title="T", xlabel="x", ylabel="y", xlim=(0, 10), ylim=(0, 5))
    p.line([-5, 5, 20], [-3, 2, 40])
    p.refresh(alt="x")
    f = p.frame()
    d = ET.fromstring(p.svg).find(".//s:path[@class='vt-series']", NS).get("d")
    pts = [tuple(map(float, xy.split(","))) for xy in re.findall(r"[ML](-?[\d.]+,-?[\d.]+)", d)]
    assert len(pts) == 3
    assert all(f["left"] - 0.05 <= x <= f["right"] + 0.05 and f["top"] - 0.05 <= y <= f["bottom"] + 0.05 for x, y in pts)
    assert pts[1] == pytest.approx(p.to_px(5, 2), abs=0.06)          # a point inside stays where it is


def test_two_charts_in_the_same_state_have_the_same_markup():
    """The display depends only on the state (the fuzz test compares a fresh widget's markup)."""
    assert _chart().svg == _chart().svg
