"""The OpenAPI schema documents every status the API answers, not only 200:

- 400 on a list whose query parameters are wrong (a filter's value, `page` below 1): an object
  whose keys are the parameters and whose values are the messages;
- query parameters may be empty (`allowEmptyValue`): an empty value means no filter;
- 404 on an object that does not exist or that the person may not see, on a list's page past the
  last, and on the ToR when none is in force: `{"detail": "..."}`.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

NOT_FOUND = OpenApiResponse(
    response=inline_serializer("NotFound", {"detail": serializers.CharField()}),
    description="Not found, not visible to this person, or a page past the last.",
)
BAD_QUERY = OpenApiResponse(
    response={
        "type": "object",
        "description": "Each wrong query parameter with its messages.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "minProperties": 1,
    },
    description="A query parameter has a value the API does not accept; the message names it.",
)


class PortalAutoSchema(AutoSchema):
    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required"):
                # `?type=&year=` (an HTML form's empty fields) means "no filter", as on the site.
                parameter["allowEmptyValue"] = True
        return parameters

    def get_response_serializers(self):
        found = super().get_response_serializers()
        if isinstance(found, dict) or self.method != "GET":
            return found
        responses = {200: found, 404: NOT_FOUND}
        view = self.view
        if getattr(view, "action", None) == "list" and (view.filter_backends or view.pagination_class):
            responses[400] = BAD_QUERY
        return responses
