"""00_Start: the warm-up widget says what it shows, and the export preview never stands next
to an error about another pseudonym (issue 19)."""
from __future__ import annotations

import bisect
import functools
import math
import re
import xml.etree.ElementTree as ET
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.blocks import guard
from course_lib.m00_start import model, view

INVARIANTS = {
    "warmup": [
        "W1 the marker sits at (slider value, visits) on the plotted step curve, inside the axes",
        "W2 the number of visits in the text is the marker's height = floor(8 h · 60 / (minutes + 45))",
        "W3 before the guess the views are hidden; afterwards the guess is reported next to the model's answer, "
        "without grading words",
    ],
    "export_preview": [
        "P1 after a valid preview, an invalid pseudonym clears the preview and shows only the error",
    ],
}


@functools.cache
def _warm():
    w = view.warmup()
    w.predict.commit(3)
    return w


def _svg_marker_and_curve(svg: str):
    """The marker's centre and the step curve's vertices, read back from the SVG markup."""
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    (mk,) = root.findall(".//s:path[@class='vt-marker']", ns)
    pts = [tuple(map(float, p.split(","))) for p in re.findall(r"[ML]([\d.]+,[\d.]+)", mk.get("d"))]
    cx, cy = (pts[0][0] + pts[2][0]) / 2, (pts[1][1] + pts[3][1]) / 2
    (curve,) = root.findall(".//s:path[@class='vt-series']", ns)
    return (cx, cy), curve.get("d")


def _step_y_at(d: str, px: float) -> float:
    """y of a post-step SVG path (M x,y H x V y …) at x = px: the level of the horizontal
    segment that starts at or left of px (a vertex belongs to the segment it starts)."""
    x, y = map(float, re.match(r"M([\d.]+),([\d.]+)", d).groups())
    segments = []
    for cmd, val in re.findall(r"([HV])([\d.]+)", d):
        if cmd == "H":
            segments.append((x, float(val), y))
            x = float(val)
        else:
            y = float(val)
    for xa, xb, level in segments:
        if xa - 0.05 <= px < xb - 0.05:
            return level
    return y  # the last vertex


@settings(max_examples=60, deadline=None)
@given(m=st.integers(2, 36).map(lambda k: 5 * k), width=st.sampled_from([0, 320, 650, 1000, 1600]))
def test_warmup_invariants(m, width):
    w = _warm()
    before = len(guard.LAST_ERRORS)
    plot = w.artists["plot"]
    if width:
        plot.fit_width(width)
    w.controls["minuten"].value = m
    a = w.artists
    (x,), (y,) = a["marker"].get_data()
    n = int(math.floor(8 * 60 / (m + 45) + 1e-9))
    assert (x, y) == (m, n) == (m, model.visits_per_day(m))                                  # W1, W2
    xs, ys = a["curve"].get_data()
    assert ys[bisect.bisect_right(xs, x) - 1] == y
    (x0, x1), (y0, y1) = plot.xlim, plot.ylim
    assert x0 < x < x1 and y0 < y < y1
    # what the learner sees: the drawn diamond sits on the drawn step curve at (m, n)
    (cx, cy), d = _svg_marker_and_curve(w.view_box.children[0].value)
    px, py = plot.to_px(m, n)
    assert (cx, cy) == pytest.approx((px, py), abs=0.11)
    assert _step_y_at(d, cx) == pytest.approx(cy, abs=0.11)
    f = plot.frame()
    assert f["left"] < cx < f["right"] and f["top"] < cy < f["bottom"]
    assert plot.overlapping_texts() == [] and plot.outside_texts() == [] and plot.markers_outside() == []
    text = w.view_box.children[1].value
    assert re.search(rf"<b>{n}&nbsp;Besuche</b>", text) and f"<b>{m}&nbsp;Minuten</b>" in text
    assert f"ergeben {n}\u00a0Besuche" in plot.alt and f"{m}\u00a0Minuten" in plot.alt
    assert len(guard.LAST_ERRORS) == before


@settings(max_examples=30, deadline=None)
@given(guess=st.integers(0, 50))
def test_warmup_prediction(guess):                                                          # W3
    w = view.warmup()
    assert w.view_box.layout.display == "none"
    out = w.predict.commit(guess)[0]
    assert w.view_box.layout.display is None
    res = w.predict.result.value
    assert "Ihre Vermutung:" in res and "das Modell zeigt: 3\u00a0Besuche bei 90\u00a0Minuten" in res
    assert "Richtig" not in res and "Falsch" not in res
    assert out.close == (guess == 3)
    if abs(guess - 3) == 1:
        assert "1\u00a0Besuch " in res


def test_export_invalid_pseudonym_clears_old_preview(data_dir):                            # P1
    from course_lib.workshop import view as wv

    e = wv.export_widget()
    e.pseudonym.value = "Falke7"
    e.preview_button.click()
    assert "Falke7" in e.preview.value and e.message.value == ""
    e.pseudonym.value = "<b>"
    e.preview_button.click()
    assert e.preview.value == "" and "Eingabe prüfen" in e.message.value


# ------------------------------------------------------------------ all widgets of m00–m04
from course_lib.registry import widget_factories  # noqa: E402
from course_lib.blocks.guard import NO_RESULT  # noqa: E402

import ipywidgets as widgets  # noqa: E402

OWN = [(m, n, f) for m, n, f in widget_factories() if m in ("m00", "m01", "m02", "m03", "m04")]
PLOTTED = [(m, n, f) for m, n, f in OWN if getattr(f(), "plots", None)]


def _first_slider(panel):
    return next((c for c in panel.controls.values() if isinstance(c, (widgets.FloatSlider, widgets.IntSlider))), None)


@pytest.mark.parametrize("mid,name,factory", PLOTTED, ids=[f"{m}-{n}" for m, n, _ in PLOTTED])
def test_error_never_next_to_stale_numbers(mid, name, factory):
    """Bad input: the German message appears, every result text is replaced by the „Keine
    Auswertung“ note and every plotted dynamic artist is hidden; valid input brings them back."""
    w = factory()
    if name == "cross_channel":
        bad = lambda: setattr(w.controls["kennzahlen"], "value", ())  # noqa: E731
        good = lambda: setattr(w.controls["kennzahlen"], "value", ("onlineshop",))  # noqa: E731
    elif name == "antwortzeit":
        bad = lambda: setattr(w.controls["zielzeit"], "value", "abc")  # noqa: E731
        good = lambda: setattr(w.controls["zielzeit"], "value", "60")  # noqa: E731
    else:
        s = _first_slider(w)
        old = s.value
        s.max = s.max * 5 + 50

        def bad():
            s.value = s.max

        def good():
            s.value = old
    before = len(guard.LAST_ERRORS)
    bad()
    assert "Eingabe prüfen" in w.message.value, (mid, name)
    texts = [v for v in w.view_box.children if isinstance(v, widgets.HTML) and "vt-plot" not in v._dom_classes and v.value]
    assert texts and all(t.value == NO_RESULT for t in texts), [t.value[:80] for t in texts]
    assert not any(a.get_visible() for p in w.plots for a in p._dynamic)
    good()
    assert w.message.value == ""
    assert any(a.get_visible() for p in w.plots for a in p._dynamic)
    assert len(guard.LAST_ERRORS) == before


@pytest.mark.parametrize("mid,name,factory", PLOTTED, ids=[f"{m}-{n}" for m, n, _ in PLOTTED])
def test_fast_redraw_equals_full_redraw_per_step(mid, name, factory):
    """After every random control change the blitted image equals a forced full redraw."""
    import random

    from tests.test_widget_fuzz import _random_value

    w = factory()
    rnd = random.Random(f"redraw-{name}")
    keys = list(w.controls)
    steps = 0
    for _ in range(20):
        k = rnd.choice(keys)
        v = _random_value(w.controls[k], rnd)
        if v is None:
            continue
        w.controls[k].value = v
        for p in w.plots:
            fast = p.png
            p.invalidate()
            p.refresh(p.alt)
            assert p.png == fast, f"{mid}.{name}: stale blit after {k} = {v!r}"
            steps += 1
    assert steps >= 10


@pytest.mark.parametrize("path", ["~/.local/share/vertrieb30", r"C:\Users\Kim Meyer\AppData\Roaming\vertrieb30",
                                  "/srv/hub/kurs-daten/<b>&co</b>/vertrieb30", "ohne-trenner"])
def test_path_breaks_only_after_a_separator(path):                                          # issue 17
    html = view.path_html(path)
    assert html.startswith("<code") and html.endswith("</code>")
    pieces = re.findall(r"<span style='white-space:nowrap'>(.*?)</span>", html)
    assert "".join(pieces) == escape(path)                                      # nothing lost, all escaped
    assert all(p[-1] in "/\\" for p in pieces[:-1])                             # every break point follows a separator
    assert all(not re.search(r"[/\\].", p) for p in pieces)                     # no separator inside a kept piece
    assert html.count("<wbr>") == len(pieces) - 1


def test_data_location_shows_the_folder_on_its_own_line(monkeypatch, tmp_path):
    from pathlib import Path

    from course_lib import storage

    monkeypatch.setenv("VERTRIEB30_DATA_DIR", str(tmp_path))
    loc = view.data_location()
    assert "VERTRIEB30_DATA_DIR" in loc._repr_html_() and str(tmp_path) not in loc._repr_html_()
    monkeypatch.delenv("VERTRIEB30_DATA_DIR")
    monkeypatch.setattr(storage, "data_dir", lambda: Path.home() / ".local" / "share" / "vertrieb30")
    loc = view.data_location()
    html = loc._repr_html_()
    assert html.startswith("<p>Ihre Antworten liegen außerhalb des Kursordners, in diesem Ordner:</p>")
    assert view.path_html("~/.local/share/vertrieb30") in html
    assert repr(loc) == "Ihre Antworten liegen im Ordner ~/.local/share/vertrieb30 – außerhalb des Kursordners."
