"""axe-core (pinned in tests/browser/package.json + package-lock.json) over every output area
of a notebook: rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa. Measured facts used here
(/work/shared/TESTING_NOTES.md): JupyterLab 4.6's ``.jp-ThemedContainer`` needs
``overflow: visible`` or axe's colour-contrast rule sees no text; scoping to
``.jp-Cell-outputArea`` leaves out JupyterLab's own violations (editors, syntax colours).

axe-core is installed on first use with ``npm ci`` into tests/browser/node_modules (gitignored).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .harness import PANEL

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COUNTS: dict = {}  # notebook -> {rule id: number of failing nodes}; printed by conftest


def ensure_axe() -> Path:
    """Path of axe.min.js; runs ``npm ci`` (lock file) when it is missing. Raises RuntimeError
    with a clear message if npm is not available."""
    if AXE_JS.exists():
        return AXE_JS
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("axe-core is not installed and npm is missing: install nodejs/npm "
                           "(CI: .ci/run installs them), then the tests run `npm ci` in tests/browser")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True,
                   env={**os.environ, "npm_config_update_notifier": "false"}, timeout=300)
    if not AXE_JS.exists():
        raise RuntimeError(f"npm ci did not install {AXE_JS}")
    return AXE_JS


JS_AXE = """async ([sel, tags]) => {
  const r = await axe.run({include: [[sel]]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map(n => (n.target || []).join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200))}));
}"""


def run(nbp) -> list[dict]:
    """axe violations over the notebook's output areas (list of {id, impact, n, nodes})."""
    page = nbp.page
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_style_tag(content=".jp-ThemedContainer{overflow:visible !important}")
        page.add_script_tag(path=str(ensure_axe()))
    if not page.evaluate(f"() => !!document.querySelector('{PANEL} .jp-Cell-outputArea')"):
        return []
    return list(page.evaluate(JS_AXE, [f"{PANEL} .jp-Cell-outputArea", TAGS]))
