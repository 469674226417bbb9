"""The admin of the KPI web-tool and of the Index speaks the reader's language (issue 13): the
register names, the list columns and the change-form labels come from the catalogues, in French
and in Arabic as in English; and every model and field of kpis and index has an explicit,
translatable label (Django's derived ones, "Submitted at" or "Cycle score", cannot be translated).
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

from index import services as index_services
from index.models import Edition, Methodology
from kernel.migration import BatchedAlterMigration
from kpis import services as kpi_services
from kpis.models import City, ReportingCycle
from tests.admin.conftest import admin_url
from tests.foundation.test_migration_upgrade import records_only_database, with_migrations  # noqa: F401

APPS = ("kpis", "index")

# Fields a person never sees in the admin or a form, with why they keep Django's own label.
NO_LABEL_NEEDED = {
    # django-guardian's per-object grants: the columns its abstract model declares; a steward or a
    # verifier is named by an admin action (a username), never by a form on these rows.
    ("kpis", "CityUserObjectPermission", "user"): "declared by django-guardian, given by services",
    ("kpis", "CityUserObjectPermission", "permission"): "declared by django-guardian, given by services",
    ("kpis", "CycleUserObjectPermission", "user"): "declared by django-guardian, given by services",
    ("kpis", "CycleUserObjectPermission", "permission"): "declared by django-guardian, given by services",
}


def concrete_models(app: str):
    return [m for m in apps.get_app_config(app).get_models() if not m.__name__.startswith("Historical")]


def editable_fields(model):
    """The fields a form of the model could show: concrete and many-to-many, not the automatic
    primary key (`id`, labelled "ID" by Django, never in a form)."""
    return [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.editable and not f.auto_created
    ]


@pytest.mark.parametrize("app", APPS)
def test_every_model_names_itself_in_the_catalogue(app):
    for model in concrete_models(app):
        given = model._meta.original_attrs  # what the model's Meta says, not what Django derived
        for option in ("verbose_name", "verbose_name_plural"):
            assert isinstance(given.get(option), Promise), f"{model.__name__}.Meta.{option} is not marked"


@pytest.mark.parametrize("app", APPS)
def test_every_editable_field_has_a_translated_label(app):
    """A derived label (`field.name` with spaces) is a plain str: a lazy translation is one the
    model gave and marked, even when its words are the field's name ("year", "status")."""
    unlabelled = []
    for model in concrete_models(app):
        for field in editable_fields(model):
            if (app, model.__name__, field.name) in NO_LABEL_NEEDED:
                continue
            label = field.verbose_name
            if not isinstance(label, Promise):
                unlabelled.append(f"{model.__name__}.{field.name} ({label!r})")
            if field.help_text and not isinstance(field.help_text, Promise):
                unlabelled.append(f"{model.__name__}.{field.name} help_text")
            for value, shown in field.flatchoices if field.choices else ():
                if not isinstance(shown, Promise):
                    unlabelled.append(f"{model.__name__}.{field.name} choice {value!r}")
    assert unlabelled == []


def test_the_fields_left_unlabelled_exist_and_are_not_in_the_admin():
    registered = admin.site._registry
    for app, model_name, field_name in NO_LABEL_NEEDED:
        model = apps.get_model(app, model_name)
        assert model._meta.get_field(field_name)
        assert model not in registered


# The admin in French and in Arabic ------------------------------------------------------------


def in_language(text, language: str) -> str:
    with translation.override(language):
        return capfirst(str(text))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _label(text: str) -> str:
    return text.rstrip(" :\u00a0\uff1a")  # the label suffix (" :" in French)


def column_headers(html: str) -> dict[str, str]:
    """{list_display name: the column's header} of a changelist."""
    found = re.findall(r'<th scope="col"\s+class="[^"]*\bcolumn-(\w+)[^"]*">(.*?)</th>', html, re.S)
    return {name: text_of(cell) for name, cell in found}


def form_labels(html: str) -> dict[str, str]:
    """{field name: its label} of a change form (editable and read-only rows alike)."""
    labels = {}
    rows = re.split(r'<div class="form-row', html)[1:]
    for row in rows:
        names = re.findall(r"\bfield-(\w+)", row[: row.index(">")])
        label = re.search(r"<label[^>]*>(.*?)</label>", row, re.S)
        if len(names) == 1 and label:
            labels[names[0]] = _label(text_of(label.group(1)))
    return labels


def breadcrumbs(html: str) -> str:
    return text_of(re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1))


def title(html: str) -> str:
    return text_of(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def label_of(model, name: str):
    """The label the admin gives a column or a field: the admin form's own, an admin method's
    description, or the model field's verbose name."""
    model_admin = admin.site._registry[model]
    declared = getattr(model_admin.form, "declared_fields", {})
    if name in declared:
        return declared[name].label
    if name in {f.name for f in model._meta.get_fields()}:
        return model._meta.get_field(name).verbose_name
    return getattr(model_admin, name).short_description


@pytest.fixture
def registers(cast):
    """One record of each register the test opens, made through the services."""
    sec = cast.secretariat
    city = kpi_services.city_create(by=sec, name="Alphaville", slug="alphaville", country="Norway")
    cycle = kpi_services.cycle_open(by=sec, city=city, year=2024)
    published = index_services.methodology_publish(
        by=sec, methodology=index_services.methodology_create(by=sec)
    )
    edition = index_services.edition_request(by=sec, year=2024, methodology=published)
    draft = index_services.methodology_create(by=sec)  # its form: every field but the version's own
    return {City: city, ReportingCycle: cycle, Methodology: draft, Edition: edition}


REGISTERS = [City, ReportingCycle, Methodology, Edition]
LANGUAGES = ["fr", "ar"]


def opened(client, cast, url: str, language: str) -> str:
    client.force_login(cast.secretariat)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", REGISTERS, ids=lambda m: m.__name__)
def test_a_registers_list_is_in_the_readers_language(client, cast, registers, model, language):
    html = opened(client, cast, admin_url(model, "changelist"), language)
    opts = model._meta
    plural, english_plural = (in_language(opts.verbose_name_plural, code) for code in (language, "en"))
    assert plural != english_plural
    assert plural in breadcrumbs(html) and english_plural not in breadcrumbs(html)
    # "Select city to change": the register's name, in the reader's words
    name, english_name = (in_language(opts.verbose_name, code).lower() for code in (language, "en"))
    assert name in title(html).lower() and english_name not in title(html).lower()

    headers = column_headers(html)
    listed = [n for n in admin.site._registry[model].list_display if n != "__str__"]
    assert sorted(headers) == sorted(listed)
    expected = {n: in_language(label_of(model, n), language) for n in listed}
    english = {n: in_language(label_of(model, n), "en") for n in listed}
    assert headers == expected
    replaced = {english[n] for n in listed if english[n] != expected[n]}
    assert replaced, "no column is translated"
    assert not replaced & set(headers.values())


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", REGISTERS, ids=lambda m: m.__name__)
def test_a_records_form_is_in_the_readers_language(client, cast, registers, model, language):
    record = registers[model]
    html = opened(client, cast, admin_url(model, "change", record.pk), language)
    opts = model._meta
    assert in_language(opts.verbose_name_plural, language) in breadcrumbs(html)
    assert in_language(opts.verbose_name_plural, "en") not in breadcrumbs(html)

    labels = form_labels(html)
    assert len(labels) >= 4, labels
    expected = {n: _label(in_language(label_of(model, n), language)) for n in labels}
    english = {n: _label(in_language(label_of(model, n), "en")) for n in labels}
    assert labels == expected
    replaced = {english[n] for n in labels if english[n] != expected[n]}
    assert len(replaced) >= len(labels) // 2, (labels, english)
    assert not replaced & set(labels.values())


# The labels migrations (kernel.migration.BatchedAlterMigration) ---------------------------------------------------

LABELS_MIGRATIONS = [("kpis", "0004_labels"), ("index", "0002_labels")]


@pytest.mark.parametrize("key", LABELS_MIGRATIONS, ids="_".join)
def test_a_labels_migration_changes_no_sql_and_the_state_as_django_does(records_only_database, key):  # noqa: F811
    """`BatchedAlterMigration.apply` (the state changed and re-rendered once) leaves the state Django's
    own operations build, one by one, and writes nothing to the database."""
    loader = MigrationLoader(records_only_database, ignore_no_migrations=True)
    migration = loader.get_migration(*key)
    assert isinstance(migration, BatchedAlterMigration)
    expected = loader.project_state(key, at_end=True)
    state = loader.project_state(key, at_end=False)
    _ = state.apps  # rendered, as `migrate` has it
    with records_only_database.schema_editor(collect_sql=True, atomic=False) as editor:
        after = migration.apply(state, editor, collect_sql=True)
    assert [sql for sql in editor.collected_sql if not sql.startswith("--")] == []
    assert after.models == expected.models
    # the rendered models carry the new labels (keys too: they re-render what relates to them)
    model_name, field, label = {
        "kpis": ("KpiValue", "cycle", "reporting cycle"),
        "index": ("EditionCity", "edition", "Index edition"),
    }[key[0]]
    assert after.apps.get_model(key[0], model_name)._meta.get_field(field).verbose_name == label
