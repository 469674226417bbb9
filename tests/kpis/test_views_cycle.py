"""The private pages of a cycle through HTTP: entry by dimension, spreadsheet, verification,
consent; and who may reach them (confidentiality role by role)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kpis import services, sheets
from kpis.models import CycleDocument, KpiValue, ReportingCycle
from tests.kpis.conftest import PCT, PCT2, RATE, entry, published_cycle

CYCLE = "/cities/alphaville/2024/"
PRIVATE_PAGES = [
    CYCLE,
    CYCLE + "enter/economy/",
    CYCLE + "sheet.xlsx",
    CYCLE + "sheet.csv",
    CYCLE + "consent/",
    CYCLE + "kpi/ec-ict-ict-1c/",
]


def test_the_steward_enters_a_dimension_on_one_page(client, world):
    client.force_login(world.steward_a)
    kpi = world.kpi(PCT)
    page = client.get(CYCLE + "enter/economy/")
    assert page.status_code == 200 and "0 of 45 reported" in page.content.decode()
    response = client.post(
        CYCLE + "enter/economy/",
        {f"{kpi.pk}-numerator": "81", f"{kpi.pk}-denominator": "100", f"{kpi.pk}-data_quality": "measured"},
    )
    assert response.status_code == 302
    assert KpiValue.objects.get(cycle=world.cycle_a, kpi=kpi).value == 81
    assert "1 of 45 reported" in client.get(CYCLE).content.decode()


def test_a_bad_entry_is_shown_next_to_its_kpi_and_nothing_is_saved(client, world):
    client.force_login(world.steward_a)
    one, two = world.kpi(PCT), world.kpi(PCT2)
    response = client.post(
        CYCLE + "enter/economy/",
        {
            f"{one.pk}-numerator": "5",
            f"{one.pk}-denominator": "10",
            f"{one.pk}-data_quality": "measured",
            f"{two.pk}-value": "lots",
            f"{two.pk}-data_quality": "measured",
        },
    )
    assert response.status_code == 422
    assert "“lots” is not a number." in response.content.decode()
    assert 'value="5"' in response.content.decode()  # what was typed is kept
    assert not KpiValue.objects.exists()


def test_sheet_upload_through_the_page(client, world):
    client.force_login(world.steward_a)
    content = client.get(CYCLE + "sheet.csv").content.decode("utf-8-sig")
    lines = content.splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        if row[0] == PCT:
            row[header.index("value")] = "bad"
    body = "\n".join([",".join(header), *(",".join(r) for r in rows)]).encode()
    response = client.post(CYCLE + "upload/", {"sheet": SimpleUploadedFile("s.csv", body)})
    assert response.status_code == 422 and PCT in response.content.decode() and not KpiValue.objects.exists()
    good = body.replace(b"bad", b"").replace(f"{PCT2},".encode(), f"{PCT2},".encode())
    response = client.post(CYCLE + "upload/", {"sheet": SimpleUploadedFile("s.csv", good)})
    assert response.status_code == 302


def test_submit_verify_and_publish_through_the_pages(client, world, django_capture_on_commit_callbacks):
    services.values_save(by=world.steward_a, cycle=world.cycle_a, entries={PCT: entry(value="50")})
    client.force_login(world.steward_a)
    page = client.get(CYCLE).content.decode()
    assert "Submit the data for verification" in page and "Start the verification" not in page
    assert client.post(CYCLE + "do/submit/").status_code == 302
    client.force_login(world.verifier)
    assert "Start the verification" in client.get(CYCLE).content.decode()
    client.post(CYCLE + "do/start_verification/")
    response = client.post(CYCLE + "kpi/ec-ict-ict-1c/", {"what": "question", "text": "Which year?"})
    assert response.status_code == 302
    client.force_login(world.steward_a)
    question = KpiValue.objects.get().questions.get()
    client.post(CYCLE + "kpi/ec-ict-ict-1c/", {"what": "reply", "question": question.pk, "text": "2023."})
    assert question.replies.count() == 1
    assert (
        client.post(CYCLE + "kpi/ec-ict-ict-1c/", {"what": "verdict", "verified": "yes"}).status_code == 404
    )
    client.force_login(world.verifier)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(CYCLE + "kpi/ec-ict-ict-1c/", {"what": "verdict", "verified": "yes"})
    world.cycle_a.refresh_from_db()
    assert world.cycle_a.status == ReportingCycle.Status.VERIFIED
    client.force_login(world.steward_a)
    client.post(CYCLE + "consent/", {PCT: "value"})
    client.post(CYCLE + "do/publish/")
    assert "Household Internet Access" in client.get("/cities/alphaville/").content.decode()


@pytest.mark.parametrize("who", ["anonymous", "steward_b", "other_verifier", "focal_a"])
def test_private_pages_answer_404_to_everyone_else(client, world, who):
    value = services.value_save(
        by=world.steward_a, cycle=world.cycle_a, kpi=world.kpi(PCT), data=entry(value="50")
    )
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    evidence = services.evidence_upload(
        by=world.steward_a, value=value, file=SimpleUploadedFile("e.pdf", pdf)
    )
    person = {
        "steward_b": world.steward_b,
        "other_verifier": world.other_verifier,
        "focal_a": world.cast.focal_a,
    }.get(who)
    if person:
        client.force_login(person)
    for url in [*PRIVATE_PAGES, f"{CYCLE}evidence/{evidence.pk}/", CYCLE + "report.pdf"]:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if person:
            assert response.status_code == 404, url
    assert client.post(CYCLE + "do/submit/").status_code in (302, 404)
    world.cycle_a.refresh_from_db()
    assert world.cycle_a.status == ReportingCycle.Status.OPEN


@pytest.mark.parametrize("who", ["steward_a", "verifier", "secretariat"])
def test_the_citys_audience_reaches_its_pages_and_evidence(client, world, who):
    value = services.value_save(
        by=world.steward_a, cycle=world.cycle_a, kpi=world.kpi(PCT), data=entry(value="50")
    )
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    evidence = services.evidence_upload(
        by=world.steward_a, value=value, file=SimpleUploadedFile("e.pdf", pdf)
    )
    client.force_login(getattr(world, who))
    for url in [*PRIVATE_PAGES, f"{CYCLE}evidence/{evidence.pk}/"]:
        assert client.get(url).status_code == 200, url


def test_evidence_and_unconsented_values_never_reach_the_public(client, world):
    cycle = published_cycle(world, {PCT: "value", PCT2: "score", RATE: "private"})
    value = cycle.values.get(kpi__code=PCT)
    for url in [
        "/cities/alphaville/",
        "/cities/alphaville/kpis.csv",
        "/api/v1/cities/alphaville/values/",
        "/kpis/ec-ict-ict-3c/",
    ]:
        body = client.get(url).content.decode()
        assert "300" not in body.replace("30000", "")  # RATE's value (300/1000×100000) is private
        assert "evidence" not in body.lower()
    api = client.get("/api/v1/cities/alphaville/values/").json()["results"]
    assert {(r["kpi"], r["value"]) for r in api} == {(PCT, "81"), (PCT2, None)}
    assert client.get(f"{CYCLE}evidence/{value.pk}/").status_code in (302, 404)


def _pdf_text(response) -> str:
    from pypdf import PdfReader

    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.pango
def test_documents_are_rendered_on_request_in_the_readers_language_kept_and_private(client, world):
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    cycle = published_cycle(world, {PCT: "value"})
    assert cycle.verified_at and not CycleDocument.objects.exists()  # verifying renders nothing
    client.force_login(world.steward_a)
    english = _pdf_text(client.get(CYCLE + "report.pdf"))
    assert "U4SSC KPI verification report" in english
    first = CycleDocument.objects.get(kind="report", language="en")
    assert client.get(CYCLE + "report.pdf").status_code == 200
    assert list(CycleDocument.objects.values_list("pk", flat=True)) == [first.pk]  # kept, not re-rendered

    with translation.override("fr"):
        title = translation.gettext("Certificate of verification")
        day = date_format(timezone.localtime(cycle.verified_at), "DATE_FORMAT")  # as French writes it
    assert title != "Certificate of verification"
    french = _pdf_text(client.get("/fr" + CYCLE + "certificate.pdf"))
    assert title in french and "Certificate of verification" not in french and day in french
    assert CycleDocument.objects.filter(kind="certificate", language="fr").count() == 1
    assert not CycleDocument.objects.filter(kind="certificate", language="en").exists()

    client.force_login(world.steward_b)  # another city's steward
    assert client.get(CYCLE + "certificate.pdf").status_code == 404
    assert client.get("/fr" + CYCLE + "report.pdf").status_code == 404
    client.logout()
    assert client.get(CYCLE + "certificate.pdf").status_code == 302
    assert CycleDocument.objects.count() == 2


def test_a_cycle_not_verified_has_no_documents_and_an_unknown_kind_is_404(client, world):
    client.force_login(world.steward_a)
    assert client.get(CYCLE + "report.pdf").status_code == 404
    assert client.get(CYCLE + "invoice.pdf").status_code == 404
    assert not CycleDocument.objects.exists()


@pytest.mark.parametrize("rows", [2, 50])
def test_cycle_pages_queries_are_bounded(client, world, rows, django_assert_max_num_queries):
    from kpis.models import Kpi

    codes = list(Kpi.objects.filter(unit="").values_list("code", flat=True)[:rows])
    services.values_save(
        by=world.steward_a, cycle=world.cycle_a, entries={c: entry(value="1") for c in codes}
    )
    client.force_login(world.steward_a)
    client.get(CYCLE)  # the Principal is computed once
    for url in [CYCLE, CYCLE + "enter/economy/", CYCLE + "consent/", CYCLE + "sheet.csv"]:
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_xlsx_download_opens(client, world):
    from openpyxl import load_workbook

    client.force_login(world.steward_a)
    book = load_workbook(io.BytesIO(client.get(CYCLE + "sheet.xlsx").content))
    assert book["KPIs"].max_row == 93 and sheets.COLUMNS[0] == book["KPIs"]["A1"].value
