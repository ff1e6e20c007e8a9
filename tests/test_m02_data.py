"""Module 02's sorting exercise lives in a data file (``data/bonusjaeger_oder_berater.json``): the schemas reject broken files (both validators), and a file
that passes its schema but contradicts itself stops the import with a German message."""
from __future__ import annotations

import copy
import importlib.util
import json
from importlib import resources

import jsonschema
import pytest

from course_lib import content
from course_lib.errors import CourseInputError
from course_lib.m02_imageproblem import model
from course_lib.schema import load_schema, validate

ORIG = content.load_widget_data
NAME = "bonusjaeger_oder_berater"


def _doc(name):
    return json.loads(resources.files("course_lib.m02_imageproblem").joinpath("data", f"{name}.json").read_text("utf-8"))


def _rejected(name, doc):
    schema = load_schema(name)
    return bool(validate(doc, schema)) and not jsonschema.Draft202012Validator(schema).is_valid(doc)


def _load_model_with(monkeypatch, name, doc):
    """Run model.py afresh (not replacing the imported module) with ``doc`` as data file ``name``."""
    monkeypatch.setattr(content, "load_widget_data", lambda pkg, n: copy.deepcopy(doc) if n == name else ORIG(pkg, n))
    spec = importlib.util.find_spec(model.__name__)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_python_tables_come_from_the_data_file():
    doc = _doc(NAME)
    assert model.CATEGORIES == {c["id"]: c["label"] for c in doc["categories"]}
    assert [s["text"] for s in model.STATEMENTS] == [s["text"] for s in doc["statements"]]



@pytest.mark.parametrize("break_it", [
    lambda d: d["statements"][0].pop("why"),                 # a statement without explanation
    lambda d: d["statements"][1].update(answer="Berater"),   # label instead of id
    lambda d: d["categories"].pop(),                         # one category is not a sorting
    lambda d: d["statements"][2].update(text=""),
])
def test_schema_rejects_a_broken_file(break_it):
    doc = _doc(NAME)
    assert not _rejected(NAME, doc)
    break_it(doc)
    assert _rejected(NAME, doc)


@pytest.mark.parametrize("break_it,says", [
    (lambda d: d["statements"][0].update(answer="verkaeufer"), "unbekannte Kategorie"),
    (lambda d: d["statements"][1].update(id="s1"), "doppelt"),
])
def test_self_contradicting_file_stops_the_import_in_german(monkeypatch, break_it, says):
    doc = _doc(NAME)
    break_it(doc)
    assert not validate(doc, load_schema(NAME)), "the schema alone cannot see this"
    with pytest.raises(CourseInputError, match=says) as exc:
        _load_model_with(monkeypatch, NAME, doc)
    assert f"„{NAME}.json“ ist fehlerhaft" in str(exc.value)


def test_an_edited_file_changes_the_scoring(monkeypatch):
    doc = _doc(NAME)
    doc["statements"][0]["answer"] = "berater"
    mod = _load_model_with(monkeypatch, NAME, doc)
    assert mod.sort_statements({"s1": "berater"}).correct == 1
    assert model.sort_statements({"s1": "berater"}).correct == 0
