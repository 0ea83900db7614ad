"""What accounts tells the apps above it about readers; it imports none of them.

An app that shows readers' names or holds their data connects receivers in its
AppConfig.ready() (the discussion does). Both are sent inside the transaction of the change,
with the reader as `user`, so what receivers write commits or rolls back with it.
"""

from django.dispatch import Signal

# A reader changed their display name (services.profile_update): pages showing it go stale.
reader_renamed = Signal()
# A reader is deleting their account (services.account_delete), before their personal data
# goes: each app deletes what it holds of theirs and refreshes the pages that name them.
reader_deleting = Signal()
