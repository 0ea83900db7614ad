"""Demo predictions: questions tied to the demo articles, and a track record of resolved,
annulled and open ones with histories and reader forecasts.

The questions and their wording are in `demo_content.yaml`. Idempotent: a prediction whose
slug exists is left alone. Randomness is seeded, so every run on an empty database builds
the same newsroom relative to today.
"""

import datetime
import math
import random
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from articles.demo import demo_time
from articles.models import Article, Category
from predictions import services
from predictions.models import Prediction

CONTENT = Path(__file__).resolve().parent / "demo_content.yaml"
SEED = 20250601
READER_COUNT = 18
DAY = datetime.timedelta(days=1)


def load() -> dict:
    """Read the demo questions, the rationales for generated histories and the criteria."""
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))


def slug_for(claim: str) -> str:
    """Return the slug a demo question is stored under."""
    return slugify(claim)[:110].rstrip("-")


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


def _history(rng, rationales, *, start, end, final, now):
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
            rationale = rng.choice(rationales["up"])
        elif percent < previous:
            rationale = rng.choice(rationales["down"])
        else:
            rationale = rng.choice(rationales["flat"])
        history.append((time, percent, rationale))
        previous = percent
    return history


def seed(*, stdout):
    """Create the demo predictions, their histories, resolutions and reader forecasts."""
    content = load()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    readers = _readers(stdout)
    created = _seed_track_record(content, readers, now=now)
    created += _seed_article_questions(content, readers, now=now)
    services.prediction_index_for_search(
        prediction_ids=list(Prediction.objects.values_list("pk", flat=True))
    )
    stdout.write(f"Predictions: {created} demo predictions created.")


def _seed_track_record(content, readers, *, now):
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    categories = {c.slug: c for c in Category.objects.all()}
    created = 0
    for state, questions in content["track_record"].items():
        for question in questions:
            [(category_slug, claim)] = question.items()
            # Draw every number even for existing predictions so the rest stay the same.
            latent = _clip(rng.betavariate(0.6, 0.6), 0.04, 0.96)
            happened = rng.random() < latent
            slug = slug_for(claim)
            category = categories.get(category_slug)
            if category is None or Prediction.objects.filter(slug=slug).exists():
                continue
            if state == "open":
                opened = now - DAY * rng.randint(30, 120)
                closes = now + DAY * rng.randint(20, 200)
            else:
                opened = now - DAY * rng.randint(150, 640)
                closes = opened + DAY * rng.randint(60, 140)
            # The newsroom sees the latent chance through noise: reasonably, not perfectly,
            # calibrated, and a little overconfident, as real newsrooms tend to be.
            final = _clip(0.5 + 1.1 * (latent - 0.5) + rng.gauss(0, 0.1), 0.03, 0.97)
            prediction = Prediction.objects.create(
                claim=claim,
                slug=slug,
                category=category,
                resolution_criteria=content["criteria"],
                opened_at=opened,
                closes_at=closes,
                resolve_by=(closes + DAY * 30).date(),
            )
            end = min(closes, now)
            history = _history(
                rng, content["rationales"], start=opened, end=end, final=final, now=now
            )
            for time, percent, rationale in history:
                services.probability_update_add(
                    prediction=prediction, probability=percent, rationale=rationale, at=time
                )
            _reader_forecasts(rng, prediction, readers, start=opened, end=end, latent=latent)
            if state == "resolved":
                services.prediction_resolve(
                    prediction=prediction,
                    outcome=happened,
                    note="Resolved against the source named in the criteria.",
                    now=closes + DAY * rng.randint(1, 20),
                )
            elif state == "annulled":
                services.prediction_annul(
                    prediction=prediction,
                    note="Annulled: the event was called off, so the question cannot be "
                    "answered fairly.",
                    now=closes + DAY * 3,
                )
            created += 1
    return created


def _seed_article_questions(content, readers, *, now):
    """Create the questions the demo articles discuss, each tied to its article."""
    created = 0
    for entry in content["with_articles"]:
        slug = slug_for(entry["claim"])
        article = Article.objects.published().filter(slug=entry["article"]).first()
        if article is None or Prediction.objects.filter(slug=slug).exists():
            continue
        opened, closes = demo_time(entry["opened"], now), demo_time(entry["closes"], now)
        resolve_by = entry.get("resolve_by", entry["closes"] + DAY * 30)
        prediction = Prediction.objects.create(
            claim=entry["claim"],
            slug=slug,
            category=article.category,
            resolution_criteria=content["criteria"],
            opened_at=opened,
            closes_at=closes,
            resolve_by=demo_time(resolve_by, now).date(),
        )
        prediction.articles.add(article)
        for step in entry["history"]:
            services.probability_update_add(
                prediction=prediction,
                probability=step["probability"],
                rationale=step["rationale"],
                article=article if step.get("cites_article") else None,
                at=demo_time(step["at"], now),
            )
        # Readers' views scatter around the newsroom's latest estimate.
        rng = random.Random(f"{SEED}-{slug}")  # noqa: S311 (demo data, not secrets)
        latent = entry["history"][-1]["probability"] / 100
        _reader_forecasts(
            rng, prediction, readers, start=opened, end=min(closes, now), latent=latent
        )
        created += 1
    return created


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
