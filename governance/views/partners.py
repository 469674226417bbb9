"""Public pages of the Partners register: /partners/ and /partners/<slug>/ (ToR 12, Annex II-III)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from governance import partner_selectors

PARTNERS_PER_PAGE = 25


def partner_list(request):
    partners = partner_selectors.partner_list_current()
    page = Paginator(partners, PARTNERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "governance/partners/list.html", {"page_obj": page, "partners": page.object_list})


def partner_detail(request, slug: str):
    partner = partner_selectors.partner_detail_public(slug=slug)
    return render(
        request,
        "governance/partners/detail.html",
        {"partner": partner, "is_current": partner.is_current(timezone.localdate())},
    )


urlpatterns = [
    path("partners/", partner_list, name="partner_list"),
    path("partners/<slug:slug>/", partner_detail, name="partner_detail"),
]
