from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, views
from articles.sitemaps import SITEMAPS
from pagecache.pages import cache_public_page
from pagecache.params import page_number

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.page, {"slug": "about"}, name="about"),
    path("privacy/", views.page, {"slug": "privacy"}, name="privacy"),
    path("search/", views.search, name="search"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("feeds/", cache_public_page()(feeds.LatestArticlesFeed()), name="feed"),
    path("feeds/<slug:slug>/", cache_public_page()(feeds.category_feed), name="category_feed"),
    path(
        "sitemap.xml",
        cache_public_page(query={"p": page_number})(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Category pages take any remaining top-level slug; keep them last.
    path("<slug:slug>/", views.category, name="category"),
    path("<slug:category>/<slug:slug>/", views.detail, name="detail"),
]
