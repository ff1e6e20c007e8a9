"""`make lab` brings up JupyterLab on the printed URL, opened on 00_Start, in German."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

from .notebook_files import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_answers_on_printed_url():
    port = _free_port()
    tmp = tempfile.mkdtemp(prefix="vt-lab-")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": tmp, "JUPYTER_CONFIG_DIR": tmp, "JUPYTERLAB_WORKSPACES_DIR": tmp,
           "JUPYTERLAB_SETTINGS_DIR": tmp}
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url, lines = None, []
        deadline = time.time() + 120
        while url is None and time.time() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            m = re.search(r"(http://127\.0\.0\.1:\d+/lab/tree/notebooks/00_Start\.ipynb\?token=\w+)", line)
            if m:
                url = m.group(1)
        assert url, "no URL printed:\n" + "".join(lines[-20:])
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
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
