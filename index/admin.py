"""The Secretariat's side of the Index: methodology versions (drafts edited here, published by an
action, never changed after) and editions (requested, recomputed and published by actions)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from index import services
from index.models import Aggregation, Edition, Methodology, Normalisation
from kernel.admin_base import ServiceAdmin, copy_saved, portal_link, service_action


class MethodologyForm(forms.ModelForm):
    alternative_normalisations = forms.MultipleChoiceField(
        label=_("Alternative normalisations (robustness)"),
        choices=Normalisation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alternative_aggregations = forms.MultipleChoiceField(
        label=_("Alternative aggregations (robustness)"),
        choices=Aggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Methodology
        fields = [
            "title",
            "normalisation",
            "aggregation",
            "missing",
            "progress_cap",
            "coverage_threshold",
            "weights",
            "alternative_normalisations",
            "alternative_aggregations",
            "weight_perturbation",
            "robustness_runs",
            "seed",
            "notes",
        ]


@admin.register(Methodology)
class MethodologyAdmin(ServiceAdmin):
    form = MethodologyForm
    list_display = ["version", "title", "status", "normalisation", "aggregation", "missing", "published_at"]
    list_filter = ["status"]
    actions = ["publish", "new_version"]
    publish = service_action(
        _("Publish the selected methodologies"),
        services.methodology_publish,
        param="methodology",
        done=_("methodologies published"),
    )
    new_version = service_action(
        _("Make a new draft version of the selected methodologies"),
        services.methodology_new_version,
        param="methodology",
        done=_("new versions drafted"),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return [f.name for f in Methodology._meta.concrete_fields] + list(MethodologyForm.Meta.fields)
        return ["version", "status", "published_at", "published_by"]

    def save_model(self, request, obj, form, change):
        if change:
            services.methodology_save(by=request.user, methodology=obj)
            return
        data = {name: form.cleaned_data.get(name) for name in MethodologyForm.Meta.fields}
        copy_saved(obj, services.methodology_create(by=request.user, **data))


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["year", "methodology"]


@admin.register(Edition)
class EditionAdmin(ServiceAdmin):
    form = EditionForm
    list_display = ["slug", "year", "methodology", "status", "computed_at", "seconds", "published_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["slug", "status", "computed_at", "seconds", "published_at", "published_by", "page"]

    @admin.display(description=_("Page (a preview until published)"))
    def page(self, obj):
        return portal_link(obj.get_absolute_url(), obj.slug) if obj.pk and obj.is_computed else "—"

    actions = ["publish", "recompute"]
    publish = service_action(
        _("Publish (freeze) the selected editions"),
        services.edition_publish,
        param="edition",
        done=_("editions published"),
    )
    recompute = service_action(
        _("Recompute the selected editions (not published ones)"),
        services.edition_recompute,
        param="edition",
        done=_("editions sent to be recomputed"),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "year", "methodology"]
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "methodology":
            kwargs["queryset"] = Methodology.objects.filter(status=Methodology.Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return  # an edition's year and methodology never change; it moves by its actions
        copy_saved(
            obj,
            services.edition_request(
                by=request.user, year=form.cleaned_data["year"], methodology=form.cleaned_data["methodology"]
            ),
        )
