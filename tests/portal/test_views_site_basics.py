"""What every browser and every person meets first: the favicon and the sign-in page."""

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_answers_at_the_root_with_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


def test_favicon_refuses_writes(client):
    assert client.post("/favicon.ico").status_code == 405


def test_pages_link_the_icon(client):
    assert 'rel="icon"' in client.get("/").content.decode()


def test_sign_in_page_offers_one_forgotten_password_link(client):
    content = client.get("/accounts/login/").content.decode()
    assert content.count('href="/accounts/password/reset/"') == 1
