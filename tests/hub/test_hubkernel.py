"""The hub's course kernel (course_lib.hubkernel via deploy/jupyter/kernels/python3): ipykernel
without debugpy (≈ 7 MB less per kernel, issue #22). The spec wins over every other "python3"
when JUPYTER_PATH names deploy/jupyter's folder and is not used without it (make lab); the
kernel runs, shows widgets, offers no debugger and still shows the course version notice."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "deploy" / "jupyter"
JUPYTER = Path(sys.executable).parent / "jupyter"


def _resolved(env_extra: dict, home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    env.update({"HOME": str(home), "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"), **env_extra})
    r = subprocess.run([str(JUPYTER), "kernelspec", "list", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["kernelspecs"]["python3"]["resource_dir"]


def test_jupyter_path_puts_the_course_kernel_spec_first(tmp_path):
    # a learner who once ran `ipykernel install --user`: a user-level "python3" in their home
    user_spec = tmp_path / ".local" / "share" / "jupyter" / "kernels" / "python3"
    user_spec.mkdir(parents=True)
    (user_spec / "kernel.json").write_text(json.dumps({"argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                                       "display_name": "mine", "language": "python"}))
    assert Path(_resolved({"JUPYTER_PATH": str(SPECS)}, tmp_path)) == SPECS / "kernels" / "python3"
    # without JUPYTER_PATH (make lab, vertrieb30-lab): not the course spec
    (user_spec / "kernel.json").unlink()
    assert Path(_resolved({}, tmp_path)) != SPECS / "kernels" / "python3"
    # an image without the spec (JUPYTER_PATH names a missing folder): ipykernel's own spec, no failure
    assert Path(_resolved({"JUPYTER_PATH": str(tmp_path / "missing")}, tmp_path)) != SPECS / "kernels" / "python3"


PROBE = r"""
import json, os, sys, ipykernel.debugger
try:
    import debugpy
    blocked = False
except ImportError:
    blocked = True
json.dumps({"debugpy": sys.modules.get("debugpy") is not None, "blocked": blocked,
            "available": ipykernel.debugger._is_debugpy_available, "argv0": os.path.basename(sys.argv[0]),
            "pydevd": sorted(m for m in sys.modules if "pydevd" in m)[:3], "cwd_on_path": "" in sys.path})
"""


def _result(out: list[dict]):
    """The value of the cell's last expression (execute_result is sent before the kernel goes
    idle; printed output may arrive later)."""
    import ast

    return ast.literal_eval(next(m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"))


def _run(kc, code: str) -> list[dict]:
    out: list[dict] = []
    kc.execute_interactive(code, timeout=120, output_hook=out.append)
    errors = [m["content"] for m in out if m["msg_type"] == "error"]
    assert not errors, errors
    return out


@pytest.mark.slow
@pytest.mark.parametrize("course_spec", [True, False], ids=["course-kernel", "ipykernel-default"])
def test_course_kernel_runs_without_debugpy(tmp_path, monkeypatch, course_spec):
    """A kernel from the course spec (as a hub server starts it) has no debugpy and offers no
    debugger; widgets work; a notebooks folder needing a newer course_lib still shows the
    German notice in the first cell. ipykernel's own spec (the control) does load debugpy."""
    from jupyter_client.manager import start_new_kernel

    if course_spec:
        monkeypatch.setenv("JUPYTER_PATH", str(SPECS))  # the server's environment on the hub
    else:
        monkeypatch.delenv("JUPYTER_PATH", raising=False)
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    (nbdir / ".course_version").write_text("99.0.0\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VERTRIEB30_DATA_DIR": str(tmp_path / "data")}
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(nbdir), env=env)
    try:
        assert (Path(km.kernel_spec.resource_dir) == SPECS / "kernels" / "python3") is course_spec
        kc.kernel_info()
        info = kc.get_shell_msg(timeout=60)["content"]
        assert ("debugger" in info["supported_features"]) is not course_spec, info["supported_features"]
        probe = json.loads(_result(_run(kc, PROBE)))
        assert probe["cwd_on_path"], "the notebook's folder is importable as in every kernel"
        if course_spec:
            assert probe == {"debugpy": False, "blocked": True, "available": False, "argv0": "hubkernel.py", "pydevd": [],
                             "cwd_on_path": True}
        else:
            assert probe["debugpy"] and probe["available"] and probe["argv0"] == "ipykernel_launcher.py"
        # widgets: the slider's model arrives (comm_open) and its view is displayed
        out = _run(kc, "import ipywidgets as w\ndisplay(w.IntSlider(value=3, description='x'))")
        kinds = [m["msg_type"] for m in out]
        assert "comm_open" in kinds
        assert any("application/vnd.jupyter.widget-view+json" in m["content"].get("data", {}) for m in out if m["msg_type"] == "display_data")
        # the course version check runs in the kernel (the launcher's own import of course_lib is forgotten)
        out = _run(kc, "import course_lib")
        html = "".join(m["content"]["data"].get("text/html", "") for m in out if m["msg_type"] == "display_data")
        assert "course_lib 99.0.0 oder neuer" in html and "vt-msg" in html
        # IPython's own debugger is set up as in every kernel (%debug / breakpoint() use it, not debugpy)
        assert _result(_run(kc, "import pdb, IPython.core.debugger as d\npdb.Pdb is d.InterruptiblePdb")) is True
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
