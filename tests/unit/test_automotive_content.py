"""US, USMCA and non-USMCA content of a good (Section 232, 2025): hand-computed figures."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from roo_check.engine.automotive.content import content_figures
from tests.unit.builders import good, line

PARTIES = frozenset({"US", "MX", "CA"})
BOM = [
    line("A", "8708.40", "2000.00", country="US"),
    line("B", "8708.50", "1500.00", country="MX"),
    line("C", "9401.20", "500.00", country="CA"),
    line("D", "8544.30", "3000.00", country="CN"),
    line("E", "8708.99", "1000.00", country=None),
]


def test_figures_of_a_mexican_good() -> None:
    # materials 2,000 + 1,500 + 500 + 3,000 + 1,000 = 8,000; US 2,000;
    # USMCA 2,000 + 1,500 + 500 = 4,000; non-USMCA 3,000; unknown 1,000;
    # not in materials 10,000 - 8,000 = 2,000; non-US 10,000 - 2,000 = 8,000
    c = content_figures(good(transaction_value="10000.00"), BOM, PARTIES)
    assert (c.value_basis, c.value, c.currency) == ("transaction value", Decimal(10000), "USD")
    assert c.materials == Decimal(8000)
    assert c.us_content == Decimal(2000)
    assert c.usmca_content == Decimal(4000)
    assert c.non_usmca_content == Decimal(3000)
    assert c.unknown_origin == Decimal(1000)
    assert c.not_in_materials == Decimal(2000)
    assert c.non_us_content == Decimal(8000)
    assert "arises in MX and is non-US content" in c.note
    assert c.citation == (
        "Proclamation of 2025-03-26 under Section 232 (automobiles and automobile parts); "
        "19 U.S.C. 1862"
    )


def test_a_us_good_keeps_its_own_value_out_of_non_us_content() -> None:
    # US content stays the US materials (2,000); non-US 10,000 - 2,000 - 2,000 = 6,000
    c = content_figures(
        good(transaction_value="10000.00", country_of_production="US"), BOM, PARTIES
    )
    assert c.us_content == Decimal(2000)
    assert c.non_us_content == Decimal(6000)
    assert "produced in the US" in c.note


def test_net_cost_when_no_transaction_value_and_none_without_either() -> None:
    # non-US 9,000 - 2,000 = 7,000; not in materials 9,000 - 8,000 = 1,000
    by_nc = content_figures(good(net_cost="9000.00"), BOM, PARTIES)
    assert (by_nc.value_basis, by_nc.non_us_content, by_nc.not_in_materials) == (
        "net cost",
        Decimal(7000),
        Decimal(1000),
    )
    bare = content_figures(good(), BOM, PARTIES)
    assert bare.value is None and bare.not_in_materials is None and bare.non_us_content is None
    assert bare.usmca_content == Decimal(4000)


def test_materials_above_the_value_are_not_credited_to_a_us_good() -> None:
    # value 7,000 < materials 8,000: not in materials -1,000 is shown, not added to non-US
    c = content_figures(good(transaction_value="7000.00", country_of_production="US"), BOM, PARTIES)
    assert c.not_in_materials == Decimal(-1000)
    assert c.non_us_content == Decimal(5000)
    assert "materials exceed" in c.note


def test_note_states_the_proxy() -> None:
    note = content_figures(good(transaction_value="1.00"), [], PARTIES).note
    assert "wholly obtained, produced entirely or substantially transformed in the US" in note
    assert "US-content declarations" in note
    assert "proxy" in note
    assert "README" not in note


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**8),
            st.sampled_from(["US", "MX", "CA", "CN", "DE", None]),
        ),
        max_size=8,
    )
)
def test_the_origin_groups_add_up_to_the_materials(lines) -> None:
    bom = [line(f"P{i}", "8708.99", Decimal(v) / 100, country=c) for i, (v, c) in enumerate(lines)]
    c = content_figures(good(), bom, PARTIES)
    assert c.usmca_content + c.non_usmca_content + c.unknown_origin == c.materials
    assert c.us_content <= c.usmca_content
