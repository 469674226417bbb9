"""Site settings the Secretariat controls from the admin (one row, with its history)."""

from __future__ import annotations

import contextlib

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel import cache as shared

# The generation every change of the row moves, and the key its cached copy lives under: the
# second-factor middleware asks for the row on every request of a focal point (issue 17).
SETTINGS_GENERATION = "u4ssc:gen:security-settings"
SETTINGS_KEY = "u4ssc:security-settings"


class SecuritySettings(models.Model):
    """The portal's security switches: one row (pk 1), edited in the admin, every change kept."""

    require_mfa_for_focal_points = models.BooleanField(
        _("require a second factor for focal points"),
        default=False,
        help_text=(
            _(
                "When on, a focal point who has no second factor (authenticator app or passkey) is sent "
                "to set one up before anything else, and signs in with it from then on. The Secretariat "
                "always needs one."
            )
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("security settings")
        verbose_name_plural = _("security settings")

    def __str__(self) -> str:
        return gettext("Security settings")

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: there is only ever one row
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> SecuritySettings:
        """The settings row (the defaults when nobody has saved it yet; nothing is written)."""
        if not shared.enabled() or shared.in_own_transaction():
            return cls._read()
        try:
            stamp, found = shared.read_stamped((SETTINGS_GENERATION,), [SETTINGS_KEY])
        except Exception:  # the cache is down: ask the database
            return cls._read()
        if SETTINGS_KEY in found:
            return found[SETTINGS_KEY]
        row = cls._read()
        with contextlib.suppress(Exception):  # the cache is down: the next request reads it again
            shared.write_stamped(stamp, {SETTINGS_KEY: row}, timeout=shared.PRINCIPAL_SECONDS)
        return row

    @classmethod
    def _read(cls) -> SecuritySettings:
        return cls.objects.filter(pk=1).first() or cls(pk=1)


@receiver(post_save, sender=SecuritySettings, dispatch_uid="u4ssc-security-settings-save")
@receiver(post_delete, sender=SecuritySettings, dispatch_uid="u4ssc-security-settings-delete")
def _settings_changed(sender, **kwargs):
    """A change counts at the next request (and again after the commit: see kernel.cache)."""
    shared.bump_now_and_after_commit(SETTINGS_GENERATION)
