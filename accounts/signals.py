"""What accounts tells the apps above it about readers; it imports none of them.

An app that shows readers' names, holds their data or keeps work for them connects receivers
in its AppConfig.ready() (the discussion does, in `discussion.receivers`). Each is sent with
the reader as `user`, inside the transaction of the change where there is one, so what
receivers write commits or rolls back with it.
"""

from django.dispatch import Signal

# A reader changed their display name (services.profile_update): pages showing it go stale.
reader_renamed = Signal()
# A reader is deleting their account (services.account_delete), before their personal data
# goes: each app deletes what it holds of theirs and refreshes the pages that name them.
reader_deleting = Signal()
# A reader is known in this `request`: they signed up, gave the right password (`verified`
# says whether they may act yet, or must confirm their address first), or signed in. What
# the session holds of them becomes theirs.
reader_identified = Signal()
# A reader may act now: they signed in with a confirmed address, or confirmed it (in this
# `request`, in whatever browser). What was kept for them goes ahead.
reader_admitted = Signal()
