"""Demo readers with verified addresses."""

from allauth.account.models import EmailAddress

from accounts.models import User

READERS = [
    ("Maya Okafor", "Semiconductor analyst by day; reads every earnings call transcript."),
    ("Tomás Herrera", "Season-ticket holder and spreadsheet enthusiast."),
    ("Priya Raman", "Macro nerd. Watches central banks so you don't have to."),
    ("Jonas Lindqvist", "Plays too many strategy games; follows esports leagues closely."),
    ("Aiko Tanaka", "Product designer interested in how launches really go."),
    ("Samuel Mensah", "Retired bond trader. Calibrated, mostly."),
    ("Elena Petrova", "Data journalist. Asks for the base rate."),
    ("Luca Bianchi", "Cycling fan and amateur forecaster."),
    ("Noor Haddad", "Studies platform regulation; skeptical of press releases."),
    ("Ben Carter", "Indie developer who reads patch notes for fun."),
    ("Grace Liu", "Tracks venture funding rounds and what follows them."),
    ("Diego Alvarez", "Football tactics, transfer rumours and the numbers behind them."),
]


def seed(*, stdout):
    """Create the demo readers; existing ones are left alone."""
    readers = []
    for number, (name, bio) in enumerate(READERS, start=1):
        email = f"reader{number}@demo.veridact.example"
        reader, created = User.objects.get_or_create(
            email=email, defaults={"display_name": name, "bio": bio}
        )
        if created:
            reader.set_unusable_password()
            reader.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=reader, email=email, defaults={"verified": True, "primary": True}
        )
        readers.append(reader)
    stdout.write(f"Demo readers: {len(readers)} (reader1…{len(readers)}@demo.veridact.example).")
    return readers
