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
    assert "pytest" in g["test"] and not ({"libcst", "mutmut", "pytest"} & (g["learner"] | g["hub"]))
    # `make test` installs neither; mutmut's own requirements (libcst) are known only where the
    # mutation extra is installed (make mutation / make check-wheels), not on a fresh test venv
    assert "mutmut" in g["mutation"] and not ({"libcst", "mutmut"} & g["test"])
    assert "jupyterhub" in g["hub"] and "jupyterhub" not in g["learner"]


def test_platform_markers_are_evaluated_for_the_target():
    win, lin = cw.groups("windows-amd64", "3.12"), cw.groups("linux-x86_64", "3.12")
    assert "pywinpty" in win["learner"] and "pywinpty" not in lin["learner"]
    assert "pywinpty" not in win["unpinned"]  # pinned with a marker (the lock is made on Linux)
    assert "pexpect" in lin["learner"] and "pexpect" not in win["learner"]
    assert "appnope" in cw.groups("macos-arm64", "3.12")["learner"]


def _report(platform, needed_by):
    return {"targets": {f"cp312 {platform}": {"platform": platform, "missing": {n: "kein Wheel" for n in needed_by},
                                               "needed_by": needed_by}}}


def test_only_learner_gaps_or_linux_gaps_fail():
    assert cw.fatal(_report("macos-x86_64", {"libcst": "mutation", "mutmut": "mutation"})) == {}
    assert cw.fatal(_report("macos-x86_64", {"cryptography": "hub"})) != {}   # `make test` installs the hub extra
    assert cw.fatal(_report("windows-amd64", {"pytest-xdist": "test"})) != {}
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


@pytest.mark.parametrize("plat", list(cw.PLATFORMS))
@pytest.mark.parametrize("py", cw.PYTHONS)
def test_every_package_a_target_needs_is_pinned(plat, py):
    """A Windows/macOS/3.13 install is as reproducible as the Linux one: the platform-only
    dependencies (pywinpty, colorama, appnope, pyyaml-ft) are pinned with a marker, and each
    target is asked only for the pins whose marker holds there."""
    assert cw.groups(plat, py)["unpinned"] == set()
    names = {cw._norm(p.split("==")[0]) for p in cw.pins_for(plat, py)}
    assert ("pywinpty" in names) == plat.startswith("windows")
    assert ("colorama" in names) == plat.startswith("windows")
    assert ("appnope" in names) == plat.startswith("macos")
    assert ("pyyaml-ft" in names) == py.startswith("3.13")
    crypto = [p for p in cw.pins_for(plat, py) if cw._norm(p.split("==")[0]) == "cryptography"]
    assert crypto == (["cryptography==48.0.1"] if plat == "macos-x86_64" else ["cryptography==50.0.2"])  # one pin per target
    assert all(";" not in p for p in cw.pins_for(plat, py))  # pip gets no marker to evaluate for this machine


def test_make_lock_keeps_the_platform_only_pins(tmp_path):
    """`make lock` freezes on one machine; the marked block at the end of the constraints
    survives it (the lock recipe's sed/cat, run on a copy)."""
    import re
    import subprocess

    recipe = (ROOT / "Makefile").read_text("utf-8").split("\nlock:", 1)[1].split("\n\n", 1)[0]
    keep = next(line.strip() for line in recipe.splitlines() if "platform-only pins" in line)
    append = next(line.strip() for line in recipe.splitlines() if line.strip().startswith("cat build/platform-pins.txt"))
    cons = tmp_path / "constraints.txt"
    cons.write_text((ROOT / "requirements" / "constraints.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "build").mkdir()
    sh = lambda cmd: subprocess.run(cmd.replace("$(CONSTRAINTS)", str(cons)).replace("$$", "$"),  # noqa: E731
                                    shell=True, cwd=tmp_path, check=True)
    names = next(line.strip() for line in recipe.splitlines() if "platform-names.txt" in line and line.strip().startswith("sed"))
    freeze = next(line.strip() for line in recipe.splitlines() if "pip freeze" in line)
    sh(keep)
    sh(names)
    # the freeze (Linux): cryptography at whatever version it resolved – the platform block's
    # per-platform pins replace it; a name that merely contains it stays
    sh(freeze.replace("build/lockenv/bin/pip freeze --exclude-editable",
                      "printf 'numpy==2.0.0\\ncryptography==51.0.0\\npycryptography==1.0\\n'"))
    sh(append)
    text = cons.read_text("utf-8")
    for name in ("pywinpty", "colorama", "appnope", "pyyaml-ft"):
        assert re.search(rf"^{name}==[\d.]+ ; ", text, re.M), name
    assert text.startswith("numpy==2.0.0\npycryptography==1.0\n")
    crypto = re.findall(r"^cryptography==.*$", text, re.M)
    assert len(crypto) == 2 and all(" ; " in c for c in crypto), crypto   # only the marked pair
