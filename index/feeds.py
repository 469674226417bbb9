"""Atom feed of newly published reporting cycles and Index editions (nothing unpublished)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from index import selectors
from index.models import Edition


class IndexFeed(Feed):
    def __init__(self, *, site: str = ""):
        super().__init__()
        self.site = (site or settings.SITE_URL).rstrip("/")

    feed_type = Atom1Feed
    title = gettext_lazy("U4SSC KPI data and Index editions")
    subtitle = gettext_lazy("Reporting cycles published by cities and editions of the U4SSC Index.")
    author_name = "U4SSC Secretariat"

    def link(self):
        return f"{self.site}{reverse('index:open_data')}"

    def feed_url(self):
        return f"{self.site}{reverse('index:feed')}"

    def items(self):
        return selectors.feed_items()

    def item_title(self, item):
        if isinstance(item, Edition):
            return str(item)
        return _("%(city)s published its %(year)s U4SSC KPI data") % {
            "city": item.city.name,
            "year": item.year,
        }

    def item_description(self, item):
        if isinstance(item, Edition):
            return _("A new edition of the U4SSC Index: ranks, robustness ranges and open data.")
        return _("Verified values, within what the city consented to publish.")

    def item_link(self, item):
        if isinstance(item, Edition):
            return f"{self.site}{item.get_absolute_url()}"
        return f"{self.site}{item.city.get_absolute_url()}"

    def item_guid(self, item):
        if isinstance(item, Edition):
            return f"urn:u4ssc:index-edition:{item.slug}"
        return f"urn:u4ssc:cycle:{item.pk}:{item.published_at.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


@require_safe
def index_feed(request):
    return IndexFeed(site=request.build_absolute_uri("/"))(request)
