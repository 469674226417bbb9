"""PDFs with generated content: JavaScript, launch actions, event actions, embedded files,
RichMedia and XFA are refused wherever they sit (a plain object, an object stream under any
supported filter chain) and however the name is spelled (#xx escapes); encrypted PDFs are
refused; benign PDFs (strings and binary streams that merely contain such bytes) pass."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from kernel import uploads
from kernel.uploads import UploadRejected
from tests.kernel import packages as p

ACTIVE = sorted(uploads.PDF_ACTIVE)
FILTER_CHAINS = st.lists(
    st.sampled_from(["FlateDecode", "Fl", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85"]),
    min_size=1,
    max_size=3,
)
SPACE = st.sampled_from([b" ", b"\n", b"\r\n", b"  ", b"\t", b""])


def refused(content: bytes, kind: str = "draft") -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        p.inspect(content, kind, "document.pdf")
    return caught.value


@st.composite
def spelled(draw, name: str) -> bytes:
    """/Name with any of its characters written as #xx (the reader sees the same name)."""
    out = b"/"
    for char in name:
        out += b"#%02X" % ord(char) if draw(st.booleans()) else char.encode()
    return out


def literal(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@st.composite
def action_object(draw, name: str) -> bytes:
    key = draw(spelled(name))
    gap = draw(SPACE)
    if name in ("JS", "JavaScript"):
        return (
            b"<< /Type /Action /S"
            + gap
            + draw(spelled("JavaScript"))
            + b" /JS"
            + gap
            + literal(b"app.alert(1)")
            + b" >>"
        )
    return b"<<" + gap + key + b" << /F (calc.exe) >> >>"


@given(st.sampled_from(ACTIVE), st.data())
def test_active_content_in_a_plain_object_is_refused_however_its_name_is_spelled(name, data):
    error = refused(p.pdf(data.draw(action_object(name))))
    assert error.reason == "active_content"
    assert f"/{'JavaScript' if name == 'JS' else name}" in error.message or f"/{name}" in error.message


@given(st.sampled_from(ACTIVE), FILTER_CHAINS, st.data())
def test_active_content_hidden_in_a_compressed_object_stream_is_refused(name, filters, data):
    hidden = data.draw(action_object(name))
    content = p.pdf(p.object_stream([b"<< /Type /Annot >>", hidden], filters))
    error = refused(content)
    assert error.reason == "active_content"


@given(st.sampled_from(["LZWDecode", "RunLengthDecode", "Crypt"]))
def test_an_object_stream_we_cannot_decode_is_refused_not_skipped(filter_name):
    content = p.pdf(
        p.stream_object(b"/Type /ObjStm /N 1 /First 4 /Filter /" + filter_name.encode(), b"\x80\x0b\x60")
    )
    assert refused(content).reason == "malformed"


def test_an_object_stream_with_a_predictor_is_refused():
    dictionary = (
        b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>"
    )
    assert refused(p.pdf(p.stream_object(dictionary, b"x\x9c\x03\x00\x00\x00\x00\x01"))).reason == "malformed"


def test_an_object_stream_that_inflates_beyond_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_INFLATE_CAP", 1000)
    content = p.pdf(p.object_stream([b"<< /Title (" + b"a" * 5000 + b") >>"], ["FlateDecode"]))
    assert refused(content).reason == "bomb"


def test_an_object_hidden_in_stream_data_is_still_read():
    hidden = b"9 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"
    content = p.pdf(p.stream_object(b"/Subtype /Image /Width 1 /Height 1", b"\x00\x01" + hidden))
    assert refused(content).reason == "active_content"


@given(st.booleans())
def test_embedded_files_are_refused_for_every_kind_whose_policy_says_so(use_pypdf):
    if use_pypdf:
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        writer.add_attachment("data.xlsm", b"PK\x03\x04")
        out = io.BytesIO()
        writer.write(out)
        content = out.getvalue()
    else:
        content = p.pdf(
            b"<< /Type /Filespec /EF << /F 5 0 R >> >>", p.stream_object(b"/Type /EmbeddedFile", b"MZ")
        )
    for kind in ("minutes", "draft", "evidence", "presentation"):
        error = refused(content, kind)
        assert error.reason == "active_content" and "embedded files" in error.message
    allowing = uploads.UploadKind("archive", (uploads.PDF,), pdf_embedded_files=True)
    assert uploads.inspect_upload(p.upload("a.pdf", content), allowing).content_type == uploads.PDF


@given(st.text(min_size=1, max_size=20))
def test_a_pdf_with_document_javascript_made_by_pypdf_is_refused(script):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_open_action(JavaScript(script))
    out = io.BytesIO()
    writer.write(out)
    assert refused(out.getvalue()).reason == "active_content"


@given(st.text(min_size=1, max_size=12), st.sampled_from(["AES-128", "AES-256", "RC4-128"]))
def test_an_encrypted_pdf_is_refused(password, algorithm):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt(user_password=password, owner_password=None, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    error = refused(out.getvalue())
    assert error.reason == "encrypted" and "password" in error.message


@given(
    st.lists(st.binary(max_size=300), max_size=4),
    st.lists(st.binary(min_size=1, max_size=2000), max_size=3),
    st.text(max_size=80),
)
def test_benign_pdfs_whose_strings_and_binary_data_spell_such_names_are_accepted(strings, blobs, title):
    # Strings and stream data may contain "/JavaScript" or "/AA" bytes: they are not names.
    strings = [*strings, b"see /JavaScript and /Launch (in a string)", b"/AA"]
    objects = [b"<< /Type /Metadata /Title " + literal(s) + b" >>" for s in strings]
    objects += [
        p.stream_object(b"/Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode", b"/JS /AA " + blob)
        for blob in blobs
    ]
    objects.append(b"<< /Author " + literal(title.encode("utf-8")) + b" >> % a comment: /JavaScript")
    objects.append(
        p.object_stream(
            [b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://u4ssc.example/) >> >>"],
            ["FlateDecode"],
        )
    )
    info = p.inspect(p.pdf(*objects), "minutes", "minutes.pdf")
    assert info.content_type == uploads.PDF


def test_a_pdf_made_by_pypdf_with_pages_and_links_is_accepted():
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Minutes /JavaScript (a title, not an action)"})
    out = io.BytesIO()
    writer.write(out)
    assert p.inspect(out.getvalue(), "minutes").content_type == uploads.PDF


@pytest.mark.pango
def test_a_pdf_the_portal_renders_with_compressed_object_streams_is_accepted():
    from kernel.pdf import html_to_pdf

    content = html_to_pdf("<h1>Minutes</h1><p>See <a href='https://u4ssc.example/'>the site</a>.</p>" * 20)
    assert b"/ObjStm" in content  # its objects are in compressed object streams, which are read
    assert p.inspect(content, "minutes").content_type == uploads.PDF


def test_a_pdf_too_complex_to_check_in_bounded_time_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_TOKEN_CAP", 1000)
    nested = b"%PDF-1.7\n1 0 obj (" + b"(" * 2000 + b")" * 2000 + b") endobj\n"
    error = refused(nested)
    assert error.reason == "malformed" and "too many objects" in error.message
