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


def _treue_texts(panel):
    return [c.value for c in panel.view_box.children if isinstance(c, widgets.HTML)]


def test_wert_der_treue_table_header_and_legend_match_the_plot():
    """The table header names each rate's marker and line style as the plot draws them
    (not the letter „o“ for a circle), and the legend handle is long enough to show B's
    dashes between its markers (a short handle looked like a solid line)."""
    from course_lib.m05_kundenbindung import view

    panel = view.wert_der_treue()
    panel.refresh()
    html = next(t for t in _treue_texts(panel) if "<table" in t)
    glyph = {"o": "●", "s": "■", "^": "▲", "D": "◆"}
    style = {"-": "durchgezogen", "--": "gestrichelt", ":": "gepunktet"}
    leg = panel.plots[0].fig.axes[0].get_legend()
    assert leg.handlelength >= 3, "a dashed handle needs room for a dash, a gap and a marker"
    for name, col in (("line_a", "A"), ("line_b", "B")):
        line = panel.artists[name]
        head = f">{col} ({glyph[line.get_marker()]}, {style[line.get_linestyle()]}"
        assert head in html, f"header of column {col} must read {head!r}"
    assert [h.get_linestyle() for h in leg.legend_handles] == ["-", "--"]


def test_wert_der_treue_formula_and_table_do_not_break_inside_formulas():
    """The readout's formula line and table rows keep short formulas whole (no breakable
    space before an operator or inside a bracket), at default values and with referrals."""
    from course_lib.m05_kundenbindung import view
    from tests.test_content_style import formula_breaks

    panel = view.wert_der_treue()
    for q in (0.0, 0.2):
        panel.controls["q"].value = q
        panel.refresh()
        import re
        for t in _treue_texts(panel):
            plain = re.sub(r"<[^>]+>", "", t)
            assert formula_breaks(plain) == [], formula_breaks(plain)
