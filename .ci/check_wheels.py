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
run again without it. Prints a table and writes artifacts/check-wheels.json; exits 1 if any
pin lacks a wheel anywhere.

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


def pins(path: Path = CONSTRAINTS) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and "==" in line and not line.startswith("-"):
            out.append(line)
    return out


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
    all_pins = pins()
    report = {"pins": len(all_pins), "targets": {}}
    for py in pythons:
        pure: set[str] = set()
        for i, plat in enumerate(platforms):
            reqs = [p for p in all_pins if _norm(p.split("==")[0]) not in pure]
            t0 = time.perf_counter()
            with tempfile.TemporaryDirectory(prefix="vt-wheels-") as d:
                files, missing = download(reqs, PLATFORMS[plat], py, Path(d))
            if i == 0:
                pure = {n for n, f in files.items() if f.endswith("-none-any.whl")}
            binary = {n: f for n, f in files.items() if not f.endswith("-none-any.whl")}
            report["targets"][f"{_cp(py)} {plat}"] = {
                "python": py, "platform": plat, "asked": len(reqs),
                "ok": len(files) + (len(pure) if i else 0), "missing": missing, "binary_wheels": binary,
                "seconds": round(time.perf_counter() - t0, 1)}
            print(f"  {py} {plat}: {len(files)} of {len(reqs)} asked, missing: {sorted(missing) or '–'}", flush=True)
    return report


def _cp(py: str) -> str:
    tag = "cp" + "".join(py.split(".")[:2])
    return tag if py.count(".") < 2 else f"{tag}@{py}"


def table(report: dict) -> str:
    n = report["pins"]
    pys = list(dict.fromkeys(t["python"] for t in report["targets"].values()))
    plats = list(dict.fromkeys(t["platform"] for t in report["targets"].values()))
    head = "| platform | " + " | ".join(f"{_cp(p).split('@')[0]} (Python {p})" for p in pys) + " |"
    lines = [head, "|" + "---|" * (len(pys) + 1)]
    for plat in plats:
        cells = []
        for py in pys:
            t = report["targets"][f"{_cp(py)} {plat}"]
            miss = ", ".join(f"{k} ({v})" if v != "kein Wheel" else k for k, v in sorted(t["missing"].items()))
            cells.append(f"{t['ok']}/{n} ok" + (f", missing: {miss}" if miss else ""))
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
    bad = {k: t["missing"] for k, t in report["targets"].items() if t["missing"]}
    print("\nalle Pins haben Wheels" if not bad else f"\nfehlende Wheels: {json.dumps(bad, ensure_ascii=False)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
