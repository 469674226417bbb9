"""Migration portal 0002: the admin's django-otp TOTP devices keep working under allauth.mfa.

django-otp's table is made here as that app made it (the columns the migration reads), with the
hex key of a phone the Secretariat already uses; after the migration, the code the phone shows
(RFC 6238, computed from the raw key, independently of allauth) signs in through the real form."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import secrets
import struct
import time
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import connection
from django.urls import reverse

from tests.security.conftest import sign_in

MIGRATION = importlib.import_module("portal.migrations.0002_totp_devices_from_django_otp")


def phone_code(key: bytes, *, steps_ahead: int = 0) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 seconds), as the authenticator app computes it."""
    counter = int(time.time()) // 30 + steps_ahead
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def old_device(user, key: bytes, *, confirmed=True, digits=6, step=30):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO otp_totp_totpdevice (id, user_id, name, confirmed, key, step, t0, digits, tolerance, drift) "
            "VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM otp_totp_totpdevice), %s, %s, %s, %s, %s, 0, %s, 1, 0)",
            [user.pk, "Authenticator app", confirmed, key.hex(), step, digits],
        )


@pytest.fixture
def django_otp_table(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE otp_totp_totpdevice (id integer PRIMARY KEY, user_id bigint NOT NULL, "
            "name varchar(64) NOT NULL, confirmed boolean NOT NULL, key varchar(80) NOT NULL, "
            "step smallint NOT NULL, t0 bigint NOT NULL, digits smallint NOT NULL, "
            "tolerance smallint NOT NULL, drift smallint NOT NULL)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE otp_totp_totpdevice")


def migrate_devices():
    # RunPython hands the function a schema editor; it only reads its connection.
    MIGRATION.forwards(apps, SimpleNamespace(connection=connection))


@pytest.mark.django_db
def test_a_confirmed_django_otp_device_signs_in_with_the_same_phone(
    client, verified, django_otp_table, settings
):
    settings.U4SSC_MFA_ENFORCED = True
    key = secrets.token_bytes(20)
    old_device(verified.secretariat, key)
    old_device(verified.focal_a, secrets.token_bytes(20), confirmed=False)  # never finished: left out
    old_device(verified.focal_b, secrets.token_bytes(20), digits=8)  # not what allauth speaks: left out
    migrate_devices()
    migrate_devices()  # run twice (a re-applied migration): still one authenticator

    mine = Authenticator.objects.filter(user=verified.secretariat)
    assert sorted(mine.values_list("type", flat=True)) == ["recovery_codes", "totp"]
    assert not Authenticator.objects.filter(user__in=[verified.focal_a, verified.focal_b]).exists()

    response = sign_in(client, "secretariat")
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": phone_code(secrets.token_bytes(20))})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": phone_code(key)})
    assert "_auth_user_id" in client.session
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_without_django_otp_the_migration_does_nothing(verified):
    migrate_devices()
    assert not Authenticator.objects.exists()
