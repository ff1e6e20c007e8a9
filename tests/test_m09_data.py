"""Module 09 learner texts as data: data/fragen.json under its schema (#23)."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from course_lib.content import read_json_file
from course_lib.errors import CourseInputError
from course_lib.m09_gespraech import model
from course_lib.schema import load_schema, validate

DATA = resources.files("course_lib.m09_gespraech").joinpath("data", "fragen.json")


def _doc():
    return json.loads(DATA.read_text("utf-8"))


def test_fragen_valid_with_both_validators():
    doc = _doc()
    jsonschema.Draft202012Validator(load_schema("fragen")).validate(doc)
    assert validate(doc, load_schema("fragen")) == []


def test_model_reads_rules_and_suggestions_from_the_data_file():
    doc = _doc()
    assert model.KIND_LABEL == doc["kind_labels"]
    assert model.FALLBACK_SUGGESTION == doc["fallback"]
    assert [q for _p, q in model.SUGGESTIONS] == [s["question"] for s in doc["suggestions"]]
    r = model.classify_question("Das ist doch gut?")
    assert r.kind == "suggestiv" and doc["suggestive_rules"][0]["why"] in " ".join(r.reasons)


BROKEN = {
    "missing_kind_label": lambda d: d["kind_labels"].pop("offen"),
    "suggestion_without_question_mark": lambda d: d["suggestions"][0].update(question="Erzählen Sie mal."),
    "empty_rules": lambda d: d.update(suggestive_rules=[]),
    "extra_key_in_rule": lambda d: d["suggestive_rules"][0].update(weight=1),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_a_broken_file(name, tmp_path):
    doc = _doc()
    BROKEN[name](doc)
    p = tmp_path / "fragen.json"
    p.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(CourseInputError, match="nicht das erwartete Format"):
        read_json_file(p, "fragen")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("fragen")).validate(doc)


def test_loader_rejects_a_broken_regular_expression():
    doc = _doc()
    doc["suggestions"][2]["pattern"] = "preis|(teuer"          # schema-valid text, broken pattern
    assert validate(doc, load_schema("fragen")) == []
    with pytest.raises(CourseInputError, match="suggestions Nr. 3"):
        model._texts_from(doc)
