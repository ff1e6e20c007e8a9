"""Order and wording rules for widgets fixed after the screenshot review (helper mods2):
what a learner must read first comes first, legends and headers say what the plot shows."""
from __future__ import annotations

import ipywidgets as widgets


def _flat(w):
    """All widgets below ``w`` in display order (depth first)."""
    out = [w]
    for c in getattr(w, "children", ()):
        out += _flat(c)
    return out


def test_proaktiver_service_case_comes_before_the_reactions():
    """The situation text stands directly under the dropdown that picks it, above the
    reactions and the buttons (it asks the learner to choose a reaction below it)."""
    from course_lib.m05_kundenbindung import view

    w = view.proaktiver_service()
    order = _flat(w.box)
    pos = {name: order.index(getattr(w, name)) for name in ("situation", "card", "answer", "next_button")}
    assert pos["situation"] < pos["card"] < pos["answer"] < pos["next_button"]
    between = [x for x in order[pos["situation"] + 1:pos["card"]] if isinstance(x, widgets.HTML) and x.value.strip()]
    assert not between, "nothing visible between the dropdown and its case"
    assert "Situation 1 von" in w.card.value and "unten" in w.card.value and "oben" not in w.card.value
