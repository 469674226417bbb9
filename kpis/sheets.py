"""The spreadsheet round trip of a reporting cycle: download the template (.xlsx with openpyxl, or
CSV) prefilled with the catalogue and what is entered, fill it offline, upload it back.

Reading a sheet checks its shape (the header row, one row per KPI code, no code twice) and hands
every row to `services.values_save`, which checks each entry and saves nothing unless all are valid;
every problem comes back as (KPI code, column, message).
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.lifecycle import DomainError
from kernel.uploads import CSV, UploadRejected, inspect_upload
from kpis import reasons as why_
from kpis.entries import ENTRY_COLUMNS
from kpis.models import Kpi, KpiValue, ReportingCycle

INFO_COLUMNS = ("code", "name", "unit", "computed")
COLUMNS = (*INFO_COLUMNS, *ENTRY_COLUMNS)
HEADINGS = {
    "code": gettext_lazy("KPI code (do not change)"),
    "name": gettext_lazy("KPI"),
    "unit": gettext_lazy("Unit (do not change)"),
    "computed": gettext_lazy("Computed from numerator ÷ denominator"),
    "not_reported": gettext_lazy("Not reported (yes/no)"),
    "numerator": gettext_lazy("Numerator"),
    "denominator": gettext_lazy("Denominator"),
    "value": gettext_lazy("Value (only when not computed)"),
    "data_quality": gettext_lazy("Data quality"),
    "source": gettext_lazy("Data source"),
    "data_year": gettext_lazy("Year of the data"),
    "notes": gettext_lazy("Notes"),
    "sensitive": gettext_lazy("Sensitive (yes/no)"),
}
MAX_ROWS = 1000
SHEET_TITLE = "KPIs"


def _cell(value) -> object:
    if value is None:
        return ""
    return value


def rows_for(cycle: ReportingCycle) -> list[list]:
    values = {v.kpi_id: v for v in KpiValue.objects.filter(cycle=cycle)}
    rows = []
    for kpi in Kpi.objects.order_by("position", "code"):
        v = values.get(kpi.pk)
        row = [kpi.code, kpi.name, kpi.unit, _("yes") if kpi.computed else _("no")]
        if v is None:
            row += [""] * len(ENTRY_COLUMNS)
        else:
            typed_value = "" if (kpi.computed and v.numerator is not None) else v.value
            row += [
                _("yes") if v.not_reported else "",
                _number(v.numerator),
                _number(v.denominator),
                _number(typed_value),
                v.get_data_quality_display() if v.data_quality else "",
                v.source,
                v.data_year or "",
                v.notes,
                _("yes") if v.sensitive else "",
            ]
        rows.append(row)
    return rows


def _number(value) -> str:
    if value in (None, ""):
        return ""
    return f"{value.normalize():f}"


def csv_bytes(cycle: ReportingCycle) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows_for(cycle))
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(cycle: ReportingCycle) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(list(COLUMNS))  # machine names: what the upload reads
    sheet.append(["# " + str(HEADINGS[c]) for c in COLUMNS])  # words for the person; "#": skipped
    for cell in sheet[1] + sheet[2]:
        cell.font = Font(bold=True)
    locked = PatternFill("solid", fgColor="DDDDDD")
    for row in rows_for(cycle):
        sheet.append(row)
    for row in sheet.iter_rows(min_row=3, max_col=len(INFO_COLUMNS)):
        for cell in row:
            cell.fill = locked
    qualities = ",".join(str(label).replace(",", " ") for _c, label in KpiValue.Quality.choices)
    if len(qualities) < 250:  # Excel's bound on an inline list
        column = "ABCDEFGHIJKLM"[COLUMNS.index("data_quality")]
        rule = DataValidation(type="list", formula1=f'"{qualities}"', allow_blank=True)
        sheet.add_data_validation(rule)
        rule.add(f"{column}3:{column}{sheet.max_row}")
    sheet.freeze_panes = "E3"
    for letter, width in zip(
        "ABCDEFGHIJKLM", (16, 40, 22, 10, 10, 14, 14, 14, 36, 30, 10, 30, 10), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Reading an upload -------------------------------------------------------------------------------


def _rows_of_xlsx(file) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise DomainError(
            _("The spreadsheet could not be read: %(error)s") % {"error": str(exc)[:200]}
        ) from exc
    sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 3):
        rows.append(list(row))
    book.close()
    return rows


def _rows_of_csv(file) -> list[list]:
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(_("The CSV file is not UTF-8 text.")) from exc
    return [list(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 3]


def parse(file) -> tuple[dict[str, dict], list[tuple[str, str, str]]]:
    """The entries of an uploaded sheet by KPI code, and the problems of its shape (code, column,
    message); a sheet that cannot be read at all is a DomainError."""
    try:
        info = inspect_upload(file, "kpi_sheet")
    except UploadRejected as exc:
        raise DomainError(exc.message) from exc
    file.seek(0)
    rows = _rows_of_csv(file) if info.content_type == CSV else _rows_of_xlsx(file)
    if not rows:
        raise DomainError(_("The sheet is empty."))
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header and c not in INFO_COLUMNS[1:]]
    if missing:
        raise DomainError(
            _("The first row must name the columns; missing: %(columns)s. Download the template again.")
            % {"columns": ", ".join(missing)}
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    catalogue = {k.code: k for k in Kpi.objects.all()}
    entries: dict[str, dict] = {}
    problems: list[tuple[str, str, str]] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[i] if i < len(row) else None) for name, i in index.items()}
        code = str(cells.get("code") or "").strip()
        if code.startswith("#"):
            continue  # a row of headings or a comment
        if not code:
            if any(str(c or "").strip() for c in row):
                problems.append((_("row %(row)s") % {"row": number}, "code", _("This row has no KPI code.")))
            continue
        kpi = catalogue.get(code)
        if kpi is None:
            problems.append((code, "code", _("No KPI of the catalogue has this code.")))
            continue
        if code in entries:
            problems.append((code, "code", _("This KPI is in the sheet twice.")))
            continue
        if "unit" in cells and str(cells["unit"] or "").strip() != kpi.unit:
            problems.append(
                (
                    code,
                    "unit",
                    _("The unit is “%(unit)s” in the catalogue; it cannot change.") % {"unit": kpi.unit},
                )
            )
        entries[code] = {c: cells.get(c) for c in ENTRY_COLUMNS}
    if len(rows) > MAX_ROWS + 2:
        problems.append(("—", "—", _("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS}))
    return entries, problems


def sheet_upload(*, by, cycle: ReportingCycle, file) -> int:
    """Check an uploaded sheet whole and save it through the service: every row is checked, every
    problem reported by KPI code and column, and nothing is saved unless the whole sheet is valid."""
    from governance.rulebook import require
    from kpis.services import values_save

    require(by, "kpis.cycle.enter", cycle)
    entries, problems = parse(file)
    if not entries and not problems:
        raise DomainError(_("The sheet has no KPI rows."))
    return values_save(
        by=by, cycle=cycle, entries=entries, why=why_.UPLOADED_AS_SPREADSHEET(), problems=problems
    )
