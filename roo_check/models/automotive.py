"""The producer's automotive figures (SOR/2020-155 Part 6; USMCA Annex 4-B Appendix).

A vehicle's origin turns on figures no bill of materials carries: the net cost and VNM of
its core parts, the producer's corporate purchases of steel and aluminum, its high-wage
labour and material expenditures, the average base wage of each plant, and the averaging
category it notified. The producer supplies them in ``automotive.yaml`` (or ``.json``)
beside the goods and BOM; every figure is optional, and a check whose figures are absent
reports "cannot decide" naming them, never a guess.

Money is ``Decimal`` in the good's currency unless a field says otherwise (wage rates carry
their own currency, because the regulation states them per country: US$16, CA$20.88,
MXN$294.22).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from roo_check.models.common import (
    Count,
    Country,
    Currency,
    Hs2012Subheading,
    Hs2022Subheading,
    InputDate,
    Money,
    NonEmpty,
    Number,
    Strict,
)


class Period(Strict):
    """A calculation period, both days included."""

    start: InputDate = Field(description="First day of the period.")
    end: InputDate = Field(description="Last day of the period (inclusive).")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


class AveragingCategory(StrEnum):
    """The categories of s. 16(1) and s. 18(15) (vehicle RVC and LVC averaging)."""

    model_line_class_plant = "model line, class and plant"  # (a)
    class_plant = "class and plant"  # (b)
    model_line_or_class = "model line or class, in one CUSMA country"  # (c)
    agreed = "other category decided by the CUSMA countries"  # (d)


class PartsAveragingPeriod(StrEnum):
    """The periods of s. 16(10) for Table A.1-E parts, core parts and the super-core."""

    vehicle_producer_fiscal_year = "fiscal year of the vehicle producer"  # (a)
    quarter_or_month = "quarter or month"  # (b)
    parts_producer_fiscal_year = "fiscal year of the parts producer"  # (c)
    vehicle_category = "a category of s. 16(1)"  # (d)


class Averaging(Strict):
    """An averaged RVC calculation (s. 16): the category's totals replace the unit's figures."""

    category: AveragingCategory | PartsAveragingPeriod = Field(
        description="The s. 16(1) category (vehicles) or s. 16(10) period (parts) notified."
    )
    basis: Literal["all", "exported"] = Field(
        default="all",
        description="All goods in the category, or only those exported to another CUSMA "
        "country (s. 16(1), (11)).",
    )
    period: Period = Field(description="The averaging period (fiscal year, quarter, month).")
    net_cost: Money | None = Field(default=None, description="Total net cost in the category.")
    transaction_value: Money | None = Field(
        default=None, description="Total transaction value in the category (parts only)."
    )
    vnm: Money = Field(description="Total value of non-originating materials in the category.")
    estimated: bool = Field(
        default=False,
        description="Figures are estimates (standard costs, budgets): s. 16(9) requires a "
        "year-end analysis of actual costs.",
    )


class SuperCorePart(StrEnum):
    """The parts of Table A.2, column 1 (the super-core)."""

    engines = "Engines"
    transmissions = "Transmissions"
    body_and_chassis = "Body and chassis"
    axles = "Axles"
    suspension_systems = "Suspension systems"
    steering_systems = "Steering systems"
    advanced_batteries = "Advanced batteries"


class CorePart(Strict):
    """One core part (Table A.2 column 1) used in the vehicle, with the figures for its RVC."""

    part: SuperCorePart = Field(description="The Table A.2 column 1 part.")
    description: str | None = Field(default=None, description="What the part is.")
    hs_code: Hs2022Subheading | None = Field(
        default=None, description="HS2022 subheading of the part."
    )
    bom_part: str | None = Field(
        default=None, description="Part number of the vehicle's BOM line that is this part."
    )
    net_cost: Money | None = Field(default=None, description="Net cost of the part (s. 7).")
    transaction_value: Money | None = Field(
        default=None, description="Transaction value of the part, where the rule allows TV."
    )
    vnm: Money | None = Field(
        default=None, description="VNM used in producing the part (s. 14(7)(a))."
    )
    vnm_listed_components: Money | None = Field(
        default=None,
        description="Value of the non-originating Table A.2 column 2 components used in the "
        "part (s. 14(7)(b), (8)); other non-originating materials are disregarded.",
    )
    tariff_shift_met: bool | None = Field(
        default=None,
        description="Advanced batteries of 8507.60 only: whether the Schedule 1 change in "
        "tariff classification is met (s. 14(3), (6)).",
    )
    supplier_certification: str | None = Field(
        default=None,
        description="Reference of the supplier's certification that the part is originating "
        "under s. 14, when the vehicle producer relies on it instead of its own figures.",
    )
    averaging: Averaging | None = Field(
        default=None, description="Averaged figures for the part (s. 14(12), 16(10))."
    )


class CoreParts(Strict):
    """The core parts requirement of s. 14(4): every Table A.2 column 1 part must originate."""

    method: Literal["each part", "super-core"] = Field(
        default="each part",
        description="Each part on its own (s. 14(7)), or all of them as one super-core part "
        "(s. 14(10)).",
    )
    parts: list[CorePart] = Field(min_length=1)
    super_core_averaging: Averaging | None = Field(
        default=None, description="Averaged super-core figures (s. 14(12), 16(10))."
    )


class MetalPurchases(Strict):
    """Corporate purchases of one metal of Table S over the s. 17(7) period, by value."""

    purchases: Money = Field(description="Value of all Table S purchases of the metal.")
    originating: Money = Field(description="Value of those purchases that are originating.")

    @model_validator(mode="after")
    def _within(self) -> MetalPurchases:
        if self.originating > self.purchases:
            raise ValueError(
                f"originating purchases ({self.originating}) exceed all purchases "
                f"({self.purchases})"
            )
        return self


class PurchasePeriod(StrEnum):
    """The calculation periods of s. 17(7) (steel and aluminum) and s. 18(19) (LVC)."""

    previous_fiscal_year = "previous fiscal year"  # (a)
    previous_calendar_year = "previous calendar year"  # (b)
    quarter_or_month_to_date = "quarter or month to date"  # (c)
    fiscal_year_to_date = "fiscal year to date"  # (d)
    calendar_year_to_date = "calendar year to date"  # (e)


class SteelAluminum(Strict):
    """The s. 17 purchase figures of the vehicle producer (corporate level, CUSMA territory)."""

    period_basis: PurchasePeriod = Field(description="Which s. 17(7) period the figures cover.")
    period: Period
    steel: MetalPurchases | None = None
    aluminum: MetalPurchases | None = None
    estimated: bool = Field(
        default=False, description="Estimated purchases (s. 17(8)); year-end analysis due."
    )
    steel_melted_and_poured: bool | None = Field(
        default=None,
        description="From 2027-07-01 (s. 17(5)(b)): whether every steel manufacturing "
        "process of the steel counted as originating took place in a CUSMA country.",
    )


class PlantRole(StrEnum):
    vehicle_assembly = "vehicle assembly"
    production = "production"


class Plant(Strict):
    """A plant whose wages decide whether its labour or materials are 'high-wage' (s. 12)."""

    id: NonEmpty = Field(description="Short id the LVC figures refer to.")
    name: NonEmpty
    country: Country
    role: PlantRole
    average_base_hourly_wage: Money | None = Field(
        default=None,
        description="Average base hourly wage of its direct production workers.",
    )
    wage_currency: Currency | None = Field(
        default=None, description="Currency of the wage: USD in the US, CAD, MXN in Mexico."
    )
    operated_by: Literal["producer", "supplier"] = "producer"
    contract_years: Number | None = Field(
        default=None, ge=0, description="Length of the supply contract with a supplier's plant."
    )
    capacity_engines: Count | None = Field(default=None, ge=0)
    capacity_transmissions: Count | None = Field(default=None, ge=0)
    capacity_battery_packs: Count | None = Field(default=None, ge=0)


class PlantAmount(Strict):
    plant: NonEmpty = Field(description="The plant id.")
    amount: Money
    description: str | None = None


class Lvc(Strict):
    """The producer's labour value content figures for one vehicle (s. 18)."""

    method: Literal["net cost", "annual purchase value"] = Field(
        description="The s. 18(6)(a) net cost formula or the (b) annual purchase value formula."
    )
    period_basis: PurchasePeriod | None = Field(default=None, description="The s. 18(19) period.")
    period: Period | None = None
    averaging: AveragingCategory | None = Field(
        default=None, description="The s. 18(15) category, if the LVC is averaged."
    )
    net_cost: Money | None = Field(
        default=None, description="NC of the vehicle (net cost formula); defaults to the good's."
    )
    high_wage_labour: list[PlantAmount] = Field(
        default_factory=list,
        description="Wage expenditures for direct production work in vehicle assembly (HWLC), "
        "by plant; counted only where the plant is a qualifying wage-rate plant.",
    )
    high_wage_materials: list[PlantAmount] = Field(
        default_factory=list,
        description="Net cost or annual purchase value of materials produced in each plant "
        "(HWM or APV); counted only where the plant is a qualifying wage-rate plant.",
    )
    high_wage_transport: Money | None = Field(
        default=None,
        description="High-wage transportation or related costs not in the materials (s. 18(20)).",
    )
    total_annual_purchase_value: Money | None = Field(
        default=None, description="TAPV (annual purchase value formula)."
    )
    include_labour_in_apv: bool = Field(
        default=True,
        description="Annual purchase value formula: HWLC included in numerator and denominator.",
    )
    rd_it_wages: Money | None = Field(
        default=None, description="Annual R&D and IT wage expenditures, corporate (s. 18(9))."
    )
    direct_production_wages: Money | None = Field(
        default=None, description="Annual wages paid to direct production workers (s. 18(9))."
    )
    assembly_credit_plant: str | None = Field(
        default=None,
        description="Id of the high-wage engine, transmission or battery plant the producer "
        "operates or has a 3-year contract with (s. 18(12)-(14)).",
    )


class Vehicle(Strict):
    """The producer's figures for one vehicle good of goods.csv."""

    good: NonEmpty = Field(description="Part number of the vehicle in goods.csv.")
    hs2012: Hs2012Subheading | None = Field(
        default=None,
        description="The vehicle's HS2012 subheading, where its HS2022 code correlates to "
        "several HS2012 subheadings of different categories (Part 6 prints HS2012).",
    )
    exclusions: list[
        Literal[
            "off-road",
            "all-terrain vehicle",
            "three- or four-wheeled motorcycle",
            "motorhome or entertainer coach",
            "ambulance, hearse or prison van",
        ]
    ] = Field(
        default_factory=list,
        description="What takes the vehicle out of the passenger-vehicle, light-truck or "
        "heavy-truck definition (s. 12); empty when none applies.",
    )
    persons: Count | None = Field(
        default=None,
        ge=1,
        description="Buses of 8702: the number of persons carried, driver included "
        "(15 or fewer: s. 20(2)(a); 16 or more: s. 20(3)(a)).",
    )
    averaging: Averaging | None = Field(default=None, description="Averaged RVC (s. 16(1)).")
    core_parts: CoreParts | None = None
    lvc: Lvc | None = None


class PartFigures(Strict):
    """The producer's figures for one automotive part good (averaging under s. 16(10))."""

    good: NonEmpty = Field(description="Part number of the part in goods.csv.")
    table: Literal["A.1", "B", "C", "D", "E", "F"] | None = Field(
        default=None,
        description="The table the part is listed in, where its HS code is an 'ex' row or "
        "is listed in several tables.",
    )
    averaging: Averaging | None = None


class AlternativeStagingRegime(Strict):
    """A producer's approved alternative staging regime (s. 19)."""

    reference: NonEmpty = Field(description="Approval reference.")
    period: Period = Field(description="The approved period (default in law: to 2025-06-30).")
    steel_aluminum_exempt: bool = Field(
        default=False, description="Exempted from s. 19(4)(c) under the approved regime."
    )
    vehicles: list[str] = Field(
        default_factory=list, description="Part numbers of the eligible vehicles."
    )


class AutomotiveFile(Strict):
    """``automotive.yaml``: a vehicle or parts producer's Part 6 figures for a shipment."""

    producer: NonEmpty
    currency: Currency = Field(description="Currency of every amount except wage rates.")
    alternative_staging_regime: AlternativeStagingRegime | None = None
    steel_aluminum: SteelAluminum | None = None
    plants: list[Plant] = Field(default_factory=list)
    vehicles: list[Vehicle] = Field(default_factory=list)
    parts: list[PartFigures] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> AutomotiveFile:
        ids = [p.id for p in self.plants]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"plant id {duplicates[0]!r} appears twice")
        known = set(ids)
        for vehicle in self.vehicles:
            lvc = vehicle.lvc
            if lvc is None:
                continue
            named = [a.plant for a in (*lvc.high_wage_labour, *lvc.high_wage_materials)]
            if lvc.assembly_credit_plant:
                named.append(lvc.assembly_credit_plant)
            for plant in named:
                if plant not in known:
                    raise ValueError(
                        f"vehicle {vehicle.good}: lvc names plant {plant!r}, which is not in plants"
                    )
        goods = [v.good for v in self.vehicles] + [p.good for p in self.parts]
        twice = sorted({g for g in goods if goods.count(g) > 1})
        if twice:
            raise ValueError(f"good {twice[0]!r} has two entries")
        return self

    def vehicle(self, part_number: str) -> Vehicle | None:
        return next((v for v in self.vehicles if v.good == part_number), None)

    def part(self, part_number: str) -> PartFigures | None:
        return next((p for p in self.parts if p.good == part_number), None)

    def plant(self, plant_id: str) -> Plant | None:
        return next((p for p in self.plants if p.id == plant_id), None)
