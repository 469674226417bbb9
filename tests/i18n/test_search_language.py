"""Search reads the words with the text-search configuration of the page's language (PostgreSQL):
Russian stemming on a Russian page, English on an English one; English words still match."""

from __future__ import annotations

import pytest
from django.utils import translation

from kernel.i18n import SEARCH_CONFIGS, search_config
from tests.thematic_groups.test_views_public_site import published
from thematic_groups.selectors import DeliverableFilters, deliverable_search_public


def test_each_language_has_a_configuration_postgresql_knows():
    assert SEARCH_CONFIGS == {
        "en": "english",
        "fr": "french",
        "ru": "russian",
        "es": "spanish",
        "ar": "arabic",
        "zh-hans": "simple",
    }
    with translation.override("ru"):
        assert search_config() == "russian"


@pytest.mark.postgres
def test_a_russian_page_finds_a_russian_word_by_its_stem(cast):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        assert set(SEARCH_CONFIGS.values()) <= {row[0] for row in cursor.fetchall()}
    published(cast.group_x, "smart-cities-ru", title="Smart cities", summary="Умные города и их данные.")
    published(cast.group_x, "mobility", title="Urban mobility", body="Electric buses in cities.")

    def found(q):
        return [d.slug for d in deliverable_search_public(DeliverableFilters(q=q))]

    with translation.override("en"):
        assert found("город") == []  # the English configuration does not stem Russian
        assert found("buses") == ["mobility"]
    with translation.override("ru"):
        assert found("город") == ["smart-cities-ru"]  # "города" and "город" share a stem
        assert found("buses") == ["mobility"]  # English words still match on a Russian page
