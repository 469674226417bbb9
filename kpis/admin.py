"""The Secretariat's side of the KPI web-tool: the catalogue (versioned with history), cities and
their data stewards, reporting cycles and their verifiers. Writes go through kpis.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kernel.admin_base import ReadOnlyInline, ServiceAdmin, copy_saved, run_each
from kpis import services
from kpis.models import City, Kpi, KpiValue, ReportingCycle


@admin.register(Kpi)
class KpiAdmin(ServiceAdmin):
    list_display = [
        "code",
        "name",
        "dimension",
        "category",
        "unit",
        "level",
        "direction",
        "computed",
        "target",
    ]
    list_filter = ["dimension", "level", "direction", "computed"]
    search_fields = ["code", "name", "category"]
    readonly_fields = ["code", "slug"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["slug"]

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            from kpis.models import kpi_slug

            obj.slug = kpi_slug(obj.code)
        super().save_model(request, obj, form, change)


class PersonActionForm(ActionForm):
    username = forms.CharField(required=False, label=_("Username (steward or verifier)"), max_length=150)


def _person(request):
    username = (request.POST.get("username") or "").strip()
    return get_user_model().objects.filter(username=username).first()


@admin.register(City)
class CityAdmin(ServiceAdmin):
    list_display = ["name", "country", "region", "population", "partner", "illustrative"]
    list_filter = ["country", "region", "illustrative"]
    search_fields = ["name", "country"]
    prepopulated_fields = {"slug": ["name"]}
    action_form = PersonActionForm
    actions = ["add_steward", "remove_steward"]
    FIELDS = [
        "name",
        "slug",
        "country",
        "region",
        "population",
        "partner",
        "hub",
        "contact_name",
        "contact_email",
        "illustrative",
    ]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = {name: form.cleaned_data.get(name) for name in self.FIELDS}
        city = services.city_create(by=request.user, **data)
        copy_saved(obj, city)

    @admin.action(description=_("Make the person named below a data steward of the selected cities"))
    def add_steward(self, request, queryset):
        person = _person(request)
        run_each(
            self,
            request,
            queryset,
            lambda city: (
                services.steward_add(by=request.user, city=city, person=person) if person else _no_person()
            ),
            _("cities given a steward"),
        )

    @admin.action(description=_("Remove the person named below as data steward of the selected cities"))
    def remove_steward(self, request, queryset):
        person = _person(request)
        run_each(
            self,
            request,
            queryset,
            lambda city: (
                services.steward_remove(by=request.user, city=city, person=person) if person else _no_person()
            ),
            _("stewards removed"),
        )


def _no_person():
    from kernel.lifecycle import DomainError

    raise DomainError(str(_("Type the username of an existing account.")))


class ValueInline(ReadOnlyInline):
    model = KpiValue
    fields = ["kpi", "value", "not_reported", "data_quality", "consent", "sensitive", "verdict"]
    select_related = ("kpi",)


@admin.register(ReportingCycle)
class ReportingCycleAdmin(ServiceAdmin):
    list_display = ["city", "year", "status", "verifier", "submission_deadline", "verification_deadline"]
    list_filter = ["status", "year"]
    search_fields = ["city__name"]
    list_select_related = ["city", "verifier"]
    readonly_fields = ["status", "verifier", "submitted_at", "verified_at", "published_at", "return_reason"]
    action_form = PersonActionForm
    actions = ["assign_verifier"]
    inlines = [ValueInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "city", "year"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.cycle_set_deadlines(
                by=request.user,
                cycle=obj,
                submission_deadline=data.get("submission_deadline"),
                verification_deadline=data.get("verification_deadline"),
            )
            return
        cycle = services.cycle_open(
            by=request.user,
            city=data["city"],
            year=data["year"],
            submission_deadline=data.get("submission_deadline"),
            verification_deadline=data.get("verification_deadline"),
        )
        copy_saved(obj, cycle)

    @admin.action(description=_("Assign the person named below as verifier of the selected cycles"))
    def assign_verifier(self, request, queryset):
        person = _person(request)
        run_each(
            self,
            request,
            queryset,
            lambda cycle: (
                services.cycle_assign_verifier(by=request.user, cycle=cycle, verifier=person)
                if person
                else _no_person()
            ),
            _("verifiers assigned"),
        )
