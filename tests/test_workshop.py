"""Workshop kit: anonymous export → import round trip over a folder of 30 learner files
(malformed, duplicate, HTML/script, foreign), aggregates, rejection list, widgets."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from course_lib.errors import CourseInputError
from course_lib.storage import Store
from course_lib.workshop import classresults, example_class, export
from course_lib.workshop.view import ClassResults, ExportWidget


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("klasse")
    info = example_class.write(out, n=25)
    assert len(list(out.iterdir())) == 30
    return out, info["valid"]


def test_roundtrip_accepts_valid_and_lists_rejections(folder):
    out, valid = folder
    docs, rejected = classresults.load_folder(out)
    assert sorted(d["pseudonym"] for d in docs) == sorted(d["pseudonym"] for d in valid)
    reasons = dict(rejected)
    assert set(reasons) == {"vertrieb30-Lernende00_kopie.json", "vertrieb30-skript.json", "kaputt.json", "fremd.json", "notizen.txt"}
    assert "Duplikat" in reasons["vertrieb30-Lernende00_kopie.json"]
    assert "beschädigt" in reasons["kaputt.json"]
    assert "fremdes Format" in reasons["fremd.json"]
    assert "keine JSON-Datei" in reasons["notizen.txt"]
    assert "pseudonym" in reasons["vertrieb30-skript.json"]


def test_aggregates_match_a_direct_computation(folder):
    out, valid = folder
    docs, _ = classresults.load_folder(out)
    q = classresults.quiz_difficulty(docs)
    row = q[(q["Modul"] == "m04") & (q["Frage"] == "q3")].iloc[0]
    expected = [d["quiz"]["m04"]["q3"]["richtig"] for d in valid]
    assert row["Antworten"] == len(valid)
    assert row["Anteil richtig"] == pytest.approx(sum(expected) / len(expected))
    s = classresults.selfassessment_summary(docs).set_index("Bereich")
    emp = pd.Series([d["selbsteinschaetzung"]["empathie"] for d in valid if d["selbsteinschaetzung"]])
    assert s.loc["empathie", "n"] == len(emp)
    assert s.loc["empathie", "Mittelwert"] == pytest.approx(emp.mean())
    assert s.loc["empathie", "Streuung"] == pytest.approx(emp.std(ddof=1))
    p = classresults.poll_distribution(docs)
    assert p["Anzahl"].sum() == len(valid)
    assert p.groupby("Umfrage")["Anteil"].sum().iloc[0] == pytest.approx(1.0)


def test_nothing_from_a_file_is_rendered_as_html(folder):
    out, _ = folder
    w = ClassResults(out)
    html = w.box.children[0].value
    assert "vertrieb30-skript.json" in html  # listed as rejected …
    everything = json.dumps([getattr(c, "value", "") for c in w.box.children] + w.quiz.view_state())
    assert "<script>alert" not in everything  # … and its content never rendered raw


def test_export_from_learner_stores(data_dir):
    Store("quiz").update(lambda d: d.update({"m04": {"q1": {"attempts": 2, "selected": ["a"], "correct": True}}}))
    Store("polls").update(lambda d: d.update({"m00": {"p1": "b"}}))
    Store("reflections").update(lambda d: d.update({"m04": {"r1": {"text": "Mein geheimer Gedanke"}}}))
    w = ExportWidget()
    w.pseudonym.value = "Falke7"
    w.preview_button.click()
    assert "Falke7" in w.preview.value and "geheimer" not in w.preview.value
    w.save_button.click()
    saved = json.loads(w.path.read_text("utf-8"))
    assert saved == export.build("Falke7")
    assert saved["quiz"] == {"m04": {"q1": {"richtig": True, "versuche": 2}}} and saved["umfragen"] == {"m00": {"p1": "b"}}
    assert w.preview.value.count("Falke7") == 1
    import base64
    import re
    href = re.search(r'href="data:application/json;base64,([^"]+)"', w.message.value).group(1)
    assert json.loads(base64.b64decode(href)) == saved  # the download link carries exactly the file
    docs, rejected = classresults.load_folder(w.path.parent)
    assert rejected == [] and docs == [saved]


@pytest.mark.parametrize("bad", ["", "  ", "max@firma.de", "Max Mustermann", "<b>x</b>", "a", "x" * 30, None, 42])
def test_bad_pseudonym_german_message_and_input_kept(bad, data_dir):
    with pytest.raises(CourseInputError):
        export.check_pseudonym(bad)
    if isinstance(bad, str):
        w = ExportWidget()
        w.pseudonym.value = bad
        w.save_button.click()
        assert "vt-msg-error" in w.message.value and w.path is None
        assert w.pseudonym.value == bad


def test_oversized_file_rejected(tmp_path):
    (tmp_path / "gross.json").write_text(json.dumps({"format": "vertrieb30/klassenergebnis", "x": "y" * 200_000}))
    docs, rejected = classresults.load_folder(tmp_path)
    assert docs == [] and "zu groß" in rejected[0][1]


def test_missing_folder_is_a_german_error(tmp_path):
    with pytest.raises(CourseInputError, match="Ordner"):
        classresults.load_folder(tmp_path / "gibtsnicht")
