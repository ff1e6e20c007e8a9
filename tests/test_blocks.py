"""Shared blocks driven programmatically: live plot, panel, quiz, reflection, poll, guard."""
from __future__ import annotations

import numpy as np
import pytest

from course_lib.blocks import guard, poll, quiz, reflection
from course_lib.blocks.liveplot import LivePlot
from course_lib.blocks.panel import LivePanel, slider
from course_lib.errors import CourseInputError, check_number
from course_lib.storage import Store


def _panel():
    plot = LivePlot(figsize=(4, 3))
    ax = plot.fig.add_subplot()
    x = np.linspace(0, 1, 20)
    (line,) = ax.plot(x, x)
    plot.dynamic(line)
    seen = []

    def update(v):
        a = check_number(v["a"], "Steigung", 0, 2)
        line.set_ydata(x * a)
        plot.refresh(alt=f"Gerade mit Steigung {a}")
        seen.append(a)

    panel = LivePanel(title="Test", question="Was passiert, wenn …?", controls={"a": slider("Steigung", 1.0, 0.0, 2.0, 0.1)},
                      views=[plot.widget], update=update, assumptions="keine", toy_model=True)
    return panel, plot, seen


def test_liveplot_redraws_in_place_without_new_figure():
    panel, plot, seen = _panel()
    fig_before, png_before = plot.fig, plot.png
    panel.controls["a"].value = 1.5
    assert plot.fig is fig_before, "figure must be reused"
    assert plot.png != png_before and plot.png.startswith(b"\x89PNG")
    assert plot.full_draws == 1, "data-only updates must blit, not redraw the whole figure"
    assert seen == [1.0, 1.5]
    assert 'alt="Gerade mit Steigung 1.5"' in plot.widget.value


def test_liveplot_invalidate_forces_one_full_draw():
    panel, plot, _ = _panel()
    plot.invalidate()
    panel.controls["a"].value = 0.5
    assert plot.full_draws == 2
    panel.controls["a"].value = 0.6
    assert plot.full_draws == 2


def test_blitted_frame_equals_full_redraw():
    panel, plot, _ = _panel()
    panel.controls["a"].value = 1.7
    blitted = plot.png
    plot.invalidate()
    plot.refresh(alt="x")
    assert plot.png == blitted


def test_panel_shows_german_message_on_bad_input_and_recovers():
    panel, plot, _ = _panel()
    panel.controls["a"].max = 10
    panel.controls["a"].value = 5
    assert "vt-msg-error" in panel.message.value and "Steigung" in panel.message.value and "Was tun?" in panel.message.value
    panel.controls["a"].value = 1.0
    assert panel.message.value == ""


def test_panel_direct_update_raises_course_error():
    panel, _, _ = _panel()
    with pytest.raises(CourseInputError):
        panel._update({"a": 5})


def test_guard_logs_unexpected_errors_and_shows_german_text(data_dir):
    shown = []

    def boom():
        raise RuntimeError("kaputt")

    n = len(guard.LAST_ERRORS)
    assert guard.run(boom, shown.append) is False
    assert "schiefgelaufen" in shown[0] and "Eingaben sind erhalten" in shown[0]
    assert len(guard.LAST_ERRORS) == n + 1 and "RuntimeError: kaputt" in guard.LAST_ERRORS[-1]


def test_quiz_wrong_answer_explains_only_the_chosen_option_then_resolution(data_dir):
    q = quiz.show("m00")
    item = q.items[0]
    opts = {o["id"]: o for o in item.item["options"]}
    right = next(o["id"] for o in item.item["options"] if o["correct"])  # from the data, not its position
    w1, w2 = [o["id"] for o in item.item["options"] if not o["correct"]][:2]
    item.button.click()
    assert "noch keine Antwort" in item.feedback.value  # empty → German message, not counted
    assert "q1" not in Store("quiz").read().get("m00", {})
    item.select([w1])
    item.button.click()
    fb = item.feedback.value.replace("&quot;", '"')
    assert "vt-msg-wrong" in fb and opts[w1]["explanation"][:30] in fb
    for oid in (right, w2):  # neither the right option nor the other distractor is explained or marked
        assert opts[oid]["explanation"][:30] not in fb and opts[oid]["text"] not in fb
    assert "trifft zu" not in fb and "Tipp" in fb
    assert item.reveal_button.disabled, "resolution only after two attempts"
    item.reveal_button.disabled = False  # even if forced in the front end
    item.reveal_button.click()
    assert "erst nach 2 Versuchen" in item.feedback.value
    item.select([w2])
    item.button.click()
    assert not item.reveal_button.disabled and "Auflösung ansehen" in item.feedback.value
    item.select([right])
    item.button.click()
    fb = item.feedback.value.replace("&quot;", '"')
    assert "vt-msg-ok" in fb and all(o["explanation"][:30] in fb for o in opts.values())
    saved = Store("quiz").read()["m00"]["q1"]
    assert saved["attempts"] == 3 and saved["selected"] == [right] and saved["correct"] is True
    assert saved["first_correct"] is False, "the first attempt's result is kept"
    again = quiz.show("m00").items[0]  # reopened notebook: answer is back
    assert again.selected() == [right] and "vt-msg-ok" in again.feedback.value


def test_quiz_first_correct_is_never_overwritten(data_dir):
    item = quiz.show("m00").items[0]
    right = next(o["id"] for o in item.item["options"] if o["correct"])
    w1, w2 = [o["id"] for o in item.item["options"] if not o["correct"]][:2]
    item.select([right])
    item.button.click()
    item.select([w1])
    item.button.click()
    saved = Store("quiz").read()["m00"]["q1"]
    assert saved["first_correct"] is True and saved["correct"] is False and saved["attempts"] == 2


def test_quiz_reveal_shows_every_explanation_and_is_saved(data_dir):
    item = quiz.show("m00").items[0]
    w1, w2 = [o["id"] for o in item.item["options"] if not o["correct"]][:2]
    for oid in (w1, w2):
        item.select([oid])
        item.button.click()
    item.reveal_button.click()
    fb = item.feedback.value.replace("&quot;", '"')
    assert "Auflösung" in fb and all(o["explanation"][:30] in fb for o in item.item["options"])
    assert Store("quiz").read()["m00"]["q1"]["revealed"] is True
    assert "Auflösung" in quiz.show("m00").items[0].feedback.value


def test_quiz_evaluate_rules():
    item = {"id": "x", "question": "?", "multiple": True, "options": [
        {"id": "a", "text": "A", "correct": True, "explanation": "."},
        {"id": "b", "text": "B", "correct": True, "explanation": "."},
        {"id": "c", "text": "C", "correct": False, "explanation": "."}]}
    assert quiz.evaluate(item, ["a", "b"])["correct"]
    assert quiz.evaluate(item, ["a"]) == {"correct": False, "missing": ["b"], "wrong": []}
    assert quiz.evaluate(item, ["a", "c"])["wrong"] == ["c"]
    with pytest.raises(CourseInputError):
        quiz.evaluate(item, [])
    with pytest.raises(CourseInputError):
        quiz.evaluate(item, ["zzz"])
    with pytest.raises(CourseInputError):
        quiz.evaluate({**item, "multiple": False}, ["a", "b"])


def test_reflection_saved_on_every_change_and_restored(data_dir):
    r = reflection.show("m00")
    v = r.views[0]
    v.text.value = "Mehr zuhören"
    v.text.value = "Mehr zuhören und nachfragen – <b>ohne</b> Druck"
    assert "Gespeichert" in v.status.value
    assert Store("reflections").read()["m00"]["r1"]["text"].startswith("Mehr zuhören und nachfragen")
    again = reflection.show("m00").views[0]
    assert again.text.value == "Mehr zuhören und nachfragen – <b>ohne</b> Druck"
    assert "frühere Antwort" in again.status.value


def test_reflection_very_long_text_is_kept_in_full(data_dir):
    v = reflection.show("m00").views[0]
    long = "Satz. " * 2000
    v.text.value = long
    assert Store("reflections").read()["m00"]["r1"]["text"] == long
    assert "sehr lang" in v.status.value


def test_poll_requires_choice_then_saves(data_dir):
    p = poll.show("m00", "p1")
    p.button.click()
    assert "noch nichts ausgewählt" in p.comment.value
    p.choice.value = ["b"]
    p.button.click()
    assert "gespeichert" in p.comment.value
    assert Store("polls").read() == {"m00": {"p1": "b"}}
    again = poll.show("m00", "p1")
    assert again.choice.value == ["b"] and again.choice.ids == [o["id"] for o in again.poll["options"]], "polls keep the data order"


def test_unknown_ids_give_german_errors():
    with pytest.raises(CourseInputError, match="Modul"):
        quiz.show("m77")
    with pytest.raises(CourseInputError, match="Quizfrage"):
        quiz.show("m00", ["nope"])


def test_panel_hold_batches_changes_into_one_redraw():
    panel, plot, seen = _panel()
    n = plot.renders
    with panel.hold():
        panel.controls["a"].value = 0.3
        panel.controls["a"].value = 0.4
    assert plot.renders == n + 1 and seen[-1] == 0.4


def test_png_encoding_is_lossless_and_valid():
    import io

    from PIL import Image

    panel, plot, _ = _panel()
    img = Image.open(io.BytesIO(plot.png))
    img.load()  # raises if the PNG is malformed (CRC, zlib stream)
    w, h = plot.canvas.get_width_height()
    assert img.size == (w, h) and img.mode == "RGB"
    canvas = np.frombuffer(plot.canvas.buffer_rgba(), dtype=np.uint8).reshape(h, w, 4)[:, :, :3]
    assert np.array_equal(np.asarray(img), canvas)
