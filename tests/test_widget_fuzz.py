"""Widget fuzzing (every live widget of every module): random sequences of control values,
extremes and rapid changes. No callback may raise (errors must be caught, shown in German
and logged), and what the widget finally shows equals what a fresh widget shows for the same
final values – i.e. the display matches the model, whatever path led there. After every single
change, the fast (blitted) picture of every plot equals a forced full redraw of the same state,
pixel for pixel: a view that changes a static part without invalidating the cached background
shows a stale picture, which only a per-step comparison sees."""
from __future__ import annotations

import random

import ipywidgets as w
import numpy as np
import pytest

from course_lib.registry import widget_factories
from course_lib.blocks import guard
from course_lib.blocks.choices import ChoiceList

FACTORIES = list(widget_factories())


def _random_value(c, rnd: random.Random):
    if isinstance(c, (w.FloatSlider, w.IntSlider, w.BoundedFloatText, w.BoundedIntText)):
        choice = rnd.random()
        if choice < 0.2:
            return c.min
        if choice < 0.4:
            return c.max
        v = rnd.uniform(c.min, c.max)
        return int(round(v)) if isinstance(c, (w.IntSlider, w.BoundedIntText)) else v
    if isinstance(c, w.SelectionSlider):
        return c.options[rnd.choice([0, len(c.options) - 1, rnd.randrange(len(c.options))])] if not isinstance(c.options[0], tuple) \
            else c.options[rnd.randrange(len(c.options))][1]
    if isinstance(c, ChoiceList):
        ids = c.ids
        if c.multiple:
            return [i for i in ids if rnd.random() < 0.5]
        return [rnd.choice(ids)] if ids and rnd.random() < 0.9 else []
    if isinstance(c, (w.SelectMultiple,)):
        vals = [o[1] if isinstance(o, tuple) else o for o in c.options]
        return tuple(v for v in vals if rnd.random() < 0.5)
    if isinstance(c, (w.Dropdown, w.RadioButtons, w.ToggleButtons, w.Select)):
        vals = [o[1] if isinstance(o, tuple) else o for o in c.options]
        return rnd.choice(vals) if vals else c.value
    if isinstance(c, (w.Checkbox, w.ToggleButton)):
        return rnd.random() < 0.5
    if isinstance(c, (w.Text, w.Textarea)):
        return rnd.choice(["", "abc", "12", "-5", "1.234,5", "<script>x</script>", "Ä" * 300])
    if isinstance(c, (w.FloatText, w.IntText)):
        return rnd.choice([0, 1, -1, 10**6])
    return None


@pytest.mark.parametrize("mid,name,factory", FACTORIES, ids=[f"{m}-{n}" for m, n, _ in FACTORIES])
def test_random_control_sequences(mid, name, factory, data_dir):
    rnd = random.Random(f"{mid}-{name}")
    panel = factory()
    controls = getattr(panel, "controls", {})
    assert controls, f"{mid}.{name}: a live widget needs controls"
    errors_before = len(guard.LAST_ERRORS)
    keys = list(controls)
    sequence = []
    for _ in range(40):
        k = rnd.choice(keys)
        v = _random_value(controls[k], rnd)
        if v is not None:
            controls[k].value = v  # a callback must never raise at the learner
            sequence.append((k, controls[k].value))
    assert len(guard.LAST_ERRORS) == errors_before, f"{mid}.{name}: unexpected exception:\n{guard.LAST_ERRORS[-1] if guard.LAST_ERRORS else ''}"
    fresh = factory()
    if getattr(panel, "path_dependent", False):
        # A scenario that keeps score over the learner's decisions: its model is a function of
        # the whole decision sequence, so the fresh widget replays that sequence.
        for k, v in sequence:
            fresh.controls[k].value = v
    else:
        for k, v in {k: c.value for k, c in controls.items()}.items():
            fresh.controls[k].value = v
    if hasattr(panel, "view_state"):
        assert panel.view_state() == fresh.view_state(), f"{mid}.{name}: display does not match the model for the final values"
        assert panel.message.value == fresh.message.value


def _tree(w):
    yield w
    for c in getattr(w, "children", ()) or ():
        yield from _tree(c)


@pytest.mark.parametrize("mid,name,factory", FACTORIES, ids=[f"{m}-{n}" for m, n, _ in FACTORIES])
def test_every_slider_shows_its_value(mid, name, factory, data_dir):
    """A slider whose English readout is switched off must show its German readout."""
    panel = factory()
    shown = list(_tree(panel.box))
    for wdg in shown:
        if isinstance(wdg, (w.FloatSlider, w.IntSlider)) and not wdg.readout:
            row = getattr(wdg, "_vt_row", None)
            siblings = [c for box in shown if wdg in getattr(box, "children", ()) for c in box.children if c is not wdg]
            assert (row is not None and row in shown) or any(isinstance(c, w.HTML) for c in siblings), \
                f"{mid}.{name}: slider '{wdg.description}' has no visible readout"


def _plots(panel):
    plots = list(getattr(panel, "plots", []) or [])
    for wdg in _tree(panel.box):
        lp = getattr(wdg, "_vt_liveplot", None)
        if lp is not None and lp not in plots:
            plots.append(lp)
    return plots


def _pixels(plot) -> np.ndarray:
    return np.array(plot.canvas.buffer_rgba(), copy=True)


STEPS_COMPARED = {"n": 0, "widgets": set()}


@pytest.mark.parametrize("mid,name,factory", FACTORIES, ids=[f"{m}-{n}" for m, n, _ in FACTORIES])
def test_fast_redraw_equals_full_redraw_after_every_change(mid, name, factory, data_dir):
    """Per step: the picture the learner got (blitted) == a full redraw of the same state."""
    panel = factory()
    plots = _plots(panel)
    if not plots:
        pytest.skip(f"{mid}.{name} has no plot")
    rnd = random.Random(f"redraw-{mid}-{name}")
    controls = panel.controls
    keys = list(controls)
    for step in range(30):
        k = rnd.choice(keys)
        v = _random_value(controls[k], rnd)
        if v is None:
            continue
        controls[k].value = v
        for p in plots:
            if p.renders == 0:
                continue
            fast = _pixels(p)
            p.invalidate()
            p.draw()
            full = _pixels(p)
            assert fast.shape == full.shape, f"{mid}.{name}: figure size changed without a full draw"
            diff = np.argwhere(np.any(fast != full, axis=-1))
            assert diff.size == 0, (
                f"{mid}.{name}: after setting {k} = {v!r} (step {step}) the fast redraw differs from a full redraw "
                f"in {len(diff)} pixels (first at row/col {tuple(diff[0])}) – a static part changed without plot.invalidate()")
            STEPS_COMPARED["n"] += 1
            STEPS_COMPARED["widgets"].add((mid, name))
