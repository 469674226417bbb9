"""Site settings the Secretariat controls from the admin (one row, with its history)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
        return cls.objects.filter(pk=1).first() or cls(pk=1)
