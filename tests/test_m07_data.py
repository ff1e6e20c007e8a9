"""Module 07 learner texts as data: data/phasen.json under its schema (#23)."""
from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from course_lib.content import read_json_file
from course_lib.errors import CourseInputError
from course_lib.m07_beziehungsphasen import model, view
from course_lib.schema import load_schema, validate

DATA = resources.files("course_lib.m07_beziehungsphasen").joinpath("data", "phasen.json")


def _doc():
    return json.loads(DATA.read_text("utf-8"))


def test_phasen_valid_with_both_validators():
    doc = _doc()
    jsonschema.Draft202012Validator(load_schema("phasen")).validate(doc)
    assert validate(doc, load_schema("phasen")) == []


def test_model_and_widget_read_the_data_file():
    doc = _doc()
    assert model.PHASES == tuple(p["name"] for p in doc["phases"])
    assert model.SHORT == tuple(p["short"] for p in doc["phases"])
    assert model.PHASE_INFO[1]["risiko"] == doc["phases"][1]["risiko"]
    assert list(model.SIGNS) == [s["id"] for s in doc["signs"]]
    assert view.LAYERS[0] == (4, f"P5 {doc['phases'][4]['short']}")
    w = view.phasen_diagnose()
    assert sorted(w.controls["beobachtungen"].ids) == sorted(s["id"] for s in doc["signs"])


BROKEN = {
    "four_phases": lambda d: d["phases"].pop(),
    "weight_above_one": lambda d: d["signs"][0].update(weights=[2, 0, 0, 0, 0]),
    "four_weights": lambda d: d["signs"][0].update(weights=[1, 0, 0, 0]),
    "missing_tun": lambda d: d["phases"][0].pop("tun"),
    "bad_id": lambda d: d["signs"][0].update(id="Zu teuer!"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_a_broken_file(name, tmp_path):
    doc = _doc()
    BROKEN[name](doc)
    p = tmp_path / "phasen.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(CourseInputError, match="nicht das erwartete Format"):
        read_json_file(p, "phasen")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("phasen")).validate(doc)


@pytest.mark.parametrize("change,words", [
    (lambda d: d["signs"].append(copy.deepcopy(d["signs"][0])), "doppelt"),
    (lambda d: d.update(signs=[s for s in d["signs"] if s["id"] != "kontakt_geht"]), "kontakt_geht"),
    (lambda d: [s["weights"].__setitem__(4, 0) for s in d["signs"]], "keine Beobachtung"),
])
def test_loader_rejects_what_the_schema_cannot_see(change, words):
    doc = _doc()
    change(doc)
    assert validate(doc, load_schema("phasen")) == []          # schema-valid, still wrong
    with pytest.raises(CourseInputError, match=words):
        model._phases_from(doc)
