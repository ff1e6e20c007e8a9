"""Preset JupyterLab for learners: German interface, no news pop-up, dropdown arrow keys that
stay in the dropdown. Writes (atomically, only when it changes) ``<prefix>/share/jupyter/lab/settings/overrides.json`` (merged
with what is there). Run by ``make setup``/``make lab``, by ``vertrieb30-lab``, by Binder's ``postBuild`` and by the
JupyterHub image; a learner can switch back to English under Settings → Language.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

_MOVE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"

OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "de_DE"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/shortcuts-extension:shortcuts": {
        "shortcuts": [
            # ArrowUp/Down in a focused <select> (ipywidgets Dropdown) must change the option,
            # not jump to the next cell: re-bind the cell navigation to everything but <select>.
            {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"], "selector": _MOVE, "disabled": True},
            {"command": "notebook:move-cursor-up", "keys": ["ArrowUp"], "selector": _MOVE, "disabled": True},
            {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"], "selector": _MOVE + ":not(select)"},
            {"command": "notebook:move-cursor-up", "keys": ["ArrowUp"], "selector": _MOVE + ":not(select)"},
        ]
    },
}


def settings_dir(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"


def write_overrides(prefix: str | None = None) -> Path:
    d = settings_dir(prefix)
    d.mkdir(parents=True, exist_ok=True)
    path = d / "overrides.json"
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            current = {}
    current.update(OVERRIDES)
    text = json.dumps(current, indent=2, ensure_ascii=False) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path  # unchanged: do not rewrite a file a running JupyterLab may be reading
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--prefix", help="environment prefix (default: the running Python's)")
    a = ap.parse_args(argv)
    path = write_overrides(a.prefix)
    print(f"JupyterLab-Voreinstellungen (Deutsch) geschrieben: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
