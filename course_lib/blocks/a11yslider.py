"""An accessible slider: a native ``<input type="range">`` with a visible ``<label for>``, a German
readout (``<output>``) and a German ``aria-valuetext`` – built with anywidget.

Why: the ipywidgets slider handle (noUiSlider's ``div role=slider``) has no accessible name
whatever its description (axe rule ``aria-input-field-name``, measured in JupyterLab 4.6 +
ipywidgets 8.1.9); nothing on the Python side can add one. A native range input named by its
``<label>`` has one, and the browser gives it the full keyboard behaviour (arrows, Home/End,
PageUp/PageDown). ``data-lm-suppress-shortcuts`` keeps JupyterLab's command-mode shortcuts
(ArrowUp/Down move between cells) away from it.

The classes subclass ``ipywidgets.FloatSlider``/``IntSlider`` (and ``anywidget.AnyWidget`` first,
so the browser loads the anywidget view): everything that drives sliders through ``.value`` /
``.min`` / ``.max`` / ``.step`` / ``.observe`` / ``.description`` and checks
``isinstance(c, FloatSlider)`` (tests, fuzzing, benchmark) keeps working, with the same
validation (value clipped into [min, max]).
"""
from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

_ESM = """
let uid = 0;
function render({ model, el }) {
  const id = 'vt-range-' + (++uid) + '-' + Math.random().toString(36).slice(2, 8);
  el.classList.add('vt-slider');
  const label = document.createElement('label');
  label.className = 'widget-label vt-slider-label';
  label.htmlFor = id;
  const input = document.createElement('input');
  input.type = 'range';
  input.id = id;
  input.className = 'vt-range';
  input.setAttribute('data-lm-suppress-shortcuts', 'true');
  const out = document.createElement('output');
  out.className = 'vt-readout widget-readout';
  out.htmlFor = id;
  out.setAttribute('aria-hidden', 'true');  // the same text is the input's aria-valuetext
  el.append(label, input, out);
  const sync = () => {
    label.textContent = model.get('description');
    input.min = String(model.get('min'));
    input.max = String(model.get('max'));
    input.step = String(model.get('step'));
    input.value = String(model.get('value'));
    input.disabled = !!model.get('disabled');
    out.textContent = model.get('vt_readout');
    input.setAttribute('aria-valuetext', model.get('vt_valuetext') || model.get('vt_readout'));
  };
  sync();
  const send = () => {
    const v = Number(input.value);
    if (v !== model.get('value')) { model.set('value', v); model.save_changes(); }
  };
  input.addEventListener('input', () => { if (model.get('continuous_update')) send(); });
  input.addEventListener('change', send);
  const names = ['value', 'min', 'max', 'step', 'description', 'disabled', 'vt_readout', 'vt_valuetext'];
  names.forEach(n => model.on('change:' + n, sync));
  return () => names.forEach(n => model.off('change:' + n, sync));
}
export default { render };
"""

_CSS = """
.vt-slider { display: flex; align-items: center; flex-wrap: wrap; column-gap: 6px; max-width: 100%;
  min-height: var(--jp-widgets-inline-height, 28px); height: auto !important; margin: 2px 0; }
.vt-slider > .vt-slider-label { flex: 0 0 var(--vt-label-w, 14.5em); width: var(--vt-label-w, 14.5em); max-width: 100%;
  white-space: normal; overflow-wrap: anywhere; line-height: 1.3; overflow: visible; text-overflow: clip;
  text-align: left; height: auto; padding-right: 6px; box-sizing: border-box; }
.vt-slider > .vt-range { flex: 0 0 var(--vt-track-w, 240px); width: var(--vt-track-w, 240px); min-width: 220px;
  max-width: 100%; margin: 4px 0; accent-color: #0072B2; }
.vt-slider > .vt-range:focus-visible { outline: 2px solid #0b5394; outline-offset: 2px; }
.vt-slider > .vt-readout { min-width: 4.5em; white-space: nowrap; }
"""


_ESM_SELECTION = """
let uid = 0;
function render({ model, el }) {
  const id = 'vt-srange-' + (++uid) + '-' + Math.random().toString(36).slice(2, 8);
  el.classList.add('vt-slider');
  const label = document.createElement('label');
  label.className = 'widget-label vt-slider-label';
  label.htmlFor = id;
  const input = document.createElement('input');
  input.type = 'range'; input.id = id; input.className = 'vt-range'; input.min = '0'; input.step = '1';
  input.setAttribute('data-lm-suppress-shortcuts', 'true');
  const out = document.createElement('output');
  out.className = 'vt-readout widget-readout'; out.htmlFor = id; out.setAttribute('aria-hidden', 'true');
  el.append(label, input, out);
  const sync = () => {
    const labels = model.get('_options_labels') || [];
    const i = model.get('index');
    label.textContent = model.get('description');
    input.max = String(Math.max(0, labels.length - 1));
    input.value = String(i);
    input.disabled = !!model.get('disabled');
    const t = labels[i] ?? '';
    out.textContent = t;
    input.setAttribute('aria-valuetext', t);
  };
  sync();
  const send = () => { const i = Number(input.value); if (i !== model.get('index')) { model.set('index', i); model.save_changes(); } };
  input.addEventListener('input', () => { if (model.get('continuous_update')) send(); });
  input.addEventListener('change', send);
  const names = ['index', '_options_labels', 'description', 'disabled'];
  names.forEach(n => model.on('change:' + n, sync));
  return () => names.forEach(n => model.off('change:' + n, sync));
}
export default { render };
"""


class _A11ySliderMixin(traitlets.HasTraits):
    vt_readout = traitlets.Unicode("").tag(sync=True)     # German readout, e.g. "1,7"
    vt_valuetext = traitlets.Unicode("").tag(sync=True)   # aria-valuetext, e.g. "1,7 Besuche pro Tag"


class A11yFloatSlider(anywidget.AnyWidget, widgets.FloatSlider, _A11ySliderMixin):
    """``ipywidgets.FloatSlider`` API, rendered as an accessible native range input."""

    _esm = _ESM
    _css = _CSS


class A11yIntSlider(anywidget.AnyWidget, widgets.IntSlider, _A11ySliderMixin):
    """``ipywidgets.IntSlider`` API, rendered as an accessible native range input."""

    _esm = _ESM
    _css = _CSS


class A11ySelectionSlider(anywidget.AnyWidget, widgets.SelectionSlider):
    """``ipywidgets.SelectionSlider`` API (``options``, ``value``, ``index``, ``label``),
    rendered as an accessible native range input over the option indices; the readout and
    ``aria-valuetext`` are the option's label (German, formatted by the caller)."""

    _esm = _ESM_SELECTION
    _css = _CSS
