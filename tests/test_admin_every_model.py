"""Every model registered in the admin, for a superuser and for an editor of one journal.

The add and change forms are submitted as a browser would: the values come from the
rendered form itself, parsed with lxml (hidden fields, inline management forms, chosen
options), a small per-model recipe fills what a person would type, and inlines get
several new rows copied from the form's own empty-row template. What was typed must be
what the change form shows afterwards. Every list (filtered, drilled down, sorted),
object page and action opens for whoever may see it; an editor reaches no other
journal's rows by any object URL, list, autocomplete or action.

A model registered without a recipe fails here (#13): write its recipe in RECIPES.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import URLPattern, reverse
from django.utils import timezone
from lxml import html
from taggit.models import Tag, TaggedItem

from articles.models import Affiliation, Article, Status
from journal.models import BoardMember, Issue, Journal, Section
from stats.models import ArticleStatistics, DailyCount, IssueStatistics
from tests.factories import make_full_article, make_journal, pdf_bytes
from tests.forms import empty_rows, form_lists, form_on

PASSWORD = "a-long-password-for-tests-1"  # noqa: S105 - test accounts
ROLES = ["superuser", "editor"]


# The people and rows every test starts from


@dataclass
class World:
    """Two journals with an article each (authors, references, a PDF, statistics);
    ``editor`` edits ``own`` only."""

    own: Journal
    other: Journal
    editor: User
    superuser: User
    staff: User  # a user whose account the superuser edits
    group: Group
    tag: Tag  # a tag with generic tagged items (the keywords have their own table)
    access: dict  # axes model -> a row of it
    articles: dict  # journal pk -> its article

    def article(self, journal):
        return self.articles[journal.pk]

    def client(self, role):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the admin follows the browser's language
        client.force_login(self.superuser if role == "superuser" else self.editor)
        return client


@pytest.fixture
def world(db):
    own = make_journal(slug="own", title_zh="本刊评论", title_en="Own Review")
    other = make_journal(slug="other", title_zh="他刊评论", title_en="Other Review")
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    own.editors.add(editor)
    articles = {}
    for journal in (own, other):
        article = articles[journal.pk] = make_full_article(journal=journal, references=4)
        DailyCount.objects.create(article=article, date=date(2025, 7, 1), views=5, downloads=2)
        for order, name in enumerate(["王明", "李华"], start=1):
            BoardMember.objects.create(journal=journal, order=order, name=name, role_en="Editor")
    staff = User.objects.create_user("someone", password=PASSWORD, is_staff=True)
    group = Group.objects.create(name="Proofreaders")
    tag = Tag.objects.create(name="公共服务", slug="public-services")
    for tagged in (staff, group):
        TaggedItem.objects.create(tag=tag, content_object=tagged)
    access_row = {
        "username": "someone",
        "ip_address": "203.0.113.9",
        "user_agent": "curl/8",
        "http_accept": "*/*",
        "path_info": "/admin/login/",
    }
    return World(
        own=own,
        other=other,
        editor=editor,
        superuser=User.objects.create_superuser("boss", password=PASSWORD),
        staff=staff,
        group=group,
        tag=tag,
        access={
            AccessAttempt: AccessAttempt.objects.create(
                **access_row, get_data="", post_data="", failures_since_start=1
            ),
            AccessLog: AccessLog.objects.create(**access_row),
            AccessFailureLog: AccessFailureLog.objects.create(**access_row),
        },
        articles=articles,
    )


# Recipes: what a person types into each model's add and change forms


def upload(name, text):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


@dataclass(frozen=True)
class Recipe:
    """Valid data for a model's admin forms, and what an editor may do with its rows.

    editors: "journal" - an editor reaches their own journals' rows only;
    "shared" - rows every editor uses (they add and change, not delete);
    "none" - not for editors at all.
    existing(world, journal): a row of that journal (any row when not per journal).
    fill(world): the add form's values; None when nobody may add (a read-only model).
    rows(world): {inline prefix: [row values, ...]}, one entry for every inline.
    edit: the change form's edits; None when nobody may change (read-only).
    after_add: where a saved add form leads, "changelist" or "change" (the new row's form).
    check(obj, world): what else the added row must have, beyond what the form shows.
    """

    editors: str
    existing: Callable[[World, Journal], Model]
    fill: Callable[[World], dict] | None = None
    rows: Callable[[World], dict] = lambda world: {}
    edit: dict | None = None
    editors_may_add: bool = True
    after_add: str = "changelist"
    check: Callable[[Model, World], None] = lambda obj, world: None


def journal_offers_citation_styles(journal, world):
    # Readers of a new journal get a How to Cite box (#13.3).
    assert journal.offered_citation_styles, "a new journal offers no citation styles"


def password_works(user, world):
    assert user.check_password(PASSWORD)


RECIPES = {
    Journal: Recipe(
        editors="journal",
        editors_may_add=False,  # only a superuser creates journals and names their editors
        existing=lambda world, journal: journal,
        fill=lambda world: {
            "slug": "new-journal",
            "title_zh": "新期刊",
            "title_en": "New Journal",
            "publisher": "Axon Academic Publishing Institute",
            "editors": [str(world.editor.pk)],
        },
        rows=lambda world: {
            "board_members": [
                {"order": "1", "name": "王明", "name_en": "Ming Wang", "role_en": "Editor"},
                {"order": "2", "name": "李华", "name_en": "Hua Li", "role_zh": "副主编"},
                {"order": "3", "name": "Ostrom", "affiliation_en": "Indiana University"},
            ]
        },
        edit={"title_en": "Renamed Journal"},
        check=journal_offers_citation_styles,
    ),
    Issue: Recipe(
        editors="journal",
        existing=lambda world, journal: world.article(journal).issue,
        fill=lambda world: {
            "journal": str(world.own.pk),
            "volume": "",  # a journal without volumes, and a double issue (合刊)
            "number": "1-2",
            "year": "2026",
            "publication_date": "2026-03-01",
            "title_zh": "专刊",
            "title_en": "Special Issue",
            "is_published": "on",
        },
        edit={"title_en": "Renamed Issue"},
    ),
    Section: Recipe(
        editors="journal",
        existing=lambda world, journal: world.article(journal).section,
        fill=lambda world: {
            "journal": str(world.own.pk),
            "slug": "reviews",
            "title_zh": "书评",
            "title_en": "Book Reviews",
            "order": "4",
        },
        edit={"title_en": "Renamed Section"},
    ),
    Article: Recipe(
        editors="journal",
        existing=lambda world, journal: world.article(journal),
        fill=lambda world: {
            "journal": str(world.own.pk),
            "issue": str(world.article(world.own).issue_id),
            "section": str(world.article(world.own).section_id),
            "language": "zh-hans",
            "title_zh": "每个模型的协同治理",
            "title_en": "Collaborative Governance of Every Model",
            "abstract_zh": "摘要",
            "abstract_en": "Abstract",
            "keywords_zh": "协同治理; 社会组织",
            "keywords_en": "collaborative governance; social organizations",
            "status": Status.PUBLISHED,
            "published_at_0": "2025-06-30",
            "published_at_1": "09:00:00",
            "doi": "10.5555/every.model",
            "first_page": "iii",
            "last_page": "xii",
            "article_number": "e1021",
            "order": "2",
            "clc_codes": "G633.3; TP391.1",
            "document_code": "A",
            "caj_article_id": "1000-0135(2019)05-0032-07",
        },
        rows=lambda world: {
            "authors": [
                {
                    "order": "1",
                    "family_name": "王",
                    "given_name": "明",
                    "family_name_en": "Wang",
                    "given_name_en": "Ming",
                    "orcid": "0000-0002-1825-0097",
                    "is_corresponding": "on",
                    "affiliations": [str(Affiliation.objects.get(name="示例大学0").pk)],
                    "email": "wang@example.edu.cn",
                    "address": "北京市海淀区颐和园路5号",
                    "biography_zh": "王明，副教授。",
                    "biography_en": "Ming Wang, associate professor.",
                },
                {"order": "2", "family_name": "Ansell", "given_name": "Chris"},
                {"order": "3", "family_name": "Gash", "given_name": "Alison"},
            ],
            "funding": [
                {
                    "order": "1",
                    "funder_zh": "国家自然科学基金",
                    "funder_en": "National Natural Science Foundation of China",
                    "award_numbers": "72074123; 71974054",
                    "funder_id": "10.13039/501100001809",
                },
                {"order": "2", "funder_en": "Example Foundation"},
            ],
            "references": [
                {
                    "order": "1",
                    "raw_text": "Ansell C, Gash A. Collaborative governance[J]. 2008.",
                    "kind": "J",
                    "year": "2008",
                    "doi": "10.1093/jopart/mum032",
                },
                {
                    "order": "2",
                    "raw_text": "Ostrom E. Governing the Commons[M]. 1990.",
                    "url": "https://example.org/commons",
                },
            ],
            "galleys": [
                {
                    "order": "1",
                    "label": "PDF",
                    "language": "zh-hans",
                    "file": upload("zh.pdf", "1"),
                },
                {"order": "2", "label": "PDF", "language": "en", "file": upload("en.pdf", "2")},
            ],
        },
        edit={"title_en": "Renamed Article"},
    ),
    Affiliation: Recipe(
        editors="shared",
        existing=lambda world, journal: Affiliation.objects.get(name="示例大学0"),
        fill=lambda world: {"name": "北京大学", "name_en": "Peking University", "country": "CN"},
        edit={"name_en": "Renamed University"},
    ),
    User: Recipe(
        editors="none",
        existing=lambda world, journal: world.staff,
        fill=lambda world: {"username": "new-editor", "password1": PASSWORD, "password2": PASSWORD},
        edit={"first_name": "Ada"},
        after_add="change",  # Django's user admin asks for the rest of the account next
        check=password_works,
    ),
    Group: Recipe(
        editors="none",
        existing=lambda world, journal: world.group,
        fill=lambda world: {
            "name": "Copy editors",
            "permissions": [
                str(pk) for pk in Permission.objects.order_by("pk").values_list("pk", flat=True)[:2]
            ],
        },
        edit={"name": "Renamed Group"},
    ),
    Tag: Recipe(
        editors="none",
        existing=lambda world, journal: world.tag,
        fill=lambda world: {"name": "数字治理", "slug": "digital-governance"},
        rows=lambda world: {
            "taggit_taggeditem_items": [
                {
                    "content_type": str(ContentType.objects.get_for_model(Group).pk),
                    "object_id": str(world.group.pk),
                },
                {
                    "content_type": str(ContentType.objects.get_for_model(User).pk),
                    "object_id": str(world.staff.pk),
                },
            ]
        },
        edit={"slug": "renamed-keyword"},
    ),
    # Login throttling records: read and cleared by a superuser, written by django-axes.
    **{
        model: Recipe(
            editors="none", existing=lambda world, journal, m=model: world.access[m], edit={}
        )
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    },
    # Usage statistics: read-only; an editor sees their own journals' (#13.12).
    ArticleStatistics: Recipe(
        editors="journal",
        existing=lambda world, journal: ArticleStatistics.objects.get(pk=world.article(journal).pk),
    ),
    IssueStatistics: Recipe(
        editors="journal",
        existing=lambda world, journal: IssueStatistics.objects.get(
            pk=world.article(journal).issue_id
        ),
    ),
    DailyCount: Recipe(
        editors="journal",
        existing=lambda world, journal: DailyCount.objects.get(article__journal=journal),
    ),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def recipe_for(model):
    if model not in RECIPES:
        pytest.fail(
            f"{model._meta.label} is registered in the admin but has no recipe: add one to "
            "RECIPES in tests/test_admin_every_model.py (valid data, who may add and change)."
        )
    return RECIPES[model]


def may_add(recipe, role):
    if recipe.fill is None:
        return False
    return role == "superuser" or (recipe.editors != "none" and recipe.editors_may_add)


def may_view(recipe, role):
    return role == "superuser" or recipe.editors != "none"


def may_change(recipe, role):
    return recipe.edit is not None and may_view(recipe, role)


def viewable(model, recipe, role):
    return may_view(recipe, role)


def cases(applies=lambda model, recipe, role: True, roles=ROLES):
    """(model, role) parameters of a test, for the models and roles it applies to; a model
    without a recipe is always in, to fail in recipe_for()."""
    return [
        pytest.param(model, role, id=f"{model._meta.label}-{role}")
        for model in REGISTERED
        for role in roles
        if model not in RECIPES or applies(model, RECIPES[model], role)
    ]


# The admin's pages, read as a browser reads them


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response, model):
    """What a browser submits from the page's admin form, and the inline row templates.

    Returns ({name: [values]}, {inline prefix: {field: [values]}}): the second holds each
    inline's empty-form template (the ``__prefix__`` row "Add another" copies).
    """
    assert response.status_code == 200, response.status_code
    form = form_on(response, f"{model._meta.model_name}_form")
    data, templates = form_lists(form), empty_rows(form)
    for prefix in templates:
        assert f"{prefix}-TOTAL_FORMS" in data, f"no management form for {prefix}"
    data.pop("csrfmiddlewaretoken", None)  # new on every page; the test client needs none
    return data, templates


def as_values(value):
    return value if isinstance(value, list) else [value]


def add_rows(data, templates, prefix, rows):
    """Append ``rows`` to an inline as "Add another" does: the template's values, then the
    row's own."""
    first = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for index, row in enumerate(rows, start=first):
        for name, values in templates[prefix].items():
            data[f"{prefix}-{index}-{name}"] = list(values)
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = as_values(value)
    data[f"{prefix}-TOTAL_FORMS"] = [str(first + len(rows))]


def typed(fields):
    return {name: as_values(value) for name, value in fields.items()}


def saved(response):
    assert response.status_code == 302, error_text(response)
    return response["Location"]


def error_text(response):
    """The form's error messages, for a failed save's assertion message."""
    if response.status_code != 200:
        return f"status {response.status_code}"
    page = html.fromstring(response.content.decode())
    errors = page.cssselect(".errornote, .errorlist li")
    return "; ".join(" ".join(e.text_content().split()) for e in errors) or "no error shown"


def refused(response):
    """403, or the admin's "does not exist" (a 404, or its redirect to the index)."""
    if response.status_code == 302:
        return response["Location"] == reverse("admin:index")
    return response.status_code in (403, 404)


def inline_models(model, user, obj=None):
    """{inline prefix: inline model} of the model's admin form, as ``user`` gets it."""
    request = RequestFactory().get("/")
    request.user = user
    model_admin = admin.site._registry[model]
    return {
        inline.get_formset(request, obj).get_default_prefix(): inline.model
        for inline in model_admin.get_inline_instances(request, obj)
    }


# A model without a recipe fails loudly


def test_every_registered_model_has_a_recipe():
    missing = [model._meta.label for model in REGISTERED if model not in RECIPES]
    assert not missing, f"registered in the admin without a recipe in RECIPES: {missing}"
    stale = [model._meta.label for model in RECIPES if model not in admin.site._registry]
    assert not stale, f"recipes for models no longer in the admin: {stale}"


# Add forms


@pytest.mark.parametrize(("model", "role"), cases())
def test_add_form_saves_what_was_typed(world, model, role, database_unchanged):
    recipe = recipe_for(model)
    client = world.client(role)
    add_url = url(model, "add")
    if not may_add(recipe, role):
        with database_unchanged():
            assert client.get(add_url).status_code == 403
            fields = recipe.fill(world) if recipe.fill else {}
            assert client.post(add_url, {**fields, "_save": "Save"}).status_code == 403
        return

    data, templates = form_data(client.get(add_url), model)
    rows = recipe.rows(world)
    assert set(rows) == set(templates), (
        f"the recipe of {model._meta.label} gives rows for {sorted(rows)}, "
        f"its add form has the inlines {sorted(templates)}"
    )
    data.update(typed(recipe.fill(world)))
    for prefix in rows:
        add_rows(data, templates, prefix, rows[prefix])
    before = set(model._default_manager.values_list("pk", flat=True))
    location = saved(client.post(add_url, {**data, "_save": "Save"}))

    obj = model._default_manager.exclude(pk__in=before).get()
    change_url = url(model, "change", obj.pk)
    assert location == (change_url if recipe.after_add == "change" else url(model, "changelist"))
    shown, _ = form_data(client.get(change_url), model)
    for name, values in typed(recipe.fill(world)).items():
        if name.startswith("password"):
            continue  # never shown again
        assert shown.get(name) == values, f"{name}: typed {values}, shown {shown.get(name)}"
    models = inline_models(model, world.superuser, obj)
    for prefix in rows:
        assert shown[f"{prefix}-INITIAL_FORMS"] == [str(len(rows[prefix]))], f"{prefix} rows"
        for position, row in enumerate(rows[prefix]):
            for name, value in row.items():
                if isinstance(value, UploadedFile):
                    pk = shown[f"{prefix}-{position}-id"][0]
                    stored = getattr(models[prefix].objects.get(pk=pk), name)
                    value.seek(0)
                    with stored.open("rb") as file:
                        assert file.read() == value.read(), f"{prefix} row {position} {name}"
                    continue
                assert shown.get(f"{prefix}-{position}-{name}") == as_values(value), (
                    f"{prefix} row {position} {name}: typed {value}, "
                    f"shown {shown.get(f'{prefix}-{position}-{name}')}"
                )
    recipe.check(obj, world)


# Change forms


@pytest.mark.parametrize(("model", "role"), cases())
def test_change_form_saves_the_edit_and_keeps_the_rest(world, model, role, database_unchanged):
    recipe = recipe_for(model)
    client = world.client(role)
    obj = recipe.existing(world, world.own)
    change_url = url(model, "change", obj.pk)
    if not may_view(recipe, role):
        with database_unchanged():
            assert client.get(change_url).status_code == 403
            assert client.post(change_url, {**(recipe.edit or {})}).status_code == 403
        return
    data, _ = form_data(client.get(change_url), model)
    if not may_change(recipe, role):
        with database_unchanged():
            assert client.post(change_url, {**data, "_save": "Save"}).status_code == 403
        return

    edits = typed(recipe.edit)
    assert set(edits) <= set(data), f"{sorted(set(edits) - set(data))} not in the change form"
    location = saved(client.post(change_url, {**data, **edits, "_save": "Save"}))
    assert location == url(model, "changelist")
    shown, _ = form_data(client.get(change_url), model)
    expected = {**data, **edits}
    differences = {
        name: (expected.get(name), shown.get(name))
        for name in set(expected) | set(shown)
        if expected.get(name) != shown.get(name)
    }
    assert not differences, f"changed by saving the form as shown: {differences}"


# An editor reaches no other journal's rows


def object_urls(model, obj):
    """Every named URL of the model's admin that takes an object: change, delete, history,
    and the project's own (restore) and django-simple-history's (revert form)."""
    urls = []
    for pattern in admin.site._registry[model].urls:
        if not isinstance(pattern, URLPattern) or pattern.name is None:
            continue  # the nameless one only redirects old change URLs to the change form
        parameters = pattern.pattern.regex.groups
        if parameters == 0:
            continue  # the list, the add form, the model's own JSON and import views
        if parameters == 1:
            args = [obj.pk]
        elif parameters == 2 and hasattr(obj, "history"):  # an object id and a revision id
            args = [obj.pk, obj.history.latest().history_id]
        else:
            pytest.fail(f"{pattern.name}: say here what its {parameters} parameters are")
        urls.append(reverse(f"admin:{pattern.name}", args=args))
    assert urls, f"no object URLs found for {model._meta.label}"
    return urls


def linked(page, target):
    return re.search(rf'href="{re.escape(target)}[?"]', page) is not None


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_an_editor_reaches_no_other_journals_rows(world, model, database_unchanged):
    recipe = recipe_for(model)
    client = world.client("editor")
    changelist = client.get(url(model, "changelist"))
    if recipe.editors == "none":
        theirs = recipe.existing(world, world.own)
        with database_unchanged():
            for target in [
                url(model, "changelist"),
                url(model, "add"),
                *object_urls(model, theirs),
            ]:
                assert client.get(target).status_code == 403, target
                assert client.post(target, {"post": "yes"}).status_code == 403, target
        return

    own, other = recipe.existing(world, world.own), recipe.existing(world, world.other)
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert linked(page, url(model, "change", own.pk)), "own row missing from the list"
    if recipe.editors == "shared":
        assert client.get(url(model, "change", other.pk)).status_code == 200
        with database_unchanged():
            assert client.post(url(model, "delete", other.pk), {"post": "yes"}).status_code == 403
        return
    assert not linked(page, url(model, "change", other.pk)), "another journal's row listed"
    for title in (world.other.title_zh, world.other.title_en):  # not even in a filter
        assert title not in page, f"another journal's title in the list: {title}"
    assert client.get(url(model, "change", own.pk)).status_code == 200
    assert client.get(url(model, "history", own.pk)).status_code == 200
    with database_unchanged():
        for target in object_urls(model, other):
            assert refused(client.get(target)), f"GET {target}"
            data = {**(recipe.edit or {}), "post": "yes"}
            assert refused(client.post(target, data)), f"POST {target}"


def autocomplete_fields():
    """(source model, field name) of every autocomplete in the admin, inlines included."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        for owner in [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]:
            for name in owner.autocomplete_fields:
                found.add((owner.model, name))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1]))


@pytest.mark.parametrize(
    ("source", "field_name"),
    autocomplete_fields(),
    ids=lambda value: value._meta.label if isinstance(value, type) else value,
)
def test_autocompletes_offer_an_editor_their_own_journals_only(world, source, field_name):
    remote = source._meta.get_field(field_name).remote_field.model
    recipe = recipe_for(remote)
    response = world.client("editor").get(
        reverse("admin:autocomplete"),
        {
            "app_label": source._meta.app_label,
            "model_name": source._meta.model_name,
            "field_name": field_name,
            "term": "",
        },
    )
    if recipe.editors == "none":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    offered = {result["id"] for result in response.json()["results"]}
    own, other = recipe.existing(world, world.own), recipe.existing(world, world.other)
    assert str(own.pk) in offered
    if recipe.editors == "journal":
        assert str(other.pk) not in offered


# Every list, page and action


@pytest.mark.parametrize(("model", "role"), cases(viewable))
def test_every_page_of_a_row_opens(world, model, role):
    """The list (searched too) and every object page of a row the user may see: no error."""
    recipe = recipe_for(model)
    client = world.client(role)
    obj = recipe.existing(world, world.own)
    model_admin = admin.site._registry[model]
    changelist = client.get(url(model, "changelist"))
    assert changelist.status_code == 200
    if model_admin.search_fields:
        assert client.get(url(model, "changelist"), {"q": "王 2025"}).status_code == 200
    # Every filter, every date drill-down and every column to sort by.
    page = html.fromstring(changelist.content.decode())
    links = page.cssselect("#changelist-filter a, nav.toplinks a, th.sortable a")
    queries = {link.get("href") for link in links if link.get("href", "").startswith("?")}
    assert queries or not (model_admin.list_filter or model_admin.date_hierarchy)
    for query in sorted(queries):
        response = client.get(url(model, "changelist") + query)
        assert response.status_code == 200, f"{query}: {response.status_code}"
        drilled = html.fromstring(response.content.decode()).cssselect("nav.toplinks a")
        for link in drilled:  # a year leads to months, a month to days
            href = link.get("href", "")
            if href.startswith("?") and href not in queries:
                assert client.get(url(model, "changelist") + href).status_code == 200, href
    for target in object_urls(model, obj):
        response = client.get(target)
        # 403: delete refused (shared rows, read-only models); 404: restore without a time.
        assert response.status_code in (200, 403, 404), f"{target}: {response.status_code}"
        if target in (url(model, "change", obj.pk), url(model, "history", obj.pk)):
            assert response.status_code == 200, target


def actions_of(model, user):
    request = RequestFactory().get("/")
    request.user = user
    return list(admin.site._registry[model].get_actions(request))


@pytest.mark.parametrize(("model", "role"), cases(viewable))
def test_every_action_runs_on_a_row(world, model, role):
    """Each action of the list, on a row the user may see: done, a download or a
    confirmation page (delete), never an error."""
    recipe = recipe_for(model)
    user = world.superuser if role == "superuser" else world.editor
    client = world.client(role)
    for action in actions_of(model, user):
        obj = recipe.existing(world, world.own)
        response = client.post(
            url(model, "changelist"), {"action": action, ACTION_CHECKBOX_NAME: [obj.pk]}
        )
        assert response.status_code in (200, 302), f"{action}: {response.status_code}"


def answer(response):
    """A response as a person sees it: status, where it leads, the file or page, messages."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)
    # A COUNTER report's header says when it was made, to the second: not the answer.
    body = re.sub(rb"\r\nCreated,[^\r]*\r\n", b"\r\nCreated,\r\n", body)
    return response.status_code, response.get("Content-Disposition"), body


@pytest.mark.parametrize(
    ("model", "role"),
    cases(lambda model, recipe, role: recipe.editors == "journal", roles=["editor"]),
)
def test_an_editors_actions_treat_another_journals_row_as_no_row(
    world, model, role, database_unchanged
):
    """Selecting another journal's row (a forged POST) does what selecting a row that does
    not exist does: nothing, and no file with its data."""
    recipe = recipe_for(model)
    client = world.client(role)
    other = recipe.existing(world, world.other)
    missing = model._default_manager.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    for action in actions_of(model, world.editor):
        with database_unchanged():
            answers = [
                answer(
                    client.post(
                        url(model, "changelist"),
                        {"action": action, ACTION_CHECKBOX_NAME: [pk]},
                        follow=True,
                    )
                )
                for pk in (other.pk, missing)
            ]
        assert answers[0] == answers[1], f"{action} on another journal's row"


# Inline rows


def has_inlines(model):
    return bool(admin.site._registry[model].inlines)


def saved_rows(data, prefix):
    """The saved rows an inline shows, in order: [{field: values}], ids left out."""
    rows = []
    for index in range(int(data[f"{prefix}-INITIAL_FORMS"][0])):
        start = f"{prefix}-{index}-"
        rows.append(
            {
                name[len(start) :]: values
                for name, values in data.items()
                if name.startswith(start) and name != f"{start}id"
            }
        )
    return rows


@pytest.mark.parametrize(
    ("model", "role"),
    cases(lambda model, recipe, role: may_change(recipe, role) and has_inlines(model)),
)
def test_deleting_an_inline_row_keeps_the_others(world, model, role):
    """Tick "Delete" on the first row of each inline: that row goes, the others stay."""
    recipe = recipe_for(model)
    client = world.client(role)
    change_url = url(model, "change", recipe.existing(world, world.own).pk)
    data, templates = form_data(client.get(change_url), model)
    prefixes = [prefix for prefix in templates if len(saved_rows(data, prefix)) >= 2]
    assert prefixes, f"give the {model._meta.label} row of each journal two inline rows"
    before = {prefix: saved_rows(data, prefix) for prefix in prefixes}
    for prefix in prefixes:
        data[f"{prefix}-0-DELETE"] = ["on"]
    saved(client.post(change_url, {**data, "_save": "Save"}))
    shown, _ = form_data(client.get(change_url), model)
    for prefix in prefixes:
        assert saved_rows(shown, prefix) == before[prefix][1:], prefix


# Found by the tests above


def test_the_clean_up_of_expired_login_attempts_works(world):
    """django-axes' admin action was a 500 (its handler reads a time only login sets)."""
    expired = world.access[AccessAttempt]
    AccessAttempt.objects.filter(pk=expired.pk).update(
        attempt_time=timezone.now() - timedelta(hours=2)
    )
    recent = AccessAttempt.objects.create(
        username="recent", ip_address="203.0.113.10", user_agent="curl/8", http_accept="*/*",
        path_info="/admin/login/", get_data="", post_data="", failures_since_start=1,
    )  # fmt: skip
    response = world.client("superuser").post(
        url(AccessAttempt, "changelist"),
        {"action": "cleanup_expired_attempts", ACTION_CHECKBOX_NAME: [recent.pk]},
        follow=True,
    )
    assert "Cleaned up 1 expired access attempts." in response.content.decode()
    assert list(AccessAttempt.objects.all()) == [recent]
