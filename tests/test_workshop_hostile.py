"""A hostile corpus (tests/workshop_corpus.py, ≥ 30 files) against both paths of the class
results – a folder and the instructor notebook's upload: no crash, every hostile file listed
with a German reason, nothing counted that should not be, nothing rendered unescaped, no
file name on the projector."""
from __future__ import annotations

import io
import json
import os
import zipfile
from html.parser import HTMLParser

import pytest

from course_lib.workshop import classresults
from course_lib.workshop.view import ClassResults, UploadResults, problems_html

from .workshop_corpus import EVIL, EXPECTED_COUNTED, corpus

CORPUS = corpus()
ALLOWED_TAGS = {"div", "span", "b", "i", "p", "br", "table", "tr", "td", "th", "h4", "img", "pre", "a",
                "details", "summary", "ul", "li", "thead", "tbody",
                # the course's own inline icons (course_lib/blocks/icons.py); an <svg> must be one of them
                "svg", "path", "circle", "rect"}
ENGLISH = ("Error", "Exception", "Traceback", "dict", "list", "NoneType", "str ", "int ", "bool", "object",
           "expected", "invalid", "unicode", "codec", "line ", "column")
REGEX = ("^", "$", "\\d", "\\w", "[a-z", "{2,", ".*", "(?")


class TagAudit(HTMLParser):
    def __init__(self, extra=()):
        super().__init__()
        self.bad = []
        self.allowed = ALLOWED_TAGS | set(extra)
        self.any_svg = "svg" in extra  # a page that draws its own charts (the Klassenraum radar)

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.bad.append(tag)
        if tag == "svg" and not self.any_svg and not (dict(attrs).get("class") or "").startswith("vt-icon"):
            self.bad.append("svg[not a course icon]")
        for k, v in attrs:
            if k.startswith("on") or (v or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag}[{k}]")
            if k == "src" and not (v or "").startswith("data:image/png;base64,"):
                self.bad.append(f"{tag}[src={v}]")


def audit(html: str, extra=()) -> list:
    p = TagAudit(extra)
    p.feed(html)
    return p.bad


def test_corpus_is_big_and_hostile():
    assert len(CORPUS) >= 30
    assert sum(1 for _n, _r, e in CORPUS if e != "valid") >= 30
    names = [n for n, _r, _e in CORPUS]
    for kind in ("tief", "riesig", "bom", "html-ueberall", "unbekannt", "kopie", "gross-klein", "zeilenumbruch", "kyrillisch",
                 "lms-download.zip", "zip-bombe.zip"):
        assert any(kind in n for n in names), kind


@pytest.fixture(scope="module")
def folder_result(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for name, raw, _e in CORPUS:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(raw)
    os.symlink("/etc/passwd", root / "verknuepfung.json")
    return classresults.load_folder(root)


@pytest.fixture(scope="module")
def upload_result():
    w = UploadResults()
    value = tuple({"name": os.path.basename(n), "content": memoryview(raw), "size": len(raw)} for n, raw, _e in CORPUS)
    view = w.evaluate(value)
    return w, view


def _check(res, name_of):
    # counted exactly the valid ones (and the valid parts of the partial ones)
    assert sorted(d["pseudonym"] for d in res.docs) == sorted(EXPECTED_COUNTED)
    listed = {}
    for n, r in res.rejected + res.skipped:
        listed.setdefault(n, []).append(r)
    for name, _raw, exp in CORPUS:
        n = name_of(name)
        if exp == "valid":
            assert n not in dict(res.rejected), (n, listed.get(n))
        else:
            assert n in listed or any(k.startswith(n + "/") for k in listed), f"{n} not listed"
        if exp == "partial":
            assert n not in dict(res.rejected) or name.endswith(".zip")
    for n, reasons in listed.items():
        for r in reasons:
            assert r.strip(), n
            assert not any(w in r for w in ENGLISH), (n, r)
            assert not any(x in r for x in REGEX), (n, r)
            assert not any(e in r for e in EVIL), (n, r)  # hostile text is never echoed, not even escaped
    return listed


def test_folder_path(folder_result):
    listed = _check(folder_result, lambda n: n)
    assert "keine normale Datei" in listed["verknuepfung.json"][0]
    reasons = dict(folder_result.rejected)
    assert "zu tief" in reasons["tief-klein.json"] and "zu tief" in reasons["tief-objekt.json"]
    assert "zu groß" in reasons["riesig.json"] and "zu groß" in reasons["tief-array.json"]
    assert "Duplikat" in reasons["kopie.json"]
    for n in ("gross-klein.json", "zeilenumbruch.json", "leerzeichen.json"):
        assert "kommt schon in" in reasons[n], n
    for n in ("kyrillisch.json", "nullbreit.json", "einsam-surrogat.json", "pseudonym-html.json", "pseudonym-js.json"):
        assert "Pseudonym" in reasons[n], n
    assert "Schutz vor ZIP-Bomben" in reasons["zip-bombe.zip"] and "Schutz vor ZIP-Bomben" in reasons["zip-bombe-viele.zip"]
    assert "Schutz vor ZIP-Bomben" in reasons["zip-bombe-mittel.zip"]
    assert "zu tief verschachtelt" in reasons["zip-verschachtelt.zip/b.zip/c.zip"]
    assert "Version 1" in reasons["version-1.json"]
    assert "leere Exportdatei" in reasons["leer-export.json"]
    assert any("Systemdatei" in r for n, r in folder_result.rejected if n.startswith("lms-download.zip/__MACOSX"))


def test_upload_path(upload_result):
    w, _view = upload_result
    _check(w.result, os.path.basename)


def _everything(view) -> str:
    parts = []
    for c in view.box.children:
        parts.append(getattr(c, "value", "") or "")
    parts += [str(v) for v in view.quiz.view_state()]
    parts += [view.sa.widget.value, view.polls.widget.value]
    return "\n".join(parts)


@pytest.mark.parametrize("path", ["folder", "upload"])
def test_nothing_rendered_unescaped_and_no_file_names_on_projector(path, folder_result, upload_result):
    view = ClassResults(folder_result) if path == "folder" else upload_result[1]
    res = folder_result if path == "folder" else upload_result[0].result
    projector = _everything(view)
    assert audit(projector) == []
    for e in EVIL:  # hostile text is not on the projector at all, not even escaped
        assert e not in projector and "alert(" not in projector
    for name, _raw, _e in CORPUS:
        assert os.path.basename(name) not in projector
    assert "vertrieb30-" not in projector
    table = problems_html(res)
    assert audit(table) == []
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in table  # the hostile file NAME is listed, escaped
    if path == "upload":
        assert audit(upload_result[0].box.children[1].value + upload_result[0].problems.value) == []


def test_audit_really_finds_raw_html():
    assert audit("<p>ok</p><script>x</script>") == ["script"]
    assert audit('<img src="x" onerror="a()">') != []
    assert audit('<a href="javascript:alert(1)">x</a>') == ["a[href]"]
    assert audit('<div onclick="x">') == ["div[onclick]"]


def test_zip_in_folder_and_upload_agree(folder_result, upload_result):
    f = {n for n, _ in folder_result.rejected if n.startswith("lms-download.zip/")}
    u = {n for n, _ in upload_result[0].result.rejected if n.startswith("lms-download.zip/")}
    assert f == u and f


def test_memory_bounded_zip_reads(monkeypatch):
    """A ZIP entry is read with a hard limit, whatever its header says."""
    reads = []
    real = zipfile.ZipExtFile.read

    def spy(self, n=-1):
        reads.append(n)
        return real(self, n)
    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.json", json.dumps({"x": 1}))
    classresults.load_files([("a.zip", buf.getvalue())])
    assert reads and all(0 < n <= classresults.MAX_FILE_BYTES + 1 for n in reads)
