"""Glossary search (course_lib/glossary.py) tolerates spelling variants and counts every hit;
the A–Z index of the Glossar notebook and the 00_Start search; text folding helpers."""
from __future__ import annotations

import re
from html import escape

import pytest

from course_lib import content, glossary
from course_lib.authoring import build_generated
from course_lib.m00_start.view import GlossarySearch
from course_lib.textfold import edit_distance, fold, fold_search


def _terms(q):
    return [t["term"] for t in glossary.matches(q)]


@pytest.mark.parametrize("q", ["Markow", "Markov", "markov-kette", "MARKOW KETTE", "Markowkette"])
def test_markov_and_markow_both_find_the_term(q):
    assert "Markow-Kette" in _terms(q)


@pytest.mark.parametrize("q,term", [("Drueckerkolonne", "Drückerkolonne"), ("Druckerkolonne", "Drückerkolonne"),
                                    ("buying-center", "Buying Center"), ("buyingcenter", "Buying Center"),
                                    ("BUYING CENTER", "Buying Center"), ("Chamaeleon", "Chamäleon-Effekt"),
                                    ("chamäleon effekt", "Chamäleon-Effekt"), ("Mimikresonnanz", "Mimikresonanz"),
                                    ("net promotor", "Net Promoter Score (NPS)")])
def test_spelling_variants(q, term):
    assert _terms(q)[:1] == [term] or term in _terms(q)[:3]


def test_nonsense_finds_nothing_and_short_words_are_not_fuzzy():
    assert glossary.matches("xqzvw") == []
    assert glossary.matches("") == [] and glossary.count("  ") == 0
    # "AU" (2 letters) only matches literally, it must not match every two-letter word by one edit
    assert all("au" in fold_search(t["term"] + " " + t["definition"]).replace(" ", "") for t in glossary.matches("au"))


def test_term_hits_before_definition_hits():
    hits = glossary.matches("Kunde")
    kinds = ["term" if "kunde" in fold_search(t["term"]).replace(" ", "") else "def" for t in hits]
    assert "def" in kinds and kinds == sorted(kinds, key=lambda k: k != "term")


def test_count_is_the_full_total_and_search_keeps_the_limit():
    total = glossary.count("kunde")
    assert total > 12 and len(glossary.search("kunde")) == 12
    assert total == len(glossary.matches("kunde"))


def test_widget_says_shown_of_total():
    w = GlossarySearch()
    w.query.value = "kunde"
    total = glossary.count("kunde")
    assert f"12 von {total} Treffern" in w.results.value
    w.query.value = "Markov"
    assert re.search(r"<i>\d+ Treffer</i>", w.results.value) and "Markow-Kette" in w.results.value
    w.query.value = "xqzvw"
    assert "keinen Eintrag" in w.results.value


def test_widget_renders_a_table_not_a_floating_list():
    w = GlossarySearch()
    w.query.value = "Buying"
    html = w.results.value
    assert "<dl" not in html and "<table" in html
    rows = re.findall(r"<tr><th scope='row'[^>]*>(.*?)</th><td[^>]*>(.*?)</td></tr>", html)
    assert rows, "one row per term: term and definition in the same row"
    by_term = {escape(t["term"]): escape(t["definition"]) for t in content.load_glossary()}
    for th, td in rows:
        assert td == by_term[th.split("<br>")[0]], "each definition stands in the row of its own term"


def test_widget_letter_index():
    w = GlossarySearch()
    labels = [b.description for b in w.letter_buttons]
    assert "A" in labels and "M" in labels and labels == sorted(labels, key=lambda x: (x != "0–9", x))
    m = [b for b in w.letter_buttons if b.description == "M"][0]
    m.click()
    assert f"{len(glossary.by_letter('M'))} Begriffe unter „M“" in w.results.value and "Markow-Kette" in w.results.value


def test_glossar_notebook_has_a_z_index_with_working_anchors():
    md = build_generated.glossary_markdown()
    index = build_generated.glossary_index_markdown()
    targets = re.findall(r"\]\(#([a-z0-9-]+)\)", index)
    assert len(targets) == len(glossary.letters()) >= 15
    for a in targets:
        assert f'<a id="{a}" name="{a}"></a>' in md, f"index link #{a} has no anchor"
    # every term sits under its own letter heading
    current = None
    for line in md.splitlines():
        if line.startswith("## "):
            current = line[3:].split(" <a")[0]
        elif line.startswith("### "):
            term = line[4:].split(" <a")[0]
            t = next(x for x in content.load_glossary() if x["term"] == term)
            assert current == ("0–9" if glossary.letter(t) == "#" else glossary.letter(t))


def test_letter_folds_umlauts():
    assert glossary.letter({"term": "Ärger"}) == "A" and glossary.letter({"term": "24/7-Prinzip"}) == "#"


def test_textfold_helpers():
    assert fold("Straße  ÄÖÜ é") == "strasse aeoeue e"
    assert fold_search("Buying-Center / „Rollen“") == "buying center rollen"
    assert edit_distance("markov", "markow") == 1 and edit_distance("abc", "abc") == 0
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("a" * 10, "b" * 10, limit=2) == 3, "early stop returns limit + 1"


def test_letter_buttons_wrap_inside_their_own_box():
    """The label „Von A bis Z:“ is a column of its own; the letter buttons wrap inside the
    box beside it, so a second row of letters starts under „A“, not under the label."""
    w = GlossarySearch()
    label, letters = w.index.children
    assert "Von A bis Z" in label.value and list(letters.children) == w.letter_buttons
    assert w.index.layout.flex_flow == "row nowrap", "the label never drops above the buttons"
    assert letters.layout.flex_flow == "row wrap" and letters.layout.min_width == "0"
