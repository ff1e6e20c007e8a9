"""The instructor's group picture (course_lib/workshop/classresults.py), pinned where the
numbers and reasons an instructor sees depend on it: every German reason for a file or part
not counted, the ZIP guards, the duplicate rules, and the aggregates (first-attempt share,
mean attempts, poll shares per poll, radar mean and sample deviation, groups below ``min_n``
hidden). A small fixed catalogue is used so the expectations do not move with the course
content. Written against the mutation survivors (``make mutation``)."""
from __future__ import annotations

import io
import json
import math
import zipfile

import pytest

from course_lib.errors import CourseInputError
from course_lib.workshop import classresults as cr
from course_lib.workshop import export
from tests.helpers import assert_course_error

NB = "\u00a0"
CAT = cr.Catalogue(
    modules={"m01": "Vertrieb heute", "m02": "Image"},
    quiz={"m01": {"q1": {"question": "Frage eins", "nr": 1, "options": {"a": "A"}},
                  "q2": {"question": "Frage zwei", "nr": 2, "options": {"a": "A"}}},
          "m02": {"q5": {"question": "Frage fünf", "nr": 1, "options": {"a": "A"}}}},
    polls={"m01": {"p1": {"question": "Umfrage eins", "options": {"a": "Ja", "b": "Nein", "c": "Weiß nicht"}},
                   "p3": {"question": "Umfrage drei", "options": {"a": "Ja", "b": "Nein"}}},
           "m02": {"p2": {"question": "Umfrage zwei", "options": {"x": "Oft", "y": "Selten"}}}},
    dims=("d1", "d2", "d3"),
    dim_labels={"d1": "Zuhören", "d2": "Fragen", "d3": "Nutzen"},
)
REJECT_HINT = "Bitte lassen Sie die Datei im Kurs neu erzeugen (00_Start, „Für Workshops“)."


@pytest.fixture(autouse=True)
def fixed_catalogue(monkeypatch):
    monkeypatch.setattr(cr, "catalogue", lambda: CAT)


def doc(pseudonym="Falke7", quiz=None, umfragen=None, sa=None, **extra):
    d = {"format": export.FORMAT, "version": 2, "pseudonym": pseudonym,
         "quiz": {"m01": {"q1": {"erster_versuch_richtig": True, "versuche": 1}}} if quiz is None else quiz,
         "umfragen": {} if umfragen is None else umfragen, "selbsteinschaetzung": sa}
    d.update(extra)
    return d


def check(d):
    return cr.check_document(d, CAT)


def reason(d) -> str:
    e = assert_course_error(check, d)
    assert e.hint == REJECT_HINT
    return e.message


def skipped(d) -> list[str]:
    return check(d)[1]


# ---------------------------------------------------------------- one document


def test_clean_document_keeps_only_known_parts_in_course_order():
    d = doc(quiz={"m01": {"q2": {"erster_versuch_richtig": False, "versuche": 3},
                          "q1": {"erster_versuch_richtig": True, "versuche": 1}}},
            umfragen={"m02": {"p2": "y"}}, sa={"d3": 10, "d1": 0, "d2": 100})
    clean, notes = check(d)
    assert notes == []
    assert clean == {"format": export.FORMAT, "version": 2, "pseudonym": "Falke7",
                     "quiz": {"m01": {"q2": {"erster_versuch_richtig": False, "versuche": 3},
                                      "q1": {"erster_versuch_richtig": True, "versuche": 1}}},
                     "umfragen": {"m02": {"p2": "y"}}, "selbsteinschaetzung": {"d1": 0, "d2": 100, "d3": 10}}
    assert list(clean["selbsteinschaetzung"]) == ["d1", "d2", "d3"]
    assert check(doc(pseudonym="  Falke7\n"))[0]["pseudonym"] == "Falke7"


@pytest.mark.parametrize("bad", [None, [], "text", 5])
def test_not_a_dict_is_foreign(bad):
    assert reason(bad) == "fremdes Format: keine Kurs-Exportdatei"


def test_wrong_format_tag_is_foreign():
    assert reason(doc(format="vertrieb30/anderes")) == "fremdes Format: keine Kurs-Exportdatei"
    assert reason({k: v for k, v in doc().items() if k != "format"}) == "fremdes Format: keine Kurs-Exportdatei"


def test_version_one_is_explained_other_versions_refused():
    assert reason(doc(version=1)) == (
        "ältere Exportdatei (Version 1): sie enthält nur den letzten Stand nach allen Versuchen, nicht das "
        "Ergebnis des ersten Versuchs – bitte mit dem aktuellen Kurs neu exportieren")
    for v in (3, "2", None, True, False, 0):  # JSON true is not version 1
        assert reason(doc(version=v)) == "unbekannte Version der Exportdatei – bitte mit dem aktuellen Kurs neu exportieren", v


@pytest.mark.parametrize("name", [None, 7, "", "x", "a b", "a" * 25, "ich@firma.de", ["Falke7"]])
def test_bad_pseudonym(name):
    assert reason(doc(pseudonym=name)) == "ungültiges Pseudonym (erlaubt: 2 bis 24 Buchstaben, Ziffern, „-“ oder „_“)"


def test_unknown_fields_are_named_only_when_they_look_like_ids():
    assert skipped(doc(extra=1, **{"<b>x</b>": 2, "a" * 41: 3, "Gross": 4, "k" * 40: 5})) == [
        "unbekanntes Feld „extra“ – nicht gezählt",
        "unbekanntes Feld (unlesbarer Name) – nicht gezählt",
        "unbekanntes Feld (unlesbarer Name) – nicht gezählt",
        "unbekanntes Feld (unlesbarer Name) – nicht gezählt",
        f"unbekanntes Feld „{'k' * 40}“ – nicht gezählt",
    ]


@pytest.mark.parametrize("key,kind", [("quiz", "Quizergebnisse"), ("umfragen", "Umfrageantworten")])
def test_quiz_or_polls_of_the_wrong_shape_reject_the_file(key, kind):
    assert reason({**doc(), key: ["x"]}) == f"die {kind} haben nicht die erwartete Form"
    d = doc(umfragen={"m01": {"p1": "a"}})
    del d[key]
    assert check(d)[1] == []  # a missing part is fine


def test_quiz_parts_not_counted_with_reasons():
    notes = skipped(doc(quiz={
        "m01": {"q1": {"erster_versuch_richtig": True, "versuche": 1}, "q9": {}, "q2": "x"},
        "m77": {}, "m02": [1]}))
    assert notes == [
        "unbekannte Quizfrage „q9“ in Modul 01 – nicht gezählt",
        "Quizfrage „q2“ in Modul 01: Eintrag nicht lesbar (erwartet: erster Versuch richtig ja/nein, 1 bis 1000 Versuche) – nicht gezählt",
        "unbekanntes Modul „m77“ in den Quizergebnissen – nicht gezählt",
        "Quizergebnisse von Modul 02 haben nicht die erwartete Form – nicht gezählt",
    ]


@pytest.mark.parametrize("rec,ok", [
    ({"erster_versuch_richtig": True, "versuche": 1}, True),
    ({"erster_versuch_richtig": False, "versuche": 1000}, True),
    ({"erster_versuch_richtig": False, "versuche": 1001}, False),
    ({"erster_versuch_richtig": False, "versuche": 0}, False),
    ({"erster_versuch_richtig": False, "versuche": True}, False),
    ({"erster_versuch_richtig": False, "versuche": 2.0}, False),
    ({"erster_versuch_richtig": 1, "versuche": 2}, False),
    ({"erster_versuch_richtig": True}, False),
    ({"erster_versuch_richtig": True, "versuche": 1, "extra": 1}, False),
    ([True, 1], False),
])
def test_quiz_record_shape(rec, ok):
    d = doc(quiz={"m01": {"q1": rec}}, umfragen={"m01": {"p1": "a"}})
    clean, notes = check(d)
    assert (clean["quiz"] == {"m01": {"q1": rec}}) is ok
    assert (notes == []) is ok


def test_poll_parts_not_counted_with_reasons():
    clean, notes = check(doc(umfragen={"m01": {"p1": "a", "p9": "a", "p1x": "a"}, "m77": {"p1": "a"},
                                       "m02": {"p2": "z"}}))
    assert clean["umfragen"] == {"m01": {"p1": "a"}}
    assert notes == [
        "unbekannte Umfrage „p9“ in Modul 01 – nicht gezählt",
        "unbekannte Umfrage „p1x“ in Modul 01 – nicht gezählt",
        "unbekanntes Modul „m77“ in den Umfragen – nicht gezählt",
        "unbekannte Antwort „z“ auf Umfrage „p2“ in Modul 02 – nicht gezählt",
    ]
    assert skipped(doc(umfragen={"m01": {"p1": 5}})) == [
        "unbekannte Antwort (unlesbarer Name) auf Umfrage „p1“ in Modul 01 – nicht gezählt"]
    assert skipped(doc(umfragen={"m01": {"p1": "Ja"}})) == [  # the text is not the id
        "unbekannte Antwort (unlesbarer Name) auf Umfrage „p1“ in Modul 01 – nicht gezählt"]
    assert skipped(doc(umfragen={"m02": "x"})) == ["Umfragen von Modul 02 haben nicht die erwartete Form – nicht gezählt"]


def test_self_assessment_values_0_to_100_only():
    clean, notes = check(doc(sa={"d1": -1, "d2": 101, "d3": True, "dx": 5, "d4": 50.5}))
    assert clean["selbsteinschaetzung"] is None
    assert notes == [
        "Bereich „d1“ der Selbsteinschätzung: Wert außerhalb von 0 bis 100 – nicht gezählt",
        "Bereich „d2“ der Selbsteinschätzung: Wert außerhalb von 0 bis 100 – nicht gezählt",
        "Bereich „d3“ der Selbsteinschätzung: Wert außerhalb von 0 bis 100 – nicht gezählt",
        "unbekannter Bereich „dx“ der Selbsteinschätzung – nicht gezählt",
        "unbekannter Bereich „d4“ der Selbsteinschätzung – nicht gezählt",
    ]
    assert check(doc(sa={"d2": 0}))[0]["selbsteinschaetzung"] == {"d2": 0}
    clean, notes = check(doc(sa=[50]))
    assert clean["selbsteinschaetzung"] is None
    assert notes == ["Selbsteinschätzung hat nicht die erwartete Form – nicht gezählt"]
    assert check(doc(sa={}))[0]["selbsteinschaetzung"] is None


def test_only_self_assessment_counts_as_content():
    clean, _ = check(doc(quiz={}, sa={"d1": 40}))
    assert clean["quiz"] == {} and clean["selbsteinschaetzung"] == {"d1": 40}


def test_empty_document_reasons():
    assert reason(doc(quiz={})) == ("leere Exportdatei: keine Quiz-, Umfrage- oder Selbsteinschätzungsdaten – "
                                    "die Person hat vermutlich noch nichts bearbeitet")
    assert reason(doc(quiz={"m77": {}}, umfragen={"m01": {"p9": "a"}})) == (
        "enthält nichts, was zu diesem Kurs passt (unbekanntes Modul „m77“ in den Quizergebnissen – nicht gezählt; "
        "unbekannte Umfrage „p9“ in Modul 01 – nicht gezählt)")
    many = reason(doc(quiz={"m77": {}, "m78": {}, "m79": {}}, umfragen={"m01": {"p9": "a"}}))
    assert many == ("enthält nichts, was zu diesem Kurs passt (unbekanntes Modul „m77“ in den Quizergebnissen – nicht gezählt; "
                    "unbekanntes Modul „m78“ in den Quizergebnissen – nicht gezählt; "
                    "unbekanntes Modul „m79“ in den Quizergebnissen – nicht gezählt; …)")
    three = reason(doc(quiz={"m77": {}, "m78": {}, "m79": {}}))
    assert three.endswith("m79“ in den Quizergebnissen – nicht gezählt)")


def test_module_label_and_shown():
    assert cr.module_label("m04") == "Modul 04"
    assert cr.module_label("m4") == "Modul" and cr.module_label("xm04") == "Modul" and cr.module_label("m045") == "Modul"
    assert cr._shown("q1") == "„q1“" and cr._shown("9a-b_c") == "„9a-b_c“"
    for bad in ("-a", "_a", "Q1", "a b", "", "a" * 41, 5, None):
        assert cr._shown(bad) == "(unlesbarer Name)", bad


def test_result_unpacks_and_lists_problems():
    r = cr.Result(docs=[1], rejected=[("a", "x")], skipped=[("b", "y")])
    docs, rejected = r
    assert docs == [1] and rejected == [("a", "x")]
    assert r.problems == [("a", "x"), ("b", "y")]


# ---------------------------------------------------------------- bytes


def raw(d) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def test_parse_bytes_reasons():
    d, notes = cr.parse_bytes(cr.BOM + raw(doc()))
    assert d == doc() and notes == ["mit Byte-Order-Mark (BOM, z. B. aus dem Windows-Editor) gespeichert – trotzdem gelesen"]
    assert cr.parse_bytes(raw(doc())) == (doc(), [])
    with pytest.raises(cr._Rejected, match="^keine Textdatei in UTF-8 – vermutlich keine Kurs-Exportdatei$"):
        cr.parse_bytes(b"\xff\xfe{}")
    with pytest.raises(cr._Rejected, match="^beschädigt: kein gültiges JSON$"):
        cr.parse_bytes(b"{kaputt")
    with pytest.raises(cr._Rejected, match="^zu tief verschachtelt – keine Kurs-Exportdatei$"):
        cr.parse_bytes(b"[" * 200_000 + b"]" * 200_000)


def test_check_bytes_for_a_submission():
    hint = "Bitte senden Sie Ihr Ergebnis noch einmal aus dem Kurs (Schaltfläche „An die Kursleitung senden“)."
    clean, notes = cr.check_bytes(cr.BOM + raw(doc(extra=1)))
    assert clean["pseudonym"] == "Falke7"
    assert notes == ["mit Byte-Order-Mark (BOM, z. B. aus dem Windows-Editor) gespeichert – trotzdem gelesen",
                     "unbekanntes Feld „extra“ – nicht gezählt"]
    e = assert_course_error(cr.check_bytes, raw(doc(version=1)))
    assert e.message.startswith("Die Einsendung wurde nicht gezählt: ältere Exportdatei (Version 1)") and e.message.endswith(".")
    assert e.hint == hint
    e = assert_course_error(cr.check_bytes, b" " * (cr.MAX_FILE_BYTES + 1))
    assert e.message == f"Die Einsendung ist zu groß (mehr als 100{NB}kB)." and e.hint == hint
    padded = raw(doc())
    padded += b" " * (cr.MAX_FILE_BYTES - len(padded))
    assert cr.check_bytes(padded)[0]["pseudonym"] == "Falke7"  # exactly the limit is read


def test_check_bytes_deep_nesting_inside_the_check(monkeypatch):
    def deep(*_a):
        raise RecursionError

    monkeypatch.setattr(cr, "_check", deep)
    e = assert_course_error(cr.check_bytes, raw(doc()))
    assert e.message == "Die Einsendung wurde nicht gezählt: zu tief verschachtelt."


# ---------------------------------------------------------------- many files


def test_files_counted_once_with_reasons():
    a = raw(doc("Falke7"))
    res = cr.load_files([("a.json", a), ("b.JSON", a), ("c.json", raw(doc("falke7", umfragen={"m01": {"p1": "b"}}))),
                         ("notiz.txt", b"x"), ("d.json", raw(doc("Adler", extra=1))),
                         ("ordner/sub/e.json", raw(doc("Eule")))])
    assert [d["pseudonym"] for d in res.docs] == ["Falke7", "Adler", "Eule"]
    assert res.names == ["a.json", "d.json", "e.json"]
    assert res.rejected == [
        ("b.JSON", "gleicher Inhalt wie „a.json“ (Duplikat) – nur einmal gezählt"),
        ("c.json", "das Pseudonym „falke7“ kommt schon in „a.json“ vor (Groß- und Kleinschreibung zählen nicht) – "
                   "nur die erste Datei zählt; bitten Sie eine der Personen, ein anderes Pseudonym zu wählen"),
        ("notiz.txt", "keine JSON-Datei (fremde Datei)"),
    ]
    assert res.skipped == [("d.json", "unbekanntes Feld „extra“ – nicht gezählt")]


def test_upload_names_and_unreadable_entries():
    class Bad:
        def __bytes__(self):
            raise OSError("weg")

    long = "x" * 200 + ".json"
    res = cr.load_files([("", b"{}"), (long, raw(doc())), ("kaputt.json", Bad())])
    assert res.rejected[0] == ("ohne Namen", "keine JSON-Datei (fremde Datei)")
    assert res.names == [long[-120:]]
    assert res.rejected[1] == ("kaputt.json", "kann nicht gelesen werden")
    up = cr.load_upload([{"name": "a.json", "content": raw(doc())}, {"nam": "x"}, None, 5])
    assert len(up.docs) == 1 and up.rejected == []
    assert cr.load_upload(None).docs == []


def test_too_big_and_too_many_files(monkeypatch):
    big = raw(doc())
    big += b" " * (cr.MAX_FILE_BYTES + 1 - len(big))
    res = cr.load_files([("gross.json", big)])
    assert res.rejected == [("gross.json", f"zu groß (mehr als 100{NB}kB; eine Exportdatei hat wenige kB)")]
    monkeypatch.setattr(cr, "MAX_FILES", 2)
    res = cr.load_files([(f"{n}.json", raw(doc(f"Name{n}"))) for n in range(4)])
    assert len(res.docs) == 2
    assert res.rejected == [("2.json", "mehr als 2 Dateien – übersprungen"), ("3.json", "mehr als 2 Dateien – übersprungen")]


@pytest.mark.parametrize("exc,why", [
    (RecursionError, "zu tief verschachtelt – keine Kurs-Exportdatei"),
    (MemoryError, "zu groß für den Arbeitsspeicher"),
    (KeyError, "unerwarteter Fehler beim Lesen – die Datei wurde übersprungen"),
])
def test_one_bad_file_never_stops_the_evaluation(monkeypatch, exc, why):
    real = cr._check

    def flaky(d, cat):
        if d.get("pseudonym") == "Boese":
            raise exc
        return real(d, cat)

    monkeypatch.setattr(cr, "_check", flaky)
    res = cr.load_files([("a.json", raw(doc("Boese"))), ("b.json", raw(doc("Gut")))])
    assert res.rejected == [("a.json", why)] and [d["pseudonym"] for d in res.docs] == ["Gut"]


def zipped(entries, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_entries_sorted_system_files_ignored_nested_once():
    inner = zipped([("x.json", raw(doc("Innen")))])
    deeper = zipped([("tief.zip", zipped([("y.json", raw(doc("Ganztief")))]))])
    z = zipped([("b/zwei.json", raw(doc("Zwei"))), ("a/eins.json", raw(doc("Eins"))), ("__MACOSX/a/._eins.json", b"x"),
                ("a/__MACOSX/q.json", b"x"), (".DS_Store", b"x"), ("a/Thumbs.db", b"x"), ("desktop.ini", b"x"),
                ("a/.versteckt.json", b"x"), ("innen.zip", inner), ("tiefer.zip", deeper)])
    res = cr.load_files([("klasse.zip", z)])
    assert [d["pseudonym"] for d in res.docs] == ["Eins", "Zwei", "Innen"]
    assert res.names == ["klasse.zip/a/eins.json", "klasse.zip/b/zwei.json", "klasse.zip/innen.zip/x.json"]
    system = "Systemdatei (z. B. von macOS oder Windows) – ignoriert"
    assert sorted(n for n, r in res.rejected if r == system) == sorted(
        f"klasse.zip/{n}" for n in (".DS_Store", "__MACOSX/a/._eins.json", "a/.versteckt.json", "a/Thumbs.db",
                                    "a/__MACOSX/q.json", "desktop.ini"))
    assert ("klasse.zip/tiefer.zip/tief.zip", "ZIP-Archiv in einem ZIP-Archiv in einem ZIP-Archiv – zu tief verschachtelt, "
            "nicht geöffnet") in res.rejected


def test_zip_guards(monkeypatch):
    assert cr.load_files([("x.zip", b"PK kaputt")]).rejected == [("x.zip", "beschädigtes ZIP-Archiv – nicht geöffnet")]
    monkeypatch.setattr(cr, "MAX_ZIP_ENTRIES", 2)
    res = cr.load_files([("viele.zip", zipped([(f"{n}.json", b"{}") for n in range(3)]))])
    assert res.rejected == [("viele.zip", "ZIP-Archiv mit mehr als 2 Einträgen – nicht geöffnet (Schutz vor ZIP-Bomben)")]
    assert len(cr.load_files([("zwei.zip", zipped([("a.json", raw(doc("A1"))), ("b.json", raw(doc("B1")))]))]).docs) == 2
    monkeypatch.setattr(cr, "MAX_ZIP_TOTAL", 3_000_000)
    res = cr.load_files([("bombe.zip", zipped([("a.json", b" " * 1_600_000), ("b.json", b" " * 1_600_000)]))])
    assert res.rejected == [("bombe.zip", f"ZIP-Archiv würde entpackt mehr als 3{NB}MB ergeben – nicht geöffnet (Schutz vor ZIP-Bomben)")]
    monkeypatch.setattr(cr, "MAX_ZIP_BYTES", 1000)
    res = cr.load_files([("gross.zip", zipped([("a.bin", bytes(range(256)) * 20)], compression=zipfile.ZIP_STORED))])
    assert res.rejected == [("gross.zip", f"ZIP-Archiv zu groß (mehr als 0{NB}MB)")]


def test_zip_entry_limits():
    big = b" " * (cr.MAX_FILE_BYTES + 1)
    exact = raw(doc("Genau"))
    exact += b" " * (cr.MAX_FILE_BYTES - len(exact))
    res = cr.load_files([("k.zip", zipped([("gross.json", big), ("genau.json", exact)]))])
    assert res.rejected == [("k.zip/gross.json", f"zu groß (mehr als 100{NB}kB) – nicht entpackt")]
    assert [d["pseudonym"] for d in res.docs] == ["Genau"]


def test_zip_entry_encrypted_or_broken():
    data = bytearray(zipped([("a.json", raw(doc("Eins"))), ("b.json", raw(doc("Zwei")))], compression=zipfile.ZIP_STORED))
    # set the "encrypted" flag of the first entry in the central directory
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x01\x02"))
    data[cd + 8] |= 0x1
    res = cr.load_files([("k.zip", bytes(data))])
    assert ("k.zip/a.json", "verschlüsselt – nicht geöffnet") in res.rejected
    assert [d["pseudonym"] for d in res.docs] == ["Zwei"]
    broken = bytearray(zipped([("a.json", raw(doc("Eins")) * 3)]))
    pos = broken.find(b"PK\x03\x04") + 30 + len("a.json") + 5
    broken[pos] ^= 0xFF  # corrupt the compressed data (CRC / inflate error)
    res = cr.load_files([("k.zip", bytes(broken))])
    assert res.rejected == [("k.zip/a.json", "im ZIP-Archiv beschädigt – nicht entpackt")]


def test_folder_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "a.json").write_bytes(raw(doc("Eins")))
    (tmp_path / "sub" / "b.json").write_bytes(raw(doc("Zwei")))
    (tmp_path / ".hidden.json").write_bytes(raw(doc("Versteckt")))
    (tmp_path / ".git" / "c.json").write_bytes(raw(doc("Git")))
    (tmp_path / "__MACOSX" / "d.json").write_bytes(raw(doc("Mac")))
    (tmp_path / "link.json").symlink_to(tmp_path / "a.json")
    big = raw(doc("Gross"))
    (tmp_path / "gross.json").write_bytes(big + b" " * (cr.MAX_FILE_BYTES + 1000 - len(big)))
    res = cr.load_folder(tmp_path)
    assert [d["pseudonym"] for d in res.docs] == ["Eins", "Zwei"]
    assert res.names == ["a.json", "sub/b.json"]
    assert res.rejected == [("gross.json", f"zu groß (101{NB}kB, erlaubt 100{NB}kB) – nicht gelesen"),
                            ("link.json", "keine normale Datei (Verknüpfung oder Gerät) – übersprungen")]


def test_folder_missing_is_a_german_error(tmp_path):
    e = assert_course_error(cr.load_folder, tmp_path / "fehlt")
    assert e.message == "Den Ordner „fehlt“ gibt es nicht."
    assert e.hint == "Bitte prüfen Sie den Pfad zum Ordner mit den Exportdateien."


def test_folder_read_errors(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_bytes(raw(doc("Eins")))
    (tmp_path / "b.json").write_bytes(raw(doc("Zwei")))

    def refuse(path, limit):
        if path.name == "a.json":
            raise PermissionError(13, "nein")
        raise OSError(5, "io")

    monkeypatch.setattr(cr, "_read_limited", refuse)
    res = cr.load_folder(tmp_path)
    assert res.rejected == [("a.json", "keine Leserechte für diese Datei"),
                            ("b.json", "kann nicht gelesen werden (Datei gesperrt, beschädigt oder verschwunden)")]


def test_read_limited_reads_at_most_limit_plus_one(tmp_path):
    (tmp_path / "x").write_bytes(b"0123456789")
    assert cr._read_limited(tmp_path / "x", 3) == b"0123"
    assert cr._read_limited(tmp_path / "x", 20) == b"0123456789"


# ---------------------------------------------------------------- aggregates


def q(first, n):
    return {"erster_versuch_richtig": first, "versuche": n}


GROUP = [
    doc("A1", quiz={"m01": {"q1": q(True, 1), "q2": q(False, 4)}}, umfragen={"m01": {"p1": "a"}, "m02": {"p2": "x"}},
        sa={"d1": 20, "d2": 50}),
    doc("B1", quiz={"m01": {"q1": q(False, 3)}}, umfragen={"m01": {"p1": "b"}}, sa={"d1": 40, "d2": 50}),
    doc("C1", quiz={"m01": {"q1": q(True, 2)}, "m02": {"q5": q(True, 1)}}, umfragen={"m01": {"p1": "a"}}, sa={"d1": 90}),
]


def test_aggregate_first_rate_and_mean_attempts():
    agg = cr.aggregate(GROUP)
    assert agg["n"] == 3 and agg["hidden"] == 0 and agg["min_n"] == 1
    m01, m02 = agg["quiz"]
    assert (m01["module"], m01["title"], m02["module"]) == ("m01", "Vertrieb heute", "m02")
    q1, q2 = m01["items"]
    assert q1 == {"id": "q1", "nr": 1, "question": "Frage eins", "n": 3, "first_rate": 2 / 3, "mean_attempts": 2.0}
    assert q2 == {"id": "q2", "nr": 2, "question": "Frage zwei", "n": 1, "first_rate": 0.0, "mean_attempts": 4.0}
    assert m02["items"] == [{"id": "q5", "nr": 1, "question": "Frage fünf", "n": 1, "first_rate": 1.0, "mean_attempts": 1.0}]


def test_aggregate_poll_shares_per_poll_in_content_order():
    p1, p2 = cr.aggregate(GROUP)["polls"]
    assert (p1["module"], p1["id"], p1["title"], p1["question"], p1["n"]) == ("m01", "p1", "Vertrieb heute", "Umfrage eins", 3)
    assert p1["options"] == [{"id": "a", "text": "Ja", "count": 2, "share": 2 / 3},
                             {"id": "b", "text": "Nein", "count": 1, "share": 1 / 3},
                             {"id": "c", "text": "Weiß nicht", "count": 0, "share": 0.0}]
    assert p2["n"] == 1 and p2["options"][0] == {"id": "x", "text": "Oft", "count": 1, "share": 1.0}


def test_aggregate_radar_mean_and_sample_sd():
    radar = cr.aggregate(GROUP)["radar"]
    assert [a["id"] for a in radar] == ["d1", "d2"]  # d3: nobody
    d1, d2 = radar
    assert d1["label"] == "Zuhören" and d1["n"] == 3 and d1["mean"] == 50.0
    assert math.isclose(d1["sd"], math.sqrt(((20 - 50) ** 2 + (40 - 50) ** 2 + (90 - 50) ** 2) / 2))
    assert d2 == {"id": "d2", "label": "Fragen", "n": 2, "mean": 50.0, "sd": 0.0}
    one = cr.aggregate([GROUP[2]])["radar"]
    assert one == [{"id": "d1", "label": "Zuhören", "n": 1, "mean": 90.0, "sd": 0.0}]


def test_aggregate_min_n_hides_small_groups_and_counts_them():
    agg = cr.aggregate(GROUP, min_n=2)
    assert [it["id"] for it in agg["quiz"][0]["items"]] == ["q1"] and len(agg["quiz"]) == 1
    assert [p["id"] for p in agg["polls"]] == ["p1"]
    assert [a["n"] for a in agg["radar"]] == [3, 2] and agg["min_n"] == 2
    assert agg["hidden"] == 3  # q2, q5 and p2 (one answer each)
    agg3 = cr.aggregate(GROUP, min_n=3)
    assert agg3["radar"] == [] and [it["id"] for it in agg3["quiz"][0]["items"]] == ["q1"]
    assert agg3["hidden"] == 4  # … and the radar: its smallest axis (d2) has only 2 values
    two = cr.aggregate(GROUP[:2], min_n=2)
    assert [a["n"] for a in two["radar"]] == [2, 2] and two["hidden"] == 2  # q2 and p2
    assert cr.aggregate([], min_n=3) == {"n": 0, "quiz": [], "polls": [], "radar": [], "hidden": 0, "min_n": 3}


def test_tables_for_the_instructor_notebook():
    qd = cr.quiz_difficulty(GROUP)
    assert list(qd.columns) == ["Modul", "Nr.", "Frage", "Antworten", "beim ersten Versuch richtig", "Ø Versuche"]
    assert qd.values.tolist()[0] == ["m01", 1, "Frage eins", 3, 2 / 3, 2.0]
    assert len(cr.quiz_difficulty(GROUP, min_n=2)) == 1
    sa = cr.selfassessment_summary(GROUP)
    assert list(sa.columns) == ["Bereich", "n", "Mittelwert", "Streuung"]
    assert sa.values.tolist()[1] == ["Fragen", 2, 50.0, 0.0]
    assert cr.selfassessment_summary(GROUP, min_n=3).empty
    pd_ = cr.poll_distribution(GROUP)
    assert list(pd_.columns) == ["Modul", "Umfrage", "Antwort", "Anzahl", "Anteil"]
    assert pd_.values.tolist()[0] == ["m01", "Umfrage eins", "Ja", 2, 2 / 3]
    assert len(cr.poll_distribution(GROUP, min_n=2)) == 3
    # by default every answered item counts, even with one answer
    assert len(cr.quiz_difficulty(GROUP)) == 3 and len(cr.poll_distribution(GROUP)) == 5
    assert len(cr.selfassessment_summary([GROUP[2]])) == 1
    # an empty group still gives the instructor the table's columns
    assert list(cr.quiz_difficulty([]).columns) == list(qd.columns)
    assert list(cr.selfassessment_summary([]).columns) == list(sa.columns)
    assert list(cr.poll_distribution([]).columns) == list(pd_.columns)


def test_check_document_without_a_catalogue_uses_the_course(monkeypatch):
    assert cr.check_document(doc())[0]["pseudonym"] == "Falke7"
    with pytest.raises(CourseInputError):
        cr.check_document(doc(quiz={"m02": {"q1": q(True, 1)}}))  # q1 is not in m02 of this catalogue


def test_zip_size_limits_are_inclusive(monkeypatch):
    z = zipped([("a.json", raw(doc("Eins"))), ("leer.json", b""), ("b.json", raw(doc("Zwei")))])
    monkeypatch.setattr(cr, "MAX_ZIP_BYTES", len(z))  # exactly the limit: opened
    sizes = [len(raw(doc("Eins"))), 0, len(raw(doc("Zwei")))]
    monkeypatch.setattr(cr, "MAX_ZIP_TOTAL", sum(sizes))  # declared and read total exactly the limit
    res = cr.load_files([("k.zip", z)])
    assert [d["pseudonym"] for d in res.docs] == ["Eins", "Zwei"]
    assert res.rejected == [("k.zip/leer.json", "beschädigt: kein gültiges JSON")]
    monkeypatch.setattr(cr, "MAX_ZIP_BYTES", 1_000_000)
    big = zipped([("a.bin", b"\0" * 1_100_000)], compression=zipfile.ZIP_STORED)
    assert cr.load_files([("gross.zip", big)]).rejected == [("gross.zip", f"ZIP-Archiv zu groß (mehr als 1{NB}MB)")]


def test_zip_system_and_hidden_entries_at_any_depth():
    z = zipped([("__MACOSX/a/eins.json", raw(doc("Mac"))), ("a/b/.versteckt.json", raw(doc("Versteckt"))),
                ("a/b/Thumbs.db", b"x"), ("a/b/echt.json", raw(doc("Echt")))])
    res = cr.load_files([("k.zip", z)])
    assert [d["pseudonym"] for d in res.docs] == ["Echt"]
    assert sorted(n for n, _ in res.rejected) == ["k.zip/__MACOSX/a/eins.json", "k.zip/a/b/.versteckt.json", "k.zip/a/b/Thumbs.db"]


def test_zip_long_entry_names_are_shortened_from_the_front():
    name = "ordner/" + "d" * 200 + ".json"
    res = cr.load_files([("k.zip", zipped([(name, raw(doc("Lang")))]))])
    assert res.names == [f"k.zip/{name[-120:]}"]


def test_nested_zip_may_be_larger_than_an_export():
    pad = bytes(range(256)) * 600  # ~150 kB, stored: the inner archive is larger than MAX_FILE_BYTES
    inner = zipped([("pad.bin", pad), ("x.json", raw(doc("Innen")))], compression=zipfile.ZIP_STORED)
    assert len(inner) > cr.MAX_FILE_BYTES
    res = cr.load_files([("k.zip", zipped([("INNEN.ZIP", inner)], compression=zipfile.ZIP_STORED))])
    assert [d["pseudonym"] for d in res.docs] == ["Innen"]
    assert res.rejected == [("k.zip/INNEN.ZIP/pad.bin", f"zu groß (mehr als 100{NB}kB) – nicht entpackt")]


def test_zip_entry_too_big_does_not_stop_the_rest():
    big = b" " * (cr.MAX_FILE_BYTES + 1)
    res = cr.load_files([("k.zip", zipped([("a_gross.json", big), ("b_gut.json", raw(doc("Gut")))]))])
    assert res.rejected == [("k.zip/a_gross.json", f"zu groß (mehr als 100{NB}kB) – nicht entpackt")]
    assert [d["pseudonym"] for d in res.docs] == ["Gut"]


def test_zip_entries_are_read_with_a_hard_limit(monkeypatch):
    asked = []
    real = zipfile.ZipExtFile.read

    def spy(self, n=-1):
        asked.append(n)
        return real(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    cr.load_files([("k.zip", zipped([("a.json", raw(doc("Eins")))]))])
    assert asked and asked[0] == cr.MAX_FILE_BYTES + 1, "never more than the limit plus one byte"


def test_folder_that_cannot_be_walked_is_named(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_bytes(raw(doc("Eins")))
    real = cr.os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "nein", str(tmp_path / "geheim")))
        onerror(OSError(5, "io"))  # without a file name
        yield from real(top, onerror=onerror)

    monkeypatch.setattr(cr.os, "walk", walk)
    res = cr.load_folder(tmp_path)
    assert res.rejected == [("geheim", "Ordner kann nicht gelesen werden (keine Leserechte?)"),
                            ("?", "Ordner kann nicht gelesen werden (keine Leserechte?)")]
    assert len(res.docs) == 1


def test_folder_walk_stops_after_four_times_max_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cr, "MAX_FILES", 1)
    for k in range(4):
        (tmp_path / f"x{k}.json").write_bytes(raw(doc(f"Root{k}")))
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "a.json").write_bytes(raw(doc("Zett")))
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "b.json").write_bytes(raw(doc("Zettzett")))
    res = cr.load_folder(tmp_path)
    seen = res.names + [n for n, _ in res.rejected]
    assert "z/a.json" in seen and "zz/b.json" not in seen, "more than 4 × MAX_FILES paths: the walk stops"
    assert len(res.docs) == 1


def test_folder_zip_and_exact_sizes(tmp_path, monkeypatch):
    pad = bytes(range(256)) * 600
    (tmp_path / "KLASSE.ZIP").write_bytes(zipped([("pad.bin", pad), ("x.json", raw(doc("Zip")))], compression=zipfile.ZIP_STORED))
    exact = raw(doc("Genau"))
    (tmp_path / "genau.json").write_bytes(exact + b" " * (cr.MAX_FILE_BYTES - len(exact)))
    res = cr.load_folder(tmp_path)
    assert sorted(d["pseudonym"] for d in res.docs) == ["Genau", "Zip"]


def test_folder_too_big_files_count_towards_max_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cr, "MAX_FILES", 1)
    big = b" " * (cr.MAX_FILE_BYTES + 1)
    (tmp_path / "a.json").write_bytes(big)
    (tmp_path / "b.json").write_bytes(big)
    res = cr.load_folder(tmp_path)
    assert res.rejected == [("a.json", f"zu groß (100{NB}kB, erlaubt 100{NB}kB) – nicht gelesen"),
                            ("b.json", "mehr als 1 Dateien – übersprungen")]


def test_folder_read_error_does_not_stop_the_rest(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_bytes(raw(doc("Eins")))
    (tmp_path / "b.json").write_bytes(raw(doc("Zwei")))
    (tmp_path / "c.json").write_bytes(raw(doc("Drei")))
    real = cr._read_limited

    def flaky(path, limit):
        if path.name == "a.json":
            raise PermissionError(13, "nein")
        if path.name == "b.json":
            raise OSError(5, "io")
        return real(path, limit)

    monkeypatch.setattr(cr, "_read_limited", flaky)
    (tmp_path / "d.json").symlink_to(tmp_path / "c.json")
    (tmp_path / "e.json").write_bytes(raw(doc("Fuenf")))
    res = cr.load_folder(tmp_path)
    assert [d["pseudonym"] for d in res.docs] == ["Drei", "Fuenf"]


def test_upload_bad_item_first_does_not_stop_the_rest():
    up = cr.load_upload([None, {"name": "a.json"}, {"name": "b.json", "content": raw(doc())}])
    assert len(up.docs) == 1


def test_same_content_in_another_key_order_is_a_duplicate():
    a = doc("Falke7", quiz={"m01": {"q1": q(True, 1), "q2": q(False, 2)}, "m02": {"q5": q(True, 1)}})
    b = doc("Falke7", quiz={"m02": {"q5": q(True, 1)}, "m01": {"q2": q(False, 2), "q1": q(True, 1)}})
    res = cr.load_files([("a.json", raw(a)), ("b.json", raw(b))])
    assert res.rejected == [("b.json", "gleicher Inhalt wie „a.json“ (Duplikat) – nur einmal gezählt")]


def test_unreadable_upload_first_does_not_stop_the_rest():
    class Bad:
        def __bytes__(self):
            raise OSError("weg")

    res = cr.load_files([("a.json", Bad()), ("b.json", raw(doc()))])
    assert res.rejected == [("a.json", "kann nicht gelesen werden")] and len(res.docs) == 1


def test_a_skipped_part_never_stops_the_check_of_the_rest():
    clean, notes = check(doc(quiz={"m02": [1], "m77": {}, "m01": {"q9": {}, "q2": "x", "q1": q(True, 1)}},
                             umfragen={"m02": "x", "m77": {}, "m01": {"p9": "a", "p1": "a"}}))
    assert clean["quiz"] == {"m01": {"q1": q(True, 1)}} and clean["umfragen"] == {"m01": {"p1": "a"}}
    assert len(notes) == 7


def test_aggregate_skips_unanswered_or_hidden_entries_and_goes_on():
    only_later = [doc("A1", quiz={"m01": {"q2": q(True, 1)}}, umfragen={"m01": {"p3": "b"}}, sa={"d2": 40}),
                  doc("B1", quiz={"m01": {"q1": q(True, 1), "q2": q(False, 3)}}, umfragen={"m01": {"p1": "a", "p3": "a"}},
                      sa={"d2": 60})]
    agg = cr.aggregate(only_later[:1])
    assert [it["id"] for it in agg["quiz"][0]["items"]] == ["q2"]
    assert [p["id"] for p in agg["polls"]] == ["p3"]
    assert [a["id"] for a in agg["radar"]] == ["d2"]
    agg2 = cr.aggregate(only_later, min_n=2)  # q1 and p1 have one answer each: hidden, the later ones shown
    assert [it["id"] for it in agg2["quiz"][0]["items"]] == ["q2"] and [p["id"] for p in agg2["polls"]] == ["p3"]
    assert agg2["hidden"] == 2
    d2 = agg2["radar"][0]
    assert d2["mean"] == 50.0 and math.isclose(d2["sd"], math.sqrt(200))  # sample deviation of two values
