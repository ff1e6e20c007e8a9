"""Workshop kit: anonymous export (format 2, first attempts) → import round trip over a folder
of learner files (malformed, duplicate, HTML/script, foreign, version 1), validation against
the course content, aggregates with the course's texts, the upload path, widgets."""
from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import pytest

from course_lib.errors import CourseInputError
from course_lib.storage import Store
from course_lib.workshop import classresults, example_class, export
from course_lib.workshop.view import ClassResults, ExportWidget, UploadResults, problems_html

CAT = classresults.catalogue()


def doc(pseudonym="Falke7", **kw):
    d = {"format": export.FORMAT, "version": 2, "pseudonym": pseudonym,
         "quiz": {"m04": {"q1": {"erster_versuch_richtig": True, "versuche": 1}}},
         "umfragen": {"m00": {"p1": "a"}}, "selbsteinschaetzung": None}
    d.update(kw)
    return d


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("klasse")
    info = example_class.write(out, n=25)
    assert len(list(out.iterdir())) == 31
    return out, info["valid"]


def test_roundtrip_accepts_valid_and_lists_rejections(folder):
    out, valid = folder
    res = classresults.load_folder(out)
    assert sorted(d["pseudonym"] for d in res.docs) == sorted(d["pseudonym"] for d in valid)
    reasons = dict(res.rejected)
    assert set(reasons) == {"vertrieb30-Lernende00-kopie.json", "vertrieb30-skript.json", "kaputt.json", "fremd.json",
                            "notizen.txt", "alt-version1.json"}
    assert "Duplikat" in reasons["vertrieb30-Lernende00-kopie.json"]
    assert "beschädigt" in reasons["kaputt.json"]
    assert "fremdes Format" in reasons["fremd.json"]
    assert "keine JSON-Datei" in reasons["notizen.txt"]
    assert "Pseudonym" in reasons["vertrieb30-skript.json"]
    assert "Version 1" in reasons["alt-version1.json"] and "ersten Versuchs" in reasons["alt-version1.json"]


def test_aggregates_use_first_attempts_and_course_texts(folder):
    out, valid = folder
    docs = classresults.load_folder(out).docs
    q = classresults.quiz_difficulty(docs)
    text = CAT.quiz["m04"]["q3"]["question"]
    row = q[(q["Modul"] == "m04") & (q["Frage"] == text)].iloc[0]
    first = [d["quiz"]["m04"]["q3"]["erster_versuch_richtig"] for d in valid]
    attempts = [d["quiz"]["m04"]["q3"]["versuche"] for d in valid]
    assert row["Antworten"] == len(valid)
    assert row["beim ersten Versuch richtig"] == pytest.approx(sum(first) / len(first))
    assert row["Ø Versuche"] == pytest.approx(sum(attempts) / len(attempts))
    assert list(q[q["Modul"] == "m04"]["Nr."]) == sorted(q[q["Modul"] == "m04"]["Nr."])  # course order
    s = classresults.selfassessment_summary(docs)
    assert list(s["Bereich"]) == [CAT.dim_labels[d] for d in CAT.dims]  # the learner's order, not alphabetical
    emp = [d["selbsteinschaetzung"]["empathie"] for d in valid if d["selbsteinschaetzung"]]
    row = s.set_index("Bereich").loc[CAT.dim_labels["empathie"]]
    assert row["n"] == len(emp) and row["Mittelwert"] == pytest.approx(sum(emp) / len(emp))
    p = classresults.poll_distribution(docs)
    m00 = p[p["Modul"] == "m00"]
    assert m00["Anzahl"].sum() == len(valid) and m00["Anteil"].sum() == pytest.approx(1.0)
    assert set(m00["Antwort"]) == set(CAT.polls["m00"]["p1"]["options"].values())


def test_min_group_hides_small_groups():
    docs = [classresults.check_document(doc(f"Person{i}"))[0] for i in range(2)]
    agg = classresults.aggregate(docs, min_n=3)
    assert agg["quiz"] == [] and agg["polls"] == [] and agg["hidden"] == 2
    docs.append(classresults.check_document(doc("Person3"))[0])
    agg = classresults.aggregate(docs, min_n=3)
    assert agg["quiz"][0]["items"][0]["question"] == CAT.quiz["m04"]["q1"]["question"]


def test_unknown_ids_are_skipped_never_charted():
    d = doc(quiz={"m04": {"q1": {"erster_versuch_richtig": True, "versuche": 1}, "q99": {"erster_versuch_richtig": True, "versuche": 1}},
                  "m77": {"q1": {"erster_versuch_richtig": True, "versuche": 1}}},
            umfragen={"m00": {"p1": "z", "p9": "a"}, "m04": {"p1": "<b>x</b>"}},
            selbsteinschaetzung={"kultur": 50, "empathie": 40, "geheim": 99, "grenzen": 101})
    clean, skipped = classresults.check_document(d)
    assert clean["quiz"] == {"m04": {"q1": {"erster_versuch_richtig": True, "versuche": 1}}}
    assert clean["umfragen"] == {}
    assert list(clean["selbsteinschaetzung"]) == ["empathie", "kultur"]  # course order
    joined = " | ".join(skipped)
    for part in ("„q99“", "„m77“", "Antwort „z“", "Umfrage „p9“", "(unlesbarer Name)", "„geheim“", "„grenzen“"):
        assert part in joined
    assert "<b>" not in joined


@pytest.mark.parametrize("name", ["Adler_3\n", " adler_3", "ADLER_3"])
def test_pseudonyms_normalised_and_lookalikes_are_duplicates(name, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(doc("Adler_3")), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(doc(name, umfragen={"m00": {"p1": "b"}})), encoding="utf-8")
    res = classresults.load_folder(tmp_path)
    assert [d["pseudonym"] for d in res.docs] == ["Adler_3"]
    assert res.rejected[0][0] == "b.json" and "kommt schon in „a.json“ vor" in res.rejected[0][1]


def test_pseudonym_uses_fullmatch():
    assert export.check_pseudonym("Adler_3\n") == "Adler_3"  # normalised …
    for bad in ("Adler_3\nX", "Adler\u200b3", "Аdler3"):  # … but no newline inside, no zero width, no Cyrillic A
        with pytest.raises(CourseInputError):
            export.check_pseudonym(bad)


def test_empty_export_flagged(tmp_path):
    (tmp_path / "leer.json").write_text(json.dumps(doc(quiz={}, umfragen={})), encoding="utf-8")
    res = classresults.load_folder(tmp_path)
    assert res.docs == [] and "leere Exportdatei" in res.rejected[0][1]


def test_per_file_errors_reported_with_the_file(tmp_path):
    (tmp_path / "tief.json").write_text("[" * 50_000 + "]" * 50_000)
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(doc("MitBom")).encode())
    (tmp_path / "latin1.json").write_bytes(json.dumps(doc("Jörg"), ensure_ascii=False).encode("latin-1"))
    secret = tmp_path / "gesperrt.json"
    secret.write_text(json.dumps(doc("Gesperrt")))
    secret.chmod(0)
    res = classresults.load_folder(tmp_path)
    reasons = dict(res.rejected)
    assert "zu tief verschachtelt" in reasons["tief.json"]
    assert "UTF-8" in reasons["latin1.json"]
    assert [d["pseudonym"] for d in res.docs][0] == "MitBom" and any("BOM" in r for n, r in res.skipped if n == "bom.json")
    import os
    if os.geteuid() != 0:  # root reads everything
        assert "Leserechte" in reasons["gesperrt.json"]


def test_read_errors_are_german(monkeypatch, tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(doc("Anna")))
    (tmp_path / "b.json").write_text(json.dumps(doc("Bert")))

    def boom(path, limit):
        if path.name == "a.json":
            raise PermissionError("denied")
        raise OSError("io")
    monkeypatch.setattr(classresults, "_read_limited", boom)
    reasons = dict(classresults.load_folder(tmp_path).rejected)
    assert "keine Leserechte" in reasons["a.json"] and "kann nicht gelesen werden" in reasons["b.json"]


def test_size_checked_before_reading(monkeypatch, tmp_path):
    (tmp_path / "gross.json").write_text(json.dumps({"format": export.FORMAT, "x": "y" * 200_000}))
    monkeypatch.setattr(classresults, "_read_limited", lambda *a: pytest.fail("a too large file was read"))
    res = classresults.load_folder(tmp_path)
    assert res.docs == [] and "zu groß" in res.rejected[0][1]


def test_projector_view_shows_texts_not_ids_or_file_names(folder):
    out, _ = folder
    w = ClassResults(out)
    everything = json.dumps([getattr(c, "value", "") for c in w.box.children] + w.quiz.view_state(), ensure_ascii=False)
    assert "vertrieb30-" not in everything and "kaputt.json" not in everything  # no file names on the projector
    assert CAT.quiz["m02"]["q1"]["question"][:30] in everything
    assert "<script>alert" not in everything
    labels = [CAT.dim_labels[d] for d in CAT.dims]
    assert [w.sa.alt.index(lab) for lab in labels] == sorted(w.sa.alt.index(lab) for lab in labels)  # course order
    assert "selbststeuerung" not in w.sa.alt and "q1" not in w.polls.alt
    html = problems_html(w.result)
    assert "vertrieb30-skript.json" in html and "<script>" not in html


def test_problem_table_escapes_names_and_reasons():
    res = classresults.Result(rejected=[("<img src=x onerror=alert(1)>.json", "<b>Grund</b>")])
    html = problems_html(res)
    assert "<img" not in html and "&lt;img" in html and "<b>Grund" not in html


def _zip(entries: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries.items():
            z.writestr(n, data)
    return buf.getvalue()


def test_upload_many_files_and_zip_with_subfolders():
    z = _zip({"Kurs/Gruppe A/anna.json": json.dumps(doc("Anna")), "Kurs/Gruppe B/bert.json": json.dumps(doc("Bert")),
              "__MACOSX/Kurs/._anna.json": b"\x00\x05", "Kurs/liesmich.txt": "x"})
    value = ({"name": "carla.json", "content": memoryview(json.dumps(doc("Carla")).encode())},
             {"name": "lms.zip", "content": memoryview(z)})
    w = UploadResults()
    view = w.evaluate(value)
    assert sorted(d["pseudonym"] for d in w.result.docs) == ["Anna", "Bert", "Carla"]
    reasons = dict(w.result.rejected)
    assert "keine JSON-Datei" in reasons["lms.zip/Kurs/liesmich.txt"]
    assert "Systemdatei" in reasons["lms.zip/__MACOSX/Kurs/._anna.json"]
    assert "3 Ergebnisse" in view.box.children[0].value and "lms.zip" not in view.box.children[0].value
    assert "lms.zip/Kurs/liesmich.txt" in w.problems.value


def test_upload_evaluates_by_itself():
    w = UploadResults()
    w.upload.value = ({"name": "a.json", "content": memoryview(json.dumps(doc("Anna")).encode()), "size": 1,
                       "type": "application/json", "last_modified": __import__("datetime").datetime(2026, 1, 1)},)
    assert w.result is not None and [d["pseudonym"] for d in w.result.docs] == ["Anna"]
    assert "1 Ergebnisse" in w.results.children[0].children[0].value


def test_export_pseudonym_prefilled_and_kept(data_dir):
    w = ExportWidget()
    first = w.pseudonym.value
    assert export.check_pseudonym(first) == first
    assert ExportWidget().pseudonym.value == first  # the same random pseudonym next time (also for the Klassenraum)
    from course_lib.workshop import send
    assert not send._pseudonym_file().exists()  # nothing written just by showing the widget
    Store("polls").update(lambda d: d.update({"m00": {"p1": "b"}}))
    w.pseudonym.value = "Eigener_Name"
    w.save_button.click()
    assert send._pseudonym_file().read_text("utf-8").strip() == "Eigener_Name" == ExportWidget().pseudonym.value


def test_zip_bomb_guards():
    big = b"0" * 60_000_000
    bomb = _zip({"a.json": big})
    assert len(bomb) < 200_000
    r = classresults.load_files([("bombe.zip", bomb)])
    assert r.docs == [] and "MB" in r.rejected[0][1]
    many = _zip({f"f{i}.json": "{}" for i in range(classresults.MAX_ZIP_ENTRIES + 1)})
    r = classresults.load_files([("viele.zip", many)])
    assert "Einträgen" in r.rejected[0][1]
    inner = _zip({"x.json": json.dumps(doc("Tief"))})
    nested = _zip({"b.zip": _zip({"c.zip": inner})})
    r = classresults.load_files([("a.zip", nested)])
    assert r.docs == [] and "zu tief verschachtelt" in r.rejected[0][1]
    r = classresults.load_files([("a.zip", _zip({"b.zip": inner}))])
    assert [d["pseudonym"] for d in r.docs] == ["Tief"]


def test_zip_entry_lying_about_its_size(monkeypatch):
    z = _zip({"a.json": b"1" * 150_000})
    monkeypatch.setattr(zipfile.ZipInfo, "file_size", 10, raising=False)
    r = classresults.load_files([("luege.zip", z)])
    assert r.docs == [] and r.rejected, r


def _quiz_store(d):
    d.update({"m04": {"q1": {"attempts": 3, "selected": ["a"], "correct": True, "first_correct": False},
                      "q2": {"attempts": 1, "selected": ["b"], "correct": True}}})


def test_export_from_learner_stores_uses_first_attempt(data_dir):
    Store("quiz").update(_quiz_store)
    Store("polls").update(lambda d: d.update({"m00": {"p1": "b"}}))
    Store("reflections").update(lambda d: d.update({"m04": {"r1": {"text": "Mein geheimer Gedanke"}}}))
    w = ExportWidget()
    w.pseudonym.value = "Falke7"
    w.preview_button.click()
    assert "Falke7" in w.preview.value and "geheimer" not in w.preview.value
    w.save_button.click()
    saved = json.loads(w.path.read_text("utf-8"))
    assert saved == export.build("Falke7")
    # q1: latest correct, but the FIRST check was wrong; q2 without first_correct: not attempted
    assert saved["quiz"] == {"m04": {"q1": {"erster_versuch_richtig": False, "versuche": 3}}}
    assert saved["umfragen"] == {"m00": {"p1": "b"}} and saved["version"] == 2
    assert re.fullmatch(r"vertrieb30-Falke7-[0-9a-f]{6}\.json", w.path.name)
    href = re.search(r'href="data:application/json;base64,([^"]+)"', w.message.value).group(1)
    assert json.loads(base64.b64decode(href)) == saved
    res = classresults.load_folder(w.path.parent)
    assert res.rejected == [] and res.docs == [saved]


def test_export_validates_against_schema(data_dir):
    from course_lib.schema import load_schema, validate
    Store("quiz").update(_quiz_store)
    d = export.build("Falke7")
    assert validate(d, load_schema("export")) == []
    assert validate(dict(d, version=1), load_schema("export")) != []
    assert validate(dict(d, pseudonym="Adler_3\n"), load_schema("export")) != []


def test_two_exports_same_pseudonym_do_not_overwrite(data_dir):
    Store("polls").update(lambda d: d.update({"m00": {"p1": "b"}}))
    a, b = export.save(export.build("Falke7")), export.save(export.build("Falke7"))
    assert a != b and a.exists() and b.exists()


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


def test_missing_folder_is_a_german_error(tmp_path):
    with pytest.raises(CourseInputError, match="Ordner"):
        classresults.load_folder(tmp_path / "gibtsnicht")
