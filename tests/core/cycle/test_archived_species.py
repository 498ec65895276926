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
