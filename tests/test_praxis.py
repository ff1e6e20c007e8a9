"""„Für Ihre Praxis“ (course_lib/blocks/praxis.py): data valid for every module, ticks and
notes saved and restored, the download carries the learner's own notes, bad data is refused."""
from __future__ import annotations

import base64
import json
import re

import jsonschema
import pytest

from course_lib import content
from course_lib.blocks import praxis
from course_lib.errors import CourseInputError
from course_lib.schema import load_schema, validate
from course_lib.storage import Store

MODULES = [m["id"] for m in content.modules() if m["id"] != "m00"]


@pytest.mark.parametrize("mid", MODULES)
def test_praxis_data_valid_with_both_validators(mid):
    doc = json.loads(content.data_path(mid, "praxis.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(load_schema("praxis")).validate(doc)
    assert validate(doc, load_schema("praxis")) == []
    assert doc["module"] == mid
    ids = praxis.item_ids(doc)
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 12, "a short, concrete checklist"


def test_schema_refuses_a_broken_block():
    doc = json.loads(content.data_path("m05", "praxis.json").read_text("utf-8"))
    doc["sections"][0]["items"][0].pop("text")
    assert validate(doc, load_schema("praxis")), "an item without text must be refused"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("praxis")).validate(doc)


def test_store_schema_knows_praxis():
    root = load_schema("stores")
    good = {"m05": {"checked": ["e1"], "notes": "Kessler anrufen", "updated": "2026-12-01T09:00:00"}}
    assert validate(good, root["$defs"]["praxis"], root=root) == []
    assert validate({"m05": {"checked": "e1"}}, root["$defs"]["praxis"], root=root)


def test_ticks_and_notes_saved_and_restored(data_dir):
    w = praxis.show("m05")
    w.checks["e2"].value = True
    w.checks["k1"].value = True
    w.notes.value = "Firma Kessler: neuer Einkäufer – Termin vereinbaren."
    saved = Store("praxis").read()["m05"]
    assert saved["checked"] == ["e2", "k1"] and saved["notes"].startswith("Firma Kessler")
    again = praxis.show("m05")                      # the notebook is reopened
    assert again.checks["e2"].value and again.checks["k1"].value and not again.checks["e1"].value
    assert again.notes.value == "Firma Kessler: neuer Einkäufer – Termin vereinbaren."
    assert "2 von" in w.status.value or "gespeichert" in w.status.value.lower() or "Uhr" in w.status.value


def test_unknown_saved_ids_are_dropped_notes_kept(data_dir):
    Store("praxis").update(lambda d: d.__setitem__("m09", {"checked": ["f1", "gone"], "notes": "alt"}))
    w = praxis.show("m09")
    assert w.checks["f1"].value and w.notes.value == "alt"
    assert praxis.clean_saved(praxis.load("m09"), {"checked": ["gone"], "notes": "n"}) == {"checked": [], "notes": "n"}


def test_export_is_markdown_with_own_notes(data_dir):
    w = praxis.show("m06")
    w.checks["g1"].value = True
    w.notes.value = "Mein Satz: „Ich kläre das bis 14 Uhr.“"
    text = w.export()
    assert text.startswith("# Für Ihre Praxis")
    assert "- [x] Benennen Sie das Gefühl" in text and "- [ ] " in text
    assert "Mein Satz: „Ich kläre das bis 14 Uhr.“" in text
    m = re.search(r'download="([^"]+)" href="data:text/markdown;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', w.link.value)
    assert m and m.group(1) == "praxis-m06-beziehungskompetenz.md"
    assert base64.b64decode(m.group(2)).decode("utf-8") == text, "the download is exactly the shown export"


def test_markdown_without_notes_says_so():
    text = praxis.to_markdown(praxis.load("m01"), None)
    assert "(noch keine Notizen)" in text and "- [x]" not in text
    assert "## Ohne eigene Kundschaft" in text


def test_wrong_module_in_file_is_refused(monkeypatch):
    real = content.read_json_file

    def fake(path, schema_name=None, **kw):
        doc = real(path, schema_name, **kw)
        return {**doc, "module": "m02"}

    monkeypatch.setattr(content, "read_json_file", fake)
    with pytest.raises(CourseInputError):
        praxis.load("m01")


def test_checklist_rows_are_checkboxes_inside_their_labels(data_dir):
    """Each checklist item is an option of a multiple-choice ChoiceList (a <label> around the
    <input type=checkbox> and the wrapping text: a click on the text ticks the box) – not a
    box beside a separate HTML text; a tick set in the browser (the list's value) is saved."""
    from course_lib.blocks.choices import ChoiceList

    w = praxis.show("m05")
    doc = praxis.load("m05")
    assert len(w.lists) == len(doc["sections"])
    for cl, sec in zip(w.lists, doc["sections"]):
        assert isinstance(cl, ChoiceList) and cl.multiple, "checkboxes, several may be ticked"
        assert cl.description == sec["heading"]
        assert cl.labels == [it["text"] for it in sec["items"]]
    texts = {it["text"] for sec in doc["sections"] for it in sec["items"]}
    htmls = " ".join(c.value for c in w.box.children if isinstance(getattr(c, "value", None), str))
    assert not any(t in htmls for t in texts), "no item text as a separate widget beside its box"
    first = w.lists[0]
    first.value = [first.ids[-1]]                   # the learner clicks the text of the last item
    assert Store("praxis").read()["m05"]["checked"] == [first.ids[-1]]
    assert w.checks[first.ids[-1]].value
