"""/sitemap.xml: the public pages in every language, each with its alternates (hreflang), so
search engines list /fr/tor/ beside /tor/ (issue 13). Only what an anonymous visitor may read:
the lists come from the same public selectors as the pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from governance import partner_selectors
from meetings import selectors as meeting_selectors
from thematic_groups import selectors as group_selectors


class _Languages(Sitemap):
    i18n = True  # one <url> per language (the LANGUAGES setting), prefixed as the pages are
    alternates = True  # each with <xhtml:link rel="alternate" hreflang=...> to the others
    x_default = True  # and the English (unprefixed) page as x-default

    # The portal's public address (U4SSC_SITE_URL, as in emails), not the Sites framework's row.
    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"


class StaticPages(_Languages):
    changefreq = "weekly"
    NAMES = (
        "portal:home",
        "governance:tor",
        "governance:tor_versions",
        "governance:partner_list",
        "thematic_groups:group_list",
        "thematic_groups:deliverable_list",
        "thematic_groups:call_list",
        "meetings:meeting_list",
    )

    def items(self):
        return list(self.NAMES)

    def location(self, item):
        return reverse(item)


class DeliverableSitemap(_Languages):
    changefreq = "monthly"

    def items(self):
        return group_selectors.deliverable_list_public().order_by("pk")

    def lastmod(self, item):
        return item.published_on


class GroupSitemap(_Languages):
    def items(self):
        return group_selectors.group_list().order_by("pk")


class PartnerSitemap(_Languages):
    def items(self):
        return partner_selectors.partner_list_current().order_by("pk")


class MeetingSitemap(_Languages):
    def items(self):
        return meeting_selectors.meeting_list_visible(user=AnonymousUser()).order_by("pk")


SITEMAPS = {
    "pages": StaticPages,
    "deliverables": DeliverableSitemap,
    "groups": GroupSitemap,
    "partners": PartnerSitemap,
    "meetings": MeetingSitemap,
}
