"""What a learner's result in an exercise depends on (course_lib/exercises/checks.py), pinned
exactly: status, score, the German message and its details for every task type, the
thresholds (partial credit, tolerance, „knapp daneben“), and the German refusals of empty,
malformed and uncheckable answers. Written against the mutation survivors of checks.py
(``make mutation MUTANTS="course_lib.exercises.checks*"``)."""
from __future__ import annotations

import math

import pytest

from course_lib.exercises import checks
from course_lib.exercises.checks import check
from tests.helpers import assert_course_error

NB = "\u00a0"

SINGLE = {"id": "s", "type": "single", "answer": "b", "options": [
    {"id": "a", "text": "Preis senken", "feedback": "Der Preis ist nicht das Problem."},
    {"id": "b", "text": "Nachfragen", "feedback": "Erst verstehen, dann handeln."},
    {"id": "c", "text": "Abwarten"},  # no feedback
]}
MULTI = {"id": "m", "type": "multi", "answer": ["a", "b", "c"], "options": [
    {"id": "a", "text": "A", "feedback": "fa"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C", "feedback": "fc"},
    {"id": "x", "text": "X", "feedback": "fx"}, {"id": "y", "text": "Y"},
]}
CATEGORIZE = {"id": "c", "type": "categorize",
              "categories": [{"id": "info", "label": "Information"}, {"id": "druck", "label": "Druck"}],
              "items": [{"id": f"i{k}", "text": f"Aussage Nummer {k} " + "x" * 70, "feedback": f"fb{k}"} for k in range(1, 5)],
              "answer": {"i1": "info", "i2": "druck", "i3": "info", "i4": "druck"}}
ORDER = {"id": "o", "type": "order", "items": [{"id": k, "text": k.upper()} for k in "abcd"], "answer": ["a", "b", "c", "d"]}
NUMERIC = {"id": "n", "type": "numeric", "answer": 40.0, "tolerance": 0.5, "unit": "Punkte",
           "mistakes": [{"value": 60.0, "feedback": "Sie haben brutto statt netto gerechnet."},
                        {"value": 10.0, "tolerance": 2.0, "feedback": "Sie haben durch 4 geteilt."}]}


# ---------------------------------------------------------------- checkable, shape


def test_is_checkable_per_type():
    assert checks.is_checkable(SINGLE) and checks.is_checkable(NUMERIC)
    assert not checks.is_checkable({k: v for k, v in SINGLE.items() if k != "answer"})
    code = {"type": "code", "variable": "x"}
    assert not checks.is_checkable(code) and checks.is_checkable({**code, "expected": 3})
    text = {"type": "text", "concepts": [{"id": "k", "patterns": ["zuh"]}]}
    assert checks.is_checkable(text)
    assert not checks.is_checkable({"type": "text", "concepts": []})
    assert not checks.is_checkable({"type": "text"})
    assert not checks.is_checkable({"type": "text", "concepts": [{"id": "k", "patterns": ["a"]}, {"id": "l", "patterns": []}]})


def test_uncheckable_handout_task_says_it_is_saved_not_checked():
    e = assert_course_error(check, {k: v for k, v in SINGLE.items() if k != "answer"}, "b")
    assert e.message == "Diese Arbeitsblatt-Fassung enthält keine Lösungen und prüft deshalb nicht automatisch."
    assert e.hint == "Ihre Antwort ist gespeichert; besprechen Sie sie im Workshop."


@pytest.mark.parametrize("task,response,hint", [
    (SINGLE, 3, "Bitte wählen Sie eine der Antworten aus."),
    (SINGLE, True, "Bitte wählen Sie eine der Antworten aus."),
    (MULTI, "a", "Bitte kreuzen Sie die zutreffenden Antworten an."),
    (MULTI, ["a", 2], "Bitte kreuzen Sie die zutreffenden Antworten an."),
    (CATEGORIZE, ["i1"], "Bitte ordnen Sie jede Aussage einer Kategorie zu."),
    (CATEGORIZE, {"i1": 1}, "Bitte ordnen Sie jede Aussage einer Kategorie zu."),
    (CATEGORIZE, {1: "info"}, "Bitte ordnen Sie jede Aussage einer Kategorie zu."),
    (ORDER, [1, 2, 3, 4], "Bitte bringen Sie die Einträge in eine Reihenfolge."),
    (ORDER, ("a", "b", None, "d"), "Bitte bringen Sie die Einträge in eine Reihenfolge."),
    (NUMERIC, ["40"], "Bitte geben Sie eine Zahl ein."),
    (NUMERIC, False, "Bitte geben Sie eine Zahl ein."),
])
def test_malformed_response_gets_the_hint_of_its_type(task, response, hint):
    e = assert_course_error(check, task, response)
    assert e.message == "Diese Antwort hat nicht die erwartete Form."
    assert e.hint == hint


def test_well_formed_responses_pass_the_shape_check():
    assert check(MULTI, ("a", "b", "c")).solved  # a tuple is a list of choices too
    assert check(ORDER, ("a", "b", "c", "d")).solved
    assert check(NUMERIC, 40).solved and check(NUMERIC, 40.2).solved


# ---------------------------------------------------------------- single


def test_single_right_explains_every_option_with_feedback():
    r = check(SINGLE, "b")
    assert (r.status, r.score, r.solved) == ("correct", 1.0, True)
    assert r.message == "Das ist die beste Antwort. Die Begründung zu jeder Antwort:"
    assert r.details == ["„Preis senken“: Der Preis ist nicht das Problem.", "„Nachfragen“: Erst verstehen, dann handeln."]


def test_single_wrong_explains_only_the_chosen_option():
    r = check(SINGLE, "a")
    assert (r.status, r.score, r.solved) == ("wrong", 0.0, False)
    assert r.message == "Diese Antwort trifft es nicht."
    assert r.details == ["Der Preis ist nicht das Problem."]
    assert check(SINGLE, "c").details == []  # no feedback: nothing, not an empty line


def test_single_empty_and_unknown():
    for empty in (None, ""):
        e = assert_course_error(check, SINGLE, empty)
        assert e.message == "Sie haben noch keine Antwort ausgewählt."
        assert e.hint == "Bitte wählen Sie eine Antwort aus und klicken Sie auf „Prüfen“."
    e = assert_course_error(check, SINGLE, "z")
    assert e.message == "„z“ ist keine der Antworten."
    assert e.hint == "Bitte wählen Sie eine der angezeigten Antworten."


# ---------------------------------------------------------------- multi


@pytest.mark.parametrize("n_right,hits,fp,score", [
    (3, 3, 0, 1.0), (3, 2, 0, 2 / 3), (3, 3, 1, 2 / 3), (3, 2, 1, 1 / 3), (3, 1, 1, 0.0), (3, 1, 2, 0.0), (4, 1, 0, 0.25),
])
def test_multi_score_wrong_ticks_cost_as_much_as_right_ones_earn(n_right, hits, fp, score):
    assert checks.multi_score(n_right, hits, fp) == pytest.approx(score)


def test_multi_right_explains_options_with_feedback():
    r = check(MULTI, ["c", "a", "b"])
    assert (r.status, r.score) == ("correct", 1.0)
    assert r.message == "Alle zutreffenden Antworten und keine falsche. Die Begründung zu jeder Antwort:"
    assert r.details == ["„A“: fa", "„C“: fc", "„X“: fx"]


@pytest.mark.parametrize("sel,status,score,message", [
    (["a", "b"], "partial", 2 / 3, "Es fehlt noch 1 zutreffende Antwort."),
    (["a"], "partial", 1 / 3, "Es fehlen noch 2 zutreffende Antworten."),
    (["a", "b", "c", "x"], "partial", 2 / 3, "1 Ihrer angekreuzten Antworten trifft nicht zu."),
    (["a", "b", "x", "y"], "partial", 0.0 + 0 / 3, "Es fehlt noch 1 zutreffende Antwort. 2 Ihrer angekreuzten Antworten treffen nicht zu."),
    (["a", "x"], "wrong", 0.0, "Es fehlen noch 2 zutreffende Antworten. 1 Ihrer angekreuzten Antworten trifft nicht zu."),
    (["x", "y"], "wrong", 0.0, "Es fehlen noch 3 zutreffende Antworten. 2 Ihrer angekreuzten Antworten treffen nicht zu."),
])
def test_multi_partial_or_wrong_counts_but_never_names(sel, status, score, message):
    r = check(MULTI, sel)
    if score == 0.0:
        status = "wrong"  # a score of 0 is never „teilweise richtig“, even with a hit
    assert (r.status, r.message, r.details) == (status, message, [])
    assert r.score == pytest.approx(score)


def test_multi_empty_and_unknown():
    e = assert_course_error(check, MULTI, [])
    assert e.message == "Sie haben noch nichts angekreuzt."
    assert e.hint == "Bitte kreuzen Sie alle zutreffenden Antworten an."
    e = assert_course_error(check, MULTI, ["a", "zz", "yy"])
    assert e.message == "„zz“ ist keine der Antworten."
    assert e.hint == "Bitte wählen Sie nur angezeigte Antworten."


def test_multi_counts_says_nothing_when_nothing_is_missing_or_wrong():
    assert checks.multi_counts(0, 0) == ""
    assert checks.multi_counts(1, 1) == "Es fehlt noch 1 zutreffende Antwort. 1 Ihrer angekreuzten Antworten trifft nicht zu."


# ---------------------------------------------------------------- categorize


def _cat(*wrong):
    ans = dict(CATEGORIZE["answer"])
    for i in wrong:
        ans[i] = "druck" if ans[i] == "info" else "info"
    return ans


def test_categorize_right():
    r = check(CATEGORIZE, _cat())
    assert (r.status, r.score, r.message) == ("correct", 1.0, "Alle 4 Zuordnungen stimmen.")
    assert r.details == [f"„{it['text']}“: fb{k}" for k, it in enumerate(CATEGORIZE["items"], 1)]


@pytest.mark.parametrize("wrong,status,score", [
    (("i1",), "partial", 0.75), (("i1", "i2"), "partial", 0.5), (("i1", "i2", "i3"), "wrong", 0.25),
    (("i1", "i2", "i3", "i4"), "wrong", 0.0),
])
def test_categorize_partial_from_half_right(wrong, status, score):
    r = check(CATEGORIZE, _cat(*wrong))
    assert (r.status, r.score) == (status, score)
    assert r.message == f"{4 - len(wrong)} von 4 Zuordnungen stimmen."
    assert r.details == ["Prüfen Sie jede Aussage noch einmal für sich; ein Tipp hilft weiter."]


def test_categorize_incomplete_names_one_unassigned_statement_shortened():
    e = assert_course_error(check, CATEGORIZE, {"i1": "info", "i2": "druck", "i3": "", "i4": "druck"})
    assert e.message == f"1 Aussage ist noch nicht zugeordnet, zum Beispiel „{CATEGORIZE['items'][2]['text'][:60]}“."
    assert e.hint == "Bitte ordnen Sie jede Aussage zu; Ihre bisherigen Zuordnungen bleiben erhalten."
    e = assert_course_error(check, CATEGORIZE, {"i2": "druck", "i3": "info"})
    assert e.message.startswith("2 Aussagen sind noch nicht zugeordnet, zum Beispiel „Aussage Nummer 1 ")
    for nothing in ({}, {"i1": "", "i2": ""}):
        e = assert_course_error(check, CATEGORIZE, nothing)
        assert e.message == "Sie haben noch nichts zugeordnet."
        assert e.hint == "Bitte ordnen Sie jede Aussage einer Kategorie zu."


def test_categorize_unknown_category():
    e = assert_course_error(check, CATEGORIZE, {**_cat(), "i2": "egal", "i4": "auch"})
    assert e.message == "„egal“ ist keine der Kategorien."
    assert e.hint == "Bitte wählen Sie eine der angebotenen Kategorien."


def test_text_of_falls_back_to_the_id():
    assert checks._text_of(CATEGORIZE, "i2", "items").startswith("Aussage Nummer 2")
    assert checks._text_of(SINGLE, "b") == "Nachfragen"
    assert checks._text_of(SINGLE, "zz") == "zz"


# ---------------------------------------------------------------- order


@pytest.mark.parametrize("order,status,score,right", [
    (["a", "b", "c", "d"], "correct", 1.0, 4),
    (["a", "b", "d", "c"], "partial", 0.5, 2),
    (["b", "a", "c", "d"], "partial", 0.5, 2),
    (["a", "c", "d", "b"], "wrong", 0.25, 1),
    (["d", "c", "b", "a"], "wrong", 0.0, 0),
])
def test_order_counts_right_places(order, status, score, right):
    r = check(ORDER, order)
    assert (r.status, r.score) == (status, score)
    assert r.message == ("Die Reihenfolge stimmt." if status == "correct" else
                         f"{right} von 4 Einträgen stehen an der richtigen Stelle.")
    assert r.details == []


def test_order_partial_threshold_is_half_for_odd_lengths():
    task = {"type": "order", "items": [{"id": k, "text": k} for k in "abc"], "answer": ["a", "b", "c"]}
    assert check(task, ["a", "c", "b"]).status == "wrong"  # 1 of 3 < 1.5
    task5 = {"type": "order", "items": [{"id": k, "text": k} for k in "abcde"], "answer": list("abcde")}
    assert check(task5, list("abced")).status == "partial"  # 3 of 5
    assert check(task5, list("acbed")).status == "wrong"  # 1 of 5


@pytest.mark.parametrize("bad", [["a", "b", "c"], ["a", "b", "c", "c"], ["a", "b", "c", "d", "e"], []])
def test_order_must_hold_every_entry_once(bad):
    e = assert_course_error(check, ORDER, bad)
    assert e.message == "Die Reihenfolge muss jeden Eintrag genau einmal enthalten."
    assert e.hint == "Bitte sortieren Sie alle Einträge mit den Pfeil-Knöpfen."


# ---------------------------------------------------------------- numbers


def test_number_kind_from_input_or_unit():
    assert checks.number_kind({"input": "count", "unit": "%"}) == "count"
    assert checks.number_kind({"unit": "%"}) == "percent"
    assert checks.number_kind({"unit": "€"}) == "money"
    assert checks.number_kind({"unit": "Punkte"}) == "decimal"
    assert checks.number_kind({}) == "decimal"


def _read(text, unit="", kind=None):
    """How the numeric check reads an answer: the kind follows the unit unless the task sets it."""
    return checks.read_number(text, unit, kind or checks.number_kind({"unit": unit})).value


def test_read_number_kind_follows_the_unit():
    assert _read("4.435,-", "€") == 4435.0
    assert _read("41,5 %", "%") == 41.5
    with pytest.raises(checks.CourseInputError):
        _read("0,415", "%")  # a fraction in a percent field is refused
    assert _read("0,415", "%", kind="decimal") == 0.415
    with pytest.raises(checks.CourseInputError):
        _read("34 xxxx")  # without a unit, no unit word is accepted
    assert _read("34 Punkte", "Punkte") == 34
    with pytest.raises(checks.CourseInputError, match="Eurobetrag"):
        _read("5 %", "€")  # the euro field says what it wants


def test_unit_for_singular_plural_and_nbsp():
    assert checks.unit_for(1, "Punkte") == f"{NB}Punkt"
    assert checks.unit_for(-1, "Kunden") == f"{NB}Kunde"
    assert checks.unit_for(1.5, "Punkte") == f"{NB}Punkte"
    assert checks.unit_for(0, "Minuten") == f"{NB}Minuten"
    assert checks.unit_for(1, "%") == f"{NB}%"
    assert checks.unit_for(3, "") == ""


@pytest.mark.parametrize("value,target,tol,ok", [
    (40.5, 40, 0.5, True), (39.5, 40, 0.5, True), (40.51, 40, 0.5, False), (39.49, 40, 0.5, False),
    (40.0, 40, 0.0, True), (40.001, 40, 0.0, False), (0.1 + 0.2, 0.3, 0.0, True),
])
def test_within_is_the_tolerance_rule(value, target, tol, ok):
    assert checks.within(value, target, tol) is ok


def test_numeric_right_message_and_unit():
    r = check(NUMERIC, "40,4")
    assert (r.status, r.score, r.details) == ("correct", 1.0, [])
    assert r.message == f"Ihr Ergebnis stimmt: 40,4{NB}Punkte."
    assert check(NUMERIC, "40,6").status == "wrong"  # outside ±0,5
    assert check({**NUMERIC, "answer": 1.0}, "1").message == f"Ihr Ergebnis stimmt: 1{NB}Punkt."


def test_numeric_without_tolerance_is_exact():
    task = {"type": "numeric", "answer": 12.0}
    assert check(task, "12").solved
    assert not check(task, "12,01").solved


def test_numeric_typical_mistake_with_task_or_own_tolerance():
    r = check(NUMERIC, "60,4")  # the task's tolerance 0,5 applies to the mistake
    assert (r.status, r.score) == ("wrong", 0.0)
    assert r.message == f"Ihr Ergebnis (60,4{NB}Punkte) ist nicht richtig – das ist ein typischer Fehler."
    assert r.details == ["Sie haben brutto statt netto gerechnet."]
    assert check(NUMERIC, "11,9").details == ["Sie haben durch 4 geteilt."]  # own tolerance 2
    assert check(NUMERIC, "60,6").details == ["Prüfen Sie Ihren Rechenweg Schritt für Schritt."]


@pytest.mark.parametrize("answer,msg", [
    ("43", "ist zu hoch, knapp daneben."), ("37", "ist zu niedrig, knapp daneben."),
    ("44", "ist zu hoch, deutlich daneben."), ("36", "ist zu niedrig, deutlich daneben."),
    ("100", "ist zu hoch, deutlich daneben."),
])
def test_numeric_direction_and_closeness_10_percent(answer, msg):
    r = check(NUMERIC, answer)
    assert r.message == f"Ihr Ergebnis ({answer}{NB}Punkte) {msg}"
    assert r.details == ["Prüfen Sie Ihren Rechenweg Schritt für Schritt."]
    assert (r.status, r.score) == ("wrong", 0.0)


def test_numeric_target_zero_is_never_knapp():
    r = check({"type": "numeric", "answer": 0.0}, "0,01")
    assert r.message == "Ihr Ergebnis (0,01) ist zu hoch, deutlich daneben."
    r = check({"type": "numeric", "answer": -5.0}, "-5,2")
    assert r.message == "Ihr Ergebnis (−5,2) ist zu niedrig, knapp daneben."


def test_numeric_ambiguous_reading_is_asked_not_counted():
    task = {"type": "numeric", "answer": 1684.0}
    r = check(task, "1.684")  # read as thousands and right: counted, with the note how it was read
    assert r.solved and len(r.details) == 1 and "1684" in r.details[0]
    wrong = {"type": "numeric", "answer": 2.0}
    e = assert_course_error(check, wrong, "1.684")  # wrong as read: asked, not counted
    assert e.hint == "Ihre Eingabe zählt noch nicht als Versuch. Schreiben Sie die Zahl bitte eindeutig."
    assert e.message == r.details[0]


def test_numeric_note_follows_the_feedback():
    task = {"type": "numeric", "answer": 2.0, "input": "percent", "unit": "%",
            "mistakes": [{"value": 41.5, "feedback": "fb"}]}
    r = check(task, "ca. 41,5")
    assert r.details[0] == "fb" and len(r.details) == 2 and r.details[1]


# ---------------------------------------------------------------- code


def test_code_result_checked_as_a_number():
    task = {"type": "code", "expected": 34.0, "variable": "ergebnis", "tolerance": 0.01}
    assert check(task, 34).solved and check(task, "34.0").solved
    r = check(task, 30)
    assert r.message == "Ihr Ergebnis (30) ist zu niedrig, deutlich daneben."
    e = assert_course_error(check, task, "abc" * 30)
    assert e.message == "Das Ergebnis „" + ("abc" * 30)[:40] + "“ ist keine Zahl."
    assert e.hint == "Die Variable „ergebnis“ sollte eine Zahl enthalten."
    e = assert_course_error(check, task, None)
    assert e.message == "Das Ergebnis „None“ ist keine Zahl."
    for inf in (math.inf, float("nan")):
        e = assert_course_error(check, task, inf)
        assert e.message == "Das Ergebnis ist keine endliche Zahl."
        assert e.hint == "Prüfen Sie, ob Sie durch null teilen."


def test_code_with_blank_left():
    from course_lib.exercises import ___

    task = {"type": "code", "expected": 34.0, "variable": "ergebnis"}
    e = assert_course_error(check, task, ___)
    assert e.message == "Im Code stehen noch Lücken ___."
    assert e.hint == "Bitte ersetzen Sie jede ___ durch einen Wert oder Ausdruck und führen Sie die Zelle erneut aus."


# ---------------------------------------------------------------- free text


TEXT = {"id": "t", "type": "text", "prompt": "Eine Kundin beschwert sich lautstark über die lange Lieferzeit der Ware.",
        "solution": "Ich höre der Kundin ruhig zu, entschuldige mich für die Verzögerung und nenne ihr einen neuen Termin.",
        "concepts": [{"id": "zuhoeren", "label": "Zuhören", "patterns": ["zuh[öo]r", "hör.* zu"]},
                     {"id": "termin", "label": "Neuer Termin", "patterns": ["termin"]},
                     {"id": "rabatt", "label": "Rabatt", "patterns": ["rabatt"]}],
        "pitfalls": [{"patterns": ["schuld.*kollegen"], "feedback": "Schieben Sie die Schuld nicht auf andere."}]}


def test_text_review_lists_pitfalls_then_suggestions_then_the_rule():
    text = "Ich würde ihr zuerst zuhören und dann sagen, die Schuld liegt bei den Kollegen, und einen Termin anbieten."
    r = check(TEXT, text)
    assert (r.status, r.score, r.solved) == ("review", 0.0, False)
    assert r.message == ("Vergleichen Sie Ihren Text jetzt mit den 3 Kernpunkten und der Musterlösung "
                         "und kreuzen Sie an, welche Punkte Ihr Text abdeckt.")
    assert r.details == ["Achtung, ein bekannter Fehler: Schieben Sie die Schuld nicht auf andere.",
                         "vermutlich angesprochen: Zuhören", "vermutlich angesprochen: Neuer Termin",
                         checks.TEXT_RULE_NOTE]


def test_text_umlaut_folded_spelling_counts():
    folded = {"type": "text", "concepts": [{"id": "z", "label": "Zuhören", "patterns": ["zuhoer"]}]}
    assert checks.concepts_found(folded, "Ich würde der Kundin erst einmal zuhören.") == ["z"]  # ö matched as oe
    assert checks.concepts_found(TEXT, "Ich würde der Kundin erst einmal ZUHÖREN und dann einen Termin nennen.") == ["zuhoeren", "termin"]


@pytest.mark.parametrize("text,found", [
    ("Ich würde ihr keinen neuen Termin geben, weil das nicht hilft.", []),  # negation 2 words before
    ("Einen neuen Termin gebe ich ihr auf keinen Fall.", ["termin"]),  # 4+ words after: outside the window
    ("Den Termin nenne ich nicht, ich erkläre es.", []),  # negation 2 words after
    ("Ich nenne keinesfalls den Termin, sondern den Grund.", ["termin"]),  # „keinesfalls“ is not in the list
    ("Ich nenne nicht sofort, aber später einen Termin.", ["termin"]),  # the clause ends at „aber“
    ("Ich sage nicht viel; Termin ist wichtig, das ist klar.", ["termin"]),  # „;“ ends the clause
    ("Nie einen Termin, ich erkläre es lieber.", []),  # 2 words before
    ("Nie im Leben einen Termin, ich erkläre es lieber.", ["termin"]),  # 4 words before: outside the window
    ("Ich nenne ihr sofort einen Termin.", ["termin"]),
])
def test_text_negation_window_and_clauses(text, found):
    assert checks.concepts_found(TEXT, text) == found


def test_text_negation_inside_the_matched_words_is_the_point_itself():
    task = {"type": "text", "concepts": [{"id": "mag", "label": "mag nicht", "patterns": ["nicht mag"]}]}
    assert checks.concepts_found(task, "Es kommt vor, dass man eine Kundin nicht mag.") == ["mag"]


def test_text_keyword_inside_a_word_widens_to_the_whole_word():
    task = {"type": "text", "concepts": [{"id": "t", "label": "Termin", "patterns": ["ermi"]}]}
    assert checks.concepts_found(task, "Ich nenne keinen Termin.") == []  # „keinen“ is one word before „Termin“
    assert checks.concepts_found(task, "Keinen Stress, ich nenne ihr dann gleich morgen einen Termin.") == ["t"]


def test_text_copied_prompt_sentence_does_not_count():
    prompt_copy = TEXT["prompt"]
    task = {**TEXT, "concepts": [{"id": "liefer", "label": "Lieferzeit", "patterns": ["lieferzeit"]}]}
    assert checks.concepts_found(task, prompt_copy + " Ich frage nach.") == []
    assert checks.concepts_found(task, "Die Lieferzeit erkläre ich ihr offen und ehrlich.") == ["liefer"]


def test_copied_share_counts_content_words():
    assert checks.copied_share("", "egal") == 0.0
    assert checks.copied_share("ich an", "ich an") == 0.0  # only words of 4+ letters count
    assert checks.copied_share("Kundin Lieferzeit Rabatt Termin", TEXT["prompt"]) == 0.5
    assert checks.copied_share("Lieferzeiten", "Lieferzeit") == 1.0  # crude stems of 6 letters


@pytest.mark.parametrize("text,message", [
    ("", "Ihr Textfeld ist leer."),
    ("   ", "Ihr Textfeld ist leer."),
    ("Zuhören und Termin", "Ihre Antwort hat erst 3 Wörter."),
    ("Zuhören Termin Entschuldigung Verständnis Geduld Freundlichkeit Rückruf Lösung Zeitplan",
     "Ihr Text sieht aus wie eine Liste von Stichwörtern."),
    ("Eine Kundin beschwert sich lautstark über die lange Lieferzeit der Ware.",
     "Ihr Text wiederholt im Wesentlichen die Aufgabenstellung."),
    ("Ich höre der Kundin ruhig zu, entschuldige mich für die Verzögerung und nenne ihr einen neuen Termin.",
     "Ihr Text ist fast wörtlich die Musterlösung."),
])
def test_text_that_is_not_yet_a_real_attempt(text, message):
    e = assert_course_error(check, TEXT, text)
    assert e.message == message
    assert checks.real_attempt_problem(TEXT, text).message == message


def test_text_min_words_and_function_share_thresholds():
    assert checks.real_attempt_problem(TEXT, 17) is not None  # not a text at all
    seven = "Ich höre zu und nenne einen Termin."
    assert checks.real_attempt_problem({**TEXT, "min_words": 7}, seven) is None
    e = checks.real_attempt_problem(TEXT, seven)
    assert e.message == "Ihre Antwort hat erst 7 Wörter."
    assert e.hint == "Bitte schreiben Sie mindestens 8 Wörter in ganzen Sätzen."
    assert checks.real_attempt_problem({**TEXT, "min_words": 1}, "Zuhören").message is not None
    one = checks.real_attempt_problem({**TEXT, "min_words": 2}, "Zuhören")
    assert one.message == "Ihre Antwort hat erst 1 Wort." and one.hint == "Bitte schreiben Sie mindestens 2 Wörter in ganzen Sätzen."
    # exactly a quarter function words („und“, „die“) is still an answer; fewer is a keyword list
    quarter = "Zuhören und Termin Geduld Rückruf die Verständnis Entschuldigung"
    assert checks.real_attempt_problem(TEXT, quarter) is None
    less = "Zuhören und Termin Geduld Rückruf Lösung Verständnis Entschuldigung"
    assert checks.real_attempt_problem(TEXT, less).message == "Ihr Text sieht aus wie eine Liste von Stichwörtern."


def test_text_solution_copy_needs_90_percent_and_eight_words():
    own = "Ich höre der Kundin ruhig zu und frage dann, was ihr jetzt am meisten helfen würde."
    assert checks.real_attempt_problem(TEXT, own) is None
    short_sol = {**TEXT, "solution": "Ich höre zu und nenne einen Termin.", "min_words": 3}
    assert checks.real_attempt_problem(short_sol, "Ich höre zu und nenne einen Termin.") is None  # 7 words


def test_text_only_the_copied_sentence_is_dropped():
    task = {**TEXT, "concepts": [{"id": "liefer", "label": "Lieferzeit", "patterns": ["lieferzeit"]}]}
    own = " Danach erkläre ich ihr ruhig, warum sich die Bestellung verzögert hat und wann genau sie kommt."
    assert checks.concepts_found(task, TEXT["prompt"] + own) == []  # the keyword is only in the copied sentence
    assert checks.concepts_found(task, TEXT["prompt"] + "\n" + own.strip()) == []  # a new line ends a sentence too


def test_text_sentence_with_exactly_the_copy_limit_is_dropped():
    task = {**TEXT, "concepts": [{"id": "rabatt", "label": "Rabatt", "patterns": ["rabatt"]}]}
    # 10 content words, 7 of them from the prompt: share 0.7 = COPY_LIMIT → copied
    sentence = "Eine Kundin beschwert sich lautstark über lange Antwort Termin Rabatt."
    assert checks.copied_share(sentence, TEXT["prompt"]) == pytest.approx(checks.COPY_LIMIT)
    assert checks.concepts_found(task, sentence) == []


def test_text_runs_of_spaces_do_not_hide_a_phrase():
    task = {"type": "text", "concepts": [{"id": "z", "label": "zuhören", "patterns": ["hör zu"]}]}
    assert checks.concepts_found(task, "Ich hör  zu, bevor ich antworte.") == ["z"]


def test_text_task_without_a_prompt_drops_nothing():
    task = {"type": "text", "concepts": [{"id": "x", "label": "x", "patterns": ["xxxx"]}]}
    assert checks.concepts_found(task, "Xxxx xxxx xxxx.") == ["x"]


def test_text_negation_at_the_end_of_a_clause_that_starts_with_the_keyword():
    # the negation is 6 words after „Termin“ and the clause starts with it: outside the window
    assert checks.concepts_found(TEXT, "Termin gibt es morgen früh und sicher keine Absage.") == ["termin"]


def test_text_keyword_inside_a_word_then_negation_after_the_word():
    task = {"type": "text", "concepts": [{"id": "t", "label": "Termin", "patterns": ["ermi"]}]}
    assert checks.concepts_found(task, "Ich nenne den Termin nicht.") == []


def test_text_four_letter_words_count_as_content_words():
    assert checks.copied_share("Ware Ware Ware", "Ware") == 1.0


def test_concepts_without_patterns_are_never_found():
    task = {"type": "text", "concepts": [{"id": "a", "label": "A"}, {"id": "b", "label": "B", "patterns": ["zuh"]}]}
    assert checks.concepts_found(task, "Ich würde gut zuhören.") == ["b"]


@pytest.mark.parametrize("text,hint", [
    ("", "Bitte schreiben Sie Ihre Antwort in ganzen Sätzen und klicken Sie dann auf „Prüfen“."),
    ("Zuhören Termin Entschuldigung Verständnis Geduld Freundlichkeit Rückruf Lösung Zeitplan",
     "Bitte antworten Sie in ganzen Sätzen: Was würden Sie tun oder sagen, und warum?"),
    ("Eine Kundin beschwert sich lautstark über die lange Lieferzeit der Ware.",
     "Bitte antworten Sie mit eigenen Worten: Was würden Sie tun oder sagen, und warum?"),
    ("Ich höre der Kundin ruhig zu, entschuldige mich für die Verzögerung und nenne ihr einen neuen Termin.",
     "Formulieren Sie die Antwort bitte mit eigenen Worten – so merken Sie, was Sie schon wissen."),
])
def test_text_refusals_say_what_to_do(text, hint):
    assert checks.real_attempt_problem(TEXT, text).hint == hint


def test_text_function_words_count_with_punctuation_attached():
    text = "Zuhören, und, Termin, die, Geduld, Rückruf, Verständnis, Entschuldigung"
    assert checks.real_attempt_problem(TEXT, text) is None  # 2 of 8 are function words: 25 %


def test_text_copy_limits_are_inclusive():
    # 10 content words (4+ letters), 7 from the prompt (share 0.7); the short words are function words
    text = "Eine Kundin beschwert sich lautstark über lange Antwort Termin Rabatt und die ich zu es"
    assert checks.real_attempt_problem(TEXT, text).message == "Ihr Text wiederholt im Wesentlichen die Aufgabenstellung."
    sol = {**TEXT, "prompt": "", "solution": "Ich frage zuerst ruhig nach, welche Lösung ihr wirklich hilft, bevor ich handle."}
    eight = "Ich frage zuerst ruhig nach, welche Lösung hilft."  # 8 words, every content word from the solution
    assert checks.real_attempt_problem(sol, eight).message == "Ihr Text ist fast wörtlich die Musterlösung."
    nine_of_ten = "Ich frage zuerst ruhig nach, welche Lösung wirklich hilft, bevor ich lange."
    assert checks.copied_share(nine_of_ten, sol["solution"]) == pytest.approx(0.9)
    assert checks.real_attempt_problem(sol, nine_of_ten).message == "Ihr Text ist fast wörtlich die Musterlösung."


def test_text_task_without_prompt_is_not_a_copy():
    task = {"type": "text", "concepts": [{"id": "x", "label": "x", "patterns": ["x"]}]}
    assert checks.real_attempt_problem(task, "Ich sage xxxx xxxx xxxx xxxx und xxxx.") is None


def test_numeric_reads_the_tasks_unit_and_kind():
    assert check(NUMERIC, "40 Punkte").solved  # the task's unit may be typed
    e = assert_course_error(check, NUMERIC, "abc")
    assert "„Ihr Ergebnis (Punkte)“" in e.message  # the field's own label (view: „Ihr Ergebnis (Punkte):“)
    with pytest.raises(checks.CourseInputError):
        check({"type": "numeric", "answer": 12.0}, "12 xxxx")  # no unit: no unit word accepted
    with pytest.raises(checks.CourseInputError):
        check({"type": "numeric", "answer": 41.5, "unit": "%"}, "0,415")  # a percent field refuses a fraction


def test_numeric_shows_three_decimals():
    assert check(NUMERIC, "40,1234").message == f"Ihr Ergebnis stimmt: 40,123{NB}Punkte."
