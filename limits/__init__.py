"""Abuse limits: how often readers may act, who the client is, how large a request may be."""
