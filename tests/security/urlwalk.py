"""Walk every URL pattern of the portal and fill its path converters with plausible values.

Values come from the database (the cast and the objects the test made): for each pattern the
models whose name appears in the URL name give their primary keys and slugs, so that most URLs
point at a real object; a value that exists nowhere is tried too.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

PROJECT_APPS = ("governance", "thematic_groups", "kpis", "meetings", "people", "reminders", "portal")
MISSING_INT = 987654
MISSING_SLUG = "no-such-thing"


@dataclass
class Route:
    template: str  # e.g. "deliverables/{slug}/versions/{number}/"
    name: str | None  # "thematic_groups:version_download"
    params: list[str] = field(default_factory=list)
    converters: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.name or f"<unnamed {self.template}>"

    def fill(self, values: dict[str, str]) -> str:
        return "/" + self.template.format(**values)


_GROUP = re.compile(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)")
_ROUTE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _piece(pattern) -> tuple[str, list[str], dict[str, str]]:
    if isinstance(pattern, LocalePrefixPattern):
        # The public pages' language prefix (u4ssc/urls.py): walked in the active language,
        # English, whose prefix is empty; the same views answer under /fr/, /ar/...
        return pattern.language_prefix, [], {}
    if isinstance(pattern, RoutePattern):
        route = str(pattern).replace("{", "{{").replace("}", "}}")
        params, converters = [], {}

        def sub(match):
            params.append(match.group(2))
            converters[match.group(2)] = match.group(1) or "str"
            return "{" + match.group(2) + "}"

        return _ROUTE_PARAM.sub(sub, route), params, converters
    assert isinstance(pattern, RegexPattern)
    regex = str(pattern)
    params, converters = [], {}

    def sub(match):
        params.append(match.group(1))
        converters[match.group(1)] = "regex"
        return "{" + match.group(1) + "}"

    text = _GROUP.sub(sub, regex.replace("{", "{{").replace("}", "}}"))
    text = text.lstrip("^").rstrip("$").replace("/?", "/").replace("$", "").replace("^", "")
    text = re.sub(r"\\(.)", r"\1", text)
    return text, params, converters


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(resolver, prefix: Route, namespace: str | None):
        for entry in resolver.url_patterns:
            text, params, converters = _piece(entry.pattern)
            here = Route(
                prefix.template + text,
                None,
                prefix.params + params,
                {**prefix.converters, **converters},
            )
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, here, ns)
            elif isinstance(entry, URLPattern):
                name = entry.name
                if name and namespace:
                    name = f"{namespace}:{name}"
                here.name = name
                routes.append(here)

    walk(get_resolver(), Route("", None), None)
    return routes


def _project_models():
    for app in PROJECT_APPS:
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models():
            if not model.__name__.startswith("Historical") and "Object" not in model.__name__:
                yield model


def _models_named_in(text: str):
    flat = text.replace("_", "").replace("-", "").lower()
    found = [m for m in _project_models() if m.__name__.lower() in flat]
    return sorted(found, key=lambda m: -len(m.__name__))


def candidates(route: Route, param: str, limit: int = 3) -> list[str]:
    """Plausible values for one parameter of a route, the nonexistent one last."""
    converter = route.converters.get(param, "str")
    context = (route.name or route.template).split(":")[-1]
    if converter == "drf_format_suffix":
        return [".json"]
    if param in {"format"}:
        return ["json"]
    if param in {"uidb36"}:
        return ["1"]
    if param in {"key", "token"}:
        return [uuid.uuid4().hex]
    if param in {"url", "path"}:
        return ["nonexistent/"]
    if param == "action":
        return ["approve", "publish", MISSING_SLUG]
    if param == "number":
        ToRVersion = apps.get_model("governance", "ToRVersion")
        if "version" in context and "deliverable" in route.template:
            Version = apps.get_model("thematic_groups", "DeliverableVersion")
            return [str(n) for n in Version.objects.values_list("number", flat=True)[:limit]] + [
                str(MISSING_INT)
            ]
        return [
            str(n) for n in ToRVersion.objects.order_by("number").values_list("number", flat=True)[:limit]
        ] + [str(MISSING_INT)]
    if converter == "slug" or param.endswith("slug"):
        owner = route.template.split("/")[0]
        models = _models_named_in(owner.rstrip("s") + context) or list(_project_models())
        values: list[str] = []
        for model in models:
            if any(f.name == "slug" for f in model._meta.get_fields()):
                values += list(
                    model._default_manager.order_by("pk").values_list("slug", flat=True)[: limit + 2]
                )
        return list(dict.fromkeys(values))[: limit + 2] + [MISSING_SLUG]
    if converter in {"int", "path", "str", "regex"}:
        hint = param[:-3] if param.endswith(("_id", "_pk")) else context
        models = _models_named_in(hint) or _models_named_in(context)
        values = []
        for model in models[:2]:
            values += [
                str(pk) for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:limit]
            ]
        if not values:
            values = ["1"]
        return list(dict.fromkeys(values))[:limit] + [str(MISSING_INT)]
    if converter == "uuid":
        return [str(uuid.uuid4())]
    return [MISSING_SLUG]


def urls_for(route: Route, *, limit: int = 3) -> list[str]:
    if not route.params:
        return [route.fill({})]
    options = {param: candidates(route, param, limit) for param in route.params}
    rows = max(len(v) for v in options.values())
    urls = [route.fill({p: v[i % len(v)] for p, v in options.items()}) for i in range(rows)]
    return list(dict.fromkeys(urls))
