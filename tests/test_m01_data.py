"""Module 01's widget tables live in data files (``data/kundenprofil.json``,
``data/buying_center.json``): the schemas reject broken files (both validators), and a file
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
from course_lib.m01_vertrieb30 import model
from course_lib.schema import load_schema, validate

ORIG = content.load_widget_data


def _doc(name):
    return json.loads(resources.files("course_lib.m01_vertrieb30").joinpath("data", f"{name}.json").read_text("utf-8"))


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
    kp, bc = _doc("kundenprofil"), _doc("buying_center")
    assert [r["label"] for r in kp["roles"]] == list(model.ROLES.values())
    assert [p["name"] for p in kp["personas"]] == list(model.PERSONAS)[1:]
    assert model.CASE_TITLE == bc["title"] and [p["name"] for p in model.CASE] == [p["name"] for p in bc["people"]]
    assert model.STRATEGIES["erfragen"][0] == next(s["label"] for s in bc["strategies"] if s["id"] == "erfragen")


@pytest.mark.parametrize("name,break_it", [
    ("kundenprofil", lambda d: d["personas"][0]["traits"].update(online=11)),          # trait outside 0–10
    ("kundenprofil", lambda d: d["roles"][0].update(id="chef")),                        # not a quadrant of the model
    ("kundenprofil", lambda d: d["extra_behaviours"].pop()),                            # a trait rule without text
    ("kundenprofil", lambda d: d["roles"][1]["behaviours"][0].pop("why")),              # behaviour without reason
    ("buying_center", lambda d: d["people"][0].update(primary="Entscheider")),          # label instead of id
    ("buying_center", lambda d: d["strategies"][0].update(id="ignorieren")),            # unknown map quadrant
    ("buying_center", lambda d: d["people"][2].update(extra="x")),                      # unknown field
    ("buying_center", lambda d: d.update(title="")),
], ids=lambda x: x if isinstance(x, str) else "")
def test_schema_rejects_a_broken_file(name, break_it):
    doc = _doc(name)
    assert not _rejected(name, doc)
    break_it(doc)
    assert _rejected(name, doc)


@pytest.mark.parametrize("name,break_it,says", [
    ("buying_center", lambda d: d["people"][0].update(primary="chef"), "Dr. Petra Lange"),
    ("buying_center", lambda d: d["people"][1].update(also=["beeinflusser"]), "Jonas Weber"),   # also = primary
    ("buying_center", lambda d: d["people"][1].update(id="gf"), "doppelt"),
    ("kundenprofil", lambda d: d["roles"][1].update(id="sparring"), "genau einmal"),
])
def test_self_contradicting_file_stops_the_import_in_german(monkeypatch, name, break_it, says):
    doc = _doc(name)
    break_it(doc)
    assert not validate(doc, load_schema(name)), "the schema alone cannot see this"
    with pytest.raises(CourseInputError, match=says) as exc:
        _load_model_with(monkeypatch, name, doc)
    assert f"„{name}.json“ ist fehlerhaft" in str(exc.value)


def test_an_edited_file_changes_what_the_model_says(monkeypatch):
    doc = _doc("buying_center")
    doc["strategies"][4]["label"] = "Ins Gespräch kommen"
    mod = _load_model_with(monkeypatch, "buying_center", doc)
    assert mod.stakeholder_strategy(8, 0)[1] == "Ins Gespräch kommen"
