"""Seeded generator of realistic shipment folders for the benchmark runner (issue 13).

Run: ``python benchmarks/generate.py --out DIR --sizes 10k,100k,1m --batch 10000 --seed 1``.

Each size is ONE shipment folder of that many BOM lines (about ten per good, so 10k lines are
1k goods), because the target of issue 13 is one shipment of a million lines; the batch is
many small folders of one good and about eight lines each, the shape of a CI run over
supplier BOMs. The goods come from ``_shipments.FAMILIES`` (HS codes with real rules), their
materials from many headings and countries, some bought from Parties with evidence, some
from China, Japan, Germany or Korea, some of unknown origin; sub-assemblies nest two or
three levels; values are drawn so that the rules, not the generator, decide a realistic
share of passes and failures. Every folder also has a certificate listing its goods and
the shipment documents (invoice lines and routing legs, some via a non-Party).

The same seed gives the same bytes on every machine: every random draw comes from a
``random.Random`` seeded by the seed and the folder's name. Nothing is written into the
repository: the output folder is given on the command line (default under /tmp).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shipments import FAMILIES, FILLERS, PARTIES, SUPPLIERS, Family, Part, Supplier

GOOD_COLUMNS = [
    "part_number",
    "description",
    "hs_code",
    "product_kind",
    "end_use",
    "producer",
    "country_of_production",
    "currency",
    "transaction_value",
    "net_cost",
    "total_cost",
    "weight_kg",
    "production_date",
    "shipment_date",
    "production_steps",
]
BOM_COLUMNS = [
    "good_part_number",
    "part_number",
    "parent_part_number",
    "description",
    "hs_code",
    "product_kind",
    "quantity",
    "unit",
    "unit_value",
    "extended_value",
    "currency",
    "country_of_origin",
    "origin_status",
    "evidence",
    "supplier",
    "material_type",
    "classified_with_good",
    "invoiced_separately",
    "customary",
    "intermediate",
    "net_cost",
    "weight_kg",
    "classifying_component",
    "formed_and_finished",
]
EXPORTER = {
    "name": "Grupo Industrial del Bajio SA de CV",
    "address": "Parque Industrial Celaya, Gto.",
    "country": "MX",
}
IMPORTER = {
    "name": "Great Lakes Industrial Supply Inc",
    "address": "1200 Industrial Pkwy, Toledo, OH",
    "country": "US",
}
SHIPMENT_DATE = dt.date(2026, 11, 16)
SIZES = {"k": 1_000, "m": 1_000_000}


@dataclass
class Good:
    """One finished good as generated: its goods.csv row, its BOM rows and what the
    certificate and invoice say of it."""

    part_number: str
    family: Family
    description: str
    row: list[str]
    bom: list[list[str]] = field(default_factory=list)
    value: float = 0.0


def money(x: float) -> str:
    return f"{x:.2f}"


def number(x: float) -> str:
    """A quantity as a person types it: no trailing zeros."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text or "0"


# ---- BOM lines -----------------------------------------------------------------------------


class BomBuilder:
    """Writes the BOM rows of one good, choosing each material's supplier and status.

    ``import_share`` is the good's propensity to buy from outside the Parties: it varies
    from good to good so that some goods are mostly regional and others mostly imported.
    """

    def __init__(self, rng: random.Random, good: Good, producer: tuple[str, str]) -> None:
        self.rng = rng
        self.good = good
        self.producer = producer
        self.import_share = rng.choice((0.05, 0.15, 0.3, 0.45, 0.6, 0.8))
        self.used: set[str] = set()
        self.weight = 0.0

    def part_number(self, key: str) -> str:
        number_, n = key, 1
        while number_ in self.used:
            n += 1
            number_ = f"{key}-{n}"
        self.used.add(number_)
        return number_

    def supplier(self, sourcing: str) -> Supplier:
        if sourcing == "own":
            return Supplier(f"{self.producer[0]} (own shop)", self.producer[1])
        pool = SUPPLIERS[sourcing]
        roll = self.rng.random()
        if roll < 0.04:
            unknown = [s for s in pool if not s.country]
            if unknown:
                return self.rng.choice(unknown)
        wanted_party = self.rng.random() >= self.import_share
        choices = [s for s in pool if s.country and (s.country in PARTIES) == wanted_party]
        return self.rng.choice(choices)

    def add(self, part: Part, parent: str) -> float:
        """Write ``part`` (and its children first computed) and return its value."""
        number_ = self.part_number(part.key)
        index = len(self.good.bom)
        self.good.bom.append([])  # the parent row is written first, filled in below
        if part.children:
            inputs = sum(self.add(child, number_) for child in part.children)
            qty, value = 1.0, inputs * self.rng.uniform(1.15, 1.4)
            unit_value = value
        else:
            qty = self.rng.uniform(*part.qty)
            qty = round(qty) if part.unit in {"pcs", "set", "kit"} and qty >= 1 else qty
            unit_value = self.rng.uniform(*part.unit_value)
            value = float(number(qty)) * round(unit_value, 2)
        self.good.bom[index] = self.row(part, number_, parent, qty, unit_value, value)
        return value

    def row(
        self, part: Part, number_: str, parent: str, qty: float, unit_value: float, value: float
    ) -> list[str]:
        supplier = self.supplier(part.sourcing)
        status, evidence = self.status(part, supplier)
        designated = part.intermediate and self.rng.random() < 0.3
        weight = float(number(qty)) * part.weight if part.weight else 0.0
        self.weight += weight
        accessory = part.material_type == "accessory"
        thread_ff = part.thread and status == "originating"
        return [
            self.good.part_number,
            number_,
            parent,
            part.description,
            part.hs,
            part.kind,
            number(qty),
            part.unit,
            "" if part.children else money(unit_value),
            money(value) if part.children or part.unit in {"kg", "m", "l", "t", "m3"} else "",
            "USD",
            supplier.country,
            status,
            evidence,
            supplier.name,
            part.material_type,
            "yes" if accessory else "",
            "no" if accessory else "",
            "yes" if accessory else "",
            "yes" if designated else "",
            money(value * 0.97) if designated else "",
            number(weight) if weight else "",
            ("true" if part.classifying else "false") if part.weight else "",
            "true" if thread_ff else "",
        ]

    def status(self, part: Part, supplier: Supplier) -> tuple[str, str]:
        """Origin status and evidence: a sub-assembly is stated as the plant made it
        (non-originating, the docs' convention); a Party's material is originating with a
        supplier certificate most of the time; the rest is non-originating or unknown."""
        if part.children:
            return "non-originating", ""
        if not supplier.country:
            return "unknown", ""
        if supplier.country in PARTIES and self.rng.random() < 0.85:
            serial = sum(map(ord, supplier.name)) % 9000 + 1000
            return "originating", f"SUP-CERT-2026-{serial}"
        return "non-originating", ""


def choose_parts(rng: random.Random, family: Family, lines: int) -> list[Part]:
    """Parts whose line counts sum to exactly ``lines``: the core parts first, then the
    optional ones in random order, each only if it fits, then fillers (fasteners, labels,
    packing, an indirect grease, an accessory manual) to make up the count."""
    chosen: list[Part] = []
    left = lines
    optional = list(family.optional)
    rng.shuffle(optional)
    for part in list(family.core) + optional:
        if part.lines() <= left:
            chosen.append(part)
            left -= part.lines()
    pool = [p for p in (FILLERS if family.fillers else family.optional) if not p.children]
    while left > 0:
        chosen.append(rng.choice(pool))
        left -= 1
    return chosen


# ---- goods ---------------------------------------------------------------------------------


def pick_family(rng: random.Random) -> Family:
    return rng.choices(FAMILIES, weights=[f.weight for f in FAMILIES])[0]


def pick_producer(rng: random.Random, family: Family) -> tuple[str, str]:
    """Most goods of a family come from its first (Mexican) plant."""
    plants = family.producers
    return plants[0] if len(plants) == 1 or rng.random() < 0.75 else rng.choice(plants[1:])


def make_good(rng: random.Random, index: int, lines: int) -> Good:
    """One good of ``lines`` BOM lines, with values drawn so that the rules decide."""
    family = pick_family(rng)
    part_number = f"{family.prefix}-{index:06d}"
    description = rng.choice(family.descriptions).format(n=rng.randint(*family.n_range))
    good = Good(part_number, family, description, [])
    producer = pick_producer(rng, family)
    builder = BomBuilder(rng, good, producer)
    materials = sum(builder.add(p, "") for p in choose_parts(rng, family, lines))
    share = rng.uniform(0.95, 1.1) if rng.random() < 0.02 else rng.uniform(0.45, 0.85)
    tv = max(materials / share, 1.0)
    net_cost = tv * rng.uniform(0.84, 0.94)
    produced = SHIPMENT_DATE - dt.timedelta(days=rng.randint(5, 75))
    good.value = round(tv, 2)
    good.row = [
        part_number,
        description,
        family.hs,
        family.kind,
        rng.choice(family.end_uses) if family.end_uses else "",
        producer[0],
        producer[1],
        "USD",
        money(tv),
        money(net_cost),
        money(net_cost * rng.uniform(1.02, 1.08)),
        number(builder.weight * 1.05) if family.good_weight else "",
        produced.isoformat(),
        SHIPMENT_DATE.isoformat(),
        family.steps,
    ]
    return good


def line_counts(rng: random.Random, total: int, per_good: int, spread: int) -> list[int]:
    """BOM lines per good summing to exactly ``total``: pairs of per_good +/- d."""
    goods = max(total // per_good, 1)
    counts: list[int] = []
    for _ in range(goods // 2):
        d = rng.randint(0, spread)
        counts += [per_good + d, per_good - d]
    if len(counts) < goods:
        counts.append(per_good)
    counts[-1] += total - sum(counts)
    return counts


# ---- documents -----------------------------------------------------------------------------


def certified(rng: random.Random, goods: list[Good]) -> list[tuple[str, str, str]]:
    """(part number, HS code, description) of each good on the certificate: about 1 % of
    goods left off (CERT009) and 2 % with a neighbouring subheading (CERT006)."""
    entries = []
    for good in goods:
        roll = rng.random()
        if roll < 0.01:
            continue
        hs = good.family.alt_hs if roll < 0.03 else good.family.hs
        entries.append((good.part_number, hs, good.description))
    return entries or [(goods[0].part_number, goods[0].family.hs, goods[0].description)]


def party_xml(tag: str, party: dict[str, str]) -> str:
    inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in party.items())
    return f"  <{tag}>{inner}</{tag}>\n"


def certificate_xml(entries: list[tuple[str, str, str]]) -> str:
    goods = "".join(
        f"    <good><description>{escape(d)}</description><hsCode>{hs}</hsCode>"
        f"<originCriterion>B</originCriterion><partNumber>{escape(p)}</partNumber></good>\n"
        for p, hs, d in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<certificate xmlns="urn:roo-check:usmca:certificate:1">\n'
        "  <certifierRole>exporter</certifierRole>\n"
        + party_xml("certifier", EXPORTER)
        + party_xml("producer", {"name": "Various"})
        + party_xml("importer", IMPORTER)
        + f"  <goods>\n{goods}  </goods>\n"
        "  <blanketPeriod><start>2026-01-01</start><end>2026-12-31</end></blanketPeriod>\n"
        "  <signature><name>Laura Mendez Ortiz</name><date>2025-12-19</date>"
        "<signed>true</signed></signature>\n"
        "</certificate>\n"
    )


def certificate_json(entries: list[tuple[str, str, str]]) -> str:
    document = {
        "certifier_role": "exporter",
        "certifier": EXPORTER,
        "producer": {"name": "Various"},
        "importer": IMPORTER,
        "goods": [
            {"description": d, "hs_code": hs, "origin_criterion": "B", "part_number": p}
            for p, hs, d in entries
        ],
        "blanket_period": {"start": "2026-01-01", "end": "2026-12-31"},
        "signature": {"name": "Laura Mendez Ortiz", "date": "2025-12-19", "signed": True},
    }
    return json.dumps(document, indent=1) + "\n"


def leg(frm: tuple[str, str], to: tuple[str, str], days: tuple[int, int], **extra) -> dict:
    start = SHIPMENT_DATE + dt.timedelta(days=days[0])
    end = SHIPMENT_DATE + dt.timedelta(days=days[1])
    return {
        "from_place": frm[0],
        "from_country": frm[1],
        "to_place": to[0],
        "to_country": to[1],
        "departure": start.isoformat(),
        "arrival": end.isoformat(),
        **extra,
    }


def routing(rng: random.Random) -> tuple[str, list[dict]]:
    """Legs MX -> US: by road through Nuevo Laredo (80 %), by sea through the Colon Free
    Zone under customs control (15 %), or through Colon out of customs control with
    relabelling (5 %, which makes every good of the shipment not originating)."""
    roll = rng.random()
    if roll < 0.8:
        return "road", [
            leg(("Celaya, Gto.", "MX"), ("Nuevo Laredo", "MX"), (0, 1), operations=["loading"]),
            leg(
                ("Nuevo Laredo", "MX"),
                ("Laredo, TX", "US"),
                (1, 1),
                under_customs_control=True,
                operations=["customs clearance"],
            ),
        ]
    controlled = roll < 0.95
    ops = ["unloading", "storage", "reloading"] if controlled else ["unloading", "relabelling"]
    return "via Panama" + ("" if controlled else ", relabelled"), [
        leg(
            ("Manzanillo, Col.", "MX"),
            ("Colon Free Zone", "PA"),
            (0, 3),
            under_customs_control=controlled,
            operations=ops,
        ),
        leg(
            ("Colon Free Zone", "PA"),
            ("Long Beach, CA", "US"),
            (5, 14),
            under_customs_control=True,
            operations=["unloading", "customs clearance"],
        ),
    ]


def shipment_document(rng: random.Random, name: str, goods: list[Good]) -> tuple[str, dict]:
    route, legs = routing(rng)
    lines = [
        {
            "good_part_number": g.part_number,
            "quantity": rng.randint(1, 50),
            "unit_price": money(g.value * rng.uniform(1.0, 1.08)),
            "currency": "USD",
        }
        for g in goods
    ]
    return route, {
        "shipment_id": f"GIB-2026-{name}",
        "shipment_date": SHIPMENT_DATE.isoformat(),
        "invoice": {
            "number": f"FAC-{name}",
            "date": SHIPMENT_DATE.isoformat(),
            "issuer": EXPORTER,
            "consignee": IMPORTER,
            "lines": lines,
        },
        "routing": legs,
    }


# ---- folders -------------------------------------------------------------------------------


def write_folder(
    folder: Path, seed: int, counts: list[int], xml: bool | None = None, first: int = 1
) -> dict:
    """One shipment folder with ``len(counts)`` goods of those BOM line counts."""
    rng = random.Random(f"{seed}:{folder.name}")
    folder.mkdir(parents=True, exist_ok=True)
    goods: list[Good] = []
    with (
        (folder / "goods.csv").open("w", newline="", encoding="utf-8") as g,
        (folder / "bom.csv").open("w", newline="", encoding="utf-8") as b,
    ):
        goods_writer, bom_writer = csv.writer(g), csv.writer(b)
        goods_writer.writerow(GOOD_COLUMNS)
        bom_writer.writerow(BOM_COLUMNS)
        for i, lines in enumerate(counts):
            good = make_good(rng, first + i, lines)
            goods_writer.writerow(good.row)
            bom_writer.writerows(good.bom)
            good.bom = []  # keep memory flat: only the row and the value are needed later
            goods.append(good)
    entries = certified(rng, goods)
    use_xml = rng.random() < 0.5 if xml is None else xml
    if use_xml:
        (folder / "certificate.xml").write_text(certificate_xml(entries), encoding="utf-8")
    else:
        (folder / "certificate.json").write_text(certificate_json(entries), encoding="utf-8")
    route, document = shipment_document(rng, folder.name, goods)
    (folder / "shipment.json").write_text(json.dumps(document, indent=1) + "\n", "utf-8")
    return {"goods": len(goods), "bom_lines": sum(counts), "routing": route}


def disk_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def parse_size(text: str) -> int:
    """``10k`` -> 10,000; ``1m`` -> 1,000,000; ``2500`` -> 2,500."""
    text = text.strip().lower()
    if text[-1:] in SIZES:
        return int(float(text[:-1]) * SIZES[text[-1]])
    return int(text)


def generate_size(out: Path, label: str, seed: int) -> dict:
    lines = parse_size(label)
    rng = random.Random(f"{seed}:counts:{label}")
    counts = line_counts(rng, lines, per_good=10, spread=4)
    folder = out / f"size-{label.lower()}"
    start = time.perf_counter()
    info = write_folder(folder, seed, counts, xml=True)
    info.update(folder=folder.name, seconds=round(time.perf_counter() - start, 2))
    info["bytes"] = disk_bytes(folder)
    return info


def generate_batch(out: Path, count: int, seed: int) -> dict:
    rng = random.Random(f"{seed}:counts:batch")
    start = time.perf_counter()
    lines = 0
    for i in range(count):
        n = 8 + rng.randint(-2, 2)
        write_folder(out / "batch" / f"s{i + 1:05d}", seed, [n], first=i + 1)
        lines += n
    seconds = round(time.perf_counter() - start, 2)
    return {
        "folder": "batch",
        "folders": count,
        "goods": count,
        "bom_lines": lines,
        "seconds": seconds,
        "bytes": disk_bytes(out / "batch"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/roo-check-bench"))
    parser.add_argument("--sizes", default="10k,100k,1m", help="BOM lines per folder")
    parser.add_argument("--batch", type=int, default=10_000, help="small folders (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    repo = Path(__file__).resolve().parents[1]
    if out == repo or repo in out.parents:
        parser.error(f"--out {out} is inside the repository; write benchmark data elsewhere")
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": args.seed, "sizes": {}, "batch": None}
    for label in filter(None, args.sizes.split(",")):
        info = generate_size(out, label, args.seed)
        manifest["sizes"][label.lower()] = info
        print(f"{label}: {info}", flush=True)
    if args.batch:
        manifest["batch"] = generate_batch(out, args.batch, args.seed)
        print(f"batch: {manifest['batch']}", flush=True)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
