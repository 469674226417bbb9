"""Entries and the spreadsheet round trip: every row checked, every problem reported by KPI code
and column, nothing saved unless the whole sheet (or page) is valid."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kernel.lifecycle import DomainError
from kernel.reasons import said
from kpis import services, sheets
from kpis.entries import clean_entry
from kpis.models import Kpi, KpiValue
from kpis.services import SheetRefused
from tests.kpis.conftest import PCT, PCT2, RATE, entry


def test_a_computed_value_is_never_typed_twice(world):
    kpi = world.kpi(PCT)
    ok = clean_entry(kpi, entry(numerator="81", denominator="200"))
    assert ok.ok and ok.fields["value"] == Decimal("40.5")
    both = clean_entry(kpi, entry(numerator="1", denominator="2", value="50"))
    assert "value" in both.errors
    only_value = clean_entry(kpi, entry(value="12.5"))  # the city has only the final value (VM22 §10.1)
    assert only_value.ok and only_value.fields["value"] == Decimal("12.5")
    assert "denominator" in clean_entry(kpi, entry(numerator="1", denominator="0")).errors
    assert "numerator" in clean_entry(kpi, entry(numerator="150", denominator="100")).errors  # 150 %


def test_not_reported_is_explicit_and_carries_no_figures(world):
    kpi = world.kpi(RATE)
    assert clean_entry(kpi, {"not_reported": "yes"}).ok
    assert "value" in clean_entry(kpi, {"not_reported": "yes", "value": "3"}).errors
    assert clean_entry(kpi, {}).empty


def test_a_page_with_one_bad_entry_saves_nothing(world):
    with pytest.raises(SheetRefused) as refused:
        services.values_save(
            by=world.steward_a,
            cycle=world.cycle_a,
            entries={
                PCT: entry(numerator="5", denominator="10"),
                PCT2: entry(numerator="x", denominator="10"),
            },
        )
    assert refused.value.problems == [(PCT2, "numerator", "“x” is not a number.")]
    assert not KpiValue.objects.exists()


def _upload(world, content: bytes, name: str):
    return sheets.sheet_upload(
        by=world.steward_a, cycle=world.cycle_a, file=SimpleUploadedFile(name, content)
    )


def test_xlsx_round_trip(world):
    services.values_save(
        by=world.steward_a, cycle=world.cycle_a, entries={PCT: entry(numerator="81", denominator="100")}
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(sheets.xlsx_bytes(world.cycle_a)))
    sheet = book["KPIs"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3)}
    assert len(rows) == 91 and rows[PCT][header.index("numerator")].value == "81"
    rows[PCT2][header.index("numerator")].value = 42
    rows[PCT2][header.index("denominator")].value = 100
    rows[PCT2][header.index("data_quality")].value = "Based on accurate measurements"
    rows[RATE][header.index("not_reported")].value = "yes"
    out = io.BytesIO()
    book.save(out)
    assert _upload(world, out.getvalue(), "filled.xlsx") == 2
    values = {v.kpi.code: v for v in KpiValue.objects.filter(cycle=world.cycle_a).select_related("kpi")}
    assert values[PCT2].value == Decimal("42") and values[RATE].not_reported
    assert values[PCT].value == Decimal("81")  # unchanged row, unchanged value
    assert said(values[PCT2].history.first().history_change_reason) == "Uploaded as a spreadsheet"


def test_csv_round_trip_and_every_problem_reported(world):
    text = sheets.csv_bytes(world.cycle_a).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    by_code = {r[0]: r for r in rows[1:]}
    by_code[PCT][header.index("value")] = "abc"
    by_code[PCT2][header.index("data_year")] = "1850"
    by_code[RATE][header.index("unit")] = "Percent"
    rows.append(["XX: 9Z"] + [""] * (len(header) - 1))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    with pytest.raises(SheetRefused) as refused:
        _upload(world, out.getvalue().encode(), "sheet.csv")
    found = {(code, column) for code, column, _message in refused.value.problems}
    assert {(PCT, "value"), (PCT2, "data_year"), (RATE, "unit"), ("XX: 9Z", "code")} <= found
    assert not KpiValue.objects.exists()


def test_a_sheet_that_is_not_a_sheet_is_refused(world):
    with pytest.raises(DomainError):
        _upload(world, b"%PDF-1.4\n%%EOF\n", "x.csv")
    with pytest.raises(DomainError, match="missing"):
        _upload(world, b"kpi,value\nICT-1,42\n", "x.csv")


BAD_CELLS = {
    "numerator": st.sampled_from(["abc", "1e999", "--3", "NaN", "inf"]),
    "denominator": st.sampled_from(["0", "zero", "1,2,3"]),
    "value": st.sampled_from(["12%", "forty", "1e30"]),
    "data_quality": st.sampled_from(["great", "approx", "42"]),
    "data_year": st.sampled_from(["1850", "20x4", "3000", "-1"]),
    "not_reported": st.sampled_from(["maybe", "2"]),
    "sensitive": st.sampled_from(["perhaps", "??"]),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    bad=st.lists(
        st.tuples(st.sampled_from([PCT, PCT2, RATE]), st.sampled_from(sorted(BAD_CELLS)), st.data()),
        min_size=1,
        max_size=4,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_generated_bad_sheets_save_nothing_and_name_each_code(world, bad):
    rows = list(csv.reader(io.StringIO(sheets.csv_bytes(world.cycle_a).decode("utf-8-sig"))))
    header = rows[0]
    by_code = {r[0]: r for r in rows[1:]}
    for code in (PCT, PCT2, RATE):  # a valid base for the rows we break
        row = by_code[code]
        row[header.index("numerator")], row[header.index("denominator")] = "10", "100"
        row[header.index("data_quality")] = "measured"
    for code, column, data in bad:
        by_code[code][header.index(column)] = data.draw(BAD_CELLS[column])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    with pytest.raises(SheetRefused) as refused:
        _upload(world, out.getvalue().encode(), "bad.csv")
    named = {code for code, _column, _message in refused.value.problems}
    assert {code for code, _column, _data in bad} <= named
    assert all(column for _code, column, _message in refused.value.problems)
    assert not KpiValue.objects.filter(cycle=world.cycle_a).exists()


def test_every_catalogue_kpi_is_in_the_template(world):
    assert len(sheets.rows_for(world.cycle_a)) == Kpi.objects.count()
