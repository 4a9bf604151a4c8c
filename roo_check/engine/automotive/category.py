"""Place a good in Part 6: a vehicle category, or the parts table that sets its thresholds.

The regulation prints HS 2012 codes (its tables and its s. 12 definitions); goods are
classified in HS 2022. A good's code is correlated back to every HS 2012 code it can come
from, and the good is placed only when all of them agree: an HS 2022 code split from two
categories (8704.41 from light-truck 8704.21 and heavy-truck 8704.90) is "cannot decide"
until the input gives the HS 2012 subheading, never a guess.

Parts: the vehicle a part is for (``end_use``) chooses the tables (A.1/B/C for passenger
vehicles and light trucks, D/E for heavy trucks, F for other vehicles, s. 14, 15, 20); an
"ex" row covers only the goods it describes, so the part's table must then be stated.
Aftermarket parts take no table threshold (s. 14(18)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from roo_check.engine.kinds import same_kind
from roo_check.hs.codes import dotted, match_any
from roo_check.hs.nomenclature import correlate
from roo_check.models.automotive import PartFigures, Vehicle
from roo_check.models.goods import EndUse, Good
from roo_check.rulebook.automotive import Automotive
from roo_check.rulebook.automotive_schema import PartRow, VehicleCategory

VEHICLE_HEADINGS = ("8701", "8702", "8703", "8704", "8705")
STANDARD = ("passenger_vehicle", "light_truck", "heavy_truck")

PART_TABLES: dict[EndUse, tuple[str, ...]] = {
    EndUse.passenger_vehicle: ("A.1", "B", "C"),
    EndUse.light_truck: ("A.1", "B", "C"),
    EndUse.heavy_truck: ("D", "E"),
    EndUse.other: ("F",),
}
TABLE_SCHEDULES = {
    "A.1": "AUTO-A-RVC",
    "B": "AUTO-B-RVC",
    "C": "AUTO-C-RVC",
    "D": "AUTO-D-RVC",
    "E": "AUTO-E-RVC",
    "F": "AUTO-F-RVC",
}
TABLE_CITATIONS = {
    "A.1": "SOR/2020-155, s. 14(2), (13), Table A.1",
    "B": "SOR/2020-155, s. 14(14), (15), Table B",
    "C": "SOR/2020-155, s. 14(16), (17), Table C",
    "D": "SOR/2020-155, s. 15(2), Table D",
    "E": "SOR/2020-155, s. 15(3), Table E",
    "F": "SOR/2020-155, s. 20(3)(c), Table F",
}
TABLE_NAMES = {
    "A.1": "core part (Table A.1)",
    "B": "principal part (Table B)",
    "C": "complementary part (Table C)",
    "D": "heavy-truck principal part (Table D)",
    "E": "heavy-truck complementary part (Table E)",
    "F": "other-vehicle part (Table F)",
}
BATTERY = "850760"


@dataclass(frozen=True)
class Placement:
    """Where Part 6 puts a good; ``missing`` non-empty means it could not be placed."""

    kind: str
    name: str
    basis: str
    citation: str
    category: VehicleCategory | None = None
    table: str | None = None
    schedule: str | None = None
    rvc_required: bool = False
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=4096)
def hs2012_of(code: str) -> tuple[str, ...]:
    """Every HS 2012 subheading an HS 2022 subheading can come from (cached: the UNSD
    correlation is searched linearly)."""
    return tuple(correlate(code, "HS2022", "HS2012"))


def _hs2012(good: Good, stated: str | None) -> list[str]:
    if stated:
        return [stated]
    return list(hs2012_of(good.hs_code))


def _codes(candidates: list[str]) -> str:
    return ", ".join(dotted(c) for c in candidates)


def _within(category: VehicleCategory, code: str, hs2022: str) -> bool:
    if match_any(category.except_hs2022, hs2022):
        return False
    return bool(match_any(category.hs2012, code)) and not match_any(category.except_hs2012, code)


def place_vehicle(good: Good, vehicle: Vehicle | None, auto: Automotive) -> Placement | None:
    """The vehicle category of a good of 87.01-87.05, or None for any other good."""
    if not good.hs_code.startswith(VEHICLE_HEADINGS):
        return None
    candidates = _hs2012(good, vehicle.hs2012 if vehicle else None)
    facts = set(vehicle.exclusions) if vehicle else set()
    notes = (
        []
        if vehicle
        else [
            "no automotive.yaml entry for this vehicle: no exclusion (off-road, motorcycle, "
            "motorhome, ambulance...) is assumed"
        ]
    )
    source = "stated HS 2012 subheading" if vehicle and vehicle.hs2012 else "HS 2012 correlation"
    basis_codes = f"HS 2022 {dotted(good.hs_code)} -> HS 2012 {_codes(candidates)} ({source})"
    for category_id in STANDARD:
        category = auto.category(category_id)
        assert category is not None  # checked when the rules load
        inside = [_within(category, c, good.hs_code) for c in candidates]
        if candidates and all(inside):
            excluded = sorted(facts & set(category.except_facts))
            if not excluded:
                return Placement(
                    kind="vehicle",
                    name=category.name,
                    basis=f"{basis_codes}: a {category.name} by definition",
                    citation=category.citation,
                    category=category,
                    schedule=category.rvc_schedule,
                    notes=notes,
                )
            notes.append(f"not a {category.name}: declared {', '.join(excluded)}")
            break
        if any(inside):
            return Placement(
                kind="vehicle",
                name="vehicle (category undecided)",
                basis=f"{basis_codes}: some of these are a {category.name}, others not",
                citation=category.citation,
                missing=[
                    f"automotive.yaml vehicles[].hs2012: the HS 2012 subheading of "
                    f"{good.part_number} (HS 2022 {dotted(good.hs_code)} can come from "
                    f"{_codes(candidates)}, of different Part 6 categories)"
                ],
                notes=notes,
            )
    return _other_vehicle(good, vehicle, candidates, basis_codes, auto, notes)


def _other_vehicle(
    good: Good,
    vehicle: Vehicle | None,
    candidates: list[str],
    basis: str,
    auto: Automotive,
    notes: list[str],
) -> Placement | None:
    persons = vehicle.persons if vehicle else None
    for category_id in ("other_vehicle_8703_10", "other_vehicle_20_2", "other_vehicle_20_3"):
        category = auto.category(category_id)
        assert category is not None
        if not candidates or not all(_within(category, c, "") for c in candidates):
            continue
        is_bus = any(c.startswith("8702") for c in candidates)
        if is_bus and (category.persons_at_most or category.persons_at_least):
            if persons is None:
                return Placement(
                    kind="vehicle",
                    name="other vehicle (bus)",
                    basis=f"{basis}: s. 20(2) or 20(3) by the number of persons",
                    citation="SOR/2020-155, s. 20(2)(a), 20(3)(a)",
                    missing=["automotive.yaml vehicles[].persons (s. 20(2)(a), 20(3)(a))"],
                    notes=notes,
                )
            if category.persons_at_most and persons > category.persons_at_most:
                continue
            if category.persons_at_least and persons < category.persons_at_least:
                continue
        return Placement(
            kind="vehicle",
            name=category.name,
            basis=f"{basis}: {category.text}",
            citation=category.citation,
            category=category,
            schedule=category.rvc_schedule,
            notes=notes,
        )
    return None


def _rows(auto: Automotive, table: str, candidates: list[str]) -> list[PartRow]:
    found = auto.table(table)
    if found is None or not candidates:
        return []
    return [r for r in found.rows if all(match_any(r.codes, c) for c in candidates)]


def _is_ex(row: PartRow) -> bool:
    return row.level in ("ex-subheading", "tariff-item")


def place_part(good: Good, figures: PartFigures | None, auto: Automotive) -> Placement | None:
    """The parts table of a good (by its end use), or None if no table lists it."""
    if good.end_use is None:
        # Part 6 speaks of parts "for use in" a vehicle: without an end use the good is
        # not taken as an automotive part (GN 11 asks for it where its rule depends on it).
        return None
    candidates = _hs2012(good, None)
    basis_codes = f"HS 2022 {dotted(good.hs_code)} -> HS 2012 {_codes(candidates)}"
    if good.end_use is EndUse.other and (figures is None or figures.table != "F"):
        if not _rows(auto, "F", candidates):
            return None
        return Placement(
            kind="part",
            name="aftermarket or other-vehicle part",
            basis=f"{basis_codes}: end use 'other'",
            citation="SOR/2020-155, s. 14(18), s. 13",
            notes=[
                "aftermarket parts take no Table A.1-C threshold (s. 14(18)); the "
                "product-specific rule for 'any other good' applies as printed. A part for "
                "an other vehicle (s. 20) takes the Table F 60% threshold: state table F"
            ],
        )
    return _table_of(good, figures, auto, candidates, basis_codes)


def _table_of(
    good: Good,
    figures: PartFigures | None,
    auto: Automotive,
    candidates: list[str],
    basis: str,
) -> Placement | None:
    assert good.end_use is not None
    tables = PART_TABLES[good.end_use]
    hits = {t: _rows(auto, t, candidates) for t in tables}
    hits = {t: rows for t, rows in hits.items() if rows}
    ht_core = good.end_use is EndUse.heavy_truck and _ht_core(good)
    if not hits and not ht_core:
        return None
    declared = figures.table if figures else None
    if declared is not None and declared not in hits:
        return Placement(
            kind="part",
            name="automotive part",
            basis=f"{basis}: automotive.yaml states Table {declared}",
            citation="SOR/2020-155, Part 6",
            missing=[
                f"automotive.yaml parts[].table: Table {declared} lists no row for "
                f"HS 2012 {_codes(candidates)} (for end use {good.end_use.value})"
            ],
        )
    chosen = declared or _by_rows(good, hits)
    if chosen is None:
        described = "; ".join(
            f"Table {t}: "
            + ", ".join(f"{'ex ' if _is_ex(r) else ''}{r.hs_code} {r.description}" for r in rows)
            for t, rows in sorted(hits.items())
        )
        return Placement(
            kind="part",
            name="automotive part (table undecided)",
            basis=f"{basis}: {described}",
            citation="SOR/2020-155, Part 6",
            missing=[
                "automotive.yaml parts[].table or the good's product_kind: the code is an "
                f"'ex' row, which covers only the goods it describes ({described})"
            ],
        )
    return _placed(good, chosen, hits.get(chosen, []), basis, ht_core)


def _ht_core(good: Good) -> bool:
    if good.hs_code.startswith(("8407", "8408", "870840")):
        return True
    return good.hs_code == "870899" and "chassis" in (good.product_kind or "").lower()


def _by_rows(good: Good, hits: dict[str, list[PartRow]]) -> str | None:
    plain = [t for t, rows in hits.items() if any(not _is_ex(r) for r in rows)]
    kinds = [
        t
        for t, rows in hits.items()
        if any(_is_ex(r) and same_kind(good.product_kind, r.description) for r in rows)
    ]
    if len(kinds) == 1:
        return kinds[0]
    if len(plain) == 1 and not [t for t in hits if t not in plain]:
        return plain[0]
    if len(hits) == 1 and len(plain) == 1:
        return plain[0]
    return None


def _placed(good: Good, table: str, rows: list[PartRow], basis: str, ht_core: bool) -> Placement:
    row_text = ", ".join(f"{'ex ' if _is_ex(r) else ''}{r.hs_code} ({r.description})" for r in rows)
    vehicle = good.end_use.value.replace("_", " ") if good.end_use else "vehicle"
    if table == "A.1" and good.hs_code == BATTERY:
        return Placement(
            kind="part",
            name="advanced battery (Table A.1, 8507.60)",
            basis=f"{basis}: {row_text}",
            citation="SOR/2020-155, s. 14(2), (3), (6)",
            table=table,
            notes=[
                "batteries of 8507.60 that power an electric passenger vehicle or light truck "
                "are taken out of the Table A.1 RVC requirement: the Schedule 1 rule applies "
                "as printed (s. 14(2), (3), (6))"
            ],
        )
    if (ht_core and table in ("D", "E")) or (ht_core and not rows):
        return Placement(
            kind="part",
            name="heavy-truck engine, gear box or chassis (s. 15(4))",
            basis=f"{basis}: {row_text or 'heading 84.07/84.08, 8708.40 or a chassis of 8708.99'}",
            citation="SOR/2020-155, s. 15(2), (4)",
            table=table if rows else None,
            schedule="AUTO-D-RVC",
            rvc_required=True,
        )
    return Placement(
        kind="part",
        name=f"{TABLE_NAMES[table]} for a {vehicle}",
        basis=f"{basis}: {row_text}",
        citation=TABLE_CITATIONS[table],
        table=table,
        schedule=TABLE_SCHEDULES[table],
        rvc_required=table == "A.1",
    )
