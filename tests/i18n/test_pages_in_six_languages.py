"""The public pages read in each of the six languages from the project's own catalogues
(compiled by `manage.py compile_catalogues`, which `make test` and tests/conftest.py run)."""

import pytest
from django.test import Client

# The header's words in each language, from locale/<lang>/LC_MESSAGES/django.po.
HEADER = {
    "ar": ("الاختصاصات", "النواتج"),
    "zh-hans": ("职权范围", "成果文件"),
    "fr": ("Termes de référence", "Produits"),
    "ru": ("Круг ведения", "Итоговые документы"),
    "es": ("Términos de referencia", "Productos"),
    "en": ("Terms of Reference", "Deliverables"),
}
PUBLIC = ["/", "/deliverables/", "/groups/", "/meetings/", "/partners/", "/decisions/", "/cities/", "/kpis/"]


@pytest.mark.parametrize("code", list(HEADER))
def test_every_public_page_reads_in_the_language_of_its_prefix(cast, code):
    client = Client()
    prefix = "" if code == "en" else f"/{code}"
    for path in PUBLIC:
        response = client.get(prefix + path)
        assert response.status_code == 200, (code, path, response.status_code)
        page = response.content.decode()
        assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in page, (code, path)
        for word in HEADER[code]:
            assert word in page, (code, path, word)
        if code != "en":
            # The header is translated: its English words are gone.
            assert ">Deliverables<" not in page and ">Terms of Reference<" not in page, (code, path)
