"""The OpenAPI schema documents every status the API answers, not only 200:

- 400 on a list whose query parameters are wrong (a filter's value, `page` below 1): an object
  whose keys are the parameters and whose values are the messages;
- query parameters may be empty (`allowEmptyValue`): an empty value means no filter;
- 404 on an object that does not exist or that the person may not see, on a list's page past the
  last, and on the ToR when none is in force: `{"detail": "..."}`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

NOT_FOUND = OpenApiResponse(
    response=inline_serializer("NotFound", {"detail": serializers.CharField()}),
    description=_("Not found, not visible to this person, or a page past the last."),
)
BAD_QUERY = OpenApiResponse(
    response={
        "type": "object",
        "description": "Each wrong query parameter with its messages.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "minProperties": 1,
    },
    description=_("A query parameter has a value the API does not accept; the message names it."),
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


# OpenAPI links: from a list to the first row's page, from a deliverable to its group. Clients
# (and schemathesis' stateful runs) follow them with real slugs instead of guessed ones.
LINKS = {
    "v1_deliverables_list": {
        "FirstDeliverable": ("v1_deliverables_retrieve", "$response.body#/results/0/slug"),
        "FirstDeliverableGroup": ("v1_thematic_groups_retrieve", "$response.body#/results/0/thematic_group"),
    },
    "v1_deliverables_retrieve": {"Group": ("v1_thematic_groups_retrieve", "$response.body#/thematic_group")},
    "v1_meetings_list": {"FirstMeeting": ("v1_meetings_retrieve", "$response.body#/results/0/slug")},
    "v1_partners_list": {"FirstPartner": ("v1_partners_retrieve", "$response.body#/results/0/slug")},
    "v1_kpis_list": {"FirstKpi": ("v1_kpis_retrieve", "$response.body#/results/0/slug")},
    "v1_cities_list": {
        "FirstCity": ("v1_cities_retrieve", "$response.body#/results/0/slug"),
        "FirstCityValues": ("v1_cities_values_list", "$response.body#/results/0/slug"),
    },
    "v1_index_list": {"FirstEdition": ("v1_index_retrieve", "$response.body#/results/0/slug")},
    "v1_thematic_groups_list": {
        "FirstGroup": ("v1_thematic_groups_retrieve", "$response.body#/results/0/slug")
    },
}


def add_links(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    operations = {
        operation["operationId"]: operation
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for source, links in LINKS.items():
        if source not in operations:
            continue
        response = operations[source]["responses"]["200"]
        response["links"] = {
            name: {"operationId": target, "parameters": {"slug": expression}}
            for name, (target, expression) in links.items()
            if target in operations
        }
    return result
