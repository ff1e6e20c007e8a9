"""The Klassenraum service without a hub: the tornado app with the hub's user lookup replaced by
a test header (the real OAuth path is tests/hub/test_klassenraum.py), its database, its page,
the hostile corpus against its submit API, and the learner's send button with every failure
turned into a German message."""
from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from course_lib.errors import CourseInputError
from course_lib.storage import Store
from course_lib.workshop import classresults, klassenraum, send

from .test_workshop_hostile import audit
from .workshop_corpus import EVIL, corpus

PREFIX = "/services/klassenraum/"
ACCESS = "access:services!service=klassenraum"
CAT = classresults.catalogue()
SERVICE_COUNTS = {"kopie.json", "gross-klein.json", "zeilenumbruch.json", "leerzeichen.json"}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    for k, v in {"JUPYTERHUB_API_TOKEN": "test", "JUPYTERHUB_API_URL": "http://127.0.0.1:9/hub/api",
                 "JUPYTERHUB_CLIENT_ID": "service-klassenraum", "JUPYTERHUB_SERVICE_PREFIX": PREFIX,
                 "JUPYTERHUB_OAUTH_CALLBACK_URL": PREFIX + "oauth_callback", "JUPYTERHUB_BASE_URL": "/",
                 "JUPYTERHUB_OAUTH_ACCESS_SCOPES": json.dumps([ACCESS])}.items():
        mp.setenv(k, v)
    from jupyterhub.services import auth

    def get_user(self, handler, **kw):  # "X-Test-User: name|scope,scope"
        raw = handler.request.headers.get("X-Test-User")
        if not raw:
            return None
        name, _, scopes = raw.partition("|")
        return {"kind": "user", "name": name, "groups": [], "scopes": [s for s in scopes.split(",") if s]}
    mp.setattr(auth.HubAuth, "get_user", get_user)
    db_path = tmp_path_factory.mktemp("kr") / "klassenraum.sqlite"
    db = klassenraum.Database(str(db_path))
    port = _free_port()
    loop_box = {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        from tornado import ioloop
        app = klassenraum.make_app(db, PREFIX)
        app.listen(port, "127.0.0.1")
        loop_box["loop"] = ioloop.IOLoop.current()
        loop_box["loop"].start()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    for _ in range(100):
        try:
            requests.get(url, timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.05)
    yield url, db, db_path
    loop_box["loop"].add_callback(loop_box["loop"].stop)
    mp.undo()


LEARNER = {"X-Test-User": f"anna.schmidt|{ACCESS}"}
INSTRUCTOR = {"X-Test-User": f"kursleiterin|{ACCESS},{klassenraum.INSTRUCTOR_SCOPE}"}


def _doc(name, poll="a", first=True):
    return {"format": "vertrieb30/klassenergebnis", "version": 2, "pseudonym": name,
            "quiz": {"m04": {"q1": {"erster_versuch_richtig": first, "versuche": 1 if first else 2}}},
            "umfragen": {"m04": {"p1": poll}}, "selbsteinschaetzung": {"empathie": 60, "interesse": 40, "kultur": 70}}


def _post(url, user, doc):
    raw = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return requests.post(url + "api/einreichen", data=raw, headers={"X-Test-User": f"{user}|{ACCESS}"}, timeout=10)


def test_access_rules(service):
    url, db, _ = service
    assert requests.get(url + "api/ergebnisse", headers=LEARNER, timeout=5).status_code == 403
    r = requests.get(url, headers=LEARNER, timeout=5)
    assert r.status_code == 403 and "nur für die Kursleitung" in r.text
    for path in ("download.csv", "download.json"):
        assert requests.get(url + path, headers=LEARNER, timeout=5).status_code == 403
    assert requests.post(url + "api/neue-runde", headers=LEARNER, timeout=5).status_code == 403
    assert requests.get(url + "api/ergebnisse", headers={"X-Test-User": "fremd|"}, timeout=5,
                        allow_redirects=False).status_code in (302, 403)  # no access scope at all
    assert requests.get(url + "api/ergebnisse", headers=INSTRUCTOR, timeout=5).status_code == 200


def test_submit_replace_aggregate_page_reset(service):
    url, db, db_path = service
    requests.post(url + "api/neue-runde", headers=INSTRUCTOR, timeout=5, allow_redirects=False)
    users = ["anna.schmidt", "bernd@firma.de", "carla", "dieter"]
    for k, u in enumerate(users):
        r = _post(url, u, _doc(f"P{k}x", "abcd"[k], k % 2 == 0))
        assert r.status_code == 200 and r.json()["ersetzt"] is False
    r = _post(url, "carla", _doc("P2neu", "d", False))
    assert r.json()["ersetzt"] is True
    agg = requests.get(url + "api/ergebnisse", headers=INSTRUCTOR, timeout=5).json()
    assert agg["n"] == 4
    q1 = agg["quiz"][0]["items"][0]
    assert q1["first_rate"] == pytest.approx(1 / 4) and q1["question"] == CAT.quiz["m04"]["q1"]["question"]
    assert [a["id"] for a in agg["radar"]] == ["interesse", "empathie", "kultur"]  # course order
    page = requests.get(url, headers=INSTRUCTOR, timeout=5).text
    assert "Klassenraum" in page and CAT.polls["m04"]["p1"]["options"]["d"] in page and "P2neu" not in page
    assert "font-size:22px" in page and "setInterval" in page
    frag = requests.get(url + "?teil=1", headers=INSTRUCTOR, timeout=5).text
    assert "<html" not in frag and "4</span> Einsendungen" in frag
    csv_text = requests.get(url + "download.csv", headers=INSTRUCTOR, timeout=5).text
    assert CAT.quiz["m04"]["q1"]["question"] in csv_text
    js = requests.get(url + "download.json", headers=INSTRUCTOR, timeout=5).json()
    assert len(js["einsendungen"]) == 4
    blob = b"".join(p.read_bytes() for p in db_path.parent.glob("klassenraum.sqlite*"))
    for u in users:
        assert u.encode() not in blob
    salt_before = db._meta("salt")
    r = requests.post(url + "api/neue-runde", headers=INSTRUCTOR, timeout=5, allow_redirects=False)
    assert r.status_code == 302 and db.docs() == [] and db._meta("salt") != salt_before
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_small_groups_hidden_on_the_page(service):
    url, _db, _ = service
    requests.post(url + "api/neue-runde", headers=INSTRUCTOR, timeout=5, allow_redirects=False)
    _post(url, "a", _doc("Eins"))
    _post(url, "b", _doc("Zwei"))
    page = requests.get(url + "?teil=1", headers=INSTRUCTOR, timeout=5).text
    assert CAT.quiz["m04"]["q1"]["question"] not in page and "ausgeblendet" in page


def test_hostile_corpus_against_the_service(service):
    url, db, _ = service
    requests.post(url + "api/neue-runde", headers=INSTRUCTOR, timeout=5, allow_redirects=False)
    counted, refused = 0, 0
    for k, (name, raw, exp) in enumerate(corpus()):
        r = _post(url, f"nutzer{k}", raw)
        assert r.status_code in (200, 400, 413), (name, r.status_code)
        body = r.json()
        if r.status_code == 200:
            counted += 1
            # a copy or a look-alike pseudonym from ANOTHER hub user is another person: counted
            assert exp in ("valid", "partial") or name in SERVICE_COUNTS, name
        else:
            refused += 1
            assert exp != "valid", name
            reason = body["fehler"]
            assert reason and not any(e in reason for e in EVIL), (name, reason)
            assert not any(w in reason for w in ("Error", "Exception", "Traceback", "dict", "NoneType")), reason
    assert counted >= 6 and refused >= 45
    page = requests.get(url, headers=INSTRUCTOR, timeout=5).text
    main = page.split('<main id="inhalt"', 1)[1].split("</main>", 1)[0]  # the live part with everything from submissions
    assert audit("<main" + main, extra=("main", "h2", "h3", "svg", "polygon", "line", "circle", "text")) == []
    assert page.count("<script") == 1  # only our own refresh script
    for e in EVIL:
        assert e not in page
    assert "alert(" not in page and "onerror" not in page and "<iframe" not in page


def test_render_escapes_everything():
    docs = [classresults.check_document(_doc(f"N{i}x"))[0] for i in range(3)]
    html = klassenraum.render_page(docs, PREFIX + '"><script>', 1, '"><script>alert(1)</script>')
    assert "<script>alert" not in html and '"><script>' not in html.split("<script>\n")[0]


# ------------------------------------------------------------------ learner side


class _Fake(BaseHTTPRequestHandler):
    status = 200
    body = b'{"ok": true, "ersetzt": false}'
    seen: list = []

    def do_POST(self):  # noqa: N802
        _Fake.seen.append((self.path, self.headers.get("Authorization"), self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(_Fake.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(_Fake.body)

    def log_message(self, *a):
        pass


@pytest.fixture
def fake_service():
    srv = HTTPServer(("127.0.0.1", 0), _Fake)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    _Fake.seen.clear()
    yield f"http://127.0.0.1:{srv.server_port}/services/klassenraum/"
    srv.shutdown()


def _quiz(d):
    d.update({"m04": {"q1": {"attempts": 2, "first_correct": False, "correct": True, "selected": ["a"]}}})


def test_button_only_on_a_hub(monkeypatch, data_dir):
    for k in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX", send.URL_ENV):
        monkeypatch.delenv(k, raising=False)
    b = send.button("m04")
    assert b.button is None and "kein Klassenraum" in b.box.value
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/x/")
    assert send.button().button is None  # no service URL from the hub config: no button
    monkeypatch.setenv(send.URL_ENV, "http://127.0.0.1:9/services/klassenraum")
    b = send.button()
    assert b.button.description == "An die Kursleitung senden"


def test_send_posts_exactly_the_export(monkeypatch, data_dir, fake_service):
    Store("quiz").update(_quiz)
    Store("reflections").update(lambda d: d.update({"m04": {"r1": {"text": "geheim"}}}))
    b = send.SendButton({"url": fake_service, "token": "abc"})
    pseudo = b.pseudonym.value
    assert send.stored_pseudonym() == pseudo  # kept for the next click
    b.button.click()
    assert "An die Kursleitung gesendet" in b.message.value, b.message.value
    path, auth, body = _Fake.seen[-1]
    assert path.endswith("/api/einreichen") and auth == "token abc"
    doc = json.loads(body)
    assert doc["quiz"] == {"m04": {"q1": {"erster_versuch_richtig": False, "versuche": 2}}} and "geheim" not in body.decode()
    assert doc["pseudonym"] == pseudo


@pytest.mark.parametrize("status,body,expected", [
    (400, '{"fehler": "Die Einsendung wurde nicht gezählt: leere Exportdatei."}', "nicht gezählt"),
    (403, '{"fehler": "x"}', "Anmeldung nicht angenommen"),
    (404, "not found", "nicht erreichbar"),
    (502, "<html>bad gateway</html>", "nicht erreichbar"),
    (500, "boom", "Code 500"),
    (200, "kein json", "unverständlich"),
])
def test_send_failures_are_german(status, body, expected, data_dir, fake_service):
    Store("quiz").update(_quiz)
    _Fake.status, _Fake.body = status, body.encode()
    try:
        b = send.SendButton({"url": fake_service, "token": "abc"})
        b.button.click()
        assert "vt-msg-error" in b.message.value and expected in b.message.value, b.message.value
        assert "Traceback" not in b.message.value and "HTTPError" not in b.message.value
    finally:
        _Fake.status, _Fake.body = 200, b'{"ok": true, "ersetzt": false}'


def test_send_unreachable_and_empty(data_dir):
    b = send.SendButton({"url": f"http://127.0.0.1:{_free_port()}/services/klassenraum/", "token": "abc"})
    b.button.click()
    assert "noch nichts zu senden" in b.message.value  # nothing answered yet: nothing is sent
    Store("quiz").update(_quiz)
    b.button.click()
    assert "nicht erreichbar" in b.message.value
    with pytest.raises(CourseInputError):
        send.submit({"x": 1}, {"url": "http://127.0.0.1:1/", "token": "t"})


def test_hubconfig_keeps_existing_settings():
    from traitlets.config import Config

    from course_lib.workshop.klassenraum_hubconfig import configure
    c = Config()
    c.JupyterHub.services = [{"name": "idle-culler", "command": ["x"]}]
    c.JupyterHub.load_roles = [{"name": "culler", "scopes": ["admin:servers"], "services": ["idle-culler"]}]
    calls = []
    c.Spawner.pre_spawn_hook = lambda sp: calls.append(sp)
    import tempfile
    configure(c, learner_url="https://hub/services/klassenraum/", db=tempfile.mkdtemp() + "/k.sqlite", instructors=["lea"])
    assert [s["name"] for s in c.JupyterHub.services] == ["idle-culler", "klassenraum"]
    assert {r["name"] for r in c.JupyterHub.load_roles} == {"culler", "user", "kursleitung"}
    assert c.JupyterHub.load_groups["kursleitung"]["users"] == ["lea"]

    class Sp:
        environment = {"A": "1"}
    sp = Sp()
    c.Spawner.pre_spawn_hook(sp)
    assert calls == [sp] and sp.environment == {"A": "1", send.URL_ENV: "https://hub/services/klassenraum/"}


def test_urlopen_is_the_only_network_call(monkeypatch, data_dir):
    """The button's code path uses the hub-provided URL and token only."""
    Store("quiz").update(_quiz)
    seen = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda req, timeout: seen.append((req.full_url, req.headers)) or
                        (_ for _ in ()).throw(OSError("no network")))
    b = send.SendButton({"url": "http://hub.example/services/klassenraum/", "token": "tok"})
    b.button.click()
    assert seen[0][0] == "http://hub.example/services/klassenraum/api/einreichen"
    assert seen[0][1]["Authorization"] == "token tok"


@pytest.mark.parametrize("recipe", ["z2jh", "tljh"])
def test_deploy_recipes_configure_the_service(recipe, tmp_path):
    """The Klassenraum blocks of the deploy recipes run and register the service, roles and URL."""
    from pathlib import Path

    import yaml
    from traitlets.config import Config

    root = Path(__file__).resolve().parents[1]
    if recipe == "z2jh":
        code = yaml.safe_load((root / "deploy/z2jh/config.yaml").read_text("utf-8"))["hub"]["extraConfig"]["klassenraum"]
    else:
        text = (root / "deploy/tljh/install.sh").read_text("utf-8")
        blocks = [b.split("\nPY\n", 1)[0] for b in text.split("<<'PY'\n")[1:]]
        code = next(b for b in blocks if "klassenraum" in b)  # the script also writes an env snippet
    code = code.replace("/srv/jupyterhub/klassenraum", str(tmp_path)).replace("/opt/tljh/state/klassenraum", str(tmp_path))
    c = Config()
    exec(compile(code, recipe, "exec"), {"c": c})  # noqa: S102 - our own recipe
    svc = next(s for s in c.JupyterHub.services if s["name"] == "klassenraum")
    assert svc["command"][1:] == ["-m", "course_lib.workshop.klassenraum"] and svc["oauth_no_confirm"] is True
    assert klassenraum.INSTRUCTOR_SCOPE in c.JupyterHub.custom_scopes
    assert any(r["name"] == "kursleitung" and r["groups"] == ["kursleitung"] for r in c.JupyterHub.load_roles)
    assert ACCESS in c.Spawner.server_token_scopes

    class Sp:
        environment = {}
    sp = Sp()
    c.Spawner.pre_spawn_hook(sp)
    assert sp.environment[send.URL_ENV].endswith("/services/klassenraum/")
