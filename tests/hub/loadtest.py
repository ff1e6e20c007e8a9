"""JupyterHub load test on loopback (issue: the course on a real JupyterHub).

Starts a real JupyterHub (TEST-ONLY config deploy/test/jupyterhub_config_test.py) with
configurable-http-proxy (npm, installed project-locally into build/hub-proxy from
deploy/proxy/package-lock.json), creates N learners, starts their servers, pulls the course
into every home with nbgitpuller from a local file:// clone of this repository, and runs the
course notebooks (00_Start + one module, all code cells) through each single-user server's
kernel API, checking that every cell succeeded and that widget and plot outputs came back.

Measures: time to all servers ready, time to all notebooks done, per-learner memory (PSS of
the learner's server + kernels), the kernel's memory against a bare kernel that only imports
the four libraries, failures, learners per GB. Stops everything it started; loopback only;
every wait is bounded.

    python -m tests.hub.loadtest --learners 20
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[2]
PROXY_DIR = ROOT / "build" / "hub-proxy"
BARE = "import ipywidgets, matplotlib, matplotlib.pyplot, pandas, numpy"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_proxy() -> Path:
    """npm ci configurable-http-proxy into build/hub-proxy (cached while the lock is unchanged)."""
    exe = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    lock = ROOT / "deploy" / "proxy" / "package-lock.json"
    stamp = PROXY_DIR / ".lock-copy.json"
    if exe.exists() and stamp.exists() and stamp.read_bytes() == lock.read_bytes():
        return exe
    if not shutil.which("npm") or not shutil.which("node"):
        raise RuntimeError("node/npm fehlen: apt-get install nodejs npm")
    PROXY_DIR.mkdir(parents=True, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / "deploy" / "proxy" / f, PROXY_DIR / f)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROXY_DIR, check=True, timeout=300)
    shutil.copy2(lock, stamp)
    return exe


class Hub:
    def __init__(self, base: Path):
        self.base = base
        self.port, self.api_port, self.proxy_api = free_port(), free_port(), free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"token {self.token}"

    def start(self) -> None:
        env = {**os.environ, "VT_HUB_BASE": str(self.base), "VT_HUB_VENV_BIN": str(Path(sys.executable).parent),
               "VT_HUB_PORT": str(self.port), "VT_HUB_API_PORT": str(self.api_port), "VT_PROXY_API_PORT": str(self.proxy_api),
               "VT_CHP": str(ensure_proxy()), "VT_PROXY_TOKEN": secrets.token_hex(16), "VT_HUB_PASSWORD": secrets.token_hex(8),
               "VT_HUB_ADMIN_TOKEN": self.token, "CONFIGPROXY_AUTH_TOKEN": ""}
        env.pop("CONFIGPROXY_AUTH_TOKEN")
        self.log = open(self.base / "hub.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(ROOT / "deploy" / "test" / "jupyterhub_config_test.py")],
                                     cwd=self.base, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait(lambda: self.s.get(self.url + "/hub/api/", timeout=2).ok, 90, "hub did not start")

    def wait(self, cond, timeout: float, what: str):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if cond():
                    return
            except (requests.RequestException, KeyError):
                pass
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"{what}: hub exited; log: {(self.base / 'hub.log').read_text()[-2000:]}")
            time.sleep(0.25)
        raise TimeoutError(what)

    def api(self, method: str, path: str, **kw):
        r = self.s.request(method, self.url + "/hub/api" + path, timeout=60, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def stop(self, users) -> None:
        for u in users:
            try:
                self.s.delete(f"{self.url}/hub/api/users/{u}/server", timeout=30)
            except requests.RequestException:
                pass
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        for p in psutil.process_iter():  # nothing of ours may survive the test
            try:
                if p.environ().get("JUPYTERHUB_USER") in users:
                    p.kill()
            except (psutil.Error, OSError):
                pass
        self.log.close()


def run_notebook(hub: Hub, user: str, nb_path: str) -> dict:
    """Execute a notebook's code cells via the user's kernel API; report errors and outputs."""
    base = f"{hub.url}/user/{user}/api"
    nb = hub.s.get(f"{base}/contents/{urllib.parse.quote(nb_path)}", timeout=60).json()["content"]
    kid = hub.s.post(f"{base}/kernels", json={"name": "python3"}, timeout=60).json()["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kid}/channels",
                                     header=[f"Authorization: token {hub.token}"], timeout=300)
    result = {"cells": 0, "errors": [], "widgets": 0, "plots": 0, "kernel": kid}
    try:
        for cell in nb["cells"]:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] != "code" or not src.strip():
                continue
            result["cells"] += 1
            _execute(ws, src, result)
    finally:
        ws.close()
    return result


def _execute(ws, code: str, result: dict) -> None:
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "lt", "session": msg_id, "version": "5.3"},
                        "parent_header": {}, "metadata": {}, "channel": "shell",
                        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}}))
    got_reply = got_idle = False
    deadline = time.time() + 300
    while not (got_reply and got_idle):
        if time.time() > deadline:
            raise TimeoutError("cell did not finish")
        m = json.loads(ws.recv())
        if m.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        t = m["header"]["msg_type"]
        if t == "execute_reply":
            got_reply = True
            if m["content"]["status"] != "ok":
                result["errors"].append(m["content"].get("ename", "error"))
        elif t == "status" and m["content"]["execution_state"] == "idle":
            got_idle = True  # wait for idle, not just the reply, before reading outputs
        elif t == "error":
            result["errors"].append(m["content"]["ename"])
        elif t in ("display_data", "execute_result") and "application/vnd.jupyter.widget-view+json" in m["content"]["data"]:
            result["widgets"] += 1
        elif t in ("comm_open", "comm_msg") and "data:image/png;base64," in json.dumps(m["content"].get("data", {})):
            result["plots"] += 1  # a LivePlot's PNG arriving in a widget's state


def user_pss_mb(user: str) -> tuple[float, float]:
    """(server + kernels, kernels only) PSS in MB of one learner's processes."""
    total = kernels = 0.0
    for p in psutil.process_iter(["cmdline"]):
        try:
            if p.environ().get("JUPYTERHUB_USER") != user:
                continue
            info = p.memory_full_info()
            pss = info.pss / 1e6
            if os.environ.get("VT_HUB_DEBUG"):
                print(f"{user} pid {p.pid} {' '.join(p.info['cmdline'] or [])[:60]}: pss {pss:.0f} uss {info.uss / 1e6:.0f} rss {info.rss / 1e6:.0f}")
            total += pss
            if "ipykernel_launcher" in " ".join(p.info["cmdline"] or []):
                kernels += pss
        except (psutil.Error, OSError):
            continue
    return total, kernels


def bare_kernel_pss(hub: Hub, user: str) -> float:
    base = f"{hub.url}/user/{user}/api"
    kid = hub.s.post(f"{base}/kernels", json={"name": "python3"}, timeout=60).json()["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kid}/channels",
                                     header=[f"Authorization: token {hub.token}"], timeout=120)
    r = {"errors": [], "widgets": 0, "plots": 0}
    _execute(ws, BARE, r)
    ws.close()
    time.sleep(0.3)
    pss = 0.0
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "ipykernel_launcher" in cmd and kid in cmd:  # the kernel's connection file names its id
            info = p.memory_full_info()
            pss = info.pss / 1e6
            print(f"bare kernel pid {p.pid}: pss {pss:.0f} MB, uss {info.uss / 1e6:.0f} MB, rss {info.rss / 1e6:.0f} MB")
    hub.s.delete(f"{base}/kernels/{kid}", timeout=30)
    return pss


def module_notebook() -> str:
    for cand in ("04_CEM.ipynb", "02_Imageproblem.ipynb", "05_Kundenbindung.ipynb"):
        if (ROOT / "notebooks" / cand).exists():
            return cand
    return sorted(p.name for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb"))[0]


def run(learners: int = 3, keep: bool = False) -> dict:
    base = Path(tempfile.mkdtemp(prefix="vthub-"))
    repo = base / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True, timeout=120)
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True).stdout.strip() or "main"
    hub = Hub(base)
    tag = secrets.token_hex(2)
    users = [f"lt{tag}{i:02d}" for i in range(learners)]
    notebooks = ["vertrieb30/notebooks/00_Start.ipynb", f"vertrieb30/notebooks/{module_notebook()}"]
    report: dict = {"learners": learners, "notebooks": notebooks, "failures": [], "per_learner": {}}
    try:
        hub.start()
        t0 = time.perf_counter()
        hub.api("POST", "/users", json={"usernames": users})
        for u in users:
            hub.s.post(f"{hub.url}/hub/api/users/{u}/server", timeout=60)
        hub.wait(lambda: all(hub.api("GET", f"/users/{u}")["servers"].get("", {}).get("ready") for u in users),
                 60 + 10 * learners, "servers not ready")
        report["servers_ready_s"] = time.perf_counter() - t0

        def learner(u):
            try:
                pull = f"{hub.url}/user/{u}/git-pull/api?" + urllib.parse.urlencode(
                    {"repo": f"file://{repo}", "branch": branch, "targetpath": "vertrieb30"})
                with hub.s.get(pull, stream=True, timeout=300) as r:
                    r.raise_for_status()
                    events = [json.loads(line[5:]) for line in r.iter_lines(decode_unicode=True) if line and line.startswith("data:")]
                if not events or events[-1].get("phase") != "finished":
                    raise RuntimeError(f"nbgitpuller: {events[-1] if events else 'no events'}")
                res = [run_notebook(hub, u, nb) for nb in notebooks]
                report["per_learner"][u] = {"runs": res}
                for nb, r in zip(notebooks, res):
                    if r["errors"] or r["widgets"] == 0 or r["plots"] == 0:
                        report["failures"].append(f"{u} {nb}: errors={r['errors']} widgets={r['widgets']} plots={r['plots']}")
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                report["failures"].append(f"{u}: {type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=learner, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
        report["notebooks_done_s"] = time.perf_counter() - t0
        mems = {u: user_pss_mb(u) for u in users}
        for u, (tot, ker) in mems.items():
            report["per_learner"].setdefault(u, {}).update({"pss_mb": tot, "kernels_pss_mb": ker})
        totals = [m[0] for m in mems.values() if m[0] > 0]
        kern = [m[1] / len(notebooks) for m in mems.values() if m[1] > 0]
        report["pss_per_learner_mb"] = sum(totals) / len(totals) if totals else float("nan")
        report["kernel_pss_mb"] = sum(kern) / len(kern) if kern else float("nan")
        report["bare_kernel_pss_mb"] = bare_kernel_pss(hub, users[0])
        report["kernel_vs_bare"] = report["kernel_pss_mb"] / report["bare_kernel_pss_mb"]
        report["learners_per_gb"] = 1000 / report["pss_per_learner_mb"]
    finally:
        hub.stop(users)
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
            for u in users:
                shutil.rmtree(f"/tmp/vtrt-{u}", ignore_errors=True)
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=3)
    a = ap.parse_args(argv)
    r = run(a.learners)
    print(f"learners: {r['learners']}  failures: {len(r['failures'])}")
    print(f"all servers ready: {r['servers_ready_s']:.1f} s   all notebooks done: {r['notebooks_done_s']:.1f} s")
    print(f"per learner (server + {len(r['notebooks'])} kernels, PSS): {r['pss_per_learner_mb']:.0f} MB  → {r['learners_per_gb']:.1f} learners per GB")
    print(f"kernel after run-all: {r['kernel_pss_mb']:.0f} MB vs bare kernel {r['bare_kernel_pss_mb']:.0f} MB → {r['kernel_vs_bare']:.2f}×")
    for f in r["failures"]:
        print("FAIL", f)
    out = ROOT / "artifacts" / f"hub-loadtest-{a.learners}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(r, indent=1))
    return 1 if r["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
