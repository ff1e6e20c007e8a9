"""Choice lists and per-learner option order (course_lib.blocks.choices, course_lib.learner)."""
import pytest
import traitlets

from course_lib import learner
from course_lib.blocks.choices import ChoiceList

OPTS = [(f"Antwort {c}", c) for c in "abcde"]


@pytest.fixture(autouse=True)
def _fresh(data_dir):
    learner._cache.clear()
    yield
    learner._cache.clear()


def test_learner_id_is_created_once_and_kept(data_dir):
    first = learner.learner_id()
    assert len(first) == 32 and int(first, 16) >= 0
    learner._cache.clear()  # a new kernel reads it back from disk
    assert learner.learner_id() == first


def test_learner_id_differs_between_learners(tmp_path, monkeypatch):
    ids = set()
    for n in range(5):
        d = tmp_path / f"l{n}"
        d.mkdir()
        monkeypatch.setenv("VERTRIEB30_DATA_DIR", str(d))
        ids.add(learner.learner_id())
    assert len(ids) == 5


def test_order_is_stable_for_one_learner_and_differs_between_learners():
    ids = [c for _t, c in OPTS]
    a1 = learner.order("quiz/m01/q1", ids, seed="a" * 32)
    a2 = learner.order("quiz/m01/q1", list(reversed(ids)), seed="a" * 32)
    assert a1 == a2, "order must not depend on the order in the data file"
    assert sorted(a1) == sorted(ids)
    others = {tuple(learner.order("quiz/m01/q1", ids, seed=f"{n:032x}")) for n in range(20)}
    assert len(others) > 5, "different learners must see different orders"
    firsts = {learner.order("quiz/m01/q1", ids, seed=f"{n:032x}")[0] for n in range(40)}
    assert firsts == set(ids), "every option must come first for some learner"


def test_order_keeps_fixed_last_at_the_end():
    ids = ["a", "b", "c", "alle"]
    for n in range(20):
        assert learner.order("k", ids, fixed_last=["alle"], seed=f"{n:032x}")[-1] == "alle"


def test_order_differs_between_items_for_one_learner():
    ids = [c for _t, c in OPTS]
    orders = {tuple(learner.order(f"quiz/m0{k}/q1", ids, seed="b" * 32)) for k in range(1, 10)}
    assert len(orders) > 3


def test_choicelist_shuffles_labels_with_their_ids():
    c = ChoiceList(OPTS, shuffle_key="quiz/m02/q3", seed="c" * 32)
    assert dict(zip(c.ids, c.labels)) == {oid: t for t, oid in OPTS}
    assert c.ids == learner.order("quiz/m02/q3", [o for _t, o in OPTS], seed="c" * 32)


def test_choicelist_without_key_keeps_data_order():
    assert ChoiceList(OPTS).ids == list("abcde")


def test_single_choice_accepts_one_id_and_rejects_unknown_or_two():
    c = ChoiceList(OPTS)
    c.value = ["c"]
    assert c.selected == ["c"]
    with pytest.raises(traitlets.TraitError):
        c.value = ["a", "b"]
    with pytest.raises(traitlets.TraitError):
        c.value = ["zz"]
    assert c.selected == ["c"], "a rejected value must not change the selection"


def test_multiple_choice_value_in_display_order_without_duplicates():
    c = ChoiceList(OPTS, multiple=True, shuffle_key="k", seed="d" * 32)
    c.value = ["e", "a", "e"]
    assert sorted(c.selected) == ["a", "e"]
    assert c.selected == [i for i in c.ids if i in {"a", "e"}]


def test_duplicate_option_ids_are_refused():
    with pytest.raises(ValueError):
        ChoiceList([("x", "a"), ("y", "a")])


def test_esm_renders_native_inputs_with_the_option_text_as_name():
    esm = ChoiceList._esm
    assert 'input.type = multiple ? "checkbox" : "radio"' in esm
    assert "row.append(input, text)" in esm  # the <label> wraps input and text: accessible name
    assert "data-lm-suppress-shortcuts" in esm


def test_fixed_learner_id_from_environment_for_reproducible_builds(monkeypatch, data_dir):
    monkeypatch.setenv(learner.ENV, "0" * 32)
    assert learner.learner_id() == "0" * 32
    assert ChoiceList(OPTS, shuffle_key="k").ids == learner.order("k", [o for _t, o in OPTS], seed="0" * 32)
    from course_lib.storage import Store

    assert "id" not in Store(learner.STORE).read(), "a build id is never stored as the learner's id"
    monkeypatch.setenv(learner.ENV, "kaputt")  # invalid: ignored, the stored random id is used
    assert learner.learner_id() != "0" * 32
