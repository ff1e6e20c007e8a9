"""Re-execute and re-save notebooks in place, reproducibly (``make notebooks``).

Each notebook runs top to bottom in a fresh kernel with its own empty learner-data folder
(``VERTRIEB30_DATA_DIR`` = a new temp dir, so stored outputs never depend on an author's own
answers), with cell timing metadata off and widget state stored (so widgets show before a
learner runs the notebook). The notebook metadata gets ``"lang": "de"``. Running it twice
gives no diff except what tests/nbval_sanitize.cfg and the widget model ids allow.

Usage: ``python -m course_lib.authoring.execute_all [NOTEBOOK ...]`` (default: all).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def all_notebooks() -> list[Path]:
    nbs = []
    for folder in ("notebooks", "exercises", "instructor"):
        d = ROOT / folder
        if d.is_dir():
            nbs += sorted(p for p in d.glob("*.ipynb"))
    return nbs


def execute(path: Path, timeout: int = 600) -> float:
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    data_dir = tempfile.mkdtemp(prefix="vt-data-")
    old = os.environ.get("VERTRIEB30_DATA_DIR")
    old_id = os.environ.get("VERTRIEB30_LEARNER_ID")
    os.environ["VERTRIEB30_DATA_DIR"] = data_dir
    os.environ["VERTRIEB30_LEARNER_ID"] = "0" * 32  # fixed option order in stored outputs (course_lib.learner)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    t0 = time.perf_counter()
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if old is None:
            os.environ.pop("VERTRIEB30_DATA_DIR", None)
        else:
            os.environ["VERTRIEB30_DATA_DIR"] = old
        if old_id is None:
            os.environ.pop("VERTRIEB30_LEARNER_ID", None)
        else:
            os.environ["VERTRIEB30_LEARNER_ID"] = old_id
    nb.metadata["lang"] = "de"
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    targets = [Path(a) for a in args] if args else all_notebooks()
    failed = []
    for p in targets:
        try:
            dt = execute(p)
            print(f"ok   {dt:5.1f} s  {p}")
        except Exception as exc:  # noqa: BLE001 - report all notebooks, then fail
            failed.append(p)
            print(f"FAIL {p}: {type(exc).__name__}: {str(exc)[-2000:]}")
    if failed:
        print(f"{len(failed)} notebook(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
