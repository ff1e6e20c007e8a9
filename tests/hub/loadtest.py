"""JupyterHub load test on loopback with isolated learners (issue #22).

Starts a real JupyterHub (TEST-ONLY config tests/hub/hubconfig_testonly.py) with
configurable-http-proxy (npm, installed project-locally into build/hub-proxy from
deploy/proxy/package-lock.json) and JupyterHub's default LocalProcessSpawner. As root it
creates N real Unix users (``useradd -m``, home mode 0700; all removed afterwards), starts
their servers, pulls the course into every home with nbgitpuller from a local bare clone of
this repository, and runs the course notebooks (00_Start + one module, all code cells)
through each single-user server's kernel API, checking that every cell succeeded and that
widget and plot outputs came back. The course is installed for the learners the way the
workshop image does it: non-editable (``pip install --no-deps``) into a folder outside every
home. The servers get the recipes' environment and server settings, including the course
kernel spec (``deploy/jupyter``, ``JUPYTER_PATH``: ipykernel without debugpy); every
learner's kernel is checked to run without debugpy.

Isolation: every learner's server and kernels must run as the learner's own user; from
learner A's kernel the test tries to read learner B's home, B's learner-data file, B's
runtime folder (kernel keys), B's server environment (/proc/<pid>/environ, holds B's API
token), the hub's database and its cookie secret – every attempt must be denied, while A
reads its own data (control).

Measures: time to all servers ready, time to all notebooks done, per-learner memory (PSS of
the learner's server and of its kernels, separately), a bare kernel, failures, learners per
GB. Stops everything it started; loopback only; every wait is bounded.

    python -m tests.hub.loadtest --learners 20          # as root
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import psutil
import requests
import websocket

from ..helpers import free_port, install_course_copy

ROOT = Path(__file__).resolve().parents[2]
PROXY_DIR = ROOT / "build" / "hub-proxy"
BARE = "import ipywidgets, matplotlib, matplotlib.pyplot, pandas, numpy"
CONFIG = ROOT / "tests" / "hub" / "hubconfig_testonly.py"
SERVER_CONFIG = ROOT / "deploy" / "singleuser" / "vertrieb30.json"  # shipped by the workshop recipes
KERNEL_SPECS = ROOT / "deploy" / "jupyter"  # the course kernel spec "python3" (no debugger), JUPYTER_PATH
# how a kernel process is recognised (its command line): the course's hub kernel or ipykernel's own
KERNEL_LAUNCHERS = ("course_lib.hubkernel", "ipykernel_launcher")


class NotRoot(RuntimeError):
    """Real Unix users can only be created as root."""


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
    def __init__(self, base: Path, learner_bin: Path, learner_pythonpath: str, users: list[str], extra_args=()):
        self.base = base
        self.learner_bin, self.learner_pythonpath, self.users = learner_bin, learner_pythonpath, users
        self.extra_args = list(extra_args)
        self.gitconfig = None
        self.extra_env = {}
        self.server_config_dir = None
        self.port, self.api_port, self.proxy_api = free_port(), free_port(), free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = None
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"token {self.token}"

    def start(self) -> None:
        env = {**os.environ, "VT_HUB_BASE": str(self.base), "VT_HUB_LEARNER_BIN": str(self.learner_bin),
               "VT_HUB_LEARNER_PYTHONPATH": self.learner_pythonpath, "VT_HUB_LEARNERS": json.dumps(self.users),
               "VT_HUB_EXTRA_ARGS": json.dumps(self.extra_args), "VT_HUB_EXTRA_ENV": json.dumps(self.extra_env),
               "VT_HUB_SERVER_CONFIG_DIR": str(self.server_config_dir), "VT_HUB_GITCONFIG": str(self.gitconfig),
               "VT_HUB_PORT": str(self.port), "VT_HUB_API_PORT": str(self.api_port), "VT_PROXY_API_PORT": str(self.proxy_api),
               "VT_CHP": str(ensure_proxy()), "VT_PROXY_TOKEN": secrets.token_hex(16), "VT_HUB_PASSWORD": secrets.token_hex(16),
               "VT_HUB_ADMIN_TOKEN": self.token}
        env.pop("CONFIGPROXY_AUTH_TOKEN", None)
        self.log = open(self.base / "hub.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
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
        raise TimeoutError(f"{what}; hub log: {(self.base / 'hub.log').read_text()[-2000:]}")

    def api(self, method: str, path: str, **kw):
        r = self.s.request(method, self.url + "/hub/api" + path, timeout=60, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def stop(self) -> None:
        """Stop the learners' servers and the hub; nothing started for ``self.users`` may survive."""
        for u in self.users:
            try:
                self.s.delete(f"{self.url}/hub/api/users/{u}/server", timeout=30)
            except requests.RequestException:
                pass  # best effort while tearing down: the processes are killed below
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.kill_leftovers()
        if self.log:
            self.log.close()

    def kill_leftovers(self) -> None:
        """Kill what is left of the learners' servers (here: every process of their Unix users)."""
        kill_user_processes(self.users)


# -- real Unix users -----------------------------------------------------------------------------

def kill_user_processes(users) -> None:
    """Nothing of the test's learners may survive: kill their processes by PID."""
    users = set(users)
    for p in psutil.process_iter(["username"]):
        try:
            if p.info["username"] in users:
                p.kill()
        except (psutil.Error, OSError):
            pass


def create_users(users: list[str]) -> None:
    for u in users:
        subprocess.run(["useradd", "-m", "-s", "/bin/sh", "-c", "vertrieb30 load test (temporary)", u],
                       check=True, capture_output=True, timeout=60)
        home = Path(pwd.getpwnam(u).pw_dir)
        os.chmod(home, 0o700)  # useradd -m creates 0755 homes; a learner's home is private


def remove_users(users: list[str]) -> None:
    kill_user_processes(users)
    for u in users:
        try:
            pwd.getpwnam(u)
        except KeyError:
            continue
        subprocess.run(["userdel", "-r", "-f", u], capture_output=True, timeout=60)
        shutil.rmtree(f"/tmp/vtrt-{u}", ignore_errors=True)


def as_user(user: str, cmd: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["su", "-s", "/bin/sh", user, "-c", f"cd /tmp && {cmd}"], capture_output=True, text=True,
                          timeout=timeout)


def learner_environment(pub: Path, probe_user: str) -> Path:
    """The bin/ folder of a Python environment an unprivileged learner can execute.

    The project venv if the learner can run its Python (all path components readable);
    otherwise – e.g. a root-owned CI clone, or a venv whose base Python lives under /root – a
    thin venv in ``pub`` from a system Python of the same version that adds the project's
    site-packages (read-only) and has its own ``jupyterhub-singleuser``."""
    venv_bin = Path(sys.executable).parent
    probe = "import jupyterhub, ipykernel, numpy, pandas, matplotlib, nbgitpuller"
    if as_user(probe_user, f"{venv_bin / 'python'} -c '{probe}'").returncode == 0:
        return venv_bin
    site = sysconfig.get_paths()["purelib"]
    ver = f"{sys.version_info[0]}.{sys.version_info[1]}"
    base_py = shutil.which(f"python{ver}", path="/usr/bin:/usr/local/bin")
    if not base_py:
        raise RuntimeError(f"learners cannot execute {sys.executable} and there is no system python{ver}: "
                           "make the project venv readable for other users (chmod o+rx on every folder of its path)")
    env = pub / "learner-env"
    subprocess.run([base_py, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    sp = Path(sysconfig.get_paths(vars={"base": str(env), "platbase": str(env)})["purelib"])
    (sp / "vt-project-site.pth").write_text(f"import site; site.addsitedir({site!r})\n")
    for sub in ("etc", "share"):  # server extensions (nbgitpuller) and kernel specs of the project venv
        target = Path(sys.prefix) / sub
        if target.exists():
            (env / sub).symlink_to(target)
    su = env / "bin" / "jupyterhub-singleuser"
    su.write_text(f"#!{env / 'bin' / 'python'}\nimport sys\nfrom jupyterhub.singleuser import main\nsys.exit(main())\n")
    su.chmod(0o755)
    r = as_user(probe_user, f"{env / 'bin' / 'python'} -c '{probe}'")
    if r.returncode != 0:
        raise RuntimeError(f"learners cannot import the course dependencies from {site}: {r.stderr[-800:]}\n"
                           "make the project venv readable for other users (chmod o+rx on every folder of its path)")
    return env / "bin"


def install_course(pub: Path, python: Path) -> str:
    """The course installed non-editable into ``pub`` (as the workshop image does); returns
    the folder to put on the learners' PYTHONPATH."""
    return str(install_course_copy(pub, pub / "course"))


# -- running code in a learner's kernel ----------------------------------------------------------

def _open_kernel(hub: Hub, user: str):
    base = f"{hub.url}/user/{user}/api"
    r = hub.s.post(f"{base}/kernels", json={"name": "python3"}, timeout=120)
    r.raise_for_status()
    kid = r.json()["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kid}/channels",
                                     header=[f"Authorization: token {hub.token}"], timeout=300)
    return kid, ws


def run_notebook(hub: Hub, user: str, nb_path: str) -> dict:
    """Execute a notebook's code cells via the user's kernel API; report errors and outputs."""
    base = f"{hub.url}/user/{user}/api"
    nb = hub.s.get(f"{base}/contents/{urllib.parse.quote(nb_path)}", timeout=60).json()["content"]
    path = f"{hub.url}/user/{user}/api/sessions"
    # a session (not a bare kernel) so that the kernel starts in the notebook's folder, as in JupyterLab
    r = hub.s.post(path, json={"path": nb_path, "type": "notebook", "name": nb_path.rsplit("/", 1)[-1],
                               "kernel": {"name": "python3"}}, timeout=120)
    r.raise_for_status()
    kid = r.json()["kernel"]["id"]
    ws = websocket.create_connection(f"ws://127.0.0.1:{hub.port}/user/{user}/api/kernels/{kid}/channels",
                                     header=[f"Authorization: token {hub.token}"], timeout=300)
    result = {"cells": 0, "errors": [], "widgets": 0, "plots": 0, "kernel": kid, "stdout": "", "html": "",
              "notebook": nb_path.rsplit("/", 1)[-1]}
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


def run_code(hub: Hub, user: str, code: str, keep: bool = False, info: bool = False) -> dict:
    kid, ws = _open_kernel(hub, user)
    result = {"errors": [], "widgets": 0, "plots": 0, "stdout": "", "html": "", "kernel": kid}
    try:
        if info:  # what JupyterLab asks first: the debugger button depends on "supported_features"
            result["kernel_info"] = _kernel_info(ws)
        _execute(ws, code, result)
    finally:
        ws.close()
        if not keep:
            hub.s.delete(f"{hub.url}/user/{user}/api/kernels/{kid}", timeout=30)
    return result


def _kernel_info(ws) -> dict:
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "username": "lt", "session": msg_id, "version": "5.3"},
                        "parent_header": {}, "metadata": {}, "channel": "shell", "content": {}}))
    deadline = time.time() + 120
    while time.time() < deadline:
        m = json.loads(ws.recv())
        if m.get("parent_header", {}).get("msg_id") == msg_id and m["header"]["msg_type"] == "kernel_info_reply":
            return m["content"]
    raise TimeoutError("no kernel_info_reply")


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
        elif t == "stream" and m["content"].get("name") == "stdout":
            result["stdout"] = result.get("stdout", "") + m["content"]["text"]
        elif t in ("display_data", "execute_result"):
            data = m["content"]["data"]
            if "application/vnd.jupyter.widget-view+json" in data:
                result["widgets"] += 1
            if "text/html" in data:
                result["html"] = result.get("html", "") + data["text/html"]
        if t in ("comm_open", "comm_msg"):
            state = json.dumps(m["content"].get("data", {}))
            # a LivePlot's PNG or an SVG chart (blocks/svgplot.py, the start page) arriving in a widget's state
            if "data:image/png;base64," in state or "vt-svgchart" in state:
                result["plots"] += 1


# -- isolation -------------------------------------------------------------------------------------

SAVE = """
from course_lib.storage import Store, data_dir
Store("reflections").update(lambda d: d.setdefault("m01", {}).update(r1={"text": "geheim-%s"}))
print("SAVED", data_dir() / "reflections.json")
import json as _j, os as _o, sys as _s, ipykernel.debugger as _d
print("KERNEL " + _j.dumps({"debugpy_imported": _s.modules.get("debugpy") is not None,
                            "debugpy_available": _d._is_debugpy_available, "launcher": _o.path.basename(_s.argv[0])}))
"""

PROBE = r"""
import json, os, pwd
targets = json.loads(%r)
out = {"whoami": pwd.getpwuid(os.getuid()).pw_name, "results": {}}
for name, (kind, path) in targets.items():
    try:
        if kind == "list":
            os.listdir(path)
        elif kind == "write":
            with open(path, "w") as fh:
                fh.write("x")
        else:
            with open(path, "rb") as fh:
                fh.read(64)
        out["results"][name] = "READ"
    except PermissionError:
        out["results"][name] = "denied"
    except FileNotFoundError:
        out["results"][name] = "missing"
    except OSError as exc:
        out["results"][name] = type(exc).__name__
print("PROBE" + json.dumps(out))
"""


def server_pid(user: str) -> int | None:
    for p in psutil.process_iter(["username", "cmdline"]):
        try:
            if p.info["username"] == user and "jupyterhub-singleuser" in " ".join(p.info["cmdline"] or []):
                return p.pid
        except psutil.Error:
            continue
    return None


def check_isolation(hub: Hub, a: str, b: str, data_files: dict) -> dict:
    """From A's kernel, try to read B's things and the hub's secrets; A's own data is the control."""
    home_b = pwd.getpwnam(b).pw_dir
    pid_b = server_pid(b)
    targets = {
        "B home (list)": ("list", home_b),
        "B learner data file": ("read", data_files[b]),
        "B learner data folder (list)": ("list", str(Path(data_files[b]).parent)),
        "B course notebook": ("read", f"{home_b}/vertrieb30/notebooks/00_Start.ipynb"),
        "B runtime folder (kernel keys)": ("list", f"/tmp/vtrt-{b}"),
        "B server environment (API token)": ("read", f"/proc/{pid_b}/environ"),
        "write into B home": ("write", f"{home_b}/von-{a}.txt"),
        "hub database": ("read", str(hub.base / "jupyterhub.sqlite")),
        "hub cookie secret": ("read", str(hub.base / "cookie_secret")),
        "hub folder (list)": ("list", str(hub.base)),
        "own learner data file (control)": ("read", data_files[a]),
    }
    r = run_code(hub, a, PROBE % json.dumps(targets))
    line = next((x for x in r["stdout"].splitlines() if x.startswith("PROBE")), None)
    if r["errors"] or not line:
        return {"pair": f"{a}->{b}", "error": f"probe failed: {r['errors']} {r['stdout'][-300:]}"}
    out = json.loads(line[5:])
    res = out["results"]
    leaks = [k for k, v in res.items() if "control" not in k and v != "denied"]
    control_ok = res["own learner data file (control)"] == "READ"
    return {"pair": f"{a}->{b}", "whoami": out["whoami"], "results": res, "leaks": leaks,
            "control_ok": control_ok, "ok": out["whoami"] == a and not leaks and control_ok}


def process_owners(users) -> dict:
    """{learner: set of Unix users that own a process started for that learner}."""
    owners = {u: set() for u in users}
    for p in psutil.process_iter(["username"]):
        try:
            u = p.environ().get("JUPYTERHUB_USER")
            if u in owners:
                owners[u].add(p.info["username"])
        except (psutil.Error, OSError):
            continue
    return owners


# -- memory ------------------------------------------------------------------------------------------

def user_pss_mb(user: str) -> dict:
    """PSS in MB of one learner's single-user server and of each of its kernels."""
    server, kernels, by_id = 0.0, [], {}
    for p in psutil.process_iter(["username", "cmdline"]):
        try:
            if p.info["username"] != user:
                continue
            info = p.memory_full_info()
            pss = info.pss / 1e6
            cmd = " ".join(p.info["cmdline"] or [])
            if os.environ.get("VT_HUB_DEBUG"):
                print(f"{user} pid {p.pid} {cmd[:60]}: pss {pss:.0f} uss {info.uss / 1e6:.0f} rss {info.rss / 1e6:.0f}")
            if any(k in cmd for k in KERNEL_LAUNCHERS):
                kernels.append(pss)
                kid = next((a.rsplit("kernel-", 1)[1][:-5] for a in p.info["cmdline"] if a.endswith(".json") and "kernel-" in a), None)
                if kid:  # the connection file kernel-<id>.json names the kernel
                    by_id[kid] = pss
            else:
                server += pss
        except (psutil.Error, OSError):
            continue
    return {"server": server, "kernels": kernels, "by_kernel_id": by_id, "total": server + sum(kernels)}


def bare_kernel_pss(hub: Hub, user: str) -> float:
    r = run_code(hub, user, BARE, keep=True)
    time.sleep(0.3)
    pss = 0.0
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if any(k in cmd for k in KERNEL_LAUNCHERS) and r["kernel"] in cmd:  # the kernel's connection file names its id
            info = p.memory_full_info()
            pss = info.pss / 1e6
    hub.s.delete(f"{hub.url}/user/{user}/api/kernels/{r['kernel']}", timeout=30)
    return pss


def module_notebook() -> str:
    for cand in ("04_CEM.ipynb", "02_Imageproblem.ipynb", "05_Kundenbindung.ipynb"):
        if (ROOT / "notebooks" / cand).exists():
            return cand
    return sorted(p.name for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb"))[0]


def _avg(xs):
    xs = [x for x in xs if x > 0]
    return sum(xs) / len(xs) if xs else float("nan")


def run(learners: int = 3, keep: bool = False, extra_args=(), extra_env=None, module: str | None = None) -> dict:
    if os.geteuid() != 0:
        raise NotRoot("the isolation load test creates real Unix users (useradd) and must run as root")
    base = Path(tempfile.mkdtemp(prefix="vthub-"))       # 0700: hub database, cookie secret, log
    pub = Path(tempfile.mkdtemp(prefix="vthub-pub-"))    # readable by learners: course repo, course install
    os.chmod(pub, 0o755)
    repo = pub / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True, timeout=120)
    conf = pub / "jupyter-config" / "jupyter_server_config.d"
    conf.mkdir(parents=True)
    # as postBuild/TLJH install it: next to the extensions' own files, sorted after them
    for f in (Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d").glob("*.json"):
        shutil.copy2(f, conf / f.name)
    shutil.copy2(SERVER_CONFIG, conf / "zz-vertrieb30.json")
    kernel_path = install_kernel_specs(pub / "jupyter")  # as postBuild/TLJH install deploy/jupyter
    (pub / "gitconfig").write_text(f"[safe]\n\tdirectory = {repo}\n")
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True).stdout.strip() or "main"
    tag = secrets.token_hex(2)
    users = [f"vt{tag}l{i:02d}" for i in range(learners)]
    notebooks = ["vertrieb30/notebooks/00_Start.ipynb", f"vertrieb30/notebooks/{module or module_notebook()}"]
    report: dict = {"learners": learners, "notebooks": notebooks, "failures": [], "per_learner": {}, "isolation": [],
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}  # figures depend on the machine's load
    hub = None
    try:
        create_users(users)
        learner_bin = learner_environment(pub, users[0])
        pythonpath = install_course(pub, learner_bin / "python")
        subprocess.run(["chmod", "-R", "a+rX", str(pub)], check=True, timeout=120)
        report["learner_python"] = str(learner_bin / "python")
        hub = Hub(base, learner_bin, pythonpath, users, extra_args)
        hub.gitconfig = pub / "gitconfig"
        hub.extra_env = {**recipe_env(), "JUPYTER_PATH": str(kernel_path), **dict(extra_env or {})}
        report["server_env"] = hub.extra_env
        hub.server_config_dir = pub / "jupyter-config"
        hub.start()
        t0 = time.perf_counter()
        known = {x["name"] for x in hub.api("GET", "/users")}  # allowed_users are created by the hub itself
        if set(users) - known:
            hub.api("POST", "/users", json={"usernames": sorted(set(users) - known)})
        for u in users:
            hub.s.post(f"{hub.url}/hub/api/users/{u}/server", timeout=60)
        hub.wait(lambda: all(hub.api("GET", f"/users/{u}")["servers"].get("", {}).get("ready") for u in users),
                 90 + 10 * learners, "servers not ready")
        report["servers_ready_s"] = time.perf_counter() - t0
        report["server_pss_at_start_mb"] = _avg([user_pss_mb(u)["server"] for u in users])
        report["server_extensions_off"] = _extensions_off(hub, users[0])
        data_files: dict[str, str] = {}

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
                    if "vt-msg" in r["html"] and "course_lib" in r["html"]:
                        report["failures"].append(f"{u} {nb}: version notice shown: {r['html'][:200]}")
                saved = run_code(hub, u, SAVE % u, info=True)
                line = next((x for x in saved["stdout"].splitlines() if x.startswith("SAVED ")), None)
                if saved["errors"] or not line:
                    raise RuntimeError(f"saving a reflection failed: {saved['errors']} {saved['stdout'][-300:]}")
                data_files[u] = line[6:].strip()
                kline = next((x for x in saved["stdout"].splitlines() if x.startswith("KERNEL ")), "KERNEL {}")
                report["per_learner"][u]["kernel"] = {
                    **json.loads(kline[7:]), "supported_features": saved["kernel_info"].get("supported_features")}
            except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
                report["failures"].append(f"{u}: {type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=learner, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=900)
        report["notebooks_done_s"] = time.perf_counter() - t0

        # memory with 00_Start and one module open (two kernels per learner)
        mems = {u: user_pss_mb(u) for u in users}
        for u, m in mems.items():
            report["per_learner"].setdefault(u, {})["pss_mb"] = m
        report["server_pss_mb"] = _avg([m["server"] for m in mems.values()])
        report["kernel_pss_mb"] = _avg([k for m in mems.values() for k in m["kernels"]])
        report["kernels_per_learner"] = _avg([len(m["kernels"]) for m in mems.values()])
        report["pss_per_learner_mb"] = _avg([m["total"] for m in mems.values()])
        report["learners_per_gb"] = 1000 / report["pss_per_learner_mb"]
        # the kernels by notebook (00_Start's kernel has no pandas, the module's may have)
        by_nb: dict[str, list[float]] = {}
        for u, m in mems.items():
            for run_ in report["per_learner"][u].get("runs", []):
                if run_.get("kernel") in m["by_kernel_id"]:
                    by_nb.setdefault(run_["notebook"], []).append(m["by_kernel_id"][run_["kernel"]])
        report["kernel_pss_by_notebook_mb"] = {nb: _avg(v) for nb, v in by_nb.items()}
        module_nb = notebooks[-1].rsplit("/", 1)[-1]
        module_kernel = report["kernel_pss_by_notebook_mb"].get(module_nb, report["kernel_pss_mb"])
        # after idle culling only the module's kernel stays: server + the module's kernel
        report["pss_per_learner_after_cull_mb"] = report["server_pss_mb"] + module_kernel
        report["load_average_at_memory"] = [round(x, 2) for x in os.getloadavg()]
        report["learners_per_gb_after_cull"] = 1000 / report["pss_per_learner_after_cull_mb"]

        # isolation: processes run as their learner; A cannot read B's files or the hub's secrets
        owners = process_owners(users)
        report["process_owners"] = {u: sorted(o) for u, o in owners.items()}
        for u, o in owners.items():
            if o != {u}:
                report["failures"].append(f"{u}: processes run as {sorted(o)}, expected only {u}")
        for i, a in enumerate(users):
            b = users[(i + 1) % len(users)]
            if a == b or a not in data_files or b not in data_files:
                continue
            iso = check_isolation(hub, a, b, data_files)
            report["isolation"].append(iso)
            if not iso.get("ok"):
                report["failures"].append(f"isolation {iso['pair']}: {iso.get('error') or iso}")
        report["kernel_launchers"] = _launchers(users)
        report["bare_kernel_pss_mb"] = bare_kernel_pss(hub, users[0])
    finally:
        if hub:
            hub.stop()
        remove_users(users)
        left = [u for u in users if _exists(u)]
        if left:
            report["failures"].append(f"users not removed: {left}")
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
            shutil.rmtree(pub, ignore_errors=True)
    return report


# set by each recipe to a path of its own installation (the load test sets JUPYTER_PATH to its copy)
RECIPE_PATHS = ("VERTRIEB30_DATA_DIR", "JUPYTER_PATH")


def recipe_env() -> dict:
    """The single-user servers' environment of the Z2JH recipe (singleuser.extraEnv; TLJH sets
    the same), without the paths into the recipe's installation (``RECIPE_PATHS``)."""
    import yaml

    env = yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text("utf-8"))["singleuser"]["extraEnv"]
    return {k: str(v) for k, v in env.items() if k not in RECIPE_PATHS}


def install_kernel_specs(target: Path) -> Path:
    """deploy/jupyter copied to ``target`` with ipykernel's logos (as postBuild/TLJH do); the
    folder for JUPYTER_PATH."""
    shutil.copytree(KERNEL_SPECS, target)
    for logo in (Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3").glob("logo-*"):
        shutil.copy2(logo, target / "kernels" / "python3" / logo.name)
    return target


def _launchers(users) -> dict:
    """{launcher: number of the learners' kernel processes started by it}."""
    users, out = set(users), {}
    for p in psutil.process_iter(["username", "cmdline"]):
        try:
            if p.info["username"] in users:
                cmd = " ".join(p.info["cmdline"] or [])
                for k in KERNEL_LAUNCHERS:
                    if k in cmd:
                        out[k] = out.get(k, 0) + 1
        except psutil.Error:
            continue
    return out


def _extensions_off(hub: Hub, user: str) -> bool:
    """The recipe's server config is in effect: the language server extension is not loaded."""
    r = hub.s.get(f"{hub.url}/user/{user}/lsp/status", timeout=30)
    return r.status_code == 404


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=3)
    ap.add_argument("--server-arg", action="append", default=[], help="extra argument for every single-user server")
    ap.add_argument("--server-env", action="append", default=[], help="NAME=VALUE for every single-user server")
    ap.add_argument("--module", help="the module notebook next to 00_Start (default 04_CEM.ipynb)")
    a = ap.parse_args(argv)
    try:
        r = run(a.learners, extra_args=a.server_arg, extra_env=dict(e.split("=", 1) for e in a.server_env), module=a.module)
    except NotRoot as exc:
        print(f"skipped: {exc}")
        return 2
    iso = r["isolation"]
    denied = sum(1 for x in iso for k, v in x.get("results", {}).items() if "control" not in k and v == "denied")
    attempts = sum(1 for x in iso for k in x.get("results", {}) if "control" not in k)
    print(f"learners: {r['learners']}  failures: {len(r['failures'])}")
    print(f"all servers ready: {r['servers_ready_s']:.1f} s   all notebooks done: {r['notebooks_done_s']:.1f} s")
    print(f"isolation: {len(iso)} learner pairs, {denied} of {attempts} cross-user read/write attempts denied, "
          f"own-data control read ok in {sum(1 for x in iso if x.get('control_ok'))}; "
          f"processes per learner owned only by that learner: {sum(1 for u, o in r['process_owners'].items() if o == [u])}/{r['learners']}")
    print(f"per learner: server {r['server_pss_mb']:.0f} MB + {r['kernels_per_learner']:.1f} kernels × {r['kernel_pss_mb']:.0f} MB "
          f"= {r['pss_per_learner_mb']:.0f} MB PSS → {r['learners_per_gb']:.2f} learners per GB "
          f"(after idle culling of 00_Start's kernel: {r['pss_per_learner_after_cull_mb']:.0f} MB → {r['learners_per_gb_after_cull']:.2f}/GB)")
    print("kernel per notebook: " + ", ".join(f"{nb} {mb:.0f} MB" for nb, mb in r["kernel_pss_by_notebook_mb"].items()))
    print(f"bare kernel (ipywidgets, matplotlib+pyplot, pandas, numpy): {r['bare_kernel_pss_mb']:.0f} MB; "
          f"server right after spawn: {r['server_pss_at_start_mb']:.0f} MB; recipe server config in effect: {r['server_extensions_off']}")
    nodebug = sum(1 for x in r["per_learner"].values() if x.get("kernel", {}).get("debugpy_imported") is False
                  and "debugger" not in (x["kernel"].get("supported_features") or ["debugger"]))
    print(f"kernels: {r.get('kernel_launchers')} (processes by launcher); learners whose kernel runs without debugpy "
          f"and offers no debugger: {nodebug}/{r['learners']}; JUPYTER_PATH={r['server_env'].get('JUPYTER_PATH')}")
    print(f"load average (1/5/15 min) at start: {r['load_average_at_start']}, when memory was measured: "
          f"{r.get('load_average_at_memory')}")
    for f in r["failures"]:
        print("FAIL", f)
    out = ROOT / "artifacts" / f"hub-loadtest-{a.learners}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(r, indent=1))
    return 1 if r["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
