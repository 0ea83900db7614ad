"""Signals other apps listen to; receivers clean up their own data and send nothing."""

from django.dispatch import Signal

# Sent by services.account_delete once a reader's account is anonymised, with
# `user` (the anonymised row, same pk) and `email` (the address it had), so that
# other apps (the newsletter, say) drop what they hold about that reader.
account_deleted = Signal()
