"""The instructor guide (docs/INSTRUCTOR_GUIDE.md) references only what exists.

* every ``Modul NN`` is a module of ``course_lib/data/modules.json`` (always two digits);
* every widget is written as `` `mNN.<name>` `` and ``<name>`` is a key of
  ``course_lib.<package>.view.WIDGETS`` of that module – and the module's notebook really
  shows it; in an agenda row, a widget belongs to a module named in the same row;
* every agenda template (``### Vorlage …: … NN Minuten …``) has one table whose time slots
  are well-formed, contiguous, match the minutes column and add up to the stated total;
* the overview table names every module with its self-study minutes from modules.json;
* every relative link points to an existing file (and every ``#anchor`` to a heading);
* every ``make <target>`` is a target of the Makefile.

Each check is a function that returns a list of problem strings (English, for maintainers); the tests
run them on the guide and – to prove they bite – on copies of the guide with planted errors.
"""
from __future__ import annotations

import importlib
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from course_lib import content

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "INSTRUCTOR_GUIDE.md"

MODULE_REF = re.compile(r"\bModul\w*[ \t\xa0]+(\d+)\b")           # any "Modul <number>" form
MODULE_OK = re.compile(r"\bModul (\d{2})\b")                        # the machine-checkable form
WIDGET_SPAN = re.compile(r"`(m\d{2})\.([A-Za-z_]\w*)`")              # `m04.avr_check`
WIDGET_LIKE = re.compile(r"\bm\d{2}\.\w+")                          # anything that looks like one
TIME_SLOT = re.compile(r"^(\d{1,2}):(\d{2})\s*[–-]\s*(\d{1,2}):(\d{2})$")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]+`")


# ---------------------------------------------------------------- course facts


@lru_cache(maxsize=None)
def module_ids() -> frozenset[str]:
    return frozenset(m["id"] for m in content.modules())


@lru_cache(maxsize=None)
def widget_names(module_id: str) -> frozenset[str] | None:
    """Keys of the module's view.WIDGETS, or None if the module has no view yet."""
    info = content.module_info(module_id)
    try:
        view = importlib.import_module(f"course_lib.{info['package']}.view")
    except ModuleNotFoundError:
        return None
    return frozenset(getattr(view, "WIDGETS", {}))


@lru_cache(maxsize=None)
def notebook_code(module_id: str) -> str:
    path = ROOT / "notebooks" / content.module_info(module_id)["notebook"]
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"] if c["cell_type"] == "code")


@lru_cache(maxsize=None)
def make_targets() -> frozenset[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return frozenset(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.M))


# ---------------------------------------------------------------- parsing


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def sections(text: str) -> list[tuple[str, int, str]]:
    """(heading line, heading level, body until the next heading of any level)."""
    out, heading, level, body = [], "", 0, []
    in_fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            out.append((heading, level, "\n".join(body)))
            heading, level, body = m.group(2).strip(), len(m.group(1)), []
        else:
            body.append(line)
    out.append((heading, level, "\n".join(body)))
    return out


def split_row(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(body: str) -> list[tuple[list[str], list[list[str]]]]:
    """Markdown tables in a section: (header cells, data rows)."""
    found, block = [], []
    for line in body.splitlines() + [""]:
        if line.lstrip().startswith("|"):
            block.append(line)
            continue
        if len(block) >= 2:
            found.append((split_row(block[0]), [split_row(r) for r in block[2:]]))
        block = []
    return found


def agendas(text: str) -> list[dict]:
    out = []
    for heading, level, body in sections(text):
        if not heading.startswith("Vorlage"):
            continue
        m = re.search(r"(\d+)\s+Minuten", heading)
        out.append({"heading": heading, "total": int(m.group(1)) if m else None,
                    "tables": [t for t in tables(body) if t[0] and t[0][0] == "Zeit"]})
    return out


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → hyphens."""
    s = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return s.replace(" ", "-")


def anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading, _level, _body in sections(text)[1:]:
        base = slug(heading)
        n = seen.get(base, 0)
        out.add(base if n == 0 else f"{base}-{n}")
        seen[base] = n + 1
    return out


# ---------------------------------------------------------------- checks


def module_problems(text: str) -> list[str]:
    probs = []
    for m in MODULE_REF.finditer(text):
        where = f"line {line_of(text, m.start())}: {m.group(0)!r}"
        if not MODULE_OK.fullmatch(m.group(0)):
            probs.append(f"{where} – write modules exactly as 'Modul NN' (two digits)")
        elif f"m{m.group(1)}" not in module_ids():
            probs.append(f"{where} – no such module in modules.json")
    return probs


def widget_problems(text: str) -> list[str]:
    probs = []
    spans = {m.start() + 1 for m in WIDGET_SPAN.finditer(text)}
    for m in WIDGET_LIKE.finditer(text):
        if m.start() not in spans:
            probs.append(f"line {line_of(text, m.start())}: {m.group(0)!r} – write widgets only as `mNN.name` in backticks")
    for m in WIDGET_SPAN.finditer(text):
        mid, name = m.groups()
        where = f"line {line_of(text, m.start())}: `{mid}.{name}`"
        if mid not in module_ids():
            probs.append(f"{where} – no module {mid}")
            continue
        names = widget_names(mid)
        if names is None:
            probs.append(f"{where} – module {mid} has no view.py yet; reference the module only")
        elif name not in names:
            probs.append(f"{where} – not a key of {mid}'s view.WIDGETS {sorted(names)}")
        elif not re.search(rf"\.{name}\(", notebook_code(mid)):
            probs.append(f"{where} – the module's notebook does not show this widget")
    return probs


def agenda_problems(text: str) -> list[str]:
    probs = []
    for ag in agendas(text):
        h = ag["heading"]
        if ag["total"] is None:
            probs.append(f"{h!r}: the heading states no total ('NN Minuten')")
            continue
        if len(ag["tables"]) != 1:
            probs.append(f"{h!r}: expected exactly one agenda table, found {len(ag['tables'])}")
            continue
        header, rows = ag["tables"][0]
        if not rows:
            probs.append(f"{h!r}: the agenda table is empty")
            continue
        i_min = header.index("Min.") if "Min." in header else None
        slots = []
        for row in rows:
            if len(row) != len(header):
                probs.append(f"{h!r}: row {row[0]!r} has {len(row)} cells, the header {len(header)}")
                continue
            t = TIME_SLOT.match(row[0])
            if not t:
                probs.append(f"{h!r}: time slot {row[0]!r} is not 'HH:MM–HH:MM'")
                continue
            a = int(t.group(1)) * 60 + int(t.group(2))
            b = int(t.group(3)) * 60 + int(t.group(4))
            if b <= a:
                probs.append(f"{h!r}: slot {row[0]} ends before it starts")
            if i_min is not None and row[i_min] != str(b - a):
                probs.append(f"{h!r}: slot {row[0]} lasts {b - a} min, the table says {row[i_min]!r}")
            if slots and slots[-1][1] != a:
                probs.append(f"{h!r}: gap or overlap before {row[0]} (previous slot ends at "
                             f"{slots[-1][1] // 60:02d}:{slots[-1][1] % 60:02d})")
            row_text = " ".join(row)
            named = set(MODULE_OK.findall(row_text))
            for mid, name in WIDGET_SPAN.findall(row_text):
                if mid[1:] not in named:
                    probs.append(f"{h!r}: slot {row[0]} shows `{mid}.{name}` but does not name Modul {mid[1:]}")
            slots.append((a, b))
        if slots:
            summed = sum(b - a for a, b in slots)
            span = slots[-1][1] - slots[0][0]
            if summed != ag["total"] or span != ag["total"]:
                probs.append(f"{h!r}: slots add up to {summed} min (span {span} min), the heading says {ag['total']}")
    return probs


def overview_problems(text: str) -> list[str]:
    """The module overview table: every module once, with its minutes from modules.json."""
    probs, seen = [], set()
    for _heading, _level, body in sections(text):
        for header, rows in tables(body):
            if not header or header[0] != "Modul":
                continue
            for row in rows:
                m = MODULE_OK.fullmatch(row[0])
                if not m:
                    probs.append(f"overview row {row[0]!r} is not 'Modul NN'")
                    continue
                mid = f"m{m.group(1)}"
                if mid not in module_ids():
                    continue  # reported by module_problems
                seen.add(mid)
                minutes = [int(x) for c in row for x in re.findall(r"ca\. (\d+) Min\.", c)]
                want = content.module_info(mid)["minutes"]
                if minutes != [want]:
                    probs.append(f"overview row {row[0]}: minutes {minutes} – modules.json says {want}")
    missing = sorted(module_ids() - seen)
    if missing:
        probs.append(f"the module overview table lacks {missing}")
    return probs


def link_problems(text: str, base: Path = GUIDE.parent) -> list[str]:
    probs = []
    plain = INLINE_CODE.sub("", FENCE.sub("", text))
    own = anchors(text)
    for m in LINK.finditer(plain):
        target = m.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):      # http:, https:, mailto: …
            continue
        path, _, frag = target.partition("#")
        if not path:
            if frag not in own:
                probs.append(f"link {target!r}: no heading with this anchor in the guide")
            continue
        dest = (base / path).resolve()
        if not dest.exists():
            probs.append(f"link {target!r}: {dest} does not exist")
        elif ROOT.resolve() not in dest.parents and dest != ROOT.resolve():
            probs.append(f"link {target!r} leaves the repository")
    return probs


def make_problems(text: str) -> list[str]:
    probs = []
    commands = [s.strip("`") for s in INLINE_CODE.findall(text)]
    commands += [ln.strip() for block in FENCE.findall(text) for ln in block.splitlines()]
    for cmd in commands:
        for target in re.findall(r"(?:^|\s)make ([A-Za-z][\w-]*)", cmd):
            if target not in make_targets():
                probs.append(f"'make {target}' is not a Makefile target")
    return probs


ALL_CHECKS = (module_problems, widget_problems, agenda_problems, overview_problems, link_problems, make_problems)


@pytest.fixture(scope="module")
def guide() -> str:
    assert GUIDE.exists(), "docs/INSTRUCTOR_GUIDE.md is missing"
    return GUIDE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the guide


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f.__name__)
def test_guide_is_consistent_with_the_course(guide, check):
    problems = check(guide)
    assert problems == [], "\n".join(problems)


def test_guide_has_the_three_agenda_templates(guide):
    totals = sorted(ag["total"] for ag in agendas(guide))
    assert len(totals) == 3, totals
    short, half, full = totals
    assert short == 90
    assert 180 <= half <= 240, "half a day is about 3.5 hours"
    assert 360 <= full <= 420, "a full day is about 6.5 hours"


def test_guide_actually_references_modules_and_widgets(guide):
    # The checks above are vacuous on an empty guide: make sure there is something to check.
    assert len(set(MODULE_OK.findall(guide))) >= 5
    refs = set(WIDGET_SPAN.findall(guide))
    assert len(refs) >= 10
    for ag in agendas(guide):
        header, rows = ag["tables"][0]
        shown = [r for r in rows if WIDGET_SPAN.search(" ".join(r))]
        assert len(shown) >= 3, f"{ag['heading']!r}: an agenda should say which widgets to show"


def test_guide_typography(guide):
    plain = INLINE_CODE.sub("", FENCE.sub("", guide))
    assert '"' not in plain, "use German quotation marks „…“ in the guide text"
    assert "„" in plain and "–" in plain
    for ascii_umlaut in (" fuer ", " koennen ", " Uebung", " muessen "):
        assert ascii_umlaut not in plain


# ---------------------------------------------------------------- the checks bite


def _planted(guide: str, old: str, new: str) -> str:
    assert old in guide, f"cannot plant an error: {old!r} not in the guide"
    return guide.replace(old, new, 1)


@pytest.mark.parametrize("old, new, check", [
    ("`m02.druckspirale`", "`m02.druckspirale_neu`", widget_problems),         # invented widget name
    ("`m04.avr_check`", "`m05.avr_check`", widget_problems),                    # widget of another module
    ("`m04.avr_check`", "m04.avr_check", widget_problems),                      # not in backticks
    ("Modul 04", "Modul 4", module_problems),                                    # one digit
    ("Modul 04", "Modul 42", module_problems),                                   # no such module
    ("09:10–09:30 | 20", "09:10–09:35 | 25", agenda_problems),                   # overlap and wrong total
    ("| 09:10–09:30 | 20 |", "| 09:10–09:30 | 25 |", agenda_problems),           # minutes column wrong
    ("(JUPYTERHUB.md)", "(JUPYTERHUB_ALT.md)", link_problems),                  # dangling link
    ("(#ablaufpläne)", "(#ablaufplaene)", link_problems),                        # dangling anchor
    ("`make lab PORT=8899`", "`make labor PORT=8899`", make_problems),       # no such target
    ("make handouts\n", "make arbeitsblaetter\n", make_problems),              # in a code block
    ("ca. 45 Min.", "ca. 40 Min.", overview_problems),                           # minutes differ from modules.json
])
def test_checks_catch_planted_errors(guide, old, new, check):
    assert check(guide) == []
    assert check(_planted(guide, old, new)) != []


def test_agenda_row_must_name_the_widgets_module():
    text = ("### Vorlage X: 20 Minuten\n\n| Zeit | Min. | Modul | Widget zeigen |\n|---|---|---|---|\n"
            "| 09:00–09:10 | 10 | Modul 02 | `m02.druckspirale` |\n"
            "| 09:10–09:20 | 10 | Modul 01 | `m02.druckspirale` |\n")
    problems = agenda_problems(text)
    assert len(problems) == 1 and "does not name Modul 02" in problems[0]


# ---------------------------------------------------------------- workshop flows (issue 21)

STEP_CLAIM = re.compile(r"^\*\*(Lernende|Sie) – (\d+)[ \xa0]Schritte?[.:]?\*\*", re.M)
GOALS = {"Lernende": {"Weg 1": 1, "Weg 2": 3}, "Sie": {"Weg 1": 3, "Weg 2": 3}}


def step_counts(text: str) -> dict:
    """{(flow, who): (claimed, counted)} – the numbered list right after each step claim."""
    out = {}
    for heading, _level, body in sections(text):
        flow = heading.split(":")[0]
        if flow not in ("Weg 1", "Weg 2"):
            continue
        for m in STEP_CLAIM.finditer(body):
            rest = body[m.end():]
            items, started = 0, False
            for line in rest.splitlines():
                if re.match(r"^\d+\. ", line):
                    items += 1
                    started = True
                elif started and line and not line.startswith(" "):
                    break
            out[(flow, m.group(1))] = (int(m.group(2)), items)
    return out


def flow_problems(text: str) -> list[str]:
    probs = []
    counts = step_counts(text)
    for who, flows in GOALS.items():
        for flow, goal in flows.items():
            if (flow, who) not in counts:
                probs.append(f"{flow}: no step count for {who}")
                continue
            claimed, counted = counts[(flow, who)]
            if claimed != counted:
                probs.append(f"{flow}/{who}: claims {claimed} steps, lists {counted}")
            if counted > goal:
                probs.append(f"{flow}/{who}: {counted} steps, the goal is at most {goal}")
    return probs


def test_guide_counts_the_workshop_steps(guide):
    assert flow_problems(guide) == [], flow_problems(guide)
    counts = step_counts(guide)
    assert counts[("Weg 1", "Lernende")] == (1, 1)


def test_flow_check_bites(guide):
    more = _planted(guide, "3. *(wahlweise)*", "3. Kaffee holen.\n4. *(wahlweise)*")
    assert any("claims 3 steps, lists 4" in p for p in flow_problems(more))
    worse = _planted(guide, "**Lernende – 1\xa0Schritt.**", "**Lernende – 2\xa0Schritte.**")
    assert flow_problems(worse) != []


def test_guide_names_the_real_buttons(guide):
    """The labels the guide tells people to click are the labels in the code."""
    from course_lib.workshop import klassenraum, send
    from course_lib.workshop.view import UploadResults

    b = send.SendButton({"url": "http://x/", "token": "t"})
    assert f"„{b.button.description}“" in guide
    assert f"„{UploadResults().upload.description}“" in guide
    page = klassenraum.render_page([], "/services/klassenraum/", 1, "x")
    for label in ("Neue Runde", "Als CSV herunterladen", "Als JSON herunterladen"):
        assert label in page and label in guide
    assert "/services/klassenraum/" in guide and "„kursleitung“" in guide


def test_guide_has_the_workshop_sections(guide):
    heads = [h for h, _l, _b in sections(guide)]
    assert any(h.startswith("Vorlage") and "180 Minuten" in h for h in heads)
    assert "Was das Pseudonym schützt – und was nicht" in heads and "Checkliste für die IT" in heads
    hakt = next(b for h, _l, b in sections(guide) if h == "Wenn etwas hakt")
    for topic in ("startet nicht", "Binder-Sitzung ist abgelaufen", "Speichermangels", "Auswertungs-Notebook"):
        assert topic in hakt, topic
    pseudo = next(b for h, _l, b in sections(guide) if h.startswith("Was das Pseudonym"))
    for point in ("gegenüber der Gruppe", "Hub-Administration", "Lernplattform"):
        assert point in pseudo
    it = next(b for h, _l, b in sections(guide) if h == "Checkliste für die IT")
    for item in ("Gäste", "Authenticator", "HTTPS", "Admin-Rolle", "Image", "Grenzen", "Culling", "Klassenraum", "Testtermin"):
        assert item in it, item
    assert len(it.splitlines()) <= 40  # one page
