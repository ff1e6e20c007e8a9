"""Every module notebook has the course's shape (COURSE_STYLE.md) and every module has an
exercise notebook with at least three tasks of rising difficulty."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from course_lib import content

from .notebook_files import ROOT, cell_text, load

MODULES = [m for m in content.modules() if m["id"] != "m00"]
PRESENT = [m for m in MODULES if (ROOT / "notebooks" / m["notebook"]).exists()]
REQUIRED_HEADINGS = ["Lernziele", "Einstieg", "Quiz", "Reflexion", "Für Ihre Praxis", "Das Wichtigste in Kürze", "Quellen"]


def _markdown(nb: dict) -> str:
    return "\n".join(cell_text(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _code(nb: dict) -> str:
    return "\n".join(cell_text(c) for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("mod", PRESENT, ids=lambda m: m["id"])
def test_module_shape(mod):
    nb = load(ROOT / "notebooks" / mod["notebook"])
    md = _markdown(nb)
    headings = re.findall(r"^#{1,3}\s+(.+)$", md, flags=re.M)
    for h in REQUIRED_HEADINGS:
        assert any(h.lower() in x.lower() for x in headings), f"{mod['notebook']}: heading '{h}' missing"
    assert re.search(r"ca\.\s*\d+\s*Minuten", md), "estimated time ('ca. NN Minuten') missing"
    code = _code(nb)
    assert f'quiz.show("{mod["id"]}")' in code, "quiz block missing"
    assert f'reflection.show("{mod["id"]}")' in code, "reflection block missing"


@pytest.mark.parametrize("mod", PRESENT, ids=lambda m: m["id"])
def test_praxis_section_before_summary(mod):
    """„Für Ihre Praxis“ comes right before „Das Wichtigste in Kürze“, with a one-line
    ``praxis.show("mNN")`` cell tagged nbval-ignore-output, and the block's data exist."""
    from course_lib.blocks import praxis

    cells = load(ROOT / "notebooks" / mod["notebook"])["cells"]
    heads = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
             and re.match(r"^##\s+Für Ihre Praxis\s*$", cell_text(c).splitlines()[0] if cell_text(c) else "")]
    summary = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
               and cell_text(c).startswith("## Das Wichtigste in Kürze")]
    assert len(heads) == 1 and len(summary) == 1, "exactly one „## Für Ihre Praxis“ and one summary heading"
    assert heads[0] < summary[0], "„Für Ihre Praxis“ must come before „Das Wichtigste in Kürze“"
    shows = [c for c in cells[heads[0]:summary[0]] if c["cell_type"] == "code"]
    assert [cell_text(c).strip() for c in shows] == [f'praxis.show("{mod["id"]}")']
    assert "nbval-ignore-output" in shows[0].get("metadata", {}).get("tags", [])
    assert praxis.item_ids(praxis.load(mod["id"])), "the transfer block has checklist items"


@pytest.mark.parametrize("mod", PRESENT, ids=lambda m: m["id"])
def test_module_links(mod):
    nb = load(ROOT / "notebooks" / mod["notebook"])
    md = _markdown(nb)
    mods = list(content.modules())
    i = [m["id"] for m in mods].index(mod["id"])
    targets = re.findall(r"\]\(([^)#\s]+\.ipynb)(?:#[^)]*)?\)", md)
    assert "00_Start.ipynb" in targets, "link back to 00_Start missing"
    assert mods[i - 1]["notebook"] in targets, "link to the previous module missing"
    if i + 1 < len(mods):
        assert mods[i + 1]["notebook"] in targets, "link to the next module missing"
    assert f"../exercises/{mod['exercise']}" in targets, "link to the exercise notebook missing"
    for t in targets:
        assert (ROOT / "notebooks" / t).resolve().exists(), f"broken link {t}"


@pytest.mark.parametrize("mod", PRESENT, ids=lambda m: m["id"])
def test_quiz_and_reflections(mod):
    c = content.load_content(mod["id"])
    assert len(c["quiz"]) >= 4
    for item in c["quiz"]:
        assert any(o["correct"] for o in item["options"]), item["id"]
        assert all(o["explanation"].strip() for o in item["options"]), item["id"]
    assert len(c["reflections"]) >= 2


@pytest.mark.parametrize("mod", PRESENT, ids=lambda m: m["id"])
def test_exercise_notebook(mod):
    path = ROOT / "exercises" / mod["exercise"]
    assert path.exists(), f"{mod['exercise']} missing"
    tasks = content.load_tasks(mod["id"])["tasks"]
    assert len(tasks) >= 3
    levels = [t["level"] for t in tasks]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] >= 3, f"levels must rise: {levels}"
    code = _code(load(path))
    for t in tasks:
        assert f'"{t["id"]}"' in code, f"task {t['id']} not used in {path.name}"
        assert len(t["hints"]) >= 2 and t.get("solution"), t["id"]
    md = _markdown(load(path))
    assert f"../notebooks/{mod['notebook']}" in md and "../notebooks/00_Start.ipynb" in md


def test_glossary_links_resolve():
    terms = {t["id"] for t in content.load_glossary()}
    for folder in ("notebooks", "exercises"):
        for p in sorted((ROOT / folder).glob("*.ipynb")):
            for anchor in re.findall(r"Glossar\.ipynb#([A-Za-z0-9-]+)", _markdown(load(p))):
                assert anchor in terms, f"{p.name}: glossary link to unknown term '{anchor}'"


SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"


@pytest.mark.skipif(not SEED_TOOL.exists(), reason="../shared/tools/seed_overlap.py not next to the checkout")
def test_no_sentences_copied_from_sources():
    r = subprocess.run([sys.executable, str(SEED_TOOL)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:]
