"""A generated hostile corpus of class-results files (for tests/test_workshop_hostile.py and the
Klassenraum hub test). Every entry: (relative file name, bytes, expectation) with expectation

* ``"valid"``   – a well-formed export that must be counted completely;
* ``"partial"`` – counted, but named parts must be listed as skipped with a German reason;
* ``"rejected"`` – not counted, listed with a German reason.

``EVIL`` strings are HTML/JS payloads; none of them may ever reach a page unescaped.
"""
from __future__ import annotations

import io
import json
import zipfile

FORMAT = "vertrieb30/klassenergebnis"
EVIL = ("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(2)>",
        "javascript:alert(3)", "</td></tr></table><h1>gehackt</h1>", "{{7*7}}<iframe src=//evil>")
VALID_NAMES = ("Falke7", "Team_Nord", "Ömer-2", "Biene", "Adler_3")


def doc(pseudonym, quiz=None, umfragen=None, sa=None, **extra):
    d = {"format": FORMAT, "version": 2, "pseudonym": pseudonym,
         "quiz": {"m04": {"q1": {"erster_versuch_richtig": True, "versuche": 1},
                          "q2": {"erster_versuch_richtig": False, "versuche": 3}}} if quiz is None else quiz,
         "umfragen": {"m00": {"p1": "a"}} if umfragen is None else umfragen,
         "selbsteinschaetzung": {"interesse": 60, "empathie": 70, "selbststeuerung": 50, "grenzen": 40, "kultur": 80} if sa is None else sa}
    d.update(extra)
    return d


def j(d) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _zip(entries: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for n, data in entries.items():
            z.writestr(n, data)
    return buf.getvalue()


def _evil_everywhere(i: int) -> dict:
    e = EVIL[i % len(EVIL)]
    return {"format": e, "version": e, "pseudonym": e, e: e,
            "quiz": {e: {e: {e: e}}}, "umfragen": {e: {e: e}}, "selbsteinschaetzung": {e: e}}


def corpus() -> list[tuple[str, bytes, str]]:
    ok = [(f"0-gut/vertrieb30-{n}-{k:06x}.json", j(doc(n, umfragen={"m00": {"p1": "abc"[k % 3]}})), "valid")
          for k, n in enumerate(VALID_NAMES)]
    c: list[tuple[str, bytes, str]] = list(ok)
    add = lambda name, raw, exp="rejected": c.append((name, raw, exp))  # noqa: E731
    # nesting, size, encoding
    add("tief-array.json", b"[" * 200_000 + b"]" * 200_000)  # also too big
    add("tief-klein.json", b"[" * 20_000 + b"]" * 20_000)   # 40 kB: below the size limit, RecursionError
    add("tief-objekt.json", b'{"a":' * 15_000 + b"1" + b"}" * 15_000)
    add("tief-im-quiz.json", j(doc("Tiefe", quiz={"m04": {"q1": json.loads("[" * 500 + "]" * 500)}}, umfragen={}, sa={})))
    add("riesig.json", j(doc("Riese", pad="x" * 5_000_000)))
    add("aufgeblaeht.json", j(doc("Leerzeichen")) + b" " * 150_000)
    add("bom-kaputt.json", b"\xef\xbb\xbf{kaputt")
    add("utf16.json", json.dumps(doc("Sechzehn")).encode("utf-16"))
    add("latin1.json", json.dumps(doc("Jörg"), ensure_ascii=False).encode("latin-1"))
    add("binaer.json", bytes(range(256)) * 20)
    add("leer-0-byte.json", b"")
    add("riesige-zahl.json", b'{"format": "vertrieb30/klassenergebnis", "version": ' + b"9" * 6000 + b"}")
    # HTML/JS in every string and key
    for i in range(len(EVIL)):
        add(f"html-ueberall-{i}.json", j(_evil_everywhere(i)))
    add("html-in-ids.json", j(doc("Gueltig_aber_boese", quiz={"m04": {e: {"erster_versuch_richtig": True, "versuche": 1} for e in EVIL},
                                                            EVIL[0]: {"q1": {"erster_versuch_richtig": True, "versuche": 1}}},
                              umfragen={"m00": {"p1": EVIL[1]}, EVIL[2]: {"p1": "a"}}, sa={e: 50 for e in EVIL})))
    add("html-felder-teilweise.json", j(doc("Mischung", **{EVIL[3]: EVIL[4]},
                                         quiz={"m04": {"q1": {"erster_versuch_richtig": True, "versuche": 1},
                                                       EVIL[5]: {"erster_versuch_richtig": True, "versuche": 1}}})), "partial")
    add("<img src=x onerror=alert(1)>.json", j(_evil_everywhere(1)))
    add("pseudonym-html.json", j(doc("<b>fett</b>")))
    add("pseudonym-js.json", j(doc("javascript:alert(1)")))
    # unknown ids, bad values
    add("modul-unbekannt.json", j(doc("Fremdmodul", quiz={"m42": {"q1": {"erster_versuch_richtig": True, "versuche": 1}}}, umfragen={}, sa={})))
    add("frage-unbekannt.json", j(doc("Fremdfrage", quiz={"m04": {"q99": {"erster_versuch_richtig": True, "versuche": 1}}}, umfragen={}, sa={})))
    add("antwort-unbekannt.json", j(doc("Fremdantwort", quiz={}, umfragen={"m00": {"p1": "z"}}, sa={})))
    add("achse-unbekannt.json", j(doc("Fremdachse", quiz={}, umfragen={}, sa={"charisma": 80})))
    add("werte-falsch.json", j(doc("Falschwert", quiz={"m04": {"q1": {"erster_versuch_richtig": "ja", "versuche": True},
                                                                 "q2": {"erster_versuch_richtig": True, "versuche": 10**9},
                                                                 "q3": {"erster_versuch_richtig": True, "versuche": 0}}},
                                   umfragen={"m00": {"p1": ["a"]}}, sa={"empathie": 150, "kultur": -1, "grenzen": 50.5, "interesse": True})))
    add("nan.json", b'{"format": "vertrieb30/klassenergebnis", "version": 2, "pseudonym": "NaNa", "quiz": {"m04": {"q1": '
                    b'{"erster_versuch_richtig": true, "versuche": NaN}}}, "umfragen": {}, "selbsteinschaetzung": {"empathie": Infinity}}')
    add("version-1.json", j({"format": FORMAT, "version": 1, "pseudonym": "Alt", "quiz": {"m04": {"q1": {"richtig": True, "versuche": 2}}},
                             "umfragen": {}, "selbsteinschaetzung": None}))
    add("version-text.json", j(doc("Textversion", version="2")))
    add("version-bool.json", j(doc("Boolversion", version=True)))
    add("ohne-format.json", j({k: v for k, v in doc("Ohneformat").items() if k != "format"}))
    add("liste.json", b"[1, 2, 3]")
    add("null.json", b"null")
    add("quiz-ist-text.json", j(doc("Quiztext", quiz="alles richtig")))
    add("leer-export.json", j(doc("Leerling", quiz={}, umfragen={}, sa={})))
    # duplicates and look-alikes of the valid pseudonyms
    add("kopie.json", ok[0][1])
    add("gross-klein.json", j(doc("FALKE7", umfragen={"m00": {"p1": "c"}})))
    add("zeilenumbruch.json", j(doc("Team_Nord\n", umfragen={"m00": {"p1": "c"}})))
    add("leerzeichen.json", j(doc("  biene ", umfragen={"m00": {"p1": "b"}})))
    add("kyrillisch.json", j(doc("Fаlke7")))            # Cyrillic а
    add("nullbreit.json", j(doc("Fal\u200bke7")))
    add("einsam-surrogat.json", b'{"format": "vertrieb30/klassenergebnis", "version": 2, "pseudonym": "X\\ud800Y", "quiz": {}, "umfragen": {}, "selbsteinschaetzung": null}')
    add("programm.exe", b"MZ\x90\x00" + b"\x00" * 100)
    add("notiz.txt", "<script>alert(1)</script>".encode())
    # ZIP archives
    add("lms-download.zip", _zip({"Kurs/Gruppe A/Abgabe 1/vertrieb30-Zip_Anna-abc123.json": j(doc("Zip_Anna")),
                                  "Kurs/Gruppe B/vertrieb30-Zip_Bert-def456.json": j(doc("Zip_Bert", umfragen={"m00": {"p1": "b"}})),
                                  "Kurs/Gruppe B/" + EVIL[1] + ".json": j(_evil_everywhere(2)),
                                  "../../etc/ausbruch.json": j(doc("Ausbruch_Zip", umfragen={"m00": {"p1": "c"}})),
                                  "__MACOSX/Kurs/._x.json": b"\x00\x05\x16\x07"}), "partial")
    add("zip-bombe.zip", _zip({"bombe.json": b"0" * 80_000_000}))
    add("zip-bombe-viele.zip", _zip({f"f{i}.json": b"{}" for i in range(1200)}))
    add("zip-bombe-mittel.zip", _zip({f"f{i}.json": b" " * 99_000 for i in range(600)}))
    inner = _zip({"x.json": j(doc("Sehr_tief"))})
    add("zip-verschachtelt.zip", _zip({"b.zip": _zip({"c.zip": inner})}))
    add("zip-kaputt.zip", _zip({"a.json": j(doc("Kaputtzip"))})[:-30])
    add("zip-gross-eintrag.zip", _zip({"gross.json": j(doc("Grosszip", pad="y" * 300_000))}))
    return c


EXPECTED_COUNTED = set(VALID_NAMES) | {"Mischung", "Zip_Anna", "Zip_Bert", "Ausbruch_Zip"}
