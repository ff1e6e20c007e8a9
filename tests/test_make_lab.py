"""`make lab` and `vertrieb30-lab` bring up JupyterLab on the printed URL, opened on 00_Start, in German;
make and the launcher accept Python 3.11–3.13 and say in German which version they found otherwise."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from .helpers import free_port, install_course_copy
from .notebook_files import ROOT

pytestmark = pytest.mark.slow
LAB_URL = r"(http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00_Start\.ipynb\?token=(\w+))"


def _printed_url(proc, deadline: float) -> tuple[str, list[str]]:
    """Read ``proc``'s output until it prints the JupyterLab URL; returns (url, lines read)."""
    lines = []
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        lines.append(line)
        m = re.search(LAB_URL, line)
        if m:
            return m.group(1), lines
    raise AssertionError("no URL printed:\n" + "".join(lines[-20:]))


def _stop_group(proc) -> None:
    """Stop ``proc`` and everything it started (its process group)."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def test_make_lab_answers_on_printed_url():
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="vt-lab-")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": tmp, "JUPYTER_CONFIG_DIR": tmp, "JUPYTERLAB_WORKSPACES_DIR": tmp,
           "JUPYTERLAB_SETTINGS_DIR": tmp}
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.time() + 120
        url, _ = _printed_url(proc, deadline)
        assert f":{port}/" in url
        body = None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    body = r.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert body and "JupyterLab" in body, "JupyterLab did not answer on the printed URL"
        token = url.split("token=")[1]
        api = f"http://127.0.0.1:{port}/api/contents/notebooks/00_Start.ipynb?token={token}&content=0"
        with urllib.request.urlopen(api, timeout=10) as r:
            assert r.status == 200
        settings = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        with urllib.request.urlopen(settings, timeout=10) as r:
            schema = json.loads(r.read().decode("utf-8"))["schema"]
        assert schema["properties"]["locale"]["default"] == "de_DE", "German UI preset missing"
    finally:
        _stop_group(proc)


# -- `vertrieb30-lab`: the same without make (Windows, conda, plain pip) -----------------------

def _install_console_script(tmp_path):
    """pip install (non-editable, no deps) a copy of the course into a temp prefix; returns
    (path of the installed vertrieb30-lab, its site-packages)."""
    prefix = tmp_path / "prefix"
    site = install_course_copy(tmp_path, prefix)
    # the test's own environment keeps its course install (pip --prefix alone would uninstall it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    chk = subprocess.run([sys.executable, "-c", "import course_lib"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert chk.returncode == 0, "installing the copy removed the course from the test environment: " + chk.stderr[-300:]
    exe = prefix / "bin" / "vertrieb30-lab"
    assert exe.exists(), "the console script vertrieb30-lab was not installed"
    return exe, site


def _wait_status(port: int, token: str, deadline: float) -> dict:
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5) as r:
                return json.loads(r.read().decode("utf-8"))
        except OSError:
            time.sleep(0.5)
    raise AssertionError("JupyterLab did not answer /api/status")


def test_console_script_vertrieb30_lab_starts_jupyterlab(tmp_path):
    exe, site = _install_console_script(tmp_path)
    port = free_port()
    rt = tmp_path / "rt"
    rt.mkdir()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(rt), "JUPYTER_CONFIG_DIR": str(rt),
           "JUPYTERLAB_WORKSPACES_DIR": str(rt), "JUPYTERLAB_SETTINGS_DIR": str(rt),
           "PYTHONPATH": str(site)}  # the installed (non-editable) course_lib, not the checkout
    proc = subprocess.Popen([str(exe), "--port", str(port)], cwd=ROOT / "notebooks", env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.time() + 120
        url, lines = _printed_url(proc, deadline)
        lines.append(proc.stdout.readline())
        assert "Vertrieb 3.0 startet" in "".join(lines) and "Strg+C" in lines[-1]
        token = url.split("token=")[1]
        assert f":{port}/" in url
        status = _wait_status(port, token, deadline)
        assert "started" in status
        # served from the course folder found from the working directory (notebooks/ → its parent)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/notebooks/00_Start.ipynb?token={token}&content=0",
                                    timeout=10) as r:
            assert r.status == 200
        settings = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        with urllib.request.urlopen(settings, timeout=10) as r:
            assert json.loads(r.read().decode("utf-8"))["schema"]["properties"]["locale"]["default"] == "de_DE"
        # the running course_lib is the installed copy
        code = "import course_lib, sys; print(course_lib.__file__)"
        out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                             timeout=60).stdout
        assert out.startswith(str(site)), out
    finally:
        _stop_group(proc)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=3)


def test_launcher_arguments_and_root_flag(monkeypatch, tmp_path):
    from course_lib import launcher

    argv = launcher.lab_argv(ROOT, 8899, "abc", as_root=False, browser=False)
    assert "--ServerApp.port=8899" in argv and "--ServerApp.ip=127.0.0.1" in argv and "--ServerApp.port_retries=0" in argv
    assert "--IdentityProvider.token=abc" in argv and "--no-browser" in argv and "--allow-root" not in argv
    assert "--allow-root" in launcher.lab_argv(ROOT, 8899, "abc", as_root=True, browser=True)
    monkeypatch.delattr(os, "geteuid", raising=False)  # Windows has no geteuid: never --allow-root
    assert launcher.running_as_root() is False
    assert launcher.find_root(ROOT / "notebooks") == ROOT
    monkeypatch.setattr(launcher, "__file__", str(tmp_path / "x" / "launcher.py"))
    assert launcher.find_root(tmp_path) is None
    assert launcher.main(["--root", str(tmp_path)]) == 2


@pytest.mark.parametrize("version,ok", [((3, 10, 12), False), ((3, 11, 0), True), ((3, 11, 2), True), ((3, 11, 9), True),
                                        ((3, 12, 0), True), ((3, 13, 7), True), ((3, 14, 0), False)])
def test_launcher_python_check_in_german(version, ok):
    from course_lib import launcher

    msg = launcher.python_problem(version)
    assert (msg is None) == ok
    if not ok:
        assert "gefunden wurde Python " + ".".join(map(str, version)) in msg and "3.11, 3.12 oder 3.13" in msg


@pytest.mark.parametrize("version,ok", [("3, 10, 9", False), ("3, 11, 0", True), ("3, 11, 2", True), ("3, 12, 1", True),
                                        ("3, 13, 0", True), ("3, 14, 0", False)])
def test_make_checks_python_version_in_german(tmp_path, version, ok):
    """`make` accepts 3.11–3.13 and names the version it found otherwise (no install happens)."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "sitecustomize.py").write_text(f"import sys; sys.version_info = ({version}, 'final', 0)\n")
    r = subprocess.run(["make", "-s", "--no-print-directory", "check-python", f"VENV={tmp_path / 'novenv'}",
                        f"PYTHON={sys.executable}"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(fake)},
                       capture_output=True, text=True, timeout=60)
    assert (r.returncode == 0) == ok, r.stdout + r.stderr
    if not ok:
        shown = version.replace(", ", ".")
        assert f"gefunden wurde Python {shown}" in r.stderr and "3.11, 3.12 oder 3.13" in r.stderr
