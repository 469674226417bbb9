"""The ToR parser keeps every clause of the reference text, in order, with numbers and letters."""

import pytest

from governance.tor_text import ToRParseError, parse_tor, reference_text, title_of


@pytest.fixture(scope="module")
def clauses():
    return parse_tor(reference_text())


@pytest.fixture(scope="module")
def by_key(clauses):
    return {clause.key: clause for clause in clauses}


def letters_of(clauses, number: str) -> str:
    return "".join(c.letter for c in clauses if c.kind == "subclause" and c.number == number)


def test_all_43_numbered_clauses_are_kept_in_order(clauses):
    numbers = [c.number for c in clauses if c.kind == "clause"]
    assert numbers == [str(n) for n in range(1, 44)]


def test_positions_follow_the_document_and_keys_are_unique(clauses):
    assert [c.position for c in clauses] == list(range(1, len(clauses) + 1))
    assert len({c.key for c in clauses}) == len(clauses)


@pytest.mark.parametrize(
    "number, letters",
    [
        ("10", "abcd"),
        ("11", "abcdefghijklm"),
        ("13", "abc"),
        ("14", "abc"),
        ("16", "ab"),
        ("17", "abcde"),
        ("20", "abcdefghijklm"),
        ("22", "abcdefg"),
        ("23", "abcdef"),
    ],
)
def test_sub_clause_letters(clauses, number, letters):
    assert letters_of(clauses, number) == letters


def test_sub_clauses_follow_their_clause(clauses):
    keys = [c.key for c in clauses]
    assert keys[keys.index("10") : keys.index("10") + 5] == ["10", "10a", "10b", "10c", "10d"]
    assert keys[keys.index("20m") + 1] == "21"


def test_sub_clause_key_and_anchor(by_key):
    clause = by_key["10a"]
    assert (clause.number, clause.letter, clause.kind) == ("10", "a", "subclause")
    assert clause.anchor == "clause-10a"
    assert clause.text.startswith("Compiled by the secretariat")
    assert not clause.text.startswith("(a)")


def test_11j_is_joined_across_the_page_break(by_key):
    text = by_key["11j"].text
    assert "including related ITU Resolutions" in text
    assert "UN system-wide strategy" in text
    assert "Responsibilities of the U4SSC" not in text  # the footnotes printed in the middle stay out
    assert by_key["11k"].text.startswith("To develop and implement projects")


def test_23_is_joined_across_the_page_break(by_key):
    text = by_key["23"].text
    assert "within the U4SSC Secretariat is expected to be evenly distributed" in text
    assert text.endswith("The main responsibilities of the U4SSC Secretariat are to:")


def test_further_paragraphs_stay_with_their_clause(by_key):
    assert by_key["30"].text.count("\n\n") == 1
    assert by_key["30"].text.split("\n\n")[1].startswith("The objective of the U4SSC (Country/City) Hub")
    assert by_key["13"].text == (
        "The U4SSC Partners form the U4SSC Partners Board.\n\nThe Partners Board of the U4SSC is responsible for:"
    )


def test_stray_dash_before_20h_is_dropped(by_key, clauses):
    assert by_key["20g"].text.endswith("issue papers, etc.;")
    assert by_key["20h"].text.startswith("To promote cooperation with the U4SSC Chairman")
    assert all(c.text.strip() not in ("-", "") for c in clauses)


def test_extraction_markdown_is_removed(by_key):
    assert "**" not in by_key["15"].text
    assert "Chairman and Vice-Chairs" in by_key["15"].text
    assert "<https://" not in by_key["31"].text
    assert "https://www.itu.int/en/ITU-T/ssc/united/Pages/default.aspx" in by_key["31"].text


def test_footnotes_are_kept_as_footnotes_at_the_end(clauses, by_key):
    footnotes = [c for c in clauses if c.kind == "footnote"]
    assert [c.key for c in footnotes] == ["fn1", "fn2"]
    assert clauses[-2:] == footnotes
    assert by_key["fn1"].text.startswith("Responsibilities of the U4SSC Secretariat")
    assert by_key["fn2"].section == "Notes"
    assert "Secretariat¹" in by_key["9"].text  # the reference mark stays where it was


def test_sections_are_the_lettered_headings(by_key):
    assert by_key["1"].section == "A. Background Information"
    assert by_key["11"].section == "B. U4SSC Objectives and Activities"
    assert by_key["43"].section == "H. Additional Provisions"


def test_annexes_are_sections_of_paragraphs(clauses, by_key):
    annex_i = [c for c in clauses if c.section.startswith("Annex I.")]
    assert [c.key for c in annex_i] == [f"annex-i-{n}" for n in range(1, 12)]
    assert {c.kind for c in annex_i} == {"paragraph"}
    assert (
        by_key["annex-i-3"].section == "Annex I. U4SSC Implementation Programme — Election and Representation"
    )
    assert by_key["annex-i-3"].text.startswith("The IP leader is elected on a personal basis")


def test_annex_ii_lists_the_17_partners(clauses):
    annex_ii = [c for c in clauses if c.section == "Annex II. U4SSC Partners"]
    assert annex_ii[0].text.startswith("The following organizations are currently partners")
    partners = annex_ii[1:]
    assert len(partners) == 17
    assert partners[0].text == "The International Telecommunication Union (ITU);"
    assert partners[-1].text == "United Nations Office for Partnerships (UNOP)."


def test_annex_iii_names_the_secretariat_contacts(by_key):
    assert by_key["annex-iii-1"].section == "Annex III. U4SSC Secretariat"
    assert "Cristina Bueti, ITU" in by_key["annex-iii-1"].text


def test_nothing_of_the_text_is_lost():
    """Every word of the reference text is in a clause or a section heading."""
    import re

    text = reference_text()
    parsed = " ".join(c.text + " " + c.section for c in parse_tor(text))
    words = lambda s: re.findall(r"[A-Za-z][A-Za-z'-]+", s)  # noqa: E731
    assert set(words(text)) - set(words(parsed)) == set()


def test_title(clauses):
    assert title_of(reference_text()) == "Terms of References"


def test_a_missing_clause_is_refused():
    with pytest.raises(ToRParseError, match="Clause 3 follows clause 1"):
        parse_tor("A. Heading\n\n1. First.\n\n3. Third.\n")


def test_text_without_clauses_is_refused():
    with pytest.raises(ToRParseError, match="No numbered clause"):
        parse_tor("Just a letter.\n\nWith two paragraphs.")
