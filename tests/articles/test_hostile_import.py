"""Imports an editor could use to reach past their journals, or to plant a link (#13).

Every hostile file is tried both ways in: the admin import (preview, then a
confirmation posted anyway) and ``manage.py import_articles --journal``. Each is
refused with a message naming the item and field, and writes nothing.
"""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

IMPORT_URL = reverse("admin:articles_article_import")


def csl_item(**overrides):
    data = {
        "id": "zotero-1",
        "type": "article-journal",
        "language": "zh-CN",
        "title": "社区养老服务研究",
        "container-title": "乙刊",
        "volume": "18",
        "issue": "3",
        "page": "89-101",
        "DOI": "10.5555/import.1",
        "issued": {"date-parts": [[2021, 7, 15]]},
        "author": [{"family": "徐", "given": "家良"}],
        "custom": {"status": "published"},
    }
    data.update(overrides)
    return data


def import_errors(response):
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    return [li.text_content() for li in page.cssselect("#import-errors li")]


def preview(client, items):
    content = json.dumps(items, ensure_ascii=False).encode()
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("items.json", content)})


def confirm(client, items):
    """The confirmation form's post, as a tampering editor could send it without a preview."""
    content = json.dumps(items, ensure_ascii=False)
    return client.post(IMPORT_URL, {"content": content, "_confirm": "1"})


def test_import_errors_are_in_the_admins_language(admin_client, db):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    assert import_errors(preview(admin_client, [csl_item(title="")])) == [
        "第 1 条（zotero-1），字段“title”：缺失"
    ]
    bad_json = SimpleUploadedFile("items.json", b"{not json")
    errors = import_errors(admin_client.post(IMPORT_URL, {"file": bad_json}))
    assert errors[0].startswith("文件不是有效的 JSON：")
