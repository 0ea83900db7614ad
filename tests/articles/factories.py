import datetime

import factory
from django.utils import timezone

from articles import services
from articles.models import Article, Author, Category, FAQItem, Scenario, TimelineEvent


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = "Tech"
    slug = factory.LazyAttribute(lambda category: category.name.lower())
    description = factory.LazyAttribute(lambda category: f"The latest on {category.name}.")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Analyst {n}")
    slug = factory.Sequence(lambda n: f"analyst-{n}")
    bio = "Covers what comes next."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article with its sections filled; inlines are added by traits or callers.

    Saved as an editor's save is (articles.services.article_save), so that the cached pages
    that list it follow; inlines made by their own factories are not, unlike an editor's.
    """

    class Meta:
        model = Article

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.article_save(article=model_class(*args, **kwargs))

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Will event {n} happen before 2028?")
    slug = factory.Sequence(lambda n: f"event-{n}")
    headline = "Our analysis says probably, with caveats."
    summary = "A lead paragraph that sets out the question and our answer."
    outlook = "We expect it to happen.\n\nBut timing is uncertain."
    background = "How we got here."
    precedents = "What happened the last three times."
    why_it_matters = "Because it moves markets."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
        )


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Scenario {n}")
    analysis = "What this scenario would look like."
    probability = 30


class TimelineEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    article = factory.SubFactory(ArticleFactory)
    date = datetime.date(2027, 6, 12)
    precision = TimelineEvent.Precision.DAY
    title = factory.Sequence(lambda n: f"Milestone {n}")
    description = "Something happens."


class FAQItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQItem

    article = factory.SubFactory(ArticleFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."


def complete_article(**kwargs):
    """A published article with authors, scenarios, a timeline and FAQ items."""
    article = ArticleFactory(**kwargs)
    article.authors.add(AuthorFactory(), AuthorFactory())
    ScenarioFactory(article=article, probability=60, title="It happens on time")
    ScenarioFactory(article=article, probability=30, title="It slips")
    TimelineEventFactory(article=article, date=datetime.date(2026, 3, 4), title="Announced")
    TimelineEventFactory(
        article=article,
        date=datetime.date(2027, 6, 1),
        precision=TimelineEvent.Precision.MONTH,
        title="Expected launch",
    )
    TimelineEventFactory(
        article=article,
        date=datetime.date(2028, 1, 1),
        precision=TimelineEvent.Precision.YEAR,
        title="Review",
    )
    FAQItemFactory(article=article, question="When will we know?", answer="By **June**.")
    FAQItemFactory(article=article, question="Who decides?", answer="The regulator.")
    return article
