"""The shipped forms load; mistakes in a form file are reported with file, place and cause."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from cami_desktop.core.forms.library import FormLibrary, default_library
from cami_desktop.core.forms.loader import load_form
from cami_desktop.core.paths import forms_dir

EXPECTED_FORMS = {"cami-pow-2014-2020", "cami-wp-2026-2032", "saiga-mou", "bukhara-deer-mou", "concerted-action"}


def test_every_shipped_form_loads_without_problems():
    library = FormLibrary.load()
    assert [str(p) for p in library.problems] == []
    assert set(library.forms) == EXPECTED_FORMS


def test_programme_of_work_has_every_activity_of_table_1():
    form = default_library().get("cami-pow-2014-2020")
    activities = [s for s in form.walk() if s.item is not None and not s.item.items]
    numbers = [s.number for s in activities]
    assert len(numbers) == 121
    assert numbers[0] == "1.1.1" and numbers[-1] == "4.3.1"
    for objective in ("1", "2", "3", "4"):
        assert any(n.startswith(objective + ".") for n in numbers)
    first = activities[0]
    assert first.item.context["responsible"].ru and first.item.context["priority"].en
    status = form.questions["status[1.1.1]"]
    assert status.type == "scale" and status.required


def test_reference_data_covers_species_and_range_states():
    reference = default_library().reference
    states = {item.key for item in reference.lists["range_states"].items}
    assert states == {"AF", "BT", "CN", "IN", "IR", "KZ", "KG", "MN", "NP", "PK", "RU", "TJ", "TM", "UZ"}
    species = reference.lists["species"]
    assert len(species.items) == 20
    assert species.label("saiga", "ru") == "Сайгак"
    assert {"pallas_cat", "eurasian_lynx", "snow_leopard", "chiru", "chinkara"} <= {i.key for i in species.items}
    assert {"kopetdag", "altai", "gobi"} <= {i.key for i in reference.lists["ptcr"].items}


def test_range_states_carry_the_cms_party_flag():
    states = default_library().reference.lists["range_states"]
    parties = {i.key for i in states.items if i.cms_party is True}
    others = {i.key for i in states.items if i.cms_party is False}
    assert parties == {"AF", "IN", "IR", "KZ", "KG", "MN", "PK", "TJ", "UZ"}
    assert others == {"BT", "CN", "NP", "RU", "TM"}


def test_every_country_has_an_english_and_a_russian_name():
    reference = default_library().reference
    countries = reference.lists["countries"]
    keys = [i.key for i in countries.items]
    assert len(keys) == len(set(keys)) == 249
    assert all(len(k) == 2 and k.isupper() for k in keys)
    assert countries.label("NO", "en") == "Norway"  # a YAML 'NO' must not turn into false
    assert countries.label("VN", "ru") == "Вьетнам"
    # a Range State reads the same in both lists (UN short names)
    for item in reference.lists["range_states"].items:
        assert countries.get(item.key).label == item.label, item.key
    # a report of any country, or of an organization, is labelled by the Range States list
    assert reference.lists["range_states"].label("SG", "ru") == "Сингапур"
    assert reference.lists["range_states"].label("Manul Working Group", "en") == "Manul Working Group"


def _offered(form_id: str, key: str) -> set[str]:
    form = default_library().get(form_id)
    q = form.questions[key]
    fld = q if q.type == "pick" else None
    if fld is None:  # a table column
        fld = next(c for c in q.columns if c.type == "pick" and c.list == "species")
    return {o.value for o in form.reference.choices(fld)}


POW_2014 = {"bukhara_deer", "wild_camel", "wild_yak", "snow_leopard", "asiatic_cheetah", "saiga", "argali",
            "mongolian_gazelle", "goitered_gazelle", "asiatic_wild_ass", "kiang", "chiru",
            "przewalskis_horse", "tibetan_gazelle", "chinkara"}
CAMI_15 = {"argali", "asiatic_cheetah", "asiatic_wild_ass", "bukhara_deer", "gobi_bear", "goitered_gazelle",
           "kiang", "mongolian_gazelle", "persian_leopard", "przewalskis_horse", "saiga", "snow_leopard",
           "urial", "wild_camel", "wild_yak"}


def test_each_programme_offers_the_species_of_its_own_scope():
    assert _offered("cami-pow-2014-2020", "species[1.1.1]") == POW_2014
    assert _offered("cami-wp-2026-2032", "species_present") == CAMI_15 | {"pallas_cat"}
    assert _offered("cami-wp-2026-2032", "species_table") == CAMI_15 | {"pallas_cat"}
    # the lynx only where a source supports it: Concerted Actions (COP14), not the programmes
    assert _offered("concerted-action", "target_species") == CAMI_15 | {"pallas_cat", "eurasian_lynx"}


def test_each_mou_offers_its_own_countries():
    assert _offered("bukhara-deer-mou", "range_state") == {"AF", "KZ", "TJ", "TM", "UZ"}
    assert _offered("bukhara-deer-mou", "cooperation_states") == {"AF", "KZ", "TJ", "TM", "UZ"}
    saiga = _offered("saiga-mou", "range_state")
    assert len(saiga) == 249 and {"KZ", "CN", "SG", "VN", "US"} <= saiga
    label = default_library().get("saiga-mou").questions["cms_focal_point"].label
    assert "(for non-CMS Parties state the appropriate contact person)" in label.en
    assert "контактное лицо" in label.ru


def test_the_concerted_action_may_be_filed_by_an_organization():
    form = default_library().get("concerted-action")
    assert form.organization_reporter
    assert not default_library().get("saiga-mou").organization_reporter
    assert form.questions["range_states_covered"].multiple
    assert {o.value for o in form.reference.choices(form.questions["reporter_kind"])} == {
        "range_state", "organization", "scientific_councillor", "expert"}
    # the Range State and its focal point are asked only when a Range State reports
    assert not form.questions["range_state"].visible_if.evaluate({"reporter_kind": "organization"})
    assert form.questions["reporter_name"].visible_if.evaluate({"reporter_kind": "expert"})


def test_only_may_name_a_set_of_the_reference_list(tmp_path):
    text = GOOD.replace("type: yes_no", "type: pick\n        list: species\n        only: pow_2014_2020")
    form, problems = load_form(_write(tmp_path, text), default_library().reference)
    assert problems == [] and "chiru" in form.questions["signed"].only
    text = GOOD.replace("type: yes_no", "type: pick\n        list: species\n        only: pow_1900")
    assert any("species has no set 'pow_1900'" in p for p in _problems(tmp_path, text))


GOOD = """
id: test-form
version: "1"
title: {en: Test, ru: Тест}
sections:
  - key: general
    number: "1"
    title: {en: General, ru: Общие}
    questions:
      - key: signed
        type: yes_no
        label: {en: Signed?, ru: Подписан?}
      - key: date_signed
        type: date
        label: {en: Date, ru: Дата}
        visible_if: {question: signed, equals: "yes"}
      - key: kind
        type: choice
        label: {en: Kind, ru: Вид}
        options:
          - {value: a, label: {en: A, ru: А}}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test-form.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    _, problems = load_form(_write(tmp_path, text), default_library().reference)
    return [str(p) for p in problems]


def test_a_correct_small_form_loads(tmp_path):
    form, problems = load_form(_write(tmp_path, GOOD), default_library().reference)
    assert problems == [] and form is not None
    assert list(form.questions) == ["signed", "date_signed", "kind"]
    assert form.questions["signed"].number == "1.1"


MISTAKES = [
    ("unknown type", GOOD.replace("type: date\n", "type: datum\n"),
     "sections[0].questions[1].type: unknown question type 'datum'"),
    ("duplicate key", GOOD.replace("key: kind", "key: signed"),
     "sections[0].questions[2].key: duplicate question key 'signed'"),
    ("missing Russian", GOOD.replace("label: {en: Date, ru: Дата}", "label: {en: Date}"),
     "sections[0].questions[1].label: missing Russian text (ru)"),
    ("condition on a missing question", GOOD.replace("question: signed, equals", "question: sined, equals"),
     "names a question that does not exist: 'sined'"),
    ("choice without options", GOOD.replace("""        options:
          - {value: a, label: {en: A, ru: А}}
""", ""), "sections[0].questions[2]: a choice question needs options"),
    ("unknown field", GOOD.replace("type: yes_no", "type: yes_no\n        requried: true"),
     "sections[0].questions[0].requried: unknown field 'requried'"),
    ("bad YAML", GOOD.replace("title: {en: Test, ru: Тест}", "title: {en: Test, ru: [Тест}"),
     "not valid YAML"),
    ("invalid key", GOOD.replace("key: kind", "key: Kind-1"), "invalid key 'Kind-1'"),
    ("unknown scale", GOOD.replace("type: yes_no", "type: scale\n        scale: nothing"),
     "sections[0].questions[0].scale: unknown scale 'nothing'"),
    ("unknown pick list", GOOD.replace("type: yes_no", "type: pick\n        list: planets"),
     "unknown reference list 'planets'"),
    ("min above max", GOOD.replace("type: yes_no", "type: integer\n        min: 10\n        max: 1"),
     "min 10 is greater than max 1"),
    ("duplicate option", GOOD.replace("- {value: a, label: {en: A, ru: А}}",
                                      "- {value: a, label: {en: A, ru: А}}\n          - {value: a, label: {en: B, ru: Б}}"),
     "duplicate option value 'a'"),
    ("missing title", GOOD.replace("title: {en: Test, ru: Тест}\n", ""), "missing required field 'title'"),
    ("table without columns", GOOD.replace("type: yes_no", "type: table"),
     "sections[0].questions[0].columns: must be a list"),
    ("unknown repeat list", GOOD.replace("    questions:\n      - key: signed",
                                         "    repeat: {list: planets, questions: []}\n    questions:\n      - key: signed"),
     "sections[0].repeat.list: unknown list 'planets'"),
    ("bad check operator", GOOD + "checks:\n  - {left: date_signed, op: '=>', value: 1, message: {en: x, ru: х}}\n",
     "checks[0].op: unknown operator '=>'"),
    ("unknown prefill", GOOD.replace("type: yes_no", "type: yes_no\n        prefill: profile.shoe_size"),
     "unknown prefill 'profile.shoe_size'"),
    ("organization reporter not a flag", GOOD.replace('version: "1"', 'version: "1"\norganization_reporter: yes please'),
     "organization_reporter: must be true or false"),
]


@pytest.mark.parametrize("name,text,expected", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_reported_with_file_place_and_cause(tmp_path, name, text, expected):
    problems = _problems(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("test-form.yaml") for p in problems)


def test_a_broken_form_in_the_folder_is_reported_and_the_others_still_load(tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir(), folder)
    (folder / "broken.yaml").write_text(GOOD.replace("type: date\n", "type: datum\n"), encoding="utf-8")
    library = FormLibrary.load(folder)
    assert EXPECTED_FORMS <= set(library.forms)
    assert [p.file for p in library.problems] == ["broken.yaml"]


def test_every_text_of_every_form_has_both_languages():
    for path in forms_dir().glob("*.yaml"):
        def walk(node, place):
            if isinstance(node, dict):
                if set(node) & {"en", "ru"}:
                    assert node.get("en") and node.get("ru"), f"{path.name}: {place}"
                for key, value in node.items():
                    walk(value, f"{place}.{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{place}[{i}]")
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")


def test_repeated_sections_are_written_once_and_expanded():
    form = default_library().get("cami-pow-2014-2020")
    text = (forms_dir() / "cami-pow-2014-2020.yaml").read_text(encoding="utf-8")
    assert text.count("key: status\n") == 1
    assert "status[4.3.1]" in form.questions and "objective_summary[2]" in form.questions
    actions = form.questions["actions[1.1.1]"]
    assert actions.visible_if.evaluate({"status[1.1.1]": "completed"})
    assert not actions.visible_if.evaluate({"status[1.1.1]": "not_started"})


def test_a_wrong_set_or_party_flag_in_reference_data_is_reported(tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir(), folder)
    species = folder / "reference" / "species.yaml"
    species.write_text(species.read_text(encoding="utf-8") + "  broken: [argali, unicorn, {a: 1}]\n",
                       encoding="utf-8")
    states = folder / "reference" / "range_states.yaml"
    states.write_text(states.read_text(encoding="utf-8").replace("cms_party: true", "cms_party: maybe", 1),
                      encoding="utf-8")
    problems = [str(p) for p in FormLibrary.load(folder).problems]
    assert "species.yaml: sets.broken: 'unicorn' is not an item of this list" in problems
    assert "species.yaml: sets.broken: {'a': 1} is not an item of this list" in problems
    assert "range_states.yaml: items[0].cms_party: must be true or false" in problems


CHAIN = GOOD.replace('''      - key: kind
        type: choice''', '''      - key: note
        type: text
        label: {en: Note, ru: Примечание}
        visible_if: {question: date_signed, answered: true}
      - key: kind
        type: choice''')


def test_a_condition_on_a_hidden_answer_hides_too(tmp_path):
    """A hides B, whose kept answer would show C: C is hidden as well (never signed unseen)."""
    from cami_desktop.core.reports.review import review, visible_keys

    form, problems = load_form(_write(tmp_path, CHAIN), default_library().reference)
    assert problems == []
    answers = {"signed": "yes", "date_signed": "2024-01-01", "note": "Signed in Almaty", "kind": "a"}
    assert {"date_signed", "note"} <= visible_keys(form, answers)
    answers["signed"] = "no"  # hides date_signed; its answer stays but counts for nothing
    assert visible_keys(form, answers) == {"signed", "kind"}
    assert review(form, answers).visible_questions == {"signed", "kind"}
    answers["signed"] = "yes"  # shown again: both come back
    assert {"date_signed", "note"} <= review(form, answers).visible_questions
