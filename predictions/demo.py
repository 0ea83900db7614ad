"""Demo predictions: histories over months, resolutions, annulments and reader forecasts.

Idempotent: a prediction whose slug exists is left alone. Randomness is seeded, so every
run on an empty database builds the same newsroom relative to today.
"""

import datetime
import math
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Category
from predictions import services
from predictions.models import Prediction

SEED = 20250601
READER_COUNT = 18
DAY = datetime.timedelta(days=1)

# (category slug, claim); the first 30 resolve, the next 3 are annulled, the rest stay open.
CLAIMS = [
    ("tech", "Will Apple announce a foldable iPhone at its September event?"),
    ("tech", "Will the EU fine a major platform under the Digital Markets Act before July?"),
    ("tech", "Will Nvidia report data-centre revenue above $30 billion for the quarter?"),
    ("tech", "Will OpenAI release a new flagship model before the end of the quarter?"),
    ("tech", "Will a 2 nm smartphone chip ship in a retail phone this year?"),
    ("tech", "Will Starlink pass 5 million subscribers by year end?"),
    ("tech", "Will Microsoft announce layoffs of more than 5,000 staff this half?"),
    ("tech", "Will the US ban a Chinese-owned app nationwide this year?"),
    ("sports", "Will the defending champions retain the Champions League title?"),
    ("sports", "Will a marathon be run in under 2 hours 1 minute in a record-eligible race?"),
    ("sports", "Will the home nation top the Olympic medal table?"),
    ("sports", "Will the NBA finals go to a seventh game?"),
    ("sports", "Will a club break the world transfer record this summer?"),
    ("sports", "Will the Tour de France winner be under 25?"),
    ("sports", "Will an unseeded player win a tennis Grand Slam singles title this year?"),
    ("sports", "Will the Super Bowl be decided by three points or fewer?"),
    ("finance", "Will the Federal Reserve cut rates at its June meeting?"),
    ("finance", "Will US CPI inflation fall below 3 % by the autumn release?"),
    ("finance", "Will Bitcoin close above $100,000 on the last day of the quarter?"),
    ("finance", "Will the ECB cut its deposit rate before the Fed does?"),
    ("finance", "Will a G7 country enter a technical recession this year?"),
    ("finance", "Will Brent crude trade above $100 a barrel this quarter?"),
    ("finance", "Will the S&P 500 finish the year higher than it started?"),
    ("finance", "Will a top-10 US bank cut its dividend this year?"),
    ("gaming", "Will GTA VI release on its announced date?"),
    ("gaming", "Will the next Nintendo console sell 5 million units in its first month?"),
    ("gaming", "Will Game of the Year go to an independent studio?"),
    ("gaming", "Will a major publisher announce a studio closure this quarter?"),
    ("gaming", "Will an esports prize pool pass $50 million this year?"),
    ("gaming", "Will Valve announce a new first-party game this year?"),
    ("tech", "Will the merger of two chip designers close before the deadline?"),
    ("sports", "Will the postponed derby be replayed before the season ends?"),
    ("finance", "Will the central bank governor's contract be renewed?"),
    ("tech", "Will Apple ship its own cellular modem in an iPhone this year?"),
    ("tech", "Will a humanoid robot go on general sale for under $30,000?"),
    ("sports", "Will the league adopt semi-automated offside for next season?"),
    ("sports", "Will a women's football match draw a crowd above 90,000 this year?"),
    ("finance", "Will the Bank of England hold rates at its next meeting?"),
    ("finance", "Will gold set a new all-time high this quarter?"),
    ("gaming", "Will a new console be announced before the holiday season?"),
    ("gaming", "Will the most-wishlisted game on Steam launch on time?"),
    ("gaming", "Will cloud gaming subscriptions grow by more than 20 % this year?"),
    ("tech", "Will the first commercial fusion power contract be signed this year?"),
    ("finance", "Will the yen weaken past 160 to the dollar this quarter?"),
]
RESOLVED = 30
ANNULLED = 3

RATIONALES_UP = [
    "New reporting makes this more likely; we move up.",
    "The latest data beat expectations and the base rate now favours yes.",
    "Officials signalled support publicly, which historically precedes a yes.",
    "A key obstacle cleared this week.",
    "Markets and insiders have both moved towards yes.",
]
RATIONALES_DOWN = [
    "A delay was confirmed, so we lower our estimate.",
    "The data came in weaker than the path to yes needs.",
    "Precedent suggests these plans slip more often than not.",
    "Opposition hardened; we cut the probability.",
    "Fresh reporting undercuts the main case for yes.",
]
RATIONALES_FLAT = [
    "Nothing material changed; we hold.",
    "Mixed signals this week; our estimate stands.",
]
CRITERIA = (
    "Resolves **yes** if credible public reporting or an official source confirms it before "
    "the resolve-by date, **no** otherwise. Announcements of intent do not count."
)


def _clip(value, low=0.03, high=0.97):
    return min(high, max(low, value))


def _readers(stdout):
    User = get_user_model()
    readers = []
    for number in range(1, READER_COUNT + 1):
        email = f"reader{number}@demo.veridact.example"
        reader, created = User.objects.get_or_create(
            email=email, defaults={"display_name": f"Demo Reader {number}"}
        )
        if created:
            reader.set_unusable_password()
            reader.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=reader, email=email, defaults={"verified": True, "primary": True}
        )
        readers.append(reader)
    return readers


def _history(rng, *, start, end, final, now):
    """Return (time, percent, rationale) steps drifting from a first guess to `final`."""
    steps = rng.randint(4, 8)
    span = (min(end, now) - start).total_seconds()
    times = sorted(start + datetime.timedelta(seconds=span * rng.random()) for _ in range(steps))
    times[0] = start + DAY / 2
    first = _clip(0.5 + rng.gauss(0, 0.15), 0.15, 0.85)
    history = []
    previous = None
    for index, time in enumerate(times):
        share = index / (steps - 1)
        p = first + (final - first) * share + rng.gauss(0, 0.04) * (1 - share)
        percent = round(_clip(p, 0.02, 0.98) * 100)
        if previous is None:
            rationale = "Opening estimate from the base rate for events like this."
        elif percent > previous:
            rationale = rng.choice(RATIONALES_UP)
        elif percent < previous:
            rationale = rng.choice(RATIONALES_DOWN)
        else:
            rationale = rng.choice(RATIONALES_FLAT)
        history.append((time, percent, rationale))
        previous = percent
    return history


def seed(*, stdout):
    """Create the demo predictions, their histories, resolutions and reader forecasts."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    categories = {c.slug: c for c in Category.objects.all()}
    readers = _readers(stdout)
    created = 0
    for index, (category_slug, claim) in enumerate(CLAIMS):
        # Draw every number even for existing predictions so the rest stay the same.
        latent = _clip(rng.betavariate(0.6, 0.6), 0.04, 0.96)
        happened = rng.random() < latent
        slug = slugify(claim)[:110]
        category = categories.get(category_slug)
        if category is None or Prediction.objects.filter(slug=slug).exists():
            continue
        if index < RESOLVED + ANNULLED:
            opened = now - DAY * rng.randint(150, 640)
            closes = opened + DAY * rng.randint(60, 140)
        else:
            opened = now - DAY * rng.randint(30, 120)
            closes = now + DAY * rng.randint(20, 200)
        # The newsroom sees the latent chance through noise: reasonably, not perfectly,
        # calibrated, and a little overconfident, as real newsrooms tend to be.
        final = _clip(0.5 + 1.1 * (latent - 0.5) + rng.gauss(0, 0.1), 0.03, 0.97)
        prediction = Prediction.objects.create(
            claim=claim,
            slug=slug,
            category=category,
            resolution_criteria=CRITERIA,
            opened_at=opened,
            closes_at=closes,
            resolve_by=(closes + DAY * 30).date(),
        )
        articles = list(
            Article.objects.published().filter(category=category).order_by("published_at")
        )
        if articles:
            prediction.articles.add(articles[index % len(articles)])
        end = min(closes, now)
        for time, percent, rationale in _history(rng, start=opened, end=end, final=final, now=now):
            linked = next((a for a in articles if a.published_at <= time), None)
            services.probability_update_add(
                prediction=prediction,
                probability=percent,
                rationale=rationale,
                article=linked if linked and rng.random() < 0.3 else None,
                at=time,
            )
        _reader_forecasts(rng, prediction, readers, start=opened, end=end, latent=latent)
        if index < RESOLVED:
            services.prediction_resolve(
                prediction=prediction,
                outcome=happened,
                note="Resolved against the source named in the criteria.",
                now=closes + DAY * rng.randint(1, 20),
            )
        elif index < RESOLVED + ANNULLED:
            services.prediction_annul(
                prediction=prediction,
                note="Annulled: the event was called off, so the question cannot be answered "
                "fairly.",
                now=closes + DAY * 3,
            )
        created += 1
    stdout.write(f"Predictions: {created} demo predictions created.")


def _reader_forecasts(rng, prediction, readers, *, start, end, latent):
    span = (end - start).total_seconds()
    events = []
    for reader in rng.sample(readers, rng.randint(3, len(readers))):
        # Readers differ: some see the latent chance clearly, others through noise, and
        # some are overconfident, so only some of them beat the newsroom.
        noise = rng.uniform(0.08, 0.35)
        boldness = rng.uniform(0.9, 1.6)
        for _ in range(rng.randint(1, 3)):
            when = start + datetime.timedelta(seconds=span * (0.05 + 0.9 * rng.random()))
            p = _clip(0.5 + boldness * (latent - 0.5) + rng.gauss(0, noise), 0.01, 0.99)
            events.append((when, reader, max(1, min(99, math.floor(p * 100 + 0.5)))))
    for when, reader, percent in sorted(events, key=lambda event: event[0]):
        services.forecast_submit(
            prediction=prediction, reader=reader, probability=percent, now=when
        )
