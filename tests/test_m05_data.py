"""Module 05 learner texts as data: data/warnsignale.json under its schema (#23)."""
from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from course_lib.content import read_json_file
from course_lib.errors import CourseInputError
from course_lib.m05_kundenbindung import model, view
from course_lib.schema import load_schema, validate

DATA = resources.files("course_lib.m05_kundenbindung").joinpath("data", "warnsignale.json")


def _doc():
    return json.loads(DATA.read_text("utf-8"))


def test_warnsignale_valid_with_both_validators():
    doc = _doc()
    jsonschema.Draft202012Validator(load_schema("warnsignale")).validate(doc)
    assert validate(doc, load_schema("warnsignale")) == []


def test_model_reads_the_signs_from_the_data_file():
    doc = _doc()
    assert [s.id for s in model.WARNING_SIGNS] == [s["id"] for s in doc["signs"]]
    assert [s.signal for s in model.WARNING_SIGNS] == [s["signal"] for s in doc["signs"]]
    assert model.LEVELS == dict(enumerate(doc["levels"]))
    assert model.GROUP_LABELS[model.OWN] == next(g["label"] for g in doc["groups"] if g["id"] == "eigen")
    w = view.abwanderungs_check()
    assert w.controls["neukunden"].options[3][0] == f"3 – {doc['levels'][3]}"


def _broken(change):
    doc = _doc()
    change(doc)
    return doc


BROKEN = {
    "missing_signal": lambda d: d["signs"][0].pop("signal"),
    "weight_too_big": lambda d: d["signs"][0].update(weight=5),
    "weight_zero": lambda d: d["signs"][0].update(weight=0),
    "unknown_group": lambda d: d["signs"][0].update(group="markt"),
    "three_levels": lambda d: d["levels"].pop(),
    "extra_key": lambda d: d.update(extra=1),
    "empty_label": lambda d: d["signs"][1].update(label=""),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_a_broken_file(name, tmp_path):
    doc = _broken(BROKEN[name])
    p = tmp_path / "warnsignale.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(CourseInputError, match="nicht das erwartete Format"):
        read_json_file(p, "warnsignale")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("warnsignale")).validate(doc)


@pytest.mark.parametrize("change,words", [
    (lambda d: d["signs"].append(copy.deepcopy(d["signs"][0])), "doppelt"),
    (lambda d: d["groups"].pop(), "genau einmal"),
    (lambda d: [s.update(group="eigen") for s in d["signs"]], "mindestens ein Warnsignal"),
])
def test_loader_rejects_what_the_schema_cannot_see(monkeypatch, change, words):
    doc = _broken(change)
    if len(doc["groups"]) == 2:
        assert validate(doc, load_schema("warnsignale")) == []      # schema-valid, still wrong
    monkeypatch.setattr(model, "_data", lambda _f, _s: doc)
    with pytest.raises(CourseInputError, match=words):
        model._load_signs()


def test_yearly_retention_formula_cannot_break_and_has_no_caret():
    """#17: „r = (1 − h)¹²“ – no-break spaces, a real superscript, no raw caret."""
    w = view.abwanderungs_check()
    notes = w.assumptions.value
    assert "^12" not in notes and "r\u00a0=\u00a0(1\u00a0−\u00a0h)¹²" in notes
    html = w.view_box.children[1].value
    assert "<span style='white-space:nowrap'>r = (1 − h)<sup>12</sup> = <b>" in html
