"""Module 05 Abwanderungs-Check stacked (narrow panel): findings of the 13-inch screenshot review.

At a 650-px notebook with the file browser open (a panel of about 560 px) the two charts stood
one above the other, but

* the long category names (tick labels) squeezed the bars into the right half,
* the cohort chart, in the same layout column, started at the bars' x position (≈ 40 % empty),
* the bar chart's legend was merged into a figure legend below the cohort chart,
* the bars' x label almost touched the cohort chart's title,
* and the weights chart was empty before any warning sign was set (looked broken).

Now the names stand above thin bars when stacked, the legend hangs under its own chart, there is
a gap before the lower title, and a German placeholder fills the empty chart. Side by side
(wide) nothing changes: names as tick labels left of the bars.
"""
from __future__ import annotations

import pytest

from course_lib.m05_kundenbindung import model, view

STACKED = (520, 560, 650, 740)
WIDE = (1000, 1600)

LEVELS = {
    "none": {},
    "one": {model.SIGN_IDS[0]: 3},
    "all 3": dict.fromkeys(model.SIGN_IDS, 3),
    "own 3": {s.id: 3 for s in model.WARNING_SIGNS if s.group == model.OWN},
}


def _widget(width: int, open_: bool, guess_first: bool = True):
    """The panel as the browser builds it: the probe reports ``width``; the guess before or after."""
    w = view.abwanderungs_check()
    if open_ and guess_first:
        w.predict.commit("service")
    w.box._vt_probe.width = width
    if open_ and not guess_first:
        w.predict.commit("service")
    return w


def _set(w, levels: dict) -> None:
    with w.hold():
        for sid, c in w.controls.items():
            c.value = levels.get(sid, 0)


def _drawn(w):
    lp = w.plots[0]
    lp.draw()
    return lp, lp.canvas.get_renderer()


@pytest.mark.parametrize("guess_first", [True, False])
@pytest.mark.parametrize("width", STACKED)
def test_stacked_names_stand_above_bars_that_use_the_full_width(width, guess_first):
    w = _widget(width, True, guess_first)
    assert w.layout_mode() == "stacked"
    ax_w, names = w.artists["ax_w"], w.artists["names"]
    for case in ("none", "all 3"):
        _set(w, LEVELS[case])
        lp, r = _drawn(w)
        fig_w = lp.fig.bbox.width
        assert ax_w.bbox.width >= 0.8 * fig_w, f"bar area {ax_w.bbox.width:.0f} of {fig_w:.0f} px"
        assert not any(t.label1.get_visible() and t.label1.get_text() for t in ax_w.yaxis.get_major_ticks()), \
            "tick labels left of the bars"
        shown = [b for b in w.artists["bars"] + w.possible_bars if b.get_visible() and b.get_width() > 0]
        for k, (name, bar, dashed) in enumerate(zip(names, w.artists["bars"], w.possible_bars)):
            nb = name.get_window_extent(r)
            assert name.get_visible() and name.get_text().endswith(model.WARNING_SIGNS[k].label)
            top = dashed.get_window_extent(r).y1  # the bar's row (drawn or dashed), same y and height
            assert bar.get_window_extent(r).y1 == pytest.approx(top)
            assert nb.y0 >= top - 1, f"{name.get_text()!r} is not above its bar"
            assert ax_w.bbox.x0 <= nb.x0 <= ax_w.bbox.x0 + 12 and nb.x1 <= ax_w.bbox.x1
            assert nb.y1 <= ax_w.bbox.y1 + 1
            for b in shown:
                assert not nb.overlaps(b.get_window_extent(r).shrunk(0.99, 0.99)), f"{name.get_text()!r} on a bar"
        assert lp.overlapping_texts() == [] and lp.clipped_artists() == [], case


@pytest.mark.parametrize("width", WIDE)
def test_side_by_side_keeps_the_names_as_tick_labels(width):
    w = _widget(width, True)
    lp, r = _drawn(w)
    ax_w, ax_s = w.artists["ax_w"], w.artists["ax_s"]
    assert w.layout_mode() == "wide" and ax_s.bbox.x0 > ax_w.bbox.x1
    assert not any(t.get_visible() for t in w.artists["names"])
    ticks = [t.label1 for t in ax_w.yaxis.get_major_ticks()]
    assert [t.get_text() for t in ticks][::-1] == [t.get_text() for t in w.artists["names"]][::-1]
    assert all(t.get_window_extent(r).x1 <= ax_w.bbox.x0 for t in ticks if t.get_text())


@pytest.mark.parametrize("width", STACKED)
def test_stacked_cohort_chart_starts_at_the_left_edge(width):
    w = _widget(width, True, guess_first=False)
    lp, r = _drawn(w)
    ax_s = w.artists["ax_s"]
    fb = lp.fig.bbox
    assert ax_s.get_tightbbox(r).x0 - fb.x0 <= 12, "the cohort chart's labels do not start at the left edge"
    assert ax_s.bbox.x0 - fb.x0 <= 0.15 * fb.width
    assert ax_s.bbox.width >= 0.8 * fb.width


@pytest.mark.parametrize("open_", [False, True])
@pytest.mark.parametrize("guess_first", [True, False])
@pytest.mark.parametrize("width", STACKED)
def test_stacked_bar_legend_hangs_under_its_own_chart(width, guess_first, open_):
    w = _widget(width, open_, guess_first)
    ax_w, ax_s = w.artists["ax_w"], w.artists["ax_s"]
    for case in ("none", "all 3"):
        _set(w, LEVELS[case])
        lp, r = _drawn(w)
        assert lp.fig.legends == [], "a legend was merged into a figure legend (below the cohort chart)"
        leg = ax_w.get_legend()
        assert leg is not None
        texts = [t.get_text() for t in leg.get_texts()]
        assert texts[:2] == ["[E] eigener Fehler", "[K] Kunde/Markt"]
        assert ("möglich bei Stufe 3" in texts) == open_
        lb = leg.get_window_extent(r)
        xlabel = ax_w.xaxis.label.get_window_extent(r)
        title = ax_s.title.get_window_extent(r)
        assert lb.y1 <= xlabel.y0 + 1 and xlabel.y0 - lb.y1 <= 20, "the legend is not right under the bars' x label"
        assert lb.y0 > title.y1, "the legend is not above the cohort chart"
        assert lp.fig.bbox.x0 <= lb.x0 and lb.x1 <= lp.fig.bbox.x1


@pytest.mark.parametrize("width", STACKED)
def test_stacked_gap_between_bar_chart_and_cohort_title(width):
    w = _widget(width, True, guess_first=False)
    for case in ("none", "all 3"):
        _set(w, LEVELS[case])
        lp, r = _drawn(w)
        ax_w, ax_s = w.artists["ax_w"], w.artists["ax_s"]
        title = ax_s.title.get_window_extent(r)
        xlabel = ax_w.xaxis.label.get_window_extent(r)
        bottom = ax_w.get_tightbbox(r).y0  # the bar chart with its tick labels, x label and legend
        assert not xlabel.overlaps(title)
        assert xlabel.y0 - title.y1 >= 40, f"x label {xlabel.y0 - title.y1:.0f} px above the lower title"
        assert bottom - title.y1 >= 12, f"only {bottom - title.y1:.0f} px between the bar chart and the lower title"


def _obstacles(w, r):
    """Window extents of everything drawn in the weights chart besides the placeholder."""
    art = w.artists
    boxes = [b.get_window_extent(r) for b in art["bars"] + w.possible_bars if b.get_visible() and b.get_width() > 0]
    boxes += [t.get_window_extent(r) for t in art["names"] + art["values"] if t.get_visible() and t.get_text()]
    return boxes


@pytest.mark.parametrize("open_", [False, True])
@pytest.mark.parametrize("width", STACKED + WIDE)
def test_placeholder_shown_exactly_while_no_sign_is_set(width, open_):
    w = _widget(width, open_, guess_first=False)
    empty, ax_w = w.artists["empty"], w.artists["ax_w"]
    for case, levels in [("none", {}), ("one", LEVELS["one"]), ("none again", {}), ("all 3", LEVELS["all 3"]),
                         ("own 3", LEVELS["own 3"])]:
        _set(w, levels)
        lp, r = _drawn(w)
        shown = empty.get_visible() and bool(empty.get_text().strip())
        assert shown == (not levels), case
        assert ("kein Warnsignal aktiv" in lp.alt) == (not levels)
        if not shown:
            continue
        assert empty.get_text().replace("\n", " ").startswith("Noch kein Warnsignal")
        assert "Stufe über 0" in empty.get_text().replace("\n", " ")
        box = empty.get_bbox_patch().get_window_extent(r)  # the text with its grey box
        assert ax_w.bbox.x0 <= box.x0 and box.x1 <= ax_w.bbox.x1 and ax_w.bbox.y0 <= box.y0 and box.y1 <= ax_w.bbox.y1
        for ob in _obstacles(w, r):
            assert not box.overlaps(ob), f"{case}: the placeholder covers a bar or a name"
        assert lp.overlapping_texts() == [] and lp.clipped_artists() == [], case


def test_placeholder_refits_after_a_width_change_without_update():
    """fit_width redraws without an update (the browser's width probe, the layout sweep): the
    placeholder chooses its wording at draw time, so it stays inside the chart."""
    w = _widget(1600, False)
    lp = w.plots[0]
    empty, ax_w = w.artists["empty"], w.artists["ax_w"]
    lp.draw()
    wide_text = empty.get_text()
    for px in (560, 1000, 1600):
        lp.fit_width(px)  # the arrangement stays side by side: only the figure gets narrower
        lp.draw()
        r = lp.canvas.get_renderer()
        box = empty.get_bbox_patch().get_window_extent(r)
        assert ax_w.bbox.x0 <= box.x0 and box.x1 <= ax_w.bbox.x1, f"{px} px"
        assert lp.overlapping_texts() == [], px
    assert empty.get_text() == wide_text
    lp.fit_width(560)
    lp.draw()
    assert empty.get_text() != wide_text, "the narrow chart must get a narrower wording"


@pytest.mark.parametrize("width,first,second", [(560, "Oben", "Unten"), (1600, "Links", "Rechts")])
def test_alt_text_names_where_each_chart_stands(width, first, second):
    w = _widget(width, True)
    alt = w.plots[0].alt
    assert alt.startswith(f"{first}: Balkendiagramm") and f". {second}: Von 100" in alt
