"""Plots at the width the learner's screen has: a zero-height anywidget inside every course
panel reports the panel's width in CSS pixels to the kernel (on render and, debounced, when
it changes – a file browser opened, a window resized); the panel's LivePlots then render at
that width (:meth:`LivePlot.fit_width`) instead of being shrunk by the browser until tick and
legend text end at 6 px, or grow on a wide screen. The probe also sets ``--vt-panel-w`` on the
panel, from which the CSS sizes the label column and slider track of its control rows. Nothing else changes: the PNG stays an ``<img alt>`` in an HTML widget.

Without a front end (tests, nbconvert) the width stays 0 and plots keep their natural size.
"""
from __future__ import annotations

import weakref

import anywidget
import ipywidgets as widgets
import traitlets

_PROBES: "weakref.WeakSet[WidthProbe]" = weakref.WeakSet()  # every probe of this kernel (the browser check waits for them)

_ESM = """
function render({ model, el }) {
  el.classList.add('vt-width-probe');
  el.style.cssText = 'width:100%;height:0;overflow:hidden;margin:0;padding:0;border:0';
  let last = -1, timer = null;
  const uid = Math.random().toString(36).slice(2, 10);
  const measure = () => {
    const host = el.closest('.vt-live, .vt-block') || el.parentElement || el;
    const w = Math.round(host.getBoundingClientRect().width);
    if (w > 0 && Math.abs(w - last) >= 8) {
      last = w;
      // the label column and slider track of the panel's control rows grow with it (css.py)
      const stamp = uid + ':' + w;  // lets the browser check see which width the kernel has received
      if (host && host !== el && host.matches('.vt-live, .vt-block')) {
        host.style.setProperty('--vt-panel-w', w + 'px');
        host.setAttribute('data-vt-probe', stamp);
      }
      model.set('width', w); model.set('stamp', stamp); model.save_changes();
    }
  };
  const ro = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(measure, 120); });
  const host = el.closest('.vt-live, .vt-block') || el.parentElement;
  requestAnimationFrame(() => { measure(); ro.observe(host || el); });
  return () => { ro.disconnect(); clearTimeout(timer); };
}
export default { render };
"""


class WidthProbe(anywidget.AnyWidget):
    """Reports the width (CSS px) of the enclosing ``.vt-live``/``.vt-block`` as ``width``."""

    _esm = _ESM
    width = traitlets.Int(0).tag(sync=True)
    stamp = traitlets.Unicode("").tag(sync=True)  # "<view id>:<width>" of the last report

    def __init__(self, **kw):
        super().__init__(**kw)
        _PROBES.add(self)


def stamps() -> list[str]:
    """The last report (``"<view id>:<width>"``) every probe of this kernel has received: the
    browser layout check compares them with the panels' ``data-vt-probe`` on the page to know
    that every width change has reached the kernel (and its plots were redrawn)."""
    return sorted(p.stamp for p in list(_PROBES) if p.stamp)


def liveplots_in(root) -> list:
    """Every LivePlot whose widget sits somewhere inside ``root`` (depth first)."""
    return _tagged_in(root, "_vt_liveplot")


def svgplots_in(root) -> list:
    """Every SvgPlot (blocks/svgplot.py) whose widget sits somewhere inside ``root``."""
    return _tagged_in(root, "_vt_svgplot")


def _tagged_in(root, attr: str) -> list:
    out, stack, seen = [], [root], set()
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        lp = getattr(w, attr, None)
        if lp is not None:
            out.append(lp)
        for c in reversed(getattr(w, "children", ()) or ()):
            stack.append(c)
    return out


def attach(box: widgets.Box) -> WidthProbe | None:
    """Put a WidthProbe into ``box`` (once) and fit the box's LivePlots to the reported width."""
    if getattr(box, "_vt_probe", None) is not None:
        return box._vt_probe
    probe = WidthProbe(layout=widgets.Layout(height="0px", margin="0", padding="0", width="100%"))

    def fit(change):
        for p in liveplots_in(box) + svgplots_in(box):
            p.fit_width(change["new"])

    probe.observe(fit, names="width")
    box.children = (*box.children, probe)
    box._vt_probe = probe
    return probe
