"""`make check-wheels` (.ci/check_wheels.py) without the network: who needs a pin on which
target, and which gaps fail the check (issue #22)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_wheels", ROOT / ".ci" / "check_wheels.py")
cw = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cw)


@pytest.mark.parametrize("plat", list(cw.PLATFORMS))
def test_learner_hub_and_test_sets_per_target(plat):
    g = cw.groups(plat, "3.11.0")
    # jupyter_server → argon2-cffi → argon2-cffi-bindings: every learner installs it
    assert {"jupyterlab", "jupyter-server", "argon2-cffi-bindings", "soupsieve", "pandas"} <= g["learner"]
    assert "cryptography" in g["hub"] and "cryptography" not in g["learner"]
    assert "libcst" in g["test"] and not ({"libcst", "mutmut", "pytest"} & (g["learner"] | g["hub"]))
    assert "jupyterhub" in g["hub"] and "jupyterhub" not in g["learner"]


def test_platform_markers_are_evaluated_for_the_target():
    win, lin = cw.groups("windows-amd64", "3.12"), cw.groups("linux-x86_64", "3.12")
    assert "pywinpty" in win["learner"] and "pywinpty" not in lin["learner"]
    assert "pywinpty" in win["unpinned"]  # the lock is made on Linux
    assert "pexpect" in lin["learner"] and "pexpect" not in win["learner"]
    assert "appnope" in cw.groups("macos-arm64", "3.12")["learner"]


def _report(platform, needed_by):
    return {"targets": {f"cp312 {platform}": {"platform": platform, "missing": {n: "kein Wheel" for n in needed_by},
                                               "needed_by": needed_by}}}


def test_only_learner_gaps_or_linux_gaps_fail():
    assert cw.fatal(_report("macos-x86_64", {"cryptography": "hub", "libcst": "test"})) == {}
    assert cw.fatal(_report("windows-amd64", {"argon2-cffi-bindings": "learner"})) != {}
    assert cw.fatal(_report("linux-x86_64", {"libcst": "test"})) != {}
    assert cw.fatal(_report("macos-arm64", {})) == {}


def test_pins_keep_the_lock_caps():
    """requirements/lock-caps.txt (used by `make lock`) and the pins agree: a hand-edited or
    re-generated constraints file cannot bring back jsonschema 4.25+, soupsieve 3+ ... unnoticed."""
    from packaging.requirements import Requirement

    pins = {cw._norm(p.split("==")[0]): p.split("==")[1] for p in cw.pins()}
    caps = [Requirement(line) for line in (ROOT / "requirements" / "lock-caps.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert {cw._norm(c.name) for c in caps} >= {"jsonschema", "soupsieve", "argon2-cffi-bindings"}
    for c in caps:
        assert c.specifier.contains(pins[cw._norm(c.name)]), f"{c.name}=={pins[cw._norm(c.name)]} breaks the cap {c}"
    assert "rfc3987-syntax" not in pins and "lark" not in pins
