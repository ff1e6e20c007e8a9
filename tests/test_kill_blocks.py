"""The quiz and reflection blocks, pinned where a learner depends on them (course_lib/blocks/
quiz.py, reflection.py): the pure check, the hints in order, what is saved per attempt
(``attempts``, ``first_correct`` written once, ``correct``, ``selected``, ``wrong``,
``revealed``), when „Auflösung zeigen“ opens, what a reopened notebook shows, the continuous
numbering, and that every reflection change – also an emptied text – is saved. Written
against the mutation survivors of both files (``make mutation``)."""
from __future__ import annotations

from html import escape

import pytest

from course_lib import content
from course_lib.blocks import quiz, reflection
from course_lib.blocks.quiz import QuizItemView
from course_lib.storage import Store
from tests.helpers import assert_course_error

SINGLE = {"id": "q1", "question": "Was hilft am meisten?", "options": [
    {"id": "a", "text": "Zuhören & <nachfragen>", "correct": True, "explanation": "Weil „Verstehen“ zuerst kommt."},
    {"id": "b", "text": "Rabatt", "correct": False, "explanation": "Der Preis ist nicht das Thema."},
    {"id": "c", "text": "Abwarten", "correct": False, "explanation": "Dann geht die Kundin."}]}
MULTI = {"id": "q2", "question": "Welche Aussagen stimmen?", "multiple": True, "options": [
    {"id": "a", "text": "A1", "correct": True, "explanation": "Begründung A1"},
    {"id": "b", "text": "B1", "correct": True, "explanation": "Begründung B1"},
    {"id": "c", "text": "C1", "correct": True, "explanation": "Begründung C1"},
    {"id": "x", "text": "X1", "correct": False, "explanation": "Begründung X1"},
    {"id": "y", "text": "Y1", "correct": False, "explanation": "Begründung Y1"}]}


def _view(item=SINGLE, number=4, **kw):
    return QuizItemView("m00", item, number, Store(quiz.STORE), **kw)


def _rec(iid="q1"):
    return Store(quiz.STORE).read()["m00"][iid]


# ---------------------------------------------------------------- pure rules


def test_evaluate_reports_missing_and_wrong_sorted():
    assert quiz.evaluate(MULTI, ["y", "c", "a", "x"]) == {"correct": False, "missing": ["b"], "wrong": ["x", "y"]}
    assert quiz.evaluate(MULTI, ["c", "b", "a"]) == {"correct": True, "missing": [], "wrong": []}
    assert quiz.evaluate(SINGLE, ["b"]) == {"correct": False, "missing": ["a"], "wrong": ["b"]}


def test_evaluate_refusals_in_german():
    e = assert_course_error(quiz.evaluate, SINGLE, [])
    assert e.message == "Sie haben noch keine Antwort ausgewählt."
    assert e.hint == "Bitte wählen Sie eine Antwort und klicken Sie dann auf „Antwort prüfen“."
    e = assert_course_error(quiz.evaluate, MULTI, ["a", "zz", "yy"])
    assert e.message == "Unbekannte Antwort „zz“." and e.hint == "Bitte wählen Sie eine der angezeigten Antworten."
    e = assert_course_error(quiz.evaluate, SINGLE, ["a", "b"])
    assert e.message == "Bei dieser Frage ist genau eine Antwort richtig." and e.hint == "Bitte wählen Sie nur eine Antwort."
    assert quiz.evaluate(MULTI, ["a", "b"])["correct"] is False  # two ticks are fine with "multiple"


def test_hint_for_uses_the_items_hints_in_order_then_repeats_the_last():
    item = {**SINGLE, "hints": ["erster", "zweiter"]}
    assert [quiz.hint_for(item, n) for n in (0, 1, 2, 3, 9)] == ["erster", "erster", "zweiter", "zweiter", "zweiter"]
    assert quiz.hint_for(SINGLE, 1) == quiz.NUDGES_SINGLE[0]
    assert quiz.hint_for(SINGLE, 2) == quiz.NUDGES_SINGLE[1]
    assert quiz.hint_for(MULTI, 1) == quiz.NUDGES_MULTI[0]
    assert quiz.hint_for(MULTI, 5) == quiz.NUDGES_MULTI[-1]
    assert quiz.hint_for({**MULTI, "hints": []}, 1) == quiz.NUDGES_MULTI[0]


def test_explanation_html_marks_every_option_and_the_learners_choice_escaped():
    html = quiz.explanation_html(SINGLE, ["b"])
    assert html == (
        "<ul>"
        f"<li><b>{escape('Zuhören & <nachfragen>')}</b> <i>(trifft zu)</i>: {escape('Weil „Verstehen“ zuerst kommt.')}</li>"
        "<li><b>Rabatt</b> <i>(trifft nicht zu, Ihre Wahl)</i>: Der Preis ist nicht das Thema.</li>"
        "<li><b>Abwarten</b> <i>(trifft nicht zu)</i>: Dann geht die Kundin.</li>"
        "</ul>")


def test_attempt_feedback_single_wrong_names_only_the_chosen_option():
    html = quiz.attempt_feedback_html(SINGLE, ["b"], quiz.evaluate(SINGLE, ["b"]), 1)
    assert "vt-msg-wrong" in html and escape("„Rabatt“ trifft es nicht. Der Preis ist nicht das Thema.") in html
    assert escape(quiz.NUDGES_SINGLE[0]) in html and "<b>Tipp:</b>" in html
    assert "Zuhören" not in html and "Abwarten" not in html and "trifft zu" not in html
    html2 = quiz.attempt_feedback_html(SINGLE, ["c"], quiz.evaluate(SINGLE, ["c"]), 2)
    assert escape(quiz.NUDGES_SINGLE[1]) in html2


def test_attempt_feedback_right_shows_every_explanation():
    html = quiz.attempt_feedback_html(SINGLE, ["a"], quiz.evaluate(SINGLE, ["a"]), 0)
    from course_lib.blocks.messages import box

    assert html == box("ok", "Ihre Antwort stimmt. Die Begründung zu jeder Antwort:", details_html=quiz.explanation_html(SINGLE, ["a"]))
    assert quiz.explanation_html(SINGLE, ["a"]) in html and "Tipp" not in html


@pytest.mark.parametrize("sel,kind,text", [
    (["a", "b"], "partial", "Es fehlt noch 1 zutreffende Antwort."),
    (["a", "b", "c", "x"], "partial", "1 Ihrer angekreuzten Antworten trifft nicht zu."),
    (["a", "x"], "wrong", "Es fehlen noch 2 zutreffende Antworten. 1 Ihrer angekreuzten Antworten trifft nicht zu."),
    (["x"], "wrong", "Es fehlen noch 3 zutreffende Antworten. 1 Ihrer angekreuzten Antworten trifft nicht zu."),
    (["a"], "partial", "Es fehlen noch 2 zutreffende Antworten."),
])
def test_attempt_feedback_multi_counts_and_partial_only_with_credit(sel, kind, text):
    html = quiz.attempt_feedback_html(MULTI, sel, quiz.evaluate(MULTI, sel), 1)
    assert f"vt-msg-{kind}" in html and text in html
    assert ("vt-msg-partial" in html) == (kind == "partial")
    assert escape(quiz.NUDGES_MULTI[0]) in html
    for o in MULTI["options"]:
        assert o["explanation"] not in html.replace(escape(quiz.NUDGES_MULTI[0]), "")


# ---------------------------------------------------------------- the widget


def test_item_heading_numbering_and_multiple_note(data_dir):
    v = _view(number=4)
    head = v.box.children[0].value
    assert head == f"<p><b>Frage 4:</b> {escape(SINGLE['question'])}</p>"
    r = _view(number=2, repeat=True)
    assert r.box.children[0].value.startswith("<p><b>Wiederholung von Frage 2:</b>")
    m = _view(MULTI, 5)
    assert m.box.children[0].value == (f"<p><b>Frage 5:</b> {escape(MULTI['question'])}</p>"
                                       "<p><i>Mehrere Antworten können stimmen.</i></p>")
    assert m.input.multiple is True and v.input.multiple is False
    said = _view({**MULTI, "question": "Welche sind richtig? Mehrere Antworten sind möglich."}, 5)
    assert "Mehrere Antworten können stimmen" not in said.box.children[0].value
    assert v.input.description == "Antwort zu Frage 4"


def test_shuffle_opt_out_keeps_the_data_order(data_dir):
    ids = [o["id"] for o in MULTI["options"]]
    for seed in ("s1", "s2", "s3", "s4", "s5"):
        assert _view({**MULTI, "shuffle": False}, seed=seed).input.ids == ids
    shuffled = {tuple(_view(MULTI, seed=s).input.ids) for s in ("s1", "s2", "s3", "s4", "s5", "s6")}
    assert len(shuffled) > 1, "options are shuffled per learner by default"
    last = _view({**MULTI, "fixed_last": ["y"]}, seed="s1").input.ids
    assert last[-1] == "y"


def test_each_check_saves_the_attempt_and_first_correct_once(data_dir):
    v = _view()
    v.select(["b"])
    v.check()
    assert _rec() == {"attempts": 1, "selected": ["b"], "correct": False, "first_correct": False, "wrong": 1}
    assert v.reveal_button.disabled
    assert v.reveal_button.tooltip == f"Die Auflösung öffnet sich nach {quiz.REVEAL_AFTER} Versuchen."
    assert "Auflösung ansehen" not in v.feedback.value
    v.select(["c"])
    v.check()
    assert _rec() == {"attempts": 2, "selected": ["c"], "correct": False, "first_correct": False, "wrong": 2}
    assert not v.reveal_button.disabled and v.reveal_button.tooltip == "Auflösung anzeigen"
    from course_lib.blocks.messages import box

    assert box("info", "Wenn Sie nicht weiterkommen, können Sie jetzt die Auflösung ansehen.") in v.feedback.value
    assert escape(quiz.NUDGES_SINGLE[1]) in v.feedback.value  # the second wrong answer gets the second hint
    v.select(["a"])
    result = v.check()
    assert result["correct"] is True
    assert _rec() == {"attempts": 3, "selected": ["a"], "correct": True, "first_correct": False, "wrong": 2}
    assert v.reveal_button.disabled and v.reveal_button.tooltip == "Die Begründungen stehen schon unten."
    assert "Auflösung ansehen" not in v.feedback.value


def test_first_right_answer_is_kept_as_first_correct(data_dir):
    v = _view()
    v.select(["a"])
    v.check()
    assert _rec() == {"attempts": 1, "selected": ["a"], "correct": True, "first_correct": True, "wrong": 0}
    v.select(["b"])
    v.check()
    assert _rec()["first_correct"] is True and _rec()["correct"] is False and _rec()["wrong"] == 1


def test_legacy_record_gets_first_correct_from_first_correct_attempt(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"attempts": 2, "first_correct_attempt": 1, "correct": True},
                                                     "q2": {"attempts": 1, "first_correct_attempt": 2}}))
    v = _view()
    v.select(["b"])
    v.check()
    assert _rec()["first_correct"] is True and _rec()["attempts"] == 3 and _rec()["wrong"] == 1
    m = _view(MULTI)
    m.select(["a", "b", "c"])
    m.check()
    assert _rec("q2")["first_correct"] is False and _rec("q2")["attempts"] == 2


def test_reveal_refused_before_two_attempts_then_saved(data_dir):
    v = _view()
    e = assert_course_error(v.reveal)
    assert e.message == f"Die Auflösung öffnet sich erst nach {quiz.REVEAL_AFTER} Versuchen."
    assert e.hint == "Probieren Sie es zuerst selbst – der Tipp unter Ihrer Antwort hilft weiter."
    v.select(["b"])
    v.check()
    assert_course_error(v.reveal)  # one attempt is not enough
    assert "revealed" not in _rec()
    v.select(["c"])
    v.check()
    html = v.reveal()
    assert _rec()["revealed"] is True and _rec()["attempts"] == 2
    assert html == v.feedback.value and "<b>Auflösung:</b>" in html
    from course_lib.blocks.messages import box

    assert html == box("info", "Die Begründung zu jeder Antwort:", title="Auflösung",
                       details_html=quiz.explanation_html(SINGLE, ["c"]))
    assert quiz.explanation_html(SINGLE, ["c"]) in html
    assert v.reveal_button.disabled and v.reveal_button.tooltip == "Die Begründungen stehen schon unten."
    v.select(["b"])
    v.check()  # after the resolution no more „Auflösung ansehen“ nudge
    assert "Auflösung ansehen" not in v.feedback.value and v.reveal_button.disabled


def test_reveal_allowed_after_a_right_first_answer(data_dir):
    v = _view()
    v.select(["a"])
    v.check()
    html = v.reveal()
    assert "<b>Auflösung:</b>" in html and _rec()["revealed"] is True


def test_reopened_notebook_restores_each_state(data_dir):
    store = Store(quiz.STORE)
    assert _view().feedback.value == ""  # nothing saved: nothing shown
    store.update(lambda d: d.update(m00={"q1": {"attempts": 1, "selected": ["b"], "correct": False, "wrong": 1}}))
    v = _view()
    assert v.selected() == ["b"]
    assert escape("Ihre letzte Antwort war noch nicht richtig (1 Versuch). Versuchen Sie es noch einmal.") in v.feedback.value
    assert v.reveal_button.disabled
    store.update(lambda d: d["m00"]["q1"].update(attempts=2))
    v = _view()
    assert escape("(2 Versuche)") in v.feedback.value and not v.reveal_button.disabled
    store.update(lambda d: d["m00"]["q1"].update(revealed=True))
    v = _view()
    assert "<b>Auflösung:</b>" in v.feedback.value and quiz.explanation_html(SINGLE, ["b"]) in v.feedback.value
    assert v.reveal_button.disabled
    store.update(lambda d: d["m00"]["q1"].update(selected=["a"], correct=True))
    v = _view()
    assert v.selected() == ["a"] and "vt-msg-ok" in v.feedback.value and "<b>Auflösung:</b>" not in v.feedback.value


def test_restore_drops_unknown_ids_and_keeps_one_for_single_choice(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={
        "q1": {"attempts": 1, "selected": ["zz", "b", "c"], "correct": False},
        "q2": {"attempts": 1, "selected": ["a", "gone", "x"], "correct": False}}))
    assert _view().selected() == ["b"]
    assert sorted(_view(MULTI).selected()) == ["a", "x"]


def test_restore_of_a_right_answer_with_only_unknown_ids_shows_no_verdict(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"attempts": 1, "selected": ["gone"], "correct": True}}))
    v = _view()
    assert v.selected() == [] and "vt-msg-ok" not in v.feedback.value


def test_a_click_on_check_goes_through_the_guard(data_dir):
    v = _view()
    v.button.click()
    assert "noch keine Antwort" in v.feedback.value and Store(quiz.STORE).read() == {}
    v.select(["b"])
    v.button.click()
    assert _rec()["attempts"] == 1
    v.reveal_button.click()
    assert "erst nach 2" in v.feedback.value


# ---------------------------------------------------------------- numbering and the final quiz


DOC = {"quiz": [dict(SINGLE, id=f"q{k}") for k in range(1, 6)], "reflections": []}


def test_numbering_inline_first_then_the_rest_unknown_inline_ignored():
    assert quiz.numbering({**DOC, "quiz_inline": ["q4", "nope", "q2"]}) == {"q4": 1, "q2": 2, "q1": 3, "q3": 4, "q5": 5}
    assert quiz.numbering(DOC) == {f"q{k}": k for k in range(1, 6)}


@pytest.fixture
def fake_content(monkeypatch):
    docs = {}
    monkeypatch.setattr(content, "load_content", lambda mid: docs[mid])
    return docs


def test_final_quiz_skips_inline_items_and_says_which_came_before(data_dir, fake_content):
    fake_content["m00"] = {**DOC, "quiz_inline": ["q2", "q4"]}
    q = quiz.show("m00")
    assert [v.item["id"] for v in q.items] == ["q1", "q3", "q5"] and [v.number for v in q.items] == [3, 4, 5]
    assert q.box.children[0].value == ("<p><i>Die Fragen 1 und\u00a02 haben Sie schon im Text beantwortet; "
                                      "hier folgen die Fragen 3 bis\u00a05.</i></p>")
    fake_content["m00"] = {**DOC, "quiz": DOC["quiz"][:2], "quiz_inline": ["q2"]}
    q = quiz.show("m00")
    assert q.box.children[0].value == "<p><i>Frage 1 haben Sie schon im Text beantwortet; hier folgt Frage 2.</i></p>"
    assert [v.number for v in q.items] == [2]
    assert "Wiederholung" not in q.items[0].box.children[0].value


def test_inline_ids_and_all_inline_repetition(data_dir, fake_content):
    fake_content["m00"] = {**DOC, "quiz_inline": ["q2", "q4"]}
    q = quiz.show("m00", ["q4"])
    assert [v.number for v in q.items] == [2] and q.box.children[0] is q.items[0].box  # no heading inline
    fake_content["m00"] = {**DOC, "quiz": DOC["quiz"][:2], "quiz_inline": ["q2", "q1"]}
    q = quiz.show("m00")
    assert [v.item["id"] for v in q.items] == ["q2", "q1"] and [v.number for v in q.items] == [1, 2]  # text order
    assert q.box.children[0].value == ("<p><i>Wiederholung: Diese Fragen kennen Sie schon aus dem Text; Ihre Antworten "
                                      "von dort stehen schon hier.</i></p>")
    assert all(v.box.children[0].value.startswith("<p><b>Wiederholung von Frage") for v in q.items)
    fake_content["m00"] = DOC
    q = quiz.show("m00")
    assert len(q.items) == 5 and q.box.children[0] is q.items[0].box  # no inline items: no heading


def test_quiz_shows_a_moved_aside_store_notice_once(data_dir, fake_content):
    fake_content["m00"] = DOC
    (data_dir / "quiz.json").write_text("kaputt", encoding="utf-8")
    q = quiz.show("m00")
    assert "nicht lesbar" in q.box.children[0].value and q.box.children[1] is q.items[0].box
    assert quiz.show("m00").box.children[0].__class__.__name__ == "VBox"  # said once, not again


# ---------------------------------------------------------------- reflection


PROMPT = {"id": "r1", "prompt": "Was nehmen Sie <mit>?", "placeholder": "Stichworte …"}


def _rview():
    return reflection.ReflectionView("m00", PROMPT, Store(reflection.STORE))


def test_reflection_new_prompt_saves_each_change_with_time(data_dir, monkeypatch):
    v = _rview()
    assert v.text.value == "" and v.text.placeholder == "Stichworte …"
    from course_lib.blocks.messages import box

    assert v.status.value == box("info", "Ihre Antwort wird automatisch gespeichert.")
    assert v.box.children[0].value == f"<p><b>{escape(PROMPT['prompt'])}</b></p>"
    v.text.value = "Zuhören"
    rec = Store(reflection.STORE).read()["m00"]["r1"]
    assert rec["text"] == "Zuhören" and len(rec["updated"]) == 19 and rec["updated"][10] == "T"
    assert "vt-msg-saved" in v.status.value and escape("(7 Zeichen).") in v.status.value
    v.text.value = ""
    assert Store(reflection.STORE).read()["m00"]["r1"]["text"] == ""
    assert escape("(0 Zeichen).") in v.status.value


def test_reflection_default_placeholder_and_restore(data_dir):
    Store(reflection.STORE).update(lambda d: d.update(m00={"r1": {"text": "Früher", "updated": "2026-01-01T00:00:00"}}))
    v = reflection.ReflectionView("m00", {"id": "r1", "prompt": "?"}, Store(reflection.STORE))
    assert v.text.value == "Früher" and v.text.placeholder == "Ihre Gedanken …"
    from course_lib.blocks.messages import box

    assert v.status.value == box("saved", "Ihre frühere Antwort ist wieder da.")


def test_reflection_long_text_saved_in_full_with_a_note(data_dir):
    v = _rview()
    text = "x" * (reflection.MAX_CHARS + 1)
    v.text.value = text
    assert Store(reflection.STORE).read()["m00"]["r1"]["text"] == text
    assert escape(f"Ihr Text ist sehr lang ({len(text)} Zeichen).") in v.status.value
    v.text.value = "y" * reflection.MAX_CHARS  # exactly the limit: the normal confirmation
    assert escape(f"({reflection.MAX_CHARS} Zeichen).") in v.status.value and "sehr lang" not in v.status.value


def test_reflection_over_the_hard_limit_is_refused_and_the_last_text_kept(data_dir):
    v = _rview()
    v.text.value = "kurz"
    e = assert_course_error(v.save, "z" * (reflection.HARD_MAX_CHARS + 1))
    assert e.message.startswith("Ihr Text ist zu lang (200.001\u00a0Zeichen; gespeichert werden höchstens 200.000\u00a0Zeichen).")
    assert Store(reflection.STORE).read()["m00"]["r1"]["text"] == "kurz"
    v.save("a" * reflection.HARD_MAX_CHARS)  # exactly the hard limit is still saved
    assert len(Store(reflection.STORE).read()["m00"]["r1"]["text"]) == reflection.HARD_MAX_CHARS


def test_reflection_shows_store_notices(data_dir):
    (data_dir / "reflections.json").write_text("{kaputt", encoding="utf-8")
    v = _rview()
    assert "nicht lesbar" in v.status.value


def test_reflection_show_selects_prompts_by_id(data_dir, fake_content):
    fake_content["m00"] = {"reflections": [{"id": "r1", "prompt": "Eins"}, {"id": "r2", "prompt": "Zwei"}]}
    r = reflection.show("m00", ["r2"])
    assert [v.prompt["id"] for v in r.views] == ["r2"] and list(r.box.children) == [r.views[0].box]
    assert [v.prompt["id"] for v in reflection.show("m00").views] == ["r1", "r2"]
    assert "application/vnd.jupyter.widget-view+json" in r._repr_mimebundle_()


def test_reflection_field_is_labelled_saves_while_typing_and_fills_the_width(data_dir):
    v = _rview()
    assert v.text.description == "Ihre Antwort:" and v.text.style.description_width == "initial"
    assert v.text.continuous_update is True, "saved while typing, not only when the field loses focus"
    assert (v.text.layout.width, v.text.layout.height) == ("95%", "110px")
    assert "vt-reflection" in v.box._dom_classes


def test_reflection_saves_only_text_changes(data_dir):
    v = _rview()
    v.text.placeholder = "anders"
    v.text.disabled = True
    assert Store(reflection.STORE).read() == {}


def test_reflection_timestamps_and_confirmation_time(data_dir):
    import datetime as dt
    import re

    v = _rview()
    v.text.value = "Zuhören"
    stamp = dt.datetime.strptime(Store(reflection.STORE).read()["m00"]["r1"]["updated"], "%Y-%m-%dT%H:%M:%S")
    assert abs((dt.datetime.now() - stamp).total_seconds()) < 120
    assert re.search(r"um \d\d:\d\d:\d\d Uhr \(7 Zeichen\)\.", v.status.value)


def test_reflection_hard_limit_message_in_full(data_dir):
    v = _rview()
    e = assert_course_error(v.save, "z" * (reflection.HARD_MAX_CHARS + 1))
    assert e.message == ("Ihr Text ist zu lang (200.001\u00a0Zeichen; gespeichert werden höchstens 200.000\u00a0Zeichen). "
                         "Diese Fassung wurde NICHT gespeichert – gespeichert bleibt Ihre letzte kürzere Fassung.")
    assert e.hint == "Bitte kürzen Sie den Text (oder legen Sie lange Texte in einer eigenen Datei ab)."


def test_reflection_shows_every_pending_notice_as_its_own_box(data_dir):
    from course_lib import storage
    from course_lib.blocks.messages import box

    storage.pop_notices()
    storage.NOTICES.extend(["Erste Meldung", "Zweite Meldung"])
    v = _rview()
    assert v.status.value == box("info", "Erste Meldung") + box("info", "Zweite Meldung")


def test_reflection_unknown_prompt_id_is_named(data_dir, fake_content):
    fake_content["m00"] = {"reflections": [{"id": "r1", "prompt": "Eins"}]}
    e = assert_course_error(reflection.show, "m00", ["r9"])
    assert e.message == "Der Reflexionsimpuls „r9“ gibt es nicht."


def test_reflection_refusal_while_typing_is_shown_in_the_status(data_dir):
    v = _rview()
    v.text.value = "kurz"
    v.text.value = "z" * (reflection.HARD_MAX_CHARS + 1)
    assert "zu lang" in v.status.value and "vt-msg-error" in v.status.value
    assert Store(reflection.STORE).read()["m00"]["r1"]["text"] == "kurz"


def test_reveal_of_an_old_record_without_selection(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"attempts": 2, "correct": False}}))
    html = _view().reveal()
    assert quiz.explanation_html(SINGLE, []) in html


def test_quiz_passes_the_seed_styles_and_names_unknown_items(data_dir, fake_content):
    fake_content["m00"] = {"quiz": [dict(MULTI, id="q1")], "reflections": []}
    orders = {tuple(quiz.Quiz("m00", seed=s).items[0].input.ids) for s in ("s1", "s2", "s3", "s4", "s5", "s6")}
    assert len(orders) > 1, "the seed reaches the items"
    assert quiz.Quiz("m00", seed="s1").items[0].input.ids == _view(dict(MULTI, id="q1"), seed="s1").input.ids
    q = quiz.show("m00")
    assert "vt-quiz" in q.box._dom_classes
    e = assert_course_error(quiz.show, "m00", ["q9"])
    assert e.message == "Die Quizfrage „q9“ gibt es nicht."


def test_module_without_quiz_items_shows_no_heading(data_dir, fake_content):
    fake_content["m00"] = {"quiz": [], "reflections": []}
    q = quiz.show("m00")
    assert q.items == [] and not any(getattr(c, "value", "").startswith("<p><i>") for c in q.box.children)


def test_check_counts_from_one_for_an_old_record_without_attempts(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"selected": ["b"], "correct": False}}))
    v = _view()
    v.select(["b"])
    v.check()
    assert _rec()["attempts"] == 1


def test_restore_of_a_record_without_attempts(data_dir):
    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"selected": ["b"], "correct": False}}))
    v = _view()
    assert v.selected() == ["b"] and v.reveal_button.disabled


def test_item_buttons_say_what_they_do_and_resolution_starts_locked(data_dir):
    v = _view()
    assert (v.button.description, v.button.tooltip, v.button.icon, v.button.button_style) == (
        "Antwort prüfen", "Antwort prüfen", "check", "primary")
    assert (v.reveal_button.description, v.reveal_button.icon) == ("Auflösung zeigen", "eye")
    assert v.reveal_button.disabled is True, "a fresh item never offers the resolution"
    assert v.reveal_button.tooltip == f"Die Auflösung öffnet sich nach {quiz.REVEAL_AFTER} Versuchen."
    assert v.input.hide_description is True  # the question above is the visible label
    assert "vt-quiz-item" in v.box._dom_classes


def test_restored_resolution_is_the_same_box(data_dir):
    from course_lib.blocks.messages import box

    Store(quiz.STORE).update(lambda d: d.update(m00={"q1": {"attempts": 2, "selected": ["b"], "correct": False, "revealed": True}}))
    assert _view().feedback.value == box("info", "Die Begründung zu jeder Antwort:", title="Auflösung",
                                         details_html=quiz.explanation_html(SINGLE, ["b"]))
