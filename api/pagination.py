"""Pages of the API's lists: `?page=` is a whole number from 1. Anything else (0, -1, "last",
"abc") answers 400 naming `page`; a page past the last answers 404 saying how many there are."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_MESSAGE = _("Enter a whole page number of 1 or more.")


class Pages(PageNumberPagination):
    last_page_strings = ()

    def get_page_number(self, request, paginator=None) -> int:
        raw = request.query_params.get(self.page_query_param, "")
        if raw == "":
            return 1
        digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
        if not digits:
            raise ValidationError({self.page_query_param: [PAGE_MESSAGE]})
        return int(digits) if len(digits) <= 18 else 10**18  # more digits than rows: past the last page

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        paginator = self.django_paginator_class(queryset, page_size)
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            pages = paginator.num_pages
            raise NotFound(
                f"Page {number} does not exist: there {'is 1 page' if pages == 1 else f'are {pages} pages'}."
            ) from None
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
