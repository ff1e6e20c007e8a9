"""The widget tables of modules 01, 02 and 06 live in data files (``data/<name>.json``,
checked by ``schemas/<name>.schema.json``): the Python tables are read from them, the schemas
reject broken files (with both validators), a file that passes its schema but contradicts
itself stops the import with a German message, and an edited file changes what the model says."""
from __future__ import annotations

import copy
import importlib.util
import json
from importlib import resources

import jsonschema
import pytest

from course_lib import content
from course_lib.errors import CourseInputError
from course_lib.m01_vertrieb30 import model as m01
from course_lib.m02_imageproblem import model as m02
from course_lib.m06_beziehungskompetenz import model as m06
from course_lib.schema import load_schema, validate

MODEL = {"kundenprofil": m01, "buying_center": m01, "bonusjaeger_oder_berater": m02,
         "selbsteinschaetzung": m06, "kunden_als_freunde": m06}
ORIG = content.load_widget_data


def _doc(name):
    return json.loads(resources.files(MODEL[name].__package__).joinpath("data", f"{name}.json").read_text("utf-8"))


def _rejected(name, doc):
    schema = load_schema(name)
    return bool(validate(doc, schema)) and not jsonschema.Draft202012Validator(schema).is_valid(doc)


def _load_model_with(monkeypatch, name, doc):
    """Run the model afresh (not replacing the imported module) with ``doc`` as data file ``name``."""
    monkeypatch.setattr(content, "load_widget_data", lambda pkg, n: copy.deepcopy(doc) if n == name else ORIG(pkg, n))
    spec = importlib.util.find_spec(MODEL[name].__name__)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_m01_tables_come_from_the_data_files():
    kp, bc = _doc("kundenprofil"), _doc("buying_center")
    assert [r["label"] for r in kp["roles"]] == list(m01.ROLES.values())
    assert [p["name"] for p in kp["personas"]] == list(m01.PERSONAS)[1:]
    assert m01.CASE_TITLE == bc["title"] and [p["name"] for p in m01.CASE] == [p["name"] for p in bc["people"]]
    assert m01.STRATEGIES["erfragen"][0] == next(s["label"] for s in bc["strategies"] if s["id"] == "erfragen")


def test_m02_tables_come_from_the_data_file():
    doc = _doc("bonusjaeger_oder_berater")
    assert m02.CATEGORIES == {c["id"]: c["label"] for c in doc["categories"]}
    assert [s["text"] for s in m02.STATEMENTS] == [s["text"] for s in doc["statements"]]


def test_m06_tables_come_from_the_data_files():
    sa, kf = _doc("selbsteinschaetzung"), _doc("kunden_als_freunde")
    assert [i["text"] for i in m06.ITEMS] == [i["text"] for i in sa["items"]]
    assert m06.DIM_LABELS == {d["id"]: d["label"] for d in sa["dimensions"]}
    assert list(m06.LIKERT_LABELS.values()) == [x["label"] for x in sa["scale"]]
    assert m06.BEHAVIOURS["druck"] == ("Abschlussdruck aufbauen", -0.2, -1.0, 3.0)
    assert [c["limit"] for c in kf["customers"]] == [v[3] for v in m06.CUSTOMERS.values()]


@pytest.mark.parametrize("name,break_it", [
    ("kundenprofil", lambda d: d["personas"][0]["traits"].update(online=11)),          # trait outside 0–10
    ("kundenprofil", lambda d: d["roles"][0].update(id="chef")),                        # not a quadrant of the model
    ("kundenprofil", lambda d: d["extra_behaviours"].pop()),                            # a trait rule without text
    ("kundenprofil", lambda d: d["roles"][1]["behaviours"][0].pop("why")),              # behaviour without reason
    ("buying_center", lambda d: d["people"][0].update(primary="Entscheider")),          # label instead of id
    ("buying_center", lambda d: d["strategies"][0].update(id="ignorieren")),            # unknown map quadrant
    ("buying_center", lambda d: d["people"][2].update(extra="x")),                      # unknown field
    ("buying_center", lambda d: d.update(title="")),
    ("bonusjaeger_oder_berater", lambda d: d["statements"][0].pop("why")),              # no explanation
    ("bonusjaeger_oder_berater", lambda d: d["statements"][1].update(answer="Berater")),  # label instead of id
    ("bonusjaeger_oder_berater", lambda d: d["categories"].pop()),                      # one category is no sorting
    ("bonusjaeger_oder_berater", lambda d: d["statements"][2].update(text="")),
    ("selbsteinschaetzung", lambda d: d["scale"].pop()),                                # the scale must be 1–5
    ("selbsteinschaetzung", lambda d: d["scale"][0].update(value=0)),
    ("selbsteinschaetzung", lambda d: d["items"][0].update(reverse="ja")),
    ("selbsteinschaetzung", lambda d: d["items"][3].pop("dim")),
    ("kunden_als_freunde", lambda d: d["customers"][0].update(mu=0.9)),                 # μ outside the model's 0–0,5
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
    ("buying_center", lambda d: d["people"][0].update(primary="chef"), "Dr. Petra Lange"),
    ("buying_center", lambda d: d["people"][1].update(also=["beeinflusser"]), "Jonas Weber"),   # also = primary
    ("buying_center", lambda d: d["people"][1].update(id="gf"), "doppelt"),
    ("kundenprofil", lambda d: d["roles"][1].update(id="sparring"), "genau einmal"),
    ("bonusjaeger_oder_berater", lambda d: d["statements"][0].update(answer="verkaeufer"), "unbekannte Kategorie"),
    ("bonusjaeger_oder_berater", lambda d: d["statements"][1].update(id="s1"), "doppelt"),
    ("selbsteinschaetzung", lambda d: d["items"][0].update(dim="humor"), "bekannten Bereich"),
    ("selbsteinschaetzung", lambda d: d["items"][1].update(id="a1"), "doppelt"),
    ("selbsteinschaetzung", lambda d: d["scale"].reverse(), "1 bis 5"),
    ("kunden_als_freunde", lambda d: d["customers"][0].update(id="nett"), "vertraeglich"),
    ("kunden_als_freunde", lambda d: d["behaviours"][1].update(id="abstand"), "doppelt"),
], ids=lambda x: x if isinstance(x, str) and " " not in x else "")
def test_self_contradicting_file_stops_the_import_in_german(monkeypatch, name, break_it, says):
    doc = _doc(name)
    break_it(doc)
    assert not validate(doc, load_schema(name)), "the schema alone cannot see this"
    with pytest.raises(CourseInputError, match=says) as exc:
        _load_model_with(monkeypatch, name, doc)
    assert f"„{name}.json“ ist fehlerhaft" in str(exc.value)


def test_an_edited_file_changes_what_the_model_says(monkeypatch):
    bc = _doc("buying_center")
    bc["strategies"][4]["label"] = "Ins Gespräch kommen"
    assert _load_model_with(monkeypatch, "buying_center", bc).stakeholder_strategy(8, 0)[1] == "Ins Gespräch kommen"
    sort = _doc("bonusjaeger_oder_berater")
    sort["statements"][0]["answer"] = "berater"
    assert _load_model_with(monkeypatch, "bonusjaeger_oder_berater", sort).sort_statements({"s1": "berater"}).correct == 1
    assert m02.sort_statements({"s1": "berater"}).correct == 0
    kf = _doc("kunden_als_freunde")
    next(b for b in kf["behaviours"] if b["id"] == "druck")["warmth"] = 0.2
    assert _load_model_with(monkeypatch, "kunden_als_freunde", kf).friend_scenario(["druck"]).warmth_seller == pytest.approx(0.55)
    assert m06.friend_scenario(["druck"]).warmth_seller == pytest.approx(0.15)


@pytest.mark.parametrize("name", sorted(MODEL))
def test_schemas_are_valid_and_use_only_supported_keywords(name):
    jsonschema.Draft202012Validator.check_schema(load_schema(name))   # load_schema refuses unsupported keywords
    assert not validate(_doc(name), load_schema(name))
