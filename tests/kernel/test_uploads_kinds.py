"""The explicit list of what each upload kind accepts (kernel.uploads.KINDS), checked both
ways: every listed format is accepted, every other one is refused with the kind's list in the
message. Images are bounded in pixels (no pixel bombs); CSV is evidence or a KPI data sheet only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel import uploads
from kernel.uploads import UploadRejected
from tests.kernel import packages as p

SAMPLES = {
    uploads.PDF: p.pdf,
    uploads.DOCX: p.docx,
    uploads.PPTX: p.pptx,
    uploads.XLSX: p.xlsx,
    uploads.ODT: p.odt,
    uploads.ODP: lambda: p.zip_bytes(p.odf_entries(uploads.ODP)),
    uploads.ODS: lambda: p.zip_bytes(p.odf_entries(uploads.ODS)),
    uploads.CSV: lambda: b"kpi,value\nICT-1,42\n",
    uploads.PNG: p.png,
    uploads.JPEG: p.jpeg,
    uploads.WEBP: p.webp,
}

ACCEPTED = {
    "minutes": {uploads.PDF, uploads.DOCX, uploads.ODT},
    "draft": {uploads.PDF, uploads.DOCX, uploads.ODT},
    "presentation": {uploads.PDF, uploads.DOCX, uploads.ODT, uploads.PPTX, uploads.ODP},
    "evidence": {
        uploads.PDF,
        uploads.DOCX,
        uploads.ODT,
        uploads.XLSX,
        uploads.ODS,
        uploads.CSV,
        uploads.PNG,
        uploads.JPEG,
        uploads.WEBP,
    },
    "image": {uploads.PNG, uploads.JPEG, uploads.WEBP},
    "kpi_sheet": {uploads.XLSX, uploads.CSV},
}


def test_the_table_of_kinds_is_the_one_the_portal_uses():
    assert {name: set(kind.formats) for name, kind in uploads.KINDS.items()} == ACCEPTED


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
@pytest.mark.parametrize("content_type", sorted(SAMPLES))
def test_each_kind_accepts_exactly_its_formats(kind, content_type):
    content = SAMPLES[content_type]()
    if content_type in ACCEPTED[kind]:
        info = p.inspect(content, kind)
        assert (info.content_type, info.extension) == (content_type, uploads.EXTENSIONS[content_type])
    else:
        with pytest.raises(UploadRejected) as caught:
            p.inspect(content, kind)
        assert caught.value.reason == "type"
        assert ", ".join(uploads.LABELS[f] for f in uploads.KINDS[kind].formats) in caught.value.message


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"GIF89a\x01\x00\x01\x00",
        b"MZ\x90\x00" + b"\x00" * 100,
        b"kpi,value\x00\nbinary,1",
    ],
)
def test_scripts_executables_and_binary_are_not_evidence(content):
    with pytest.raises(UploadRejected) as caught:
        p.inspect(content, "evidence")
    assert caught.value.reason == "type"


@given(st.integers(1, 6000), st.integers(1, 6000))
def test_images_within_the_pixel_bound_are_accepted(width, height):
    assert p.inspect(p.png(width, height), "image").content_type == uploads.PNG


@given(st.integers(1, 2**31 - 1), st.integers(1, 2**31 - 1))
def test_images_beyond_the_pixel_bound_are_refused(width, height):
    if width <= uploads.IMAGE_MAX_SIDE and height <= uploads.IMAGE_MAX_SIDE and width * height <= 40_000_000:
        width = uploads.IMAGE_MAX_SIDE + width
    with pytest.raises(UploadRejected) as caught:
        p.inspect(p.png(width, height), "image")
    assert caught.value.reason == "pixels"
    assert "pixels" in caught.value.message


def test_a_damaged_image_is_refused():
    with pytest.raises(UploadRejected) as caught:
        p.inspect(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image")
    assert caught.value.reason == "malformed"


@given(st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=5), min_size=1, max_size=20))
def test_generated_utf8_csv_is_accepted_as_evidence_or_a_kpi_sheet_only(rows):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["kpi", "value"], *rows])
    content = out.getvalue().replace("\x00", "").encode("utf-8")
    if content.lstrip()[:1] == b"<":
        content = b"kpi," + content
    assert p.inspect(content, "evidence").content_type == uploads.CSV
    assert p.inspect(content, "kpi_sheet").content_type == uploads.CSV
    with pytest.raises(UploadRejected):
        p.inspect(content, "minutes")


def test_the_size_bound_is_per_kind(settings):
    settings.U4SSC_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadRejected) as caught:
        p.inspect(p.pdf(b"<< /Title (" + b"x" * 2000 + b") >>"), "minutes")
    assert caught.value.reason == "size"
    big_image = p.png(10, 10) + b"\x00" * (11 * uploads.MB)
    with pytest.raises(UploadRejected) as caught:
        p.inspect(big_image, "image")
    assert caught.value.reason == "size" and "the limit is 10 MB" in caught.value.message


def test_an_empty_file_is_refused_for_every_kind():
    for kind in uploads.KINDS:
        with pytest.raises(UploadRejected) as caught:
            p.inspect(b"", kind)
        assert caught.value.reason == "empty"
