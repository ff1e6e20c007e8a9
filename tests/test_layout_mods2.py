"""Order and wording rules for widgets fixed after the screenshot review (helper mods2):
what a learner must read first comes first, legends and headers say what the plot shows."""
from __future__ import annotations

import ipywidgets as widgets


def _flat(w):
    """All widgets below ``w`` in display order (depth first)."""
    out = [w]
    for c in getattr(w, "children", ()):
        out += _flat(c)
    return out


def test_proaktiver_service_case_comes_before_the_reactions():
    """The situation text stands directly under the dropdown that picks it, above the
    reactions and the buttons (it asks the learner to choose a reaction below it)."""
    from course_lib.m05_kundenbindung import view

    w = view.proaktiver_service()
    order = _flat(w.box)
    pos = {name: order.index(getattr(w, name)) for name in ("situation", "card", "answer", "next_button")}
    assert pos["situation"] < pos["card"] < pos["answer"] < pos["next_button"]
    between = [x for x in order[pos["situation"] + 1:pos["card"]] if isinstance(x, widgets.HTML) and x.value.strip()]
    assert not between, "nothing visible between the dropdown and its case"
    assert "Situation 1 von" in w.card.value and "unten" in w.card.value and "oben" not in w.card.value


def _treue_texts(panel):
    return [c.value for c in panel.view_box.children if isinstance(c, widgets.HTML)]


def test_wert_der_treue_table_header_and_legend_match_the_plot():
    """The table header names each rate's marker and line style as the plot draws them
    (not the letter „o“ for a circle), and the legend handle is long enough to show B's
    dashes between its markers (a short handle looked like a solid line)."""
    from course_lib.m05_kundenbindung import view

    panel = view.wert_der_treue()
    panel.refresh()
    html = next(t for t in _treue_texts(panel) if "<table" in t)
    glyph = {"o": "●", "s": "■", "^": "▲", "D": "◆"}
    style = {"-": "durchgezogen", "--": "gestrichelt", ":": "gepunktet"}
    leg = panel.plots[0].fig.axes[0].get_legend()
    assert leg.handlelength >= 3, "a dashed handle needs room for a dash, a gap and a marker"
    for name, col in (("line_a", "A"), ("line_b", "B")):
        line = panel.artists[name]
        head = f">{col} ({glyph[line.get_marker()]}, {style[line.get_linestyle()]}"
        assert head in html, f"header of column {col} must read {head!r}"
    assert [h.get_linestyle() for h in leg.legend_handles] == ["-", "--"]


def test_wert_der_treue_formula_and_table_do_not_break_inside_formulas():
    """The readout's formula line and table rows keep short formulas whole (no breakable
    space before an operator or inside a bracket), at default values and with referrals."""
    from course_lib.m05_kundenbindung import view
    from tests.test_content_style import formula_breaks

    panel = view.wert_der_treue()
    for q in (0.0, 0.2):
        panel.controls["q"].value = q
        panel.refresh()
        import re
        for t in _treue_texts(panel):
            plain = re.sub(r"<[^>]+>", "", t)
            assert formula_breaks(plain) == [], formula_breaks(plain)


def _texts(fig):
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_mikro_trainer_bar_labels_clear_of_spine_and_guessing_line():
    """„noch keine“ (0 trials) and a low rate's label start right of the dotted guessing
    line: not on the y-axis spine, not struck through by the line."""
    from course_lib.m08_mimikresonanz import model, view

    w = view.mikro_trainer()
    fig, ax = w.plot.fig, w.ax1
    r = fig.canvas.get_renderer()

    def check():
        fig.canvas.draw()
        x_line = ax.transData.transform((100 * model.CHANCE_LEVEL, 0))[0]
        x_spine = ax.transData.transform((0, 0))[0]
        for t in w.bar_texts:
            if t.get_text():
                box = t.get_window_extent(r)
                assert box.x0 > x_line + 2 and box.x0 > x_spine + 2, (t.get_text(), box.x0, x_line)

    check()
    assert all(t.get_text() == "noch keine" for t in w.bar_texts)
    # one wrong answer: a 0 % bar, whose label must not sit on the spine either
    cur = w.next_trial()
    wrong = next(a for a in model.ANSWERS if a not in (cur["emotion"], model.DONT_KNOW))
    w.answer(wrong)
    assert any(t.get_text().startswith("0") for t in w.bar_texts)
    check()


def test_m08_and_m09_plots_have_no_text_below_the_note_size():
    from course_lib.blocks.style import FONT
    from course_lib.m08_mimikresonanz import view as m08
    from course_lib.m09_gespraech import view as m09

    panels = [m08.mikro_trainer()] + [f() for f in m09.WIDGETS.values()]
    small = []
    for p in panels:
        for lp in getattr(p, "plots", []) or ([p.plot] if hasattr(p, "plot") else []):
            small += [(t.get_text(), t.get_fontsize()) for t in _texts(lp.fig) if t.get_fontsize() < FONT["note"]]
    assert not small, small


def test_goldene_mitte_bar_labels_fit_side_by_side_at_laptop_width():
    """The three category names under „Ihre Marge je Auftrag“ fit side by side down to a
    560 px panel: LivePlot never has to stagger them (a staggered „Mitte“ read like an axis
    title), and no two labels touch."""
    from course_lib.m09_gespraech import view

    panel = view.goldene_mitte()
    lp = panel.plots[0]
    bx = lp.fig.axes[1]
    for px in (1400, 1000, 650, 560):
        lp.fit_width(px)
        panel.refresh()
        lp.draw()
        assert not getattr(bx.xaxis, "_vt_stagger", None), f"tick labels staggered at {px} px"
        r = lp.fig.canvas.get_renderer()
        boxes = sorted((t.label1.get_window_extent(r) for t in bx.xaxis.get_major_ticks()), key=lambda b: b.x0)
        assert all(b.x0 > a.x1 + 3 for a, b in zip(boxes, boxes[1:])), f"labels touch at {px} px"


def test_goldene_mitte_tags_have_the_text_size():
    """„[Quelle: …]“, „[Deutung des Kurses]“ and „[Lernmodell]“ are as large as the text
    around them (as in the markdown), not shrunk by <small> to about 10 px."""
    import re

    from course_lib.m09_gespraech import view

    panel = view.goldene_mitte()
    panel.refresh()
    html = " ".join(c.value for c in panel.view_box.children if isinstance(c, widgets.HTML))
    assert "[Deutung des Kurses]" in html and "[Lernmodell]" in html and "[Quelle: " in html
    assert not re.search(r"<small>[^<]*\[(?:Deutung des Kurses|Lernmodell|Quelle:[^\]]*)\]", html)


def test_quiz_intro_names_two_questions_with_und_and_keeps_the_last_number():
    from course_lib.blocks import quiz

    assert quiz.number_span(5, 6) == "5 und\u00a06"
    assert quiz.number_span(4, 7) == "4 bis\u00a07"
    assert quiz.number_span(1, 2) == "1 und\u00a02"


def test_final_quiz_intro_uses_the_span(data_dir):
    """The sentence above a module's final quiz, built from its content: „… hier folgen die
    Fragen 5 und 6.“ / „… 4 bis 7.“, never „5 bis 6“, the last number never alone on a line."""
    import re

    from course_lib import content
    from course_lib.blocks import quiz

    seen = 0
    for m in content.modules():
        doc = content.load_content(m["id"])
        if not doc.get("quiz_inline") or not doc.get("quiz"):
            continue
        q = quiz.Quiz(m["id"])
        intro = next((c.value for c in q.box.children if "hier folg" in getattr(c, "value", "")), "")
        for a, word, space, b in re.findall(r"(\d+) (bis|und)(\s)(\d+)", intro):
            seen += 1
            assert space == "\u00a0", intro
            assert (word == "und") == (int(b) == int(a) + 1), intro
    assert seen >= 3


def _footer_links(nb_name):
    import re

    import nbformat

    from tests.notebook_files import ROOT

    nb = nbformat.read(ROOT / "notebooks" / nb_name, as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "markdown", "the footer is the notebook's last cell"
    line = next(ln for ln in last.source.split("\n") if "](" in ln)
    return re.findall(r"\[([^\]]+)\]\(([^)]+)\)", line), ROOT


def test_module_footers_share_one_pattern_without_duplicate_links():
    """Every module notebook ends with the same footer: ← previous module (not for module 01,
    whose previous page is the overview), next module → (not for the last), exercises,
    overview, glossary – each target once, each resolving to an existing notebook, and the
    module links named „Modul NN: title“ as in the course's module list."""
    import re

    from course_lib import content

    mods = list(content.modules())
    for i, m in enumerate(mods[1:], start=1):
        links, root = _footer_links(m["notebook"])
        labels = [lab for lab, _t in links]
        targets = [t for _l, t in links]
        assert len(set(targets)) == len(targets), f"{m['notebook']}: a target linked twice: {targets}"
        for t in targets:
            assert (root / "notebooks" / t).resolve().exists(), f"{m['notebook']}: broken link {t}"
        want = []
        if i > 1:
            p = mods[i - 1]
            want.append((f"← Modul\u00a0{p['id'][1:]}: {p['title']}", p["notebook"]))
        if i + 1 < len(mods):
            n = mods[i + 1]
            want.append((f"Modul\u00a0{n['id'][1:]}: {n['title']} →", n["notebook"]))
        want += [("Übungen zu diesem Modul", f"../exercises/{m['exercise']}"), ("Kursübersicht", "00_Start.ipynb"),
                 ("Glossar", "Glossar.ipynb")]
        assert links == want, f"{m['notebook']}: {labels}"
        assert not re.search(r"Kursübersicht.*Kursübersicht", " ".join(labels))
