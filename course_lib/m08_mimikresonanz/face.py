"""Module 08: the schematic face as inline SVG, and the front-end-timed flash.

Pure string builders (no ipywidgets): :func:`face_svg` draws the face of
:func:`.model.face_geometry` as line art; :func:`flash_html` wraps a neutral and an emotional
face into HTML whose exposure is timed by the browser.

How the exposure is timed (:func:`flash_html`)
----------------------------------------------
The kernel never sleeps. It sends one HTML string to the front end that contains

* a ``<style>`` element with a ``@keyframes`` rule and a class, both with a name that is new for
  every trial (so the browser starts a fresh animation each time and two trainers on one page
  never share a rule), and
* two stacked layers: the neutral face below, the emotional face above with inline
  ``opacity:0``.

The class runs the animation ``<name> D ms linear <lead> ms 1`` with keyframes that hold
``opacity:1``. An animation overrides the inline ``opacity:0`` only while it is active, so the
emotional face is visible from ``lead`` ms after the HTML is inserted until ``lead + D`` ms –
exactly D ms – and the neutral face before (fixation) and after (backward mask). The start is
the moment the browser inserts the HTML, so the network round trip from the kernel only shifts
the start and does not change the exposure. The browser's compositor applies the animation at
screen refreshes: on a 60-Hz display the face stays for a whole number of frames, i.e. on a
grid of ≈ 16,7 ms (see :func:`.model.frames_shown`). ``will-change: opacity`` asks the browser
to put the layer on the compositor, so a busy main thread does not stretch the exposure.
Browsers pause animations in hidden tabs; the trainer is meant for the visible tab.

In JupyterLab 4 (ipywidgets 8, ``@jupyter-widgets/controls`` HTML view) the value of an
``ipywidgets.HTML`` is assigned with ``innerHTML`` without a sanitizer, so the ``<style>`` and the
inline SVG take effect. (``<script>`` would not run that way – nothing here needs it.) Fallback:
a front end that strips ``<style>`` shows only the neutral face; the trainer's "Lernmodus"
shows the expression without time limit and works everywhere.
"""
from __future__ import annotations

import re
from html import escape
from typing import Mapping

from . import model

INK = "#1a1a1a"
SKIN = "#f6efe6"


_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _f(x: float) -> str:
    return f"{x:.1f}"


def _q(x0, y0, xm, ym, x1, y1) -> str:
    """Quadratic Bézier from (x0, y0) to (x1, y1) that passes through (xm, ym) at t = 0,5."""
    cx, cy = 2 * xm - (x0 + x1) / 2, 2 * ym - (y0 + y1) / 2
    return f"M{_f(x0)},{_f(y0)} Q{_f(cx)},{_f(cy)} {_f(x1)},{_f(y1)}"


def face_svg(aus: Mapping[str, float] | None = None, *, size: int = 200, label: str = "Schematisches Gesicht") -> str:
    """Inline SVG of the schematic face for action-unit intensities ``aus``.

    ``size`` is the width in CSS pixels (height = 1,2 × width); ``label`` becomes the
    accessible name (``role="img"``, ``aria-label``) – for a trial it must not name the emotion.
    """
    g = model.face_geometry(aus)
    label = _CONTROL.sub(" ", str(label))
    size = int(model.check_number(size, "Bildgröße", 60, 600, integer=True, unit="px"))
    parts: list[str] = []
    add = parts.append
    line = f'stroke="{INK}" stroke-width="2.2" fill="none" stroke-linecap="round"'
    thin = f'stroke="{INK}" stroke-width="1.3" fill="none" stroke-linecap="round"'
    # head
    add(f'<ellipse cx="100" cy="128" rx="74" ry="98" fill="{SKIN}" stroke="{INK}" stroke-width="2.5"/>')
    for side in (-1, 1):
        cx = 100 + side * 28          # eye centre
        inner_x = 100 + side * (12 - g["brow_inner_dx"])
        outer_x = 100 + side * 46
        # brow
        add(f'<path d="M{_f(inner_x)},{_f(g["brow_inner_y"])} L{_f(outer_x)},{_f(g["brow_outer_y"])}" '
            f'stroke="{INK}" stroke-width="4" stroke-linecap="round" fill="none"/>')
        # eye: upper and lower lid as curves through the corners
        x0, x1 = cx - 13, cx + 13
        up, lo = g["eye_upper"], max(g["eye_lower"], 0.6)
        add(f'<path d="M{_f(x0)},105 Q{_f(cx)},{_f(105 - 2 * up)} {_f(x1)},105 Q{_f(cx)},{_f(105 + 2 * lo)} {_f(x0)},105 Z" '
            f'fill="#ffffff" stroke="{INK}" stroke-width="1.8"/>')
        r_iris = max(1.2, min(4.6, up * 0.75, lo + up * 0.5))
        add(f'<ellipse cx="{_f(cx)}" cy="{_f(105 - (up - lo) * 0.25)}" rx="4.6" ry="{_f(r_iris)}" fill="{INK}"/>')
        # crow's feet (AU 6)
        if g["crows_feet"] > 0.05:
            ox = 100 + side * 44
            for dy in (-4, 0, 4):
                add(f'<path d="M{_f(ox)},{_f(105 + dy * 0.6)} L{_f(ox + side * 7 * g["crows_feet"])},{_f(105 + dy * 1.3)}" {thin}/>')
        # dimple (AU 14)
        dim = g["dimple_r"] if side > 0 else g["dimple_l"]
        if dim > 0.05:
            mx = g["mouth_r_x"] if side > 0 else g["mouth_l_x"]
            my = g["mouth_r_y"] if side > 0 else g["mouth_l_y"]
            add(f'<path d="M{_f(mx + side * 4)},{_f(my - 5)} q{_f(side * 3)},5 0,10" {thin}/>')
        # nasolabial fold – per side, so a one-sided expression (contempt) shows it on one side only
        fold = g["nasolabial_r"] if side > 0 else g["nasolabial_l"]
        if fold > 0.05:
            mx = g["mouth_r_x"] if side > 0 else g["mouth_l_x"]
            my = g["mouth_r_y"] if side > 0 else g["mouth_l_y"]
            add(f'<path class="vt-fold-{"r" if side > 0 else "l"}" d="M{_f(100 + side * 15)},{_f(146)} Q{_f(100 + side * 27)},{_f(152)} {_f(mx + side * 2)},{_f(my - 6 * fold)}" '
                f'stroke="{INK}" stroke-width="{_f(0.6 + 0.9 * fold)}" fill="none" stroke-linecap="round"/>')
    # forehead lines (AU 1/2) and brow furrow (AU 4)
    if g["forehead"] > 0.3:
        for k, y in enumerate((62, 70)):
            add(f'<path d="M{78 - k * 4},{y} Q100,{y - 4} {122 + k * 4},{y}" {thin}/>')
    if g["furrow"] > 0.3:
        add(f'<path d="M96,{_f(g["brow_inner_y"] - 6)} L97,{_f(g["brow_inner_y"] + 5)}" {thin}/>')
        add(f'<path d="M104,{_f(g["brow_inner_y"] - 6)} L103,{_f(g["brow_inner_y"] + 5)}" {thin}/>')
    # nose and nose wrinkles (AU 9)
    add(f'<path d="M100,108 L95,140 Q100,146 106,141" {line}/>')
    if g["nose_wrinkle"] > 0.05:
        # wrinkles across the bridge and slanted folds beside it (AU 9), flared nostrils
        w = _f(1.0 + 0.8 * g["nose_wrinkle"])
        for y in (110, 115, 120):
            add(f'<path class="vt-nose-wrinkle" d="M93,{y} Q100,{y - 3} 107,{y}" stroke="{INK}" stroke-width="{w}" fill="none" stroke-linecap="round"/>')
        for side in (-1, 1):
            add(f'<path class="vt-nose-wrinkle" d="M{100 + side * 9},{112} L{100 + side * 15},{122}" stroke="{INK}" stroke-width="{w}" fill="none" stroke-linecap="round"/>')
            add(f'<path d="M{100 + side * 4},{139} q{side * 6},-5 {side * 9},1" {thin}/>')
    # mouth: outer lip outline, then the lip line or the opening
    lx, ly, rx, ry = g["mouth_l_x"], g["mouth_l_y"], g["mouth_r_x"], g["mouth_r_y"]
    t, op = g["lip_thickness"], g["opening"]
    mid = (g["upper_lip_y"] + g["lower_lip_y"]) / 2
    corner_mid = (ly + ry) / 2
    # the lip line bends with the corners less than the corners themselves (a smile is a U)
    line_y = mid + (corner_mid - 172) * -0.15
    up_in, lo_in = line_y - op * 0.35, line_y + op * 0.65
    outer = (f'{_q(lx, ly, 100, g["upper_lip_y"] - op * 0.35 - t, rx, ry)} '
             f'Q{_f(2 * 100 - (lx + rx) / 2)},{_f(2 * (g["lower_lip_y"] + op * 0.65 + t) - (ly + ry) / 2)} {_f(lx)},{_f(ly)} Z')
    add(f'<path d="{outer}" fill="#e6b8b0" stroke="{INK}" stroke-width="1.8" stroke-linejoin="round"/>')
    if op > 0.8:
        inner = (f'{_q(lx + 3, ly, 100, up_in, rx - 3, ry)} '
                 f'Q{_f(2 * 100 - (lx + rx) / 2)},{_f(2 * lo_in - (ly + ry) / 2)} {_f(lx + 3)},{_f(ly)} Z')
        add(f'<path d="{inner}" fill="#4a2020" stroke="{INK}" stroke-width="1.2"/>')
    else:
        add(f'<path d="{_q(lx, ly, 100, line_y, rx, ry)}" stroke="{INK}" stroke-width="2" fill="none"/>')
    # chin (AU 17)
    if g["chin"] > 0.05:
        add(f'<path d="M88,{_f(g["lower_lip_y"] + 16)} Q100,{_f(g["lower_lip_y"] + 11)} 112,{_f(g["lower_lip_y"] + 16)}" {thin}/>')
    h = round(size * model.VIEW_H / model.VIEW_W)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {model.VIEW_W} {model.VIEW_H}" width="{size}" height="{h}" '
            f'role="img" aria-label="{escape(label)}" style="display:block">' + "".join(parts) + "</svg>")


_UID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
LEAD_MS = 1000  # neutral face before the expression (fixation), BRIEF W7-1 step 1


def flash_html(uid: str, aus: Mapping[str, float], exposure_ms, *, lead_ms=LEAD_MS, size: int = 200) -> str:
    """HTML that shows the neutral face, after ``lead_ms`` the face ``aus`` for exactly
    ``exposure_ms`` (browser-timed CSS animation), then the neutral face again.

    ``uid`` must be a CSS identifier that is unique for this trial on the page; it names the
    ``@keyframes`` rule and the class, so every trial starts a new animation.
    """
    if not isinstance(uid, str) or not _UID.fullmatch(uid):
        from ..errors import CourseInputError

        raise CourseInputError("Die Kennung der Animation ist ungültig.", "Bitte verwenden Sie Buchstaben, Ziffern, - und _ (mit einem Buchstaben am Anfang).")
    d = model.check_exposure(exposure_ms)
    lead = int(model.check_number(lead_ms, "Vorlaufzeit", 0, 5000, integer=True, unit="ms"))
    neutral = face_svg(model.NEUTRAL, size=size, label="Schematisches Gesicht")
    target = face_svg(aus, size=size, label="Schematisches Gesicht")
    h = round(size * model.VIEW_H / model.VIEW_W)
    return (
        f"<style>@keyframes {uid} {{ from {{ opacity: 1; }} to {{ opacity: 1; }} }}"
        f" .{uid} {{ animation: {uid} {d}ms linear {lead}ms 1 normal none; will-change: opacity; }}</style>"
        f'<div class="vt-mx-stage" data-exposure-ms="{d}" data-lead-ms="{lead}" '
        f'style="position:relative;width:{size}px;height:{h}px">'
        f'<div style="position:absolute;left:0;top:0">{neutral}</div>'
        f'<div class="{uid}" aria-hidden="true" style="position:absolute;left:0;top:0;opacity:0">{target}</div>'
        "</div>"
    )
