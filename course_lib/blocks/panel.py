"""LivePanel: the standard frame of an interactive widget in the course.

A panel states its question and its assumptions, wires its controls to an ``update``
function (which calls a pure model and refreshes views), and shows German error messages
instead of tracebacks. Every panel has the CSS class ``vt-live``; its views sit in a box
with the class ``vt-view``. The browser tests use these classes to find a live widget,
change its first control as a user would, and check that the view changed.

Usage in a module's ``view.py``::

    def my_widget():
        plot = LivePlot()
        ...
        def update(v):                      # v: dict of control values
            result = model.compute(**v)     # pure, tested model
            line.set_ydata(result.y)
            plot.refresh(alt="…")
            text.value = "…"
        return LivePanel(title=…, question=…, controls={...}, views=[plot.widget, text],
                         update=update, assumptions="…")
"""
from __future__ import annotations

import contextlib
from html import escape
from typing import Callable

import ipywidgets as widgets

from ..format_de import num
from . import guard, widthprobe
from .a11yslider import A11yFloatSlider, A11yIntSlider, A11ySelectionSlider
from .css import LABEL_W, style_widget, styled
from .messages import box


def slider(description: str, value: float, lo: float, hi: float, step: float, *, fmt: str = ".1f",
           unit: str = "", integer: bool = False, width: str | None = None) -> widgets.Widget:
    """A labelled, accessible slider with a German readout (course_lib/blocks/a11yslider.py:
    a native range input named by its visible ``<label>``, German ``aria-valuetext``; the
    ipywidgets FloatSlider/IntSlider API and validation).

    ipywidgets formats readouts with d3-format in English ("1.7", "12,000"), so the built-in
    readout is off and a German one ("1,7", "12.000") is shown next to the track.
    ``slider._vt_row`` is the row LivePanel lays out.

    Layout (course_lib/blocks/css.py): the label column has one width per panel and wraps,
    the track is 240 px and never shrinks (the row wraps instead), the readout sits beside
    it. ``width`` is kept for compatibility and ignored inside course panels.
    """
    cls = A11yIntSlider if integer else A11yFloatSlider
    kw = dict(value=value, min=lo, max=hi, step=step, description=description,
              continuous_update=True, style={"description_width": "initial"},
              layout=widgets.Layout(width=width or "auto", max_width="100%"), readout=False)
    s = cls(**kw)
    if unit:
        s.description = f"{description} ({unit})"
    s.add_class("vt-ctl")
    digits = 0 if integer else int(fmt.strip(".f%") or 1)
    # the German readout shown beside the track (inside the widget) and announced as aria-valuetext;
    # ``_vt_readout.value`` keeps the HTML readout API of earlier versions for tests
    readout = widgets.HTML(layout=widgets.Layout(width="auto", display="none"))
    readout.add_class("vt-readout")

    def show(_change=None):
        text = num(s.value, digits)
        s.vt_readout = text
        s.vt_valuetext = f"{text} {unit}" if unit else text
        readout.value = f"<span style='white-space:nowrap'>{text}</span>"

    s.observe(show, names="value")
    show()
    s._vt_row = row(s, readout)  # readout: hidden copy (the visible one is inside the slider)
    s._vt_readout = readout
    return s


def selection_slider(description: str, options, value=None, *, width: str | None = None) -> widgets.SelectionSlider:
    """A labelled, accessible slider over labelled values (``options`` as for
    ``ipywidgets.SelectionSlider``, labels already in German format, e.g. „1.000 €“)."""
    s = A11ySelectionSlider(options=options, description=description, continuous_update=True,
                            style={"description_width": "initial"},
                            layout=widgets.Layout(width=width or "auto", max_width="100%"))
    if value is not None:
        s.value = value
    s.add_class("vt-ctl")
    return s


def row(*children: widgets.Widget) -> widgets.HBox:
    """A control row (label column + control + readout/buttons) that wraps when too narrow."""
    r = widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap", align_items="center",
                                                           max_width="100%"))
    r.add_class("vt-row")
    return r


def label_row(label: str, control: widgets.Widget, *, align: str = "center") -> widgets.HBox:
    """A control row whose label sits in the panel's label column (css.LABEL_W) – for controls
    whose own description ipywidgets puts above or inline (ToggleButtons, a list of choices).
    The label is an HTML widget, so a long label wraps (an ipywidgets Label is cut with „…“)."""
    lab = widgets.HTML(f"<span style='line-height:1.3'>{escape(label)}</span>",
                       layout=widgets.Layout(width=LABEL_W, flex=f"0 0 {LABEL_W}", max_width="100%", padding="0 6px 0 0"))
    lab.add_class("vt-row-label")
    r = row(lab, control)
    r.layout.align_items = align
    return r


def dropdown(description: str, options, value=None, *, width: str | None = None) -> widgets.Dropdown:
    """A labelled dropdown sized to its text (the label column wraps, see css.py)."""
    d = widgets.Dropdown(options=options, description=description, style={"description_width": "initial"},
                         layout=widgets.Layout(width=width or "auto", max_width="100%"))
    d.add_class("vt-ctl")
    if value is not None:
        d.value = value
    return d


def button(description: str, **kw) -> widgets.Button:
    """An ``ipywidgets.Button`` sized to its text – never cut with an ellipsis (the default
    Button is 148 px wide). Keyword arguments go to ``ipywidgets.Button``; a given ``layout``
    keeps its other settings but gets ``width: auto`` unless it sets a width itself."""
    layout = kw.pop("layout", None) or widgets.Layout()
    if not layout.width:
        layout.width = "auto"
    if not layout.max_width:
        layout.max_width = "100%"
    b = widgets.Button(description=description, layout=layout, **kw)
    b.add_class("vt-btn")
    return b


class PanelBase:
    """What every interactive course widget shares: ``controls`` (dict of ipywidgets), a
    ``message`` HTML for German messages, a root ``box``. Scenario widgets that are not plain
    control → plot panels subclass it too, so tests, the fuzz test and the benchmark can drive
    all widgets the same way."""

    controls: dict
    message: widgets.HTML
    box: widgets.Box

    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items()}

    def _show(self, html: str) -> None:
        self.message.value = html

    def _repr_mimebundle_(self, **kwargs):
        styled(self.box, "vt-live")  # the course CSS travels with every displayed panel
        widthprobe.attach(self.box)
        return self.box._repr_mimebundle_(**kwargs)


class LivePanel(PanelBase):
    """Question + controls + views + messages, wired to ``update(values: dict)``."""

    def __init__(
        self,
        *,
        title: str,
        question: str,
        controls: dict[str, widgets.Widget],
        views: list[widgets.Widget],
        update: Callable[[dict], None],
        assumptions: str = "",
        toy_model: bool = False,
        extra: list[widgets.Widget] | None = None,
        side_by_side: bool = False,
        controls_layout: widgets.Widget | None = None,
    ):
        self.controls = controls
        self._update = update
        self.message = widgets.HTML()
        self.message.add_class("vt-message")
        head = f"<h4 style='margin:4px 0'>{escape(title)}</h4><p style='margin:2px 0'><b>Frage:</b> {escape(question)}</p>"
        self.header = widgets.HTML(head)
        notes = []
        if toy_model:
            notes.append("Modellannahmen, keine Messwerte: Das ist ein vereinfachtes Lernmodell.")
        if assumptions:
            notes.append(assumptions)
        self.assumptions = widgets.HTML(
            "<details><summary>Annahmen des Modells</summary><p>" + "<br>".join(escape(n) for n in notes) + "</p></details>"
            if notes else ""
        )
        self.plots = [v._vt_liveplot for v in views if hasattr(v, "_vt_liveplot")]
        self.view_box = widgets.VBox(list(views))
        self.view_box.add_class("vt-view")
        # controls_layout: an own arrangement of the controls (e.g. two columns); default a column.
        ctrl_box = controls_layout or widgets.VBox([getattr(c, "_vt_row", c) for c in controls.values()] + list(extra or []))
        ctrl_box.add_class("vt-controls")
        if side_by_side:  # side by side when there is room, stacked when not
            body = widgets.HBox([ctrl_box, self.view_box], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        else:
            body = widgets.VBox([ctrl_box, self.view_box])
        self.box = widgets.VBox([self.header, body, self.message, self.assumptions, style_widget()],
                                layout=widgets.Layout(max_width="100%"))
        self.box.add_class("vt-live")
        widthprobe.attach(self.box)  # plots render at the width the panel has in the browser
        self.updates = 0
        self._held = False
        for c in controls.values():
            c.observe(self._on_change, names="value")
        self.refresh()

    def view_state(self) -> list:
        """What the learner currently sees in the views (HTML/text values), for tests."""
        return [getattr(v, "value", None) for v in self.view_box.children]

    def refresh(self) -> bool:
        ok = guard.run(self._update, self._show, self.values())
        if ok:
            self.message.value = ""
            self.updates += 1
        return ok

    def _on_change(self, _change) -> None:
        if not self._held:
            self.refresh()

    @contextlib.contextmanager
    def hold(self):
        """Set several controls with one redraw: ``with panel.hold(): a.value = 1; b.value = 2``."""
        self._held = True
        try:
            yield self
        finally:
            self._held = False
            self.refresh()

    def info(self, text: str) -> None:
        self._show(box("info", text))
