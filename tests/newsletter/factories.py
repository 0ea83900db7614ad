import factory
from django.utils import timezone

from articles.models import Article, Category
from newsletter.models import Frequency, Subscriber


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Will the forecast number {n} come true?")
    slug = factory.Sequence(lambda n: f"forecast-{n}")
    category = factory.LazyFunction(lambda: Category.objects.get(slug="tech"))
    headline = factory.LazyAttribute(lambda article: f"Analysis: {article.title}")
    summary = "What we expect, why, and how confident we are before the announcement."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    status = Subscriber.Status.CONFIRMED
    frequency = Frequency.DAILY
    requested_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_ip = "192.0.2.10"

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            self.categories.set(Category.objects.all())
        else:
            self.categories.set(Category.objects.filter(slug__in=extracted))
