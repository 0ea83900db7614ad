"""The articles app's models, one module per family; import them from here."""

from articles.models.articles import (
    ARTICLE_PAGE_FIELDS,
    ARTICLE_PARTS,
    CARD_FIELDS,
    DEFAULT_BYLINE,
    Article,
    ArticleAddress,
    ArticleQuerySet,
    RelatedArticle,
)
from articles.models.authors import Author, AuthorQuerySet
from articles.models.categories import (
    RESERVED_SLUGS,
    Category,
    CategoryAddress,
    CategoryQuerySet,
    validate_not_reserved,
)
from articles.models.pages import Page
from articles.models.sections import (
    FAQItem,
    Scenario,
    TimelineEvent,
    format_partial_date,
    truncate_date,
)
from articles.models.texts import RenderedText
from articles.models.uploads import PendingUpload

__all__ = [
    "ARTICLE_PAGE_FIELDS",
    "ARTICLE_PARTS",
    "CARD_FIELDS",
    "DEFAULT_BYLINE",
    "RESERVED_SLUGS",
    "Article",
    "ArticleAddress",
    "ArticleQuerySet",
    "Author",
    "AuthorQuerySet",
    "Category",
    "CategoryAddress",
    "CategoryQuerySet",
    "FAQItem",
    "Page",
    "PendingUpload",
    "RelatedArticle",
    "RenderedText",
    "Scenario",
    "TimelineEvent",
    "format_partial_date",
    "truncate_date",
    "validate_not_reserved",
]
