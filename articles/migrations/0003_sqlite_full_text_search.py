"""Full-text search on SQLite, the embedded default: an FTS5 table of every article's text by
column, ranked and highlighted as PostgreSQL's weighted search document is (articles.search)
and refreshed by the same service (articles.services.article_index_for_search). PostgreSQL
has its own document (Article.search_document), so this migration acts on SQLite only."""

from django.db import migrations

CREATE = """
CREATE VIRTUAL TABLE articles_article_fts USING fts5(
    title, headline, summary, outlook, more,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
# The articles already written, as the service indexes each one.
FILL = """
INSERT INTO articles_article_fts (rowid, title, headline, summary, outlook, more)
SELECT id, title, headline, summary, outlook,
       background || ' ' || precedents || ' ' || why_it_matters
FROM articles_article
"""
DROP = "DROP TABLE articles_article_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_categories_pages_editors"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
