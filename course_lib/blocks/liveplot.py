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
import zlib
from html import escape

import ipywidgets as widgets
import numpy as np

from .style import new_figure

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


class LivePlot:
    """A figure that redraws in place. ``plot.widget`` is what you put into a layout."""

    def __init__(self, figsize=(6.4, 4.0), dpi: int = 90, *, layout: str | None = None):
        self.fig = new_figure(figsize, dpi)
        self.canvas = self.fig.canvas
        self._dynamic: list = []
        self._background = None
        self._layout_engine = None
        self.widget = widgets.HTML(layout=widgets.Layout(min_height=f"{int(figsize[1] * dpi)}px"))
        self.widget.add_class("vt-plot")
        self.widget._vt_liveplot = self  # lets LivePanel and the benchmark find the plot
        self.png: bytes = b""
        self.alt: str = ""
        self.renders = 0
        self.full_draws = 0

    # -- set-up -----------------------------------------------------------------------
    def dynamic(self, *artists):
        """Register artists that change on updates (drawn on top of the cached background)."""
        for a in artists:
            a.set_animated(True)
            self._dynamic.append(a)
        return artists[0] if len(artists) == 1 else artists

    def invalidate(self, relayout: bool = False) -> None:
        """Static parts changed: the next :meth:`refresh` does one full draw.

        The constrained layout is computed on the first full draw and then frozen (it is the
        most expensive part of a draw); ``relayout=True`` computes it once more, e.g. after
        tick labels or titles changed their size a lot.
        """
        self._background = None
        if relayout and self._layout_engine is not None:
            self.fig.set_layout_engine(self._layout_engine)

    # -- drawing ----------------------------------------------------------------------
    def draw(self) -> None:
        """Bring the canvas up to date (blit if the background is cached)."""
        if self._background is None:
            self.canvas.draw()
            if self.fig.get_layout_engine() is not None:
                self._layout_engine = self._layout_engine or self.fig.get_layout_engine()
                self.fig.set_layout_engine("none")  # freeze the computed layout
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.full_draws += 1
        else:
            self.canvas.restore_region(self._background)
        for a in self._dynamic:
            if a.get_visible():
                (a.axes or self.fig).draw_artist(a)

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
            f'style="max-width:100%;height:auto">'
        )
        self.renders += 1
