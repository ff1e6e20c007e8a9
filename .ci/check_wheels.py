"""Do the pinned constraints resolve to wheels for CPython 3.11/3.12/3.13 on Linux, macOS and
Windows? (`make check-wheels`; needs the package index; not part of `make test`.)

For every target (Python version × platform) it runs, over every pin of
requirements/constraints.txt::

    pip download --only-binary=:all: --no-deps --platform <tag> --python-version <X.Y>
                 --implementation cp -d <tmp> <pins…>

A pin whose wheel pip marks pure (``*-none-any.whl``, i.e. valid on every platform) on the
first platform of a Python version is not downloaded again for the other platforms of that
version (the same file would be chosen); everything else is asked per target. When pip
stops at a pin without a wheel, the pin is recorded as missing for that target and pip is
run again without it. Prints a table and writes artifacts/check-wheels.json.

Every missing pin is attributed to who needs it on that target: the **learner** (the
dependency closure of pyproject's runtime dependencies, markers evaluated for the target's
platform and Python), only the **hub** extra, only the **test** extra, or only the
**mutation** extra (mutmut; the closure is walked through the metadata of the installed
packages). Exits 1 if a pin of the learner's, the hub's or the test set lacks a wheel anywhere
(`make test` installs from wheels on every target), or any pin on Linux (where hubs and CI run);
mutation-only gaps on macOS and Windows are reported, not fatal (libcst, mutmut's parser, has no
Intel-Mac wheel; mutation testing is a maintainer's tool). Also lists dependencies a target needs that are not pinned at all.
Platform-only pins (pywinpty and colorama on Windows, appnope on macOS, pyyaml-ft on 3.13)
carry an environment marker in the constraints file; each target is asked for the pins whose
marker holds there (evaluated for the target, not for this machine).

    python .ci/check_wheels.py [--python 3.11 3.12 3.13] [--platform linux macos-arm64 ...]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib.authoring.sync_env import pyproject_deps  # noqa: E402
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"

# Platform tags as pip expects them. pip expands each to the older compatible tags (manylinux
# 2_28 accepts 2_17/2014/…; macOS 14 accepts 11/10.x), so these stand for "a current system".
# pip 23 expands macOS tags downwards itself, but of the manylinux tags only the legacy
# manylinux2014/2010 aliases: list the glibc 2.17–2.28 tags explicitly.
PLATFORMS = {
    "linux-x86_64": [f"manylinux_2_{g}_x86_64" for g in range(28, 16, -1)] + ["manylinux2014_x86_64"],
    "macos-arm64": ["macosx_14_0_arm64"],
    "macos-x86_64": ["macosx_13_0_x86_64"],
    "windows-amd64": ["win_amd64"],
}
# The oldest patch release each check stands for (a pin's Requires-Python may name a patch,
# e.g. soupsieve >= 3 needs 3.11.5 – hence the soupsieve 2.x pin – so 3.11 is asked as 3.11.0).
PYTHONS = ["3.11.0", "3.12", "3.13"]
_MISSING = re.compile(r"(?:No matching distribution found for|satisfies the requirement) ([A-Za-z0-9_.\-]+)==")


def pinned(path: Path = CONSTRAINTS) -> list[tuple[str, str | None]]:
    """(``name==version``, environment marker or None) for every pin; platform-only pins
    (pywinpty on Windows, appnope on macOS, …) carry a PEP 508 marker."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and "==" in line and not line.startswith("-"):
            req, _, marker = line.partition(";")
            out.append((req.strip(), marker.strip() or None))
    return out


def pins(path: Path = CONSTRAINTS) -> list[str]:
    """Every pin as ``name==version`` (markers dropped)."""
    return [r for r, _m in pinned(path)]


def target_env(plat: str, python: str) -> dict:
    return {**MARKER_ENV[plat], "python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def pins_for(plat: str, python: str, path: Path = CONSTRAINTS) -> list[str]:
    """The pins that apply on one target: unmarked ones and those whose marker holds there
    (pip would ignore the others on that target). Passed to pip without the marker, which pip
    would otherwise evaluate for the machine it runs on, not for --platform."""
    from packaging.markers import Marker

    env = target_env(plat, python)
    return [r for r, m in pinned(path) if m is None or Marker(m).evaluate(env)]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pip_env() -> dict:
    """Only the public index counts: no local config files, find-links, extra indexes or
    global constraints of this machine."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") or k in ("PIP_CERT", "PIP_DEFAULT_TIMEOUT")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


INDEX_URL = "https://pypi.org/simple"

# Marker environments of the targets (PEP 508) for the dependency closure.
MARKER_ENV = {
    "linux-x86_64": {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix"},
    "macos-arm64": {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "arm64", "os_name": "posix"},
    "macos-x86_64": {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "x86_64", "os_name": "posix"},
    "windows-amd64": {"sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64", "os_name": "nt"},
}


def closure(roots: list[str], plat: str, python: str) -> tuple[set[str], set[str]]:
    """(names needed, names needed but not installed here) for requirement strings ``roots``
    on one target; extras of a requirement (``pkg[extra]``) are followed."""
    from importlib import metadata

    from packaging.requirements import Requirement

    env = target_env(plat, python)
    seen, absent = set(), set()
    todo = [(Requirement(r), "") for r in roots]
    while todo:
        req, via_extra = todo.pop()
        if req.marker and not req.marker.evaluate({**env, "extra": via_extra}):
            continue
        name = _norm(req.name)
        key = (name, tuple(sorted(req.extras)))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist_reqs = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            absent.add(name)
            continue
        for r in dist_reqs:
            dep = Requirement(r)
            extras = {e for e in req.extras} | {""}
            # a requirement of the package itself, or of an extra that was asked for
            if dep.marker is None or any(dep.marker.evaluate({**env, "extra": e}) for e in extras):
                todo.append((Requirement(str(dep).split(";")[0]), ""))
    return {n for n, _ in seen}, absent


def groups(plat: str, python: str) -> dict[str, set[str]]:
    """Names by who needs them on the target: learner, hub (only), test (only), unpinned."""
    learner, absent = closure(pyproject_deps(("runtime",)), plat, python)
    hub, a2 = closure(pyproject_deps(("runtime", "hub")), plat, python)
    test, a3 = closure(pyproject_deps(("runtime", "hub", "test")), plat, python)
    mutation, a4 = closure(pyproject_deps(("runtime", "hub", "test", "mutation")), plat, python)
    here = {_norm(p.split("==")[0]) for p in pins_for(plat, python)}
    return {"learner": learner, "hub": hub - learner, "test": test - hub, "mutation": mutation - test,
            "unpinned": {n for n in (learner | hub | test | mutation) if n not in here}}


def download(reqs: list[str], platform: list[str], python: str, dest: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Returns ({pin name: wheel file}, {pin name: problem}) for one target."""
    todo, missing = list(reqs), {}
    while todo:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--index-url", INDEX_URL, "--only-binary=:all:", "--no-deps", "--implementation", "cp",
               "--python-version", python, "-d", str(dest)]
        for p in platform:
            cmd += ["--platform", p]
        r = subprocess.run(cmd + todo, capture_output=True, text=True, timeout=1800, env=_pip_env())
        if r.returncode == 0:
            break
        m = _MISSING.search(r.stderr + r.stdout)
        if not m:
            raise RuntimeError(f"pip download failed for {platform} {python}:\n{r.stderr[-3000:]}")
        name = _norm(m.group(1))
        ver = next((t.split("==")[1] for t in todo if _norm(t.split("==")[0]) == name), "")
        rp = re.search(rf"\b{re.escape(ver)} Requires-Python ([^;\s]+)", r.stderr) if ver else None
        missing[name] = f"Requires-Python {rp.group(1)}" if rp else "kein Wheel"
        before = len(todo)
        todo = [t for t in todo if _norm(t.split("==")[0]) != name]
        if len(todo) == before:
            raise RuntimeError(f"could not drop {name} from the request:\n{r.stderr[-2000:]}")
    files = {}
    wanted = {_norm(t.split("==")[0]): t.split("==")[1] for t in reqs}
    for whl in dest.glob("*.whl"):
        dist, ver = whl.name.split("-")[:2]
        n = _norm(dist)
        if n in wanted and n not in files:
            files[n] = whl.name
    for n in wanted:
        if n not in files and n not in missing:
            missing[n] = "nicht heruntergeladen"
    return files, missing


def run(pythons: list[str], platforms: list[str]) -> dict:
    report = {"pins": len(pins()), "targets": {}}
    for py in pythons:
        pure: set[str] = set()
        for i, plat in enumerate(platforms):
            target_pins = pins_for(plat, py)
            reqs = [p for p in target_pins if _norm(p.split("==")[0]) not in pure]
            t0 = time.perf_counter()
            with tempfile.TemporaryDirectory(prefix="vt-wheels-") as d:
                files, missing = download(reqs, PLATFORMS[plat], py, Path(d))
            if i == 0:
                pure = {n for n, f in files.items() if f.endswith("-none-any.whl")}
            binary = {n: f for n, f in files.items() if not f.endswith("-none-any.whl")}
            g = groups(plat, py)
            who = {n: next((k for k in ("learner", "hub", "test", "mutation") if n in g[k]), "none") for n in missing}
            report["targets"][f"{_cp(py)} {plat}"] = {
                "python": py, "platform": plat, "pins": len(target_pins), "asked": len(reqs),
                "ok": len(files) + (len(pure & {_norm(p.split("==")[0]) for p in target_pins}) if i else 0), "missing": missing, "needed_by": who,
                "learner_pins": len(g["learner"] - g["unpinned"]), "unpinned": sorted(g["unpinned"]),
                "binary_wheels": binary, "seconds": round(time.perf_counter() - t0, 1)}
            print(f"  {py} {plat}: {len(files)} of {len(reqs)} asked, missing: "
                  f"{', '.join(f'{n} ({who[n]})' for n in sorted(missing)) or '–'}; not pinned: {sorted(g['unpinned']) or '–'}",
                  flush=True)
    return report


def _cp(py: str) -> str:
    tag = "cp" + "".join(py.split(".")[:2])
    return tag if py.count(".") < 2 else f"{tag}@{py}"


def table(report: dict) -> str:
    pys = list(dict.fromkeys(t["python"] for t in report["targets"].values()))
    plats = list(dict.fromkeys(t["platform"] for t in report["targets"].values()))
    head = "| platform | " + " | ".join(f"{_cp(p).split('@')[0]} (Python {p})" for p in pys) + " |"
    lines = [head, "|" + "---|" * (len(pys) + 1)]
    for plat in plats:
        cells = []
        for py in pys:
            t = report["targets"][f"{_cp(py)} {plat}"]
            n = t.get("pins", report.get("pins"))  # the pins that apply on this target
            miss = ", ".join(f"{k} ({v + ', ' if v != 'kein Wheel' else ''}{t['needed_by'].get(k, '?')})"
                             for k, v in sorted(t["missing"].items()))
            learner_bad = [k for k, w in t["needed_by"].items() if w == "learner"]
            cells.append(f"{t['ok']}/{n} ok; learner set {t['learner_pins'] - len(learner_bad)}/{t['learner_pins']}"
                         + (f", missing: {miss}" if miss else ""))
        lines.append(f"| {plat} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", nargs="+", default=PYTHONS)
    ap.add_argument("--platform", nargs="+", default=list(PLATFORMS), choices=list(PLATFORMS))
    ap.add_argument("--index-url", default=INDEX_URL)
    a = ap.parse_args(argv)
    globals()["INDEX_URL"] = a.index_url
    print(f"pip download --only-binary=:all: --no-deps over {len(pins())} pins of "
          f"{CONSTRAINTS.relative_to(ROOT)} from {INDEX_URL}")
    report = run(a.python, a.platform)
    print()
    print(table(report))
    out = ROOT / "artifacts" / "check-wheels.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nnot pinned (the target needs them; pip picks the newest): "
          + json.dumps({k: t["unpinned"] for k, t in report["targets"].items() if t["unpinned"]}, ensure_ascii=False))
    return 1 if fatal(report) else 0


def fatal(report: dict) -> dict:
    """Missing wheels that fail the check: the learner's, hub or test set anywhere, anything on Linux."""
    bad = {k: {n: t["needed_by"].get(n) for n in t["missing"]
               if t["needed_by"].get(n) in ("learner", "hub", "test") or t["platform"].startswith("linux")}
           for k, t in report["targets"].items()}
    bad = {k: v for k, v in bad.items() if v}
    info = {k: t["missing"] for k, t in report["targets"].items() if t["missing"]}
    print("\nalle Pins haben Wheels" if not info else
          f"\nfehlende Wheels: {json.dumps(info, ensure_ascii=False)}\n"
          + ("davon für Lernende oder unter Linux nötig: " + json.dumps(bad, ensure_ascii=False) if bad else
             "keines davon brauchen Lernende, der Hub oder die Tests; unter Linux fehlt keines"))
    return bad


if __name__ == "__main__":
    raise SystemExit(main())
