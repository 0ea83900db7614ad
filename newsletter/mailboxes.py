"""The mailbox an address delivers to, so that one inbox counts once however it is spelt.

`Ada.Lovelace+news@GoogleMail.com`, `adalovelace+x@gmail.com` and `ADALOVELACE@gmail.com` all
reach the same inbox; a limit that counted them apart would let one person send that inbox as
many confirmations as they can invent spellings. Plus-addressing is dropped for every domain
(Gmail, Outlook, iCloud, Fastmail and Proton deliver `name+tag` to `name`), dots only for
Gmail, the one large provider that ignores them. Addresses are still stored as typed: this is
only the key that limits and throttles count under.
"""

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def canonical_mailbox(email: str) -> str:
    """The inbox `email` delivers to, lower-cased, without +tag (and without dots at Gmail)."""
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"
