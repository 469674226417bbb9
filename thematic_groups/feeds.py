"""Atom feed of published deliverables (ToR 31). Nothing unpublished or withdrawn."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from thematic_groups import selectors


class DeliverablesFeed(Feed):
    """Links lead back to the address the feed was asked on (`make run` on another port, a proxy's
    host), so the feed is made per request: `deliverable_feed` below."""

    def __init__(self, *, site: str = ""):
        super().__init__()
        self.site = (site or settings.SITE_URL).rstrip("/")

    feed_type = Atom1Feed
    title = "U4SSC deliverables"
    subtitle = "Reports, studies, guidelines and other deliverables published by United for Smart Sustainable Cities."
    author_name = "U4SSC Secretariat"

    def link(self):
        return f"{self.site}{reverse('thematic_groups:deliverable_list')}"

    def feed_url(self):
        return f"{self.site}{reverse('thematic_groups:deliverable_feed')}"

    def items(self):
        return selectors.deliverable_feed_items()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return f"{self.site}{item.get_absolute_url()}"

    def item_guid(self, item):
        return f"urn:u4ssc:deliverable:{item.pk}:edition:{item.edition}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(12)))

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_categories(self, item):
        return [item.get_type_display(), item.thematic_group.title]


def deliverable_feed(request):
    return DeliverablesFeed(site=request.build_absolute_uri("/"))(request)
