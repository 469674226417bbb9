"""A published deliverable edition's PDF and an agreed workplan's PDF in the reader's language
(issue 13): rendered on the first request in each language from what was published, and kept;
the English PDF is the record's own file, rendered once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

import kernel.pdf
from governance.services.translations import content_translate
from tests.thematic_groups.conftest import S, advance, files_under_media
from tests.thematic_groups.test_views_workplan import agreed
from thematic_groups import services
from thematic_groups.models import PdfRender, Workplan

pytestmark = pytest.mark.django_db


def _url(name: str, arg, language: str) -> str:
    with translation.override(language):
        return reverse(f"thematic_groups:{name}", args=[arg])


def _text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def renders(monkeypatch):
    """The HTML of each PDF rendered (WeasyPrint still makes every one)."""
    made: list[str] = []
    real = kernel.pdf.html_to_pdf

    def counting(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", counting)
    return made


@pytest.mark.pango
def test_a_french_reader_gets_the_edition_in_french_and_each_file_is_kept(client, cast, renders):
    d = advance(cast, cast.draft_x, S.PUBLISHED)  # the task is not run: nothing rendered yet
    assert d.published_snapshot["edition"] == 1 and d.published_snapshot["body"] == d.body  # kept
    french = _text(client.get(_url("deliverable_pdf", d.slug, "fr")))
    assert len(renders) == 1 and '<html lang="fr"' in renders[0]
    assert "Résumé" in french and "Avis" in french  # "Summary", "Notices"
    assert "Summary" not in french and "Notices" not in french
    assert "City platforms integrate municipal data." in french  # the content as published
    assert _text(client.get(_url("deliverable_pdf", d.slug, "fr"))) == french
    english = _text(client.get(_url("deliverable_pdf", d.slug, "en")))
    assert "Summary" in english and "Résumé" not in english
    assert _text(client.get(_url("deliverable_pdf", d.slug, "en"))) == english
    assert len(renders) == 2  # one per language, neither rendered again
    # A French version of the title entered since publication: the French PDF has it (its content
    # version changed, so it is rendered again and the old French file goes); English does not change.
    content_translate(by=cast.secretariat, record=d, language="fr", texts={"title": "Plateformes urbaines"})
    old = PdfRender.objects.get().file.name
    assert "Plateformes urbaines" in _text(client.get(_url("deliverable_pdf", d.slug, "fr")))
    assert _text(client.get(_url("deliverable_pdf", d.slug, "en"))) == english
    assert len(renders) == 3
    assert PdfRender.objects.get().file.name != old
    assert old.rsplit("/", 1)[-1] not in [p.name for p in files_under_media()]


@pytest.mark.pango
def test_an_arabic_reader_gets_the_edition_right_to_left(client, cast, renders):
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    arabic = _text(client.get(_url("deliverable_pdf", d.slug, "ar")))
    assert '<html lang="ar" dir="rtl">' in renders[0] and "Noto Naskh Arabic" in renders[0]
    assert "الملخص" in arabic and "Summary" not in arabic


def test_the_edition_stays_as_published_when_the_group_is_renamed(cast, monkeypatch):
    """The facts kept at publication, not the records now, make every language's PDF."""
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    made: list[str] = []
    monkeypatch.setattr(kernel.pdf, "html_to_pdf", lambda html, **kw: made.append(html) or b"%PDF-1.4\n")
    services.deliverable_public_pdf(deliverable=d, language="fr")
    group = d.thematic_group
    published_title = group.title
    group.title_en = "Renamed group"  # the admin's edit (no service renames a group)
    group.save(update_fields=["title_en"])
    d.refresh_from_db()
    services.deliverable_public_pdf(deliverable=d, language="fr")
    services.deliverable_public_pdf(deliverable=d, language="es")
    assert len(made) == 2  # French kept: its content did not change
    assert published_title in made[1] and "Renamed group" not in made[1]


def test_a_failed_render_stores_nothing(client, cast, monkeypatch):
    d = advance(cast, cast.draft_x, S.PUBLISHED)

    def broken(html, **kwargs):
        raise kernel.pdf.PdfUnavailable("no Pango on this worker")

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", broken)
    assert client.get(_url("deliverable_pdf", d.slug, "fr")).status_code == 503
    assert client.get(_url("deliverable_pdf", d.slug, "en")).status_code == 503
    assert not PdfRender.objects.exists()
    assert not [p for p in files_under_media() if "published" in p.parts]


def test_two_workers_rendering_the_same_language_leave_one_file(cast, monkeypatch):
    """The second worker's insert fails on the unique version: it deletes its own file."""
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    other_worker = []

    def racing(html, **kwargs):
        if not other_worker:  # while this one renders, another one finishes the same render
            other_worker.append(None)
            other_worker[0] = services.deliverable_public_pdf(deliverable=d, language="fr")
        return b"%PDF-1.4 edition (fr)\n"

    monkeypatch.setattr(kernel.pdf, "html_to_pdf", racing)
    served = services.deliverable_public_pdf(deliverable=d, language="fr")
    render = PdfRender.objects.get()
    assert served.name == other_worker[0].name == render.file.name
    assert [p.name for p in files_under_media() if "renders" in p.parts] == [
        render.file.name.rsplit("/", 1)[-1]
    ]


@pytest.mark.parametrize("who", [None, "participant", "focal_a", "leader_x", "secretariat"])
def test_an_unpublished_or_withdrawn_edition_has_no_pdf_in_any_language(client, cast, who):
    d = advance(cast, cast.draft_x, S.EDITORIAL_REVIEW)
    if who:
        client.force_login(getattr(cast, who))
    for language in ("fr", "ar", "en"):
        assert client.get(_url("deliverable_pdf", d.slug, language)).status_code == 404
    assert not PdfRender.objects.exists()


def test_a_withdrawn_edition_is_not_served_in_any_language(client, cast, monkeypatch):
    monkeypatch.setattr(kernel.pdf, "html_to_pdf", lambda html, **kw: b"%PDF-1.4\n")
    d = advance(cast, cast.draft_x, S.PUBLISHED)
    assert client.get(_url("deliverable_pdf", d.slug, "fr")).status_code == 200
    services.deliverable_withdraw(by=cast.secretariat, deliverable=d, note="Superseded")
    assert client.get(_url("deliverable_pdf", d.slug, "fr")).status_code == 404


@pytest.fixture
def workplan(cast):
    return services.workplan_create(by=cast.secretariat, title="U4SSC Annual Work Plan", period="2020-2021")


@pytest.mark.pango
def test_a_french_reader_gets_the_agreed_workplan_in_french_as_agreed(client, cast, workplan, renders):
    agreed(cast, workplan)
    d = cast.draft_x
    d.refresh_from_db()
    d.publication_due = dt.date(2022, 3, 31)  # moved after the agreement (not in the agreed workplan)
    d.save(update_fields=["publication_due"])
    french = _text(client.get(_url("workplan_pdf", workplan.pk, "fr")))
    assert "Élément" in french and "Publication prévue le" in french and "30 juin 2021" in french
    assert "Publication due" not in french and "June" not in french and "2022" not in french
    assert _text(client.get(_url("workplan_pdf", workplan.pk, "fr"))) == french
    assert len(renders) == 1


@pytest.mark.parametrize("who", [None, "participant", "leader_x"])
def test_a_workplan_in_preparation_has_no_pdf_in_any_language(client, cast, workplan, who):
    if who:
        client.force_login(getattr(cast, who))
    for language in ("fr", "ar"):
        assert client.get(_url("workplan_pdf", workplan.pk, language)).status_code == 404
    assert not PdfRender.objects.exists() and Workplan.objects.get().agreed_snapshot is None
