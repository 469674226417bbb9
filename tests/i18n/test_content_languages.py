"""Content in several languages (issue 13): the Secretariat enters versions of the ToR, group,
deliverable and meeting texts; a page shows the reader's language where a version exists, and
English otherwise, saying so; search, the API and the list pages' query counts keep working."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from governance import services as gov
from governance.models import Clause, ToRVersion
from governance.rulebook import RuleDenied
from kernel.content_language import shown
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.admin.conftest import admin_url, change_form_data
from tests.decisions.conftest import make_tor_version
from tests.thematic_groups.conftest import make_annual_meeting
from thematic_groups.models import Deliverable
from thematic_groups.selectors import DeliverableFilters, deliverable_search_public

# The notice in French, from the catalogue (the page says it in the reader's language).
with translation.override("fr"):
    NOTICE = escape(
        translation.gettext("This text is not yet available in %(language)s; shown in English.")
        % {"language": "Français"}
    )
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def french(cast, record, **texts):
    return gov.content_translate(by=cast.secretariat, record=record, language="fr", texts=texts)


def bulk_published(group, n):
    today = timezone.localdate()
    Deliverable.objects.bulk_create(
        Deliverable(
            thematic_group=group,
            slug=f"bulk-{i}",
            title_en=f"Bulk report {i}",
            title_fr=f"Rapport groupé {i}",
            summary_en="Summary",
            status=Deliverable.Status.PUBLISHED,
            published_on=today - dt.timedelta(days=i),
            edition=1,
        )
        for i in range(n)
    )


# The pages --------------------------------------------------------------------------------


def test_a_deliverable_reads_in_french_where_a_version_exists_and_says_where_it_is_english(client, cast):
    deliverable = cast.published_x
    Deliverable.objects.filter(pk=deliverable.pk).update(summary_en="Platforms for cities.")
    french(cast, deliverable, title="Plateformes urbaines")
    url = deliverable.get_absolute_url()  # the English address (a request leaves its language active)
    page = client.get(url, follow=True, **FR).content.decode()
    assert "<h1>Plateformes urbaines</h1>" in page
    assert '<div lang="en"><p>Platforms for cities.</p></div>' in page  # the English summary, marked
    assert NOTICE in page
    english = client.get(url).content.decode()
    assert "Plateformes urbaines" not in english and NOTICE not in english
    assert 'lang="en"><p>Platforms' not in english  # English read in English needs no mark


def test_a_fully_translated_deliverable_has_no_notice(client, cast):
    deliverable = cast.published_x
    Deliverable.objects.filter(pk=deliverable.pk).update(summary_en="Platforms for cities.")
    french(cast, deliverable, title="Plateformes urbaines", summary="Des plateformes pour les villes.")
    page = client.get(deliverable.get_absolute_url(), follow=True, **FR).content.decode()
    assert "Des plateformes pour les villes." in page and NOTICE not in page


def test_a_group_page_shows_its_french_name_and_english_objectives_with_the_notice(client, cast):
    french(cast, cast.group_x, title="Plateformes municipales")
    page = client.get(cast.group_x.get_absolute_url(), follow=True, **FR).content.decode()
    assert "<h1>Plateformes municipales</h1>" in page
    assert f'<div lang="en"><p>{cast.group_x.objectives_en}</p></div>' in page
    assert NOTICE in page


def test_a_meeting_title_falls_back_to_english_marked_and_said(client, cast):
    meeting = make_annual_meeting()
    url = reverse("meetings:meeting_detail", args=[meeting.slug])
    page = client.get(url, follow=True, **FR).content.decode()
    assert f'<h1><span lang="en">{meeting.title_en}</span></h1>' in page and NOTICE in page
    french(cast, meeting, title="Cinquième réunion")
    page = client.get(url, follow=True, **FR).content.decode()
    assert "<h1>Cinquième réunion</h1>" in page and NOTICE not in page


def test_the_tor_in_force_reads_in_french_clause_by_clause(client, cast):
    version = make_tor_version()
    first = version.clauses.get(key="1")
    french(cast, first, text="L’UIT et la CEE-ONU ont défini la ville intelligente et durable.")
    page = client.get(reverse("governance:tor"), follow=True, **FR).content.decode()
    assert "L’UIT et la CEE-ONU ont défini" in page
    assert '<span lang="en">The U4SSC Initiative was launched on 18 May 2016.</span>' in page
    assert NOTICE in page  # once for the page, though several clauses are in English


def test_shown_says_which_language_it_read_without_a_query(cast, django_assert_num_queries):
    french(cast, cast.group_x, title="Plateformes municipales")
    group = type(cast.group_x).objects.get(pk=cast.group_x.pk)
    with django_assert_num_queries(0), translation.override("fr"):
        title, objectives = shown(group, "title"), shown(group, "objectives")
    assert (title.text, title.lang, title.fallback) == ("Plateformes municipales", "fr", False)
    assert (objectives.lang, objectives.fallback) == ("en", True)
    with translation.override("es"):
        assert shown(group, "title").text == "City Platforms" and shown(group, "title").fallback


# The service ------------------------------------------------------------------------------


def test_only_the_secretariat_enters_versions(cast):
    with pytest.raises(RuleDenied):
        gov.content_translate(by=cast.leader_x, record=cast.group_x, language="fr", texts={"title": "X"})
    cast.group_x.refresh_from_db()
    assert cast.group_x.title_fr is None


@pytest.mark.parametrize(
    ("language", "texts", "message"),
    [
        ("en", {"title": "Other"}, "other than English"),
        ("de", {"title": "Gruppe"}, "other than English"),
        ("fr", {"slug": "autre"}, "cannot have versions"),
        ("fr", {"title": "x" * 251}, "longer than 250"),
    ],
)
def test_a_bad_version_is_refused_and_changes_nothing(cast, language, texts, message):
    with pytest.raises(DomainError, match=message):
        gov.content_translate(by=cast.secretariat, record=cast.group_x, language=language, texts=texts)
    cast.group_x.refresh_from_db()
    assert (cast.group_x.title_en, cast.group_x.title_fr, cast.group_x.slug) == (
        "City Platforms",
        None,
        "city-platforms",
    )


def test_a_version_is_kept_in_the_history_with_a_code_not_a_sentence(cast):
    french(cast, cast.group_x, title="Plateformes municipales")
    last = cast.group_x.history.first()
    assert last.title_fr == "Plateformes municipales" and last.history_change_reason == "translation|fr|title"
    french(cast, cast.group_x, title="")  # an empty text removes the version
    cast.group_x.refresh_from_db()
    assert cast.group_x.title_fr is None


def test_a_new_draft_keeps_the_versions_and_an_edit_drops_the_stale_ones(cast):
    version = make_tor_version()
    french(cast, version.clauses.get(key="2"), text="L’initiative U4SSC a été lancée le 18 mai 2016.")
    with translation.override("fr"):  # a Secretariat member reading in French drafts the revision
        draft = gov.tor_revision_create(by=cast.secretariat, summary="Clarifier.")
    copied = draft.clauses.get(key="2")
    assert copied.text_en == "The U4SSC Initiative was launched on 18 May 2016."  # not the French
    assert copied.text_fr == "L’initiative U4SSC a été lancée le 18 mai 2016."
    with translation.override("fr"):
        gov.clause_edit(by=cast.secretariat, clause=copied, text="The Initiative began in May 2016.")
    copied.refresh_from_db()
    assert copied.text_en == "The Initiative began in May 2016." and copied.text_fr is None


# Search and the API -----------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["en", "fr"])
def test_search_finds_words_in_any_language_whatever_the_reader_reads(cast, reader):
    french(cast, cast.published_x, title="Plateformes urbaines")
    with translation.override(reader):
        assert [d.slug for d in deliverable_search_public(DeliverableFilters(q="plateformes"))] == [
            cast.published_x.slug
        ]
        english_word = cast.published_x.title_en.split()[0]
        assert cast.published_x.slug in [
            d.slug for d in deliverable_search_public(DeliverableFilters(q=english_word))
        ]


def test_the_api_answers_in_the_accept_language_with_english_where_no_version_exists(client, cast):
    Deliverable.objects.filter(pk=cast.published_x.pk).update(summary_en="Platforms for cities.")
    french(cast, cast.published_x, title="Plateformes urbaines")
    row = client.get("/api/v1/deliverables/", follow=True, **FR).json()["results"][0]
    assert (row["title"], row["summary"]) == ("Plateformes urbaines", "Platforms for cities.")
    row = client.get("/api/v1/deliverables/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert row["title"] == cast.published_x.title_en


@pytest.mark.parametrize("rows", [2, 50])
def test_list_pages_in_french_cost_what_they_cost_in_english(
    client, cast, rows, django_assert_max_num_queries
):
    """The same bounds as tests/thematic_groups and tests/api: one column per language adds no query."""
    bulk_published(cast.group_x, rows)
    with django_assert_max_num_queries(6):
        page = client.get("/deliverables/", follow=True, **FR)
    assert "Rapport groupé 0" in page.content.decode()
    with django_assert_max_num_queries(6):
        results = client.get("/api/v1/deliverables/", follow=True, **FR).json()["results"]
    assert "Rapport groupé 0" in [row["title"] for row in results]
    client.force_login(cast.focal_a)
    with django_assert_max_num_queries(20):
        assert client.get(cast.group_x.get_absolute_url(), follow=True, **FR).status_code == 200


# The admin --------------------------------------------------------------------------------


def test_the_admin_shows_the_versions_side_by_side_and_saves_a_french_title_through_the_service(client, cast):
    client.force_login(cast.secretariat)
    url = admin_url(Deliverable, "change", cast.published_x.pk)
    page = client.get(url).content.decode()
    for column in ("title_en", "title_ar", "title_zh_hans", "title_fr", "title_ru", "title_es", "summary_fr"):
        assert f'name="{column}"' in page
    assert 'name="title"' not in page
    data = change_form_data(client, url, title_fr="Plateformes urbaines")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    deliverable = Deliverable.objects.get(pk=cast.published_x.pk)
    assert deliverable.title_fr == "Plateformes urbaines"
    assert deliverable.title_en == cast.published_x.title_en  # the original is untouched
    assert deliverable.history.first().history_change_reason == "translation|fr|title"
    assert said("translation|fr|title") == "Version in French: title"


def test_the_admin_of_the_tor_in_force_takes_a_french_clause_but_not_a_new_english_one(client, cast):
    version = make_tor_version()
    clause = version.clauses.get(key="3")
    client.force_login(cast.secretariat)
    url = admin_url(Clause, "change", clause.pk)
    data = change_form_data(client, url, text_fr="Les réunions U4SSC sont ouvertes à tous.")
    data["text_en"] = ["Changed behind the Partners' back."]  # read only: not in the form, ignored
    assert client.post(url, data, follow=True).status_code == 200
    clause.refresh_from_db()
    assert clause.text_fr == "Les réunions U4SSC sont ouvertes à tous."
    assert clause.text_en == "The U4SSC meetings are open to all interested participants."
    assert ToRVersion.objects.get(pk=version.pk).status == ToRVersion.Status.IN_FORCE


def test_portal_edits_write_the_english_original_whatever_the_page_language(cast):
    """A Leader reading the portal in French proposes and edits in the English original (the
    versions are the Secretariat's, in the admin); an edited summary loses its stale French version."""
    from tests.thematic_groups.conftest import propose
    from thematic_groups import services as tg

    with translation.override("fr"):
        deliverable = propose(cast, title="Data platforms for cities")
    deliverable.refresh_from_db()
    assert (deliverable.title_en, deliverable.title_fr) == ("Data platforms for cities", None)
    Deliverable.objects.filter(pk=cast.draft_x.pk).update(summary_en="Old summary.")
    french(cast, cast.draft_x, summary="Ancien résumé.")
    with translation.override("fr"):
        tg.deliverable_update_text(
            by=cast.leader_x, deliverable=cast.draft_x, summary="New summary.", body=""
        )
    draft = Deliverable.objects.get(pk=cast.draft_x.pk)
    assert (draft.summary_en, draft.summary_fr) == ("New summary.", None)
