"""PDF rendering with WeasyPrint, imported only where a PDF is made (it needs Pango)."""

from __future__ import annotations

from functools import cache

# The font stack of every PDF (`{% pdf_font_family %}` in their style sheets): DejaVu for Latin and
# Cyrillic, Noto Naskh Arabic for Arabic (shaped and laid out right to left by Pango/HarfBuzz),
# Noto Sans CJK SC for Chinese. Debian: fonts-dejavu-core fonts-noto-core fonts-noto-cjk (the
# Dockerfile and .ci/run install them); Pango falls back per glyph to any other installed font.
FONT_FAMILY = (
    '"DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans CJK SC", '
    '"Noto Sans SC", "Liberation Sans", sans-serif'
)
# A document in Arabic or Chinese puts its script's font first (DejaVu has Arabic letters too, but
# Naskh is the book hand Arabic readers expect); Latin words inside fall back to the stack.
FIRST_FONT = {"ar": '"Noto Naskh Arabic"', "zh-hans": '"Noto Sans CJK SC"'}


def font_family(language: str | None) -> str:
    first = FIRST_FONT.get(language or "")
    return f"{first}, {FONT_FAMILY}" if first else FONT_FAMILY


FONTS_HELP = "PDFs in Arabic and Chinese need the Noto fonts: apt-get install fonts-noto-core fonts-noto-cjk"

PANGO_HELP = (
    "WeasyPrint needs Pango from the system to make PDFs. "
    "On Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)


class PdfUnavailable(RuntimeError):
    pass


@cache
def weasyprint_missing() -> str | None:
    """Why PDFs cannot be made on this machine, or None when they can."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        return f"{PANGO_HELP} ({exc})"
    return None


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    problem = weasyprint_missing()
    if problem:
        raise PdfUnavailable(problem)
    import weasyprint

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()
