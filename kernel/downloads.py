"""Private files leave the portal only through views that asked the rulebook first.

`private_file_response(field_file, filename, content_type)` streams the file as an
attachment with nosniff; views answer 404 (not 403) when the person may not know it exists.
"""

from __future__ import annotations

from django.http import FileResponse, Http404


def private_file_response(
    field_file, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    if not field_file:
        raise Http404("No file.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
