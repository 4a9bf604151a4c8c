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
from roo_check.rulegen.gn11 import (
    Gn11ParseError,
    generate,
    parse_alternative,
    parse_codes,
    parse_header,
    parse_proviso,
    split_alternatives,
    strip_notes,
)

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


def test_an_alternative_for_some_tariff_items_of_the_rule_is_conditioned() -> None:
    result = alt(
        "A change to tariff items 8708.99.03, 8708.99.27 or 8708.99.55 from any other "
        "subheading, provided there is a regional value content of not less than 70 percent "
        "under the net cost method",
        ["8708.99"],
    )
    assert result["conditions"] == [
        "only for a good of tariff items 8708.99.03, 8708.99.27 or 8708.99.55"
    ]


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
    assert counts == {84: 254, 85: 126, 87: 63}


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


def test_damaged_rule_cannot_be_decided() -> None:
    rule = {r["id"]: r for r in _all_rules()}["PSR-8414.59-8414.80"]
    assert rule["text"] == "... subheading 8414.90."
    (only,) = rule["alternatives"]
    assert only["conditions"] and "shift" not in only and "rvc" not in only
