"""Live plots: a matplotlib figure shown as a PNG ``<img>`` (with German alt text) inside an
``ipywidgets.HTML``, redrawn in place when a control changes.

Why this design (measured, see docs/PERFORMANCE.md):

* The figure is created once. Artists that change are registered with :meth:`LivePlot.dynamic`
  (``animated=True``); a redraw restores the cached static background and draws only them
  (blitting), then encodes the canvas as PNG with numpy + zlib (level 1). That is several
  times cheaper than a full ``canvas.draw()`` and far cheaper than ``savefig``.
* When something static changes (axis limits, titles, static artists), call
  :meth:`LivePlot.invalidate` – the next refresh does one full draw and re-caches.
* No pyplot: nothing is displayed by accident and no figure leaks into pyplot's registry.
* The ``<img>`` carries an ``alt`` text, because JupyterLab ignores image metadata (a11y).
"""
from __future__ import annotations

import base64
import struct
import weakref
import zlib
from html import escape

import ipywidgets as widgets
import numpy as np

from .style import new_figure

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


_MARKERS_ONLY = ("None", "none", "", " ")
MIN_TEXT_PX = 10.0  # smallest text in a plot, in PNG pixels (the browser check fails below 9 px on screen)
from .palette import MAX_GROW, MAX_PX_H, MAX_PX_W  # noqa: E402,F401  (growth on wide screens, shared with SvgPlot)
_LIVE: "weakref.WeakSet[LivePlot]" = weakref.WeakSet()  # every LivePlot of this kernel (for checks)


def clipped_report() -> list[str]:
    """:meth:`LivePlot.clipped_artists` of every LivePlot alive in this kernel that has been
    shown, each prefixed with the start of its alt text (the browser layout check asks this)."""
    out = []
    for p in list(_LIVE):
        if not p.renders:
            continue
        out += [f"plot {p.alt[:50]!r}: {x}" for x in p.clipped_artists()]
    return out


def text_report() -> list[dict]:
    """Per LivePlot alive in this kernel that has been shown: its alt text, PNG width and its
    smallest text in PNG pixels (:meth:`LivePlot.min_text_px`). The browser layout check scales
    it by the displayed / natural width of the ``<img>`` with that alt text."""
    out = []
    for p in list(_LIVE):
        if not p.renders:
            continue
        size, desc = p.min_text_px()
        if size != float("inf"):
            out.append({"alt": p.alt, "png_w": p.canvas.get_width_height()[0], "px": round(size, 2), "text": desc})
    return out


def _markers_only(a) -> bool:
    """A Line2D drawn only as markers, or a scatter collection: safe to draw unclipped."""
    from matplotlib.lines import Line2D

    return _has_markers(a) and (not isinstance(a, Line2D) or a.get_linestyle() in _MARKERS_ONLY)


def _has_markers(a) -> bool:
    """A Line2D with markers (with or without a connecting line), or a scatter collection: its
    markers at the axis edge are cut in half unless it is drawn unclipped."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    if isinstance(a, Line2D):
        return a.get_marker() not in (None, "None", "none", "", " ")
    return isinstance(a, PathCollection)


def _shown(h) -> bool:
    """Visibility of a legend handle (an artist or a container such as BarContainer)."""
    if hasattr(h, "get_visible"):
        return h.get_visible()
    kids = [c for c in getattr(h, "get_children", lambda: [])() if hasattr(c, "get_visible")]
    return not kids or any(c.get_visible() for c in kids)



def _ticks_in_view(axis):
    """The major and minor ticks of ``axis`` inside its view interval (the ones the PNG can show)."""
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) or 1.0
    return [t for t in axis.get_major_ticks() + axis.get_minor_ticks()
            if lo - 1e-9 * span <= t.get_loc() <= hi + 1e-9 * span]

class LivePlot:
    """A figure that redraws in place. ``plot.widget`` is what you put into a layout.

    Layout rules kept here, so every plot of the course follows them:

    * :meth:`invalidate` re-runs the constrained layout on the next draw, so grown tick
      labels or a longer axis label are never cut (``relayout=False`` skips it when only
      data-like static artists changed);
    * legends sit outside the data area (below the axes) – :meth:`legend` makes one, and
      legends a module put inside the axes are moved there on the first draw
      (``legend_outside=False`` keeps them where they are);
    * legend entries of hidden artists are not shown (hidden with their artist; the legend
      keeps its size, so the layout does not jump);
    * markers-only artists registered with :meth:`dynamic` are drawn unclipped, so a marker
      at the axis edge is whole;
    * :meth:`clipped_artists` lists what is cut by the figure or axes edge (tests use it).
    """

    def __init__(self, figsize=(6.4, 4.0), dpi: int = 90, *, layout: str | None = None,
                 legend_outside: bool = True):
        self.fig = new_figure(figsize, dpi)
        self.canvas = self.fig.canvas
        self._dynamic: list = []
        self._background = None
        self._layout_engine = None
        self._relayout: bool | None = True  # True: lay out on the next full draw; None: if needed
        self._tight: list = []
        self.legend_outside = legend_outside
        self._legend_specs: dict = {}
        self._legend_sig = None
        self.widget = widgets.HTML(layout=widgets.Layout(max_width="100%", overflow="auto hidden"))
        self.widget.add_class("vt-plot")
        self.widget._vt_liveplot = self  # lets LivePanel and the benchmark find the plot
        self.png: bytes = b""
        self.alt: str = ""
        self.renders = 0
        self.full_draws = 0
        self.layouts = 0
        self._natural_w = float(self.fig.get_size_inches()[0])
        self._base_dpi = float(self.fig.dpi)
        _LIVE.add(self)

    # -- set-up -----------------------------------------------------------------------
    def dynamic(self, *artists, clip_on: bool | None = None):
        """Register artists that change on updates (drawn on top of the cached background).

        Markers-only lines and scatter collections are drawn unclipped (``clip_on=False``)
        so that a marker at the edge of the axes is not cut in half; pass ``clip_on`` to
        decide yourself."""
        for a in artists:
            a.set_animated(True)
            # they move without a re-layout, so they must not steer the layout either (a moving
            # text far outside the view limits would squeeze the axes to nothing)
            a.set_in_layout(False)
            if clip_on is not None:
                a.set_clip_on(clip_on)
                a._vt_clip_fixed = True
            elif _markers_only(a):
                a.set_clip_on(False)
            self._dynamic.append(a)
        return artists[0] if len(artists) == 1 else artists

    def legend(self, ax=None, handles=None, labels=None, *, ncols: int | None = None, **kw):
        """A legend below the axes (outside the data), entries of hidden artists left out."""
        from .style import FONT

        ax = ax or self.fig.axes[0]
        if handles is None:
            handles, labels = ax.get_legend_handles_labels()
        elif labels is None:
            labels = [h.get_label() for h in handles]
        kw.setdefault("fontsize", FONT["legend"])
        kw.setdefault("frameon", False)
        leg = ax.legend(handles, labels, ncols=ncols or min(len(handles), 3) or 1, **kw)
        self._place_outside(ax, leg, force=True)
        self._legend_specs.pop(id(ax), None)
        self.invalidate(relayout=True)
        return leg

    def invalidate(self, relayout: bool | None = None) -> None:
        """Static parts changed: the next :meth:`refresh` does one full draw.

        The constrained layout is computed on a full draw and then frozen (it is the most
        expensive part of a draw). By default (``relayout=None``) the next full draw checks
        whether the decorations (tick and axis labels, titles, legends) are unchanged – same
        size and place as at the last layout – and runs the layout again only if not, so a longer tick label after an axis-range change is never
        cut and unchanged sizes cost nothing. ``relayout=True`` forces the layout (a new
        title, a new subplot), ``relayout=False`` skips the check.
        """
        self._background = None
        if relayout is True:
            self._relayout = True
        elif relayout is None and self._relayout is False:
            self._relayout = None

    def _decorations_fit(self) -> bool:
        """After a draw with the frozen layout: every axes' decorations are inside the figure
        and the same size and place as at the last layout (0.5 px tolerance)."""
        r = self.canvas.get_renderer()
        fb = self.fig.bbox
        boxes = [ax.get_tightbbox(r) if ax.get_visible() else None for ax in self.fig.axes]
        boxes += [leg.get_window_extent(r) for leg in self.fig.legends]
        if len(boxes) != len(self._tight):
            return False
        for b, old in zip(boxes, self._tight):
            if b is None or old is None:
                if b is not old:
                    return False
                continue
            if b.x0 < fb.x0 - 1 or b.y0 < fb.y0 - 1 or b.x1 > fb.x1 + 1 or b.y1 > fb.y1 + 1:
                return False
            # any change (not only growth): the layout must be the one a fresh figure in this
            # state would get, so that what a learner sees never depends on the path taken
            if max(abs(b.x0 - old.x0), abs(b.y0 - old.y0), abs(b.x1 - old.x1), abs(b.y1 - old.y1)) > 0.5:
                return False
        return True

    def _remember_decorations(self) -> None:
        r = self.canvas.get_renderer()
        self._tight = [ax.get_tightbbox(r) if ax.get_visible() else None for ax in self.fig.axes]
        self._tight += [leg.get_window_extent(r) for leg in self.fig.legends]

    def fit_width(self, px: int) -> bool:
        """Render at the width the panel has in the browser (``px`` CSS pixels, see
        widthprobe.py); returns True if the size changed.

        * Narrower than the natural width: the figure gets narrower at the same dpi – text keeps
          its size, the axes get narrower – so nothing is shrunk below readable.
        * Wider: the figure grows with the room, up to :data:`MAX_GROW` times its natural size
          and at most :data:`MAX_PX_W` × :data:`MAX_PX_H` pixels, by raising the dpi – text, lines
          and markers grow with it (proportionate), the layout stays the same.
        """
        if not px or px <= 0:
            return False
        dpi0 = self._base_dpi
        w_in, h_in = self.fig.get_size_inches()
        natural = self._natural_w * dpi0
        avail = max(float(px) - 12, 300.0)
        if avail <= natural:
            target_w, target_dpi = avail / dpi0, dpi0
        else:
            grow = min(avail / natural, MAX_GROW, MAX_PX_W / natural, MAX_PX_H / (h_in * dpi0))
            target_w, target_dpi = self._natural_w, dpi0 * max(1.0, grow)
        if abs(target_w * target_dpi - w_in * self.fig.dpi) < 4 and abs(target_dpi - self.fig.dpi) < 1:
            return False
        self.fig.set_size_inches(target_w, h_in)
        self.fig.set_dpi(target_dpi)
        eng = self._layout_engine or self.fig.get_layout_engine()
        if eng is not None and hasattr(eng, "set") and "rect" in getattr(eng, "_params", {}):
            eng.set(rect=(0, 0, 1, 1))
        self.invalidate(relayout=True)
        if self.renders:
            self.refresh(self.alt)
        return True

    def min_text_px(self) -> tuple[float, str]:
        """The smallest text the PNG shows, in PNG pixels (font size in pt × dpi / 72), and which
        text it is. The browser check multiplies it by displayed / natural image width."""
        self.draw()
        best = (float("inf"), "")
        for desc, t in self._texts():
            size = t.get_fontsize() * self.fig.dpi / 72
            if size < best[0]:
                best = (size, desc)
        return best

    def _texts(self):
        """(description, Text) of every text the PNG shows (see :meth:`visible_texts`)."""
        r = self.canvas.get_renderer()
        out = []

        def add(kind, t, ax=None):
            if t is None or not t.get_visible() or not t.get_text().strip():
                return
            if ax is not None and t.get_clip_on():
                bb = t.get_window_extent(r)
                if not bb.overlaps(ax.bbox):
                    return
            out.append((f"{kind} {t.get_text()[:40]!r}", t))

        for ax in self.fig.axes:
            if not ax.get_visible():
                continue
            for axis, nm in ((ax.xaxis, "x"), (ax.yaxis, "y")):
                if not axis.get_visible():
                    continue
                for tick in _ticks_in_view(axis):
                    if tick.get_visible():
                        add(f"{nm} tick label", tick.label1)
                        add(f"{nm} tick label", tick.label2)
                add(f"{nm} axis label", axis.label)
                add(f"{nm} offset text", axis.get_offset_text())
            for t in (ax.title, ax._left_title, ax._right_title):
                add("title", t)
            for t in ax.texts:
                add("text", t, ax)
            leg = ax.get_legend()
            if leg is not None and leg.get_visible():
                for t in (*leg.texts, leg.get_title()):
                    add("legend text", t)
        for leg in self.fig.legends:
            if leg.get_visible():
                for t in (*leg.texts, leg.get_title()):
                    add("figure legend text", t)
        for t in self.fig.texts:
            add("figure text", t)
        return out

    def _enforce_min_text(self) -> bool:
        """Raise every text smaller than :data:`MIN_TEXT_PX` PNG pixels to that size (a legend at
        7 pt in an 80-dpi figure is 7.8 px: unreadable on a laptop); only raised, never lowered.
        The axes' tick settings too, so ticks matplotlib makes later get the size. True if
        anything changed."""
        from matplotlib.text import Text

        floor_pt = MIN_TEXT_PX * 72 / self._base_dpi
        changed = False
        from matplotlib.font_manager import FontProperties

        for ax in self.fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                for kw in (axis._major_tick_kw, axis._minor_tick_kw):  # ticks matplotlib makes later
                    size = kw.get("labelsize")
                    if size is not None and FontProperties(size=size).get_size_in_points() < floor_pt - 0.01:
                        kw["labelsize"] = floor_pt
        for t in self.fig.findobj(Text):
            if t.get_fontsize() < floor_pt - 0.01 and t.get_text().strip():
                t.set_fontsize(floor_pt)
                changed = True
        return changed

    # -- legends ----------------------------------------------------------------------
    def _place_outside(self, ax, leg, force: bool = False) -> None:
        """Move an axes legend that sits inside the data area to below the axes."""
        if not (self.legend_outside or force):
            return
        anchor = leg.get_bbox_to_anchor()
        if not force and getattr(leg, "_vt_outside", False):
            return
        try:
            a = anchor.transformed(ax.transAxes.inverted())
            inside = -0.01 <= a.x0 <= 1.01 and -0.01 <= a.y0 <= 1.01 and a.x1 <= 1.01 and a.y1 <= 1.01
        except (ValueError, TypeError, NotImplementedError):  # a singular or unusual transform: leave the legend alone
            return
        if not inside and not force:
            leg._vt_outside = True
            return
        from matplotlib.transforms import offset_copy

        # below the tick labels and the x label: an offset in points from the axes' bottom edge,
        # measured once from the axes' decorations (independent of the axes' size)
        r = self.canvas.get_renderer()
        leg.set_visible(False)
        try:
            tight = ax.get_tightbbox(r)
        finally:
            leg.set_visible(True)
        drop = max(0.0, ax.bbox.y0 - tight.y0) * 72 / self.fig.dpi + 4 if tight is not None else 30
        leg.set_loc("upper center")
        leg.set_bbox_to_anchor((0.5, 0.0), transform=offset_copy(ax.transAxes, fig=self.fig, y=-drop, units="points"))
        leg._vt_placed = True
        n = len(leg.texts)
        if n >= 2 and getattr(leg, "_ncols", 1) == 1:
            leg._ncols = min(n, 3)
        leg._vt_outside = True
        if not force and not getattr(ax, "_vt_grown", False):
            # keep the data area: the figure grows by the legend's height
            ax._vt_grown = True
            w, h = self.fig.get_size_inches()
            extra = leg.get_window_extent(r).height / self.fig.dpi + 0.08
            self.fig.set_size_inches(w, h + extra)

    def _legend_state(self):
        """Per axes with a legend: which entries are visible now (a signature of it)."""
        sig = []
        for ax in self.fig.axes:
            spec = self._legend_specs.get(id(ax))
            if spec is None:
                leg = ax.get_legend()
                if leg is None:
                    continue
                h, l = ax.get_legend_handles_labels()
                by_label = dict(zip(l, h))
                texts = [t.get_text() for t in leg.texts]
                entries = [(by_label.get(t), proxy, t) for t, proxy in zip(texts, leg.legend_handles)]
                kw = {"fontsize": leg.texts[0].get_fontsize() if leg.texts else None, "frameon": leg.get_frame_on(),
                      "ncols": getattr(leg, "_ncols", 1)}
                title = leg.get_title().get_text()
                if title:
                    kw["title"] = title
                    kw["title_fontsize"] = leg.get_title().get_fontsize()
                spec = self._legend_specs[id(ax)] = {"ax": ax, "entries": entries, "kw": kw, "leg": leg}
            sig.append(tuple(orig is None or _shown(orig) for orig, _p, _t in spec["entries"]))
        return tuple(sig)

    def _sync_legends(self) -> None:
        """Show legend entries only for shown artists; place legends outside the data."""
        self._legend_sig = self._legend_state()
        self._apply_legend_visibility()
        for spec in self._legend_specs.values():
            ax = spec["ax"]
            cur = ax.get_legend()
            if cur is not None:
                self._place_outside(ax, cur)

    def _apply_legend_visibility(self) -> None:
        """Hide the legend entries of hidden artists; their space stays, so the layout (and the
        cost of a redraw) does not jump when an artist is shown or hidden. An all-hidden legend
        keeps its place too; only its frame goes."""
        for spec in self._legend_specs.values():
            leg = spec["leg"]
            first = spec.get("first", 0)  # a figure legend shared by several axes: this one's part
            n = len(spec["entries"])
            if leg is None or len(leg.texts) < first + n or (not first and len(leg.texts) != n and not spec.get("fig")):
                continue
            for (orig, _p, _t), handle, text in zip(spec["entries"], leg.legend_handles[first:first + n], leg.texts[first:first + n]):
                vis = orig is None or _shown(orig)
                text.set_visible(vis)
                if handle is not None:
                    handle.set_visible(vis)
            if not hasattr(leg, "_vt_frame"):
                leg._vt_frame = leg.get_frame().get_visible()
            leg.get_frame().set_visible(leg._vt_frame and any(t.get_visible() for t in leg.texts))

    # -- drawing ----------------------------------------------------------------------
    def draw(self) -> None:
        """Bring the canvas up to date (blit if the background is cached)."""
        if self._background is not None and self._legend_specs and self._legend_state() != self._legend_sig:
            self.invalidate()  # an artist with a legend entry was shown or hidden (layout only if needed)
        if self._background is None:
            if self._relayout is not False and self._enforce_min_text():
                self._relayout = True  # bigger text: lay out again
            self._sync_legends()
            self._unclip_edge_markers()
            relayout = self._relayout and (self._layout_engine is not None or self.fig.get_layout_engine() is not None)
            if relayout and self._layout_engine is not None:
                self.fig.set_layout_engine(self._layout_engine)
            eng = self.fig.get_layout_engine()
            if relayout and eng is not None and "rect" in getattr(eng, "_params", {}):
                eng.set(rect=(0, 0, 1, 1))
            self.canvas.draw()
            if not relayout and self._relayout is None and self._layout_engine is not None and not self._decorations_fit():
                relayout = True  # something grew: lay out again
                self.fig.set_layout_engine(self._layout_engine)
                eng = self.fig.get_layout_engine()
                if "rect" in getattr(eng, "_params", {}):
                    eng.set(rect=(0, 0, 1, 1))
                self.canvas.draw()
            if relayout:
                for _ in range(2):
                    if not (self._wrap_long_labels() | self._fit_legends() | self._stagger_crowded_ticks()):
                        break
                    self._apply_legend_visibility()
                    self.canvas.draw()
                for _ in range(2):
                    if not self._fit_into_figure():
                        break
                self.layouts += 1
                self._layout_engine = self._layout_engine or self.fig.get_layout_engine()
                self.fig.set_layout_engine("none")  # freeze the computed layout
                self._remember_decorations()
            self._relayout = False
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.full_draws += 1
        else:
            self.canvas.restore_region(self._background)
            self._unclip_edge_markers([a for a in self._dynamic if _has_markers(a) and not _markers_only(a)])
        for a in self._dynamic:
            if a.get_visible():
                (a.axes or self.fig).draw_artist(a)

    def _unclip_edge_markers(self, artists=None) -> None:
        """Artists with markers (markers only, or markers on a line) whose points all lie inside
        their axes are drawn unclipped, so a marker exactly at the axis edge is whole; a line
        between points inside the axes stays inside. Points outside the view keep the artist
        clipped. ``artists``: only these (the dynamic ones, before each blit)."""
        for ax in self.fig.axes:
            ab = ax.bbox
            for a in (ax.get_children() if artists is None else [x for x in artists if x.axes is ax]):
                if not _has_markers(a) or getattr(a, "_vt_clip_fixed", False):
                    continue
                try:
                    xy = (np.column_stack([np.asarray(a.get_xdata(), float), np.asarray(a.get_ydata(), float)])
                          if hasattr(a, "get_xdata") else np.asarray(a.get_offsets(), float))
                    if not len(xy):
                        continue
                    tr = a.get_transform() if hasattr(a, "get_xdata") else a.get_offset_transform()
                    pts = tr.transform(xy)
                except (ValueError, TypeError, NotImplementedError):  # non-numeric data or an unusual transform: leave the artist alone
                    continue
                pts = pts[np.isfinite(pts).all(axis=1)]
                inside = bool(len(pts)) and bool(((pts[:, 0] >= ab.x0 - 0.5) & (pts[:, 0] <= ab.x1 + 0.5)
                                                  & (pts[:, 1] >= ab.y0 - 0.5) & (pts[:, 1] <= ab.y1 + 0.5)).all())
                a.set_clip_on(not inside)

    def _fit_legends(self) -> bool:
        """A legend wider than the figure (three columns in a narrow figure) is rebuilt with
        fewer columns. True if a legend was rebuilt."""
        from matplotlib.legend import Legend

        r = self.canvas.get_renderer()
        room = self.fig.bbox.width - 6
        names = {v: k for k, v in Legend.codes.items()}
        changed = False
        owners = [(ax, ax.get_legend()) for ax in self.fig.axes if ax.get_legend() is not None]
        owners += [(self.fig, leg) for leg in list(self.fig.legends)]
        for owner, leg in owners:
            w = leg.get_window_extent(r).width
            n = getattr(leg, "_ncols", 1)
            convert = (owner is not self.fig and getattr(leg, "_vt_outside", False) and len(self.fig.axes) > 1
                       and w > owner.bbox.width + 6)
            if not convert and (w <= room or n <= 1):
                continue
            new_n = n if convert else max(1, min(n - 1, int(n * room / w)))
            kw = {"ncols": new_n, "frameon": leg.get_frame_on()}
            if leg.texts:
                kw["fontsize"] = leg.texts[0].get_fontsize()
            if leg.get_title().get_text():
                kw["title"] = leg.get_title().get_text()
                kw["title_fontsize"] = leg.get_title().get_fontsize()
            loc = names.get(leg._loc, "best") if isinstance(leg._loc, int) else leg._loc
            handles, labels = list(leg.legend_handles), [t.get_text() for t in leg.texts]
            if owner is self.fig:
                out = getattr(leg, "_outside_loc", None)
                leg.remove()
                new = self.fig.legend(handles, labels, loc=f"outside {loc}" if out else loc, **kw)
                new._vt_parts = getattr(leg, "_vt_parts", None)
                for spec in self._legend_specs.values():
                    if spec.get("leg") is leg:
                        spec["leg"] = new
            elif convert:
                # hanging under one of several axes and wider than it: one legend below the figure,
                # shared with the legends of the other axes converted before (two figure legends
                # at the same place would be drawn over each other)
                leg.remove()
                prev = next((fl for fl in self.fig.legends if getattr(fl, "_vt_parts", None)), None)
                parts = [p for p in (prev._vt_parts if prev is not None else []) if p[0] != id(owner)]
                parts.append((id(owner), handles, labels))  # a re-made legend of an axes replaces its old part
                if prev is not None:
                    prev.remove()
                    kw["ncols"] = max(getattr(prev, "_ncols", 1), new_n)
                new = self.fig.legend([h for p in parts for h in p[1]], [t for p in parts for t in p[2]],
                                      loc="outside lower center", **kw)
                new._vt_parts = parts
                start = 0
                for oid, hs, _ls in parts:
                    spec = self._legend_specs.get(oid)
                    if spec is not None:
                        spec.update(leg=new, fig=True, first=start)
                    start += len(hs)
            else:
                placed = getattr(leg, "_vt_placed", False)
                a = leg.get_bbox_to_anchor().transformed(owner.transAxes.inverted())
                new = owner.legend(handles, labels, loc=loc, **kw)
                if placed:
                    self._place_outside(owner, new, force=True)
                else:
                    new.set_bbox_to_anchor((a.x0, a.y0, a.width, a.height), transform=owner.transAxes)
                    new._vt_outside = getattr(leg, "_vt_outside", False)
                spec = self._legend_specs.get(id(owner))
                if spec is not None:
                    spec["leg"] = new
                    spec["kw"]["ncols"] = new_n
            changed = True
        return changed

    def _stagger_crowded_ticks(self, gap: float = 3.0) -> bool:
        """x tick labels that run into each other (category names in a narrow figure) are
        staggered: every second label moves down by one label height, so each keeps its size
        and stays horizontal (readable). Undone when they fit side by side again. True if
        anything changed."""
        r = self.canvas.get_renderer()
        changed = False
        for ax in self.fig.axes:
            axis = ax.xaxis
            if not ax.get_visible() or not axis.get_visible() or ax.name != "rectilinear":
                continue  # polar (radar) labels sit around a circle: their x extents overlap by design
            lo, hi = sorted(axis.get_view_interval())
            span = (hi - lo) or 1.0
            ticks = [t for t in axis.get_major_ticks()
                     if t.get_visible() and lo - 1e-9 * span <= t.get_loc() <= hi + 1e-9 * span
                     and t.label1.get_visible() and t.label1.get_text().strip() and not t.label1.get_rotation()]
            ticks.sort(key=lambda t: t.get_loc())
            boxes = [t.label1.get_window_extent(r) for t in ticks]  # x extents do not depend on the pad

            def crowded(step):
                return any(boxes[i + step].x0 < boxes[i].x1 + gap for i in range(len(boxes) - step))

            staggered = getattr(axis, "_vt_stagger", None)  # {tick: original pad}
            want = len(ticks) >= 2 and crowded(1) and not crowded(2)
            if want and not staggered:
                drop = max(b.height for b in boxes) * 72 / self.fig.dpi + 2
                axis._vt_stagger = {}
                for i, t in enumerate(ticks):
                    if i % 2:
                        axis._vt_stagger[t] = t.get_pad()
                        t.set_pad(t.get_pad() + drop)
                changed = True
            elif not want and staggered:
                for t, pad in staggered.items():
                    t.set_pad(pad)
                axis._vt_stagger = None
                changed = True
            else:
                continue
            leg = ax.get_legend()
            if leg is not None and getattr(leg, "_vt_placed", False):
                self._place_outside(ax, leg, force=True)  # below the taller tick labels, not over them
        return changed

    def _wrap_long_labels(self) -> bool:
        """Titles and axis labels longer than their axes (a narrow figure, two axes side by
        side) are wrapped at word boundaries instead of running into the neighbour or out of
        the figure; wider again, they get their one-line text back. True if anything changed."""
        import textwrap

        r = self.canvas.get_renderer()
        changed = False
        for ax in self.fig.axes:
            if not ax.get_visible():
                continue
            for t, room in ((ax.title, ax.bbox.width), (ax.xaxis.label, ax.bbox.width), (ax.yaxis.label, ax.bbox.height)):
                orig = getattr(t, "_vt_orig", None)
                if orig is not None and t.get_text() != getattr(t, "_vt_wrapped", None):
                    orig = t._vt_orig = None  # the module set a new text meanwhile
                text = orig if orig is not None else t.get_text()
                if not text.strip() or "\n" in text and orig is None:
                    continue
                if orig is not None:
                    t.set_text(orig)
                wpx = t.get_window_extent(r).width if t is not ax.yaxis.label else t.get_window_extent(r).height
                if wpx <= room + 1:
                    changed |= orig is not None
                    t._vt_orig = None
                    continue
                chars = max(8, int(len(text) * (room - 4) / wpx))
                wrapped = "\n".join(textwrap.wrap(text, chars, break_on_hyphens=False, break_long_words=False)) or text
                t._vt_orig, t._vt_wrapped = text, wrapped
                t.set_text(wrapped)
                changed = True
        return changed

    def _fit_into_figure(self) -> None:
        """Constrained layout can leave decorations outside the figure (a title wider than its
        narrow axes, a legend wider than the axes it hangs under). If so, shrink the layout
        rectangle by the overflow and lay out once more."""
        eng = self.fig.get_layout_engine()
        if eng is None or not hasattr(eng, "set") or "rect" not in getattr(eng, "_params", {}):
            return False
        r = self.canvas.get_renderer()
        fb = self.fig.bbox
        boxes = [ax.get_tightbbox(r) for ax in self.fig.axes if ax.get_visible()]
        boxes += [leg.get_window_extent(r) for leg in self.fig.legends]
        boxes = [b for b in boxes if b is not None and b.width > 0]
        if not boxes:
            return False
        from matplotlib.transforms import Bbox

        u = Bbox.union(boxes)
        left, bottom = max(0.0, fb.x0 - u.x0) + 2, max(0.0, fb.y0 - u.y0) + 2
        right, top = max(0.0, u.x1 - fb.x1) + 2, max(0.0, u.y1 - fb.y1) + 2
        if max(left, bottom, right, top) <= 3:
            return False
        l0, b0, w0, h0 = eng.get()["rect"]
        rect = (l0 + left / fb.width, b0 + bottom / fb.height, w0 - (left + right) / fb.width, h0 - (bottom + top) / fb.height)
        if rect[2] < 0.5 or rect[3] < 0.5:
            return False  # cannot help; clipped_artists() reports what stays outside
        eng.set(rect=rect)
        self.canvas.draw()
        return True

    # -- layout checks ----------------------------------------------------------------
    def clipped_artists(self, tol: float = 1.0) -> list[str]:
        """What the figure or an axes edge cuts, as readable descriptions (empty = fine):
        text (titles, axis and tick labels, legends, annotations) outside the figure, and
        markers cut by the axes edge (clipped) or the figure edge (unclipped)."""
        from matplotlib.text import Text

        self.draw()
        r = self.canvas.get_renderer()
        fb = self.fig.bbox
        out = []

        def outside(bb):
            return bb is not None and bb.width > 0 and (bb.x0 < fb.x0 - tol or bb.y0 < fb.y0 - tol
                                                          or bb.x1 > fb.x1 + tol or bb.y1 > fb.y1 + tol)

        def name(t):
            return repr(t.get_text()[:40])

        for ax in self.fig.axes:
            if not ax.get_visible():
                continue
            for axis, nm in ((ax.xaxis, "x"), (ax.yaxis, "y")):
                if not axis.get_visible():
                    continue
                for tick in _ticks_in_view(axis):
                    for lab in (tick.label1, tick.label2):
                        if lab.get_visible() and lab.get_text().strip() and outside(lab.get_window_extent(r)):
                            out.append(f"{nm} tick label {name(lab)} outside the figure")
                if axis.label.get_visible() and axis.label.get_text().strip() and outside(axis.label.get_window_extent(r)):
                    out.append(f"{nm} axis label {name(axis.label)} outside the figure")
            for t in (ax.title, ax._left_title, ax._right_title, *ax.texts):
                if t.get_visible() and t.get_text().strip() and outside(t.get_window_extent(r)):
                    if t.get_clip_on() and t in ax.texts and not t.get_window_extent(r).overlaps(ax.bbox):
                        continue  # a clipped text fully outside the axes is not drawn at all
                    out.append(f"text {name(t)} outside the figure")
            leg = ax.get_legend()
            if leg is not None and leg.get_visible() and outside(leg.get_window_extent(r)):
                out.append("legend outside the figure")
            out += self._clipped_markers(ax, r, outside)
        for leg in self.fig.legends:
            if leg.get_visible() and outside(leg.get_window_extent(r)):
                out.append("figure legend outside the figure")
        for t in self.fig.texts:
            if isinstance(t, Text) and t.get_visible() and t.get_text().strip() and outside(t.get_window_extent(r)):
                out.append(f"figure text {name(t)} outside the figure")
        return out

    def visible_texts(self) -> list[tuple[str, object]]:
        """(description, window extent) of every text the PNG shows: tick labels inside the view
        interval, axis labels, offset texts, titles, texts and annotations, legend texts and
        titles, figure texts. Clipped texts that lie fully outside their axes are not drawn and
        not listed. Needs a drawn canvas (call after :meth:`draw`)."""
        r = self.canvas.get_renderer()
        out = []

        def add(kind, t, ax=None):
            if t is None or not t.get_visible() or not t.get_text().strip():
                return
            bb = t.get_window_extent(r)
            if bb is None or bb.width <= 0 or bb.height <= 0:
                return
            if ax is not None and t.get_clip_on() and not bb.overlaps(ax.bbox):
                return  # clipped away entirely: not drawn
            out.append((f"{kind} {t.get_text()[:40]!r}", bb))

        for i, ax in enumerate(self.fig.axes):
            if not ax.get_visible():
                continue
            pre = f"axes {i}: " if len(self.fig.axes) > 1 else ""
            for axis, nm in ((ax.xaxis, "x"), (ax.yaxis, "y")):
                if not axis.get_visible():
                    continue
                for tick in _ticks_in_view(axis):
                    if not tick.get_visible():
                        continue
                    for lab in (tick.label1, tick.label2):
                        add(f"{pre}{nm} tick label", lab)
                add(f"{pre}{nm} axis label", axis.label)
                add(f"{pre}{nm} offset text", axis.get_offset_text())
            for t in (ax.title, ax._left_title, ax._right_title):
                add(f"{pre}title", t)
            for t in ax.texts:
                add(f"{pre}text", t, ax)
            leg = ax.get_legend()
            if leg is not None and leg.get_visible():
                for t in (*leg.texts, leg.get_title()):
                    add(f"{pre}legend text", t)
        for leg in self.fig.legends:
            if leg.get_visible():
                for t in (*leg.texts, leg.get_title()):
                    add("figure legend text", t)
        for t in self.fig.texts:
            add("figure text", t)
        return out

    def coinciding_legend_lines(self) -> list[str]:
        """Legend entries of lines the learner cannot see: a visible, labelled line of an axes
        with the same points as a labelled line drawn over it that is solid and at least as wide
        (e.g. a dashed comparison line lying exactly under the learner's curve). A dashed or
        dotted line on top leaves the one below visible in its gaps, so that is fine. Markers
        are not judged here (their size and fill decide). Empty = fine."""
        from matplotlib.lines import Line2D

        out = []
        for ax in self.fig.axes:
            lines = [a for a in ax.get_lines() if isinstance(a, Line2D) and a.get_visible()
                     and a.get_label() and not a.get_label().startswith("_") and a.get_linestyle() not in ("None", "", " ")
                     and len(np.atleast_1d(a.get_xdata()))]
            # draw order: the cached background (by zorder), then the animated artists on top
            lines.sort(key=lambda a: (bool(a.get_animated()), a.get_zorder()))
            for i, under in enumerate(lines):
                xa, ya = np.asarray(under.get_xdata(), float), np.asarray(under.get_ydata(), float)
                for over in lines[i + 1:]:
                    xb, yb = np.asarray(over.get_xdata(), float), np.asarray(over.get_ydata(), float)
                    if over.get_linestyle() == "-" and over.get_linewidth() >= under.get_linewidth() \
                            and xa.shape == xb.shape and np.allclose(xa, xb) and np.allclose(ya, yb):
                        out.append(f"legend names „{under.get_label()}“, a line hidden under „{over.get_label()}“")
        return out

    def overlapping_texts(self, tol: float = 2.0) -> list[str]:
        """Pairs of visible texts in the figure whose boxes overlap by more than ``tol`` pixels
        in both directions (tick labels running into each other, a legend over an axis label,
        an annotation over a title …), as readable descriptions (empty = fine). Text boxes
        include the glyphs' side bearings and line gaps: up to 2 px is touching, not overlap."""
        self.draw()
        texts = sorted(self.visible_texts(), key=lambda d: d[1].x0)
        out = []
        for i, (na, a) in enumerate(texts):
            for nb, b in texts[i + 1:]:
                if b.x0 >= a.x1 - tol:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                if dx > tol and dy > tol:
                    out.append(f"{na} overlaps {nb} ({dx:.0f}×{dy:.0f}px)")
        return out

    def _clipped_markers(self, ax, r, outside) -> list[str]:
        from matplotlib.collections import PathCollection
        from matplotlib.lines import Line2D

        out = []
        ab = ax.bbox
        arts = [a for a in ax.get_children() if isinstance(a, (Line2D, PathCollection)) and a.get_visible() and _has_markers(a)]
        for a in arts:
            if isinstance(a, Line2D):
                xy = np.column_stack([np.asarray(a.get_xdata(), float), np.asarray(a.get_ydata(), float)]) \
                    if len(np.atleast_1d(a.get_xdata())) else np.empty((0, 2))
                half = [a.get_markersize() * self.fig.dpi / 72 / 2] * len(xy)
                trans = a.get_transform()
            else:
                xy = np.asarray(a.get_offsets(), float)
                sizes = a.get_sizes()
                if not len(sizes):
                    continue
                half = [np.sqrt(sizes[i % len(sizes)]) * self.fig.dpi / 72 / 2 for i in range(len(xy))]
                trans = a.get_offset_transform()
            if not len(xy):
                continue
            pts = trans.transform(xy)
            label = a.get_label() if not str(a.get_label()).startswith("_") else type(a).__name__
            for (px, py), h in zip(pts, half):
                if not (np.isfinite(px) and np.isfinite(py)):
                    continue
                if a.get_clip_on():
                    box = a.get_clip_box() or ab
                    if px < box.x0 - h or px > box.x1 + h or py < box.y0 - h or py > box.y1 + h:
                        out.append(f"marker {label!r} outside its axes (not drawn)")
                        break
                    if px - h < box.x0 - 0.5 or px + h > box.x1 + 0.5 or py - h < box.y0 - 0.5 or py + h > box.y1 + 0.5:
                        out.append(f"marker {label!r} cut by the axes edge")
                        break
                else:
                    from matplotlib.transforms import Bbox

                    if px < ab.x0 - 0.5 or px > ab.x1 + 0.5 or py < ab.y0 - 0.5 or py > ab.y1 + 0.5:
                        out.append(f"marker {label!r} outside its axes")
                        break
                    if outside(Bbox([[px - h, py - h], [px + h, py + h]])):
                        out.append(f"marker {label!r} outside the figure")
                        break
        return out

    def encode(self) -> bytes:
        """The canvas as an RGB PNG (filter "None", zlib level 1).

        Written directly (numpy + zlib) because it is about 40 % faster than Pillow's PNG
        encoder for plots, at the same size (plots are mostly flat colour, where PNG's row
        filters do not pay off); tests/test_blocks.py decodes it and compares every pixel.
        """
        w, h = self.canvas.get_width_height()
        rgba = np.frombuffer(self.canvas.buffer_rgba(), dtype=np.uint8).reshape(h, w, 4)
        raw = np.zeros((h, 1 + 3 * w), dtype=np.uint8)  # first byte of each row: filter type 0
        raw[:, 1:] = rgba[:, :, :3].reshape(h, 3 * w)
        comp = zlib.compressobj(1)
        idat = comp.compress(raw.tobytes()) + comp.flush()
        header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8 bit, truecolour RGB
        return _PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")

    def refresh(self, alt: str) -> None:
        """Redraw and show the figure; ``alt`` is a short German description of what it shows."""
        self.draw()
        self.png = self.encode()
        self.alt = alt
        w, h = self.canvas.get_width_height()
        b64 = base64.b64encode(self.png).decode("ascii")
        self.widget.value = (
            f'<img src="data:image/png;base64,{b64}" alt="{escape(alt)}" width="{w}" height="{h}" '
            f'style="max-width:100%;height:auto;min-width:{int(w * 0.76)}px">'
        )
        self.renders += 1
