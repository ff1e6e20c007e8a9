"""Module 08 learner texts as data: data/mimik.json under its schema (#23)."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from course_lib.content import read_json_file
from course_lib.errors import CourseInputError
from course_lib.m08_mimikresonanz import model, view
from course_lib.schema import load_schema, validate

DATA = resources.files("course_lib.m08_mimikresonanz").joinpath("data", "mimik.json")


def _doc():
    return json.loads(DATA.read_text("utf-8"))


def test_mimik_valid_with_both_validators():
    doc = _doc()
    jsonschema.Draft202012Validator(load_schema("mimik")).validate(doc)
    assert validate(doc, load_schema("mimik")) == []


def test_model_and_trainer_read_the_labels_from_the_data_file():
    doc = _doc()
    labels = {e["id"]: e["label"] for e in doc["emotions"]}
    assert model.EMOTION_LABELS == {e: labels[e] for e in model.EMOTIONS}
    assert model.ANSWER_LABELS[model.DONT_KNOW] == doc["dont_know"]
    assert model.AU_LABELS["12R"] == next(a["label"] for a in doc["action_units"] if a["id"] == "12R")
    t = view.mikro_trainer()
    assert doc["dont_know"] in [b.description for b in t.answer_buttons.values()]


BROKEN = {
    "unknown_emotion": lambda d: d["emotions"][0].update(id="wut"),
    "six_emotions": lambda d: d["emotions"].pop(),
    "unknown_au": lambda d: d["action_units"][0].update(id="99"),
    "empty_label": lambda d: d["emotions"][0].update(label=""),
    "no_dont_know": lambda d: d.pop("dont_know"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_a_broken_file(name, tmp_path):
    doc = _doc()
    BROKEN[name](doc)
    p = tmp_path / "mimik.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(CourseInputError, match="nicht das erwartete Format"):
        read_json_file(p, "mimik")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("mimik")).validate(doc)


@pytest.mark.parametrize("part,words", [("emotions", "sieben Emotionen"), ("action_units", "Action Unit")])
def test_loader_rejects_a_repeated_id(part, words):
    doc = _doc()
    doc[part][1]["id"] = doc[part][0]["id"]                   # schema-valid (known id), but twice
    assert validate(doc, load_schema("mimik")) == []
    with pytest.raises(CourseInputError, match=words):
        model._labels_from(doc)
