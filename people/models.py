"""Person: a user account with organisation and country; roles come from other registers."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Person(AbstractUser):
    organisation = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=100, blank=True)
    expertise = models.TextField(blank=True, help_text="Fields of expertise (ToR 21).")
    optional_reminders = models.BooleanField(
        default=True,
        help_text="Receive reminders that the ToR does not require (workplan inputs, minutes overdue…).",
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    is_former = models.BooleanField(
        default=False, help_text="The person asked to be deleted; governance records stay, anonymised."
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        if self.is_former:
            return "Former participant"
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)
