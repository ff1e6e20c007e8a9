"""Learner texts of modules 05, 07, 08 and 09 as data files under schemas (#23): each file is
valid with the course validator and with jsonschema, a broken copy is rejected with a German
message, the loader rejects what a schema cannot see, and the model/widget show the file's text."""
from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from course_lib.content import read_json_file
from course_lib.errors import CourseInputError
from course_lib.m05_kundenbindung import model as m05, view as v05
from course_lib.m07_beziehungsphasen import model as m07, view as v07
from course_lib.m08_mimikresonanz import model as m08, view as v08
from course_lib.m09_gespraech import model as m09, view as v09
from course_lib.schema import load_schema, validate

FILES = {  # schema name: (package, file)
    "warnsignale": ("m05_kundenbindung", "warnsignale.json"),
    "phasen": ("m07_beziehungsphasen", "phasen.json"),
    "mimik": ("m08_mimikresonanz", "mimik.json"),
    "fragen": ("m09_gespraech", "fragen.json"),
}


def _doc(schema: str) -> dict:
    pkg, name = FILES[schema]
    return json.loads(resources.files(f"course_lib.{pkg}").joinpath("data", name).read_text("utf-8"))


def _schema_ok(doc, schema: str) -> bool:
    return validate(doc, load_schema(schema)) == []


@pytest.mark.parametrize("schema", sorted(FILES))
def test_valid_with_both_validators(schema):
    doc = _doc(schema)
    jsonschema.Draft202012Validator(load_schema(schema)).validate(doc)
    assert _schema_ok(doc, schema)


BROKEN = {
    ("warnsignale", "missing_signal"): lambda d: d["signs"][0].pop("signal"),
    ("warnsignale", "weight_too_big"): lambda d: d["signs"][0].update(weight=5),
    ("warnsignale", "weight_zero"): lambda d: d["signs"][0].update(weight=0),
    ("warnsignale", "unknown_group"): lambda d: d["signs"][0].update(group="markt"),
    ("warnsignale", "three_levels"): lambda d: d["levels"].pop(),
    ("warnsignale", "extra_key"): lambda d: d.update(extra=1),
    ("warnsignale", "empty_label"): lambda d: d["signs"][1].update(label=""),
    ("phasen", "four_phases"): lambda d: d["phases"].pop(),
    ("phasen", "weight_above_one"): lambda d: d["signs"][0].update(weights=[2, 0, 0, 0, 0]),
    ("phasen", "four_weights"): lambda d: d["signs"][0].update(weights=[1, 0, 0, 0]),
    ("phasen", "missing_tun"): lambda d: d["phases"][0].pop("tun"),
    ("phasen", "bad_id"): lambda d: d["signs"][0].update(id="Zu teuer!"),
    ("mimik", "unknown_emotion"): lambda d: d["emotions"][0].update(id="wut"),
    ("mimik", "six_emotions"): lambda d: d["emotions"].pop(),
    ("mimik", "unknown_au"): lambda d: d["action_units"][0].update(id="99"),
    ("mimik", "empty_label"): lambda d: d["emotions"][0].update(label=""),
    ("mimik", "no_dont_know"): lambda d: d.pop("dont_know"),
    ("fragen", "missing_kind_label"): lambda d: d["kind_labels"].pop("offen"),
    ("fragen", "missing_guess_label"): lambda d: d["guess_labels"].pop("suggestiv"),
    ("fragen", "suggestion_without_question_mark"): lambda d: d["suggestions"][0].update(question="Erzählen Sie mal."),
    ("fragen", "empty_rules"): lambda d: d.update(suggestive_rules=[]),
    ("fragen", "extra_key_in_rule"): lambda d: d["suggestive_rules"][0].update(weight=1),
}


@pytest.mark.parametrize("schema,name", sorted(BROKEN), ids=lambda x: str(x))
def test_schema_rejects_a_broken_file(schema, name, tmp_path):
    doc = _doc(schema)
    BROKEN[schema, name](doc)
    p = tmp_path / FILES[schema][1]
    p.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(CourseInputError, match="nicht das erwartete Format"):
        read_json_file(p, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema(schema)).validate(doc)


# -- what the schema cannot see: the loaders' own checks -------------------------------------

@pytest.mark.parametrize("change,words", [
    (lambda d: d["signs"].append(copy.deepcopy(d["signs"][0])), "doppelt"),
    (lambda d: d["groups"].pop(), "genau einmal"),
    (lambda d: [s.update(group="eigen") for s in d["signs"]], "mindestens ein Warnsignal"),
])
def test_m05_loader_rejects(monkeypatch, change, words):
    doc = _doc("warnsignale")
    change(doc)
    if len(doc["groups"]) == 2:
        assert _schema_ok(doc, "warnsignale")                    # schema-valid, still wrong
    monkeypatch.setattr(m05, "_data", lambda _f, _s: doc)
    with pytest.raises(CourseInputError, match=words):
        m05._load_signs()


@pytest.mark.parametrize("change,words", [
    (lambda d: d["signs"].append(copy.deepcopy(d["signs"][0])), "doppelt"),
    (lambda d: d.update(signs=[s for s in d["signs"] if s["id"] != "kontakt_geht"]), "kontakt_geht"),
    (lambda d: [s["weights"].__setitem__(4, 0) for s in d["signs"]], "keine Beobachtung"),
])
def test_m07_loader_rejects(change, words):
    doc = _doc("phasen")
    change(doc)
    assert _schema_ok(doc, "phasen")
    with pytest.raises(CourseInputError, match=words):
        m07._phases_from(doc)


@pytest.mark.parametrize("part,words", [("emotions", "sieben Emotionen"), ("action_units", "Action Unit")])
def test_m08_loader_rejects_a_repeated_id(part, words):
    doc = _doc("mimik")
    doc[part][1]["id"] = doc[part][0]["id"]                   # a known id, but twice
    assert _schema_ok(doc, "mimik")
    with pytest.raises(CourseInputError, match=words):
        m08._labels_from(doc)


def test_m09_loader_rejects_a_broken_regular_expression():
    doc = _doc("fragen")
    doc["suggestions"][2]["pattern"] = "preis|(teuer"
    assert _schema_ok(doc, "fragen")
    with pytest.raises(CourseInputError, match="suggestions Nr. 3"):
        m09._texts_from(doc)


# -- the models and widgets show the file's texts --------------------------------------------

def test_m05_reads_the_warning_signs():
    doc = _doc("warnsignale")
    assert [s.id for s in m05.WARNING_SIGNS] == [s["id"] for s in doc["signs"]]
    assert [s.signal for s in m05.WARNING_SIGNS] == [s["signal"] for s in doc["signs"]]
    assert m05.LEVELS == dict(enumerate(doc["levels"]))
    assert m05.GROUP_LABELS[m05.OWN] == next(g["label"] for g in doc["groups"] if g["id"] == "eigen")
    w = v05.abwanderungs_check()
    assert w.controls["neukunden"].options[3][0] == f"3 – {doc['levels'][3]}"


def test_m07_reads_the_phases_and_observations():
    doc = _doc("phasen")
    assert m07.PHASES == tuple(p["name"] for p in doc["phases"])
    assert m07.SHORT == tuple(p["short"] for p in doc["phases"])
    assert m07.PHASE_INFO[1]["risiko"] == doc["phases"][1]["risiko"]
    assert list(m07.SIGNS) == [s["id"] for s in doc["signs"]]
    assert v07.LAYERS[0] == (4, f"P5 {doc['phases'][4]['short']}")
    w = v07.phasen_diagnose()
    assert sorted(w.controls["beobachtungen"].ids) == sorted(s["id"] for s in doc["signs"])


def test_m08_reads_the_labels():
    doc = _doc("mimik")
    labels = {e["id"]: e["label"] for e in doc["emotions"]}
    assert m08.EMOTION_LABELS == {e: labels[e] for e in m08.EMOTIONS}
    assert m08.ANSWER_LABELS[m08.DONT_KNOW] == doc["dont_know"]
    assert m08.AU_LABELS["12R"] == next(a["label"] for a in doc["action_units"] if a["id"] == "12R")
    t = v08.mikro_trainer()
    assert doc["dont_know"] in [b.description for b in t.answer_buttons.values()]


def test_m09_reads_rules_and_suggestions():
    doc = _doc("fragen")
    assert m09.KIND_LABEL == doc["kind_labels"]
    assert dict((k, lab) for lab, k in m09.GUESS_LABELS) == doc["guess_labels"]
    w = v09.fragen_werkstatt()
    assert sorted(w.guess.ids) == sorted(doc["guess_labels"])
    w.guess.value = ["suggestiv"]
    w.check()
    assert doc["guess_labels"]["suggestiv"] in w.view_box.children[0].value
    assert m09.FALLBACK_SUGGESTION == doc["fallback"]
    assert [q for _p, q in m09.SUGGESTIONS] == [s["question"] for s in doc["suggestions"]]
    r = m09.classify_question("Das ist doch gut?")
    assert r.kind == "suggestiv" and doc["suggestive_rules"][0]["why"] in " ".join(r.reasons)
