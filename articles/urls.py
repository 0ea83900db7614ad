from django.urls import path

from articles import feeds, views
from pagecache.pages import cache_public_page

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.page, {"slug": "about"}, name="about"),
    path("privacy/", views.page, {"slug": "privacy"}, name="privacy"),
    path("search/", views.search, name="search"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("feeds/", cache_public_page()(feeds.LatestArticlesFeed()), name="feed"),
    path("feeds/<slug:slug>/", cache_public_page()(feeds.category_feed), name="category_feed"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Category pages take any remaining top-level slug; keep them last.
    path("<slug:slug>/", views.category, name="category"),
    path("<slug:category>/<slug:slug>/", views.detail, name="detail"),
]
