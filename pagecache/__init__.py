"""The page cache: public pages for anonymous readers, and the versions that make them stale."""
