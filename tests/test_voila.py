"""Presentation mode: every module notebook renders as a Voilà web app without errors.

One Voilà server (tree mode, loopback, its own runtime dir) serves notebooks/; each module
is requested at /voila/render/<file>, which executes it server-side and returns the page."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from course_lib import content

from .notebook_files import ROOT

pytestmark = pytest.mark.slow
NOTEBOOKS = [m["notebook"] for m in content.modules() if (ROOT / "notebooks" / m["notebook"]).exists()]
ERROR_MARKERS = ("Traceback (most recent call last)", "There was an error when executing cell",
                 "application/vnd.jupyter.stderr", "Error displaying widget", "CourseInputError")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_url():
    port = _free_port()
    tmp = tempfile.mkdtemp(prefix="vt-voila-")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": tmp, "JUPYTER_CONFIG_DIR": tmp, "VERTRIEB30_DATA_DIR": tempfile.mkdtemp(prefix="vt-data-")}
    proc = subprocess.Popen([sys.executable, "-m", "voila", str(ROOT / "notebooks"), "--no-browser", f"--port={port}",
                             "--Voila.ip=127.0.0.1", "--show_tracebacks=True", "--ServerApp.port_retries=0"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read())
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("Voilà did not start")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.parametrize("nb", NOTEBOOKS)
def test_module_renders_in_voila(voila_url, nb):
    with urllib.request.urlopen(f"{voila_url}/voila/render/{nb}", timeout=240) as r:
        assert r.status == 200
        html = r.read().decode("utf-8")
    for marker in ERROR_MARKERS:
        assert marker not in html, f"{nb}: '{marker}' in the rendered page"
    assert "application/vnd.jupyter.widget-view+json" in html, f"{nb}: no widget in the rendered page"
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title, "page has no title"
