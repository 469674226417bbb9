"""Carry the admin's TOTP devices from django-otp (removed) over to allauth.mfa.

django-otp kept each confirmed device's secret as hex (otp_totp_totpdevice.key); allauth keeps
it base32 in Authenticator.data["secret"]. The same secret gives the same codes, so people keep
their authenticator app. Each person carried over also gets recovery codes (shown in
/accounts/2fa/). Devices with settings allauth does not use (not 6 digits, 30 seconds, t0 0)
are left out: those people set up their app again. The old table is left in place (README).
"""

import base64
import secrets

from django.db import migrations

OLD_TABLE = "otp_totp_totpdevice"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    from allauth.mfa.utils import encrypt

    Authenticator = apps.get_model("mfa", "Authenticator")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id, key FROM {OLD_TABLE} "
            "WHERE confirmed AND digits = 6 AND step = 30 AND t0 = 0 ORDER BY id"
        )
        rows = cursor.fetchall()
    for user_id, hex_key in rows:
        if Authenticator.objects.filter(user_id=user_id, type="totp").exists():
            continue  # one TOTP per person: the first confirmed device wins
        secret = base64.b32encode(bytes.fromhex(hex_key)).decode("ascii")
        Authenticator.objects.create(user_id=user_id, type="totp", data={"secret": encrypt(secret)})
        if not Authenticator.objects.filter(user_id=user_id, type="recovery_codes").exists():
            Authenticator.objects.create(
                user_id=user_id,
                type="recovery_codes",
                data={"seed": encrypt(secrets.token_hex(40)), "used_mask": 0},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
