"""Every course data file is valid against its schema – checked with the course's own small
validator and with the reference jsonschema implementation – and internally consistent."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from course_lib import content
from course_lib.schema import load_schema, validate

MODULES = list(content.modules())


def _widget_data():
    """Every other module data file whose stem names a schema (``data/<name>.json`` ↔
    ``schemas/<name>.schema.json``, e.g. the widgets' tables of learner text)."""
    schemas = resources.files("course_lib.schemas")
    out = []
    for m in MODULES:
        folder = content.data_path(m["id"], "")
        for p in sorted(folder.iterdir(), key=lambda x: x.name) if folder.is_dir() else []:
            stem = p.name.removesuffix(".json")
            if p.name.endswith(".json") and stem not in ("content", "tasks") and schemas.joinpath(f"{stem}.schema.json").is_file():
                out.append((stem, p))
    return out


def _files(name):
    out = []
    for m in MODULES:
        p = content.data_path(m["id"], name)
        if p.is_file():
            out.append((m["id"], p))
    return out


@pytest.mark.parametrize("schema,doc_path", [("modules", resources.files("course_lib.data") / "modules.json"),
                                              ("glossary", resources.files("course_lib.data") / "glossary.json")]
                         + [("content", p) for _m, p in _files("content.json")]
                         + [("tasks", p) for _m, p in _files("tasks.json")] + _widget_data(), ids=str)
def test_valid_with_both_validators(schema, doc_path):
    doc = json.loads(doc_path.read_text("utf-8"))
    jsonschema.Draft202012Validator(load_schema(schema)).validate(doc)
    assert validate(doc, load_schema(schema)) == []


def test_module_packages_exist():
    for m in MODULES:
        assert resources.files(f"course_lib.{m['package']}").is_dir(), m["package"]


@pytest.mark.parametrize("mid,path", _files("tasks.json"), ids=lambda x: str(x))
def test_task_keys_consistent(mid, path):
    for t in content.load_tasks(mid)["tasks"]:
        if t["type"] in ("single", "multi"):
            ids = {o["id"] for o in t["options"]}
            ans = t["answer"] if isinstance(t["answer"], list) else [t["answer"]]
            assert set(ans) <= ids, t["id"]
        if t["type"] == "categorize":
            assert set(t["answer"]) == {i["id"] for i in t["items"]}, t["id"]
            assert set(t["answer"].values()) <= {c["id"] for c in t["categories"]}, t["id"]
        if t["type"] == "order":
            assert sorted(t["answer"]) == sorted(i["id"] for i in t["items"]), t["id"]
            assert [i["id"] for i in t["items"]] != t["answer"], f"{t['id']}: items must not start in the solved order"
        if t["type"] == "text":
            assert t.get("min_concepts", 1) <= len(t["concepts"])
        assert t.get("solution"), f"{t['id']}: every task needs a model solution"


def test_glossary_terms_unique():
    terms = content.load_glossary()
    assert len({t["id"] for t in terms}) == len(terms)
    assert len({t["term"].lower() for t in terms}) == len(terms)
