"""Signals other apps answer for people's services (people sits below them and cannot call them)."""

from django.dispatch import Signal

# Sent inside person_anonymise's transaction, after the account is scrubbed, with `person` and
# `addresses` (the email addresses the person used). Receivers scrub the rows they hold that name
# the person; a receiver that raises undoes the whole deletion.
person_anonymised = Signal()
