"""The admin gate and the base ModelAdmin every register uses (any app may import it).

Only Secretariat staff (a focal point of ITU, UNECE or UN-Habitat with staff access)
and superusers enter, signed in with a second factor (allauth.mfa) unless U4SSC_MFA_ENFORCED is
off. Inside, every list and action asks the same question, "may this person keep the registers?".
The kernel knows neither the rulebook nor the sign-in flow: governance answers the first question
with `set_register_keeper(...)` and the portal the second with `set_second_factor_check(...)`, from
their AppConfig.ready(). Until then nobody keeps the registers and no session passed a second factor.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import update_change_reason

from kernel.content_language import ORIGINAL, other_languages
from kernel.lifecycle import Lifecycle
from kernel.lifecycle import permission as lifecycle_permission
from kernel.reasons import ADMIN_EDITED
from kernel.refusals import REFUSALS, attempt, show_refusal

_register_keeper: Callable[[object], bool] = lambda user: False  # noqa: E731  (closed until set)


def set_register_keeper(keeps_registers: Callable[[object], bool]) -> None:
    """Install the answer to "may this user keep the registers?" (governance: the rulebook)."""
    global _register_keeper
    _register_keeper = keeps_registers


_second_factor_passed: Callable[[object], bool] = lambda request: False  # noqa: E731  (closed until set)


def set_second_factor_check(passed: Callable[[object], bool]) -> None:
    """Install the answer to "did this session pass a second factor?" (portal/mfa.py)."""
    global _second_factor_passed
    _second_factor_passed = passed


def keeps_registers(user) -> bool:
    return bool(user.is_active and user.is_authenticated and _register_keeper(user))


def secretariat_has_permission(self, request) -> bool:
    user = request.user
    if not keeps_registers(user):
        return False
    if settings.U4SSC_MFA_ENFORCED:
        return _second_factor_passed(request)
    return True


# Links typed without a scheme are https (Django 6.0's default, taken now), in registers and inlines.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RegisterAdmin(SimpleHistoryAdmin):
    """Base admin for governance registers: the rulebook decides, not Django model permissions."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELDS_HTTPS

    def _keeps_registers(self, request) -> bool:
        return keeps_registers(request.user)

    def has_module_permission(self, request):
        return self._keeps_registers(request)

    def has_view_permission(self, request, obj=None):
        return self._keeps_registers(request)

    def has_add_permission(self, request, *args):
        return self._keeps_registers(request)

    def has_change_permission(self, request, obj=None):
        return self._keeps_registers(request)

    def has_delete_permission(self, request, obj=None):
        return self._keeps_registers(request) and request.user.is_superuser


class RegisterInlineMixin:
    """Inlines of a register follow the register's rulebook too: without this, Django asks for
    model permissions the Secretariat's staff accounts do not have, and hides every inline."""

    formfield_overrides = URL_FIELDS_HTTPS

    def has_view_permission(self, request, obj=None):
        return keeps_registers(request.user)

    def has_add_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj) and request.user.is_superuser


class ReadOnlyInline(RegisterInlineMixin, admin.TabularInline):
    """Related rows shown on a register's page but written elsewhere, through services
    (ballots by focal points, team members by `team_member_add`, clauses by the ToR editor…).
    `select_related` names what each row displays, so the inline costs one query."""

    extra = 0
    can_delete = False
    show_change_link = True
    select_related: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def has_view_permission(self, request, obj=None):
        # An object being added has no rows yet: nothing to show, no formset to post.
        return obj is not None and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Registers whose writes go through services ------------------------------------------------


def copy_saved(obj, saved) -> None:
    """After a service created `saved`, make the admin's unsaved `obj` stand for it."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False


class ServiceAdmin(RegisterAdmin):
    """A register whose writes go through a service: a refusal is shown, nothing is saved.

    A plain edit of the fields the services do not own records who made it as the reason.
    """

    def get_actions(self, request):
        """Actions of a lifecycle are listed only to a person the rulebook lets take them (each
        selected record is asked again when the action runs, `run_available`)."""
        actions = super().get_actions(request)
        for key, (function, *_rest) in list(actions.items()):
            marked = getattr(function, "lifecycle_action", None)
            if marked is not None and not offered_at_all(*marked, request.user):
                del actions[key]
        return actions

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except REFUSALS as exc:  # the atomic block of the admin has rolled everything back
            show_refusal(request, exc)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        update_change_reason(obj, ADMIN_EDITED(who=request.user.get_username()))


def run_each(modeladmin, request, queryset, action, done: str) -> None:
    """Apply a service to each selected row; report what worked and each refusal.

    Each service call is atomic: a refused row changes nothing, the others go ahead."""
    count = sum(bool(attempt(request, action, obj, denied=True, prefix=f"{obj}: ")) for obj in queryset)
    if count:
        modeladmin.message_user(
            request,
            # Translators: a count and what the admin action did to that many records, e.g. "3 Hubs closed."
            gettext("%(count)s %(done)s.") % {"count": count, "done": done},
            messages.SUCCESS,
        )


def run_available(
    modeladmin, request, queryset, *, lifecycle: Lifecycle, name: str, action, done: str
) -> None:
    """`run_each` for the records whose lifecycle offers the action `name` to this person now
    (state × rulebook, `Lifecycle.available`); the others are named in one message with why, and
    nothing is done to them. The service still checks everything itself."""
    offered, left = [], []
    for obj in queryset:
        why = lifecycle.why_not(name, obj, request.user)
        if why is None:
            offered.append(obj)
        else:
            left.append(f"{obj} — {why.rstrip('.')}")
    if left:
        modeladmin.message_user(
            request,
            # Translators: a list of records, each "record — why", separated by ";"
            gettext("Left as they were: %(records)s.") % {"records": "; ".join(left)},
            messages.WARNING,
        )
    if offered:
        run_each(modeladmin, request, offered, action, done)


def service_action(
    description: str,
    service,
    *,
    param: str,
    done: str,
    from_post: tuple[str, ...] = (),
    lifecycle: Lifecycle | None = None,
    name: str = "",
    **fixed,
):
    """An admin action that calls `service(by=<the user>, <param>=<row>, **fixed)` for each selected
    row through `run_each`; `from_post` names fields typed in the action bar (e.g. a note). With
    `lifecycle` and `name`, only for the rows whose lifecycle offers that action (`run_available`)."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        typed = {key: request.POST.get(key, "") for key in from_post}

        def call(obj):
            return service(by=request.user, **{param: obj}, **fixed, **typed)

        if lifecycle is None:
            run_each(modeladmin, request, queryset, call, done)
        else:
            run_available(
                modeladmin, request, queryset, lifecycle=lifecycle, name=name, action=call, done=done
            )

    if lifecycle is not None:
        action.lifecycle_action = (lifecycle, name)
    return action


def lifecycle_action(lifecycle: Lifecycle, name: str):
    """Mark an admin action written by hand as the lifecycle's action `name` (for `get_actions`);
    its body calls `run_available`."""

    def mark(function):
        function.lifecycle_action = (lifecycle, name)
        return function

    return mark


def offered_at_all(lifecycle: Lifecycle, name: str, person) -> bool:
    """Whether the rulebook lets this person take the action `name` in some state (rules not scoped
    to a record are asked as such; a record-scoped rule is left to each record)."""
    return any(
        a.name == name and (a.on_record or lifecycle_permission(person, a.rule, None))
        for a in lifecycle.actions
    )


def portal_link(url: str, text: str):
    return format_html('<a href="{}">{}</a>', url, text)


class SecretariatLogAdmin(admin.ModelAdmin):
    """A log (reminders, the email outbox): the Secretariat reads it; nobody edits or deletes it
    by hand. The same gate as every register (`keeps_registers`)."""

    list_per_page = 50
    show_full_result_count = False

    def _keeps_registers(self, request) -> bool:
        return keeps_registers(request.user)

    def has_module_permission(self, request):
        return self._keeps_registers(request)

    def has_view_permission(self, request, obj=None):
        return self._keeps_registers(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Content in several languages (issue 13) ---------------------------------------------------


class TranslatedContentAdmin:
    """The content fields of a register with versions in the UN languages (modeltranslation,
    `kernel.content_language`), side by side: the English original where the admin had the field,
    and under it one line per field with its Arabic, Chinese, French, Russian and Spanish versions.

    Put it first among the bases (`class DeliverableAdmin(TranslatedContentAdmin, ServiceAdmin)`).
    The English original still changes through the admin's own `save_model` (its services); the
    other versions through `translate_service` (the app sets it to
    `governance.services.content_translate`, which asks the rulebook and records the history), so
    they can be added to a record whose own text is closed (a published deliverable, the ToR in
    force). An admin whose `get_readonly_fields` names a content field names its `<field>_en`."""

    translate_service: Callable | None = None

    def _content_fields(self) -> list[str]:
        return list(get_translatable_fields_for_model(self.model) or ())

    def _version_columns(self, field: str) -> tuple[str, ...]:
        return tuple(build_localized_fieldname(field, code) for code in other_languages())

    def _every_column(self) -> set[str]:
        return {
            build_localized_fieldname(field, code)
            for field in self._content_fields()
            for code in settings.MODELTRANSLATION_LANGUAGES
        }

    def get_fieldsets(self, request, obj=None):
        content, columns = self._content_fields(), self._every_column()
        shown, fieldsets = [], []
        for name, options in super().get_fieldsets(request, obj):
            fields = []
            for field in options.get("fields", ()):
                if field in content:
                    fields.append(build_localized_fieldname(field, ORIGINAL))
                    shown.append(field)
                elif field not in columns:
                    fields.append(field)
            fieldsets.append((name, {**options, "fields": fields}))
        if obj is not None:  # versions are added to a record that exists, in English first
            for field in shown:
                label = capfirst(self.model._meta.get_field(field).verbose_name)
                fieldsets.append(
                    (
                        gettext("%(field)s in the other languages") % {"field": label},
                        {"fields": [self._version_columns(field)], "classes": ["content-versions"]},
                    )
                )
        return fieldsets

    def get_prepopulated_fields(self, request, obj=None):
        content = self._content_fields()
        return {
            target: [build_localized_fieldname(f, ORIGINAL) if f in content else f for f in sources]
            for target, sources in super().get_prepopulated_fields(request, obj).items()
        }

    def get_search_fields(self, request):
        """A search finds a record in whatever language its words are (modeltranslation would
        search the admin's own language only)."""
        content, fields = self._content_fields(), []
        for field in super().get_search_fields(request):
            if field in content:
                fields += [
                    build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES
                ]
            else:
                fields.append(field)
        return fields

    def save_form(self, request, form, change):
        """Keep the versions in other languages out of the record's own save; `save_related` hands
        them to `translate_service` once the record's own changes went through."""
        obj = super().save_form(request, form, change)
        versions = {}
        if change:
            columns = {
                column: (field, code)
                for field in self._content_fields()
                for code, column in zip(other_languages(), self._version_columns(field), strict=True)
            }
            changed = [name for name in form.changed_data if name in columns]
            if changed:
                saved = type(obj)._default_manager.filter(pk=obj.pk).values(*changed).get()
                for column in changed:
                    field, code = columns[column]
                    versions.setdefault(code, {})[field] = form.cleaned_data.get(column) or ""
                    setattr(obj, column, saved[column])
                form.changed_data = [name for name in form.changed_data if name not in columns]
        form.content_versions = versions  # per request: the admin object is shared between threads
        return obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for code, texts in getattr(form, "content_versions", {}).items():
            form.instance = self.translate_service(
                by=request.user, record=form.instance, language=code, texts=texts
            )
