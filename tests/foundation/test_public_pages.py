"""The public pages render with the demo data; the Partners pages cost bounded queries."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services as gov
from governance.models import FocalPoint, Hub, Partner
from tests.cast import installer, make_partner, make_person

pytestmark = pytest.mark.django_db


def test_former_partners_are_not_listed_but_keep_their_page(db, client):
    former = make_partner("OLD")
    former.left_on = dt.date(2019, 1, 1)
    former.save(update_fields=["left_on"])
    make_partner("NEW")
    assert "OLD organisation" not in client.get("/partners/").content.decode()
    assert "OLD left U4SSC on 1 January 2019." in client.get("/partners/old/").content.decode()


@pytest.mark.parametrize("rows", [2, 50])
def test_partner_list_queries_do_not_grow_with_rows(db, client, rows, django_assert_max_num_queries):
    for i in range(rows):
        make_partner(f"P{i:02d}", secretariat=i == 0)
    with django_assert_max_num_queries(3):
        response = client.get("/partners/")
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/partners/?page=2").status_code == 200


@pytest.mark.parametrize("rows", [2, 50])
def test_partner_page_queries_do_not_grow_with_focal_points(db, client, rows, django_assert_max_num_queries):
    partner = make_partner("WMO")
    for i in range(rows):
        gov.focal_point_add(partner=partner, person=make_person(f"fp{i}"), by=installer())
        Hub.objects.create(name=f"Hub {i}", country="Norway", partner=partner, status=Hub.Status.APPROVED)
    with django_assert_max_num_queries(3):
        response = client.get("/partners/wmo/")
    assert response.content.decode().count("<li>") >= 2 * rows


def test_partner_list_is_paginated(db, client):
    for i in range(30):
        make_partner(f"P{i:02d}")
    first = client.get("/partners/").content.decode()
    assert first.count('scope="row"') == 25 and "Next page" in first
    second = client.get("/partners/?page=2").content.decode()
    assert second.count('scope="row"') == 5 and "Previous page" in second
    assert client.get("/partners/?page=999").status_code == 200  # the last page, not an error


def test_my_roles_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_renders_with_demo_data(demo, client):
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "United for Smart Sustainable Cities" in content
    assert "A Guide to Circular Cities" in content  # a published deliverable
    assert "Sixth meeting of the United for Smart Sustainable Cities initiative" in content


def test_partners_page_lists_the_17_partners_with_the_secretariat_marked(demo, client):
    response = client.get("/partners/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('scope="row"') == 17
    assert content.count(">Secretariat</span>") == 3
    assert "United Nations Office for Partnerships" in content
    assert "18 May 2016" in content
    # the Secretariat comes first
    assert content.index("International Telecommunication Union") < content.index("Food and Agriculture")


def test_partner_page_shows_focal_points_and_approved_hubs(demo, client):
    response = client.get("/partners/unece/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "United Nations Economic Commission for Europe" in content
    assert "Gulnara Roll" in content and "Point of contact for the Secretariat" in content
    assert "U4SSC Norway Hub" in content
    assert "https://unece.org/" in content
    assert "@example.org" not in content  # names are public, addresses are not


def test_partner_page_leaves_out_ended_focal_points_and_hubs_not_approved(demo, client):
    wmo = Partner.objects.get(acronym="WMO")
    gov.focal_point_end(
        focal_point=FocalPoint.objects.get(partner=wmo), ended_on=timezone.localdate(), by=installer()
    )
    Hub.objects.create(name="Requested Hub", country="Chile", partner=wmo)
    content = client.get("/partners/wmo/").content.decode()
    assert "Alexandra Weber" not in content
    assert "Requested Hub" not in content
    assert "No focal point is recorded for WMO" in content


def test_unknown_partner_is_404(demo, client):
    assert client.get("/partners/not-a-partner/").status_code == 404


@pytest.mark.parametrize(
    "username", ["secretariat", "chair", "vicechair", "focal-itu", "leader", "participant", "ipleader"]
)
def test_my_roles_page_renders_for_every_demo_account(demo, client, username):
    client.force_login(demo[username])
    response = client.get("/me/")
    assert response.status_code == 200
    assert "My roles" in response.content.decode()


def test_leader_page_names_the_group_and_term(demo, client):
    client.force_login(demo["leader"])
    content = client.get("/me/").content.decode()
    assert "City Platforms" in content and "Thematic Group Leader" in content


def test_healthz_answers_200_with_the_database(demo, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
