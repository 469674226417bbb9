"""`kernel.i18n.has_language_prefix`, asked by every request (LocaleMiddleware) and every page's
language links: resolved once per path and urlconf (issue 17), and the same answers as resolving."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import is_valid_path, path
from django.utils import translation

from kernel.i18n import _has_language_prefix, has_language_prefix

# A second urlconf (this module) in which only /only-here/ has language prefixes.
urlpatterns = i18n_patterns(
    path("only-here/", lambda request: HttpResponse("here")), prefix_default_language=False
)


def _resolved(path_info: str, urlconf=None) -> bool:
    with translation.override("fr"):
        return bool(is_valid_path(f"/fr{path_info}", urlconf))


def test_answers_as_resolving_and_asks_the_urls_once_per_path(db):
    paths = [
        "/tor/",
        "/deliverables/",
        "/me/",
        "/admin/",
        "/api/v1/deliverables/",
        "/accounts/login/",
        "/nowhere/",
    ]
    for path_info in paths:
        assert has_language_prefix(path_info) == _resolved(path_info), path_info
    assert has_language_prefix("/tor/") and not has_language_prefix("/admin/")
    before = _has_language_prefix.cache_info()
    for path_info in paths:
        has_language_prefix(path_info)
    after = _has_language_prefix.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (len(paths), 0)


def test_another_urlconf_has_its_own_answers(settings, client, db):
    assert has_language_prefix("/tor/") and not has_language_prefix("/only-here/")
    settings.ROOT_URLCONF = __name__
    assert has_language_prefix("/only-here/") and not has_language_prefix("/tor/")
    assert has_language_prefix("/only-here/", __name__) and not has_language_prefix("/tor/", __name__)
    assert client.get("/only-here/").content == b"here"
