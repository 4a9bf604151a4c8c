"""The GN 11(o) reader, phrase by phrase, and the generated files as a whole.

Each test feeds the reader one phrase of the law (as printed in the vendored source) and
states the exact structure it must become, so a change in the reader shows up as a change in
meaning, not only as a diff of generated YAML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from roo_check.rulebook.schema import PsrFile
from roo_check.rulegen.general_rules import block_rules, subheading_rule
from roo_check.rulegen.gn11 import (
    OLDER_CODES,
    Gn11ParseError,
    build_chapter,
    build_rules,
    generate,
    parse_alternative,
    parse_codes,
    parse_header,
    parse_prefix,
    parse_proviso,
    read_proviso,
    read_rule,
    split_alternatives,
    strip_notes,
)
from roo_check.rulegen.source import GeneralBlock, RuleLine, read_source

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "rules" / "usmca" / "source"
RULES = ROOT / "rules" / "usmca" / "annex-4b"

RVC_60_50 = (
    "provided there is a regional value content of not less than: (1) 60 percent where the "
    "transaction value method is used; or (2) 50 percent where the net cost method is used"
)
TV60_NC50 = {"transaction_value": "60", "net_cost": "50"}


def alt(text: str, scope: list[str], label: str = "A") -> dict[str, Any]:
    """Read one alternative; the notes it makes are checked where they matter."""
    return parse_alternative(label, text, scope, [])


def shift_of(text: str, scope: list[str]) -> dict[str, Any]:
    return alt(text, scope)["shift"]


# --- text and codes ---------------------------------------------------------------------------


def test_strip_notes_cuts_extractor_notes_and_keeps_them() -> None:
    text, notes = strip_notes(
        "A change to subheading[s sic] 8403.10 from any other heading; or [sic: no semicolon] (B)"
    )
    assert text == "A change to subheading 8403.10 from any other heading; or (B)"
    assert notes == ["[s sic]", "[sic: no semicolon]"]


def test_strip_notes_leaves_no_space_before_punctuation() -> None:
    assert strip_notes("within thatgroup [sic].")[0] == "within thatgroup."


def test_codes_are_written_like_the_law() -> None:
    notes: list[str] = []
    assert parse_codes("subheadings", "8413.50 through 8413.60", notes) == ["8413.50-8413.60"]
    assert parse_codes("tariff items", "8466.93.15, 8466.93.30 or 8466.93.53", notes) == [
        "8466.93.15",
        "8466.93.30",
        "8466.93.53",
    ]
    assert parse_codes("headings", "7208 through 7229 or 7301 through 7326", notes) == [
        "7208-7229",
        "7301-7326",
    ]
    assert parse_codes("tariff items", "8482.99.05, 8482.99.15 and 8482.99.25", notes) == [
        "8482.99.05",
        "8482.99.15",
        "8482.99.25",
    ]
    assert notes == []


def test_a_heading_printed_with_a_dot_is_read_as_the_heading_and_noted() -> None:
    notes: list[str] = []
    assert parse_codes("heading", "84.31", notes) == ["8431"]
    assert notes == ['heading printed as "84.31" is read as heading 8431']


def test_a_code_of_the_wrong_level_is_refused() -> None:
    with pytest.raises(Gn11ParseError):
        parse_codes("subheading", "8471", [])


# --- splitting a rule into alternatives ---------------------------------------------------------


def test_unlettered_rule_is_one_alternative_a() -> None:
    header, alts = split_alternatives("A change to heading 8449 from any other heading.")
    assert header == ""
    assert alts == [("A", "A change to heading 8449 from any other heading")]


def test_nested_numbering_and_rvc_letters_are_not_alternatives() -> None:
    body = (
        "A change to subheadings 8407.10 through 8407.29 from any other heading, provided there "
        "is a regional value content of not less than: (A) 60 percent where the transaction "
        "value method is used; or (B) 50 percent where the net cost method is used."
    )
    _, alts = split_alternatives(body)
    assert [label for label, _ in alts] == ["A"]
    assert alts[0][1] == body.rstrip(".")


def test_more_than_one_list_letters_are_not_alternatives() -> None:
    body = (
        "(A) A change to subheading 8459.21 from any other heading, except from more than one of "
        "the following: (1) subheadings 8413.50 through 8413.60, (2) subheading 8537.10; or (B) A "
        "change to subheading 8459.21 from more than one of the following: (1) subheadings "
        "8413.50 through 8413.60, (2) subheading 8537.10, (C) Whether or not there is also a "
        "change from any other heading, " + RVC_60_50 + "."
    )
    _, alts = split_alternatives(body)
    assert [label for label, _ in alts] == ["A", "B"]
    assert alts[1][1].endswith("net cost method is used")


def test_phase_preamble_is_kept_out_of_alternatives() -> None:
    body = (
        "Beginning on July 1, 2025, and thereafter, the following rules of origin shall apply to "
        "subheading 8504.90: (a) A change to subheading 8504.90 from any other heading, except "
        "from headings 7225, 7226 or 7326; or (b) No change in tariff classification to a good "
        "of subheading 8504.90, provided there is a regional value content of not less than: "
        "(i) 65 percent where the transaction value method is used; or (ii) 55 percent where "
        "the net cost method is used."
    )
    header, alts = split_alternatives(body)
    assert header.startswith("Beginning on July 1, 2025")
    assert [label for label, _ in alts] == ["a", "b"]
    assert alts[0][1] == (
        "A change to subheading 8504.90 from any other heading, except from headings 7225, 7226 "
        "or 7326"
    )


# --- rule preambles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preamble", "end_use"),
    [
        (
            "For a good of subheadings 8407.31 through 8407.34 for use in a passenger vehicle or "
            "light truck:",
            ["passenger_vehicle", "light_truck"],
        ),
        ("For a good of subheading 8408.20 for use in a heavy truck:", ["heavy_truck"]),
        ("For a good of heading 8706 for use in heavy truck:", ["heavy_truck"]),
        (
            "For a good of subheading 8708.10 for use in a passenger vehicle, light truck, or "
            "heavy truck:",
            ["passenger_vehicle", "light_truck", "heavy_truck"],
        ),
        (
            "For any other good of subheading 8708.99 for use in a heavy truck or for any other "
            "good of subheading 8708.99 for use in a passenger vehicle or light truck:",
            ["passenger_vehicle", "light_truck", "heavy_truck"],
        ),
    ],
)
def test_end_use_preambles(preamble: str, end_use: list[str]) -> None:
    header = parse_header(preamble)
    assert header.end_use == end_use
    assert header.good is None


def test_any_other_good_preamble() -> None:
    header = parse_header("For any other good of headings 8407.31 through 8407.34:")
    assert (header.end_use, header.good, header.any_other) == (None, None, True)


def test_kind_of_good_preambles() -> None:
    engine = parse_header(
        "For a compression-ignition internal combustion piston engine of subheading 8408.20 "
        "used for a light truck:"
    )
    assert engine.good == "compression-ignition internal combustion piston engine"
    assert engine.end_use == ["light_truck"]
    stamping = parse_header(
        "For a body stamping of subheading 8708.29 for use in a passenger vehicle or light truck:"
    )
    assert (stamping.good, stamping.end_use) == (
        "body stamping",
        ["passenger_vehicle", "light_truck"],
    )
    glass = parse_header(
        "The following rule applies to a good of tariff items 8540.12.10 and 8540.12.50 "
        "incorporating a glass envelope referred to in subparagraph (b) of chapter rule 4 of "
        "chapter 85:"
    )
    assert glass.good == (
        "incorporating a glass envelope referred to in subparagraph (b) of chapter rule 4 of "
        "chapter 85"
    )
    assert glass.end_use is None


def test_phase_preambles_give_dates() -> None:
    first = parse_header(
        "Beginning on July 1, 2020 until July 1, 2025, the following rules of origin shall apply "
        "to subheadings 8504.21 through 8504.34:"
    )
    assert (first.effective_from, first.effective_to) == (dt.date(2020, 7, 1), dt.date(2025, 7, 1))
    second = parse_header(
        "Beginning on July 1, 2025, and thereafter, the following rules of origin shall apply to "
        "subheading 8504.90:"
    )
    assert (second.effective_from, second.effective_to) == (dt.date(2025, 7, 1), None)


def test_unknown_preamble_is_refused() -> None:
    with pytest.raises(Gn11ParseError):
        parse_header("Notwithstanding anything else:")


# --- shifts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scope", "level"),
    [
        ("A change to subheading 8548.10 from any other chapter", ["8548.10"], "chapter"),
        ("A change to heading 8449 from any other heading", ["8449"], "heading"),
        ("A change to subheading 8406.10 from any other subheading", ["8406.10"], "subheading"),
        (
            "A change to tariff item 8415.90.40 from any other tariff item",
            ["8415.90.40"],
            "tariff_item",
        ),
    ],
)
def test_from_any_other_level(text: str, scope: list[str], level: str) -> None:
    assert alt(text, scope) == {"label": "A", "shift": {"from_any_other": level}, "text": text}


def test_outside_that_group() -> None:
    assert shift_of(
        "A change to subheadings 8406.81 through 8406.82 from any subheading outside that group",
        ["8406.81-8406.82"],
    ) == {"from_any_other": "subheading", "outside_group": True}
    assert shift_of(
        "A change to headings 8444 through 8447 from any heading outside that group, except "
        "from heading 8448",
        ["8444-8447"],
    ) == {"from_any_other": "heading", "outside_group": True, "except": ["8448"]}


def test_including_another_subheading_within_that_group_is_plain_ctsh() -> None:
    assert shift_of(
        "A change to subheadings 8412.10 through 8412.80 from any other subheading, including "
        "another subheading within that group",
        ["8412.10-8412.80"],
    ) == {"from_any_other": "subheading"}


def test_except_from_any_subheading_within_that_group_is_outside_group() -> None:
    assert shift_of(
        "A change to subheadings 8539.10 through 8539.49 from any other subheading, except from "
        "any subheading within that group",
        ["8539.10-8539.49"],
    ) == {"from_any_other": "subheading", "outside_group": True}


@pytest.mark.parametrize(
    ("words", "codes"),
    [
        ("heading 8473", ["8473"]),
        ("headings 8406, 8411, 8501 or 8503", ["8406", "8411", "8501", "8503"]),
        ("subheadings 8501.32 or 8501.52", ["8501.32", "8501.52"]),
        (
            "tariff items 8466.93.15, 8466.93.30 or 8466.93.53",
            ["8466.93.15", "8466.93.30", "8466.93.53"],
        ),
        ("subheadings 8413.50 through 8413.60", ["8413.50-8413.60"]),
        ("headings 7208 through 7229 or 7301 through 7326", ["7208-7229", "7301-7326"]),
        ("chapter 54", ["54"]),
        (
            "tariff items 8466.93.15, 8466.93.30 or 8466.93.53, or subheadings 8501.32 or 8501.52",
            ["8466.93.15", "8466.93.30", "8466.93.53", "8501.32", "8501.52"],
        ),
    ],
)
def test_except_from_codes(words: str, codes: list[str]) -> None:
    assert shift_of(
        f"A change to heading 8502 from any other heading, except from {words}", ["8502"]
    ) == {"from_any_other": "heading", "except": codes}


def test_except_from_more_than_one_of_the_following() -> None:
    assert shift_of(
        "A change to subheading 8456.10 from any other heading, except from more than one of the "
        "following: (A) tariff items 8466.93.15, 8466.93.30 or 8466.93.53, (B) subheading "
        "8537.10, (C) subheading 9013.20",
        ["8456.10"],
    ) == {
        "from_any_other": "heading",
        "except_more_than_one_of": {
            "groups": [["8466.93.15", "8466.93.30", "8466.93.53"], ["8537.10"], ["9013.20"]]
        },
    }


def test_except_from_a_code_or_more_than_one_of_the_following() -> None:
    assert shift_of(
        "A change to subheading 8477.10 from any other subheading, except from tariff item "
        "8477.90.25 or more than one of the following: (A) Tariff item 8477.90.45, (B) "
        "Subheading 8537.10",
        ["8477.10"],
    ) == {
        "from_any_other": "subheading",
        "except": ["8477.90.25"],
        "except_more_than_one_of": {"groups": [["8477.90.45"], ["8537.10"]]},
    }


def test_from_more_than_one_of_the_following_with_rvc() -> None:
    text = (
        "A change to subheading 8459.21 from more than one of the following: (1) subheadings "
        "8413.50 through 8413.60, (2) tariff items 8466.93.15, 8466.93.30 or 8466.93.53, (3) "
        "subheadings 8501.32 or 8501.52, (4) subheading 8537.10, (C) Whether or not there is "
        "also a change from any other heading, " + RVC_60_50
    )
    notes: list[str] = []
    result = parse_alternative("B", text, ["8459.21"], notes)
    assert result == {
        "label": "B",
        "shift": {
            "from_any_other": "heading",
            "from": [
                "8413.50-8413.60",
                "8466.93.15",
                "8466.93.30",
                "8466.93.53",
                "8501.32",
                "8501.52",
                "8537.10",
            ],
        },
        "rvc": TV60_NC50,
        "text": text,
    }
    assert notes  # the lettered "(C) Whether ..." reading is recorded


def test_from_a_subheading_whether_or_not_any_other_heading() -> None:
    text = (
        "A change to subheadings 8402.11 through 8402.20 from subheading 8402.90, whether or not "
        "there is also a change from any other heading, " + RVC_60_50
    )
    assert alt(text, ["8402.11-8402.20"], "B") == {
        "label": "B",
        "shift": {"from_any_other": "heading", "from": ["8402.90"]},
        "rvc": TV60_NC50,
        "text": text,
    }


def test_from_tariff_items_or_any_other_heading() -> None:
    assert shift_of(
        "A change to tariff items 8406.90.20 or 8406.90.50 from tariff items 8406.90.30 or "
        "8406.90.60 or any other heading",
        ["8406.90.20", "8406.90.50"],
    ) == {"from_any_other": "heading", "from": ["8406.90.30", "8406.90.60"]}


def test_from_a_subheading_alone() -> None:
    assert shift_of(
        "A change to subheadings 8415.20 through 8415.83 from subheading 8415.10",
        ["8415.20-8415.83"],
    ) == {"from": ["8415.10"]}


def test_any_other_good_within_that_subheading_or_any_other_subheading() -> None:
    assert shift_of(
        "A change to a good of subheading 8435.10 from any other good within that subheading or "
        "any other subheading",
        ["8435.10"],
    ) == {"from_any_other": "subheading", "within_good": True}
    assert shift_of(
        "A change to a good of any of subheadings 8443.31 through 8443.39 from any other good "
        "within that subheading or any other subheading, including another subheading within "
        "that group",
        ["8443.31-8443.39"],
    ) == {"from_any_other": "subheading", "within_good": True}


def test_any_other_good_within_that_subheading_named_codes_or_any_other_heading() -> None:
    result = alt(
        "A change to water-jet cutting machinery of subheading 8456.90 from any other good within "
        "that subheading, subheadings 8456.10 through 8456.30 or any other heading, except from "
        "subheading 8466.93 or heading 8479",
        ["8456.90"],
    )
    assert result["good"] == "water-jet cutting machinery"
    assert result["shift"] == {
        "from_any_other": "heading",
        "within_good": True,
        "from": ["8456.10-8456.30"],
        "except": ["8466.93", "8479"],
    }


def test_any_other_good_within_a_named_subheading() -> None:
    assert shift_of(
        "A change to tariff item 8406.90.20 or 8406.90.50 from any other good within subheading "
        "8406.90, whether or not there is also a change from tariff items 8406.90.30 or "
        "8406.90.60 or any other heading",
        ["8406.90.20", "8406.90.50"],
    ) == {"from_any_other": "heading", "within_good": True, "from": ["8406.90.30", "8406.90.60"]}


def test_only_source_another_good_of_the_same_subheading() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "A",
        "A change of subheading 8529.90 from any other good within the same subheading",
        ["8529.90"],
        notes,
    )
    # The engine tests `from` before within_good, so the own code is named in words instead.
    assert result["shift"] == {
        "within_good": True,
        "from_goods": [{"kind": "any other good", "codes": ["8529.90"]}],
    }
    assert notes


def test_any_other_good_of_codes() -> None:
    assert shift_of(
        "A change to gear boxes of subheading 8708.40 from any other good of subheadings 8708.40 "
        "or 8708.99, whether or not there is also a change from any other heading",
        ["8708.40"],
    ) == {"from_any_other": "heading", "within_good": True, "from": ["8708.99"]}


def test_any_other_tariff_item_within_a_subheading() -> None:
    result = alt(
        "A change to any other tariff item within subheading 8471.80 from tariff items 8471.80.10 "
        "or 8471.80.40 or any other subheading, except from subheading 8471.49",
        ["8471.80"],
    )
    assert "good" not in result and "other_goods" not in result
    assert result["shift"] == {
        "from_any_other": "subheading",
        "from": ["8471.80.10", "8471.80.40"],
        "except": ["8471.49"],
    }


def test_any_other_subheading_within_that_group_covered_by_any_other_subheading() -> None:
    assert shift_of(
        "A change to subheadings 8544.11 through 8544.60 from any other subheading within that "
        "group or headings 7408, 7413, 7605 or 7614, whether or not there is also a change from "
        "any other subheading",
        ["8544.11-8544.60"],
    ) == {"from_any_other": "subheading", "from": ["7408", "7413", "7605", "7614"]}


def test_any_other_subheading_within_the_own_heading_is_ctsh() -> None:
    assert shift_of(
        "A change to subheading 8518.90 from any other subheading within heading 8518, whether or "
        "not there is also a change from any other heading",
        ["8518.90"],
    ) == {"from_any_other": "subheading"}


def test_any_other_subheading_within_that_group_otherwise_is_a_condition() -> None:
    result = alt(
        "A change to subheadings 8443.11 through 8443.19 from any other subheading within that "
        "group or subheading 8443.91, whether or not there is also a change from any other "
        "heading",
        ["8443.11-8443.19"],
    )
    assert result["shift"] == {
        "from_any_other": "heading",
        "from": ["8443.11-8443.19", "8443.91"],
    }
    assert len(result["conditions"]) == 1


# --- no change in tariff classification --------------------------------------------------------


def test_no_change_with_rvc() -> None:
    text = "No change in tariff classification to a good of subheading 8402.90, " + RVC_60_50
    assert alt(text, ["8402.90"], "B") == {"label": "B", "rvc": TV60_NC50, "text": text}


def test_no_change_alone() -> None:
    text = "No change in tariff classification to a good of subheadings 8541.10 through 8542.90"
    assert alt(text, ["8541.10-8542.90"]) == {"label": "A", "text": text}


def test_no_change_required() -> None:
    text = "No change in tariff classification required, " + RVC_60_50
    assert alt(text, ["8402.90"]) == {"label": "A", "rvc": TV60_NC50, "text": text}


# --- regional value content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proviso", "rvc"),
    [
        (RVC_60_50, TV60_NC50),
        (
            "provided there is a regional value content of not less than: (A) 60 percent where "
            "the transaction value method is used; or (B) 50 percent where the net cost method "
            "is used",
            TV60_NC50,
        ),
        (
            "provided there is a regional value content of not less than: (i) 65 percent where "
            "the transaction value method is used; or (ii) 55 percent where the net cost method "
            "is used",
            {"transaction_value": "65", "net_cost": "55"},
        ),
        (
            "provided there is a regional value content of not less than 75 percent under the "
            "net cost method",
            {"net_cost": "75"},
        ),
        (
            "provided there is a regional value content of at least 75 percent under the net "
            "cost method",
            {"net_cost": "75"},
        ),
        (
            "provided there is a regional value content of not less than 62.5 percent under the "
            "net cost method",
            {"net_cost": "62.5"},
        ),
        (
            "provided there is a regional value content of not less than: (2) 50 percent where "
            "the net cost method is used. (1) 60 percent where the transaction value method is "
            "used; or",
            TV60_NC50,
        ),
        (
            "provided there is a regional value content of not less than: (1) 60 percent where "
            "the transaction value method; or (2) 50 percent where the net cost method is used",
            TV60_NC50,
        ),
        (
            "provided there is also a regional value content of not less than: (1) 60 percent "
            "where the transaction value method is used or (2) 50 percent where the net cost "
            "method is used",
            TV60_NC50,
        ),
        (
            "provided that the regional value content is: (1) 85 percent where the transaction "
            "value method is used; or (2) 75 percent where the net cost method is used",
            {"transaction_value": "85", "net_cost": "75"},
        ),
        (
            "provided there is regional value content of not less than 70 percent under the net "
            "cost method",
            {"net_cost": "70"},
        ),
    ],
)
def test_rvc_wordings(proviso: str, rvc: dict[str, str]) -> None:
    assert parse_proviso(proviso) == (rvc, [])


def test_other_provisos_are_conditions_in_the_laws_words() -> None:
    proviso = (
        "provided that at least 70 percent by weight of the materials of headings 7208 through "
        "7229 or 7301 through 7326 is originating"
    )
    assert parse_proviso(proviso) == (None, [proviso])
    result = alt(
        "A change to subheadings 8525.50 through 8525.60 from any subheading outside that group, "
        "provided that, with respect to printed circuit assemblies (PCAs) of subheading 8529.90: "
        "(A) Except as provided in subparagraph (B), for each multiple of nine PCAs, or any "
        "portion thereof, that is contained in the good, only one PCA may be a nonoriginating "
        "PCA; and (B) If the good contains less than three PCAs, all of the PCAs must be "
        "originating PCAs",
        ["8525.50-8525.60"],
    )
    assert result["shift"] == {"from_any_other": "subheading", "outside_group": True}
    assert "rvc" not in result
    assert result["conditions"][0].startswith("provided that, with respect to printed circuit")


# --- kinds of goods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "scope", "good"),
    [
        (
            "water-jet cutting machinery of subheading 8456.90",
            ["8456.90"],
            "water-jet cutting machinery",
        ),
        (
            "a passenger vehicle of subheadings 8703.21 through 8703.90",
            ["8703.21-8703.90"],
            "passenger vehicle",
        ),
        ("a light truck of subheading 8704.21", ["8704.21"], "light truck"),
        (
            "a vehicle solely or principally for off-road use of subheading 8704.21",
            ["8704.21"],
            "vehicle solely or principally for off-road use",
        ),
        (
            "a motor vehicle for the transport of 15 or fewer persons of subheading 8702.10",
            ["8702.10"],
            "motor vehicle for the transport of 15 or fewer persons",
        ),
        (
            "drive-axles with differential, whether or not provided with other transmission "
            "components, for vehicles of heading 8703, of subheading 8708.50",
            ["8708.50"],
            "drive-axles with differential, whether or not provided with other transmission "
            "components, for vehicles of heading 8703",
        ),
        ('"split-systems" of subheading 8415.10', ["8415.10"], "split-systems"),
    ],
)
def test_kind_of_good_in_the_to_part(target: str, scope: list[str], good: str) -> None:
    result = alt(f"A change to {target} from any other heading", scope)
    assert result["good"] == good
    assert "other_goods" not in result


def test_any_other_good_of_is_other_goods() -> None:
    result = alt(
        "A change to any other good of subheadings 8703.21 through 8703.90 from any other "
        "heading, provided there is a regional value content of not less than 62.5 percent "
        "under the net cost method",
        ["8703.21-8703.90"],
    )
    assert result["other_goods"] is True
    assert "good" not in result
    assert result["rvc"] == {"net_cost": "62.5"}


@pytest.mark.parametrize(
    "target",
    [
        "a good of subheading 8701.10",
        "a good of any of subheadings 8443.31 through 8443.39",
        "subheadings 8401.10 through 8401.30",
    ],
)
def test_a_good_of_is_not_a_kind(target: str) -> None:
    result = alt(f"A change to {target} from any other heading", ["8401.10-8401.30"])
    assert "good" not in result and "other_goods" not in result


def test_from_parts_named_in_words() -> None:
    assert shift_of(
        "A change to mounted brake linings of subheading 8708.30 from parts of mounted brake "
        "linings, brakes or servo-brakes of subheadings 8708.30 or 8708.99, whether or not "
        "there is also a change from any other heading",
        ["8708.30"],
    ) == {
        "from_any_other": "heading",
        "from_goods": [
            {
                "kind": "parts of mounted brake linings, brakes or servo-brakes",
                "codes": ["8708.30", "8708.99"],
            }
        ],
    }


def test_from_parts_thereof_or_any_other_subheading() -> None:
    assert shift_of(
        "A change to McPherson struts of subheading 8708.80 from parts thereof of subheading "
        "8708.80 or any other subheading",
        ["8708.80"],
    ) == {
        "from_any_other": "subheading",
        "from_goods": [{"kind": "parts thereof", "codes": ["8708.80"]}],
    }


def test_from_goods_or_any_other_heading() -> None:
    result = alt(
        "A change to any other good of subheading 8543.90 from electronic microassemblies of "
        "subheading 8543.90 or any other heading",
        ["8543.90"],
    )
    assert result["other_goods"] is True
    assert result["shift"] == {
        "from_any_other": "heading",
        "from_goods": [{"kind": "electronic microassemblies", "codes": ["8543.90"]}],
    }


def test_from_goods_within_that_subheading() -> None:
    assert shift_of(
        "A change to any other good of subheading 8540.79 from klystrons within that subheading "
        "or any other subheading",
        ["8540.79"],
    ) == {
        "from_any_other": "subheading",
        "from_goods": [{"kind": "klystrons", "codes": ["8540.79"]}],
    }


def test_except_goods_named_in_words() -> None:
    assert shift_of(
        "A change to subheadings 8527.12 through 8527.99 from any other subheading, including "
        "another subheading within that group, except from printed circuit assemblies (PCAs) "
        "of subheading 8529.90",
        ["8527.12-8527.99"],
    ) == {
        "from_any_other": "subheading",
        "except_goods": [{"kind": "printed circuit assemblies (PCAs)", "codes": ["8529.90"]}],
    }


def test_except_split_systems_tariff_item_and_assemblies() -> None:
    assert shift_of(
        "A change to subheadings 8415.20 through 8415.83 from any subheading outside that group, "
        'except from "split-systems" of subheading 8415.10, tariff item 8415.90.40 or '
        "assemblies incorporating more than one of the following: compressor, condenser, "
        "evaporator, connecting tubing",
        ["8415.20-8415.83"],
    ) == {
        "from_any_other": "subheading",
        "outside_group": True,
        "except": ["8415.90.40"],
        "except_goods": [
            {"kind": "split-systems", "codes": ["8415.10"]},
            {
                "kind": "assemblies incorporating more than one of the following: compressor, "
                "condenser, evaporator, connecting tubing"
            },
        ],
    }


def test_except_smart_cards() -> None:
    assert shift_of(
        'A change to subheading 8543.70 from any other subheading, except from "smart" cards, '
        "other than those containing a single integrated circuit, of subheading 8523.59",
        ["8543.70"],
    ) == {
        "from_any_other": "subheading",
        "except_goods": [
            {
                "kind": '"smart" cards, other than those containing a single integrated circuit',
                "codes": ["8523.59"],
            }
        ],
    }


def test_an_alternative_for_some_tariff_items_of_the_rule_is_limited_to_them() -> None:
    result = alt(
        "A change to tariff items 8708.99.03, 8708.99.27 or 8708.99.55 from any other "
        "subheading, provided there is a regional value content of not less than 70 percent "
        "under the net cost method",
        ["8708.99"],
    )
    assert result["only_for"] == ["8708.99.03", "8708.99.27", "8708.99.55"]
    assert "conditions" not in result


def test_an_alternative_that_names_another_provision_is_conditioned() -> None:
    result = alt(
        "No change in tariff classification to a good of subheading 8409.91, provided there is "
        "a regional value content of not less than 75 percent under the net cost method",
        ["8409.99"],
    )
    assert result["rvc"] == {"net_cost": "75"}
    assert "suspected transcription error" in result["conditions"][0]


def test_unreadable_alternative_is_refused() -> None:
    with pytest.raises(Gn11ParseError):
        alt("Originating if assembled in a Party", ["8401.40"])


# --- the generated files ----------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _all_rules() -> list[dict[str, Any]]:
    return [r for path in sorted(RULES.glob("chapter-*.yaml")) for r in _load(path)["rules"]]


def test_regenerating_gives_the_committed_files(tmp_path: Path) -> None:
    written = generate(SOURCE, tmp_path)
    assert [p.name for p in written] == sorted(p.name for p in RULES.glob("chapter-*.yaml"))
    for path in written:
        assert path.read_bytes() == (RULES / path.name).read_bytes(), (
            f"{path.name} is stale: run python -m roo_check.rulegen.gn11 --source "
            "rules/usmca/source --out rules/usmca/annex-4b"
        )


@pytest.mark.parametrize("chapter", [84, 85, 87])
def test_generated_files_validate(chapter: int) -> None:
    data = _load(RULES / f"chapter-{chapter}.yaml")
    psr = PsrFile.model_validate(data)
    assert psr.chapter == chapter
    assert psr.source.verified is False
    assert all(r.id.startswith(f"PSR-{chapter}") for r in psr.rules)


def test_rule_ids_are_unique_across_files() -> None:
    ids = [r["id"] for r in _all_rules()]
    assert len(ids) == len(set(ids))


def test_rule_counts_per_chapter() -> None:
    counts = {c: len(_load(RULES / f"chapter-{c}.yaml")["rules"]) for c in (84, 85, 87)}
    assert counts == {84: 254, 85: 126, 87: 61}


def test_ids_suffixes_and_rule_level_fields() -> None:
    rules = {r["id"]: r for r in _all_rules()}
    assert rules["PSR-8406.90.20-8406.90.50"]["scope"] == ["8406.90.20", "8406.90.50"]
    assert rules["PSR-8444-8447"]["scope"] == ["8444-8447"]
    assert rules["PSR-8407.31-8407.34-PVLT"]["end_use"] == ["passenger_vehicle", "light_truck"]
    assert rules["PSR-8407.31-8407.34-HT"]["end_use"] == ["heavy_truck"]
    assert rules["PSR-8407.31-8407.34-OTHER"]["end_use"] == ["other"]
    assert rules["PSR-8408.20-K1"]["good"] == (
        "compression-ignition internal combustion piston engine"
    )
    assert rules["PSR-8708.29-K1"]["good"] == "body stamping"
    assert rules["PSR-8708.10-PVLTHT"]["end_use"] == [
        "passenger_vehicle",
        "light_truck",
        "heavy_truck",
    ]
    first, second = rules["PSR-8504.21-8504.34-P1"], rules["PSR-8504.21-8504.34-P2"]
    assert "effective_from" not in first and first["effective_to"] == dt.date(2025, 7, 1)
    assert second["effective_from"] == dt.date(2025, 7, 1) and "effective_to" not in second
    assert rules["PSR-8540.12.10-8540.12.50-K2"]["good"].startswith(
        "incorporating a glass envelope"
    )


def test_the_repaired_rule_is_read_from_its_repair_line() -> None:
    rule = {r["id"]: r for r in _all_rules()}["PSR-8414.59-8414.80"]
    assert rule["text"].startswith(
        "(A) A change to subheadings 8414.59 through 8414.80 from any other heading; or (B)"
    )
    first, second = rule["alternatives"]
    assert first["shift"] == {"from_any_other": "heading"} and "rvc" not in first
    assert second["shift"] == {"from_any_other": "heading", "from": ["8414.90"]}
    assert second["rvc"] == TV60_NC50
    assert rule["notes"][0].startswith("repaired: the transcription's line gn11_o_ch84-85.txt:")
    assert any("HQ H316187" in n for n in rule["notes"])


_DAMAGED = "## Chapter 84\n8414.59-8414.80: [text garbled: only a note survives]\n"
_REPAIR = (
    "## Chapter 84\n8414.59-8414.80, repair: A change to subheadings 8414.59 through 8414.80 "
    "from any other heading. [quoted in a ruling]\n"
)


def test_a_repair_takes_the_place_of_the_damaged_line(tmp_path: Path) -> None:
    _write_source(
        tmp_path,
        "gn11_o_ch84.txt",
        _DAMAGED + "8414.90: A change to subheading 8414.90 from any other heading.\n",
    )
    folder = _write_source(tmp_path, "gn11_o_supplement.txt", _REPAIR)
    lines = read_source(folder)[84].lines
    assert [(line.prefix, line.file) for line in lines] == [
        ("8414.59-8414.80", "gn11_o_supplement.txt"),
        ("8414.90", "gn11_o_ch84.txt"),
    ]
    assert lines[0].replaces is not None and lines[0].replaces.lineno == 2
    (rule, _), _ = build_rules(read_source(folder)[84])
    assert rule["id"] == "PSR-8414.59-8414.80"
    assert rule["alternatives"][0]["shift"] == {"from_any_other": "heading"}
    assert "gn11_o_ch84.txt:2 holds no legal text" in rule["notes"][0]


def test_a_repair_without_a_damaged_line_is_refused(tmp_path: Path) -> None:
    _write_source(
        tmp_path,
        "gn11_o_ch84.txt",
        "## Chapter 84\n8414.59-8414.80: A change to subheadings 8414.59 through 8414.80 from "
        "any other subheading.\n",
    )
    folder = _write_source(tmp_path, "gn11_o_supplement.txt", _REPAIR)
    with pytest.raises(Gn11ParseError, match="finds no damaged line"):
        read_source(folder)


def test_a_damaged_line_without_a_repair_is_refused(tmp_path: Path) -> None:
    folder = _write_source(tmp_path, "gn11_o_ch84.txt", _DAMAGED)
    with pytest.raises(Gn11ParseError, match="rule without legal text"):
        build_chapter(read_source(folder)[84])


_TARIFF_ITEMS_RULE = (
    "8708.99: For any other good of subheading 8708.99 for use in a heavy truck: (A) A change "
    "to tariff items 8708.99.03 or 8708.99.27 from any other subheading, provided there is a "
    "regional value content of not less than 70 percent under the net cost method.\n"
)
_RESIDUAL = (
    "For any other good of subheading 8708.99: (A) A change to subheading 8708.99 from any other "
    "heading; or (B) No change in tariff classification to a good of subheading 8708.99, "
    "provided there is a regional value content of not less than 70 percent under the net cost "
    "method.\n"
)


def test_a_continued_line_is_lettered_on_in_the_rule_it_continues(tmp_path: Path) -> None:
    folder = _write_source(
        tmp_path,
        "gn11_o_ch87.txt",
        "## Chapter 87\n" + _TARIFF_ITEMS_RULE + "8708.99, continued: " + _RESIDUAL,
    )
    rules, _ = build_rules(read_source(folder)[87])
    (rule,) = rules
    assert rule["id"] == "PSR-8708.99-HT" and rule["end_use"] == ["heavy_truck"]
    assert rule["text"] == _TARIFF_ITEMS_RULE.split(": ", 1)[1].strip() + " " + _RESIDUAL.strip()
    labels = [a["label"] for a in rule["alternatives"]]
    assert labels == ["A", "B", "C"]
    first, cth, no_change = rule["alternatives"]
    assert first["only_for"] == ["8708.99.03", "8708.99.27"]
    assert cth["not_for"] == no_change["not_for"] == ["8708.99.03", "8708.99.27"]
    assert cth["shift"] == {"from_any_other": "heading"} and no_change["rvc"] == {"net_cost": "70"}
    assert list(no_change)[-2:] == ["not_for", "text"]
    assert any(
        n.startswith("review: (B), (C) are printed as a rule of its own") for n in rule["notes"]
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("## Chapter 87\n8708.99, continued: " + _RESIDUAL, "must follow a rule"),
        (
            "## Chapter 87\n8708.99: A change to subheading 8708.99 from any other heading.\n"
            "8708.99, continued: " + _RESIDUAL,
            "names no tariff items or kinds",
        ),
        (
            "## Chapter 87\n" + _TARIFF_ITEMS_RULE + "8708.99, continued: For a good of "
            "subheading 8708.99 for use in a heavy truck: (A) A change to subheading 8708.99 "
            "from any other heading.\n",
            "no use, kind, phase or trade of its own",
        ),
    ],
)
def test_a_continuation_that_cannot_be_read_is_refused(
    tmp_path: Path, text: str, error: str
) -> None:
    folder = _write_source(tmp_path, "gn11_o_ch87.txt", text)
    with pytest.raises(Gn11ParseError, match=error):
        build_rules(read_source(folder)[87])


def test_the_8708_99_rules_are_one_per_use_and_kind() -> None:
    rules = {r["id"]: r for r in _all_rules() if r["provision"] == "8708.99"}
    assert list(rules) == [
        "PSR-8708.99-K1",
        "PSR-8708.99-K2",
        "PSR-8708.99-PVLTHT",
        "PSR-8708.99-OTHER",
    ]
    for rule_id, percent in (("PSR-8708.99-PVLTHT", "70"), ("PSR-8708.99-OTHER", "50")):
        alternatives = rules[rule_id]["alternatives"]
        assert [a["label"] for a in alternatives] == ["A", "B", "C", "D", "E"]
        assert {a["rvc"]["net_cost"] for a in alternatives if "rvc" in a} == {percent}
        assert alternatives[3]["not_for"] == alternatives[4]["not_for"]
        assert (
            alternatives[0]["only_for"] + alternatives[1]["only_for"] == alternatives[3]["not_for"]
        )
    assert rules["PSR-8708.99-OTHER"]["end_use"] == ["other"]


# --- phrases of the other chapters ------------------------------------------------------------


def test_one_digit_chapters_and_bare_codes() -> None:
    result = alt(
        "A change to tariff items 1901.10.05 or 1901.10.15 from any other chapter, except from "
        "chapter 4",
        ["1901.10.05", "1901.10.15"],
    )
    assert result["shift"] == {"from_any_other": "chapter", "except": ["04"]}
    notes: list[str] = []
    shift = parse_alternative(
        "A", "A change to heading 4104 from any other heading, except from 4107", ["4104"], notes
    )["shift"]
    assert shift == {"from_any_other": "heading", "except": ["4107"]}
    assert notes == ['(A) "4107" printed without its level is read as heading 4107']


def test_an_eight_digit_subheading_is_read_as_a_tariff_item() -> None:
    notes: list[str] = []
    assert parse_codes("subheading", "9017.90.01", notes) == ["9017.90.01"]
    assert "tariff item" in notes[0]


def test_any_heading_is_read_as_the_stricter_any_other_heading() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "A",
        "A change to heading 5111 from any heading, except from headings 5106 through 5110",
        ["5111"],
        notes,
    )
    assert result["shift"] == {"from_any_other": "heading", "except": ["5106-5110"]}
    assert "stricter" in notes[0]


def test_heading_outside_that_group_without_any() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "A",
        "A change to headings 3701 through 3703 from heading outside that group",
        ["3701-3703"],
        notes,
    )
    assert result["shift"] == {"from_any_other": "heading", "outside_group": True}
    assert notes


def test_except_followed_by_codes_without_from() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "a",
        "A change to subheading 5801.36 from any other chapter, except headings 5106 through "
        "5113, chapter 54",
        ["5801.36"],
        notes,
    )
    assert result["shift"] == {"from_any_other": "chapter", "except": ["5106-5113", "54"]}
    assert notes == ['(a) "except" followed by codes is read as "except from"']


def test_any_other_subheading_within_the_chapter_with_any_other_chapter() -> None:
    result = alt(
        "A change to cranberry juice mixtures of subheading 2009.90 from any other subheading "
        "within chapter 20, except from subheadings 2009.11 through 2009.39 or subheading "
        "2009.81, whether or not there is also a change from any other chapter, " + RVC_60_50,
        ["2009.90"],
    )
    assert result["good"] == "cranberry juice mixtures"
    assert result["shift"] == {
        "from_any_other": "subheading",
        "except": ["2009.11-2009.39", "2009.81"],
    }
    assert result["rvc"] == TV60_NC50


def test_two_any_other_levels_read_as_the_finer() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "B",
        "A change to subheading 8108.90 from any other subheading, whether or not there is also "
        "a change from any other chapter, " + RVC_60_50,
        ["8108.90"],
        notes,
    )
    assert result["shift"] == {"from_any_other": "subheading"}
    assert "read as" in notes[0]


def test_a_change_without_its_goods_is_read_as_the_rules_provision() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "B",
        "A change from any other subheading whether or not there is also a change from any "
        "other chapter, " + RVC_60_50,
        ["8108.20"],
        notes,
    )
    assert result["shift"] == {"from_any_other": "subheading"}
    assert "missing" in notes[0]


def test_a_label_without_its_opening_parenthesis() -> None:
    notes: list[str] = []
    _, alts = split_alternatives(
        "(a) A change to heading 7313 from any other heading; (b) A change to heading 7313 from "
        "heading 7208; or c) No change in tariff classification to a good of heading 7313",
        notes,
    )
    assert [label for label, _ in alts] == ["a", "b", "c"]
    assert notes == ['the letter printed as "c)" is read as (c)']


def test_no_required_change_wordings() -> None:
    result = alt(
        "No required tariff change to Liquid Crystal Display Assemblies of subheading 9013.80 "
        "provided there is a regional value content of not less than: (1) 40 percent where the "
        "transaction value method is used; or (2) 30 percent where the net cost method is used",
        ["9013.80"],
        "B",
    )
    assert result["good"] == "Liquid Crystal Display Assemblies"
    assert result["rvc"] == {"transaction_value": "40", "net_cost": "30"}
    volume = alt(
        "No required change in tariff classification to a good of subheadings 2208.30 through "
        "2208.70, provided that the nonoriginating alcoholic ingredients constitute no more than "
        "10 percent of the alcoholic content of the good by volume",
        ["2208.30-2208.70"],
    )
    assert "shift" not in volume and "rvc" not in volume
    assert volume["conditions"][0].endswith("of the good by volume")


def test_no_change_except_for_a_good_takes_that_good_out_of_the_alternative() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "B",
        "No change in tariff classification to a good of subheadings 2901.10 through 2942.00, "
        "except for a good of subheading 2916.32 whether or not there is also a change from any "
        "other subheading, provided there is a regional value content of not less than: (1) 40 "
        "percent where the transaction value method is used; or (2) 30 percent where the net "
        "cost method is used",
        ["2901.10-2942.00"],
        notes,
    )
    assert result["rvc"] == {"transaction_value": "40", "net_cost": "30"}
    assert result["not_for"] == ["2916.32"]
    assert "conditions" not in result
    assert "no effect" in notes[0]


def test_rvc_without_the_word_method() -> None:
    rvc, conditions = parse_proviso(
        "provided there is a regional value content of not less than: (1) 60 percent where the "
        "transaction value is used; or (2) 50 percent where the net cost method is used"
    )
    assert (rvc, conditions) == (TV60_NC50, [])


def test_by_weight_proviso_is_a_weight_requirement() -> None:
    result = alt(
        "A change to headings 7305 through 7307 from headings 7208 through 7229 or 7301 through "
        "7326, provided that at least 70 percent by weight of the materials of headings 7208 "
        "through 7229 or headings 7301 through 7326 is originating",
        ["7305-7307"],
        "b",
    )
    assert result["shift"] == {"from": ["7208-7229", "7301-7326"]}
    assert result["weight_requirement"] == {
        "materials": ["7208-7229", "7301-7326"],
        "min_originating_percent": "70",
    }
    assert "conditions" not in result


def test_polymer_content_is_a_weight_requirement() -> None:
    notes: list[str] = []
    result = parse_alternative(
        "A",
        "A change to headings 3901 through 3915 from any other heading, including another "
        "heading within that group, provided that the originating polymer content of headings "
        "3901 through 3915 is not less than 50 percent by weight of the total polymer content",
        ["3901-3915"],
        notes,
    )
    assert result["weight_requirement"] == {
        "materials": ["3901-3915"],
        "min_originating_percent": "50",
    }
    assert "total polymer content" in notes[0]


def test_process_provisos() -> None:
    chemical = alt(
        "A change to subheadings 2707.10 through 2707.91 from any other subheading within "
        "heading 2707, whether or not there is also a change from any other heading, provided "
        "that the good resulting from such change is the product of a chemical reaction",
        ["2707.10-2707.91"],
    )
    assert chemical["process"] == ["chemical reaction"]
    assert chemical["shift"] == {"from_any_other": "subheading"}
    metals = alt(
        "No change in tariff classification to a good of subheading 7106.91, whether or not "
        "there is also a change from another subheading, provided that the nonoriginating "
        "materials undergo electrolytic, thermal or chemical separation or alloying",
        ["7106.10-7106.92"],
    )
    assert metals["process"] == [
        "electrolytic separation",
        "thermal separation",
        "chemical separation",
        "alloying",
    ]
    assert metals["only_for"] == ["7106.91"]


def test_production_as_the_result_of_processes() -> None:
    result = alt(
        "Production of any good of heading 2710 as the result of atmospheric distillation, "
        "vacuum distillation, catalytic hydroprocessing, catalytic reforming, alkylation, "
        "catalytic cracking, thermal cracking, coking or isomerization",
        ["2710"],
        "B",
    )
    assert "good" not in result and "shift" not in result
    assert result["process"][0] == "atmospheric distillation"
    assert result["process"][-1] == "isomerization" and len(result["process"]) == 9


@pytest.mark.parametrize(
    ("proviso", "process", "conditions"),
    [
        (
            "provided that the good is both cut (or knit to shape) and sewn or otherwise assembled "
            "in the territory of one or more of the USMCA countries",
            [
                "cut and sewn or otherwise assembled",
                "knit to shape and sewn or otherwise assembled",
            ],
            [],
        ),
        (
            "provided that the good is both cut and sewn or otherwise assembled in the territory "
            "of one or more of the USMCA countries",
            ["cut and sewn or otherwise assembled"],
            [],
        ),
        (
            "provided the good is cut or knit to shape, or both, and sewn or otherwise assembled "
            "in the territory of one or more of the USMCA countries",
            [
                "cut and sewn or otherwise assembled",
                "knit to shape and sewn or otherwise assembled",
            ],
            [],
        ),
        (
            "provided that the good, exclusive of collar, cuffs, waistband or elastic, is wholly of "
            "such fabric and the good is both cut and sewn or otherwise assembled in the territory "
            "of one or more of the USMCA countries, and such goods will not be subject to chapter "
            "rules 2 through 4 of this chapter",
            ["cut and sewn or otherwise assembled"],
            [
                "the good, exclusive of collar, cuffs, waistband or elastic, is wholly of such fabric"
            ],
        ),
    ],
)
def test_textile_assembly_provisos(proviso: str, process: list[str], conditions: list[str]) -> None:
    result = read_proviso(proviso)
    assert (result.process, result.conditions, result.rvc, result.weight) == (
        process,
        conditions,
        None,
        None,
    )
    if "not be subject" in proviso:
        assert result.notes[0].startswith("the rule exempts these goods")


def test_except_for_changes_resulting_from_processes_keeps_its_inner_proviso() -> None:
    text = (
        "A change to subheading 7308.10 from any other heading, except for changes resulting "
        "from the following processes performed on angles, shapes, or sections of heading 7216: "
        "(i) drilling; (iv) adding weldments, provided that the maximum dimension of the "
        "weldments is not greater than the dimension between the flanges; or (v) painting"
    )
    result = alt(text, ["7308.10"], "a")
    assert result["shift"] == {"from_any_other": "heading"}
    assert result["conditions"] == [text[text.index("except for changes") :]]


def test_kind_named_around_the_codes_of_the_rule() -> None:
    hides = alt(
        "A change to hides or skins of heading 4101 which have undergone a tanning (including "
        "pre-tanning) process which is reversible from any other good of heading 4101 or any "
        "other chapter",
        ["4101"],
    )
    assert hides["good"] == (
        "hides or skins which have undergone a tanning (including pre-tanning) process which is "
        "reversible"
    )
    assert hides["shift"] == {"from_any_other": "chapter", "within_good": True}
    sweaters = alt(
        "A change to sweaters of subheading 6110.30 classified as part of an ensemble of "
        "subheading 6103.23 from any other chapter",
        ["6103.23"],
    )
    assert sweaters["good"] == "sweaters of subheading 6110.30 classified as part of an ensemble"
    assert "conditions" not in sweaters
    smoked = alt(
        "A change to a smoked good of subheadings 0306.11 through 0308.90 from a non-smoked good "
        "within those subheadings or any other subheading",
        ["0306.11-0308.90"],
    )
    assert smoked["good"] == "smoked good"
    assert smoked["shift"] == {
        "from_any_other": "subheading",
        "from_goods": [{"kind": "non-smoked good", "codes": ["0306.11-0308.90"]}],
    }


def test_a_kind_defined_in_parentheses_and_other_than_qualifiers() -> None:
    notes: list[str] = []
    flat = parse_alternative(
        "A",
        "A change to heading 5606 from flat yarns of subheading 5402.45 (flat yarns means 7 "
        "denier/5 filament, all of nylon 66, untextured (flat) semi-dull yarns, of subheading "
        "5402.45) or any other chapter",
        ["5606"],
        notes,
    )
    assert flat["shift"] == {
        "from_any_other": "chapter",
        "from_goods": [{"kind": "flat yarns", "codes": ["5402.45"]}],
    }
    assert notes[0].startswith('(A) "flat yarns" is defined in the rule')
    strips = shift_of(
        "A change to strips or rolls of a width of 15 cm or less of heading 4823 from strips or "
        "rolls of a width exceeding 15 cm of heading 4823, other than strips or rolls of heading "
        "4823 which, but for their width, would be classified in headings 4803, 4809 or 4814, "
        "floor coverings on a base of paper or paperboard of heading 4823, or from any other "
        "heading",
        ["4823"],
    )
    assert [g["kind"] for g in strips["from_goods"]] == [
        "strips or rolls of a width exceeding 15 cm, other than strips or rolls of heading 4823 "
        "which, but for their width, would be classified in headings 4803, 4809 or 4814",
        "floor coverings on a base of paper or paperboard",
    ]


def test_any_other_good_of_another_heading_except_a_kind() -> None:
    shift = shift_of(
        "A change to subheading 9001.10 from any other good of heading 7002 except pre-forms, "
        "whether or not there is also a change from any other chapter",
        ["9001.10"],
    )
    assert shift == {
        "from_any_other": "chapter",
        "from": ["7002"],
        "except_goods": [{"kind": "pre-forms", "codes": ["7002"]}],
    }


def test_excluding_any_other_good_of_a_heading_is_a_condition() -> None:
    result = alt(
        "A change to woven fabrics of combed fine animal hair of subheading 5112.11 from yarn of "
        "combed camel hair or combed cashmere of subheading 5108.20 or any other heading, except "
        "from headings 5106 through 5107, any other good of heading 5108, or headings 5109 "
        "through 5111",
        ["5112.11"],
    )
    assert result["shift"]["except"] == ["5106-5107", "5109-5111"]
    assert result["conditions"] == ["not from any other good of heading 5108"]


def test_any_other_good_and_subheading_within_the_group_is_conditioned() -> None:
    result = alt(
        "A change to a good of subheadings 0907.10 through 0907.20 from any other good within "
        "those subheadings, any other subheading within that group or any other chapter",
        ["0907.10-0907.20"],
    )
    assert result["shift"] == {
        "from_any_other": "chapter",
        "within_good": True,
        "from": ["0907.10-0907.20"],
    }
    assert "is the same good as the good" in result["conditions"][0]


def test_trade_direction_preambles() -> None:
    canada = parse_header(
        "For the purposes of trade between the territory of Canada and the territory of the "
        "United States of goods of subheading 5112.11:"
    )
    assert canada.trade == "CA"
    mexico = parse_header(
        "Chapter rule 1: For the purposes of trade between the territory of Mexico and the "
        "territory of the United States of goods of subheadings 5703.20 through 5703.30 the "
        "following rule of origin applies:"
    )
    assert mexico.trade == "MX" and mexico.notes
    other = parse_header(
        "For the purposes of all other trade of subheading 5112.11 the following rule of origin "
        "applies:"
    )
    assert other.trade == "other"


def _line(prefix: str, text: str, chapter: int = 51) -> RuleLine:
    return RuleLine("test.txt", 1, chapter, prefix, text, text, ())


@pytest.mark.parametrize(
    ("prefix", "provision", "phase", "trade", "subheading_rule"),
    [
        ("5112.11, Canada-US trade", "5112.11", None, "CA", False),
        ("5704, Mexico-US trade", "5704", None, "MX", False),
        ("5509.31, all other trade", "5509.31", None, "other", False),
        ("6207.11, subheading rule", "6207.11", None, None, True),
        ("7305-7307, phase 2 (July 1, 2023 and thereafter)", "7305-7307", "2", None, False),
    ],
)
def test_provision_prefixes(
    prefix: str, provision: str, phase: str | None, trade: str | None, subheading_rule: bool
) -> None:
    prov = parse_prefix(_line(prefix, "A change to heading 0101 from any other chapter."))
    assert (prov.provision, prov.phase, prov.trade, prov.subheading_rule) == (
        provision,
        phase,
        trade,
        subheading_rule,
    )


def test_a_phase_without_a_date_preamble_takes_the_dates_of_its_heading() -> None:
    draft = read_rule(
        _line(
            "7305-7307, phase 1 (July 1, 2020 until July 1, 2023)",
            "A change to headings 7305 through 7307 from any other chapter.",
            73,
        )
    )
    assert (draft.header.effective_from, draft.header.effective_to) == (
        dt.date(2020, 7, 1),
        dt.date(2023, 7, 1),
    )
    assert any("no date preamble" in n for n in draft.notes)


def test_kinds_listed_as_one_source_are_split_by_the_kinds_the_rule_names() -> None:
    draft = read_rule(
        _line(
            "6812.80",
            "(A) A change to yarn or thread of subheading 6812.80 from any other subheading; (B) "
            "A change to woven or knitted fabric of subheading 6812.80 from any other subheading; "
            "or (C) A change to any other good of subheading 6812.80 from fibers of asbestos, "
            "yarn or thread, or woven or knitted fabric of subheading 6812.80 or from any other "
            "subheading.",
            68,
        )
    )
    kinds = [g["kind"] for g in draft.alternatives[2]["shift"]["from_goods"]]
    assert kinds == ["fibers of asbestos", "yarn or thread", "woven or knitted fabric"]


def _write_source(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "source"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_trade_rules_and_their_all_other_trade_complement(tmp_path: Path) -> None:
    folder = _write_source(
        tmp_path,
        "gn11_o_ch57.txt",
        "## Chapter 57\n"
        "5704, Mexico-US trade: Heading rule: For the purposes of trade between the territory of "
        "Mexico and the territory of the United States of goods of heading 5704 the following "
        "rule of origin applies: (a) A change to heading 5704 from any other chapter, except "
        "from chapters 54 or 55.\n"
        "5704, all other trade: (a) A change to heading 5704 from any other chapter, except "
        "from chapter 54.\n",
    )
    rules, general = build_rules(read_source(folder)[57])
    assert general == []
    assert [(r["id"], r["trade"]) for r in rules] == [
        ("PSR-5704-MXUS", ["MX"]),
        ("PSR-5704-CAUS", ["CA"]),
    ]


def test_reader_sections_notes_templates_and_supplements(tmp_path: Path) -> None:
    folder = _write_source(
        tmp_path,
        "gn11_o_ch72-73.txt",
        "# header comment\n"
        "## Chapter 73 -- chapter rules\n"
        "Chapter rule 1: The rule of the chapter.\n"
        "Subheading rule: A rule for subheading 7308.10.\n"
        "## Chapter 73\n"
        "[subheading rule] The underscoring of subheading 7308.20.\n"
        "7308.10 / 7308.20 (separate rule per subheading, same text with [7308.xx] substituted):\n"
        "  phase 1 (July 1, 2020 until July 1, 2022): (a) A change to subheading [7308.xx] from "
        "any other heading.\n"
        "  phase 2 (July 1, 2022 and thereafter): (a) A change to subheading [7308.xx] from any "
        "other heading; or (b) No change in tariff classification to a good of subheading "
        "[7308.xx] provided there is a regional value content of not less than: [per the "
        "transcription: 7308.10: (i) 75 percent where the transaction value method is used; or "
        "(ii) 65 percent where the net cost method is used. 7308.20: 65 percent where the net "
        "cost method is used.]\n"
        "[coverage note: nothing]\n",
    )
    _write_source(tmp_path, "gn11_o_supplement.txt", "# nothing found yet\n")
    chapter = read_source(folder)[73]
    assert [(n.id, n.text) for n in chapter.notes] == [
        ("CN-73-1", "The rule of the chapter."),
        ("CN-73-S1", "A rule for subheading 7308.10."),
        ("CN-73-S2", "The underscoring of subheading 7308.20."),
    ]
    data = build_chapter(chapter)
    rules = {r["id"]: r for r in data["rules"]}
    assert list(rules) == ["PSR-7308.10-P1", "PSR-7308.20-P1", "PSR-7308.10-P2", "PSR-7308.20-P2"]
    assert rules["PSR-7308.20-P2"]["alternatives"][1]["rvc"] == {"net_cost": "65"}
    assert rules["PSR-7308.10-P2"]["alternatives"][1]["rvc"] == {
        "transaction_value": "75",
        "net_cost": "65",
    }
    assert any("check the USITC" in n for n in rules["PSR-7308.20-P2"]["notes"])
    assert any("CN-73-S1" in n for n in rules["PSR-7308.10-P1"]["notes"])
    PsrFile.model_validate(data)


def test_generate_writes_two_digit_names_and_removes_stale_files(tmp_path: Path) -> None:
    folder = _write_source(
        tmp_path,
        "gn11_o_ch01.txt",
        "## Chapter 1\n0101-0106: A change to headings 0101 through 0106 from any other chapter.\n",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "chapter-02.yaml").write_text("stale", encoding="utf-8")
    written = generate(folder, out)
    assert [p.name for p in written] == ["chapter-01.yaml"]
    assert sorted(p.name for p in out.iterdir()) == ["chapter-01.yaml"]


# --- general rules ----------------------------------------------------------------------------


def _block(lines: list[str], first: int | None = 28, last: int | None = 38) -> GeneralBlock:
    block = GeneralBlock("(n)(iv)", first, last, (), "test.txt")
    for n, line in enumerate(lines, start=1):
        label = line[1] if line.startswith("(") else None
        block.lines.append((n, label, line[4:] if label else line, ()))
    return block


def test_general_rules_of_chapters_28_to_38() -> None:
    rules, notes = block_rules(
        _block(
            [
                "A good of any heading in chapters 28 through 38 ... lead-in.",
                "(A) A good of chapters 28 through 38, except a good of headings 3301 or 3823 or "
                "subheadings 2916.32 or 3502.11 through 3502.19, that results from a chemical "
                "reaction in the territory of one or more USMCA countries shall be treated as an "
                "originating good.",
                '(B) For the purposes of this note, a "chemical reaction" is a process.',
                "(C) A good of chapters 28 through 38, except for a good of heading 3301, that is "
                "subject to purification is an originating good, provided that the purification "
                "occurs in the territory and results in the following: (1) the elimination of not "
                "less than 80 percent of the content of existing impurities.",
                "(H) A good of chapters 28 through 38, that undergoes a change as a result of the "
                "separation of one or more materials from a man-made mixture, shall not be treated "
                "as an originating good unless the isolated material underwent a chemical "
                "reaction.",
            ]
        )
    )
    assert [n["id"] for n in notes] == ["GN11-n-iv", "GN11-n-iv-B", "GN11-n-iv-H"]
    first, purification = rules
    assert first["id"] == "GEN-28-38-A"
    assert first["scope"] == ["28-38"]
    assert first["except"] == ["3301", "3823", "2916.32", "3502.11-3502.19"]
    assert first["alternatives"][0]["process"] == ["chemical reaction"]
    alternative = purification["alternatives"][0]
    assert alternative["process"] == ["purification"]
    assert alternative["conditions"] == [
        "the purification occurs in the territory and results in the following: (1) the "
        "elimination of not less than 80 percent of the content of existing impurities"
    ]


def test_a_general_rule_fragment_without_scope_is_only_a_note() -> None:
    rules, notes = block_rules(_block(["(A) mere dilution; or (B) a practice."], None, None))
    assert rules == []
    assert notes == [{"id": "GN11-n-iv", "text": "(A) mere dilution; or (B) a practice."}]


def test_a_permissive_item_without_a_known_process_is_refused() -> None:
    with pytest.raises(Gn11ParseError):
        block_rules(
            _block(["lead-in", "(J) A good of chapters 28 through 38 is an originating good."])
        )


def test_apparel_subheading_rule_line_is_a_general_rule() -> None:
    rule = subheading_rule(
        _line(
            "6205.20-6205.30, subheading rule",
            "Subheading rule: Men's or boys' shirts of cotton or man-made fibers shall be "
            "considered to originate if they are both cut and assembled in the territory of one "
            "or more of the USMCA countries and if the fabric of the outer shell is wholly of one "
            "or more of the following: (a) Fabrics of subheading 5208.21. Such apparel goods shall "
            "not be subject to rules 3 through 5 of this chapter.",
            62,
        ),
        "6205.20-6205.30",
        ["6205.20-6205.30"],
    )
    assert rule["id"] == "GEN-6205.20-6205.30"
    (alternative,) = rule["alternatives"]
    assert alternative["good"] == "Men's or boys' shirts of cotton or man-made fibers"
    assert alternative["process"] == ["cut and assembled", "cut and sewn or otherwise assembled"]
    assert alternative["conditions"] == [
        "the fabric of the outer shell is wholly of one or more of the following: (a) Fabrics of "
        "subheading 5208.21"
    ]


def test_committed_general_rules() -> None:
    general = {
        g["id"]: g
        for path in sorted(RULES.glob("chapter-*.yaml"))
        for g in _load(path).get("general_rules", [])
    }
    assert sorted(general) == [
        "GEN-27-1",
        "GEN-28-38-A",
        "GEN-28-38-C",
        "GEN-28-38-D",
        "GEN-28-38-E",
        "GEN-28-38-F",
        "GEN-28-38-G",
        "GEN-28-38-I",
        "GEN-39-40-A",
        "GEN-39-40-C",
        "GEN-39-40-D",
        "GEN-62-1",
        "GEN-6205.20-6205.30",
        "GEN-6207.11",
    ]
    assert general["GEN-39-40-D"]["scope"] == ["39"]
    assert general["GEN-28-38-I"]["alternatives"][0]["process"] == ["biotechnological process"]
    assert general["GEN-27-1"]["alternatives"][0]["process"] == ["chemical reaction"]


def test_trade_and_phase_ids_in_the_committed_files() -> None:
    rules = {r["id"]: r for r in _all_rules()}
    assert rules["PSR-5112.11-CAUS"]["trade"] == ["CA"]
    assert rules["PSR-5112.11-MXUS"]["trade"] == ["MX"]
    assert rules["PSR-6110.30-MXUS"]["trade"] == ["MX"]
    assert rules["PSR-7305-7307-P2"]["effective_from"] == dt.date(2023, 7, 1)
    assert rules["PSR-7308.90-P2"]["alternatives"][2]["rvc"] == {"net_cost": "65"}
    assert any("phase 1 ends" in n for n in rules["PSR-8607.91-P1"]["notes"])


def test_reviewed_lint_allowances_name_the_codes_the_rule_prints() -> None:
    rules = {r["id"]: r for r in _all_rules()}
    allow = [n for n in rules["PSR-5801.36-CAUS"]["notes"] if n.startswith("lint-allow:")]
    assert allow == [f"lint-allow: 5503.10: {OLDER_CODES['5503.10']}"]
    assert not any(n.startswith("lint-allow:") for n in rules["PSR-5801.36-MXUS"].get("notes", []))
    assert rules["PSR-8607.91-P1"]["notes"][-1].startswith("lint-allow: phases: ")
