"""Builders of the files the upload tests send: benign documents of every accepted format and
the hostile variants (macros, bombs, nested packages, encryption, PDF actions), all made in
memory so no sample file is kept in the repository."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from kernel import uploads

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    "{overrides}</Types>"
)
MAIN_TYPES = {
    "word": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "ppt": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "xl": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
MAIN_PARTS = {"word": "word/document.xml", "ppt": "ppt/presentation.xml", "xl": "xl/workbook.xml"}
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/>'
    "</Relationships>"
)
PNG_1X1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def zip_bytes(entries, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """entries: (name, bytes) pairs, or (ZipInfo, bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml_entries(family: str = "word", *, overrides: str = "", extra=()) -> list[tuple[str, bytes]]:
    main = MAIN_PARTS[family]
    types = CONTENT_TYPES.format(
        overrides=f'<Override PartName="/{main}" ContentType="{MAIN_TYPES[family]}"/>' + overrides
    )
    return [
        ("[Content_Types].xml", types.encode()),
        ("_rels/.rels", ROOT_RELS.format(main=main).encode()),
        (main, b'<?xml version="1.0"?><document><body>Minutes of the e-meeting</body></document>'),
        *extra,
    ]


def docx(**kwargs) -> bytes:
    return zip_bytes(ooxml_entries("word", **kwargs))


def pptx(**kwargs) -> bytes:
    return zip_bytes(ooxml_entries("ppt", **kwargs))


def xlsx(**kwargs) -> bytes:
    return zip_bytes(ooxml_entries("xl", **kwargs))


def odf_entries(
    mimetype: str = uploads.ODT, *, manifest_extra: str = "", extra=()
) -> list[tuple[str, bytes]]:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        f"{manifest_extra}</manifest:manifest>"
    )
    return [
        ("mimetype", mimetype.encode()),
        ("META-INF/manifest.xml", manifest.encode()),
        (
            "content.xml",
            b'<?xml version="1.0"?><office:document-content><office:body/></office:document-content>',
        ),
        *extra,
    ]


def odt(**kwargs) -> bytes:
    return zip_bytes(odf_entries(uploads.ODT, **kwargs))


def pdf(*objects: bytes, version: bytes = b"1.7") -> bytes:
    """A small PDF; each extra object is a dictionary body (b"<< ... >>")."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref))
    return out.getvalue()


def stream_object(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def object_stream(objects: list[bytes], filters: list[str]) -> bytes:
    """An /ObjStm holding the given object bodies, encoded by the filters (first applied last)."""
    header = b""
    payload = b""
    for index, obj in enumerate(objects):
        header += b"%d %d " % (100 + index, len(payload))
        payload += obj + b"\n"
    data = header + payload
    first = len(header)
    for name in reversed(filters):
        if name in ("FlateDecode", "Fl"):
            data = zlib.compress(data)
        elif name in ("ASCIIHexDecode", "AHx"):
            data = data.hex().encode() + b">"
        else:
            import base64

            data = base64.a85encode(data, adobe=True)
    filter_names = b"[" + b" ".join(b"/" + n.encode() for n in filters) + b"]"
    return stream_object(
        b"/Type /ObjStm /N %d /First %d /Filter %s" % (len(objects), first, filter_names), data
    )


def png(width: int = 1, height: int = 1) -> bytes:
    """A PNG whose header declares width x height (the pixel data is a single row: the header is
    what the check reads, as a pixel bomb's would be)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG")
    return out.getvalue()


def webp() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "WEBP")
    return out.getvalue()


def ole(*stream_names: str) -> bytes:
    """The start of an OLE compound file whose directory names the given streams (UTF-16LE):
    enough for a content check, as a password-protected .docx is such a container."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in stream_names)
    return uploads.OLE_MAGIC + b"\x00" * 504 + directory


def set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size an entry declares in the central directory (and local header)."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if bytes(out[name_at : name_at + len(encoded)]) == encoded:
                out[start + offset : start + offset + 4] = struct.pack("<I", size)
            start += 4
    return bytes(out)


def set_encrypted_flag(data: bytes, name: str) -> bytes:
    out = bytearray(data)
    encoded = name.encode()
    for signature, offset, name_offset in ((b"PK\x01\x02", 8, 46), (b"PK\x03\x04", 6, 30)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if bytes(out[start + name_offset : start + name_offset + len(encoded)]) == encoded:
                out[start + offset] |= 0x01
            start += 4
    return bytes(out)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def inspect(content: bytes, kind: str = "draft", name: str = "file.bin"):
    return uploads.inspect_upload(upload(name, content), kind)
