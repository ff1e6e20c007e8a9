"""The course on a real JupyterHub, end to end with a small N (CI proves the path)."""
from __future__ import annotations

import os
import shutil

import pytest

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def _require_node():
    if shutil.which("node") and shutil.which("npm"):
        return
    msg = "node/npm missing: the JupyterHub test needs configurable-http-proxy (apt-get install nodejs npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip("!!! " + msg + " !!!")


def test_hub_small_n():
    _require_node()
    from . import loadtest

    r = loadtest.run(learners=3)
    assert r["failures"] == [], r["failures"]
    assert len(r["per_learner"]) == 3
    for u, rec in r["per_learner"].items():
        for run in rec["runs"]:
            assert run["cells"] > 0 and run["errors"] == []
            assert run["widgets"] > 0 and run["plots"] > 0, f"{u}: widget/plot outputs did not come back"
        assert rec["pss_mb"] > 0
    assert r["bare_kernel_pss_mb"] > 0 and r["learners_per_gb"] > 0
