"""Empty states and 100-% axes of the m06 radar, the m07 Phasen-Diagnose and the m08 trainer
(screenshot review, session 5):

* while a plot shows no data, a German note sits inside its axes (and says what to do); it
  is gone as soon as there is data – never next to data;
* percentage axes end at 100 %: the axis line (spine) stops at the last tick, the grid of the
  category axis (which would span the whole axes) is off; the room above/right of 100 % stays
  for markers and labels;
* in the empty and the full state, at narrow, natural and wide widths, no text overlaps
  another and nothing is cut;
* the two m08 titles wrap alike (both on one line at the 650-px width).
"""
from __future__ import annotations

import pytest

from course_lib.m06_beziehungskompetenz import model as m6, view as v6
from course_lib.m07_beziehungsphasen import model as m7, view as v7
from course_lib.m08_mimikresonanz import model as m8, view as v8
from course_lib.storage import Store

WIDTHS = [400, 650, None, 1600]  # None: natural size
M08_WIDTHS = [530, 650, None, 1600]  # the two-plot trainer is laid out for panels from 530 px


def _fit(plot, px):
    plot.fit_width(px or round(plot._natural_w * plot._base_dpi) + 12)


def _layout_ok(plot, state: str) -> None:
    assert plot.overlapping_texts() == [], state
    assert plot.clipped_artists() == [], state


def _note_inside(plot, ax, note) -> None:
    """The note is drawn, inside its axes, and horizontally centred in them."""
    plot.draw()
    b = note.get_window_extent(plot.canvas.get_renderer())
    ab = ax.bbox
    assert ab.x0 <= b.x0 and b.x1 <= ab.x1 and ab.y0 <= b.y0 and b.y1 <= ab.y1, (b, ab)
    assert abs((b.x0 + b.x1) / 2 - (ab.x0 + ab.x1) / 2) < 2


def _typography(text: str) -> None:
    assert "Sie" in text and '"' not in text
    for a, b in zip(text, text[1:]):
        assert not (a.isdigit() and b == " "), f"no-break space after a number: {text!r}"


# ---------------------------------------------------------------------------------------
# m06 radar
# ---------------------------------------------------------------------------------------
def _answer_all(w, value=5):
    for tb in w.controls.values():
        tb.value = value


def test_m06_note_iff_nothing_drawn(data_dir):
    w = v6.SelfAssessment(Store("emptym06"))
    total = len(m6.ITEM_IDS)
    assert w.placeholder.get_visible() and not w.line_now.get_visible() and not w.line_prev.get_visible()
    assert w.placeholder.get_text().startswith("Noch keine Antworten") and f"{total}\u00a0Aussagen" in w.placeholder.get_text()
    _typography(w.placeholder.get_text())
    assert f"0 von {total} Aussagen" in w.text.value  # text and plot from the same count
    _note_inside(w.plot, w.ax, w.placeholder)
    ids = list(w.controls)
    for k, iid in enumerate(ids[:-1], start=1):  # partly answered: still no profile, note counts down
        w.controls[iid].value = 3
        left = total - k
        assert w.placeholder.get_visible() and not w.line_now.get_visible()
        assert f"Noch {left}\u00a0{'Aussage' if left == 1 else 'Aussagen'} offen" in w.placeholder.get_text()
        assert f"{k} von {total} Aussagen" in w.text.value
    w.controls[ids[-1]].value = 3
    assert w.line_now.get_visible() and not w.placeholder.get_visible()  # profile drawn → note gone
    w.save()
    w.controls[ids[0]].value = None  # incomplete again, but the saved run is drawn: no note next to it
    assert w.line_prev.get_visible() and not w.line_now.get_visible() and not w.placeholder.get_visible()
    w.compare.value = -1  # nothing drawn any more → the note is back
    assert not w.line_prev.get_visible() and w.placeholder.get_visible()


@pytest.mark.parametrize("px", WIDTHS)
def test_m06_layout_empty_and_full(px, data_dir):
    w = v6.SelfAssessment(Store("emptym06layout"))
    _fit(w.plot, px)
    assert w.ax.get_ylim() == (0, 100)  # the outer ring is 100
    _layout_ok(w.plot, "empty")
    _note_inside(w.plot, w.ax, w.placeholder)
    _answer_all(w, 3)
    w.controls[list(w.controls)[0]].value = None
    _layout_ok(w.plot, "9 of 10 answered")
    _answer_all(w, 5)
    w.save()
    _answer_all(w, 1)
    assert w.line_now.get_visible() and w.line_prev.get_visible() and not w.placeholder.get_visible()
    _layout_ok(w.plot, "full, with an earlier run")


# ---------------------------------------------------------------------------------------
# m07 Phasen-Diagnose
# ---------------------------------------------------------------------------------------
def _ends_at_100(ax, value_axis: str) -> None:
    """The value axis' line stops at 100 (its top tick) while its view goes beyond; the grid of
    the category axis (full-height lines) is off."""
    spine = ax.spines["left" if value_axis == "y" else "bottom"]
    lim = ax.get_ylim() if value_axis == "y" else ax.get_xlim()
    ticks = ax.get_yticks() if value_axis == "y" else ax.get_xticks()
    assert max(lim) > 100 and max(ticks) == 100
    assert spine.get_bounds() is not None and max(spine.get_bounds()) == 100, spine.get_bounds()
    cat = ax.get_xgridlines() if value_axis == "y" else ax.get_ygridlines()
    assert not any(g.get_visible() for g in cat), "grid lines of the category axis run past 100 %"


def test_m07_note_iff_all_bars_empty():
    w = v7.phasen_diagnose()
    a = w.artists
    c = w.controls["beobachtungen"]
    heights = lambda: [b.get_height() for b in a["bars"]]  # noqa: E731
    assert a["note"].get_visible() and a["note"].get_text() == v7.EMPTY_NOTE and max(heights()) == 0
    _typography(a["note"].get_text())
    assert "oben an" in v7.EMPTY_NOTE  # the check list is above the plot
    _note_inside(w.plots[0], a["ax"], a["note"])
    warn_only = sorted(m7.WARNING_ONLY)
    c.value = warn_only  # a sign without a phase: bars stay at 0 → a note, not blank bars
    assert max(heights()) == 0 and a["note"].get_visible() and a["note"].get_text() == v7.NO_PHASE_NOTE
    for key in m7.SIGNS:
        if key in m7.WARNING_ONLY:
            continue
        c.value = [key] + warn_only
        assert max(heights()) > 0 and not a["note"].get_visible(), key  # never next to data
        assert a["star"].get_visible()
    c.value = []
    assert a["note"].get_visible() and a["note"].get_text() == v7.EMPTY_NOTE


@pytest.mark.parametrize("px", WIDTHS)
def test_m07_axis_ends_at_100_and_layout(px):
    w = v7.phasen_diagnose()
    plot, ax = w.plots[0], w.artists["ax"]
    _fit(plot, px)
    _ends_at_100(ax, "y")
    _layout_ok(plot, "empty")
    c = w.controls["beobachtungen"]
    c.value = sorted(m7.WARNING_ONLY)
    _layout_ok(plot, "warning only")
    one = max((k for k in m7.SIGNS if k not in m7.WARNING_ONLY),
              key=lambda k: max(m7.SIGNS[k][1]) / sum(m7.SIGNS[k][1]))
    c.value = [one]  # the tallest bar a sign gives: marker and label above it
    assert max(b.get_height() for b in w.artists["bars"]) > 50
    _layout_ok(plot, "the tallest bar")
    _ends_at_100(ax, "y")
    c.value = [k for k in m7.SIGNS]
    _layout_ok(plot, "all ticked")


# ---------------------------------------------------------------------------------------
# m08 trainer
# ---------------------------------------------------------------------------------------
def test_m08_note_iff_no_timed_trial():
    t = v8.MikroTrainer()
    assert t.rate_note.get_visible() and t.rate_note.get_text() == v8.EMPTY_NOTE
    assert "„Nächster Durchgang“" in v8.EMPTY_NOTE and t.start_button.description == "Nächster Durchgang"
    _typography(t.rate_note.get_text())
    _note_inside(t.plot, t.ax2, t.rate_note)
    t.controls["lernmodus"].value = True  # an untimed trial: nothing for the right plot yet
    cur = t.next_trial()
    t.answer(cur["emotion"])
    assert len(t.rate_line.get_xdata()) == 0 and t.rate_note.get_visible()
    assert t.rate_note.get_text() == v8.UNTIMED_NOTE and "Lernmodus" in t.controls["lernmodus"].description
    t.controls["lernmodus"].value = False
    cur = t.next_trial()
    t.answer(cur["emotion"])
    assert len(t.rate_line.get_xdata()) == 1 and not t.rate_note.get_visible()  # data → note gone
    t.reset()
    assert t.rate_note.get_visible() and t.rate_note.get_text() == v8.EMPTY_NOTE


def _play(t, n, right=True):
    for _ in range(n):
        cur = t.next_trial()
        wrong = next(a for a in m8.ANSWERS if a not in (cur["emotion"], m8.DONT_KNOW))
        t.answer(cur["emotion"] if right else wrong)


@pytest.mark.parametrize("px", M08_WIDTHS)
def test_m08_axes_end_at_100_and_layout(px):
    t = v8.MikroTrainer()
    _fit(t.plot, px)
    _ends_at_100(t.ax1, "x")
    _ends_at_100(t.ax2, "y")
    _layout_ok(t.plot, "empty")
    t.controls["ablauf"].value = "gemischt"
    _play(t, 7)  # every emotion and several exposures at 100 %: the widest labels
    assert all(b.get_width() == 100 for b in t.bars.patches) and not t.rate_note.get_visible()
    _layout_ok(t.plot, "all 100 %")
    _ends_at_100(t.ax1, "x")
    _ends_at_100(t.ax2, "y")


@pytest.mark.parametrize("px", M08_WIDTHS)
def test_m08_labels_keep_a_gap_to_the_guessing_line(px):
    """„noch keine“ and „Raten ≈ 14 %“ start a few pixels right of the dotted line at every width
    (the gap was in data units and shrank to a touch in a narrow figure)."""
    t = v8.MikroTrainer()
    _fit(t.plot, px)
    t.plot.draw()
    r = t.plot.canvas.get_renderer()
    x_line = t.ax1.transData.transform((100 * m8.CHANCE_LEVEL, 0))[0]
    half_line = 1.5 * t.plot.fig.dpi / 72 / 2
    labels = [x for x in t.ax1.texts if x.get_text().strip() and x.get_visible()]
    assert any(x.get_text() == "noch keine" for x in labels) and any(x.get_text().startswith("Raten") for x in labels)
    for x in labels:
        gap = x.get_window_extent(r).x0 - (x_line + half_line)
        assert gap >= 3, (x.get_text(), round(gap, 1))


def test_m08_titles_wrap_alike():
    t = v8.MikroTrainer()
    _fit(t.plot, 650)
    t.plot.draw()
    assert "\n" not in t.ax1.title.get_text() and "\n" not in t.ax2.title.get_text()
    for px in range(M08_WIDTHS[0], 1650, 20):
        _fit(t.plot, px)
        t.plot.draw()
        wrapped = ["\n" in ax.title.get_text() for ax in (t.ax1, t.ax2)]
        assert wrapped[0] == wrapped[1], (px, [ax.title.get_text() for ax in (t.ax1, t.ax2)])
