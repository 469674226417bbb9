"""Upload validation by content, not by file name: PDF, DOCX, ODT (and PPTX/ODP for slides).

`inspect_upload(file, allowed=...)` reads the bytes, checks size and emptiness, detects the
real type and returns an UploadInfo; anything else raises UploadRejected with a message to
show the person. Nothing is stored by this module.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODP = "application/vnd.oasis.opendocument.presentation"

LABELS = {
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    ODT: "OpenDocument text (ODT)",
    PPTX: "PowerPoint (PPTX)",
    ODP: "OpenDocument presentation (ODP)",
}
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt", PPTX: ".pptx", ODP: ".odp"}
DOCUMENTS = (PDF, DOCX, ODT)


class UploadRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class UploadInfo:
    content_type: str
    size: int
    sha256: str
    extension: str


def _zip_kind(file) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in (ODT, ODP):
                    return mimetype
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("ppt/") for n in names):
                    return PPTX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def detect_type(file) -> str | None:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    return None


def inspect_upload(file, *, allowed=DOCUMENTS, max_bytes: int | None = None) -> UploadInfo:
    max_bytes = max_bytes or settings.U4SSC_MAX_UPLOAD_BYTES
    size = file.size if getattr(file, "size", None) is not None else len(file.read())
    if size == 0:
        raise UploadRejected("The file is empty. Please choose the document again.")
    if size > max_bytes:
        raise UploadRejected(
            f"The file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB. "
            "Please reduce it (for example, export the PDF at a lower image quality)."
        )
    kind = detect_type(file)
    if kind not in allowed:
        names = ", ".join(LABELS[a] for a in allowed)
        raise UploadRejected(
            f"This file is not a {names} document (its content was checked, not its name). Please upload one of those formats."
        )
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return UploadInfo(content_type=kind, size=size, sha256=digest.hexdigest(), extension=EXTENSIONS[kind])
