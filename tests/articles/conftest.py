import pytest
from django.contrib.auth.models import User

from tests.factories import make_article, make_journal


@pytest.fixture
def desk(db, client):
    """Two journals; an editor of journal A only, logged in with English admin messages."""
    journal_a, journal_b = make_journal(slug="a"), make_journal(slug="b")
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    journal_a.editors.add(editor)
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    a = make_article(journal=journal_a, title_zh="甲刊文章", doi="10.5555/a.1")
    b = make_article(journal=journal_b, title_zh="乙刊文章", doi="10.5555/b.1")
    return {"client": client, "editor": editor, "journal": journal_a, "a": a, "b": b}
