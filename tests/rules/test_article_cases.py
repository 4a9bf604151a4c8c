"""Hand-computed cases for the USMCA Chapter 4 articles, one data file per article.

Each case in ``articles/<id>.yaml`` (``ORIG-4.18.yaml`` ...) quotes the words of the law it
exercises, cites the article and the statute or regulation, and says in ``why`` how the
expected answer was computed by hand. One parametrized test evaluates every case with the whole
engine (``evaluate_good`` with the case's routing, suppliers' BOMs, stock records and the goods
of a set decided first) and checks the status and, where given, the criterion, the figures, the
outcome of the Art. 4.18/4.19 checks, how lines were counted, the data named as missing, or the
input error. The other tests check the files: every article of ``chapter-4-articles.yaml`` has a
file with a case of each kind, every quotation is verbatim law, every case cites and explains.

A case where the engine disagrees with the law carries ``xfail: <why>`` and is expected
(strictly) to fail until the engine is fixed. See ``articles/README.md`` for the format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.facts import Facts
from roo_check.errors import InputError
from roo_check.models import BomLine, Good
from roo_check.models.accumulation import SupplierBom
from roo_check.models.findings import Determination
from roo_check.models.inventory import Inventory
from roo_check.models.shipment import RoutingLeg
from roo_check.models.stages import MaterialTreatment
from roo_check.rulebook.index import Rulebook
from roo_check.rulebook.load import load_rulebook
from tests.unit.builders import good as build_good
from tests.unit.builders import line as build_line

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
ROOT = HERE.parents[1]
CHAPTER_4 = ROOT / "rules" / "usmca" / "chapter-4-articles.yaml"
SOR = ROOT / "rules" / "usmca" / "source" / "sor-2020-155-ch4.txt"

KINDS = ("pass", "fail", "boundary", "missing")
STATUSES = {"originating", "not-originating", "cannot-decide"}
OUTCOMES = {"met", "not-met", "cannot-decide", "not-checked"}
MIN_CASES_PER_ARTICLE = 4
MIN_CASES = 55

FILE_KEYS = {"article", "shared", "cases"}
CASE_KEYS = {
    "name",
    "kind",
    "article",
    "text",
    "cite",
    "why",
    "date",
    "good",
    "bom",
    "routing",
    "supplier_boms",
    "inventory",
    "components",
    "expect",
    "xfail",
}
EXPECT_KEYS = {
    "status",
    "criterion",
    "vnm",
    "rvc_net_cost",
    "rvc_transaction_value",
    "net_cost",
    "set_share",
    "condition",
    "counted",
    "missing",
    "input_error",
}
FIGURES = ("vnm", "rvc_net_cost", "rvc_transaction_value", "net_cost")
SUPPLIER_KEYS = {
    "material",
    "good_part_number",
    "supplier",
    "country_of_production",
    "currency",
    "evidence",
    "lines",
}
COMPONENT_KEYS = {"good", "bom", "expect"}


def _words(text: str) -> str:
    """Whitespace-normalised text, for comparing quotations with the law."""
    return " ".join(text.split())


def _chapter4() -> dict[str, Any]:
    return yaml.safe_load(CHAPTER_4.read_text(encoding="utf-8"))


def article_texts() -> dict[str, str]:
    """Every article id of chapter-4-articles.yaml (and the transit exceptions) -> its text."""
    texts: dict[str, str] = {}
    for entry in _chapter4().values():
        if isinstance(entry, dict) and "id" in entry:
            texts[entry["id"]] = entry["text"]
            for exception in entry.get("exceptions", []):
                texts[exception["id"]] = exception["text"]
    return texts


TEXTS = article_texts()
ARTICLE_IDS = sorted(i for i in TEXTS if "-EX-" not in i)
EXCEPTION_IDS = sorted(i for i in TEXTS if "-EX-" in i)
SOR_WORDS = _words(SOR.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ArticleCase:
    """One good evaluated under the Chapter 4 articles, and what the law makes of it."""

    id: str
    file: str
    article: str
    kind: str
    text: str
    cite: str
    why: str
    on: dt.date
    good: dict[str, Any]
    bom: list[dict[str, Any]]
    expect: dict[str, Any]
    routing: list[dict[str, Any]] | None = None
    supplier_boms: list[dict[str, Any]] = field(default_factory=list)
    inventory: dict[str, Any] | None = None
    components: list[dict[str, Any]] = field(default_factory=list)
    xfail: str | None = None


def _case(file_article: str, entry: dict[str, Any], where: str) -> ArticleCase:
    unknown = set(entry) - CASE_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    for key in ("name", "kind", "text", "cite", "why", "date", "good", "expect"):
        assert entry.get(key), f"{where}: needs `{key}`"
    assert entry["kind"] in KINDS, f"{where}: kind is one of {KINDS}"
    assert isinstance(entry["date"], dt.date), f"{where}: date as YYYY-MM-DD"
    expect = entry["expect"]
    unknown = set(expect) - EXPECT_KEYS
    assert not unknown, f"{where}: unknown expect keys {sorted(unknown)}"
    assert "input_error" in expect or expect.get("status") in STATUSES, (
        f"{where}: expect a status ({sorted(STATUSES)}) or an input_error"
    )
    return ArticleCase(
        id=f"{file_article}/{entry['kind']}/{entry['name']}",
        file=file_article,
        article=entry.get("article", file_article),
        kind=entry["kind"],
        text=entry["text"],
        cite=entry["cite"],
        why=entry["why"],
        on=entry["date"],
        good=entry["good"],
        bom=entry.get("bom", []),
        expect=expect,
        routing=entry.get("routing"),
        supplier_boms=entry.get("supplier_boms", []),
        inventory=entry.get("inventory"),
        components=entry.get("components", []),
        xfail=entry.get("xfail"),
    )


def load_cases() -> list[ArticleCase]:
    cases: list[ArticleCase] = []
    for path in sorted(ARTICLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), f"{path.name}: a mapping with `article` and `cases`"
        unknown = set(data) - FILE_KEYS
        assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
        assert path.stem == data.get("article"), f"{path.name}: article {data.get('article')}"
        names: Counter[str] = Counter()
        for n, entry in enumerate(data.get("cases") or [], 1):
            case = _case(data["article"], entry, f"{path.name} case {n}")
            names[case.id] += 1
            assert names[case.id] == 1, f"{path.name}: {case.id} twice"
            cases.append(case)
    return cases


ALL_CASES = load_cases()


# --------------------------------------------------------------------------------------------
# Building the inputs
# --------------------------------------------------------------------------------------------


def make_good(fields: dict[str, Any]) -> Good:
    data = dict(fields)
    hs = data.pop("hs_code")
    data.setdefault("description", f"good of {hs}")
    return build_good(hs, **data)


def make_line(raw: dict[str, Any], n: int, good: str = "G-1") -> BomLine:
    """A BOM line from compact keys (part, hs, value, status, origin) and BomLine fields."""
    data = dict(raw)
    part = str(data.pop("part", f"M{n}"))
    status = data.pop("status", "non-originating")
    default_origin = {"originating": "US", "non-originating": "CN"}.get(status)
    origin = data.pop("origin", default_origin)
    return build_line(
        part,
        str(data.pop("hs")),
        str(data.pop("value")),
        status=status,
        country=origin,
        good_part_number=good,
        **data,
    )


def make_bom(raw: list[dict[str, Any]], good: str = "G-1") -> list[BomLine]:
    return [make_line(line, n, good) for n, line in enumerate(raw, 1)]


def make_supplier_bom(raw: dict[str, Any], good: str) -> SupplierBom:
    unknown = set(raw) - SUPPLIER_KEYS
    assert not unknown, f"supplier BOM: unknown keys {sorted(unknown)}"
    data = {"currency": "USD", **raw}
    data["lines"] = make_bom(raw["lines"], good)
    return SupplierBom.model_validate(data)


def decide_components(case: ArticleCase, rulebook: Rulebook) -> dict[str, Determination]:
    """The goods of a set that the shipment also lists as goods, decided before the set (as
    evaluate_shipment does); each must come out as its ``expect`` says."""
    decided: dict[str, Determination] = {}
    for raw in case.components:
        unknown = set(raw) - COMPONENT_KEYS
        assert not unknown, f"component: unknown keys {sorted(unknown)}"
        good = make_good(raw["good"])
        result = evaluate_good(good, make_bom(raw["bom"], good.part_number), rulebook, case.on)
        assert result.status.value == raw["expect"], (
            f"component {good.part_number}: {result.status.value}, not {raw['expect']}: "
            f"{result.message}"
        )
        decided[good.part_number] = result
    return decided


def evaluate(case: ArticleCase, rulebook: Rulebook) -> Determination:
    good = make_good(case.good)
    facts = Facts(
        routing=tuple(RoutingLeg.model_validate(leg) for leg in case.routing)
        if case.routing is not None
        else None,
        supplier_boms=tuple(make_supplier_bom(b, good.part_number) for b in case.supplier_boms),
        inventory=Inventory.model_validate(case.inventory) if case.inventory else None,
        components=decide_components(case, rulebook),
    )
    return evaluate_good(good, make_bom(case.bom, good.part_number), rulebook, case.on, facts=facts)


# --------------------------------------------------------------------------------------------
# Comparing with what the law says
# --------------------------------------------------------------------------------------------


def same_figure(actual: Decimal | None, expected: object) -> bool:
    """Compared at the decimals the case writes, at least two, rounding half up (as reports
    round for display): "76.09" matches 76.0869..., "50.000000" demands 50 to six places."""
    if actual is None:
        return expected is None
    text = str(expected)
    places = max(2, len(text.partition(".")[2]))
    quantum = Decimal(1).scaleb(-places)
    return actual.quantize(quantum, rounding=ROUND_HALF_UP) == Decimal(text).quantize(quantum)


def figure(result: Determination, name: str) -> Decimal | None:
    return getattr(result.figures, name)


def check(result: Determination, expect: dict[str, Any]) -> None:
    explain = f"{result.message}\nmissing: {[str(m) for m in result.missing]}"
    assert result.status.value == expect["status"], explain
    if "criterion" in expect:
        assert str(result.criterion) == str(expect["criterion"]), explain
    for name in FIGURES:
        if name in expect:
            actual = figure(result, name)
            assert same_figure(actual, expect[name]), f"{name} {actual}, not {expect[name]}"
    for base, share in (expect.get("set_share") or {}).items():
        assert result.set_result is not None, "no Art. 4.17 result"
        actual = result.set_result.shares.get(base)
        assert same_figure(actual, share), f"set share of the {base} {actual}, not {share}"
    outcomes = {c.id: c.outcome.value for c in result.conditions}
    for article, outcome in (expect.get("condition") or {}).items():
        assert outcome in OUTCOMES, f"condition outcome is one of {sorted(OUTCOMES)}"
        assert outcomes.get(article) == outcome, f"{article}: {outcomes.get(article)}; {explain}"
    # The first treatment of a part wins (a fungible line split in two keeps its first part).
    treated = {t.part_number: t.counted_status for t in reversed(_treatments(result))}
    for part, counted in (expect.get("counted") or {}).items():
        assert treated.get(part) == counted, f"{part} counted {treated.get(part)}, not {counted}"
    for words in expect.get("missing") or []:
        assert any(words in str(m) for m in result.missing), f"{words!r} not in {explain}"


def _treatments(result: Determination) -> list[MaterialTreatment]:
    return result.materials.lines if result.materials else []


def _param(case: ArticleCase):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()


@pytest.mark.parametrize("case", [_param(c) for c in ALL_CASES])
def test_article_case(case: ArticleCase, rulebook: Rulebook) -> None:
    if "input_error" in case.expect:
        with pytest.raises(InputError) as raised:
            evaluate(case, rulebook)
        assert case.expect["input_error"] in str(raised.value), str(raised.value)
        return
    check(evaluate(case, rulebook), case.expect)


# --------------------------------------------------------------------------------------------
# The case files themselves
# --------------------------------------------------------------------------------------------


def test_every_article_has_a_case_file() -> None:
    files = sorted(p.stem for p in ARTICLES.glob("*.yaml"))
    assert files == ARTICLE_IDS, f"case files {files}; articles {ARTICLE_IDS}"


@pytest.mark.parametrize("article", ARTICLE_IDS)
def test_article_has_every_kind_of_case(article: str) -> None:
    kinds = Counter(c.kind for c in ALL_CASES if c.file == article)
    assert sum(kinds.values()) >= MIN_CASES_PER_ARTICLE, f"{article}: {dict(kinds)}"
    for kind in KINDS:
        assert kinds[kind] >= 1, f"{article} has no `{kind}` case: {dict(kinds)}"


def test_enough_cases() -> None:
    assert len(ALL_CASES) >= MIN_CASES, f"{len(ALL_CASES)} cases; want at least {MIN_CASES}"


def test_every_transit_exception_has_a_case() -> None:
    covered = {c.article for c in ALL_CASES}
    assert set(EXCEPTION_IDS) <= covered, f"no case for {sorted(set(EXCEPTION_IDS) - covered)}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in ALL_CASES])
def test_case_quotes_cites_and_explains(case: ArticleCase) -> None:
    assert case.article in TEXTS, f"{case.article} is not an article of {CHAPTER_4.name}"
    assert case.article == case.file or case.article.startswith(case.file + "-EX-"), (
        f"{case.article} does not belong in {case.file}.yaml"
    )
    quote = _words(case.text)
    assert quote in _words(TEXTS[case.article]) or quote in SOR_WORDS, (
        f"not verbatim in the text of {case.article} nor in {SOR.name}: {case.text!r}"
    )
    number = re.sub(r"^ORIG-(4\.\d+).*", r"\1", case.article)
    assert f"Art. {number}" in case.cite, f"cite the article (Art. {number}): {case.cite!r}"
    assert "19 U.S.C. 4531" in case.cite or "SOR/2020-155" in case.cite, (
        f"cite the statute or the regulation: {case.cite!r}"
    )
    assert re.search(r"\d", case.why), f"`why` shows the hand computation: {case.why!r}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in ALL_CASES])
def test_case_kind_matches_its_expectation(case: ArticleCase) -> None:
    expect = case.expect
    if case.kind == "pass":
        assert expect.get("status") == "originating", "a pass case expects originating"
    elif case.kind == "fail":
        assert expect.get("status") == "not-originating" or "input_error" in expect, (
            "a fail case expects not-originating or an input error"
        )
    elif case.kind == "missing":
        assert expect.get("status") == "cannot-decide" and expect.get("missing"), (
            "a missing case expects cannot-decide and names the datum in `missing`"
        )
    for raw in case.bom:
        for key in ("hs", "value"):
            assert key in raw, f"BOM line {raw} lacks {key}"
        assert isinstance(raw["value"], str), f"money as strings: {raw}"
