"""The archived 1.0 forms offer the species they offered when they were current, not today's
list (which gained chiru, Tibetan gazelle and chinkara for the Programme of Work 2014-2020 in 1.1),
so that an old report goes on as it was made."""
from __future__ import annotations

#: The species list as the 1.0 forms read it (forms/reference/species.yaml before 1.1).
LIST_1_0 = {"argali", "asiatic_cheetah", "asiatic_wild_ass", "bukhara_deer", "gobi_bear",
            "goitered_gazelle", "kiang", "mongolian_gazelle", "persian_leopard", "przewalskis_horse",
            "saiga", "snow_leopard", "urial", "wild_camel", "wild_yak", "pallas_cat", "eurasian_lynx"}


def _species_fields(form):
    for q in form.questions.values():
        for fld in [q, *(getattr(q, "columns", None) or ())]:
            if getattr(fld, "type", None) == "pick" and getattr(fld, "list", None) == "species":
                yield fld


def test_archived_forms_offer_the_species_of_their_time(library):
    seen = set()
    for (form_id, version), form in library.versions.items():
        if version != "1.0":
            continue
        for fld in _species_fields(form):
            offered = {o.value for o in form.reference.choices(fld)}
            assert offered == LIST_1_0, (form_id, fld.key)
            seen.add(form_id)
    assert seen == {"cami-pow-2014-2020", "cami-wp-2026-2032", "concerted-action"}


def test_the_current_programme_of_work_offers_its_own_scope(library):
    form = library.get("cami-pow-2014-2020")
    fld = next(_species_fields(form))
    offered = {o.value for o in form.reference.choices(fld)}
    assert {"chiru", "tibetan_gazelle", "chinkara"} <= offered and "eurasian_lynx" not in offered


def test_a_report_of_every_archived_version_starts_the_next_one(store, library):
    """Real 1.0 reports (filled completely) carry over to 1.1, mapped by key; a species 1.1 no
    longer offers in a question is left behind with its answer, nothing else fails."""
    from cami_desktop.core import cycle
    from tests.helpers.answers import full_answers

    for (form_id, version), old_form in sorted(library.versions.items()):
        if version != "1.0":
            continue
        reporter = "KZ"
        old = store.create_report(form_id=form_id, form_version=version, country=reporter,
                                  period="2018-2020", language="en")
        answers = full_answers(old_form, "en", None)
        store.set_answers(old.id, answers)
        result = cycle.start_from(store, library, old.id, period="2021-2024")
        new_form = library.get(form_id)
        assert result.record.form_version == new_form.version != version
        assert len(result.carried) > len(answers) // 2, form_id
        for key in result.carried:
            assert store.answers(result.record.id)[key] == answers[key]
        assert set(cycle.unconfirmed(store, result.record.id)) == set(result.carried)
