"""The products and materials the benchmark shipments are made of.

Each family is a good whose HS code has a real product-specific rule in
``rules/usmca/annex-4b`` (checked with ``roo-check rules explain CODE``), with the materials
such a good is made of and where they are bought. Some materials are chosen because the rule
turns on them (a non-originating motor of 8501.52 in a drilling machine of 8459.29, copper
wire of 7408 in a cable of 8544.42, boiler parts of 8402.90, printed circuit assemblies of
8538.90 in a control panel), so that the share of goods that pass and fail comes from the
rules, not from the generator.
"""

from __future__ import annotations

from dataclasses import dataclass

PARTIES = ("MX", "US", "CA")


@dataclass(frozen=True)
class Supplier:
    """A supplier of a material; ``country`` empty means its origin is not known."""

    name: str
    country: str


@dataclass(frozen=True)
class Part:
    """One BOM line of a family; ``children`` make it a sub-assembly the producer made."""

    key: str
    description: str
    hs: str
    unit: str
    qty: tuple[float, float]
    unit_value: tuple[float, float]
    sourcing: str = "metal"
    kind: str = ""
    material_type: str = ""
    weight: float = 0.0
    classifying: bool = False
    thread: bool = False
    intermediate: bool = False
    children: tuple[Part, ...] = ()

    def lines(self) -> int:
        """How many BOM lines this part (with its sub-assembly tree) writes."""
        return 1 + sum(child.lines() for child in self.children)


@dataclass(frozen=True)
class Family:
    """A kind of finished good: its code, how it is described and the parts it may use."""

    prefix: str
    hs: str
    descriptions: tuple[str, ...]
    n_range: tuple[int, int]
    alt_hs: str
    core: tuple[Part, ...]
    optional: tuple[Part, ...]
    weight: int
    kind: str = ""
    end_uses: tuple[str, ...] = ()
    steps: str = ""
    good_weight: float = 0.0
    fillers: bool = True
    producers: tuple[tuple[str, str], ...] = ()


SUPPLIERS: dict[str, tuple[Supplier, ...]] = {
    "metal": (
        Supplier("Aceros de Monterrey SA de CV", "MX"),
        Supplier("Forjas del Centro SA", "MX"),
        Supplier("Ohio Castings Inc", "US"),
        Supplier("Great Lakes Steel Products LLC", "US"),
        Supplier("Hamilton Metal Works Ltd", "CA"),
        Supplier("Baosteel Trading Co Ltd", "CN"),
        Supplier("Tianjin Tube Trading Co", "CN"),
        Supplier("Nippon Precision Parts KK", "JP"),
        Supplier("Thyssen Komponenten GmbH", "DE"),
        Supplier("POSCO International Corp", "KR"),
        Supplier("Distribuidora Industrial SA", ""),
    ),
    "electrical": (
        Supplier("Conductores Monterrey SA", "MX"),
        Supplier("Electro Componentes de Jalisco SA", "MX"),
        Supplier("Midwest Electric Supply Inc", "US"),
        Supplier("Ontario Controls Ltd", "CA"),
        Supplier("Shenzhen Power Electronics Co", "CN"),
        Supplier("Ningbo Electric Parts Co", "CN"),
        Supplier("Omron Trading KK", "JP"),
        Supplier("Stuttgart Automation GmbH", "DE"),
        Supplier("LS Electric Co", "KR"),
        Supplier("Importadora Electrica del Norte SA", ""),
    ),
    "bearing": (
        Supplier("Rodamientos del Norte SA", "MX"),
        Supplier("Timken Distribution LLC", "US"),
        Supplier("NSK Americas", "JP"),
        Supplier("Schaeffler Vertrieb GmbH", "DE"),
        Supplier("ZWZ Bearing Export Co", "CN"),
        Supplier("Koyo Bearings", "JP"),
    ),
    "chemical": (
        Supplier("Quimica del Golfo SA de CV", "MX"),
        Supplier("Gulf Coast Polymers Inc", "US"),
        Supplier("Sarnia Resins Ltd", "CA"),
        Supplier("Sinopec Chemical Trading Co", "CN"),
        Supplier("BASF Handels GmbH", "DE"),
        Supplier("Lotte Chemical Corp", "KR"),
        Supplier("Distribuidora Quimica SA", ""),
    ),
    "textile": (
        Supplier("Tejidos del Bajio SA de CV", "MX"),
        Supplier("Hilos Puebla SA", "MX"),
        Supplier("Carolina Knit Fabrics LLC", "US"),
        Supplier("Quebec Textiles Inc", "CA"),
        Supplier("Ningbo Trim Co Ltd", "CN"),
        Supplier("Shaoxing Knitting Mill Co", "CN"),
        Supplier("Busan Fabric Co", "KR"),
    ),
    "packaging": (
        Supplier("Empaques de Celaya SA", "MX"),
        Supplier("Tarimas del Centro", "MX"),
        Supplier("Impresos del Bajio SA", "MX"),
        Supplier("Texas Corrugated Inc", "US"),
        Supplier("Dongguan Packaging Co", "CN"),
    ),
}

# Producers (name, country) by the kind of plant: a plant spans at most three HS chapters, as
# flag ECON003 expects of a real one.
ELECTRIC = (
    ("Motores del Bajio SA de CV", "MX"),
    ("Tableros Electricos de Queretaro SA de CV", "MX"),
    ("Ohio Electric Assemblies LLC", "US"),
)
MACHINERY = (
    ("Calderas y Maquinas de Monterrey SA de CV", "MX"),
    ("Hamilton Process Equipment Ltd", "CA"),
)
FURNITURE = (("Muebles de Oficina de Jalisco SA de CV", "MX"),)
APPAREL = (("Confecciones de Puebla SA de CV", "MX"),)
DRIVELINE = (
    ("Transmisiones del Norte SA de CV", "MX"),
    ("Ontario Driveline Ltd", "CA"),
)
PLASTICS = (
    ("Plasticos Tecnicos de Celaya SA de CV", "MX"),
    ("Great Lakes Molding LLC", "US"),
)

# ---- parts shared by several families -------------------------------------------------------

SCREWS = Part("SCR-M8", "Hex screws M8 x 25, zinc plated", "7318.15", "pcs", (4, 24), (0.05, 0.2))
NUTS = Part("NUT-M8", "Hex nuts M8, class 8", "7318.16", "pcs", (4, 24), (0.03, 0.1))
WASHERS = Part("WSH-M8", "Flat washers M8", "7318.22", "pcs", (4, 24), (0.01, 0.04))
PAINT = Part(
    "PNT-RAL", "Polyurethane topcoat, RAL 7035", "3208.90", "l", (0.2, 2), (6, 14), "chemical"
)
LABEL = Part("LBL-RAT", "Printed rating label", "4821.10", "pcs", (1, 2), (0.1, 0.6), "packaging")
NAMEPLATE = Part("NPL-AL", "Aluminium nameplate, engraved", "8310.00", "pcs", (1, 1), (0.8, 3))
GREASE = Part(
    "GRS-EP2",
    "Assembly grease EP2 for fixtures",
    "3403.99",
    "kg",
    (0.01, 0.1),
    (6, 12),
    "chemical",
    material_type="indirect",
)
MANUAL = Part(
    "MAN-OP",
    "Installation and operating manual",
    "4911.99",
    "pcs",
    (1, 1),
    (0.5, 2),
    "packaging",
    material_type="accessory",
)
CARTON = Part(
    "CTN-PRT",
    "Printed corrugated carton",
    "4819.10",
    "pcs",
    (1, 1),
    (1.5, 9),
    "packaging",
    material_type="retail_packaging",
)
PALLET = Part(
    "PLT-EXP",
    "Heat-treated export pallet, share",
    "4415.20",
    "pcs",
    (0.1, 0.5),
    (12, 18),
    "packaging",
    material_type="shipping_packing",
)
FILLERS = (SCREWS, NUTS, WASHERS, LABEL, NAMEPLATE, GREASE, MANUAL, CARTON, PALLET, PAINT)
BEARING = Part(
    "BRG-6205", "Deep-groove ball bearing 6205", "8482.10", "pcs", (2, 2), (8, 22), "bearing"
)
SHAFT = Part("SHF-42", "Shaft, machined and ground", "8483.10", "pcs", (1, 1), (25, 70))
MOTOR = Part(
    "MTR-IE3",
    "Three-phase induction motor, IE3",
    "8501.52",
    "pcs",
    (1, 1),
    (180, 900),
    "electrical",
)
CONTROLLER = Part(
    "PLC-CPU",
    "Programmable controller, compact",
    "8537.10",
    "pcs",
    (1, 1),
    (150, 900),
    "electrical",
)

# ---- the families ----------------------------------------------------------------------------

WINDING = Part(
    "WDG",
    "Stator winding (own winding shop)",
    "8503.00",
    "set",
    (1, 1),
    (0, 0),
    "own",
    children=(
        Part(
            "WIRE-CU",
            "Enamelled copper winding wire",
            "8544.11",
            "kg",
            (3, 9),
            (10, 13),
            "electrical",
        ),
        Part(
            "INS-SLOT",
            "Slot insulation paper, coated",
            "4811.59",
            "kg",
            (0.1, 0.4),
            (8, 15),
            "packaging",
        ),
    ),
)
MOTOR_FAMILY = Family(
    "EM",
    "8501.52",
    ("Three-phase AC induction motor, {n} kW, IE3", "TEFC motor, {n} kW, 4 pole, foot mounted"),
    (1, 37),
    "8501.53",
    core=(
        Part(
            "STATOR",
            "Stator, wound and impregnated (own line)",
            "8503.00",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part(
                    "LAM-M19",
                    "Silicon electrical steel laminations",
                    "7226.19",
                    "kg",
                    (8, 30),
                    (6, 14),
                ),
                WINDING,
                Part(
                    "VARN-F",
                    "Insulating impregnation varnish",
                    "3208.90",
                    "kg",
                    (0.5, 2),
                    (8, 12),
                    "chemical",
                ),
            ),
        ),
        BEARING,
        Part("HSG-AL", "Aluminium motor housing casting", "7616.99", "pcs", (1, 1), (60, 180)),
        Part("FAN-160", "Plastic cooling fan", "3926.90", "pcs", (1, 1), (4, 12), "chemical"),
    ),
    optional=(
        Part(
            "ROTOR",
            "Rotor, die-cast cage on shaft (own rotor line)",
            "8503.00",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            intermediate=True,
            children=(
                SHAFT,
                Part("ROT-LAM", "Rotor laminations", "7226.19", "kg", (3, 9), (6, 14)),
                Part(
                    "AL-INGOT",
                    "Aluminium alloy ingot for the cage",
                    "7601.20",
                    "kg",
                    (1, 4),
                    (2.5, 4),
                ),
            ),
        ),
        Part(
            "TBOX",
            "Terminal box with terminal board",
            "8538.90",
            "pcs",
            (1, 1),
            (6, 25),
            "electrical",
        ),
        Part("ESH-CI", "Cast iron end shields (pair)", "7325.10", "set", (1, 1), (20, 60)),
    ),
    weight=18,
    producers=ELECTRIC,
)
BOILER_FAMILY = Family(
    "WTB",
    "8402.12",
    (
        "Watertube boiler, {n} t/h saturated steam",
        "Packaged watertube boiler, {n} t/h, natural gas",
    ),
    (2, 40),
    "8402.11",
    core=(
        Part(
            "SHELL",
            "Pressure part assembly (own welding shop)",
            "8402.90",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part("PLT-SA516", "Boiler plate SA-516 Gr 70", "7208.51", "t", (2, 9), (900, 1300)),
                Part(
                    "TUB-SA192",
                    "Seamless boiler tubes SA-192",
                    "7304.39",
                    "t",
                    (1, 5),
                    (1400, 2100),
                ),
            ),
        ),
        Part(
            "BRN-GAS",
            "Gas burner with fan, low NOx",
            "8416.20",
            "pcs",
            (1, 1),
            (6000, 19000),
            "metal",
        ),
        Part("VLV-SAF", "Safety relief valves", "8481.40", "pcs", (2, 4), (400, 1500)),
        Part(
            "CTL-BMS",
            "Burner management and control system",
            "9032.89",
            "pcs",
            (1, 1),
            (3000, 9000),
            "electrical",
        ),
    ),
    optional=(
        Part(
            "DRUM-INT",
            "Steam drum internals (boiler parts)",
            "8402.90",
            "set",
            (1, 1),
            (2000, 9000),
        ),
        Part("INS-RW", "Rock wool insulation", "6806.10", "m3", (2, 8), (60, 140), "chemical"),
        Part("PMP-FW", "Boiler feedwater pump", "8413.70", "pcs", (1, 2), (1500, 5000)),
        Part("GAU-P", "Pressure gauges", "9026.20", "pcs", (2, 6), (40, 160), "electrical"),
    ),
    weight=6,
    producers=MACHINERY,
)
DRILL_FAMILY = Family(
    "RD",
    "8459.29",
    ("Radial drilling machine, {n} mm capacity", "Column drilling machine, {n} mm, gear head"),
    (25, 80),
    "8459.21",
    core=(
        Part("BASE-CI", "Machine base, grey iron casting", "7325.10", "pcs", (1, 1), (600, 2200)),
        Part("COL-CI", "Column, grey iron casting", "7325.99", "pcs", (1, 1), (400, 1600)),
        Part(
            "HEAD",
            "Drilling head (own assembly)",
            "8466.93",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part(
                    "SPDL",
                    "Spindle unit (own assembly)",
                    "8466.93",
                    "pcs",
                    (1, 1),
                    (0, 0),
                    "own",
                    children=(SHAFT, BEARING),
                ),
                Part("GEAR-BOX", "Gearing, speed change", "8483.40", "set", (1, 1), (300, 1200)),
            ),
        ),
        MOTOR,
    ),
    optional=(
        CONTROLLER,
        Part("PMP-COOL", "Coolant pump", "8413.70", "pcs", (1, 1), (60, 220), "electrical"),
        Part("GRD-ST", "Chip guard, sheet steel", "7326.90", "pcs", (1, 1), (40, 180)),
    ),
    weight=8,
    producers=MACHINERY,
)
WIRING = Part(
    "WIRING",
    "Backplate wiring (own assembly)",
    "8538.10",
    "set",
    (1, 1),
    (0, 0),
    "own",
    children=(
        Part(
            "CBL-1.5", "Control wire 1.5 mm2", "8544.42", "m", (20, 120), (0.3, 0.9), "electrical"
        ),
        Part(
            "TB-ASSY",
            "Terminal rail assembly (own)",
            "8536.90",
            "set",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part(
                    "TB-4",
                    "Terminal blocks 4 mm2",
                    "8536.90",
                    "pcs",
                    (10, 60),
                    (0.6, 2),
                    "electrical",
                ),
                Part("DIN-35", "DIN rail 35 mm", "7216.61", "m", (1, 4), (2, 5)),
            ),
        ),
    ),
)
PANEL_FAMILY = Family(
    "CP",
    "8537.10",
    ("Control panel, {n} I/O, PLC based, 480 V", "Motor control centre section, {n} starters"),
    (16, 256),
    "8537.20",
    core=(
        Part("ENC-ST", "Enclosure, painted steel", "7326.90", "pcs", (1, 1), (200, 900)),
        Part("MCB", "Circuit breakers", "8536.20", "pcs", (2, 12), (12, 90), "electrical"),
        Part("RLY", "Relays and contactors", "8536.49", "pcs", (4, 20), (8, 45), "electrical"),
        WIRING,
    ),
    optional=(
        CONTROLLER,
        Part(
            "PCA-IO",
            "I/O board, printed circuit assembly",
            "8538.90",
            "pcs",
            (1, 4),
            (40, 220),
            "electrical",
            kind="printed circuit assemblies",
        ),
        Part("PSU-24", "Power supply 24 V DC", "8504.40", "pcs", (1, 2), (60, 240), "electrical"),
        Part("FUSE", "Fuses and holders", "8536.10", "pcs", (3, 12), (1, 6), "electrical"),
    ),
    weight=12,
    producers=ELECTRIC,
)
CABLE_FAMILY = Family(
    "CB",
    "8544.42",
    ("Control cable {n} x 1.5 mm2 with connectors, 5 m", "Sensor cable assembly, {n} cores, M12"),
    (2, 24),
    "8544.49",
    core=(
        Part(
            "CU-WIRE", "Copper wire, refined, 0.2 mm", "7408.11", "kg", (0.3, 1.5), (9, 12), "metal"
        ),
        Part(
            "PVC-CMP",
            "PVC compound for insulation",
            "3904.21",
            "kg",
            (0.3, 1.2),
            (1.8, 3.2),
            "chemical",
        ),
        Part(
            "CON-M12",
            "Connectors, plugs and sockets",
            "8536.69",
            "pcs",
            (1, 2),
            (1.5, 9),
            "electrical",
        ),
    ),
    optional=(
        Part("TAPE-PET", "Binder tape, PET", "3919.10", "m", (5, 10), (0.02, 0.06), "chemical"),
        Part("SHD-AL", "Screening foil, aluminium on PET", "7607.20", "m", (5, 10), (0.05, 0.15)),
        Part(
            "REEL",
            "Cable drum, wooden, share",
            "4415.10",
            "pcs",
            (0.01, 0.05),
            (20, 40),
            "packaging",
            material_type="shipping_packing",
        ),
    ),
    weight=12,
    producers=ELECTRIC,
)
SEAT_FAMILY = Family(
    "CH",
    "9401.71",
    ("Upholstered office chair, steel frame, model {n}", "Upholstered stacking chair, {n}"),
    (100, 999),
    "9401.79",
    core=(
        Part(
            "FRAME",
            "Seat frame, welded (own shop)",
            "9401.99",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part("TUB-SQ", "Square steel tube 20 x 20", "7306.61", "m", (3, 8), (1.5, 3.5)),
                Part("SPR-ZZ", "Zig-zag springs", "7320.20", "pcs", (4, 10), (0.4, 1.2)),
            ),
        ),
        Part("FOAM-PU", "Polyurethane foam pads", "3921.13", "pcs", (2, 2), (3, 12), "chemical"),
        Part("FAB-PES", "Polyester upholstery fabric", "5407.61", "m", (1, 2), (4, 11), "textile"),
    ),
    optional=(
        Part("BASE-5", "Five-star base, seat part", "9401.99", "pcs", (1, 1), (8, 30)),
        Part("CAST-50", "Castors 50 mm", "8302.20", "pcs", (5, 5), (0.6, 2)),
        Part("GAS-LIFT", "Gas lift cylinder", "8412.31", "pcs", (1, 1), (4, 15)),
        Part("ARM-PP", "Armrests, moulded", "3926.90", "pcs", (2, 2), (2, 8), "chemical"),
    ),
    weight=8,
    producers=FURNITURE,
)
SWEATER_FAMILY = Family(
    "SW",
    "6110.20",
    ("Men's cotton pullover, knitted, size {n}", "Women's cotton cardigan, knitted, size {n}"),
    (36, 46),
    "6110.30",
    core=(
        Part(
            "FAB-CJ",
            "Cotton jersey knitted fabric, dyed",
            "6006.22",
            "kg",
            (0.3, 0.5),
            (7, 12),
            "textile",
            weight=1.0,
            classifying=True,
        ),
        Part(
            "THR-CO",
            "Cotton sewing thread",
            "5204.11",
            "cone",
            (0.05, 0.1),
            (2, 4),
            "textile",
            weight=0.2,
            thread=True,
        ),
        Part(
            "LBL-W", "Woven labels", "5807.10", "pcs", (2, 2), (0.05, 0.15), "textile", weight=0.002
        ),
    ),
    optional=(
        Part(
            "BTN-PL",
            "Plastic buttons",
            "9606.21",
            "pcs",
            (4, 8),
            (0.02, 0.08),
            "chemical",
            weight=0.001,
        ),
        Part(
            "RIB-CO",
            "Rib trim, cotton knit",
            "6006.22",
            "kg",
            (0.03, 0.06),
            (8, 13),
            "textile",
            weight=1.0,
        ),
        Part(
            "BAG-PE",
            "Polybag",
            "3923.21",
            "pcs",
            (1, 1),
            (0.03, 0.08),
            "packaging",
            material_type="retail_packaging",
            weight=0.01,
        ),
    ),
    weight=6,
    producers=APPAREL,
    steps="cutting; cut and sewn or otherwise assembled; pressing; packing",
    good_weight=0.45,
    fillers=False,
)
GEARBOX_FAMILY = Family(
    "GBX",
    "8708.40",
    ("{n}-speed gear box", "{n}-speed automated manual gear box"),
    (5, 12),
    "8708.50",
    core=(
        Part("GEAR-SET", "Machined gear set", "8483.40", "set", (1, 1), (400, 1800)),
        Part("HSG-MAIN", "Main housing, aluminium casting", "8708.40", "pcs", (1, 1), (200, 800)),
        Part("SHF-SET", "Input, main and counter shafts", "8483.10", "set", (1, 1), (150, 600)),
        Part("BRG-TR", "Tapered roller bearings", "8482.20", "set", (1, 1), (120, 480), "bearing"),
    ),
    optional=(
        Part("CLU-430", "Clutch assembly", "8708.93", "pcs", (1, 1), (200, 800)),
        Part(
            "TCU", "Transmission control unit", "8537.10", "pcs", (1, 1), (200, 800), "electrical"
        ),
        Part("SEAL-KIT", "Seals and gaskets", "4016.93", "kit", (1, 1), (20, 110), "chemical"),
        Part(
            "SHIFT",
            "Shift mechanism (own assembly)",
            "8708.40",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part("FORK", "Shift forks, forged", "7326.19", "pcs", (2, 4), (8, 30)),
                Part("RAIL", "Shift rails", "8483.10", "pcs", (2, 4), (6, 20)),
            ),
        ),
    ),
    weight=12,
    producers=DRIVELINE,
    kind="gear boxes",
    end_uses=("passenger_vehicle", "light_truck", "heavy_truck", "other"),
)
PLASTIC_FAMILY = Family(
    "PH",
    "3926.90",
    ("Injection-moulded housing, PC, part {n}", "Moulded cover, polypropylene, part {n}"),
    (1000, 9999),
    "3926.10",
    core=(
        Part("RES-PC", "Polycarbonate resin", "3907.40", "kg", (0.1, 1.2), (2.5, 4.5), "chemical"),
        Part(
            "PIG-TI",
            "Titanium dioxide masterbatch",
            "3206.11",
            "kg",
            (0.01, 0.05),
            (3, 6),
            "chemical",
        ),
    ),
    optional=(
        Part("INS-BR", "Threaded brass inserts", "7415.33", "pcs", (2, 8), (0.03, 0.12)),
        Part(
            "MOULD",
            "Injection mould wear, share",
            "8480.71",
            "pcs",
            (0.001, 0.01),
            (200, 900),
            material_type="indirect",
        ),
        Part(
            "RES-PP", "Polypropylene homopolymer", "3902.10", "kg", (0.1, 0.8), (1.2, 2), "chemical"
        ),
    ),
    weight=10,
    producers=PLASTICS,
    steps="injection moulding; insert assembly; inspection; packing",
)
PUMP_FAMILY = Family(
    "CPU",
    "8413.70",
    ("Centrifugal pump, end suction, {n} kW", "Close-coupled centrifugal pump, {n} kW"),
    (1, 45),
    "8413.81",
    core=(
        Part(
            "ROT-ASSY",
            "Rotating assembly (own line)",
            "8413.91",
            "pcs",
            (1, 1),
            (0, 0),
            "own",
            children=(
                Part("IMP-CF8", "Impeller, stainless casting", "8413.91", "pcs", (1, 1), (40, 260)),
                SHAFT,
                BEARING,
            ),
        ),
        Part("CAS-CI", "Volute casing, cast iron", "8413.91", "pcs", (1, 1), (80, 420)),
        MOTOR,
        Part("SEAL-M", "Mechanical seal", "8484.20", "pcs", (1, 1), (20, 140), "bearing"),
    ),
    optional=(
        Part("BPL-ST", "Base plate, fabricated steel", "7326.90", "pcs", (1, 1), (40, 160)),
        Part("FLG", "Flanges and fittings", "7307.91", "set", (1, 1), (10, 60)),
    ),
    weight=8,
    producers=ELECTRIC,
)

FAMILIES = (
    MOTOR_FAMILY,
    BOILER_FAMILY,
    DRILL_FAMILY,
    PANEL_FAMILY,
    CABLE_FAMILY,
    SEAT_FAMILY,
    SWEATER_FAMILY,
    GEARBOX_FAMILY,
    PLASTIC_FAMILY,
    PUMP_FAMILY,
)
