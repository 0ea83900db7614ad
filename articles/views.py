from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from articles import archive, fragments, parts, sitemaps, structured_data
from articles import home as home_page
from articles.category_page import category_page
from articles.models import Article, Author, Category, Page
from articles.search import (
    normalise_query,
    search_articles,
    search_other_kinds,
    search_parameter,
)
from pagecache import frames
from pagecache.pages import cache_public_page, public_request
from pagecache.params import existing_page, page_number

ARTICLES_PER_PAGE = 12


@cache_public_page()
def home(request):
    parts, frame = home_page.home_parts(request)
    return frames.render_page(request, "articles/home.html", {}, parts, frame)


def _moved(request, url):
    """Send the reader on to where the page now is, with what they asked of it."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@cache_public_page(query={"before": archive.article_id, "after": archive.article_id})
def category(request, slug):
    shown, frame = category_page(
        slug,
        before=request.GET.get("before"),
        after=request.GET.get("after"),
        framed=public_request(request),
    )
    if shown is None:
        if moved := Category.objects.formerly_at(slug).first():
            return _moved(request, moved.get_absolute_url())
        raise Http404
    context = {"category": shown["category"], "query": shown["query"]}
    return frames.render_page(
        request, "articles/category.html", context, {"listing": shown["listing"]}, frame
    )


@cache_public_page(query={"page": page_number})
def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().for_cards().by(author)
    page = existing_page(Paginator(articles, ARTICLES_PER_PAGE), request.GET.get("page"))
    return render(
        request,
        "articles/author.html",
        {"author": author, "page": page, "profile": structured_data.profile_page(author)},
    )


def _preview(request, article):
    """Show staff an unpublished article, never cached and never indexed."""
    response = render(
        request,
        "articles/article_detail.html",
        {"article": article, "parts": fragments.preview_parts(request, article), "preview": True},
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@cache_public_page(query={parts.DISCUSSION_PAGE_PARAMETER: page_number})
def detail(request, category, slug):
    article, parts, frame = fragments.article_page(request, category, slug)
    if article is None:
        # Its slug or category changed: readers and search engines follow it there.
        moved = Article.objects.published().formerly_at(category, slug).select_related("category")
        if moved := moved.first():
            return _moved(request, moved.get_absolute_url())
        raise Http404
    if not article.is_published():
        if request.user.is_staff and request.user.has_perm("articles.view_article"):
            return _preview(request, article)
        raise Http404
    return frames.render_page(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "newsletter_cta_title": "Stay ahead of the story",
            "newsletter_cta_text": "AI analysis delivered before events unfold. No spam.",
        },
        parts,
        frame,
    )


@cache_public_page()
def page(request, slug):
    return render(request, "articles/page.html", {"page": get_object_or_404(Page, slug=slug)})


@cache_public_page(query={"q": search_parameter})
def search(request):
    query = normalise_query(request.GET.get("q", ""))
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "results": search_articles(query),
            "other_kinds": search_other_kinds(query),
        },
    )


@cache_public_page()
@x_robots_tag
def sitemap_index(request):
    """sitemap.xml: every page of every section of the sitemap."""
    return render(
        request,
        "sitemap_index.xml",  # Django's own
        {"sitemaps": sitemaps.index_items()},
        content_type="application/xml; charset=utf-8",
    )


@cache_public_page(query={"p": page_number})
@x_robots_tag
def sitemap_section(request, section):
    """One page of a section of the sitemap: at most 50,000 addresses."""
    if section not in sitemaps.SITEMAPS:
        raise Http404
    sitemap = sitemaps.SITEMAPS[section]()
    try:
        xml = sitemaps.urlset(sitemap, request.GET.get("p") or 1)
    except InvalidPage:
        raise Http404 from None
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@cache_public_page()
def news_sitemap(request):
    return render(
        request,
        "articles/news_sitemap.xml",
        {"articles": sitemaps.news_articles()},
        content_type="application/xml; charset=utf-8",
    )


@cache_public_page()
def robots_txt(request):
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
