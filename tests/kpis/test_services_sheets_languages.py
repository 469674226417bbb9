"""A spreadsheet downloaded in one language may be uploaded by someone reading in another: the
yes/no cells and the data-quality labels are read in any of the six languages (issue 13, 14)."""

from django.utils import translation

from kpis.entries import _boolean, quality_choice
from kpis.models import KpiValue


def test_yes_and_no_are_read_in_every_language(settings):
    errors: dict = {}
    with translation.override("en"):
        assert _boolean("yes", "sensitive", errors) is True
        assert _boolean("no", "sensitive", errors) is False
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                yes = translation.gettext("yes")
            assert _boolean(yes, "sensitive", errors) is True, (code, yes)
    assert errors == {}
    assert _boolean("maybe", "sensitive", errors) is False and "sensitive" in errors


def test_a_data_quality_label_is_read_in_any_language(settings):
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            label = str(KpiValue.Quality.choices[0][1])
        with translation.override("en"):
            assert quality_choice(label) == KpiValue.Quality.choices[0][0], (code, label)
    assert quality_choice("not a quality") is None
