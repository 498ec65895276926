"""Who files a report: a country, or, where the format allows it, an organization.

A report's ``country`` in the store is never empty. It holds either

* an ISO 3166-1 alpha-2 code (two letters, upper case) - a country reports; or
* the name of the reporting organization (or Scientific Council member, or expert), 3 to 80
  characters - only for formats with ``organization_reporter: true`` (the Concerted Action
  report, which the proponent files).

Two letters always mean a country, so the two can never be confused; every list that shows a
report's country through the Range States list shows an organization's own name (see
``RefList.label``). Which countries a format accepts is read from the form itself: the options
of its question pre-filled with ``report.country``.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import CamiError
from ..i18n import N_
from .model import Form, RefItem

COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
# Characters that would make a poor file name, or hide what the name says: controls (C0, C1)
# and invisible format characters (direction overrides and isolates, zero-width space, soft
# hyphen, byte order mark), with which "Saiga \u202eecnaillA" reads "Saiga Alliance" and
# "Saiga\u200b Alliance" looks like another organization's name (issue 15). The zero-width
# (non-)joiner of Persian names is allowed.
FORBIDDEN = re.compile("[/\\\\:*?\"<>|\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
ORGANIZATION_LENGTH = (3, 80)


def is_country(code: str) -> bool:
    """Whether a stored reporter is a country code (else it names an organization)."""
    return bool(COUNTRY_RE.match(code or ""))


def form_countries(form: Form) -> tuple[RefItem, ...]:
    """The countries that may file ``form``: the choices of its ``report.country`` question."""
    for q in form.questions.values():
        if q.prefill == "report.country" and q.type == "pick" and q.list in form.reference.lists:
            items = form.reference.lists[q.list].items
            return tuple(i for i in items if i.key in q.only) if q.only else items
    return form.reference.lists["range_states"].items


def normalize_organization(name: str) -> str:
    """The organization's name as stored: inner runs of spaces made one."""
    return " ".join((name or "").split())


def reporter_of(form: Form, *, country: str = "", organization: str = "") -> str:
    """Check who files a report of ``form`` and return it as stored (see the module doc)."""
    country = (country or "").strip()
    organization = normalize_organization(organization)
    if country and organization:
        raise CamiError(N_("Give either a country or an organization as the reporter, not both."))
    if organization:
        if not form.organization_reporter:
            raise CamiError(N_("The report {form} is filed by a country: give its ISO code (such as KZ), "
                               "not an organization."), form=form.id)
        low, high = ORGANIZATION_LENGTH
        if is_country(organization) or not low <= len(organization) <= high or FORBIDDEN.search(organization):
            raise CamiError(N_("The name of the reporting organization must be 3 to 80 characters long, "
                               "without / \\ : * ? \" < > | or invisible characters."))
        return organization
    if not country:
        if form.organization_reporter:
            raise CamiError(N_("Say who reports: a country (an ISO code such as KZ) or an organization."))
        raise CamiError(N_("Say which country reports (an ISO code such as KZ)."))
    code = country.upper()
    allowed = form_countries(form)
    if code in {i.key for i in allowed}:
        return code
    range_states = {i.key for i in form.reference.lists["range_states"].items}
    if code in range_states or code in {i.key for i in form.reference.lists.get("countries", _NO_LIST).items}:
        raise CamiError(N_("{country} cannot file the report {form}; it is filed by: {allowed}."),
                        country=code, form=form.id, allowed=", ".join(i.key for i in allowed))
    if all(i.key in range_states for i in allowed):
        raise CamiError(N_("{country} is not a CAMI Range State (use an ISO code such as KZ)."), country=code)
    raise CamiError(N_("{country} is not an ISO country code (use one such as KZ)."), country=code)


def reporter_arguments(stored: str) -> dict[str, str]:
    """A stored reporter as the arguments of ``create_report`` (to start a report from another)."""
    return {"country": stored} if is_country(stored) else {"organization": stored}


def reporter_facts(form: Form, reporter: str) -> dict[str, Any]:
    """What the reporter pre-fills: ``report.country`` or ``report.organization``, and the rest."""
    if not is_country(reporter):
        return {"report.organization": reporter, "report.reporter_kind": "organization"}
    facts: dict[str, Any] = {"report.country": reporter, "report.reporter_kind": "range_state"}
    state = form.reference.lists["range_states"].get(reporter)
    if state is not None and state.cms_party is not None:
        facts["report.cms_party"] = "yes" if state.cms_party else "no"
    return facts


def country_choices(reference, lang: str) -> list[tuple[str, str]]:
    """Every country as ``(code, name in lang)``: the CAMI Range States first, in their usual
    order, then the others alphabetically (the profile's country may be a consumer state, which
    files the Saiga MoU report)."""
    states = reference.lists["range_states"].items
    first = [(i.key, i.label.get(lang)) for i in states]
    taken = {key for key, _ in first}
    others = [(i.key, i.label.get(lang)) for i in reference.lists.get("countries", _NO_LIST).items
              if i.key not in taken]
    return first + sorted(others, key=lambda pair: pair[1].casefold())


class _NoList:
    items: tuple[RefItem, ...] = ()


_NO_LIST = _NoList()
