"""Fixtures the articles tests share."""

import pytest
from django.contrib.auth.models import Group

from tests.accounts.factories import EditorFactory


@pytest.fixture
def editor_client(client):
    """The test client, signed in as a member of the Editors group, as the newsroom is."""
    editor = EditorFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client
