"""Certificate integrity: does the certification of origin hold what USMCA Annex 5-A requires,
and does it fit the goods, the BOM and the invoice it is meant to cover?

Every check here looks at ``ctx.shipment.certificate``; a shipment without one raises none
of these flags (whether a certificate is needed at all is another question, not asked here).
Paths in evidence are the certificate model's field paths (``goods[0].hs_code``,
``signature.date``), the same whether the certificate was XML or JSON.

The engine is pure: "today" is the evaluation date of the determinations, never the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from roo_check.engine.flags.context import GoodContext, ShipmentContext, flag
from roo_check.engine.flags.names import (
    DEFAULT_LEGAL_SUFFIXES,
    NameComparison,
    compare_names,
    placeholder,
    plain,
    similarity,
)
from roo_check.hs.codes import dotted
from roo_check.models.certificate import Certificate, CertifiedGood, CertifierRole
from roo_check.models.common import Party
from roo_check.models.findings import CriterionResult, Evidence, Finding
from roo_check.models.goods import BomLine, Good
from roo_check.money import display_money
from roo_check.rulebook.flag_params import (
    BlanketParams,
    NoParams,
    PartyMatchParams,
    SignatureParams,
)
from roo_check.rulebook.schema import FlagRule

USMCA_IN_FORCE = dt.date(2020, 7, 1)
"""No USMCA certification can have been signed before the agreement entered into force."""

DESCRIPTION_MIN_SIMILARITY = Decimal("0.80")
"""A certified good without a part number is tied to a good of the goods file whose plain
description is this similar (or contains it, or is contained in it)."""

_MISSING = "(missing)"


# ---- dates ---------------------------------------------------------------------------------


def months_later(day: dt.date, months: int) -> dt.date:
    """The same calendar day ``months`` later; if that month has no such day (31 April,
    29 February of a common year), the first day of the month after it.

    So a period "of N months" starting on ``day`` ends at the latest on
    ``months_later(day, N) - 1 day``: 1 Jan 2026 -> 31 Dec 2026, 29 Feb 2024 -> 28 Feb 2025,
    31 Aug 2026 (6 months) -> 28 Feb 2027.

    Never raises: a day beyond the calendar (after 9999-12-31 or before 0001-01-01) is
    taken as its last (first) day. Input dates and configured offsets are bounded
    (:mod:`roo_check.limits`) so that this never happens on real figures.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return dt.date(year, month, day.day)
    except ValueError:  # no such day in that month (never December: the year stays)
        return dt.date(year + month // 12, month % 12 + 1, 1)


def latest_blanket_end(start: dt.date, max_months: int) -> dt.date:
    """The last day a blanket period starting on ``start`` may cover (the calendar's last day
    at most: never an overflow)."""
    end = months_later(start, max_months)
    return end if end in (dt.date.min, dt.date.max) else end - dt.timedelta(days=1)


@dataclass(frozen=True)
class _Dated:
    """A shipment date and where it was read, for evidence."""

    date: dt.date
    label: str
    good: str | None
    evidence: Evidence


def _shipment_dates(ctx: ShipmentContext) -> list[_Dated]:
    """The shipment's date: its shipment_date, else the invoice date, else each good's own.

    Only in the last case can there be several dates, one per good.
    """
    shipment = ctx.shipment.shipment
    if shipment and shipment.shipment_date:
        return [
            _Dated(
                shipment.shipment_date,
                "shipment date",
                None,
                Evidence(
                    source=ctx.shipment_file,
                    location="shipment_date",
                    field="shipment_date",
                    value=shipment.shipment_date.isoformat(),
                    note="date the goods shipped",
                ),
            )
        ]
    if shipment and shipment.invoice:
        invoice = shipment.invoice
        return [
            _Dated(
                invoice.date,
                f"invoice {invoice.number} date",
                None,
                Evidence(
                    source=ctx.shipment_file,
                    location="invoice.date",
                    field="date",
                    value=invoice.date.isoformat(),
                    note=f"invoice {invoice.number} (the shipment gives no shipment date)",
                ),
            )
        ]
    return [
        _Dated(
            g.good.shipment_date,
            f"shipment date of good {g.good.part_number}",
            g.good.part_number,
            Evidence(
                source=ctx.goods_file,
                location=f"good {g.good.part_number}",
                field="shipment_date",
                value=g.good.shipment_date.isoformat(),
                note="the good's shipment date (no shipment file date or invoice)",
            ),
        )
        for g in ctx.goods
        if g.good.shipment_date
    ]


def _evaluation_date(ctx: ShipmentContext) -> dt.date | None:
    """'Today' for the engine: the latest evaluation date of the shipment's goods."""
    return max((g.outcome.evaluation_date for g in ctx.goods), default=None)


# ---- matching certified goods to the goods file --------------------------------------------


def _part_key(part_number: str) -> str:
    """Part numbers compared without case, spaces or punctuation: EM-750 = em 750 = EM750."""
    return "".join(plain(part_number).split())


def _similar_description(a: str, b: str) -> bool:
    left, right = plain(a), plain(b)
    if not left or not right:
        return False
    shorter, longer = sorted((left, right), key=len)
    if f" {shorter} " in f" {longer} ":
        return True
    return similarity(left, right) >= DESCRIPTION_MIN_SIMILARITY


def _match(certified: CertifiedGood, goods: list[Good], by_part: dict[str, Good]) -> Good | None:
    """The good of the goods file a certified good stands for.

    By part number when the certificate gives one (and then only by part number: ``by_part``,
    the goods by :func:`_part_key`, the first in part-number order where two keys agree);
    else the good whose description is most similar; else, when the goods file has one good,
    that good.
    """
    if certified.part_number:
        return by_part.get(_part_key(certified.part_number))
    scored = sorted(
        (
            (-similarity(plain(certified.description), plain(g.description)), g.part_number, g)
            for g in goods
            if _similar_description(certified.description, g.description)
        ),
        key=lambda s: s[:2],
    )
    if scored:
        return scored[0][2]
    return goods[0] if len(goods) == 1 else None


def _goods(ctx: ShipmentContext) -> list[Good]:
    return sorted(ctx.shipment.goods, key=lambda g: g.part_number)


def _matched(ctx: ShipmentContext, cert: Certificate) -> list[tuple[int, CertifiedGood, Good]]:
    goods = _goods(ctx)
    by_part: dict[str, Good] = {}
    for good in goods:  # once per shipment: a lookup per certified good, not a scan
        by_part.setdefault(_part_key(good.part_number), good)
    pairs = [(i, c, _match(c, goods, by_part)) for i, c in enumerate(cert.goods)]
    return [(i, c, g) for i, c, g in pairs if g is not None]


def _covered_goods(ctx: ShipmentContext, cert: Certificate) -> list[Good]:
    seen: dict[str, Good] = {}
    for _, _, good in _matched(ctx, cert):
        seen.setdefault(good.part_number, good)
    return [seen[k] for k in sorted(seen)]


# ---- evidence helpers ----------------------------------------------------------------------


def _cert(ctx: ShipmentContext, path: str, value: object, note: str | None = None) -> Evidence:
    """Evidence in the certificate: the field path, e.g. goods[0].hs_code."""
    return Evidence(
        source=ctx.certificate_file,
        location=path,
        field=path.rsplit(".", 1)[-1],
        value=_MISSING if value is None or value == "" else str(value),
        note=note,
    )


def _good_evidence(ctx: ShipmentContext, good: Good, field: str, value: object) -> Evidence:
    return Evidence(
        source=ctx.goods_file,
        location=f"good {good.part_number}",
        field=field,
        value=_MISSING if value is None or value == "" else str(value),
    )


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


# ---- CERT001 missing minimum data element --------------------------------------------------

_RECOMMENDED = ("title", "phone", "email")


def _incomplete(party: Party) -> list[str]:
    """Details Annex 5-A asks of every party named, beyond the name: address and country."""
    return [f for f in ("address", "country") if _blank(getattr(party, f))]


@dataclass(frozen=True)
class _Missing:
    """A data element of Annex 5-A the certification lacks or states in a way not allowed."""

    element: str
    message: str
    evidence: list[Evidence]


def missing_element(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """One finding per Annex 5-A data element missing, empty or stated in a way not allowed.

    Elements the certificate model already requires (role, certifier name, goods with
    description, HS and criterion, signature name and date) cannot be missing here: a file
    without them is refused by the loader.
    """
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    found = [
        _certifier_missing(ctx, cert),
        _exporter_missing(ctx, cert),
        _producer_missing(ctx, cert),
        _importer_missing(ctx, cert),
        _coverage_missing(ctx, cert),
        _signature_missing(ctx, cert),
    ]
    return [
        flag(
            rule,
            good=None,
            subject=m.element,
            message=m.message,
            figures={"element": m.element, "certifier_role": cert.certifier_role.value},
            evidence=m.evidence,
        )
        for m in found
        if m is not None
    ]


def _certifier_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """2 certifier: name (required by the model), address and country at least."""
    gaps = _incomplete(cert.certifier)
    if not gaps:
        return None
    absent = [f for f in _RECOMMENDED if _blank(getattr(cert.certifier, f))]
    note = f"also not given (recommended): {', '.join(absent)}" if absent else None
    return _Missing(
        "2 certifier",
        f"The certifier {cert.certifier.name!r} is named without its "
        f"{' and '.join(gaps)}, which Annex 5-A requires with the name.",
        [_cert(ctx, f"certifier.{f}", None, note) for f in gaps],
    )


def _exporter_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """3 exporter: not needed when the exporter certifies; "Unknown" only from a producer."""
    role = cert.certifier_role
    exporter = cert.exporter
    if exporter is None:
        if role is CertifierRole.exporter:
            return None
        hint = (
            " (a producer that does not know the exporter must state 'Unknown')"
            if role is CertifierRole.producer
            else ""
        )
        return _Missing(
            "3 exporter",
            f"The certification names no exporter although the certifier is the {role.value}"
            f"{hint}.",
            [_cert(ctx, "exporter", None)],
        )
    kind = placeholder(exporter.name)
    if kind is not None:
        if kind == "unknown" and role is not CertifierRole.importer:
            return None
        return _Missing(
            "3 exporter",
            f"The exporter is stated as {exporter.name!r}, which Annex 5-A allows only "
            "as 'Unknown' from a producer certifier.",
            [_cert(ctx, "exporter.name", exporter.name)],
        )
    return _unnamed_parts(ctx, "3 exporter", "exporter", exporter)


def _producer_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """4 producer: not needed when the producer certifies.

    "Various" or "Available upon request by the importing authorities" are accepted
    statements.
    """
    role = cert.certifier_role
    producer = cert.producer
    if producer is None:
        if role is CertifierRole.producer:
            return None
        return _Missing(
            "4 producer",
            f"The certification names no producer although the certifier is the {role.value} "
            "(give it, or state 'Various' or 'Available upon request by the importing "
            "authorities').",
            [_cert(ctx, "producer", None)],
        )
    kind = placeholder(producer.name)
    if kind == "unknown":
        return _Missing(
            "4 producer",
            f"The producer is stated as {producer.name!r}; Annex 5-A accepts only a name, "
            "'Various' or 'Available upon request by the importing authorities'.",
            [_cert(ctx, "producer.name", producer.name)],
        )
    return _unnamed_parts(ctx, "4 producer", "producer", producer) if kind is None else None


def _unnamed_parts(ctx: ShipmentContext, element: str, role: str, party: Party) -> _Missing | None:
    """A party named without the address or other data Annex 5-A asks for with its name."""
    gaps = _incomplete(party)
    if not gaps:
        return None
    return _Missing(
        element,
        f"The {role} {party.name!r} is named without its {' and '.join(gaps)}.",
        [_cert(ctx, f"{role}.{f}", None) for f in gaps],
    )


def _importer_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """5 importer: "if known"; the importer certifying is known; "Unknown" is a statement."""
    importer = cert.importer
    if importer is None:
        if cert.certifier_role is CertifierRole.importer:
            return None
        return _Missing(
            "5 importer",
            "The certification names no importer; Annex 5-A asks for it if known, so check "
            "whether the importer was known when it was signed.",
            [_cert(ctx, "importer", None)],
        )
    kind = placeholder(importer.name)
    if kind is not None and kind != "unknown":
        return _Missing(
            "5 importer",
            f"The importer is stated as {importer.name!r}, which is not a party; give the "
            "importer if known, or 'Unknown'.",
            [_cert(ctx, "importer.name", importer.name)],
        )
    return _unnamed_parts(ctx, "5 importer", "importer", importer) if kind is None else None


def _coverage_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """8 blanket period, or else the invoice of the single shipment it covers."""
    if cert.blanket_period is not None or not _blank(cert.invoice_number):
        return None
    return _Missing(
        "8 blanket period",
        "The certification gives neither a blanket period nor the invoice number of a "
        "single shipment, so it is not clear which shipments it covers.",
        [_cert(ctx, "blanket_period", None), _cert(ctx, "invoice_number", None)],
    )


def _signature_missing(ctx: ShipmentContext, cert: Certificate) -> _Missing | None:
    """9 signature: name and date are required by the model; it must also be signed."""
    if cert.signature.signed:
        return None
    return _Missing(
        "9 signature",
        f"The certification in the name of {cert.signature.name!r} dated "
        f"{cert.signature.date.isoformat()} is not signed.",
        [_cert(ctx, "signature.signed", "false")],
    )


# ---- CERT002 certifier role ----------------------------------------------------------------


def _named(party: Party | None) -> Party | None:
    """The party if it carries a real name (not 'Various', 'Unknown', ...)."""
    return party if party is not None and placeholder(party.name) is None else None


def _names_by(params: PartyMatchParams, left: str, right: str) -> NameComparison:
    suffixes = params.legal_suffixes or DEFAULT_LEGAL_SUFFIXES
    return compare_names(left, right, params.min_similarity, suffixes)


def role_consistency(
    rule: FlagRule, params: PartyMatchParams, ctx: ShipmentContext
) -> list[Finding]:
    """The certifier's role against the parties named.

    producer: the certifier must be the producer named (or, when none is named or it is
    'Various' / 'Available upon request', the goods file's producer of each covered good);
    exporter: the certifier must be in a USMCA Party, and be the exporter if one is named;
    importer: the certifier must be the importer named and in the importer's country.
    Names are compared with the threshold and legal forms of the rule's parameters.
    """
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    certifier = cert.certifier
    role = cert.certifier_role
    findings: list[Finding] = []

    def mismatch(other: str, other_path: str, other_evidence: Evidence, good: str | None) -> None:
        comparison = _names_by(params, certifier.name, other)
        if comparison.same:
            return
        findings.append(
            flag(
                rule,
                good=good,
                subject="certifier name",
                message=f"The certifier says it is the {role.value}, but its name "
                f"{certifier.name!r} differs from the {other_path} {other!r}.",
                figures={
                    "certifier_role": role.value,
                    "certifier": comparison.left_normalised,
                    other_path.replace(" ", "_"): comparison.right_normalised,
                    "similarity": str(comparison.similarity),
                },
                threshold=str(comparison.threshold),
                evidence=[
                    _cert(ctx, "certifier.name", certifier.name, comparison.explain()),
                    other_evidence,
                ],
            )
        )

    if role is CertifierRole.producer:
        producer = _named(cert.producer)
        if producer is not None:
            mismatch(
                producer.name,
                "producer named",
                _cert(ctx, "producer.name", producer.name),
                None,
            )
        else:
            for good in _covered_goods(ctx, cert):
                mismatch(
                    good.producer,
                    "goods file producer",
                    _good_evidence(ctx, good, "producer", good.producer),
                    good.part_number,
                )
    elif role is CertifierRole.exporter:
        findings += _exporter_outside_parties(rule, ctx, cert)
        exporter = _named(cert.exporter)
        if exporter is not None:
            mismatch(
                exporter.name, "exporter named", _cert(ctx, "exporter.name", exporter.name), None
            )
    else:
        importer = _named(cert.importer)
        if importer is not None:
            mismatch(
                importer.name, "importer named", _cert(ctx, "importer.name", importer.name), None
            )
            findings += _importer_elsewhere(rule, ctx, cert, importer)
    return findings


def _exporter_outside_parties(
    rule: FlagRule, ctx: ShipmentContext, cert: Certificate
) -> list[Finding]:
    """An exporter certifying from outside the USMCA Parties; no country, no finding."""
    certifier = cert.certifier
    if not certifier.country or certifier.country in ctx.parties:
        return []
    return [
        flag(
            rule,
            good=None,
            subject="certifier country",
            message=f"The certifier {certifier.name!r} says it is the exporter but is "
            f"located in {certifier.country}, outside the USMCA Parties.",
            figures={
                "certifier_role": cert.certifier_role.value,
                "certifier_country": certifier.country,
            },
            threshold=", ".join(sorted(ctx.parties)),
            evidence=[_cert(ctx, "certifier.country", certifier.country)],
        )
    ]


def _importer_elsewhere(
    rule: FlagRule, ctx: ShipmentContext, cert: Certificate, importer: Party
) -> list[Finding]:
    """An importer certifying from another country than the importer named.

    Only countries both stated are compared: a missing one is CERT001's to report.
    """
    certifier = cert.certifier
    if not (certifier.country and importer.country and certifier.country != importer.country):
        return []
    return [
        flag(
            rule,
            good=None,
            subject="certifier country",
            message=f"The certifier says it is the importer but is located in "
            f"{certifier.country} while the importer named is in "
            f"{importer.country}.",
            figures={
                "certifier_role": cert.certifier_role.value,
                "certifier_country": certifier.country,
                "importer_country": importer.country,
            },
            evidence=[
                _cert(ctx, "certifier.country", certifier.country),
                _cert(ctx, "importer.country", importer.country),
            ],
        )
    ]


# ---- CERT003 blanket period ----------------------------------------------------------------


def blanket_period(rule: FlagRule, params: BlanketParams, ctx: ShipmentContext) -> list[Finding]:
    """The blanket period ends before it starts, or runs past ``max_months`` calendar months.

    "12 months" from 1 January 2026 ends on 31 December 2026 at the latest; see
    :func:`months_later` for months without the starting day (29 February).
    """
    cert = ctx.shipment.certificate
    if cert is None or cert.blanket_period is None:
        return []
    start, end = cert.blanket_period.start, cert.blanket_period.end
    latest = latest_blanket_end(start, params.max_months)
    evidence = [
        _cert(ctx, "blanket_period.start", start.isoformat()),
        _cert(ctx, "blanket_period.end", end.isoformat()),
    ]
    figures = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "latest_end": latest.isoformat(),
        "days": str((end - start).days + 1),
    }
    if end < start:
        message = (
            f"The blanket period ends on {end.isoformat()}, before it starts on "
            f"{start.isoformat()}."
        )
    elif end > latest:
        message = (
            f"The blanket period {start.isoformat()} to {end.isoformat()} is longer than "
            f"{params.max_months} months (it may run to {latest.isoformat()} at the latest)."
        )
    else:
        return []
    return [
        flag(
            rule,
            good=None,
            subject="blanket_period",
            message=message,
            figures=figures,
            threshold=f"{params.max_months} months",
            evidence=evidence,
        )
    ]


# ---- CERT004 shipment outside blanket period -----------------------------------------------


def outside_blanket(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """The shipment's date (see :func:`_shipment_dates`) lies outside [start, end]."""
    cert = ctx.shipment.certificate
    if cert is None or cert.blanket_period is None:
        return []
    start, end = cert.blanket_period.start, cert.blanket_period.end
    findings = []
    for dated in _shipment_dates(ctx):
        if start <= dated.date <= end:
            continue
        side = "before the period starts" if dated.date < start else "after the period ends"
        findings.append(
            flag(
                rule,
                good=dated.good,
                subject=dated.label,
                message=f"The {dated.label} {dated.date.isoformat()} is {side}: the blanket "
                f"certification covers {start.isoformat()} to {end.isoformat()}.",
                figures={
                    "date": dated.date.isoformat(),
                    "date_source": dated.label,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
                threshold=f"{start.isoformat()} to {end.isoformat()}",
                evidence=[
                    dated.evidence,
                    _cert(ctx, "blanket_period.start", start.isoformat()),
                    _cert(ctx, "blanket_period.end", end.isoformat()),
                ],
            )
        )
    return findings


# ---- CERT005 signature date ----------------------------------------------------------------


def signature_date(rule: FlagRule, params: SignatureParams, ctx: ShipmentContext) -> list[Finding]:
    """One finding listing every way the signature date is implausible.

    After the (earliest) shipment date; after the evaluation date ("in the future"); before
    USMCA entered into force (1 July 2020); or more than ``max_age_years`` before the
    (latest) shipment date, or the evaluation date when the files give no shipment date.
    Signing on the shipment day is fine, as is a certificate exactly ``max_age_years`` old.
    """
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    signed = cert.signature.date
    today = _evaluation_date(ctx)
    dates = _shipment_dates(ctx)
    earliest = min(dates, key=lambda d: d.date, default=None)
    latest = max(dates, key=lambda d: d.date, default=None)
    problems: list[str] = []
    evidence = [_cert(ctx, "signature.date", signed.isoformat())]
    figures = {"signature_date": signed.isoformat()}
    if earliest is not None and signed > earliest.date:
        problems.append(f"after the {earliest.label} {earliest.date.isoformat()}")
        evidence.append(earliest.evidence)
        figures["shipment_date"] = earliest.date.isoformat()
    if today is not None and signed > today:
        problems.append(f"after the evaluation date {today.isoformat()}")
        figures["evaluation_date"] = today.isoformat()
    if signed < USMCA_IN_FORCE:
        problems.append(f"before USMCA entered into force on {USMCA_IN_FORCE.isoformat()}")
    reference = (latest.date, latest.label) if latest else (today, "evaluation date")
    if reference[0] is not None:
        expires = months_later(signed, 12 * params.max_age_years)
        if reference[0] > expires:
            problems.append(
                f"more than {params.max_age_years} years before the {reference[1]} "
                f"{reference[0].isoformat()} (accepted until {expires.isoformat()})"
            )
            figures["accepted_until"] = expires.isoformat()
            if latest is not None and latest.evidence not in evidence:
                evidence.append(latest.evidence)
    if not problems:
        return []
    return [
        flag(
            rule,
            good=None,
            subject="signature.date",
            message=f"The certification was signed on {signed.isoformat()}, "
            + "; ".join(problems)
            + ".",
            figures=figures,
            threshold=f"{params.max_age_years} years",
            evidence=evidence,
        )
    ]


# ---- CERT006 HS classification -------------------------------------------------------------


def hs_mismatch(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """Each certified good's 6-digit HS code against the goods file's code for that good."""
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    findings = []
    for index, certified, good in _matched(ctx, cert):
        if certified.hs_code == good.hs_code:
            continue
        findings.append(
            flag(
                rule,
                good=good.part_number,
                subject=f"goods[{index}].hs_code",
                message=f"The certification classifies {good.part_number} in subheading "
                f"{dotted(certified.hs_code)}, but the goods file classifies it in "
                f"{dotted(good.hs_code)}.",
                figures={
                    "certificate_hs": dotted(certified.hs_code),
                    "goods_file_hs": dotted(good.hs_code),
                },
                evidence=[
                    _cert(ctx, f"goods[{index}].hs_code", dotted(certified.hs_code)),
                    _good_evidence(ctx, good, "hs_code", dotted(good.hs_code)),
                ],
            )
        )
    return findings


# ---- CERT007 origin criterion --------------------------------------------------------------


def _criterion(gc: GoodContext, letter: str) -> CriterionResult | None:
    return next((c for c in gc.outcome.criteria if c.criterion == letter), None)


def _total(lines: list[BomLine]) -> Decimal:
    return sum((m.value for m in lines), Decimal(0))


def _contradiction(
    ctx: ShipmentContext, gc: GoodContext, claimed: str
) -> tuple[str, dict[str, str], list[Evidence]] | None:
    """What in the BOM or the determination contradicts criterion ``claimed``, if anything."""
    part = gc.good.part_number
    blocking = [m for m in gc.direct if not m.counts_as_originating]
    if claimed == "C":
        if not blocking:
            return None
        unknown = sum(1 for m in blocking if m.origin_status.value == "unknown")
        return (
            f"The certification claims criterion C (only originating materials) for {part}, "
            f"but its BOM has {len(blocking)} non-originating material(s), {unknown} of them "
            f"of unknown status: {', '.join(m.part_number for m in blocking)}.",
            {
                "non_originating_materials": str(len(blocking)),
                "non_originating_value": f"{display_money(_total(blocking))} {gc.good.currency}",
            },
            [ctx.material_evidence(m, "not originating") for m in blocking],
        )
    result = _criterion(gc, claimed)
    if result is None or result.met is not False:
        return None  # met, or undecided: nothing contradicts the claim yet
    if claimed == "A":
        if not gc.materials:
            return None  # no BOM: nothing in the files says the good was manufactured
        if gc.good.wholly_obtained_basis:
            why = f"it is declared wholly obtained but {result.reason}"
            evidence = [ctx.material_evidence(m, "not originating") for m in blocking]
        else:
            why = (
                f"its BOM lists {len(gc.materials)} material(s) and the goods file declares "
                "no wholly obtained basis (Art. 4.3)"
            )
            evidence = [
                _good_evidence(ctx, gc.good, "wholly_obtained_basis", None),
                Evidence(
                    source=ctx.bom_file,
                    location=f"good {part}",
                    value=f"{len(gc.materials)} BOM line(s)",
                    note="materials of a manufactured good",
                ),
            ]
        return (
            f"The certification claims criterion A (wholly obtained) for {part}, but {why}.",
            {"bom_lines": str(len(gc.materials))},
            evidence,
        )
    rule = gc.outcome.rule
    what = (
        f"the product-specific rule {rule.id}"
        if claimed == "B" and rule
        else f"criterion {claimed}"
    )
    figures = {"determination": gc.outcome.status.value}
    if rule:
        figures["rule"] = rule.id
    # The materials that failed the tariff shift, with their BOM rows, when that is why.
    failed = gc.outcome.failed_shift
    evidence = [
        Evidence(
            source=ctx.bom_file,
            location=f"good {part}",
            field=f"criterion {claimed}",
            value="not met",
            note=result.reason,
        ),
        *(
            ctx.material_evidence(m, "does not make the required tariff shift")
            for m in gc.direct
            if claimed == "B" and m.part_number in failed
        ),
    ]
    return (
        f"The certification claims criterion {claimed} for {part}, but the evaluation finds "
        f"{what} not met: {result.reason}.",
        figures,
        evidence,
    )


def criterion_contradiction(
    rule: FlagRule, params: NoParams, ctx: ShipmentContext
) -> list[Finding]:
    """The criterion claimed against the BOM and the determination.

    C with non-originating or unknown direct materials; A for a good with a BOM that the
    determination does not find wholly obtained (no Art. 4.3 basis, or non-originating
    materials); B or D where the determination finds that criterion not met (False, not
    "cannot decide": an undecided criterion contradicts nothing yet).
    """
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    findings = []
    for index, certified, good in _matched(ctx, cert):
        gc = ctx.good(good.part_number)
        claimed = certified.origin_criterion.value
        found = _contradiction(ctx, gc, claimed) if gc else None
        if found is None:
            continue
        message, figures, evidence = found
        path = f"goods[{index}].origin_criterion"
        findings.append(
            flag(
                rule,
                good=good.part_number,
                subject=path,
                message=message,
                figures={"criterion_claimed": claimed, **figures},
                evidence=[_cert(ctx, path, claimed), *evidence],
            )
        )
    return findings


# ---- CERT008 party mismatch ----------------------------------------------------------------


def party_mismatch(rule: FlagRule, params: PartyMatchParams, ctx: ShipmentContext) -> list[Finding]:
    """Producer vs the goods file, exporter vs invoice issuer, importer vs invoice consignee.

    The exporter is the exporter named, or the certifier when it certifies as exporter; the
    importer likewise. A comparison is skipped when either side is missing (CERT001 covers a
    missing element) or stated as 'Various', 'Available upon request' or 'Unknown'.
    """
    cert = ctx.shipment.certificate
    if cert is None:
        return []
    findings: list[Finding] = []

    def compare(
        what: str,
        path: str,
        party: Party,
        other: str,
        other_evidence: Evidence,
        good: str | None,
    ) -> None:
        comparison = compare_names(party.name, other, params.min_similarity, params.legal_suffixes)
        if comparison.same:
            return
        findings.append(
            flag(
                rule,
                good=good,
                subject=f"{what} name",
                message=f"The {what} on the certification, {party.name!r}, does not match "
                f"the {other_evidence.note}, {other!r}.",
                figures={
                    "certificate_name": comparison.left_normalised,
                    "compared_name": comparison.right_normalised,
                    "compared_with": other_evidence.note or "",
                    "similarity": str(comparison.similarity),
                },
                threshold=str(params.min_similarity),
                evidence=[_cert(ctx, path, party.name, comparison.explain()), other_evidence],
            )
        )

    producer = _named(cert.producer)
    if producer is not None:
        for good in _covered_goods(ctx, cert):
            evidence = _good_evidence(ctx, good, "producer", good.producer)
            compare(
                "producer",
                "producer.name",
                producer,
                good.producer,
                evidence.model_copy(update={"note": "producer in the goods file"}),
                good.part_number,
            )

    invoice = ctx.shipment.shipment.invoice if ctx.shipment.shipment else None
    if invoice is None:
        return findings
    for what, named, as_role, other, field in (
        ("exporter", cert.exporter, CertifierRole.exporter, invoice.issuer, "issuer"),
        ("importer", cert.importer, CertifierRole.importer, invoice.consignee, "consignee"),
    ):
        party, path = _certified_party(cert, what, named, as_role)
        if party is None or other is None:
            continue
        compare(
            what,
            path,
            party,
            other.name,
            Evidence(
                source=ctx.shipment_file,
                location=f"invoice.{field}.name",
                field="name",
                value=other.name,
                note=f"{field} of invoice {invoice.number}",
            ),
            None,
        )
    return findings


def _certified_party(
    cert: Certificate, what: str, named: Party | None, as_role: CertifierRole
) -> tuple[Party | None, str]:
    """(party, path) of the exporter or importer: the one named, else the certifier in that role.

    A party named as 'Various', 'Unknown', ... is no party to compare (None).
    """
    if named is not None:
        return _named(named), f"{what}.name"
    if cert.certifier_role is as_role:
        return cert.certifier, "certifier.name"
    return None, ""


# ---- CERT009 invoiced good not on the certificate ------------------------------------------


def good_not_covered(rule: FlagRule, params: NoParams, ctx: ShipmentContext) -> list[Finding]:
    """Each invoice line whose good the certification does not list.

    A certified good covers an invoice line when it gives the line's part number; one
    without a part number covers the line's good when it has the good's 6-digit HS code
    and a similar description.
    """
    cert = ctx.shipment.certificate
    shipment = ctx.shipment.shipment
    if cert is None or shipment is None or shipment.invoice is None:
        return []
    goods = {_part_key(g.part_number): g for g in ctx.shipment.goods}
    certified_parts = {_part_key(c.part_number) for c in cert.goods if c.part_number}
    unnumbered = [c for c in cert.goods if not c.part_number]
    listed = _listed(cert.goods)
    findings = []
    for index, line in enumerate(shipment.invoice.lines):
        key = _part_key(line.good_part_number)
        if key in certified_parts:
            continue
        good = goods.get(key)
        if good is not None and any(
            c.hs_code == good.hs_code and _similar_description(c.description, good.description)
            for c in unnumbered
        ):
            continue
        described = f" ({good.description}, {dotted(good.hs_code)})" if good else ""
        findings.append(
            flag(
                rule,
                good=line.good_part_number,
                subject=f"invoice.lines[{index}]",
                message=f"Invoice {shipment.invoice.number} line {index + 1} bills "
                f"{line.good_part_number}{described}, which the certification does not list.",
                figures={
                    "invoice_line": str(index + 1),
                    "good": line.good_part_number,
                    "certified_goods": str(len(cert.goods)),
                },
                evidence=[
                    Evidence(
                        source=ctx.shipment_file,
                        location=f"invoice.lines[{index}]",
                        field="good_part_number",
                        value=line.good_part_number,
                        note=f"invoice {shipment.invoice.number} line {index + 1}",
                    ),
                    _cert(ctx, "goods", listed, "goods the certification lists"),
                ],
            )
        )
    return findings


LISTED_GOODS = 20
"""Most certified goods a CERT009 finding lists as evidence. Each uncovered invoice line is a
finding of its own, so listing the whole certification in each would make the report grow
with the square of the shipment (a 100,000-good certification: gigabytes); past this many,
the finding lists the first ones and says how many more the certification holds."""


def _listed(goods: list[CertifiedGood]) -> str:
    shown = "; ".join(
        f"{c.part_number or '(no part number)'} {dotted(c.hs_code)} {c.description}"
        for c in goods[:LISTED_GOODS]
    )
    more = len(goods) - LISTED_GOODS
    return shown if more <= 0 else f"{shown}; and {more:,} more (see the certification)"


CHECKS: dict[str, Callable[..., list[Finding]]] = {
    "certificate_missing_element": missing_element,
    "certificate_role_consistency": role_consistency,
    "certificate_blanket_period": blanket_period,
    "certificate_outside_blanket": outside_blanket,
    "certificate_signature_date": signature_date,
    "certificate_hs_mismatch": hs_mismatch,
    "certificate_criterion_contradiction": criterion_contradiction,
    "certificate_party_mismatch": party_mismatch,
    "certificate_good_not_covered": good_not_covered,
}
