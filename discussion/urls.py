from django.urls import path

from discussion import views

app_name = "discussion"

# Mounted under /accounts/, where the discussion's addresses were before it had its own app.
urlpatterns = [
    path("comments/<int:article_id>/", views.comment_post, name="comment_post"),
    path("comments/<int:article_id>/draft/", views.comment_draft, name="comment_draft"),
    path("comments/<int:article_id>/pending/", views.comment_pending, name="comment_pending"),
    path(
        "comments/<int:article_id>/<int:comment_id>/",
        views.comment_permalink,
        name="comment_permalink",
    ),
    path(
        "comments/<int:article_id>/<int:comment_id>/reply/",
        views.comment_reply,
        name="comment_reply",
    ),
    path(
        "comments/<int:article_id>/<int:comment_id>/edit/",
        views.comment_edit,
        name="comment_edit",
    ),
    path(
        "comments/<int:article_id>/<int:comment_id>/delete/",
        views.comment_delete,
        name="comment_delete",
    ),
    path(
        "comments/<int:article_id>/<int:comment_id>/report/",
        views.comment_report,
        name="comment_report",
    ),
]
