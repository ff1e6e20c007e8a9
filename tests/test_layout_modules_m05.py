"""Module 05 Abwanderungs-Check: layout rules found in the screenshot review (issue 17).

At a 650-px notebook the two charts stood side by side: both titles wrapped onto three or four
lines, the bar area was about 130 px wide, and the „noch 83“ label sat on the curve's markers;
at 1600 px the two control columns touched. Now:

* the panel's width probe decides the arrangement – stacked below ``CHURN_STACK_BELOW_PX``,
  side by side above – with one-line titles and a bar area of at least 300 px either way;
* the „noch …“ label never touches either curve or a marker, at every control extreme;
* the two control columns have a gap.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.text import Text

from course_lib.m05_kundenbindung import model, view


def _widget(width_px: int | None, open_: bool = True):
    w = view.abwanderungs_check()
    if open_:
        w.predict.commit("service")  # the dashed bars and their legend entry are shown
    if width_px:
        w.box._vt_probe.width = width_px  # what the browser reports (runs the blocks' fit_width too)
    return w


def _set_levels(w, levels: dict) -> None:
    with w.hold():
        for sid, c in w.controls.items():
            c.value = levels.get(sid, 0)


LEVEL_CASES = {
    "none": {},
    "all 1": dict.fromkeys(model.SIGN_IDS, 1),
    "all 2": dict.fromkeys(model.SIGN_IDS, 2),
    "all 3": dict.fromkeys(model.SIGN_IDS, 3),
    "own 3": {s.id: 3 for s in model.WARNING_SIGNS if s.group == model.OWN},
    "one 3": {model.SIGN_IDS[0]: 3},
    "two 3": dict.fromkeys(model.SIGN_IDS[:2], 3),
}


@pytest.mark.parametrize("width,mode", [(650, "stacked"), (700, "stacked"), (1000, "wide"), (1400, "wide")])
def test_charts_stack_at_narrow_width_and_read_well(width, mode):
    w = _widget(width)
    lp, ax_w, ax_s = w.plots[0], w.artists["ax_w"], w.artists["ax_s"]
    assert w.layout_mode() == mode
    for case in ("none", "all 3"):
        _set_levels(w, LEVEL_CASES[case])
        lp.draw()
        if mode == "stacked":
            assert ax_s.bbox.y1 < ax_w.bbox.y0, "the cohort chart stands below the bar chart"
        else:
            assert ax_s.bbox.x0 > ax_w.bbox.x1, "the charts stand side by side"
        assert ax_w.bbox.width >= 300, f"bar area only {ax_w.bbox.width:.0f} px wide"
        assert ax_w.bbox.height >= 250 and ax_s.bbox.height >= 180
        for ax in (ax_w, ax_s):
            assert "\n" not in ax.title.get_text(), f"title wrapped: {ax.title.get_text()!r}"
        assert lp.overlapping_texts() == [], case
        assert lp.clipped_artists() == [], case
        assert lp.fig.get_size_inches()[0] * lp.fig.dpi <= max(width - 12, 300) + 1


def test_arrangement_follows_the_width_both_ways():
    w = _widget(650)
    assert w.layout_mode() == "stacked"
    w.box._vt_probe.width = 1300
    assert w.layout_mode() == "wide"
    w.box._vt_probe.width = 640
    assert w.layout_mode() == "stacked"
    lp = w.plots[0]
    assert lp.overlapping_texts() == [] and lp.clipped_artists() == []
    # the legend of the bars hangs right under its chart's labels, no gap left from the old layout
    r = lp.canvas.get_renderer()
    leg = w.artists["ax_w"].get_legend()
    xlabel = w.artists["ax_w"].xaxis.label.get_window_extent(r)
    assert 0 <= xlabel.y0 - leg.get_window_extent(r).y1 <= 20


def _polyline_px(line, n: int = 12) -> np.ndarray:
    xy = np.column_stack([np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)])
    dense = [xy[0]]
    for a, b in zip(xy[:-1], xy[1:]):
        dense += [a + (b - a) * t for t in np.linspace(0, 1, n)[1:]]
    return line.get_transform().transform(np.array(dense))


@pytest.mark.parametrize("width", [650, 1400])
def test_end_label_clear_of_both_curves_and_markers(width):
    w = _widget(width)
    lp, art = w.plots[0], w.artists
    marker_r = art["curve"].get_markersize() * lp.fig.dpi / 72 / 2
    cases = dict(LEVEL_CASES)
    for k, lv in enumerate(itertools.product(range(4), repeat=2)):  # a few mixed settings, too
        cases[f"mixed {k}"] = dict(zip(model.SIGN_IDS[::4], lv))
    for name, levels in cases.items():
        _set_levels(w, levels)
        lp.draw()
        r = lp.canvas.get_renderer()
        art["end_text"].update_positions(r)
        box = Text.get_window_extent(art["end_text"], r)  # the text alone (without its leader line)
        assert art["end_text"].get_text().startswith("noch ")
        ab = art["ax_s"].bbox
        assert ab.x0 <= box.x0 and box.x1 <= ab.x1 + 1 and ab.y0 <= box.y0 and box.y1 <= ab.y1 + 1, name
        grown = box.expanded(1, 1).padded(marker_r + 1)
        for line in (art["curve"], art["base"]):
            pts = _polyline_px(line)
            inside = ((pts[:, 0] >= grown.x0) & (pts[:, 0] <= grown.x1) & (pts[:, 1] >= grown.y0) & (pts[:, 1] <= grown.y1))
            assert not inside.any(), f"{name}: „{art['end_text'].get_text()}“ touches {line.get_label()!r}"
        assert lp.overlapping_texts() == [], name


def test_the_two_control_columns_have_a_gap():
    w = _widget(None, open_=False)
    cols = w.box.children[2].children[0].children[1]
    assert len(cols.children) == 2
    right = cols.children[0].layout.margin.split()[1]
    assert right.endswith("px") and int(right[:-2]) >= 24
