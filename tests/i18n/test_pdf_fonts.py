"""PDFs in Arabic and Chinese: the Noto fonts are embedded (no tofu: the text reads back), an
Arabic document is right to left, and a PDF made from a page is in that page's language."""

from __future__ import annotations

import io

import pytest
from django.template import Context, Template
from django.utils import translation
from pypdf import PdfReader

from kernel.pdf import html_to_pdf

pytestmark = pytest.mark.pango

ARABIC = "الاختصاصات السارية"  # "the Terms of Reference in force"
CHINESE = "职权范围"  # "Terms of Reference"
DOCUMENT = Template(
    "<!DOCTYPE html><html {% load languages %}{% html_lang_dir %}><head><meta charset='utf-8'>"
    "<style>body { font-family: {% pdf_font_family %}; }</style></head>"
    "<body><h1>{{ arabic }}</h1><p>{{ chinese }} U4SSC 2026</p></body></html>"
)


def fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            # A subset's name is "ABCDEF+Noto-Naskh-Arabic": the family without the subset tag.
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return fonts, " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en"])
def test_arabic_and_chinese_text_is_drawn_with_fonts_that_have_it(language):
    with translation.override(language):
        html = DOCUMENT.render(Context({"arabic": ARABIC, "chinese": CHINESE}))
    fonts, text = fonts_and_text(html_to_pdf(html))
    assert "Noto-Sans-CJK-SC" in fonts, fonts
    assert ARABIC in text and CHINESE in text  # drawn glyphs that map back to the letters
    if language == "ar":
        assert '<html lang="ar" dir="rtl">' in html
        assert "Noto-Naskh-Arabic" in fonts  # Arabic's book hand first for an Arabic document


def test_the_tor_diff_pdf_of_an_arabic_page_is_an_arabic_document(client, cast, tor_v1):
    from governance import services

    draft = services.tor_revision_create(by=cast.secretariat, summary="Clarify the workplan.")
    services.clause_edit(by=cast.secretariat, clause=draft.clauses.get(key="3"), text=f"{ARABIC} {CHINESE}")
    client.force_login(cast.focal_a)
    response = client.get(f"/ar/tor/versions/{draft.number}/diff.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    fonts, text = fonts_and_text(response.content)
    assert {"Noto-Naskh-Arabic", "Noto-Sans-CJK-SC"} <= fonts
    # The diff interleaves old and new words: each word reads back.
    # A line may break inside the Chinese words (no spaces in Chinese): read them without breaks.
    assert all(word in text for word in ARABIC.split()) and CHINESE in "".join(text.split())
