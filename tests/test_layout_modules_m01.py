"""Module 01 layout rule found in the screenshot review (issue 17): in the Buying Center, a
person's role dropdown and its two sliders stand at the same height.

The cause was a plain HBox (``align-items: stretch``): every item was stretched to the height
of the two-line name, the dropdown's label sat at the top of its box and the slider's label in
the middle of its own – about 20 px lower (measured in JupyterLab + Chromium). Each person's
controls are now one course control row (:func:`course_lib.blocks.panel.row`: ``vt-row``,
items centred on the row's axis), which the course CSS lays out like every other control row.
"""
from __future__ import annotations

import ipywidgets as widgets

from course_lib.m01_vertrieb30 import model, view


def _person_rows(w: view.BuyingCenter) -> list[widgets.Box]:
    ctrl = w.box.children[1]
    return [c for c in ctrl.children if isinstance(c, widgets.Box)]


def test_buying_center_person_rows_centre_dropdown_and_sliders():
    w = view.buying_center()
    rows = _person_rows(w)
    assert len(rows) == len(model.CASE)
    for p, r in zip(model.CASE, rows):
        kinds = [type(c) for c in r.children]
        assert widgets.Dropdown in kinds and sum(isinstance(c, widgets.IntSlider) for c in r.children) == 2
        # the role dropdown and both sliders of this person sit in this one row
        assert w.controls[f"{p['id']}_rolle"] in r.children
        assert w.controls[f"{p['id']}_einfluss"] in r.children and w.controls[f"{p['id']}_haltung"] in r.children
        assert "vt-row" in r._dom_classes, "a course control row (shared CSS for control rows)"
        assert r.layout.align_items == "center", "items centred: no item is stretched to the name's height"
        # inside the dropdown, label and field are centred as in the accessible slider (.vt-slider
        # has align-items: center); a dropdown's default puts its label about 5 px higher
        assert w.controls[f"{p['id']}_rolle"].layout.align_items == "center"
