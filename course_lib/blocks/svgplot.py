"""A small live chart drawn as inline SVG in pure Python – for pages that must not load
matplotlib and numpy (≈ 50 MB per kernel; the start page, issue #22).

It keeps the course's plot rules (see :class:`course_lib.blocks.liveplot.LivePlot`): German
tick labels, the course palette and font sizes, a grid, the legend below the axes naming only
visible series, markers drawn whole at the axes edge, a German description for screen readers
(``role="img"`` + ``aria-label``), and the width the panel has in the browser
(:meth:`SvgPlot.fit_width`, called by the panel's width probe): narrower than its natural width
the chart gets narrower with text at its size; wider it grows up to :data:`MAX_GROW` times,
text included – like a LivePlot.

Text is real SVG text in CSS pixels: the browser layout check measures it (tests/browser/
layout.py, the ``svg.vt-svgchart`` part). The Python side places it with a conservative width
estimate (:func:`text_width`) and reports its own boxes (:meth:`SvgPlot.text_boxes`) so the
sweeps in tests can check overlaps and the edge without a browser.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import ipywidgets as widgets

from ..format_de import num
from .palette import FONT, MAX_GROW, MAX_PX_H, MAX_PX_W  # growth on wide screens, as LivePlot

MIN_W = 300         # never narrower than this (the page scrolls rather than squeezing text)
PAD = 8
PT = 90 / 72        # the course's LivePlots draw at 90 dpi: the same font sizes in CSS px
SIZE = {k: round(v * PT, 1) for k, v in FONT.items()}   # title 16.2, label 13.8, tick/legend 12.5
FONT_FAMILY = "var(--jp-ui-font-family, 'DejaVu Sans', 'Segoe UI', Arial, sans-serif)"

# advance width per character in em – deliberately generous for the common sans fonts
# (DejaVu Sans is the widest of them), so a label placed by the estimate never runs wider
_NARROW = set("iljtfrI.,:;!|'()[] ")
_WIDE = set("mwMWÄÖÜäöüßGOQDHNUC%–—")


def text_width(text: str, size: float) -> float:
    """A conservative estimate of the rendered width of ``text`` at ``size`` CSS px."""
    em = sum(0.36 if c in _NARROW else 0.86 if c in _WIDE else 0.64 for c in text)
    return em * size


def nice_ticks(lo: float, hi: float, max_count: int) -> list[float]:
    """Round tick values inside [lo, hi]: a step of 1, 2, 2.5 or 5 × 10^k, the smallest one that
    gives at most ``max_count`` ticks (at least 2 ticks when the range allows)."""
    if hi <= lo:
        return [lo]
    max_count = max(2, int(max_count))
    span = hi - lo
    k = math.floor(math.log10(span / max_count)) - 1
    while True:
        for m in (1, 2, 2.5, 5):
            step = m * 10 ** k
            first = math.ceil(lo / step - 1e-9) * step
            count = math.floor((hi - first) / step + 1e-9) + 1
            if count <= max_count:
                return [round(first + i * step, 10) for i in range(count)]
        k += 1


@dataclass
class Series:
    """One drawn thing: a line (``steps`` for a post-step curve) or a marker."""

    kind: str                 # "line" | "marker"
    xs: list = field(default_factory=list)
    ys: list = field(default_factory=list)
    color: str = "#000000"
    label: str = ""
    steps: bool = False
    width: float = 2.0
    size: float = 15.0        # marker: diagonal in px
    visible: bool = True

    # the small part of matplotlib's artist interface the course's guard uses (blank_on_error)
    def get_visible(self) -> bool:
        return self.visible

    def set_visible(self, b: bool) -> None:
        self.visible = bool(b)

    def set_data(self, xs, ys) -> None:
        self.xs, self.ys = [float(x) for x in xs], [float(y) for y in ys]

    def get_data(self):
        return list(self.xs), list(self.ys)

    @property
    def shown(self) -> bool:
        return self.visible and bool(self.xs)


@dataclass
class Box:
    """A text's box in SVG layout coordinates (y down)."""

    kind: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Label:
    """One placed text: ``(x, y)`` is its anchor point on the baseline (``rotate``: turned by
    −90°, reading upwards, its glyphs left of ``x``)."""

    kind: str
    text: str
    x: float
    y: float
    size: float
    anchor: str = "start"   # "start" | "middle" | "end"
    rotate: bool = False

    def box(self) -> Box:
        """The estimated box (:func:`text_width`; ascent ≈ 1 em, descent ≈ ¼ em)."""
        w = text_width(self.text, self.size)
        lo = {"start": 0.0, "middle": -w / 2, "end": -w}[self.anchor]
        if self.rotate:
            return Box(self.kind, self.text, self.x - self.size, self.y - lo - w, self.x + 0.25 * self.size, self.y - lo)
        return Box(self.kind, self.text, self.x + lo, self.y - self.size, self.x + lo + w, self.y + 0.25 * self.size)


class SvgPlot:
    """A chart with one axes, drawn as inline SVG. ``plot.widget`` goes into a layout.

    >>> p = SvgPlot(title="T", xlabel="x", ylabel="y", xlim=(0, 10), ylim=(0, 5))
    >>> c = p.line([0, 5, 10], [1, 2, 3], label="Kurve")
    >>> p.refresh(alt="Eine Kurve")
    >>> p.widget.value.startswith('<svg') and 'aria-label="Eine Kurve"' in p.widget.value
    True
    """

    def __init__(self, *, title: str, xlabel: str, ylabel: str, xlim: tuple, ylim: tuple,
                 width: int = 560, height: int = 320, xdigits: int = 0, ydigits: int = 0):
        self.title, self.xlabel, self.ylabel = title, xlabel, ylabel
        self.xlim, self.ylim = (float(xlim[0]), float(xlim[1])), (float(ylim[0]), float(ylim[1]))
        self.xdigits, self.ydigits = xdigits, ydigits
        self.natural_w, self.height = int(width), int(height)
        self.layout_w, self.scale = self.natural_w, 1.0
        self.series: list[Series] = []
        self._dynamic: list[Series] = []   # what the guard hides on bad input (all series that change)
        self.alt = ""
        self.svg = ""
        self.renders = 0
        self.widget = widgets.HTML(layout=widgets.Layout(max_width="100%", overflow="hidden"))
        self.widget.add_class("vt-plot")
        self.widget.add_class("vt-svgplot")
        self.widget._vt_svgplot = self  # the panel's width probe finds the chart by this

    # -- content ------------------------------------------------------------------------
    def line(self, xs, ys, *, color: str = "#000000", label: str = "", steps: bool = False, width: float = 2.0) -> Series:
        s = Series("line", [float(x) for x in xs], [float(y) for y in ys], color, label, steps, width)
        self.series.append(s)
        return s

    def marker(self, *, color: str, label: str = "", size: float = 15.0) -> Series:
        """A diamond marker (black edge) that moves: set its place with ``set_data``."""
        s = Series("marker", color=color, label=label, size=size)
        self.series.append(s)
        self._dynamic.append(s)
        return s

    # -- geometry -----------------------------------------------------------------------
    def _title_lines(self) -> list[str]:
        return _wrap(self.title, self.layout_w - 2 * PAD, SIZE["title"])

    def _ylabel_lines(self, avail: float) -> list[str]:
        return _wrap(self.ylabel, avail, SIZE["label"])

    def _legend_rows(self) -> list[list[Series]]:
        items = [s for s in self.series if s.label and s.shown]
        rows, cur, w = [], [], 0.0
        avail = self.layout_w - 2 * PAD
        for s in items:
            iw = 28 + text_width(s.label, SIZE["legend"])
            if cur and w + 18 + iw > avail:
                rows.append(cur)
                cur, w = [], 0.0
            w += (18 if cur else 0) + iw
            cur.append(s)
        if cur:
            rows.append(cur)
        return rows

    def frame(self) -> dict:
        """The layout: plot area (left, top, right, bottom in SVG px), ticks and text lines."""
        t, lab = SIZE["tick"], SIZE["label"]
        title = self._title_lines()
        top = PAD + len(title) * SIZE["title"] * 1.25 + 10
        legend = self._legend_rows()
        bottom_h = 6 + t * 1.3 + 6 + lab * 1.3 + (8 + len(legend) * 22 if legend else 0) + PAD
        bottom = self.height - bottom_h
        yticks = nice_ticks(*self.ylim, max(2, int((bottom - top) // (t * 2.2)) + 1))
        ylabels = [num(v, self.ydigits) for v in yticks]
        ytw = max((text_width(s, t) for s in ylabels), default=0)
        ylab = self._ylabel_lines(bottom - top + 24)
        left = PAD + len(ylab) * lab * 1.25 + 6 + ytw + 8
        # room for half of a tick label at the right end
        xt0 = nice_ticks(*self.xlim, 12)
        half_last = text_width(num(xt0[-1], self.xdigits), t) / 2 if xt0 else 0
        right = self.layout_w - PAD - max(half_last, 6)
        per = max(text_width(num(v, self.xdigits), t) for v in xt0) + 18 if xt0 else 40
        xticks = nice_ticks(*self.xlim, max(2, int((right - left) // per) + 1))
        return {"left": left, "top": top, "right": right, "bottom": bottom, "title": title, "ylabel": ylab,
                "xticks": xticks, "yticks": yticks, "legend": legend}

    def to_px(self, x: float, y: float, f: dict | None = None) -> tuple[float, float]:
        """Data coordinates → SVG layout coordinates (y grows downwards)."""
        f = f or self.frame()
        (x0, x1), (y0, y1) = self.xlim, self.ylim
        px = f["left"] + (x - x0) / (x1 - x0) * (f["right"] - f["left"])
        py = f["bottom"] - (y - y0) / (y1 - y0) * (f["bottom"] - f["top"])
        return px, py

    def labels(self, f: dict | None = None) -> list[Label]:
        """Every text the chart draws, placed once: :meth:`render` draws these and
        :meth:`text_boxes` measures them (layout px)."""
        f = f or self.frame()
        t, lab, tt, lg = SIZE["tick"], SIZE["label"], SIZE["title"], SIZE["legend"]
        out = [Label("title", line, self.layout_w / 2, PAD + (i + 1) * tt * 1.25, tt, "middle")
               for i, line in enumerate(f["title"])]
        out += [Label("xtick", num(v, self.xdigits), self.to_px(v, self.ylim[0], f)[0], f["bottom"] + 6 + t, t, "middle")
                for v in f["xticks"]]
        out += [Label("ytick", num(v, self.ydigits), f["left"] - 8, self.to_px(self.xlim[0], v, f)[1] + 0.35 * t, t, "end")
                for v in f["yticks"]]
        out.append(Label("xlabel", self.xlabel, (f["left"] + f["right"]) / 2, self._xlabel_y(f), lab, "middle"))
        cy = (f["top"] + f["bottom"]) / 2
        out += [Label("ylabel", line, _ylabel_baseline(i), cy, lab, "middle", rotate=True)
                for i, line in enumerate(f["ylabel"])]
        for r, row in enumerate(f["legend"]):
            out += [Label("legend", s.label, x + 28, self._legend_y(f, r), lg) for s, x in self._legend_positions(row)]
        return out

    def text_boxes(self) -> list[Box]:
        """Every text the chart draws with its estimated box (layout px)."""
        return [lb.box() for lb in self.labels()]

    @staticmethod
    def _xlabel_y(f: dict) -> float:
        return f["bottom"] + 6 + SIZE["tick"] * 1.3 + 6 + SIZE["label"]

    def _legend_y(self, f: dict, row: int) -> float:
        """Baseline of legend row ``row`` (below the x label)."""
        return self._xlabel_y(f) + 0.25 * SIZE["label"] + 8 + row * 22 + 15

    def _legend_positions(self, row):
        widths = [28 + text_width(s.label, SIZE["legend"]) for s in row]
        total = sum(widths) + 18 * (len(row) - 1)
        x = (self.layout_w - total) / 2
        for s, w in zip(row, widths):
            yield s, x
            x += w + 18

    def overlapping_texts(self, tol: float = 1.0) -> list[str]:
        """Pairs of estimated text boxes that overlap (more than ``tol`` px both ways)."""
        b = self.text_boxes()
        out = []
        for i, a in enumerate(b):
            for c in b[i + 1:]:
                if min(a.x1, c.x1) - max(a.x0, c.x0) > tol and min(a.y1, c.y1) - max(a.y0, c.y0) > tol:
                    out.append(f"{a.kind} „{a.text}“ overlaps {c.kind} „{c.text}“")
        return out

    def outside_texts(self) -> list[str]:
        """Texts whose estimated box leaves the SVG."""
        return [f"{b.kind} „{b.text}“ leaves the chart" for b in self.text_boxes()
                if b.x0 < 0 or b.y0 < 0 or b.x1 > self.layout_w or b.y1 > self.height]

    def markers_outside(self) -> list[str]:
        """Shown markers not wholly inside the chart (they are drawn unclipped)."""
        f = self.frame()
        out = []
        for s in self.series:
            if s.kind == "marker" and s.shown:
                for x, y in zip(s.xs, s.ys):
                    px, py = self.to_px(x, y, f)
                    r = s.size / 2 + 1
                    if px - r < 0 or py - r < 0 or px + r > self.layout_w or py + r > self.height:
                        out.append(f"marker „{s.label}“ at ({num(x, 1)}, {num(y, 1)}) leaves the chart")
        return out

    # -- width ----------------------------------------------------------------------------
    def fit_width(self, px: int) -> bool:
        """Render at the width the panel has (CSS px); True if the size changed."""
        if not px or px <= 0:
            return False
        avail = max(float(px) - 12, MIN_W)
        if avail <= self.natural_w:
            lw, scale = int(avail), 1.0
        else:
            lw = self.natural_w
            scale = max(1.0, min(avail / self.natural_w, MAX_GROW, MAX_PX_W / self.natural_w, MAX_PX_H / self.height))
        if abs(lw - self.layout_w) < 4 and abs(scale - self.scale) < 0.01:   # as LivePlot: < 4 px is no change
            return False
        self.layout_w, self.scale = lw, scale
        if self.renders:
            self.refresh(self.alt)
        return True

    @property
    def shown_size(self) -> tuple[int, int]:
        """Width and height the SVG asks for on the page (CSS px)."""
        return round(self.layout_w * self.scale), round(self.height * self.scale)

    # -- drawing --------------------------------------------------------------------------
    def render(self) -> str:
        f = self.frame()
        L, T, R, B = f["left"], f["top"], f["right"], f["bottom"]
        W, H = self.layout_w, self.height
        sw, sh = self.shown_size
        o = [f'<svg xmlns="http://www.w3.org/2000/svg" class="vt-svgchart" role="img" aria-label="{escape(self.alt)}" '
             f'width="{sw}" height="{sh}" viewBox="0 0 {W} {H}" '
             f'style="max-width:100%;height:auto;display:block;font-family:{FONT_FAMILY}">',
             f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>']
        for v in f["yticks"]:   # grid
            _, py = self.to_px(self.xlim[0], v, f)
            o.append(f'<line x1="{L:.1f}" y1="{py:.1f}" x2="{R:.1f}" y2="{py:.1f}" stroke="#dddddd" stroke-width="1"/>')
        for v in f["xticks"]:
            px, _ = self.to_px(v, self.ylim[0], f)
            o.append(f'<line x1="{px:.1f}" y1="{T:.1f}" x2="{px:.1f}" y2="{B:.1f}" stroke="#dddddd" stroke-width="1"/>')
        o.append(f'<path d="M{L:.1f},{T:.1f} V{B:.1f} H{R:.1f}" fill="none" stroke="#000000" stroke-width="1"/>')
        for v in f["xticks"]:   # tick marks
            px, _ = self.to_px(v, self.ylim[0], f)
            o.append(f'<line x1="{px:.1f}" y1="{B:.1f}" x2="{px:.1f}" y2="{B + 4:.1f}" stroke="#000000" stroke-width="1"/>')
        for v in f["yticks"]:
            _, py = self.to_px(self.xlim[0], v, f)
            o.append(f'<line x1="{L - 4:.1f}" y1="{py:.1f}" x2="{L:.1f}" y2="{py:.1f}" stroke="#000000" stroke-width="1"/>')
        o += [_text(lb) for lb in self.labels(f)]
        for s in self.series:
            if s.kind == "line" and s.shown:
                o.append(f'<path class="vt-series" d="{self._path(s, f)}" fill="none" stroke="{s.color}" '
                         f'stroke-width="{s.width}" stroke-linejoin="miter"/>')
        for s in self.series:   # markers on top, unclipped (whole at the axes edge)
            if s.kind == "marker" and s.shown:
                for x, y in zip(s.xs, s.ys):
                    px, py = self.to_px(x, y, f)
                    o.append(_diamond(px, py, s.size / 2, s.color, cls="vt-marker"))
        for r, row in enumerate(f["legend"]):   # legend swatches (their labels are in labels())
            y = self._legend_y(f, r) - 0.35 * SIZE["legend"]
            for s, x in self._legend_positions(row):
                if s.kind == "marker":
                    o.append(_diamond(x + 11, y, 6.5, s.color))
                else:
                    o.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 22:.1f}" y2="{y:.1f}" '
                             f'stroke="{s.color}" stroke-width="{s.width}"/>')
        o.append("</svg>")
        return "".join(o)

    def _path(self, s: Series, f: dict) -> str:
        """The line's path, held inside the axes (a point beyond the limits is drawn at the
        edge – no clipPath, whose page-wide id would make the markup depend on the instance)."""
        def inside(p):
            return (min(max(p[0], f["left"]), f["right"]), min(max(p[1], f["top"]), f["bottom"]))

        pts = [inside(self.to_px(x, y, f)) for x, y in zip(s.xs, s.ys)]
        d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
        for (px, py), (qx, qy) in zip(pts, pts[1:]):
            if s.steps:
                d.append(f"H{qx:.1f}" + (f"V{qy:.1f}" if abs(qy - py) > 1e-9 else ""))
            else:
                d.append(f"L{qx:.1f},{qy:.1f}")
        return " ".join(d)

    def refresh(self, alt: str) -> None:
        """Draw and show the chart; ``alt`` is a short German description of what it shows."""
        self.alt = alt
        self.svg = self.render()
        self.widget.value = self.svg
        self.renders += 1


def _ylabel_baseline(i: int) -> float:
    """x of the baseline of the i-th line of the rotated y label (its glyphs lie left of it)."""
    return PAD + (i + 1) * SIZE["label"] * 1.25 - 0.25 * SIZE["label"]


def _wrap(text: str, avail: float, size: float) -> list[str]:
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        cand = f"{cur} {w}" if cur else w
        if cur and text_width(cand, size) > avail:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    return lines + [cur] if cur else lines


def _text(lb: Label) -> str:
    tr = f' transform="rotate(-90 {lb.x:.1f} {lb.y:.1f})"' if lb.rotate else ""
    return (f'<text class="vt-t-{lb.kind}" x="{lb.x:.1f}" y="{lb.y:.1f}" font-size="{lb.size}" text-anchor="{lb.anchor}" '
            f'fill="#1a1a1a"{tr}>{escape(lb.text)}</text>')


def _diamond(x, y, r, color, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return (f'<path{c} d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} L{x - r:.1f},{y:.1f} Z" '
            f'fill="{color}" stroke="#000000" stroke-width="1"/>')
