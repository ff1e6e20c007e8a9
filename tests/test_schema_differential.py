"""Differential test: course_lib.schema agrees with the reference ``jsonschema`` (Draft 2020-12)
on the course's schemas – on the real documents, on randomly mutated (mostly invalid) copies of
them, and on a corpus of JSON-semantics edge cases. The one documented divergence (a pattern's
``$`` before a final newline) is tested on its own."""
from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib import schema as S

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> list[tuple[str, dict | None, object]]:
    """(schema name, sub-schema or None for the root, document) for every real data file."""
    out = [("modules", None, json.loads((resources.files("course_lib.data") / "modules.json").read_text("utf-8")))]
    for p in sorted(ROOT.glob("course_lib/m*/data/content.json")):
        out.append(("content", None, json.loads(p.read_text("utf-8"))))
    for p in sorted(ROOT.glob("course_lib/m*/data/tasks.json")):
        out.append(("tasks", None, json.loads(p.read_text("utf-8"))))
    for p in sorted(ROOT.glob("course_lib/**/glossary.json")):
        out.append(("glossary", None, json.loads(p.read_text("utf-8"))))
    for p in sorted(ROOT.glob("course_lib/m*/data/*.json")):   # widget tables: the file's stem names its schema
        if p.stem not in ("content", "tasks", "glossary") and (ROOT / "course_lib/schemas" / f"{p.stem}.schema.json").is_file():
            out.append((p.stem, None, json.loads(p.read_text("utf-8"))))
    for p in sorted((ROOT / "instructor" / "beispiel_klasse").glob("vertrieb30-Lernende0*.json"))[:4]:
        out.append(("export", None, json.loads(p.read_text("utf-8"))))
    stores = S.load_schema("stores")
    samples = {
        "quiz": {"m01": {"q1": {"attempts": 2, "correct": True, "selected": ["a"]}}},
        "polls": {"m02": {"p1": "b"}},
        "progress": {"m03": {"t1": {"status": "tried", "attempts": 1, "hints": 0}}},
        "reflections": {"m04": {"r1": {"text": "Mein Text", "updated": "2026-01-01T10:00:00"}}},
    }
    for name, doc in samples.items():
        if name in stores["$defs"]:
            out.append(("stores", stores["$defs"][name], doc))
    return out


DOCS = _docs()


def _both(schema_name: str, sub: dict | None, doc) -> tuple[bool, bool]:
    root = S.load_schema(schema_name)
    target = sub if sub is not None else root
    ours = not S.validate(doc, target, root=root)
    ref_schema = dict(target, **({"$defs": root["$defs"]} if "$defs" in root and sub is not None else {}))
    theirs = jsonschema.Draft202012Validator(ref_schema).is_valid(doc)
    return ours, theirs


@pytest.mark.parametrize("i", range(len(DOCS)), ids=[f"{d[0]}-{n}" for n, d in enumerate(DOCS)])
def test_real_documents_valid_for_both(i):
    name, sub, doc = DOCS[i]
    assert _both(name, sub, doc) == (True, True)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield from _paths(v, prefix + (n,))


# Replacement values chosen for JSON-semantics traps: booleans vs numbers, 2.0 as integer,
# long and empty strings, wrong containers. No string ends in a newline (see the divergence test).
VALUES = st.one_of(
    st.sampled_from([True, False, 0, 1, 1.0, 2.0, -1, 2.5, None, "", "x", "m01", "q1", "A" * 300, [], {}, ["a", "a"], [1, 1.0], {"x": 1}]),
    st.integers(-5, 5000),
    st.text(alphabet="abcmq0123456789_-ÄäöüßX \u00a0", max_size=30),
)


@st.composite
def mutated(draw):
    name, sub, doc = DOCS[draw(st.integers(0, len(DOCS) - 1))]
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(doc))
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = doc
        for p in path[:-1]:
            parent = parent[p]
        key = path[-1]
        op = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if op == "replace":
            parent[key] = draw(VALUES)
        elif op == "delete":
            if isinstance(parent, dict):
                del parent[key]
            elif len(parent) > 0:
                parent.pop(key)
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "zz", "m99", "Q1", "a" * 50]))] = draw(VALUES)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return name, sub, doc


COUNTS = {"valid": 0, "invalid": 0}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_documents_agree_with_jsonschema(case):
    name, sub, doc = case
    ours, theirs = _both(name, sub, doc)
    COUNTS["valid" if theirs else "invalid"] += 1
    assert ours == theirs, f"{name}: course validator says {ours}, jsonschema says {theirs}"


def test_mutations_produce_both_outcomes():
    """The mutation corpus is not vacuous: it produced invalid and valid documents."""
    if COUNTS["invalid"] == 0:  # the property test did not run in this process (e.g. -k)
        test_mutated_documents_agree_with_jsonschema()
    assert COUNTS["invalid"] > 50 and COUNTS["valid"] > 0, COUNTS


EDGE = [
    ({"const": 1}, True), ({"const": 1}, 1.0), ({"const": 1}, 1), ({"const": True}, 1),
    ({"const": False}, 0), ({"enum": [1, 2]}, True), ({"enum": [0]}, False), ({"enum": [0]}, 0.0),
    ({"type": "integer"}, 2.0), ({"type": "integer"}, 2.5), ({"type": "integer"}, True),
    ({"type": "number"}, False), ({"type": "boolean"}, 0), ({"type": "null"}, None),
    ({"type": "array", "uniqueItems": True}, [1, 1.0]), ({"type": "array", "uniqueItems": True}, [1, True]),
    ({"type": "array", "uniqueItems": True}, [{"a": 1}, {"a": 1.0}]), ({"type": "array", "uniqueItems": True}, [[0], [False]]),
    ({"type": "integer", "minimum": 1}, 1.0), ({"type": "integer", "maximum": 3}, 3.0000001),
    ({"exclusiveMinimum": 0}, 0), ({"exclusiveMinimum": 0}, 0.0001),
    ({"type": "object", "propertyNames": {"pattern": "^m\\d\\d$"}}, {"m01": 1}),
    ({"type": "object", "propertyNames": {"pattern": "^m\\d\\d$"}}, {"m1": 1}),
    ({"type": "object", "propertyNames": {"minLength": 2}}, {"a": 1}),
    ({"type": "object", "maxProperties": 1}, {"a": 1, "b": 2}),
    ({"type": "string", "pattern": "^[a-z]+$"}, "abc"), ({"type": "string", "pattern": "^[a-z]+$"}, "abC"),
    ({"type": "string", "pattern": "b"}, "abc"), ({"type": "string", "maxLength": 3}, "äöü"),
    ({"anyOf": [{"type": "null"}, {"type": "integer"}]}, 3.0), ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 3),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 3.5),
    ({"type": "object", "required": ["a"], "additionalProperties": False, "properties": {"a": {"const": 1}}}, {"a": True}),
]


@pytest.mark.parametrize("schema,instance", EDGE, ids=[f"e{n}" for n in range(len(EDGE))])
def test_edge_cases_agree_with_jsonschema(schema, instance):
    ours = not S.validate(instance, schema)
    theirs = jsonschema.Draft202012Validator(schema).is_valid(instance)
    assert ours == theirs


def test_true_is_not_const_one_and_two_point_zero_is_an_integer():
    """The two bugs the audit found, named."""
    assert S.validate(True, {"const": 1}) != []
    assert S.validate(2.0, {"type": "integer"}) == []


def test_dollar_matches_only_at_the_very_end():
    """Deliberate divergence: Python's ``$`` (and so python-jsonschema) lets a trailing
    newline through; ECMA-262 – what JSON Schema specifies – does not, and neither do we."""
    pattern = {"type": "string", "pattern": "^[A-Za-z0-9_]{2,24}$"}
    assert S.validate("Adler_3", pattern) == []
    assert S.validate("Adler_3\n", pattern) != []
    assert S.validate("a$b", {"pattern": "^a\\$b$"}) == []
    assert S.validate("a$", {"pattern": "^a[$]$"}) == []


def test_unsupported_keyword_is_refused(monkeypatch):
    bad = {"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}
    assert "format" in S._keywords(bad) - S.SUPPORTED
    for name in ("content", "tasks", "glossary", "modules", "export", "stores"):
        assert S._keywords(S.load_schema(name)) <= S.SUPPORTED
