"""Style of all learner text (course_lib/authoring/typography.py): a NO-BREAK SPACE between
a number and its unit, no internal planning codes (W6-1, S001, „Kursbrief“), and the two
course marks written plainly as „[Deutung des Kurses]“ and „[Lernmodell]“.

The checker is first shown to catch planted mistakes, then run over every notebook
markdown cell, every data file and the string literals of course_lib's Python code."""
from __future__ import annotations

import pytest

from course_lib.authoring import typography as ty

NB = ty.NBSP


# ---------------------------------------------------------------------------------------
# the checker itself: it must catch planted mistakes and accept correct text
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("planted,rule", [
    ("Gleichungen aus dem Kursbrief (W6-1).", "code"),
    ("Markow-Kette nach W8-1.", "code"),
    ("Quelle S001, Abschnitt 2.", "code"),
    ("siehe S004", "code"),
    ("Der Kursbrief sagt das so.", "code"),
    ("eine Einteilung *[Deutung des Kurses]*", "tag"),
    ("ein Modell **[Lernmodell]**", "tag"),
    ("ein Modell _[Lernmodell]_", "tag"),
    ("[Deutung des Kurses, angelehnt an Literatur]", "tag"),
    ("als [INTERPRETATION] markiert", "tag"),
    ("ein [TOY MODEL]", "tag"),
    ("81 % bei einer Person", "nbsp"),
    ("mehr als 12.000 € Umsatz", "nbsp"),
    ("Dauer 125 bis 200 ms", "nbsp"),
    ("nach 20 Jahren", "nbsp"),
    ("ein Gewicht von 0,5 Punkten", "nbsp"),
    ("ca. 45 Min. Fahrt", "nbsp"),
    ("8 h Arbeitszeit", "nbsp"),
    ("in 150 Millisekunden", "nbsp"),
    ("ein Gegenstück zur Bindungsrate. *(Modul 09)*", "modul"),
    ("[Weiter zu Modul 02 →](02_Imageproblem.ipynb)", "modul"),
    ("wie in den Modulen 03 und 04", "modul"),
    ("die Werte des Moduls 06", "modul"),
])
def test_checker_catches_planted_mistakes(planted, rule):
    assert rule in [r for r, _ in ty.problems(planted)], f"{planted!r} must be flagged as {rule}"


@pytest.mark.parametrize("fine", [
    f"81{NB}% bei einer Person, 12.000{NB}€, 150{NB}ms, 8{NB}h, 20{NB}Jahre",
    "eine Einteilung [Deutung des Kurses] und ein [Lernmodell] des Kurses",
    f"Modul{NB}05, Phase 2, Tag 0, 1.000 Menschen, 7 und 8, Version 3.0",
    "jedes Modul 2-mal; Modulnummer 05; Zwischenmodul 07 ist kein Modulverweis",
    "Kunde 3.0 und Warenwelt 2.0; Seite S. 119; AU 12 + 14",
    "W-Frage; Webster & Wind (1972); Schritt 6-1 ist keine Kennung",
])
def test_checker_accepts_correct_text(fine):
    assert ty.problems(fine) == []


def test_fix_inserts_nbsp_only_between_number_and_unit():
    assert ty.fix_nbsp("von 60 % auf 73 %, in Tag 2 und 12.000 € mehr") == \
        f"von 60{NB}% auf 73{NB}%, in Tag 2 und 12.000{NB}€ mehr"


def test_fix_joins_modul_and_its_number_only():
    assert ty.fix_text("(Modul 09) und [Modul 01 – Start](01.ipynb), 80 %, jedes Modul 2-mal") == \
        f"(Modul{NB}09) und [Modul{NB}01 – Start](01.ipynb), 80{NB}%, jedes Modul 2-mal"


def test_prose_skips_code_math_and_links():
    md = "Rechnen Sie `0.5 * 20 h` und $t = 1 h$ – siehe [Quelle](https://example.org/S001)."
    assert ty.problems(ty.prose(md)) == []
    assert ty.problems(ty.prose(md + " Das kostet 5 €.")) != []


def test_a_planted_internal_code_in_a_notebook_fails(tmp_path, monkeypatch):
    """The whole scan – not only the checker – fails when a learner page carries a code."""
    import nbformat

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## Quellen\n\n* Energiebudget nach dem Kursbrief (W6-1), Quelle S001.")]
    nbformat.write(nb, tmp_path / "notebooks" / "99_Planted.ipynb")
    monkeypatch.setattr(ty, "ROOT", tmp_path)
    monkeypatch.setattr(ty, "data_files", lambda: [])
    monkeypatch.setattr(ty, "python_files", lambda: [])
    found = ty.all_problems()
    assert {r for _w, r, _s in found} == {"code"} and len(found) == 3, found
    assert all("99_Planted.ipynb cell 0" in w for w, _r, _s in found)


# ---------------------------------------------------------------------------------------
# the course's learner text
# ---------------------------------------------------------------------------------------
def _report(found):
    return "\n".join(f"{r:5} {w}: {s!r}" for w, r, s in found[:40]) + (f"\n… {len(found)} in all" if len(found) > 40 else "")


def test_notebook_markdown_is_clean(monkeypatch):
    monkeypatch.setattr(ty, "data_files", lambda: [])
    monkeypatch.setattr(ty, "python_files", lambda: [])
    found = ty.all_problems()
    assert not found, "run python -m course_lib.authoring.typography --fix\n" + _report(found)


def test_data_files_are_clean(monkeypatch):
    """content.json, tasks.json, glossary.json, praxis.json, szenarien.json, modules.json …"""
    monkeypatch.setattr(ty, "notebook_files", lambda: [])
    monkeypatch.setattr(ty, "python_files", lambda: [])
    assert len(ty.data_files()) >= 35
    found = ty.all_problems()
    assert not found, "run python -m course_lib.authoring.typography --fix\n" + _report(found)


PY_FILES = [str(p.relative_to(ty.ROOT)) for p in ty.python_files()]


@pytest.mark.parametrize("rel", PY_FILES)
def test_python_string_literals_are_clean(rel):
    path = ty.ROOT / rel
    found = [(f"{rel}:{line}", r, s) for line, text in ty._py_literals(path) for r, s in ty.problems(text)]
    assert not found, _report(found)


def test_python_scan_sees_literals_but_not_docstrings(tmp_path):
    p = tmp_path / "x.py"
    p.write_text('"""Module doc from the Kursbrief W1-1."""\n'
                 'def f():\n    """Doc: 5 %."""\n    return "Quelle S001"\n', "utf-8")
    texts = [t for _l, t in ty._py_literals(p)]
    assert texts == ["Quelle S001"]


def test_css_comments_and_style_blocks_are_not_learner_text():
    """A developer note in the course CSS is not shown; the same words in shown text are checked."""
    assert ty.problems(".a { } /* never below 12 px */ .b { }") == []
    assert ty.problems("<style>/* 28 px */ .x {}</style><p>Hallo</p>") == []
    assert [r for r, _s in ty.problems("<style>.x {}</style><p>noch 12 px</p>")] == ["nbsp"]


def test_python_scan_reads_placeholders_as_numbers(tmp_path):
    """f"{ms} ms" and "{:.0f} %" put a number before a unit as surely as "150 ms" does."""
    p = tmp_path / "x.py"
    p.write_text('def f(ms, x):\n    a = f"Antwort nach {ms} ms"\n    b = "Anteil {:.0f} %".format(x)\n'
                 '    c = f"Antwort nach {ms}\\u00a0ms"\n    return a, b, c\n', "utf-8")
    found = [(line, s) for line, t in ty._py_literals(p) for r, s in ty.problems(t) if r == "nbsp"]
    assert [line for line, _s in found] == [2, 3]


# ---------------------------------------------------------------------------------------
# what a widget really shows: texts built at run time (helpers, tick formatters, options)
# ---------------------------------------------------------------------------------------
def _shown_texts(widget) -> list[str]:
    """Every text a learner sees in a widget tree: HTML and labels, descriptions, option
    labels, and every text artist of its plots (titles, axis and tick labels, legends)."""
    import html
    import re

    from matplotlib.text import Text

    out, seen, todo = [], set(), [getattr(widget, "box", widget)]
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        todo.extend(getattr(w, "children", ()))
        for attr in ("value", "description", "placeholder", "tooltip"):
            v = getattr(w, attr, None)
            if isinstance(v, str) and v:
                out.append(html.unescape(re.sub(r"<[^>]+>", " ", v)))
        out.extend(str(o) for o in getattr(w, "_options_labels", ()))
    for p in getattr(widget, "plots", ()):
        p.fig.canvas.draw()  # tick labels exist only after a draw
        out.append(p.alt)
        out.extend(t.get_text() for t in p.fig.findobj(Text) if t.get_visible() and t.get_text())
    return out


def _course_widgets():
    from course_lib.m00_start import view as m00
    from course_lib.m03_digitalisierung import view as m03
    from course_lib.m04_cem import view as m04
    for mod, view in (("m00", m00), ("m03", m03), ("m04", m04)):
        for name in view.WIDGETS:
            yield pytest.param(view, name, id=f"{mod}.{name}")


@pytest.mark.parametrize("view,name", list(_course_widgets()))
def test_widget_shows_no_number_unit_break(view, name):
    """The rendered texts of a widget, at the default values and with every slider at its
    minimum and maximum, join each number and its unit with a no-break space."""
    import inspect

    factory = view.WIDGETS[name]
    w = factory(predict=False) if "predict" in inspect.signature(factory).parameters else factory()
    found = []

    def scan(state):
        found.extend((state, r, s) for t in _shown_texts(w) for r, s in ty.problems(t) if r == "nbsp")

    scan("Standard")
    for key, c in w.controls.items():
        if hasattr(c, "min") and hasattr(c, "max") and not isinstance(c.value, str):
            start = c.value
            for end in (c.min, c.max):
                c.value = end
                scan(f"{key}={end}")
            c.value = start
    assert not found, _report(found)


# ---------------------------------------------------------------------------------------
# line breaks inside one unit of meaning (screenshot review, issue 17): „≈“ and its number,
# a key combination, a short formula in brackets. Checked in the learner text ex-fix owns
# (task data, exercise markdown, the exercise and m02–m04 widgets); hits elsewhere are
# listed by test_other_break_hits_are_known.
# ---------------------------------------------------------------------------------------
import re  # noqa: E402

APPROX_SPACE = re.compile(r"[≈~] (?=[−+\-–]?\d)")
_KEY = r"(?:Umschalt|Strg|Alt|Cmd|Ctrl|Shift|Enter|Eingabe(?:taste)?|Esc|Tab|Entf|F\d{1,2}|[A-Z])"
KEY_COMBO = re.compile(rf"(?<!\w)(?:Umschalt|Strg|Alt|Cmd|Ctrl|Shift)(?:[ {NB}]?\+[ {NB}]?{_KEY}(?!\w))+")
BRACKET = re.compile(r"\(([^()]{1,40})\)")


def break_problems(text: str) -> list[tuple[str, str]]:
    """``(rule, snippet)`` for every place where a line may break inside one unit of meaning:
    approx – „≈“/„~“, a normal space, a number; keys – „Umschalt + Enter“ with a normal space;
    formula – a short bracket with a number whose operator has a normal space beside it
    („(1 − 0,5·c)“; code with ASCII ``-``/``*``/``_`` is left alone)."""
    out = [("approx", text[max(0, m.start() - 12): m.end() + 8]) for m in APPROX_SPACE.finditer(text)]
    out += [("keys", m.group(0)) for m in KEY_COMBO.finditer(text) if " " in m.group(0)]
    for m in BRACKET.finditer(text):
        inner = m.group(1)
        if re.search(r"\d", inner) and re.search(rf"(?: [−+·÷×=][ {NB}]|[ {NB}][−+·÷×=] )", inner) and not re.search(r"[-*_]", inner):
            out.append(("formula", m.group(0)))
    return out


@pytest.mark.parametrize("planted,rule", [
    ("eine Wahrscheinlichkeit von (≈ −0,842, mit Punkt)", "approx"),
    ("d′ ≈ 1,68", "approx"),
    ("etwa ~ 20 Stück", "approx"),
    ("führen Sie die Zelle mit *Umschalt + Enter* aus", "keys"),
    (f"mit Strg{NB}+ S speichern", "keys"),
    ("Alt + F4 schließt", "keys"),
    ("Energie · (1 − 0,5·c) am Tag", "formula"),
    ("Austauschbarkeit (1 − schwächerer der beiden Werte ÷ 10)", "formula"),
])
def test_break_checker_catches_planted_mistakes(planted, rule):
    assert rule in [r for r, _ in break_problems(planted)], planted


@pytest.mark.parametrize("fine", [
    f"d′ ≈{NB}1,68 und (≈{NB}−0,842)",
    f"mit *Umschalt{NB}+{NB}Enter* aus; Strg{NB}+{NB}Umschalt{NB}+{NB}C",
    f"Energie · (1{NB}−{NB}0,5·c); (−2 bis +3); (Einfluss 8, Haltung −3)",
    "kundenwert = marge * bindung / (1 + zins - bindung)",
    "Werte von 1 bis 10 (Lernmodell, fachlich × persönlich ÷ 100 ergibt ein langes Stück)",
])
def test_break_checker_accepts_correct_text(fine):
    assert break_problems(fine) == []


def _break_hits():
    return [(w, r, s) for w, text in ty.learner_texts() for r, s in break_problems(text)]


def test_no_break_inside_a_unit_of_meaning_in_any_learner_text():
    """All learner text: notebooks, exercises, data files, widget strings."""
    found = _break_hits()
    assert not found, _report(found)


# ---------------------------------------------------------------------------------------
# formulas hold together (helper mods2): no line break inside a short formula
# ---------------------------------------------------------------------------------------
_FORMULA_OP = r"[−+=·×/]"
#: an operand: no space inside, except a number's no-break space before € or % („1.000 €“)
_FORMULA_OPERAND = r"[^ \u00a0\n\[\]]+(?:\u00a0[€%])?"
#: operands joined by operators, the spaces around each operator normal or no-break
_FORMULA = __import__("re").compile(
    rf"(?<![^ \u00a0\n(]){_FORMULA_OPERAND}(?:[ \u00a0]{_FORMULA_OP}[ \u00a0]{_FORMULA_OPERAND})+")
_SHORT_BRACKET = __import__("re").compile(r"\([^()\n]{1,30}\)")
#: key combinations („Umschalt + Enter“) have their own rule
_KEYS = {"umschalt", "strg", "enter", "alt", "tab", "shift", "ctrl", "eingabe"}


def formula_breaks(text: str) -> list[str]:
    """Formulas in ``text`` that a browser may break at the wrong place: a short formula
    (up to 40 characters, „7 − 9 = −2“, „1 / (1 − r)“, „AU 6 + 12“) joins its operators
    with NO-BREAK SPACEs throughout; a longer one may break only after an operator (never
    before it, so no line starts with „− r)“), and keeps each short bracket whole."""
    import re

    out = []
    for m in _FORMULA.finditer(text):
        s = m.group(0)
        if {w.strip("*_.,;:").lower() for w in re.split(rf"[ \u00a0]{_FORMULA_OP}[ \u00a0]", s)} <= _KEYS:
            continue
        if len(s) <= 40:
            bad = " " in s
        else:
            bad = bool(re.search(rf" {_FORMULA_OP}[ \u00a0]", s)) or any(
                " " in b for b in _SHORT_BRACKET.findall(s) if re.search(_FORMULA_OP, b))
        if bad:
            out.append(s)
    return out


@pytest.mark.parametrize("planted", [
    "Die Abweichung beträgt 7 − 9 = −2 – die Kundin ist enttäuscht.",
    "die erwartete Kundendauer 1 / (1 − Bindungsrate), bei 80 % also",
    f"CLV{NB}={NB}m{NB}·{NB}r{NB}/{NB}(1 + i{NB}−{NB}r){NB}−{NB}AC",
    "Echte Freude ist etwa AU 6 + 12; Trauer",
    f"Formel: CLV{NB}= m{NB}· r … 1.000{NB}€{NB}· 0,80{NB}/ (1{NB}+{NB}0,10{NB}−{NB}0,80){NB}− 0{NB}€ ={NB}2.667{NB}€",
    f"*Termine{NB}= Kontakte{NB}· Erreichbarkeit{NB}· (1{NB}−{NB}Abwimmelquote) · Terminquote*",
    f"*Termine{NB}= Kontakte{NB}· Erreichbarkeit{NB}· (1 − Abwimmelquote){NB}· Terminquote*",
])
def test_formula_checker_catches_breakable_formulas(planted):
    assert formula_breaks(planted), f"{planted!r} must be flagged"


@pytest.mark.parametrize("fine", [
    f"Die Abweichung beträgt 7{NB}−{NB}9{NB}={NB}−2 – die Kundin ist enttäuscht.",
    f"*Termine{NB}= Kontakte{NB}· Erreichbarkeit{NB}· (1{NB}−{NB}Abwimmelquote){NB}· Terminquote*",
    "[A](#a) · [B](#b) · [C](#c)", "Drücken Sie *Umschalt + Enter*.", "Kunde 3.0 – der Wandel, 20–30 Jahre",
])
def test_formula_checker_accepts_tied_formulas_and_separators(fine):
    assert formula_breaks(ty.prose(fine)) == []


def test_formulas_in_notebooks_and_glossary_do_not_break():
    """Notebook markdown (modules, Glossar) and every glossary entry: no short formula can
    be split across two lines (found at 650 px: „CLV = m · r / (1“ | „+ i − r) − AC“)."""
    found = []
    for where, text in ty.learner_texts():
        if where.startswith("notebooks/") or where.endswith("glossary.json"):
            found += [(where, "formula", s) for s in formula_breaks(text)]
    assert not found, _report(found)


def test_a_single_letter_before_a_hyphen_never_stands_alone_at_a_line_end():
    """„S‑Kurve“, „W‑Frage“: a lone capital before a hyphen is joined by a NON-BREAKING
    HYPHEN (U+2011) in notebook prose and glossary definitions (found at 650 px: „S-“ |
    „Kurve“). Headings and glossary terms keep the plain hyphen (search, anchors)."""
    import json
    import re

    lone = re.compile(r"(?<![\w\u2011-])[A-ZÄÖÜ]-(?=\w)")
    assert lone.search("eine S-Kurve") and not lone.search("eine S\u2011Kurve, B2B-Kunden, E2E-Test")
    found = []
    for where, text in ty.learner_texts():
        if where.startswith("notebooks/"):
            for ln in text.split("\n"):
                if not ln.lstrip().startswith("#"):
                    found += [(where, "hyphen", ln[max(0, m.start() - 20):m.end() + 10]) for m in lone.finditer(ln)]
    for p in ty.data_files():
        if p.name == "glossary.json":
            doc = json.loads(p.read_text("utf-8"))
            for t in doc["terms"] if isinstance(doc, dict) else doc:
                found += [(str(p.name), "hyphen", t["definition"][max(0, m.start() - 20):m.end() + 10])
                          for m in lone.finditer(t["definition"])]
    assert not found, _report(found)
