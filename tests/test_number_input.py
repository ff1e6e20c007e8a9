"""One German number parser for every learner input (docs/NUMBER_INPUT.md): the documented
table is checked row by row, then the hard cases go through the exercise widgets and the
module 03 „Zielzeit“ text field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_lib.errors import CourseInputError, check_number, read_number_de
from course_lib.exercises import progress
from course_lib.exercises.view import TaskView

DOC = Path(__file__).resolve().parents[1] / "docs" / "NUMBER_INPUT.md"


def _rows():
    rows = []
    table = DOC.read_text(encoding="utf-8").split("## Table", 1)[1]
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"`[^`]*`", cells[0]):
            rows.append((cells[0][1:-1], *cells[1:]))
    return rows


ROWS = _rows()


def test_table_is_there():
    assert len(ROWS) >= 40


def _nb(s: str) -> str:
    return s.replace(" %", "\u00a0%").replace(" €", "\u00a0€").replace(" = ", "\u00a0=\u00a0")


@pytest.mark.parametrize("text,kind,unit,value,excerpt", ROWS, ids=[f"{r[0] or 'leer'}-{r[1]}-{r[2]}" for r in ROWS])
def test_documented_reading(text, kind, unit, value, excerpt):
    if value == "—":
        with pytest.raises(CourseInputError) as exc:
            read_number_de(text, kind=kind, unit=unit)
        assert exc.value.hint, "every refusal says what to do"
        assert _nb(excerpt) in exc.value.message or excerpt in exc.value.message, exc.value.message
    else:
        r = read_number_de(text, kind=kind, unit=unit)
        assert r.value == pytest.approx(float(value))
        if excerpt:
            assert _nb(excerpt) in r.note or excerpt in r.note, r.note
        else:
            assert r.note == ""


def _try(mid, tid, text):
    v = TaskView(mid, tid)
    v.respond(text)
    v.check_button.click()
    return v, progress.get(mid, tid)


@pytest.mark.parametrize("mid,tid,text", [
    ("m05", "t4", "4.435,-"), ("m05", "t4", "rund 4435"), ("m05", "t4", "≈4435"), ("m05", "t4", "4.435 €"),
    ("m07", "t4", "144.000,-"), ("m07", "t4", "144.000"), ("m08", "t5", "1,684"), ("m04", "t4", "7"),
    ("m09", "t5", "41,5 %"), ("m03", "t5", "37,4"),
])
def test_widget_accepts_german_forms(mid, tid, text, data_dir):
    v, rec = _try(mid, tid, text)
    assert v.result is not None and v.result.solved, (text, v.feedback.value)
    assert rec["attempts"] == 1 and rec["first_correct"] is True


def test_widget_approx_is_read_and_said(data_dir):
    v, _rec = _try("m05", "t4", "ca. 4400")
    assert not v.result.solved and "„ca.“ wurde übergangen" in v.feedback.value
    v, _rec = _try("m05", "t4", "rund 4435")
    assert v.result.solved and "„rund“ wurde übergangen" in v.feedback.value


@pytest.mark.parametrize("mid,tid,text,says", [
    ("m04", "t4", "14,25 %", "kein Prozentwert"),
    ("m04", "t4", "7,5", "ganze Anzahl"),
    ("m09", "t5", "0,415", "41,5"),
    ("m08", "t5", "1.684", "Falls Sie 1,684 meinen"),  # ambiguous and wrong as read: asked, not counted
    ("m05", "t4", "4,435", "Falls Sie 4435"),
    ("m05", "t4", "zwölf", "keine Zahl"),
    ("m05", "t4", "4000-5000", "mehr als eine Zahl"),
])
def test_widget_refuses_with_german_message_and_does_not_count(mid, tid, text, says, data_dir):
    v, rec = _try(mid, tid, text)
    assert "vt-msg-error" in v.feedback.value and "Was tun?" in v.feedback.value
    assert says in v.feedback.value.replace("\u00a0", " ").replace("&nbsp;", " ") or says in v.feedback.value
    assert rec["attempts"] == 0 and v.response() == text, "not an attempt, and the input stays"


def test_typographic_minus_as_the_course_prints_it():
    from course_lib.format_de import num

    assert read_number_de(num(-5, 0)).value == -5
    assert check_number("−5", "Wert", -10, 10) == -5


def test_m03_zielzeit_field_reads_thousands(data_dir):
    from course_lib.m03_digitalisierung import view

    panel = view.antwortzeit()
    panel.controls["zielzeit"].value = "1.200"
    assert panel.message.value == ""
    assert "20\u00a0Stunden" in panel.view_box.children[1].value, "„1.200“ minutes are 20 hours, not 1,2 minutes"
    panel.controls["zielzeit"].value = "ca. 45"
    assert panel.message.value == "" and "45\u00a0Minuten" in panel.view_box.children[1].value
    panel.controls["zielzeit"].value = "−5"
    assert "vt-msg-error" in panel.message.value and "eingegeben: −5" in panel.message.value
    assert "keine Zahl" not in panel.message.value
