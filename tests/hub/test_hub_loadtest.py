"""The course on a real JupyterHub with isolated learners, end to end with a small N (CI proves
the path; `make hub-benchmark N=20` runs the full size): LocalProcessSpawner, one real Unix
user per learner, every cross-user read attempt from a learner's kernel denied."""
from __future__ import annotations

import os
import shutil

import pytest

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def _require(cond: bool, msg: str):
    if cond:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip("!!! " + msg + " !!!")


def test_hub_isolated_learners_small_n():
    _require(bool(shutil.which("node") and shutil.which("npm")),
             "node/npm missing: the JupyterHub test needs configurable-http-proxy (apt-get install nodejs npm)")
    _require(hasattr(os, "geteuid") and os.geteuid() == 0,
             "not root: the isolation load test creates real Unix users (useradd -m) – run it as root "
             "(CI does), e.g. sudo .venv/bin/python -m pytest tests/hub")
    from . import loadtest

    r = loadtest.run(learners=3)
    assert r["failures"] == [], r["failures"]
    assert len(r["per_learner"]) == 3
    for u, rec in r["per_learner"].items():
        for run in rec["runs"]:
            assert run["cells"] > 0 and run["errors"] == []
            assert run["widgets"] > 0 and run["plots"] > 0, f"{u}: widget/plot outputs did not come back"
        assert rec["pss_mb"]["server"] > 0 and len(rec["pss_mb"]["kernels"]) == 2
    assert r["process_owners"] == {u: [u] for u in r["per_learner"]}, "every learner's processes run as that learner"
    assert len(r["isolation"]) == 3
    for iso in r["isolation"]:
        assert iso["ok"] and iso["control_ok"], iso
        a, b = iso["pair"].split("->")
        assert iso["whoami"] == a
        assert all(v == "denied" for k, v in iso["results"].items() if "control" not in k), iso["results"]
    assert r["bare_kernel_pss_mb"] > 0 and r["learners_per_gb"] > 0
    assert len(r["kernel_pss_by_notebook_mb"]) == 2, "every kernel's memory is attributed to its notebook"
    # the start page stays open next to every module: its kernel must stay near a bare course
    # kernel (35 MB at N = 20 without matplotlib, 74 MB with it – docs/JUPYTERHUB.md)
    assert r["kernel_pss_by_notebook_mb"]["00_Start.ipynb"] < 55, r["kernel_pss_by_notebook_mb"]
    assert len(r["load_average_at_start"]) == 3 and len(r["load_average_at_memory"]) == 3
    # the recipes' course kernel spec (deploy/jupyter, JUPYTER_PATH): learners' kernels run without debugpy
    assert r["server_env"]["JUPYTER_PATH"], "the load test measures with the course kernel spec"
    assert set(r["kernel_launchers"]) == {"course_lib.hubkernel"}, r["kernel_launchers"]
    for u, rec in r["per_learner"].items():
        k = rec["kernel"]
        assert k["launcher"] == "hubkernel.py" and k["debugpy_imported"] is False and k["debugpy_available"] is False, (u, k)
        assert "debugger" not in k["supported_features"], (u, k)
