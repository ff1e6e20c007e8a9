"""The „Klassenraum“ on a real JupyterHub on loopback (approach of tests/hub/loadtest.py).

A real hub with configurable-http-proxy starts the Klassenraum as a hub-managed service
(TEST-ONLY config: tests/hub/hubconfig_shared_testonly.py plus
``course_lib.workshop.klassenraum_hubconfig.configure`` – the same function the deploy
recipes use). Five learners get a server; four send through the button's Python code path in
their own kernel (``send.button().button.click()``), one clicks „An die Kursleitung senden“
in a real Chromium in JupyterLab. Then: the instructor (hub group ``kursleitung``) sees the
aggregate with question and option texts on the service page (real browser, hub OAuth) and
via its API; a learner gets 403 on the page and the API; the database holds no username;
a second submission of one learner replaces the first; „neue Runde“ empties it. ≤ 3 minutes.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from ..workshop_corpus import corpus
from . import loadtest

pytestmark = [pytest.mark.hub, pytest.mark.slow]

ROOT = loadtest.ROOT
CHROMIUM = "/usr/bin/chromium"
HUB_CONFIG = """# TEST-ONLY: the platform's loopback test hub plus the Klassenraum, configured like the deploy recipes.
import os, sys
load_subconfig(os.environ["VT_PLATFORM_CONFIG"])
c = get_config()  # noqa: F821
from course_lib.workshop.klassenraum_hubconfig import configure
configure(c, learner_url=f"http://127.0.0.1:{os.environ['VT_HUB_PORT']}/services/klassenraum/",
          service_url=f"http://127.0.0.1:{os.environ['VT_KR_PORT']}", python=sys.executable,
          db=os.environ["VT_KR_DB"], instructors=[os.environ["VT_KR_INSTRUCTOR"]])
_prev = c.Spawner.pre_spawn_hook
def _expose(spawner):
    _prev(spawner)
    spawner.args = list(spawner.args) + ["--LabApp.expose_app_in_browser=True"]  # the browser test drives JupyterLab's commands
    spawner.environment = {**spawner.environment, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
c.Spawner.pre_spawn_hook = _expose
"""


def _require():
    missing = [m for m, ok in (("node/npm", shutil.which("node") and shutil.which("npm")),
                               ("chromium", os.path.exists(CHROMIUM))) if not ok]
    if not missing:
        return
    msg = f"{', '.join(missing)} missing: the Klassenraum hub test needs configurable-http-proxy and Chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip("!!! " + msg + " !!!")


class KlassenraumHub(loadtest.Hub):
    """loadtest.Hub with a generated config that adds the Klassenraum (copied start())."""

    def __init__(self, base: Path, instructor: str):
        # the Klassenraum needs no isolated Unix users: every learner is a hub user of one
        # test-only spawner (tests/hub/hubconfig_shared_testonly.py)
        super().__init__(base, Path(sys.executable).parent, str(ROOT), [])
        self.kr_port = loadtest.free_port()
        self.db = base / "klassenraum" / "klassenraum.sqlite"
        self.instructor = instructor
        self.password = secrets.token_hex(8)

    def stop(self, users=()) -> None:
        """loadtest.Hub.stop for the hub users ``users`` (they are not known before the test)."""
        self.users = list(users)
        super().stop()

    def kill_leftovers(self) -> None:
        """Every learner runs as the same Unix user here: kill their processes by JUPYTERHUB_USER."""
        import psutil

        for p in psutil.process_iter():
            try:
                if p.environ().get("JUPYTERHUB_USER") in self.users:
                    p.kill()
            except (psutil.Error, OSError):
                pass

    def start(self) -> None:
        cfg = self.base / "jupyterhub_config_klassenraum.py"
        cfg.write_text(HUB_CONFIG, encoding="utf-8")
        env = {**os.environ, "VT_HUB_BASE": str(self.base), "VT_HUB_VENV_BIN": str(Path(sys.executable).parent),
               "VT_HUB_PORT": str(self.port), "VT_HUB_API_PORT": str(self.api_port), "VT_PROXY_API_PORT": str(self.proxy_api),
               "VT_CHP": str(loadtest.ensure_proxy()), "VT_PROXY_TOKEN": secrets.token_hex(16), "VT_HUB_PASSWORD": self.password,
               "VT_HUB_ADMIN_TOKEN": self.token, "VT_PLATFORM_CONFIG": str(ROOT / "tests" / "hub" / "hubconfig_shared_testonly.py"),
               "VT_KR_PORT": str(self.kr_port), "VT_KR_DB": str(self.db), "VT_KR_INSTRUCTOR": self.instructor,
               "PYTHONPATH": str(ROOT)}
        env.pop("CONFIGPROXY_AUTH_TOKEN", None)
        self.log = open(self.base / "hub.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(cfg)], cwd=self.base, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.wait(lambda: self.s.get(self.url + "/hub/api/", timeout=2).ok, 90, "hub did not start")
        svc = f"{self.url}/services/klassenraum/api/ergebnisse"
        # the service answers (302 to the OAuth login or 403) once the hub has started it
        self.wait(lambda: self.s.get(svc, timeout=2, allow_redirects=False).status_code in (302, 403), 60, "Klassenraum did not start")


def run_code(hub, user: str, code: str, timeout: float = 120) -> tuple[list, str]:
    """Run ``code`` in a fresh kernel of ``user``'s server; returns (errors, stdout)."""
    import websocket

    base = f"{hub.url}/user/{user}/api"
    kid = hub.s.post(f"{base}/kernels", json={"name": "python3"}, timeout=60).json()["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kid}/channels",
                                     header=[f"Authorization: token {hub.token}"], timeout=timeout)
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "kr", "session": msg_id, "version": "5.3"},
                        "parent_header": {}, "metadata": {}, "channel": "shell",
                        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False}}))
    errors, out, idle, reply = [], [], False, False
    deadline = time.time() + timeout
    try:
        while not (idle and reply):
            if time.time() > deadline:
                raise TimeoutError(f"{user}: cell did not finish")
            m = json.loads(ws.recv())
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t = m["header"]["msg_type"]
            if t == "stream":
                out.append(m["content"]["text"])
            elif t == "error":
                errors.append(f"{m['content']['ename']}: {m['content']['evalue']}")
            elif t == "execute_reply":
                reply = True
            elif t == "status" and m["content"]["execution_state"] == "idle":
                idle = True
    finally:
        ws.close()
        hub.s.delete(f"{base}/kernels/{kid}", timeout=30)
    return errors, "".join(out)


def learner_code(k: int, poll: str, second: bool = False) -> str:
    """Fill the learner's stores like the quiz/poll blocks do, click the button's code path, report."""
    return f"""
import json, os, urllib.request, urllib.error
from course_lib.storage import Store
Store("quiz").update(lambda d: d.update({{"m04": {{
    "q1": {{"attempts": {1 + k % 3}, "first_correct": {k % 2 == 0}, "correct": True, "selected": ["a"]}},
    "q2": {{"attempts": 2, "first_correct": False, "correct": True, "selected": ["b"]}}}}}}))
Store("polls").update(lambda d: d.setdefault("m04", {{}}).__setitem__("p1", "{poll}"))
from course_lib.workshop import send
b = send.button("m04")
assert b.button is not None, "the button is not shown on the hub"
b.pseudonym.value = "Lern{k}" + ("b" if {second} else "")
b.button.click()
status = None
try:
    urllib.request.urlopen(urllib.request.Request(os.environ["VERTRIEB30_KLASSENRAUM_URL"] + "api/ergebnisse",
                           headers={{"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]}}), timeout=10)
    status = 200
except urllib.error.HTTPError as e:
    status = e.code
print(json.dumps({{"response": b.response, "message": b.message.value, "api_status": status}}))
"""


NOTEBOOK = {"cells": [
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source":
     'from course_lib.storage import Store\n'
     'Store("quiz").update(lambda d: d.update({"m04": {"q1": {"attempts": 1, "first_correct": True, "correct": True, "selected": ["a"]}}}))\n'
     'Store("polls").update(lambda d: d.setdefault("m04", {}).__setitem__("p1", "c"))'},
    {"cell_type": "code", "metadata": {"tags": ["nbval-ignore-output"]}, "execution_count": None, "outputs": [],
     "source": 'from course_lib.workshop import send; send.button("m04")'}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}


def login(context, hub, user: str):
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login?next=%2Fhub%2Fhome", wait_until="domcontentloaded")  # no server spawn on login
    page.fill("#username_input", user)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    page.wait_for_load_state("domcontentloaded")
    return page


def test_klassenraum_on_a_real_hub():
    """Runs in its own thread: Playwright's sync API refuses to start in a thread where an
    earlier test of the same worker left an asyncio event loop running."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as ex:
        ex.submit(_klassenraum_on_a_real_hub).result()


def _klassenraum_on_a_real_hub():
    _require()
    from playwright.sync_api import sync_playwright

    from course_lib.workshop.classresults import catalogue

    t0 = time.perf_counter()
    lap = lambda what: print(f"[{time.perf_counter() - t0:5.1f} s] {what}", flush=True)  # noqa: E731
    base = Path(tempfile.mkdtemp(prefix="vtkr-"))
    tag = secrets.token_hex(2)
    learners = [f"krlern{tag}{i}" for i in range(5)]  # N = 5: four through the code path, one in the browser
    instructor = f"krleitung{tag}"
    hub = KlassenraumHub(base, instructor)
    cat = catalogue()
    try:
        hub.start()
        lap("hub + Klassenraum up")
        hub.api("POST", "/users", json={"usernames": learners})
        for u in learners:
            hub.s.post(f"{hub.url}/hub/api/users/{u}/server", timeout=60)
        hub.wait(lambda: all(hub.api("GET", f"/users/{u}")["servers"].get("", {}).get("ready") for u in learners),
                 120, "servers not ready")
        lap("servers ready")
        assert "kursleitung" in (hub.api("GET", f"/users/{instructor}").get("groups") or []), "instructor not in the hub group"

        # five learners through the button's Python code path, in parallel
        results: dict = {}

        def go(k, u, poll, second=False):
            results[(u, second)] = run_code(hub, u, learner_code(k, poll, second))
        threads = [threading.Thread(target=go, args=(k, u, "ab"[k % 2])) for k, u in enumerate(learners[1:], start=1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=180)
        for u in learners[1:]:
            errors, out = results[(u, False)]
            assert errors == [], (u, errors, out)
            rep = json.loads(out.strip().splitlines()[-1])
            assert rep["response"]["ok"] is True and rep["response"]["ersetzt"] is False, rep
            assert "An die Kursleitung gesendet" in rep["message"], rep["message"]
            assert rep["api_status"] == 403, rep  # a learner gets 403 on the instructor API

        lap("four learners sent via the button's code path")
        # hostile submissions through a real learner token: refused with a German reason, nothing stored
        hostile = [raw for name, raw, _e in corpus() if name in ("html-ueberall-0.json", "tief-klein.json", "version-1.json",
                                                                  "zip-bombe.zip", "aufgeblaeht.json")]
        code = ("import json, os, urllib.request, urllib.error\nout = []\n"
                f"for raw in {hostile!r}:\n"
                "    req = urllib.request.Request(os.environ['VERTRIEB30_KLASSENRAUM_URL'] + 'api/einreichen', data=raw, method='POST',\n"
                "        headers={'Authorization': 'token ' + os.environ['JUPYTERHUB_API_TOKEN']})\n"
                "    try:\n        urllib.request.urlopen(req, timeout=10); out.append([200, ''])\n"
                "    except urllib.error.HTTPError as e:\n        out.append([e.code, e.read().decode('utf-8', 'replace')])\n"
                "print(json.dumps(out))")
        errors, out = run_code(hub, learners[3], code)
        assert errors == [], errors
        for status, body in json.loads(out.strip().splitlines()[-1]):
            assert status in (400, 413), (status, body)
            reason = json.loads(body)["fehler"]
            assert reason and "<script" not in reason and "Error" not in reason, reason

        lap("hostile submissions refused")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            try:
                # one learner clicks the real button in JupyterLab
                lc = browser.new_context(viewport={"width": 1280, "height": 900})
                u0 = learners[0]
                login(lc, hub, u0)
                hub.s.put(f"{hub.url}/user/{u0}/api/contents/klassenraum.ipynb",
                          json={"type": "notebook", "format": "json", "content": NOTEBOOK}, timeout=30).raise_for_status()
                page = lc.new_page()
                page.goto(f"{hub.url}/user/{u0}/lab/tree/klassenraum.ipynb?reset", wait_until="domcontentloaded")
                page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel", timeout=90_000)
                page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                                       timeout=90_000)
                page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
                btn = page.locator("button.vt-send")
                btn.wait_for(state="visible", timeout=90_000)
                assert "An die Kursleitung senden" in btn.inner_text()
                btn.click()
                page.locator(".vt-klassenraum .vt-msg-saved").wait_for(timeout=30_000)
                assert "An die Kursleitung gesendet" in page.locator(".vt-klassenraum").inner_text()
                lap("browser learner clicked the button")
                # the learner's browser gets 403 on the instructor page, with a German reason
                resp = page.goto(f"{hub.url}/services/klassenraum/", wait_until="domcontentloaded")
                assert resp.status == 403 and "nur für die Kursleitung" in page.content()
                resp = page.goto(f"{hub.url}/services/klassenraum/download.csv")
                assert resp.status == 403

                # a second submission of one learner replaces the first
                errors, out = run_code(hub, learners[1], learner_code(1, "d", second=True))
                assert errors == []
                rep = json.loads(out.strip().splitlines()[-1])
                assert rep["response"]["ersetzt"] is True and "frühere Einsendung wurde ersetzt" in rep["message"]

                # the instructor's projector page: texts, counts, no ids, no names
                ic = browser.new_context(viewport={"width": 1920, "height": 1080})
                ipage = login(ic, hub, instructor)
                resp = ipage.goto(f"{hub.url}/services/klassenraum/", wait_until="domcontentloaded")
                assert resp.status == 200, ipage.content()[:500]
                assert ipage.locator("#anzahl").inner_text() == "5"
                text = ipage.locator("body").inner_text()
                assert cat.quiz["m04"]["q1"]["question"][:40] in text
                assert cat.polls["m04"]["p1"]["question"][:40] in text
                for oid in "abcd":
                    assert cat.polls["m04"]["p1"]["options"][oid][:30] in text
                assert "beim ersten Versuch richtig" in text and "Ø" in text
                for u in learners + [instructor]:
                    assert u not in text
                assert "Lern1" not in text  # pseudonyms are not projected either
                font = ipage.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
                assert font >= 20  # projector-ready type
                api = ic.request.get(f"{hub.url}/services/klassenraum/api/ergebnisse").json()
                assert api["n"] == 5
                q1 = next(it for q in api["quiz"] if q["module"] == "m04" for it in q["items"] if it["id"] == "q1")
                # first attempts: learners 1–4 right where k is even (2 and 4), learner 0 (browser) right: 3 of 5
                assert q1["n"] == 5 and q1["first_rate"] == pytest.approx(3 / 5)
                poll = next(p for p in api["polls"] if p["module"] == "m04" and p["id"] == "p1")
                counts = {o["id"]: o["count"] for o in poll["options"]}
                assert counts == {"a": 2, "b": 1, "c": 1, "d": 1}, counts  # learner 1 changed b → d (replaced, not added)
                csv_text = ic.request.get(f"{hub.url}/services/klassenraum/download.csv").text()
                assert cat.quiz["m04"]["q1"]["question"][:40] in csv_text

                lap("instructor page checked")
                # the database holds no username
                con = sqlite3.connect(hub.db)
                rows = con.execute("SELECT user_hash, doc FROM submissions").fetchall()
                con.close()
                assert len(rows) == 5
                blob = b"".join(p.read_bytes() for p in hub.db.parent.glob("klassenraum.sqlite*"))
                for u in learners + [instructor]:
                    assert u.encode() not in blob, u
                assert all(len(h) == 64 for h, _d in rows)

                # the page refreshes itself: a new submission appears without reload
                ipage.evaluate("() => { window.__stamp = 1; window.__before = document.getElementById('inhalt').innerText; }")
                errors, out = run_code(hub, learners[2], learner_code(2, "c", second=True))
                assert errors == []
                ipage.wait_for_function("() => window.__stamp === 1 && document.getElementById('inhalt').innerText !== window.__before",
                                        timeout=20_000)  # changed in place, without a reload

                # „neue Runde“ (real click, confirm dialog)
                ipage.on("dialog", lambda d: d.accept())
                ipage.click("text=Neue Runde")
                ipage.wait_for_load_state("domcontentloaded")
                ipage.locator("#anzahl").wait_for()
                assert ipage.locator("#anzahl").inner_text() == "0"
                lap("auto-refresh and neue Runde checked")
            finally:
                browser.close()
    finally:
        hub.stop(learners + [instructor])
        shutil.rmtree(base, ignore_errors=True)
        for u in learners:
            shutil.rmtree(f"/tmp/vtrt-{u}", ignore_errors=True)
    print(f"Klassenraum hub test: {time.perf_counter() - t0:.0f} s in total (budget 180 s; not asserted, the machine is shared)")
