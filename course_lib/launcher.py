"""``vertrieb30-lab``: start JupyterLab with the course – what ``make lab`` does, without make
(Windows, conda, any pip install).

* presets JupyterLab in German (:mod:`course_lib.setup_lab`, into the running environment);
* finds the course folder (the one with ``notebooks/00_Start.ipynb``): ``--root``, else the
  current folder or one of its parents, else the checkout an editable install points to;
* a fresh random token, loopback only, ``--port`` (default 8888, no silent fallback to
  another port), ``--allow-root`` only when running as root on Unix;
* prints the German start message with the full URL, then runs JupyterLab in this process
  (stop with Ctrl+C).

    vertrieb30-lab                 # in the course folder
    vertrieb30-lab --port 8899 --root C:\\Users\\me\\vertrieb30
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

START = "notebooks/00_Start.ipynb"
OLDEST = (3, 11, 0)
NEWEST = (3, 13)


def python_problem(version: tuple[int, ...] | None = None) -> str | None:
    """A German message if this Python is outside 3.11–3.13, else None."""
    v = tuple(version or sys.version_info[:3])
    v3 = (v + (99,))[:3] if len(v) == 2 else v[:3]  # "3.11" alone means a current 3.11
    if OLDEST <= v3 and v3[:2] <= NEWEST:
        return None
    shown = ".".join(str(x) for x in v[:3])
    return (f"Vertrieb 3.0 braucht Python 3.11, 3.12 oder 3.13 – gefunden wurde Python {shown} "
            f"({sys.executable}). Bitte installieren Sie eine dieser Versionen (siehe README).")


def find_root(start: Path | None = None) -> Path | None:
    """The course folder: ``start`` or one of its parents, else the editable checkout."""
    here = (start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / START).is_file():
            return cand
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / START).is_file():
        return checkout
    return None


def lab_argv(root: Path, port: int, token: str, *, as_root: bool, browser: bool) -> list[str]:
    argv = [
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{START}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if not browser:
        argv.append("--no-browser")
    if as_root:
        argv.append("--allow-root")
    return argv


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="vertrieb30-lab", description="JupyterLab mit dem Kurs „Vertrieb 3.0“ starten.")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8888") or 8888),
                    help="Port auf 127.0.0.1 (Standard: 8888)")
    ap.add_argument("--root", type=Path, default=None, help="Kursordner (mit notebooks/00_Start.ipynb)")
    ap.add_argument("--browser", action="store_true", help="den Browser automatisch öffnen")
    a = ap.parse_args(argv)

    problem = python_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    root = find_root(a.root) if a.root is None else (a.root.resolve() if (a.root / START).is_file() else None)
    if root is None:
        print("Kein Kursordner gefunden: Wechseln Sie in den Ordner des Kurses (der den Unterordner "
              "„notebooks“ mit „00_Start.ipynb“ enthält) oder geben Sie ihn mit --root an.", file=sys.stderr)
        return 2
    if not 1 <= a.port <= 65535:
        print(f"Der Port {a.port} ist ungültig (erlaubt: 1 bis 65535).", file=sys.stderr)
        return 2

    from .setup_lab import write_overrides

    write_overrides()
    token = secrets.token_hex(16)
    print("", flush=True)
    print("  Vertrieb 3.0 startet. Öffnen Sie im Browser:")
    print(f"  http://127.0.0.1:{a.port}/lab/tree/{START}?token={token}")
    print("  (Beenden mit Strg+C)")
    print("", flush=True)

    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(lab_argv(root, a.port, token, as_root=running_as_root(), browser=a.browser))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
