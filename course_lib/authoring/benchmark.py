"""Speed and memory of the course (``make benchmark``) – measured, not asserted.

Prints, and writes to artifacts/benchmark.json:

1. nbval wall time of the whole course vs. the floor (the same number of notebooks whose
   kernel only imports ipywidgets, matplotlib, pandas and numpy), both run serially with the
   same flags; and per-notebook execution time (nbclient) vs. one floor notebook.
2. Per live widget (every ``WIDGETS`` factory of every module): kernel-side time of one
   control change → model → redraw → new view value (median, p95 over N changes) vs. one bare
   ``canvas.draw()`` of the same figure.
3. Kernel memory (PSS) after running a notebook top to bottom vs. a bare kernel with the four
   libraries imported.
4. In the browser (if Chromium and Playwright are available): control change → new output
   painted, median and p95 per live widget, and the naive reference ("clear output, new
   figure, plt.show()") measured in the same run; see tests/browser/latency.py.

Usage: python -m course_lib.authoring.benchmark [--quick] [--no-browser] [--steps N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..registry import widget_factories
from .execute_all import all_notebooks

ROOT = Path(__file__).resolve().parents[2]
FLOOR_SOURCE = "import ipywidgets, matplotlib, matplotlib.pyplot, pandas, numpy"


def pctl(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[k]


def _floor_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def nbval_wall(paths: list[Path]) -> float:
    env = {**os.environ, "VERTRIEB30_DATA_DIR": tempfile.mkdtemp(prefix="vt-data-")}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), "--rootdir", str(ROOT), *map(str, paths)]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        print(r.stdout[-2000:])
    return dt


def execute_time(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - t0


def kernel_pss_after(path: Path) -> float:
    """Run a notebook's code cells in a fresh kernel, return the kernel's PSS in MB."""
    import nbformat
    import psutil
    from jupyter_client.manager import start_new_kernel

    nb = nbformat.read(path, as_version=4)
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent))
    try:
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.strip():
                kc.execute_interactive(cell.source, timeout=300, output_hook=lambda _m: None)
        pid = km.provisioner.process.pid
        time.sleep(0.3)
        return psutil.Process(pid).memory_full_info().pss / 1e6
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _step(control, i: int) -> None:
    """Change a control the way a learner would (one slider step, next option, toggle)."""
    import ipywidgets as w

    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        v = control.value + (control.step if i % 2 == 0 else -control.step)
        if v > control.max or v < control.min:
            v = control.value - control.step if v > control.max else control.value + control.step
        control.value = v
    elif isinstance(control, (w.SelectionSlider,)):
        n = len(control.options)
        k = control.index + (1 if i % 2 == 0 else -1)
        control.index = k if 0 <= k < n else control.index - (1 if i % 2 == 0 else -1)
    elif isinstance(control, (w.Dropdown, w.RadioButtons, w.ToggleButtons, w.Select)):
        opts = list(control.options)
        vals = [o[1] if isinstance(o, tuple) else o for o in opts]
        control.value = vals[(vals.index(control.value) + 1) % len(vals)] if control.value in vals else vals[0]
    elif isinstance(control, (w.Checkbox, w.ToggleButton)):
        control.value = not control.value
    elif isinstance(control, (w.FloatText, w.BoundedFloatText, w.IntText, w.BoundedIntText)):
        control.value = control.value + (1 if i % 2 == 0 else -1)
    else:
        raise TypeError(type(control).__name__)


def widget_update_times(steps: int = 40) -> list[dict]:
    rows = []
    for mid, name, factory in widget_factories():
        panel = factory()
        controls = getattr(panel, "controls", {})
        plots = getattr(panel, "plots", [])
        ctrl = next((c for c in controls.values() if _steppable(c)), None)
        if ctrl is None:
            continue
        times = []
        for i in range(steps + 3):
            t0 = time.perf_counter()
            _step(ctrl, i)
            dt = (time.perf_counter() - t0) * 1000
            if i >= 3:
                times.append(dt)
        bare = []
        for p in plots:
            for _ in range(10):
                t0 = time.perf_counter()
                p.fig.canvas.draw()
                bare.append((time.perf_counter() - t0) * 1000)
            p.invalidate()
        bare_med = statistics.median(bare) if bare else float("nan")
        med = statistics.median(times)
        rows.append({"module": mid, "widget": name, "median_ms": med, "p95_ms": pctl(times, 0.95),
                     "bare_redraw_ms": bare_med, "ratio": med / bare_med if bare else float("nan")})
    return rows


def _steppable(c) -> bool:
    import ipywidgets as w

    return isinstance(c, (w.FloatSlider, w.IntSlider, w.SelectionSlider, w.Dropdown, w.RadioButtons, w.ToggleButtons, w.Select,
                          w.Checkbox, w.ToggleButton, w.FloatText, w.BoundedFloatText, w.IntText, w.BoundedIntText))


def browser_latency(nbs, steps: int = 15) -> dict:
    """JupyterLab + Chromium (tests/browser/latency.py): every live widget of every notebook and
    the naive reference ("clear output, new figure, plt.show()") in the same session."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import latency  # noqa: PLC0415 - optional, needs Playwright + Chromium

    out = {"notebooks": []}
    with latency.lab_session() as s:
        ref = latency.measure_reference(steps, 2, session=s)
        out["reference"] = ref
        naive = ref["naive"]["median_ms"]
        print(f"naive reference: median {naive} ms, p95 {ref['naive']['p95_ms']} ms; "
              f"the same plot as LivePlot: median {ref['livepanel']['median_ms']} ms, p95 {ref['livepanel']['p95_ms']} ms "
              f"(ratio {ref['ratio_median']})")
        print(f"{'notebook':46} {'widget':40} {'median':>7} {'p95':>7} {'× naive':>8}")
        for nb in nbs:
            r = latency.measure_notebook(nb, steps, 2, session=s)
            out["notebooks"].append(r)
            for w in r["widgets"]:
                if w.get("median_ms") is None:  # the slider does not change this panel's view
                    print(f"{Path(r['notebook']).name:46} {str(w['title'])[:40]:40} no view change on repeated steps of its first control "
                          f"({w.get('timeouts')} timeouts) – not measured")
                    continue
                ratio = w["median_ms"] / naive if naive else float("nan")
                print(f"{Path(r['notebook']).name:46} {str(w['title'])[:40]:40} {w['median_ms']:7.1f} {w['p95_ms']:7.1f} {ratio:8.2f}")
            for w in r["skipped"]:
                print(f"{Path(r['notebook']).name:46} {str(w['title'])[:40]:40} skipped: {w['reason']}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip the nbval/memory parts")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--only-browser", action="store_true", help="only the in-browser latency")
    ap.add_argument("notebooks", nargs="*", help="limit to these notebooks (default: all)")
    a = ap.parse_args(argv)
    os.environ.setdefault("VERTRIEB30_DATA_DIR", tempfile.mkdtemp(prefix="vt-data-"))
    report: dict = {}
    nbs = [Path(n).resolve() for n in a.notebooks] or all_notebooks()
    if a.only_browser:
        report["browser"] = browser_latency(nbs, a.steps)
        (ROOT / "artifacts").mkdir(exist_ok=True)
        (ROOT / "artifacts" / "benchmark-browser.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
        return 0

    print("== 2. Kernel-side update per live widget (ms) ==")
    rows = widget_update_times(a.steps)
    report["widgets"] = rows
    print(f"{'module':6} {'widget':28} {'median':>8} {'p95':>8} {'bare draw':>10} {'ratio':>6}")
    for r in rows:
        print(f"{r['module']:6} {r['widget']:28} {r['median_ms']:8.2f} {r['p95_ms']:8.2f} {r['bare_redraw_ms']:10.2f} {r['ratio']:6.2f}")

    if not a.quick:
        tmp = Path(tempfile.mkdtemp(prefix="vt-floor-"))
        floors = []
        for i in range(len(nbs)):
            p = tmp / f"floor_{i:02d}.ipynb"
            _floor_notebook(p)
            floors.append(p)
        print("\n== 1. nbval wall time (serial) ==")
        course = nbval_wall(nbs)
        floor = nbval_wall(floors)
        report["nbval"] = {"notebooks": len(nbs), "course_s": course, "floor_s": floor, "ratio": course / floor}
        print(f"course: {course:.1f} s for {len(nbs)} notebooks; floor: {floor:.1f} s; ratio {course / floor:.2f}")
        print("\n== 1b. per-notebook execution (s) and 3. kernel memory after run-all (MB PSS) ==")
        floor_t = statistics.median(execute_time(floors[0]) for _ in range(3))
        floor_mem = kernel_pss_after(floors[0])
        per = []
        for p in nbs:
            t = execute_time(p)
            mem = kernel_pss_after(p)
            per.append({"notebook": str(p.relative_to(ROOT)), "exec_s": t, "exec_ratio": t / floor_t, "pss_mb": mem, "mem_ratio": mem / floor_mem})
            print(f"{str(p.relative_to(ROOT)):52} {t:6.2f} s ({t / floor_t:4.2f}× floor)  {mem:6.1f} MB ({mem / floor_mem:4.2f}× bare)")
        print(f"floor notebook: {floor_t:.2f} s, bare kernel: {floor_mem:.1f} MB")
        report["notebooks"] = per
        report["floor"] = {"exec_s": floor_t, "pss_mb": floor_mem}

    if not a.no_browser:
        print("\n== 4. In-browser latency: control change → new output painted (ms) ==")
        try:
            report["browser"] = browser_latency(nbs, a.steps)
        except Exception as exc:  # noqa: BLE001 - the benchmark reports what it could measure
            print(f"browser latency not measured: {type(exc).__name__}: {exc}")

    out = ROOT / "artifacts" / "benchmark.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
