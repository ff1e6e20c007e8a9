"""Module 06 layout and redraw rules found in the screenshot review (issue 17):

* the radar's area labels stand wholly outside its outer ring (they were crossed by it);
* Energiebudget: a slider stepped back and forth blits (no full redraw) – the y-axis changes
  only when it must – while a real change of range still redraws.
"""
from __future__ import annotations

import random

import numpy as np
import pytest

from course_lib.m06_beziehungskompetenz import model, view
from course_lib.storage import Store


# ---------------------------------------------------------------------------------------
# Radar (Selbsteinschätzung)
# ---------------------------------------------------------------------------------------
def _answers_for(scores: dict[str, int]) -> dict[str, int]:
    """Answers that give each area ``scores[dim]`` ∈ {0, 100} (reverse-keyed items inverted)."""
    out = {}
    for item in model.ITEMS:
        hi = scores[item["dim"]] == 100
        out[item["id"]] = (1 if hi else 5) if item["reverse"] else (5 if hi else 1)
    return out


EXTREMES = {
    "all 0": dict.fromkeys(model.DIM_IDS, 0),
    "all 100": dict.fromkeys(model.DIM_IDS, 100),
    "alternating": {d: (100 if k % 2 else 0) for k, d in enumerate(model.DIM_IDS)},
}


def _ring_clearance(w: view.SelfAssessment) -> dict[str, float]:
    """Per area label: distance (px) from the outer ring to the label box's nearest point
    (negative: the ring runs through or inside the label)."""
    lp = w.plot
    lp.draw()
    r = lp.canvas.get_renderer()
    ax = w.ax
    cx, cy = ax.transAxes.transform((0.5, 0.5))
    ring = ax.transData.transform((0.0, ax.get_ylim()[1]))  # a point on the outer circle
    radius = float(np.hypot(ring[0] - cx, ring[1] - cy))
    out = {}
    for tick in ax.xaxis.get_major_ticks():
        lab = tick.label1
        if not (lab.get_visible() and lab.get_text().strip()):
            continue
        b = lab.get_window_extent(r)
        nx, ny = min(max(cx, b.x0), b.x1), min(max(cy, b.y0), b.y1)
        out[lab.get_text().replace("\n", " ")] = float(np.hypot(nx - cx, ny - cy)) - radius
    return out


@pytest.mark.parametrize("case", list(EXTREMES))
def test_radar_labels_clear_of_the_outer_ring_at_extremes(case, data_dir):
    w = view.SelfAssessment(Store("m06layoutradar"))
    for iid, a in _answers_for(EXTREMES[case]).items():
        w.controls[iid].value = a
    w.save()  # the saved run is compared: both polygons (markers at the ring at 100) are drawn
    assert w.line_now.get_visible() and w.line_prev.get_visible()
    assert [round(v) for v in w.line_now.get_ydata()[:-1]] == [EXTREMES[case][d] for d in model.DIM_IDS]
    clear = _ring_clearance(w)
    assert len(clear) == len(model.DIM_IDS)
    marker_r = w.line_now.get_markersize() * w.plot.fig.dpi / 72 / 2
    bad = {k: round(v, 1) for k, v in clear.items() if v < marker_r + 1}
    assert not bad, f"area labels crossed by (or touching) the outer ring / a marker on it: {bad}"
    assert w.plot.clipped_artists() == []
    assert w.plot.overlapping_texts() == []
    assert "\n" not in w.ax.title.get_text(), "the title stays on one line (it was wrapped onto the top label)"


# ---------------------------------------------------------------------------------------
# Energiebudget: blit on steady-state steps
# ---------------------------------------------------------------------------------------
def test_energiebudget_first_slider_back_and_forth_blits():
    """What the browser benchmark does (first slider ±1 step from its start value): one full
    draw at most (the first step may need a taller axis), then only blits."""
    w = view.energiebudget()
    lp, c = w.plots[0], w.controls["n"]
    start = c.value
    f0 = lp.full_draws
    for _ in range(15):
        c.value = start + c.step if c.value == start else start
    assert lp.full_draws - f0 <= 1, f"{lp.full_draws - f0} full draws in 15 steps"
    assert lp.renders >= 16  # every step was shown


def _one_top_fits(ea: float, eb: float) -> bool:
    """Some y-axis top of the widget can show both end values (≥ 1,1 × the larger maximum and
    ≤ KEEP_YTOP × the smaller one)."""
    lo, hi = sorted((max(ea, model.B_CRIT), max(eb, model.B_CRIT)))
    return any(1.1 * hi <= t <= view.KEEP_YTOP * lo for t in view.Y_STEPS)


def test_energiebudget_steady_state_toggles_blit_everywhere():
    """From 40 random settings, one slider moved back and forth by one step. Whenever one axis
    range can show both states and the legend stays the same (the threshold is reached in both
    or in neither), every step after the first three blits – no full redraw. The other pairs
    (a jump the axis cannot hold, a legend entry that comes and goes) are static changes; they
    must stay rare, or this test would prove little."""
    rnd = random.Random(17)
    w = view.energiebudget()
    lp = w.plots[0]
    keys = ["n", "d", "s", "c", "u"]
    full = steady = 0
    for _ in range(40):
        with w.hold():
            for k in keys:
                c = w.controls[k]
                n = round((c.max - c.min) / c.step)
                c.value = type(c.value)(c.min + c.step * rnd.randint(0, n))
        c = w.controls[rnd.choice(keys)]
        a = c.value
        b = type(a)(round(a + c.step if a + c.step <= c.max + 1e-9 else a - c.step, 6))
        c.value = b
        rb = w.result()
        c.value = a
        ra = w.result()
        c.value = b  # warm-up: b, a, b (the axis may settle on a top that holds both)
        if ra.reached != rb.reached or not _one_top_fits(ra.end, rb.end):
            continue
        steady += 1
        f0 = lp.full_draws
        for _ in range(6):
            c.value = a if c.value == b else b
        full += lp.full_draws - f0
    assert steady >= 32, f"only {steady} of 40 pairs are steady-state pairs"
    assert full == 0, f"{full} full redraws in {6 * steady} steady-state steps"


def test_energiebudget_range_change_still_redraws():
    """The other side: when the path outgrows the axis (or shrinks below half of it), the axis
    changes and the plot is redrawn in full – the blit path is not taken blindly."""
    w = view.energiebudget()
    lp, c, ax = w.plots[0], w.controls["n"], w.artists["ax"]
    tops, f0 = set(), lp.full_draws
    for v in range(int(c.min), int(c.max) + 1, int(c.step)):
        c.value = v
        y = np.asarray(w.artists["line"].get_ydata(), float)
        top = ax.get_ylim()[1]
        assert 1.1 * max(y.max(), model.B_CRIT) - 1e-9 <= top <= view.KEEP_YTOP * max(y.max(), model.B_CRIT)
        tops.add(top)
    assert len(tops) >= 4 and lp.full_draws - f0 >= len(tops) - 1


def test_energiebudget_only_the_axis_range_depends_on_the_path():
    """The kept y-axis top is the one thing that depends on how the learner got to a setting:
    after a random walk the text, the plotted path, the marker and the legend equal those of a
    fresh widget set straight to the final values; the top is within the E2 bounds for both."""
    rnd = random.Random(5)
    walked = view.energiebudget()
    keys = ["n", "d", "s", "c", "u", "tage"]
    for _ in range(60):
        c = walked.controls[rnd.choice(keys)]
        if c.description == "Zeitraum":
            c.value = rnd.choice([o[1] for o in c.options])
        else:
            c.value = type(c.value)(c.min + c.step * rnd.randint(0, round((c.max - c.min) / c.step)))
    fresh = view.energiebudget()
    with fresh.hold():
        for k in keys:
            fresh.controls[k].value = walked.controls[k].value
    assert walked.path_dependent
    assert walked.view_box.children[1].value == fresh.view_box.children[1].value
    for name in ("line", "cross"):
        a, b = walked.artists[name], fresh.artists[name]
        assert a.get_visible() == b.get_visible()
        if a.get_visible():  # a hidden marker keeps its last data; only what is drawn counts
            assert np.allclose(a.get_xydata(), b.get_xydata())
    legend = lambda w: [t.get_text() for t in w.artists["ax"].get_legend().get_texts()]  # noqa: E731
    assert legend(walked) == legend(fresh)
    y = np.asarray(walked.artists["line"].get_ydata(), float)
    for w in (walked, fresh):
        top = w.artists["ax"].get_ylim()[1]
        assert 1.1 * max(y.max(), model.B_CRIT) - 1e-9 <= top <= view.KEEP_YTOP * max(y.max(), model.B_CRIT)
