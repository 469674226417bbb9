"""PDF rendering with WeasyPrint, imported only where a PDF is made (it needs Pango)."""

from __future__ import annotations

from functools import cache

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
