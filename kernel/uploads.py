"""Upload validation by content, not by file name.

What is accepted is a list per upload kind (`KINDS`): minutes, drafts, presentations, evidence
and images each name the formats they take and their size bound. Everything else is refused,
and so is a file of an accepted format that carries what a reader's software would run or
unpack (issue #18):

- Office Open XML (DOCX, PPTX, XLSX): VBA projects and Excel 4 macro sheets, whatever their
  path or letter case; macro-enabled or ActiveX/OLE content types; ActiveX parts; binary OLE
  parts; relationships to a VBA project or to an external template, frame or object.
- OpenDocument (ODT, ODP, ODS): Basic/ and Scripts/ libraries, script entries in the manifest,
  event listeners bound to macros.
- PDF: JavaScript, launch and submit/import actions, additional (event) actions, embedded files
  (unless the kind's policy allows them), RichMedia, XFA forms; names are read after undoing
  #xx escapes, and compressed object streams are read too (within a hard cap).
- Every ZIP package: the central directory is checked before any byte is decompressed (entry
  count, declared size of each entry and in total, compression ratio, encryption flags, unsafe
  or duplicate names); then each entry is read through a stream bounded by its declared size,
  so a lying header fails its CRC instead of expanding; an entry that is itself an archive or an
  OLE container (a nested package) is refused.
- Encrypted packages (a password-protected Office file is an OLE container holding
  EncryptionInfo/EncryptedPackage; an encrypted PDF; a ZIP with the encryption flag; an ODF
  manifest with encryption data) cannot be checked, so they are refused.
- Images (PNG, JPEG, WebP): the pixel count read from the header is bounded (no pixel bombs);
  SVG is not an image format here (it carries scripts).

`inspect_upload(file, kind)` reads the bytes and returns an UploadInfo; a refusal raises
UploadRejected with a message for the person and a short `reason` code. Nothing is stored or
extracted by this module; callers save the file only after it returns.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODP = "application/vnd.oasis.opendocument.presentation"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"

LABELS = {
    PDF: "PDF",
    DOCX: "Word (DOCX)",
    ODT: "OpenDocument text (ODT)",
    PPTX: "PowerPoint (PPTX)",
    ODP: "OpenDocument presentation (ODP)",
    XLSX: "Excel (XLSX)",
    ODS: "OpenDocument spreadsheet (ODS)",
    CSV: "CSV",
    PNG: "PNG",
    JPEG: "JPEG",
    WEBP: "WebP",
}
EXTENSIONS = {
    PDF: ".pdf",
    DOCX: ".docx",
    ODT: ".odt",
    PPTX: ".pptx",
    ODP: ".odp",
    XLSX: ".xlsx",
    ODS: ".ods",
    CSV: ".csv",
    PNG: ".png",
    JPEG: ".jpg",
    WEBP: ".webp",
}
DOCUMENTS = (PDF, DOCX, ODT)
OOXML = (DOCX, PPTX, XLSX)
ODF = (ODT, ODP, ODS)
IMAGES = (PNG, JPEG, WEBP)

MB = 1024 * 1024


@dataclass(frozen=True)
class UploadKind:
    """What one kind of upload accepts. `max_bytes=None` means settings.U4SSC_MAX_UPLOAD_BYTES."""

    name: str
    formats: tuple[str, ...]
    max_bytes: int | None = None
    pdf_embedded_files: bool = False  # PDF attachments (/EmbeddedFile): refused unless True
    max_pixels: int = 40_000_000  # images: width x height x frames

    def byte_limit(self) -> int:
        return self.max_bytes or settings.U4SSC_MAX_UPLOAD_BYTES


# The one list of what is accepted. A caller names its kind; a format not listed is refused.
KINDS: dict[str, UploadKind] = {
    "minutes": UploadKind("minutes", DOCUMENTS),
    "draft": UploadKind("draft", DOCUMENTS),
    "presentation": UploadKind("presentation", (*DOCUMENTS, PPTX, ODP)),
    # KPI evidence: documents, spreadsheets (no macro-enabled XLSM: refused by content) and images.
    "evidence": UploadKind("evidence", (*DOCUMENTS, XLSX, ODS, CSV, *IMAGES)),
    "image": UploadKind("image", IMAGES, max_bytes=10 * MB, max_pixels=40_000_000),
    # A reporting cycle's data sheet uploaded back (the .xlsx template or its CSV twin).
    "kpi_sheet": UploadKind("kpi_sheet", (XLSX, CSV), max_bytes=5 * MB),
}

# Bounds on every ZIP package, checked on the central directory before anything is read.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_ENTRY_BYTES = 100 * MB  # declared uncompressed size of one entry
ZIP_MAX_TOTAL_BYTES = 200 * MB  # declared uncompressed size of all entries
ZIP_MAX_RATIO = 150  # uncompressed / compressed, for entries larger than ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1 * MB
XML_PART_CAP = 4 * MB  # [Content_Types].xml, *.rels, manifest.xml: read whole, at most this
PDF_INFLATE_CAP = 16 * MB  # bytes decompressed from PDF object streams, in total
PDF_TOKEN_CAP = 1_000_000  # names, strings and streams read: bounds the time a check may take
IMAGE_MAX_SIDE = 20_000

CHUNK = 64 * 1024


class UploadRejected(Exception):
    """A refused upload. `reason` is one of: empty, size, type, macro, active_content, bomb,
    nested, encrypted, malformed, pixels."""

    def __init__(self, message: str, reason: str = "type"):
        super().__init__(message)
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class UploadInfo:
    content_type: str
    size: int
    sha256: str
    extension: str


def _reject(reason: str, message: str):
    raise UploadRejected(message, reason)


# Detection ---------------------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ARCHIVE_MAGICS = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (OLE_MAGIC, "an OLE container (an embedded object)"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b\x08", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"MSCF", "a cabinet archive"),
)


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _zip_family(names: list[str]) -> str | None:
    lower = [n.lower() for n in names]
    if "mimetype" in lower:
        return "odf"
    if "[content_types].xml" in lower:
        return "ooxml"
    return None


def detect_type(file) -> str | None:
    """The format of a file by its content (no safety checks; `inspect_upload` does those)."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                return _package_type(archive, archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, UploadRejected):
            return None
        finally:
            file.seek(0)
    return None


def _package_type(archive: zipfile.ZipFile, names: list[str]) -> str | None:
    family = _zip_family(names)
    if family == "odf":
        name = next(n for n in names if n.lower() == "mimetype")
        mimetype = _read_capped(archive, name, 256).decode("ascii", "replace").strip()
        return mimetype if mimetype in ODF else None
    if family == "ooxml":
        lower = [n.lower() for n in names]
        for prefix, kind in (("word/", DOCX), ("ppt/", PPTX), ("xl/", XLSX)):
            if any(n.startswith(prefix) for n in lower):
                return kind
    return None


# ZIP packages (OOXML, ODF) -----------------------------------------------------------------


def _read_capped(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """The whole entry, or a refusal if it is longer than `cap` (never decompresses more)."""
    with archive.open(name) as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:
        _reject(
            "bomb", gettext("A part of this package (%(name)s) is too large to be checked.") % {"name": name}
        )
    return data


def _check_zip_directory(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Bounds read from the central directory only: nothing is decompressed here."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        _reject(
            "bomb",
            gettext(
                "This package holds %(count)s parts; at most %(limit)s are accepted. It may be a decompression bomb."
            )
            % {"count": len(infos), "limit": ZIP_MAX_ENTRIES},
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        folded = name.lower()
        if info.flag_bits & 0x1 or info.flag_bits & 0x40:
            _reject(
                "encrypted",
                gettext(
                    "This file is encrypted (password-protected), so its content cannot be checked. "
                    "Please remove the password and upload it again."
                ),
            )
        if folded in seen:
            _reject(
                "malformed",
                gettext("This package names the part %(name)s twice; it cannot be checked.")
                % {"name": repr(name)},
            )
        seen.add(folded)
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or "\x00" in name:
            _reject(
                "malformed",
                gettext("This package holds a part with an unsafe name (%(name)s).") % {"name": repr(name)},
            )
        if info.file_size > ZIP_MAX_ENTRY_BYTES:
            _reject(
                "bomb",
                gettext(
                    "A part of this package (%(name)s) expands to %(size)s MB; the limit is %(limit)s MB per part. It may be a decompression bomb."
                )
                % {
                    "name": name,
                    "size": format(info.file_size / MB, ".0f"),
                    "limit": format(ZIP_MAX_ENTRY_BYTES / MB, ".0f"),
                },
            )
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            _reject(
                "bomb",
                gettext(
                    "A part of this package (%(name)s) is compressed %(ratio)s to 1; at most %(limit)s to 1 is accepted. It may be a decompression bomb."
                )
                % {"name": name, "ratio": format(ratio, ".0f"), "limit": ZIP_MAX_RATIO},
            )
        total += info.file_size
        if total > ZIP_MAX_TOTAL_BYTES:
            _reject(
                "bomb",
                gettext("This package expands to more than %(limit)s MB; it may be a decompression bomb.")
                % {"limit": format(ZIP_MAX_TOTAL_BYTES / MB, ".0f")},
            )
    return infos


MACRO_PART_NAMES = {
    "vbaproject.bin",
    "vbadata.xml",
    "vbaprojectsignature.bin",
    "vbaprojectsignatureagile.bin",
    "vbaprojectsignaturev3.bin",
}
PRINTER_SETTINGS = re.compile(r"(^|/)printersettings/printersettings\d+\.bin$")
OOXML_MACRO_TYPES = ("macro", "vbaproject", "vbadata", "vbasignature", "keymapcustomizations")
OOXML_ACTIVE_TYPES = ("activex", "oleobject", "ms-office.control")
EXTERNAL_RELATION_TYPES = ("attachedtemplate", "oleobject", "frame", "subdocument", "package", "control")
ODF_SCRIPT_MARKERS = (b"script:event-listener", b"vnd.sun.star.script", b"macro://")
DTD_MARKERS = (b"<!doctype", b"<!entity")

MACRO_MESSAGE = _(
    "This document contains macros ({what}). Files with macros are not accepted: please save it "
    "without macros (for example as a plain .docx, .xlsx or .odt, or as PDF) and upload it again."
)
ACTIVE_MESSAGE = _(
    "This document contains active content ({what}) that could run on a reader's computer. "
    "Please remove it (or save the document as PDF) and upload it again."
)


def _char_refs(text: str) -> str:
    """Undo XML character references so &#69;xternal cannot hide from the checks."""

    def one(match):
        value = match.group(1)
        try:
            code = int(value[1:], 16) if value[:1] in "xX" else int(value)
            return chr(code)
        except (ValueError, OverflowError):
            return ""

    return re.sub(r"&#([xX]?[0-9A-Fa-f]+);", one, text)


def _attributes(element: str) -> dict[str, str]:
    return {k.lower(): v for k, v in re.findall(r"([\w:.-]+)\s*=\s*[\"']([^\"']*)[\"']", element)}


def _check_ooxml_names(infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        folded = info.filename.lower().replace("\\", "/")
        base = folded.rsplit("/", 1)[-1]
        if base in MACRO_PART_NAMES:
            _reject("macro", MACRO_MESSAGE.format(what=f"a VBA project, {info.filename}"))
        if "/macrosheets/" in f"/{folded}":
            _reject("macro", MACRO_MESSAGE.format(what=f"an Excel 4 macro sheet, {info.filename}"))
        if "activex" in folded:
            _reject("active_content", ACTIVE_MESSAGE.format(what=f"an ActiveX control, {info.filename}"))
        if base.endswith(".bin") and not PRINTER_SETTINGS.search(folded):
            _reject("active_content", ACTIVE_MESSAGE.format(what=f"a binary OLE part, {info.filename}"))


def _check_ooxml_xml(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        folded = info.filename.lower()
        if folded == "[content_types].xml":
            text = _char_refs(_read_capped(archive, info.filename, XML_PART_CAP).decode("utf-8", "replace"))
            for element in re.findall(r"<(?:[\w.-]+:)?(?:Default|Override)\b[^>]*>", text, re.IGNORECASE):
                content_type = _attributes(element).get("contenttype", "").lower()
                if any(marker in content_type for marker in OOXML_MACRO_TYPES):
                    _reject("macro", MACRO_MESSAGE.format(what=f"the content type {content_type}"))
                if any(marker in content_type for marker in OOXML_ACTIVE_TYPES):
                    _reject("active_content", ACTIVE_MESSAGE.format(what=f"the content type {content_type}"))
        elif folded.endswith(".rels"):
            text = _char_refs(_read_capped(archive, info.filename, XML_PART_CAP).decode("utf-8", "replace"))
            for element in re.findall(r"<(?:[\w.-]+:)?Relationship\b[^>]*>", text, re.IGNORECASE):
                attrs = _attributes(element)
                rel_type = attrs.get("type", "").lower().rsplit("/", 1)[-1]
                if any(marker in rel_type for marker in ("vbaproject", "vbadata", "keymapcustomizations")):
                    _reject("macro", MACRO_MESSAGE.format(what=f"a relationship to {rel_type}"))
                if "activex" in rel_type or rel_type == "control":
                    _reject("active_content", ACTIVE_MESSAGE.format(what="an ActiveX control"))
                external = attrs.get("targetmode", "").strip().lower() == "external"
                if external and any(marker == rel_type for marker in EXTERNAL_RELATION_TYPES):
                    _reject(
                        "active_content",
                        ACTIVE_MESSAGE.format(
                            what=f"a {rel_type} loaded from {attrs.get('target', 'outside')}"
                        ),
                    )


def _check_odf(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        folded = info.filename.lower().replace("\\", "/")
        top = folded.split("/", 1)[0]
        if top in ("basic", "scripts"):
            _reject("macro", MACRO_MESSAGE.format(what=f"a macro library, {info.filename}"))
        if folded == "meta-inf/manifest.xml":
            text = _char_refs(_read_capped(archive, info.filename, XML_PART_CAP).decode("utf-8", "replace"))
            lowered = text.lower()
            if "encryption-data" in lowered:
                _reject(
                    "encrypted",
                    gettext(
                        "This file is encrypted (password-protected), so its content cannot be checked. "
                        "Please remove the password and upload it again."
                    ),
                )
            for element in re.findall(r"<(?:[\w.-]+:)?file-entry\b[^>]*>", text, re.IGNORECASE):
                attrs = _attributes(element)
                path = attrs.get("manifest:full-path", attrs.get("full-path", "")).lower()
                media = attrs.get("manifest:media-type", attrs.get("media-type", "")).lower()
                if "script" in media or "basic" in media or path.startswith(("basic/", "scripts/")):
                    _reject("macro", MACRO_MESSAGE.format(what=f"a script entry, {path or media}"))


def _stream_entries(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], markers: tuple[bytes, ...]
) -> None:
    """Read every entry once, bounded by its declared size (zipfile stops there and checks the
    CRC, so a lying header fails instead of expanding): refuse nested archives and OLE objects,
    document type declarations (entity expansion) and the given script markers in XML parts."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        tail = b""
        first = True
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > ZIP_MAX_TOTAL_BYTES:
                    _reject(
                        "bomb",
                        gettext("This package expands beyond the limit; it may be a decompression bomb."),
                    )
                if first:
                    first = False
                    for magic, what in ARCHIVE_MAGICS:
                        if chunk.startswith(magic):
                            _reject(
                                "nested",
                                gettext(
                                    "This package holds %(what)s inside it (%(filename)s). Packages within packages and embedded objects cannot be checked: please remove the embedded object (paste a chart or table as a picture) or save the document as PDF."
                                )
                                % {"what": what, "filename": info.filename},
                            )
                if is_xml:
                    window = (tail + chunk).lower()
                    if any(marker in window for marker in DTD_MARKERS):
                        _reject(
                            "malformed",
                            gettext(
                                "A part of this package (%(filename)s) declares a document type; office documents do not, so it cannot be checked."
                            )
                            % {"filename": info.filename},
                        )
                    for marker in markers:
                        if marker in window:
                            _reject(
                                "macro",
                                MACRO_MESSAGE.format(what=f"a macro bound to an event in {info.filename}"),
                            )
                    tail = window[-64:]


def _check_package(file, kind: UploadKind) -> str:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = _check_zip_directory(archive)
            names = [i.filename for i in infos]
            content_type = _package_type(archive, names)
            if content_type not in kind.formats:
                _reject_type(kind)
            if content_type in OOXML:
                _check_ooxml_names(infos)
                _check_ooxml_xml(archive, infos)
                _stream_entries(archive, infos, ())
            else:
                _check_odf(archive, infos)
                _stream_entries(archive, infos, ODF_SCRIPT_MARKERS)
            return content_type
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise UploadRejected(
            gettext(
                "This package is damaged or uses a feature that cannot be checked (%(error)s). "
                "Please save it again and upload it."
            )
            % {"error": exc.__class__.__name__},
            "malformed",
        ) from None
    finally:
        file.seek(0)


# OLE containers (legacy Office, encrypted OOXML) -------------------------------------------


def _check_ole(file) -> None:
    data = _read_all(file)
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        _reject(
            "encrypted",
            gettext(
                "This file is encrypted (password-protected), so its content cannot be checked. "
                "Please remove the password and upload it again."
            ),
        )
    _reject(
        "type",
        gettext(
            "This is an old-format Office file (.doc, .xls or .ppt), which can carry macros that cannot be "
            "checked. Please save it as .docx, .xlsx, .odt or PDF and upload it again."
        ),
    )


# PDF ---------------------------------------------------------------------------------------

PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
PDF_ACTIVE = {
    "JavaScript": "JavaScript",
    "JS": "JavaScript",
    "Launch": "an action that launches a program",
    "SubmitForm": "a form that sends data away",
    "ImportData": "an action that imports data",
    "GoToE": "an action that opens an embedded file",
    "AA": "actions run on events (open, close, print)",
    "RichMedia": "rich media (Flash or video)",
    "XFA": "an XFA form",
}
PDF_EMBEDDED = {"EmbeddedFile", "EmbeddedFiles"}
_PDF_WATCHED = (*PDF_ACTIVE, *PDF_EMBEDDED, "Encrypt")


def _hex_digit(digit: str) -> str:
    return f"[{digit.lower()}{digit.upper()}]" if digit.isalpha() else digit


def _spelled_any_way(name: str) -> str:
    """A regex for /Name however it is spelled: any of its characters may be written #xx."""
    return "".join(f"(?:{re.escape(c)}|#{''.join(_hex_digit(d) for d in f'{ord(c):02X}')})" for c in name)


# What the scanner stops at: literal strings, comments and stream data (stepped over: binary data
# would otherwise spell names by chance) and the watched names, followed by a delimiter. Other
# names are passed over by the regex engine itself, so a check costs little per object.
PDF_TOKEN = re.compile(
    (
        r"\(|%|(?<![A-Za-z])stream(?:\r\n|\n|\r)|/(?:"
        + "|".join(_spelled_any_way(n) for n in sorted(_PDF_WATCHED, key=len, reverse=True))
        + r")(?=[\s/<>\[\]()%{}]|$)"
    ).encode()
)
PDF_STRING_PART = re.compile(rb"[()\\]")
PDF_EOL = re.compile(rb"[\r\n]")
PDF_OBJECT_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")
PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_SUPPORTED_FILTERS = {"FlateDecode", "Fl", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85"}
_FILTERS = _SUPPORTED_FILTERS | {
    "LZWDecode",
    "LZW",
    "RunLengthDecode",
    "RL",
    "CCITTFaxDecode",
    "CCF",
    "DCTDecode",
    "DCT",
    "JBIG2Decode",
    "JPXDecode",
    "Crypt",
}


def _pdf_name(raw: bytes) -> str:
    """A name as the reader sees it: /J#61vaScript is /JavaScript."""
    if b"#" in raw:
        raw = PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return raw.decode("latin-1")


def _skip_string(data: bytes, pos: int, budget: list[int]) -> int:
    depth = 1
    while depth:
        _spend(budget)
        match = PDF_STRING_PART.search(data, pos)
        if not match:
            return len(data)
        char = match.group()
        pos = match.end() + (1 if char == b"\\" else 0)
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
    return pos


def _spend(budget: list[int]) -> None:
    budget[1] -= 1
    if budget[1] < 0:
        _reject(
            "malformed",
            gettext(
                "This PDF holds too many objects to be checked. Please split it or export it again "
                "(for example, with images instead of vector detail)."
            ),
        )


def _pdf_scan(data: bytes, names: set[str], budget: list[int], depth: int = 0) -> None:
    """Collect the names of `data` into `names`, reading object streams (and any stream data
    that holds an object header, which a damaged-file reader could find) the same way."""
    pos = 0
    while True:
        match = PDF_TOKEN.search(data, pos)
        if not match:
            return
        _spend(budget)
        token = match.group()
        if token == b"(":
            pos = _skip_string(data, match.end(), budget)
        elif token == b"%":
            eol = PDF_EOL.search(data, match.end())
            pos = eol.end() if eol else len(data)
        elif token[:1] == b"/":
            names.add(_pdf_name(token[1:]))
            pos = match.end()
        else:
            end = data.find(b"endstream", match.end())
            end = len(data) if end < 0 else end
            _pdf_stream(data, match.start(), match.end(), end, names, budget, depth)
            pos = end + len(b"endstream")


def _pdf_stream(data, keyword: int, start: int, end: int, names: set[str], budget: list[int], depth: int):
    head = data[max(0, keyword - 4096) : keyword]
    obj = head.rfind(b"obj")
    head = head[obj:] if obj >= 0 else head
    dictionary = [_pdf_name(raw) for raw in PDF_NAME.findall(head)]
    body = data[start:end].rstrip(b"\r\n")
    if "ObjStm" in dictionary:
        if depth:
            _reject("malformed", gettext("This PDF nests object streams; it cannot be checked."))
        filters = [n for n in dictionary if n in _FILTERS]
        if (
            ("Filter" in dictionary and not filters)
            or "Predictor" in dictionary
            or any(n not in _SUPPORTED_FILTERS for n in filters)
        ):
            _reject(
                "malformed",
                gettext(
                    "This PDF compresses its objects in a way that cannot be checked. Please print it to a "
                    "new PDF (or export it again) and upload that."
                ),
            )
        try:
            decoded = _pdf_decode(body, filters, budget[0])
        except (zlib.error, ValueError, binascii.Error):
            _reject(
                "malformed",
                gettext("This PDF is damaged (an object stream cannot be read); it cannot be checked."),
            )
        budget[0] -= len(decoded)
        if budget[0] < 0:
            _reject(
                "bomb",
                gettext("This PDF's compressed objects expand beyond the limit; they cannot be checked."),
            )
        _pdf_scan(decoded, names, budget, depth + 1)
    elif PDF_OBJECT_HEADER.search(body):
        _pdf_scan(body, names, budget, depth + 1)


def _pdf_decode(data: bytes, filters: list[str], cap: int) -> bytes:
    for name in filters:
        if name in ("FlateDecode", "Fl"):
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, max(cap, 1))
            if inflater.unconsumed_tail:
                _reject("bomb", gettext("This PDF holds a compressed object stream too large to be checked."))
        elif name in ("ASCIIHexDecode", "AHx"):
            text = re.sub(rb"\s", b"", data).split(b">", 1)[0]
            data = binascii.unhexlify(text + b"0" * (len(text) % 2))
        else:  # ASCII85Decode, A85
            text = re.sub(rb"\s", b"", data)
            text = text[2:] if text.startswith(b"<~") else text
            data = base64.a85decode(text.split(b"~>", 1)[0] + b"~>", adobe=True)
    return data


def _check_pdf(file, kind: UploadKind) -> None:
    data = _read_all(file)
    names: set[str] = set()
    _pdf_scan(data, names, [PDF_INFLATE_CAP, PDF_TOKEN_CAP])
    if "Encrypt" in names:
        _reject(
            "encrypted",
            gettext(
                "This PDF is encrypted (password-protected), so its content cannot be checked. "
                "Please save an unprotected copy and upload it again."
            ),
        )
    for name, what in PDF_ACTIVE.items():
        if name in names:
            _reject("active_content", ACTIVE_MESSAGE.format(what=f"{what}, /{name}"))
    if not kind.pdf_embedded_files and names & PDF_EMBEDDED:
        _reject(
            "active_content",
            gettext(
                "This PDF carries embedded files (attachments), which are not accepted here. "
                "Please remove the attachments and upload it again."
            ),
        )


# Images and CSV ----------------------------------------------------------------------------


def _check_image(file, kind: UploadKind, content_type: str) -> None:
    from PIL import Image

    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 Mpx and refuses from 179 Mpx; the kind's own bound applies below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file, formats=["PNG", "JPEG", "WEBP"])
        with image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        _reject("pixels", gettext("This image has too many pixels to be accepted (it may be a pixel bomb)."))
    except (OSError, ValueError, SyntaxError):
        _reject("malformed", gettext("This image is damaged and cannot be read. Please export it again."))
    finally:
        file.seek(0)
    if width > IMAGE_MAX_SIDE or height > IMAGE_MAX_SIDE or width * height * frames > kind.max_pixels:
        _reject(
            "pixels",
            f"This image is {width} x {height} pixels"
            + (f" in {frames} frames" if frames > 1 else "")
            + f"; at most {kind.max_pixels / 1_000_000:.0f} million pixels and {IMAGE_MAX_SIDE} pixels a side "
            "are accepted. Please resize it.",
        )


def _looks_like_csv(file) -> bool:
    data = _read_all(file)
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if not text.strip() or text.lstrip()[:1] == "<":
        return False
    try:
        rows = list(csv.reader(io.StringIO(text[:65536])))
    except csv.Error:
        return False
    return bool(rows)


# The check ---------------------------------------------------------------------------------


def _reject_type(kind: UploadKind):
    names = ", ".join(LABELS[a] for a in kind.formats)
    _reject(
        "type",
        gettext(
            "This file is not a %(names)s document (its content was checked, not its name). Please upload one of those formats."
        )
        % {"names": names},
    )


def _kind(kind, allowed) -> UploadKind:
    if allowed is not None:  # an explicit list of formats (older callers)
        return UploadKind("custom", tuple(allowed))
    if isinstance(kind, UploadKind):
        return kind
    return KINDS[kind]


def inspect_upload(
    file, kind: str | UploadKind = "draft", *, allowed=None, max_bytes: int | None = None
) -> UploadInfo:
    """Check an upload of the given kind (a key of KINDS) by its content; refuse with a reason."""
    kind = _kind(kind, allowed)
    max_bytes = max_bytes or kind.byte_limit()
    size = file.size if getattr(file, "size", None) is not None else len(_read_all(file))
    if size == 0:
        _reject("empty", gettext("The file is empty. Please choose the document again."))
    if size > max_bytes:
        _reject(
            "size",
            gettext(
                "The file is %(size)s MB; the limit is %(limit)s MB. Please reduce it (for example, export the PDF at a lower image quality)."
            )
            % {"size": format(size / MB, ".1f"), "limit": format(max_bytes / MB, ".0f")},
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(OLE_MAGIC):
        _check_ole(file)
    if head.startswith(b"PK\x03\x04"):
        content_type = _check_package(file, kind)
    else:
        content_type = detect_type(file)
        if content_type is None and CSV in kind.formats and _looks_like_csv(file):
            content_type = CSV
        if content_type not in kind.formats:
            _reject_type(kind)
        if content_type == PDF:
            _check_pdf(file, kind)
        elif content_type in IMAGES:
            _check_image(file, kind, content_type)
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return UploadInfo(
        content_type=content_type, size=size, sha256=digest.hexdigest(), extension=EXTENSIONS[content_type]
    )
