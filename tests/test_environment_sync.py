"""pyproject.toml, requirements/constraints.txt and environment.yml agree on every package."""
from __future__ import annotations

import yaml
from packaging.requirements import Requirement

from course_lib.authoring import sync_env

from .notebook_files import ROOT


def _env_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    assert "conda-forge" in env["channels"]
    assert "python=3.11" in env["dependencies"]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    pins = {}
    for line in pip:
        if "==" in line:
            n, v = line.split("==")
            pins[sync_env.norm(n)] = v
    return pins, pip


def test_environment_yml_is_generated_from_pyproject_and_lock():
    assert (ROOT / "environment.yml").read_text("utf-8") == sync_env.render(), "run `make lock` (or python -m course_lib.authoring.sync_env)"


def test_every_dependency_pinned_identically():
    env_pins, pip = _env_pins()
    lock = sync_env.constraints()
    for req in sync_env.pyproject_deps(("runtime", "hub")):
        r = Requirement(req)
        n = sync_env.norm(r.name)
        assert n in env_pins, f"{n} is in pyproject.toml but not in environment.yml"
        assert env_pins[n] == lock[n], f"{n}: environment.yml {env_pins[n]} != constraints {lock[n]}"
        assert r.specifier.contains(lock[n], prereleases=True), f"{n}=={lock[n]} violates pyproject's {r.specifier}"
    declared = {sync_env.req_name(r) for r in sync_env.pyproject_deps(("runtime", "hub"))}
    assert set(env_pins) == declared, f"environment.yml has packages pyproject.toml does not declare: {set(env_pins) - declared}"
    assert "-e ." in pip and "-c requirements/constraints.txt" in pip


def test_test_extras_are_locked_too():
    lock = sync_env.constraints()
    for req in sync_env.pyproject_deps(("test",)):
        r = Requirement(req)
        n = sync_env.norm(r.name)
        assert n in lock, f"test dependency {n} not in requirements/constraints.txt"
        assert r.specifier.contains(lock[n], prereleases=True)


def test_installed_versions_match_the_lock():
    from importlib.metadata import version

    lock = sync_env.constraints()
    for req in sync_env.pyproject_deps(("runtime", "hub", "test")):
        n = sync_env.req_name(req)
        assert version(n) == lock[n], f"installed {n} {version(n)} differs from the lock {lock[n]}"
