"""Module 06's questionnaire and scenario live in data files (``data/selbsteinschaetzung.json``,
``data/kunden_als_freunde.json``): the schemas reject broken files (both validators), and a file
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
from course_lib.m06_beziehungskompetenz import model
from course_lib.schema import load_schema, validate

ORIG = content.load_widget_data


def _doc(name):
    return json.loads(resources.files("course_lib.m06_beziehungskompetenz").joinpath("data", f"{name}.json").read_text("utf-8"))


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


def test_the_python_tables_come_from_the_data_files():
    sa, kf = _doc("selbsteinschaetzung"), _doc("kunden_als_freunde")
    assert [i["text"] for i in model.ITEMS] == [i["text"] for i in sa["items"]]
    assert model.DIM_LABELS == {d["id"]: d["label"] for d in sa["dimensions"]}
    assert list(model.LIKERT_LABELS.values()) == [x["label"] for x in sa["scale"]]
    assert model.BEHAVIOURS["druck"] == ("Abschlussdruck aufbauen", -0.2, -1.0, 3.0)
    assert [c["limit"] for c in kf["customers"]] == [v[3] for v in model.CUSTOMERS.values()]


@pytest.mark.parametrize("name,break_it", [
    ("selbsteinschaetzung", lambda d: d["scale"].pop()),                              # scale must be 1–5
    ("selbsteinschaetzung", lambda d: d["scale"][0].update(value=0)),
    ("selbsteinschaetzung", lambda d: d["items"][0].update(reverse="ja")),
    ("selbsteinschaetzung", lambda d: d["items"][3].pop("dim")),
    ("kunden_als_freunde", lambda d: d["customers"][0].update(mu=0.9)),               # μ outside the model's 0–0,5
    ("kunden_als_freunde", lambda d: d["behaviours"][0].update(warmth="viel")),
    ("kunden_als_freunde", lambda d: d["customers"][1].update(genuineness=1.5)),
    ("kunden_als_freunde", lambda d: d["behaviours"][2].pop("label")),
], ids=lambda x: x if isinstance(x, str) else "")
def test_schema_rejects_a_broken_file(name, break_it):
    doc = _doc(name)
    assert not _rejected(name, doc)
    break_it(doc)
    assert _rejected(name, doc)


@pytest.mark.parametrize("name,break_it,says", [
    ("selbsteinschaetzung", lambda d: d["items"][0].update(dim="humor"), "bekannten Bereich"),
    ("selbsteinschaetzung", lambda d: d["items"][1].update(id="a1"), "doppelt"),
    ("selbsteinschaetzung", lambda d: d["scale"].reverse(), "1 bis 5"),
    ("kunden_als_freunde", lambda d: d["customers"][0].update(id="nett"), "vertraeglich"),
    ("kunden_als_freunde", lambda d: d["behaviours"][1].update(id="abstand"), "doppelt"),
])
def test_self_contradicting_file_stops_the_import_in_german(monkeypatch, name, break_it, says):
    doc = _doc(name)
    break_it(doc)
    assert not validate(doc, load_schema(name)), "the schema alone cannot see this"
    with pytest.raises(CourseInputError, match=says) as exc:
        _load_model_with(monkeypatch, name, doc)
    assert f"„{name}.json“ ist fehlerhaft" in str(exc.value)


def test_an_edited_file_changes_the_model(monkeypatch):
    doc = _doc("kunden_als_freunde")
    next(b for b in doc["behaviours"] if b["id"] == "druck")["warmth"] = 0.2
    mod = _load_model_with(monkeypatch, "kunden_als_freunde", doc)
    assert mod.friend_scenario(["druck"]).warmth_seller == pytest.approx(0.55)
    assert model.friend_scenario(["druck"]).warmth_seller == pytest.approx(0.15)
