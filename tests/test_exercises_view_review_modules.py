"""Screenshot-review findings in the m02/m04 widgets and the shared item rows (issue 17),
driven through the widgets: no comparison of a value with itself, both book examples visible
under „Ihre Wahl“, message kinds that match the verdict, the 50-% line says what it is, the
„Ansicht“ toggle in the label column, sorting rows that keep the control beside the text."""
from __future__ import annotations

import re

import ipywidgets as widgets

from course_lib.blocks import css
from course_lib.m02_imageproblem import model as m02_model, view as m02
from course_lib.m04_cem import view as m04


# -- m02 Druckspirale ---------------------------------------------------------------------
def test_druckspirale_leaves_out_the_comparison_with_itself():
    w = m02.druckspirale()
    text = w.view_box.children[1]
    assert w.controls["v"].value == m02_model.V_START
    assert "Zum Vergleich" not in text.value, "at 1,7 visits it compared 226 with 226"
    w.controls["v"].value = 2.5
    assert "Zum Vergleich bei 1,7 Besuchen" in text.value
    w.controls["v"].value = m02_model.V_START
    assert "Zum Vergleich" not in text.value


def test_druckspirale_book_examples_stay_visible_under_your_choice():
    w = m02.druckspirale()
    ax = w.artists["ax"]
    you = w.artists["you"]
    ref = next(ln for ln in ax.get_lines() if ln.get_label() == "Beispiel 1,7 und 4")
    assert list(ref.get_xdata()) == [m02_model.V_START, 4.0] and you.get_xdata()[0] == m02_model.V_START
    # hollow, larger than the diamond and drawn above it: the diamond shows through, the
    # square's outline shows around it
    assert ref.get_markerfacecolor() == "none"
    assert ref.get_markersize() > you.get_markersize() * 1.45   # 'D' reaches ≈ 0,71 × size from its centre
    assert ref.get_zorder() > you.get_zorder()
    dyn = w.plots[0]._dynamic
    assert dyn.index(ref) > dyn.index(you), "blitted in this order: the example marker last"
    assert w.plots[0].clipped_artists() == [] and w.plots[0].overlapping_texts() == []


# -- m04 AVR-Check -----------------------------------------------------------------------
def test_avr_check_message_kinds_match_the_verdict():
    w = m04.avr_check()
    for k, v in {"produkt": 9, "verkaeufer": 9, "unternehmen": 9}.items():
        w.controls[k].value = v
    html = w.view_state()[1]
    pos = re.search(r'<div class="vt-msg vt-msg-(\w+)"[^>]*>.{0,400}?Modell: aktive vollumfängliche Referenz', html, re.S)
    assert pos and pos.group(1) == "info"
    w.controls["unternehmen"].value = 4   # mean 7,3 over the threshold: the average trap
    html = w.view_state()[1]
    kinds = {title: kind for kind, title in re.findall(
        r'<div class="vt-msg vt-msg-(\w+)".*?<b>([^<]+?):</b>', html, re.S)}
    assert kinds["Modell: keine vollumfängliche Referenz – empfiehlt Sie nicht aktiv weiter"] == "warn"
    assert kinds["Achtung, Durchschnittsfalle"] == "warn"
    assert "vt-msg-ok" not in html and "vt-msg-wrong" not in html, "the check grades no learner (A7)"


def test_avr_recommendation_line_says_what_it_is():
    w = m04.avr_check()
    p = w.plots[0]
    p.fig.canvas.draw()
    texts = [t.get_text() for ax in p.fig.axes for t in ax.texts]
    assert "AVR" not in texts
    assert any(t.startswith("AVR erfüllt") and "50\u00a0%" in t for t in texts), texts
    assert p.clipped_artists() == [] and p.overlapping_texts() == []


def test_beziehungsmatrix_view_toggle_sits_in_the_label_column():
    w = m04.beziehungsmatrix()
    mode = w.controls["modus"]
    assert mode.description == "", "ToggleButtons draw their own label above the buttons"
    row = mode._vt_row
    label, control = row.children
    assert ">Ansicht<" in label.value and control is mode and "vt-row" in row._dom_classes
    assert isinstance(label, widgets.HTML), "an ipywidgets Label is cut with an ellipsis instead of wrapping"
    assert label.layout.width == css.LABEL_W
    assert any(getattr(c, "_vt_row", None) is row for c in [mode])
    assert row in w.box.children or any(row in getattr(b, "children", ()) for b in _walk(w.box))
    mode.value = "portfolio"
    assert w.message.value == ""


def _walk(box):
    todo = [box]
    while todo:
        b = todo.pop()
        yield b
        todo.extend(getattr(b, "children", ()))


# -- sorting / ordering rows (blocks/css.py .vt-item) ---------------------------------------
def test_item_rows_keep_the_control_beside_the_statement():
    rule = re.search(r"\.vt-item \{\{?([^}]*)\}", css.CSS)
    assert rule, "a .vt-item rule"
    body = rule.group(1)
    width = re.search(r"max-width:\s*(\d+)px !important", body)  # beats „.vt-task .widget-hbox { max-width: 100% }“
    assert width and 600 <= int(width.group(1)) <= 800, "the control stays within 800px of the row start"
    assert "align-items: baseline" in body, "statement and „Kategorie:“ on one baseline"


# -- m03 rows ------------------------------------------------------------------------------
def test_cross_channel_indicators_are_checkboxes_in_the_control_row():
    from course_lib.blocks.choices import ChoiceList
    from course_lib.m03_digitalisierung import view as m03

    w = m03.cross_channel()
    pick = w.controls["kennzahlen"]
    assert isinstance(pick, ChoiceList) and pick.multiple, "no Strg/Cmd-click needed, keyboard-accessible"
    label, control = pick._vt_row.children
    assert control is pick and label.layout.width == css.LABEL_W and "mehrere" in label.value
    assert isinstance(label, widgets.HTML) and pick._vt_row.layout.align_items == "flex-start"
    assert pick.hide_description and pick.description == "Kennzahlen"   # accessible name, no second label
    pick.value = ["app"]
    assert "Informationen per App" in w.view_box.children[1].value


def _panels():
    from course_lib.m03_digitalisierung import view as m03
    for mod in (m03, m04):
        for name, factory in mod.WIDGETS.items():
            import inspect
            yield name, (factory(predict=False) if "predict" in inspect.signature(factory).parameters else factory())


def test_m03_m04_control_labels_follow_one_convention_and_fit_the_row():
    """The panel's slider labels carry no colon, so no control of these panels does; a
    dropdown's options stay short enough to sit beside the label column at 650 px."""
    for name, w in _panels():
        for key, c in w.controls.items():
            desc = getattr(c, "description", "")
            row = getattr(c, "_vt_row", None)
            shown = [ch.value for ch in row.children if ch is not c] if row is not None and hasattr(row, "children") else []
            for text in [desc, *shown]:
                assert not re.sub(r"<[^>]+>", "", str(text)).rstrip().endswith(":"), (name, key, text)
            for opt in getattr(c, "_options_labels", ()):
                # ≈ 7 px a character: 52 characters + the 190-px label column fit a 560-px row; the
                # old 65-character „netzaffin – …“ option wrapped the row (label above, dropdown at the left)
                assert len(opt) <= 52, (name, key, opt)
            if type(c).__name__ in ("ToggleButtons", "SelectMultiple"):
                assert row is not None and not desc, (name, key, "needs the label column row")


def test_exercise_avr_check_does_not_start_on_the_task_case():
    """Exercise 04, Aufgabe 3 (9/8/5, threshold 7): the AVR-Check right above it must not start
    on the same pattern – at the module's 8/8/6 it already named the average trap and proposed
    the weakest link before the learner entered anything (final review)."""
    import ast
    from pathlib import Path

    import nbformat

    nb = nbformat.read(str(Path(__file__).resolve().parents[1] / "exercises" / "04_Uebung_CEM.ipynb"), as_version=4)
    call = next(c.source for c in nb.cells if c.cell_type == "code" and "avr_check(" in c.source)
    kw = next(k for k in ast.parse(call.split("#")[0]).body[0].value.keywords if k.arg == "start")
    start = ast.literal_eval(kw.value)
    shown = " ".join(getattr(c, "value", "") for c in _walk(m04.avr_check(start=start).box) if isinstance(getattr(c, "value", None), str))
    assert "Durchschnittsfalle" not in shown and "keine vollumfängliche Referenz" not in shown
    # the module's own start shows both – the check bites
    shown_module = " ".join(getattr(c, "value", "") for c in _walk(m04.avr_check().box) if isinstance(getattr(c, "value", None), str))
    assert "Durchschnittsfalle" in shown_module
