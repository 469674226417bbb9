"""One door for writes (issue 16): no model write in a view, form, template tag or admin module.

Views, forms, template tags and admins call services; the services write. The scan parses (ast)
every `*/views*.py` (and `views/` packages), `*/forms.py`, `*/templatetags/*.py` and `*/admin*.py`
of the project's apps and fails on a call that writes a model: `.save(`, `.delete(`,
`.create(` / `.get_or_create(` / `.update_or_create(` / `.bulk_create(` / `.bulk_update(`,
`.update(` on a queryset, `.add(` / `.remove(` / `.clear(` / `.set(` on a relation.

Allowed without listing:
- `super().save_model(...)`, `super().delete_model(...)` and the like inside an admin: `ServiceAdmin`
  (kernel/admin_base.py) turns them into plain edits with a change reason, and lifecycle fields are
  read only there;
- `form.save(...)` / `formset.save(...)` called by a service is not in these files; a ModelForm's own
  `save` is never called from a view here (the scan would see it).
- receivers that are not models (a session, a cache, a form's `initial`, kernel.cache.Fragments):
  a call on a name listed in NOT_MODELS is ignored.
- allauth's sign-up form hands the new account to `signup(request, user)`: it calls the service
  `people.services.person_update_profile`, like the profile page.

Anything else found is listed in ALLOWED_WRITES (file, line text), which may only shrink.
"""

from __future__ import annotations

import ast

from tests.test_layers import RANK, ROOT

WRITES = {
    "save",
    "delete",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "add",
    "remove",
    "clear",
    "set",
}
# Receivers that are not models: sessions, caches, plain dicts and sets the code builds.
# `parts` is a kernel.cache.Fragments (its save() stores cached page parts); `initial` a form's dict.
NOT_MODELS = {"session", "cache", "context", "kwargs", "extra", "data", "seen", "names", "cleaned_data"}
NOT_MODELS |= {"parts", "initial"}

# (file, the call's source text) of writes not yet moved into a service. Must shrink to empty.
ALLOWED_WRITES: set[tuple[str, str]] = set()


def _surface_files():
    for app in RANK:
        base = ROOT / app
        if not base.exists():
            continue
        for path in sorted(base.rglob("*.py")):
            parts = path.relative_to(base).parts
            if "migrations" in parts:
                continue
            name = path.name
            if (
                name.startswith("views")
                or "views" in parts[:-1]
                or name == "forms.py"
                or "templatetags" in parts[:-1]
                or name.startswith("admin")
            ):
                yield path


def _receiver_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def writes_in(tree: ast.AST, source: str):
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        receiver = node.func.value
        # super().save_model / super().delete_model are not in WRITES; super().save() would be.
        if _receiver_name(receiver) in NOT_MODELS:
            continue
        if isinstance(receiver, ast.Call) and _receiver_name(receiver.func) in {"dict", "set", "list"}:
            continue
        yield ast.get_source_segment(source, node).split("\n")[0]


def found_writes() -> set[tuple[str, str]]:
    found = set()
    for path in _surface_files():
        source = path.read_text(encoding="utf-8")
        for call in writes_in(ast.parse(source, filename=str(path)), source):
            found.add((str(path.relative_to(ROOT)), call))
    return found


def test_views_forms_template_tags_and_admins_write_only_through_services():
    found = found_writes()
    new = sorted(found - ALLOWED_WRITES)
    gone = sorted(ALLOWED_WRITES - found)
    assert not new, f"a model write outside a service (call a service that takes by=): {new}"
    assert not gone, f"remove these from ALLOWED_WRITES, they are gone: {gone}"


def test_the_scan_sees_a_write():
    source = (
        "def view(request):\n"
        "    obj.save(update_fields=['x'])\n"
        "    Model.objects.create(a=1)\n"
        "    Model.objects.filter(a=1).update(b=2)\n"
        "    request.session.update({'a': 1})\n"
        "    super().save_model(request, obj, form, change)\n"
    )
    calls = list(writes_in(ast.parse(source), source))
    assert calls == [
        "obj.save(update_fields=['x'])",
        "Model.objects.create(a=1)",
        "Model.objects.filter(a=1).update(b=2)",
    ]
