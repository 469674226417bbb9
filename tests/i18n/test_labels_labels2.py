"""The admin speaks the reader's language for meetings and Thematic Groups too (issue 13): the
register's name, the columns of its list and the labels of its change form come from the
catalogue (Meta.verbose_name, each field's verbose_name), not from the English field names.

The words expected are the catalogue's (translation.override + the model's own labels), so the test
follows the catalogue; in Arabic every label differs from its English, so none of the English ones
may be left on the page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import override

from meetings.models import Meeting
from tests.admin.conftest import admin_url
from thematic_groups.models import Membership

APPS = ("meetings", "thematic_groups")

# Fields whose label is not ours to set, with why.
ANY_MODEL = {"id": "Django's automatic primary key: labelled 'ID' by Django, never typed"}
NOT_OURS = {
    # django-guardian's abstract base declares them (object permissions: never in the admin or a form)
    ("thematic_groups", "ThematicGroupUserObjectPermission", "user"): "django-guardian's field",
    ("thematic_groups", "ThematicGroupUserObjectPermission", "permission"): "django-guardian's field",
    ("thematic_groups", "DeliverableUserObjectPermission", "user"): "django-guardian's field",
    ("thematic_groups", "DeliverableUserObjectPermission", "permission"): "django-guardian's field",
}


class AdminPage(HTMLParser):
    """What the admin page says where labels are: the <title>, the inline headings (<h2>), the
    form's <label>s (without the colon) and the list's column headers (<th class="column-…">)."""

    def __init__(self, html: str):
        super().__init__()
        self.title = ""
        self.headings: list[str] = []
        self.labels: list[str] = []
        self.columns: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, column name) being read
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "h2", "label", "th"):
            classes = (dict(attrs).get("class") or "").split()
            column = next((c.removeprefix("column-") for c in classes if c.startswith("column-")), None)
            self._open.append((tag, column))
            self._text = ""

    def handle_data(self, data):
        if self._open:
            self._text += data

    def handle_endtag(self, tag):
        if not self._open or self._open[-1][0] != tag:
            return
        _, column = self._open.pop()
        text = " ".join(self._text.split())
        if tag == "title":
            self.title = text
        elif tag == "h2":
            self.headings.append(text)
        elif tag == "label":
            self.labels.append(text.rstrip(" :：\u00a0"))
        elif column:
            self.columns[column] = text


def label(model, name: str) -> str:
    """A field's label as the admin writes it, in the active language."""
    return str(capfirst(model._meta.get_field(name).verbose_name))


def in_english_and_in(language: str, words) -> list[tuple[str, str]]:
    with override("en"):
        english = [str(w()) for w in words]
    with override(language):
        translated = [str(w()) for w in words]
    if language == "ar":  # the Arabic catalogue has all of them: no label may read as its English
        unchanged = [e for e, t in zip(english, translated, strict=True) if e == t]
        assert not unchanged, f"untranslated in Arabic: {unchanged}"
    return list(zip(english, translated, strict=True))


REGISTERS = [  # one register per app: (model, the record whose form is shown)
    (Meeting, lambda cast: cast.annual_meeting),
    (Membership, lambda cast: Membership.objects.get(person=cast.member_x)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("model", "record"), REGISTERS, ids=[m.__name__ for m, _ in REGISTERS])
def test_the_list_names_the_register_and_its_columns_in_the_readers_language(
    client, cast, language, model, record
):
    record(cast)
    client.force_login(cast.secretariat)
    response = client.get(admin_url(model, "changelist"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = AdminPage(response.content.decode())

    (singular, shown_singular), (plural, shown_plural) = in_english_and_in(
        language,
        [lambda: model._meta.verbose_name, lambda: capfirst(model._meta.verbose_name_plural)],
    )
    with override(language):
        assert shown_singular in page.title, page.title  # "Select <register> to change"
    if singular != shown_singular:
        assert singular not in page.title

    columns = [c for c in admin.site._registry[model].list_display if isinstance(c, str)]
    fields = [c for c in columns if c in {f.name for f in model._meta.get_fields()}]
    assert fields, "the list shows model fields"
    for (english, translated), name in zip(
        in_english_and_in(language, [lambda n=n: label(model, n) for n in fields]), fields, strict=True
    ):
        assert page.columns[name] == translated, (name, page.columns[name])
        if english != translated:
            assert english not in page.columns.values()
    assert shown_plural in response.content.decode()  # the breadcrumbs


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("model", "record"), REGISTERS, ids=[m.__name__ for m, _ in REGISTERS])
def test_the_change_form_labels_each_field_in_the_readers_language(client, cast, language, model, record):
    obj = record(cast)
    client.force_login(cast.secretariat)
    response = client.get(admin_url(model, "change", obj.pk), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = AdminPage(response.content.decode())

    adminform = response.context["adminform"]
    shown = [*adminform.form.fields, *adminform.readonly_fields]
    names = sorted({n for n in shown if _is_model_field(model, n)})
    assert len(names) >= 5, names
    for (english, translated), name in zip(
        in_english_and_in(language, [lambda n=n: label(model, n) for n in names]), names, strict=True
    ):
        assert translated in page.labels, (name, translated, page.labels)
        if english != translated:
            assert english not in page.labels, (name, english)

    # the inlines are headed by the plural of their register
    for inline in response.context["inline_admin_formsets"]:
        inline_model = inline.opts.model
        ((english, translated),) = in_english_and_in(
            language, [lambda m=inline_model: capfirst(m._meta.verbose_name_plural)]
        )
        assert translated in page.headings, (translated, page.headings)
        if english != translated:
            assert english not in page.headings


def _is_model_field(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except Exception:  # a form-only field or an admin method
        return False
    return field.concrete or field.many_to_many


@pytest.mark.parametrize("app", APPS)
def test_every_register_and_field_has_a_translated_label(app):
    """Meta.verbose_name(_plural) on every model (the history copies follow theirs) and a marked
    verbose_name on every editable field: otherwise the admin and the forms show the field's
    English name whatever the reader's language."""
    missing = []
    for model in apps.get_app_config(app).get_models():
        if model.__name__.startswith("Historical"):
            continue
        for option in ("verbose_name", "verbose_name_plural"):
            if not isinstance(model._meta.original_attrs.get(option), Promise):
                missing.append(f"{model.__name__}.Meta.{option}")
        for field in model._meta.get_fields():
            if not (field.concrete or field.many_to_many) or field.auto_created or not field.editable:
                continue
            if field.name in ANY_MODEL or (app, model.__name__, field.name) in NOT_OURS:
                continue
            # Django derives a missing label as the plain string name.replace("_", " "); a label
            # we set is a lazy translation, even when its English is the same words (_("title")).
            if not isinstance(field.verbose_name, Promise):
                missing.append(f"{model.__name__}.{field.name}")
    assert missing == []
