"""The discussion under articles: comments, replies, readers' reports, moderation and bans."""
