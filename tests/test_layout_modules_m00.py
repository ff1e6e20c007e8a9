"""00_Start: no pointer leads to the page it stands on (screenshot review, issue 17).

The „Ergebnis für die Kursleitung“ note below the export field told learners on 00_Start to
create the export file „in der Kursübersicht (00_Start, „Für Workshops“)“ – the page they were
on, two lines below that very field. On 00_Start it now points to the field above it; in the
modules it still points to 00_Start. No notebook's markdown links to its own file either.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course_lib.workshop import send

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
LINK = re.compile(r"\]\(([^)\s#]*)(#[^)\s]*)?\)|href=[\"']([^\"'#]*)(#[^\"']*)?[\"']")


@pytest.fixture
def no_hub(monkeypatch):
    for k in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX", send.URL_ENV):
        monkeypatch.delenv(k, raising=False)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_send_note_on_the_start_page_does_not_point_to_the_start_page(no_hub):
    start = _text(send.button("m00").box.value)
    assert "00_Start" not in start and "Kursübersicht" not in start
    assert "darüber" in start and "„Für Workshops“" in start
    module = _text(send.button("m04").box.value)
    assert "00_Start" in module and "„Für Workshops“" in module  # from a module: the start page


def test_start_page_calls_the_send_button_as_the_start_page():
    """The note's wording depends on the module id the cell passes – 00_Start must pass m00."""
    nb = json.loads((ROOT / "notebooks" / "00_Start.ipynb").read_text("utf-8"))
    calls = [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
             for c in nb["cells"] if c["cell_type"] == "code"]
    assert any('send.button("m00")' in s for s in calls)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_markdown_link_leads_to_its_own_notebook(path):
    nb = json.loads(path.read_text("utf-8"))
    own = []
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "markdown":
            continue
        src = c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        for m in LINK.finditer(src):
            target = m.group(1) if m.group(1) is not None else m.group(3)
            if target and Path(target).name == path.name:
                own.append(f"cell {i}: {m.group(0)}")
    assert not own, f"links from {path.name} to itself: {own}"
