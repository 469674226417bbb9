"""The Secretariat keeps the methodology and the editions in the admin, through the services."""

from __future__ import annotations

import pytest
from django.test import override_settings

from index.models import Edition, Methodology
from tests.admin.conftest import admin_url, messages_of, post_action

FORM = {
    "title": "U4SSC Index methodology",
    "normalisation": "target",
    "aggregation": "geometric",
    "missing": "mean",
    "progress_cap": "120",
    "coverage_threshold": "40",
    "weights": '{"dimension": {"Economy": 2}}',
    "alternative_normalisations": ["min_max"],
    "alternative_aggregations": ["arithmetic"],
    "weight_perturbation": "20",
    "robustness_runs": "50",
    "seed": "7",
    "notes": "",
}


@pytest.mark.django_db
@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_the_secretariat_drafts_publishes_and_computes_an_edition_in_the_admin(
    client, demo, django_capture_on_commit_callbacks
):
    client.force_login(demo["secretariat"])
    client.post(admin_url(Methodology, "add"), FORM, follow=True)
    m = Methodology.objects.get(version=2)
    assert (
        m.weights == {"dimension": {"Economy": 2}} and m.history.first().history_user == demo["secretariat"]
    )
    bad = messages_of(
        client.post(
            admin_url(Methodology, "change", m.pk), {**FORM, "weights": '{"kpi": {"X": 0}}'}, follow=True
        )
    )
    assert any("weight of X" in text for _level, text in bad)
    post_action(client, Methodology, "publish", [m.pk])
    m.refresh_from_db()
    assert m.is_published
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(Edition, "add"), {"year": "2023", "methodology": m.pk}, follow=True)
    edition = Edition.objects.get(slug="2023-v2")
    assert edition.is_computed and edition.method["normalisation"] == "target"
    assert 'href="/index/2023-v2/"' in client.get(admin_url(Edition, "change", edition.pk)).content.decode()
    post_action(client, Edition, "publish", [edition.pk])
    edition.refresh_from_db()
    assert edition.is_published
    assert client.get("/index/2023-v2/").status_code == 200


@pytest.mark.django_db
def test_stewards_do_not_enter_the_index_admin(client, demo):
    client.force_login(demo["steward"])
    assert client.get(admin_url(Methodology, "changelist")).status_code in (302, 403)
