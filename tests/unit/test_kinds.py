"""Goods named in words: an "or" list of a rule is read as its kinds, and a stated
product_kind matches one of them forgiving only plural and spelling variants.

The examples quote the law (HTSUS GN 11(o), USMCA Annex 4-B) as the rules transcribe it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roo_check.engine.evaluate import evaluate_good
from roo_check.engine.kinds import kinds_of, match_kind, match_kinds, same_kind
from roo_check.errors import RuleError
from roo_check.models.findings import Status
from roo_check.models.goods import Good
from roo_check.rulebook.kinds_schema import KindsFile, KindTable, kind_table, named_phrases
from tests.unit.builders import good, line

DAY = dt.date(2026, 3, 1)

# PSR-8708.30 (D): "A change to any other good of subheading 8708.30 from mounted brake
# linings or parts of brakes or servo-brakes of subheadings 8708.30, or 8708.99, ...".
BRAKES = "mounted brake linings or parts of brakes or servo-brakes"


# ------------------------------------------------------------------ splitting by plain grammar


@pytest.mark.parametrize(
    ("phrase", "kinds"),
    [
        (BRAKES, ["mounted brake linings", "parts of brakes", "parts of servo-brakes"]),
        (
            "parts of mounted brake linings, brakes or servo-brakes",
            ["parts of mounted brake linings", "parts of brakes", "parts of servo-brakes"],
        ),
        (
            # PSR-6812.92-6812.99 (F): the mixture is one kind, its "and" stays.
            "fabricated asbestos fibers or mixtures with a basis of asbestos and magnesium "
            "carbonate",
            [
                "fabricated asbestos fibers",
                "mixtures with a basis of asbestos and magnesium carbonate",
            ],
        ),
        (
            # PSR-6812.92-6812.99 (B): "or with a basis of ..." takes the head "mixtures".
            "fabricated asbestos fibers or mixtures with a basis of asbestos or with a basis of "
            "asbestos and magnesium carbonate",
            [
                "fabricated asbestos fibers",
                "mixtures with a basis of asbestos",
                "mixtures with a basis of asbestos and magnesium carbonate",
            ],
        ),
        (
            "essential oils of bergamot or lime",
            ["essential oils of bergamot", "essential oils of lime"],
        ),
        ("silencers (mufflers) or exhaust pipes", ["silencers (mufflers)", "exhaust pipes"]),
        ("yarn or thread", ["yarn", "thread"]),
        ("gear boxes", ["gear boxes"]),
    ],
)
def test_plain_or_lists_are_split_into_their_kinds(phrase: str, kinds: list[str]) -> None:
    assert kinds_of(phrase) == kinds


@pytest.mark.parametrize(
    "phrase",
    [
        "allspice, crushed or ground",  # PSR-0904.22: a qualifier, not two goods
        "vehicle solely or principally for off-road use",  # PSR-8704.21
        "motor vehicle for the transport of 15 or fewer persons",  # PSR-8702.10
        "cords or string, whether or not plaited",  # PSR-6812.80 (D)
        "woven or knitted fabric",  # adjectives: the table says
        "hides or skins of camels or dromedaries",  # PSR-4103 (B): "hides" shares the tail
        "gliders or hang gliders",  # "hang" might qualify both
        "battery of a kind used as the primary source of electrical power for the propulsion of "
        "an electric passenger vehicle or light truck",  # PSR-8507.60: the "or" is inside
    ],
)
def test_an_or_that_is_not_plainly_a_list_keeps_the_phrase_whole(phrase: str) -> None:
    assert kinds_of(phrase) == [phrase]


def test_the_kind_table_reads_what_the_grammar_cannot(rulebook) -> None:
    assert kinds_of("woven or knitted fabric", rulebook.kinds) == ["woven fabric", "knitted fabric"]
    assert kinds_of("hides or skins of camels or dromedaries", rulebook.kinds) == [
        "hides of camels",
        "hides of dromedaries",
        "skins of camels",
        "skins of dromedaries",
    ]


# Every reading of a shipped phrase that names more than one kind, or has an "or" yet stays
# whole, reviewed against the law. A new "or" phrase in the rules fails until it is read here.
SPLIT = {
    '"smart cards" which contain a single integrated circuit or parts of such "smart cards"': [
        '"smart cards" which contain a single integrated circuit',
        'parts of "smart cards" which contain a single integrated circuit',
    ],
    "analogue or hybrid automatic data processing machines": [
        "analogue automatic data processing machines",
        "hybrid automatic data processing machines",
    ],
    "cathode-ray oscilloscopes or cathode-ray oscillographs": [
        "cathode-ray oscilloscopes",
        "cathode-ray oscillographs",
    ],
    "clothing, clothing accessories, footwear and headgear": [
        "clothing",
        "clothing accessories",
        "footwear",
        "headgear",
    ],
    "cords or string, whether or not plaited": ["cords", "string"],
    "crust hides and skins": ["crust hides", "crust skins"],
    "essential oils of bergamot or lime": ["essential oils of bergamot", "essential oils of lime"],
    "essential oils of geranium, jasmine, lavender, lavandin or vetiver": [
        "essential oils of geranium",
        "essential oils of jasmine",
        "essential oils of lavender",
        "essential oils of lavandin",
        "essential oils of vetiver",
    ],
    "fabricated asbestos fibers or mixtures with a basis of asbestos and magnesium carbonate": [
        "fabricated asbestos fibers",
        "mixtures with a basis of asbestos and magnesium carbonate",
    ],
    "fabricated asbestos fibers or mixtures with a basis of asbestos or with a basis of asbestos and magnesium carbonate": [
        "fabricated asbestos fibers",
        "mixtures with a basis of asbestos",
        "mixtures with a basis of asbestos and magnesium carbonate",
    ],
    "fabricated crocidolite fibers or mixtures with a basis of crocidolite and magnesium carbonate": [
        "fabricated crocidolite fibers",
        "mixtures with a basis of crocidolite and magnesium carbonate",
    ],
    "fabricated crocidolite fibers or mixtures with a basis of crocidolite or with a basis of crocidolite and magnesium carbonate": [
        "fabricated crocidolite fibers",
        "mixtures with a basis of crocidolite",
        "mixtures with a basis of crocidolite and magnesium carbonate",
    ],
    "floor coverings on a base of paper or paperboard": [
        "floor coverings on a base of paper",
        "floor coverings on a base of paperboard",
    ],
    "gliders or hang gliders": ["gliders", "hang gliders"],
    "hides or skins of camels or dromedaries": [
        "hides of camels",
        "hides of dromedaries",
        "skins of camels",
        "skins of dromedaries",
    ],
    "manganese powders or articles of manganese": ["manganese powders", "articles of manganese"],
    "Men's or boys' boxer shorts of cotton": [
        "men's boxer shorts of cotton",
        "boys' boxer shorts of cotton",
    ],
    "Men's or boys' shirts of cotton or man-made fibers": [
        "men's shirts of cotton",
        "men's shirts of man-made fibers",
        "boys' shirts of cotton",
        "boys' shirts of man-made fibers",
    ],
    "mounted brake linings or parts of brakes or servo-brakes": [
        "mounted brake linings",
        "parts of brakes",
        "parts of servo-brakes",
    ],
    "paper or paperboard in rectangular (including square) sheets with the larger dimension exceeding 36 cm and the other dimension exceeding 15 cm in the unfolded state": [
        "paper in rectangular (including square) sheets with the larger dimension exceeding 36 cm and the other dimension exceeding 15 cm in the unfolded state",
        "paperboard in rectangular (including square) sheets with the larger dimension exceeding 36 cm and the other dimension exceeding 15 cm in the unfolded state",
    ],
    "paper or paperboard in rectangular (including square) sheets with the larger dimension not exceeding 36 cm or the other dimension not exceeding 15 cm in the unfolded state": [
        "paper in rectangular (including square) sheets with the larger dimension not exceeding 36 cm or the other dimension not exceeding 15 cm in the unfolded state",
        "paperboard in rectangular (including square) sheets with the larger dimension not exceeding 36 cm or the other dimension not exceeding 15 cm in the unfolded state",
    ],
    "paper or paperboard in strips or rolls of a width not exceeding 15 cm": [
        "paper in strips of a width not exceeding 15 cm",
        "paper in rolls of a width not exceeding 15 cm",
        "paperboard in strips of a width not exceeding 15 cm",
        "paperboard in rolls of a width not exceeding 15 cm",
    ],
    "parts of mounted brake linings, brakes or servo-brakes": [
        "parts of mounted brake linings",
        "parts of brakes",
        "parts of servo-brakes",
    ],
    "parts of steering wheels, steering columns or steering boxes": [
        "parts of steering wheels",
        "parts of steering columns",
        "parts of steering boxes",
    ],
    "pigments and preparations based on hexacyanoferrates (ferrocyanides and ferricyanides)": [
        "pigments based on hexacyanoferrates (ferrocyanides and ferricyanides)",
        "preparations based on hexacyanoferrates (ferrocyanides and ferricyanides)",
    ],
    "pigments or preparations based on cadmium compounds": [
        "pigments based on cadmium compounds",
        "preparations based on cadmium compounds",
    ],
    "sanitary towels or tampons": ["sanitary towels", "tampons"],
    "self-contained window or wall type air conditioning machines": [
        "self-contained window type air conditioning machines",
        "self-contained wall type air conditioning machines",
    ],
    "silencers (mufflers) or exhaust pipes": ["silencers (mufflers)", "exhaust pipes"],
    "steering wheels, steering columns or steering boxes": [
        "steering wheels",
        "steering columns",
        "steering boxes",
    ],
    "strips or rolls of a width exceeding 15 cm": [
        "strips of a width exceeding 15 cm",
        "rolls of a width exceeding 15 cm",
    ],
    "strips or rolls of a width of 15 cm or less": [
        "strips of a width of 15 cm or less",
        "rolls of a width of 15 cm or less",
    ],
    "tanned hides and skins in the wet state (including wet-blue)": [
        "tanned hides in the wet state (including wet-blue)",
        "tanned skins in the wet state (including wet-blue)",
    ],
    "woven or knitted fabric": ["woven fabric", "knitted fabric"],
    "yarn of combed camel hair or combed cashmere": [
        "yarn of combed camel hair",
        "yarn of combed cashmere",
    ],
    "yarn or thread": ["yarn", "thread"],
}
WHOLE = {
    "allspice, crushed or ground",
    "battery of a kind used as the primary source of electrical power for the propulsion of an electric passenger vehicle or light truck",
    "bay leaves, crushed or ground",
    "celery seeds, crushed or ground",
    "dill seeds, crushed or ground",
    "drive-axles with differential, whether or not provided with other transmission components, for vehicles of heading 8703",
    "hides or skins except hides or skins of camels or dromedaries of heading 4103, which have undergone a tanning (including pre-tanning) process which is reversible",
    "hides or skins which have undergone a tanning (including pre-tanning) process which is reversible",
    "motor vehicle for the transport of 15 or fewer persons",
    "motor vehicle for the transport of 16 or more persons",
    "other drive-axles with differential, whether or not provided with other transmission components",
    "savory, crushed or ground",
    "strip or rolls of a width exceeding 15 cm but not exceeding 36 cm or paper or paperboard in rectangular (including square) sheets with one side not exceeding 15 cm in the unfolded state",
    "strip or rolls of a width exceeding 15 cm, other than strips or rolls of heading 4823 which but for their width would be classified in headings 4803, 4809 or 4814",
    "strips or rolls of a width exceeding 15 cm, other than strips or rolls of heading 4823 which, but for their width, would be classified in headings 4803, 4809 or 4814",
    "tubes, pipes or hoses other than those of a kind for use in a motor vehicle of tariff items 8702.10.60, 8702.90.30 or 8702.90.60, subheadings 8703.21 through 8703.90, 8704.21 or 8704.31, or heading 8711",
    "tubes, pipes, or hoses of a kind for use in a motor vehicle of tariff items 8702.10.60, 8702.90.30 or 8702.90.60, subheadings 8703.21 through 8703.90, 8704.21 or 8704.31, or heading 8711",
    "vehicle solely or principally for off-road use",
    "vehicle that is solely or principally for off-road use",
    "water circulation systems incorporating a pump, whether or not motorized, and auxiliary apparatus for controlling, filtering, or dispersing a spray",
    "woven fabrics (other than tapestry fabrics or upholstery fabrics of a weight not exceeding 140 grams per square meter) of combed fine animal hair",
    "woven fabrics, other than tapestry or upholstery fabrics, of combed fine animal hair",
    "yarn, with a twist of 900 or more turns per meter, wholly of polyesters other than partially oriented, measuring not less than 75 decitex but not more than 80 decitex, and having 24 filaments per yarn",
    "yarns, with a twist of 900 or more turns per meter, wholly of polyesters other than partially oriented measuring no less than 75 decitex but not more than 80 decitex, and having 24 filaments per yarn",
}


def test_every_or_phrase_of_the_rules_has_a_reviewed_reading(rulebook) -> None:
    phrases = set(named_phrases(rulebook.files))
    readings = {p: kinds_of(p, rulebook.kinds) for p in phrases}
    split = {p: k for p, k in readings.items() if len(k) > 1}
    whole = {p for p, k in readings.items() if len(k) == 1 and " or " in p}
    assert split == SPLIT
    assert whole == WHOLE


# ------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("stated", "named"),
    [
        ("parts of brakes", BRAKES),
        ("Parts of servo brakes", BRAKES),  # hyphen or space, case
        ("part of brake", BRAKES),  # plural
        ("mounted brake lining", BRAKES),
        ("colour filters", "color filter"),
        ("fibre optic cables", "fiber optic cable"),
        ("vulcanised rubber", "vulcanized rubber"),
        ("analysers", "analyzers"),
        ("moulded parts", "molded part"),  # PSR-8537 writes "moulded parts"
        ("printed circuit assemblies", "printed circuit assembly"),
        ("boxes", "box"),
        ("the gear boxes", "gear boxes"),
    ],
)
def test_plural_and_spelling_variants_match(stated: str, named: str) -> None:
    assert same_kind(stated, named) is True


@pytest.mark.parametrize(
    ("stated", "named"),
    [
        ("brake pads", BRAKES),
        ("parts for brakes", BRAKES),  # another preposition is another phrase
        ("brake parts", BRAKES),
        ("parts of a brake", BRAKES),
        ("gearbox", "gear boxes"),  # words joined: not a spelling variant
        ("mounted brake linings or parts of brakes", BRAKES),  # not a kind, not the phrase
    ],
)
def test_nothing_fuzzier_matches(stated: str, named: str) -> None:
    assert same_kind(stated, named) is False


def test_the_whole_phrase_still_matches() -> None:
    assert same_kind(BRAKES.upper(), BRAKES) is True


def test_nothing_stated_cannot_be_matched() -> None:
    assert same_kind(None, BRAKES) is None
    assert same_kind("  ", BRAKES) is None


def test_a_kind_the_rule_does_not_name_is_said() -> None:
    match = match_kind("brake pads", BRAKES)
    assert match.matched is False
    assert match.note == (
        "product_kind 'brake pads' is none of the kinds the rule names: mounted brake linings; "
        "parts of brakes; parts of servo-brakes"
    )
    assert match_kind("parts of brakes", BRAKES).note == ""


def test_several_phrases_list_their_kinds_once() -> None:
    match = match_kinds(
        "clutches", [BRAKES, "parts of mounted brake linings, brakes or servo-brakes"]
    )
    assert match.kinds == (
        "mounted brake linings",
        "parts of brakes",
        "parts of servo-brakes",
        "parts of mounted brake linings",
    )


def test_the_law_naming_one_good_twice_is_one_kind(rulebook) -> None:
    """PSR-8523.52 (A): 'No change in tariff classification to "smart cards" which contain a
    single integrated circuit or parts of such "smart cards"'; SOR/2020-155 s. 10(3)(a): 'a
    "smart card" of subheading 8523.52 containing a single integrated circuit'."""
    phrase = (
        '"smart cards" which contain a single integrated circuit or parts of such "smart cards"'
    )
    note = '"smart card" containing a single integrated circuit'
    assert same_kind(note, phrase, rulebook.kinds) is True
    assert same_kind(note, phrase) is False  # without the table, the words differ
    parts = 'parts of "smart cards" which contain a single integrated circuit'
    assert same_kind(parts, phrase, rulebook.kinds) is True
    assert same_kind("mufflers", "silencers (mufflers) or exhaust pipes", rulebook.kinds) is True


# ------------------------------------------------------------------ the table fails closed


def _table(**entries: object) -> KindsFile:
    return KindsFile.model_validate(
        {"schema_version": 1, "kind": "kinds_of_goods", "title": "test", **entries}
    )


def test_a_split_for_a_phrase_no_rule_uses_stops_the_run(rulebook) -> None:
    stale = _table(splits=[{"phrase": "brakes or clutches", "kinds": ["brakes"], "reason": "x"}])
    with pytest.raises(RuleError, match="no rule names: brakes or clutches"):
        kind_table([("kinds.yaml", stale)], rulebook.files)


def test_a_phrase_split_twice_stops_the_run(rulebook) -> None:
    entry = {"phrase": "woven or knitted fabric", "kinds": ["woven fabric"], "reason": "x"}
    with pytest.raises(RuleError, match="split twice"):
        kind_table([("kinds.yaml", _table(splits=[entry, entry]))], rulebook.files)


def test_a_second_table_stops_the_run(rulebook) -> None:
    with pytest.raises(RuleError, match="a second kinds_of_goods file"):
        kind_table([("a.yaml", _table()), ("b.yaml", _table())], rulebook.files)


def test_names_of_one_kind_must_be_the_rules_words(rulebook) -> None:
    same = _table(same=[{"names": ["brake pads", "brake shoes"], "reason": "x"}])
    with pytest.raises(RuleError, match="is a kind a rule names"):
        kind_table([("kinds.yaml", same)], rulebook.files)


def test_a_rule_set_without_a_table_reads_by_grammar_alone(rulebook) -> None:
    assert kind_table([], rulebook.files) == KindTable()


# ------------------------------------------------------------------ the engine


def _caliper() -> Good:
    """A replacement-market brake caliper of 8708.30 ("for any other good")."""
    return good(
        "8708.30",
        end_use="other",
        product_kind="brake calipers",
        net_cost="100",
        transaction_value="110",
    )


def test_a_brake_caliper_from_parts_of_brakes_is_originating(rulebook) -> None:
    """A replacement-market brake caliper (PSR-8708.30-OTHER, 'for any other good of
    subheading 8708.30'); its non-originating housing is of the same subheading, so only (D)
    can confer origin: 'A change to any other good of subheading 8708.30 from mounted brake
    linings or parts of brakes or servo-brakes of subheadings 8708.30, or 8708.99, ...,
    provided there is a regional value content of not less than 50 percent under the net
    cost method'. RVC (NC) = (100 - 30) / 100 = 70%."""
    caliper = _caliper()
    housing = line("HOUSING", "8708.30", "30", product_kind="parts of brakes")
    determination = evaluate_good(caliper, [housing], rulebook, DAY)
    assert determination.status is Status.originating
    assert determination.rule is not None and determination.rule.id == "PSR-8708.30-OTHER"
    [d_alt] = [a for a in determination.alternatives if a.label == "D"]
    assert d_alt.passed is True
    assert "parts of brakes" in d_alt.shift.materials[0].reason


def test_a_material_of_a_kind_the_rule_does_not_name_is_reported(rulebook) -> None:
    caliper = _caliper()
    pads = line("HOUSING", "8708.30", "30", product_kind="brake pads")
    determination = evaluate_good(caliper, [pads], rulebook, DAY)
    assert determination.status is Status.not_originating
    [d_alt] = [a for a in determination.alternatives if a.label == "D"]
    assert d_alt.shift.materials[0].passes is False
    assert (
        "product_kind 'brake pads' is none of the kinds the rule names: mounted brake linings; "
        "parts of brakes; parts of servo-brakes"
    ) in d_alt.shift.materials[0].reason


def test_a_material_without_product_kind_leaves_it_open(rulebook) -> None:
    caliper = _caliper()
    housing = line("HOUSING", "8708.30", "30")
    determination = evaluate_good(caliper, [housing], rulebook, DAY)
    assert determination.status is Status.cannot_decide
    assert ("product_kind", "material HOUSING") in {
        (m.field, m.subject) for m in determination.missing
    }


def test_an_alternative_for_a_named_kind_says_the_kind_stated_is_none(rulebook) -> None:
    caliper = _caliper()
    determination = evaluate_good(caliper, [], rulebook, DAY)
    [a_alt] = [a for a in determination.alternatives if a.label == "A"]
    assert a_alt.applicable is False
    assert "product_kind 'brake calipers' is none of the kinds the rule names" in a_alt.reason
    [c_alt] = [a for a in determination.alternatives if a.label == "C"]
    assert c_alt.applicable is True
    assert "none of the kinds the rule names elsewhere (mounted brake linings)" in c_alt.reason
