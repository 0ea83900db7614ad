"""Readers in the admin."""

import pytest
from django.urls import reverse

from tests.accounts.factories import EditorFactory, ReaderFactory

pytestmark = pytest.mark.django_db


def test_superuser_can_add_a_reader_by_email(client):
    admin = EditorFactory(is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "made@example.com",
            "display_name": "Made By Admin",
            "usable_password": "true",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert ReaderFactory._meta.model.objects.filter(email="made@example.com").exists()
