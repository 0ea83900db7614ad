"""Old addresses of articles and categories, kept so that they redirect (issue 15, item 8)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_author_page_address'),
    ]

    operations = [
        migrations.CreateModel(
            name='CategoryAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=60, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_slugs', to='articles.category')),
            ],
            options={
                'verbose_name_plural': 'old category addresses',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ArticleAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category_slug', models.SlugField(max_length=60)),
                ('slug', models.SlugField(max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_addresses', to='articles.article')),
            ],
            options={
                'verbose_name_plural': 'old addresses',
                'ordering': ['-created_at', '-pk'],
                'constraints': [models.UniqueConstraint(fields=('category_slug', 'slug'), name='article_old_address_unique')],
            },
        ),
    ]
