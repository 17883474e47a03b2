"""Admin forms as a browser posts them: read back from a rendered page (what a person who
changes nothing would send), or written out for the article and journal forms."""

from collections import Counter

from lxml import html

from articles.models import Status

# Reading a rendered form


def form_on(page, form_id=None):
    """The form with this id on a page: a test client or requests response, bytes, text or
    a parsed page; a parsed form as it is."""
    if isinstance(page, html.FormElement):
        return page
    if not isinstance(page, html.HtmlElement):
        content = getattr(page, "content", page)
        page = html.fromstring(content.decode() if isinstance(content, bytes) else content)
    return page.get_element_by_id(form_id)


def submitted(page, form_id=None):
    """(name, value) pairs in the order a browser submits the form, CSRF token included.

    Disabled fields and unticked boxes send nothing, buttons and file inputs are left to the
    test, a select sends its chosen options (a single select with none chosen, its first),
    and a textarea loses the newline that follows its opening tag. Inline formsets' empty-row
    templates ("__prefix__") are sent too, as a browser does; Django ignores them.
    """
    pairs = []
    for element in form_on(page, form_id).inputs:
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "select":
            if element.multiple:
                pairs += [(name, value) for value in element.value]
            elif element.value is not None:
                pairs.append((name, element.value))
        elif element.tag == "textarea":
            value = element.value or ""
            pairs.append((name, value[1:] if value.startswith("\n") else value))
        elif element.get("type") in ("checkbox", "radio"):
            if element.get("checked") is not None:
                pairs.append((name, element.get("value", "on")))
        elif element.get("type") not in ("submit", "image", "reset", "button", "file"):
            pairs.append((name, element.get("value", "")))
    return pairs


TEMPLATE = "-__prefix__-"


def form_lists(page, form_id=None):
    """{name: [values]}: every value a browser sends for each name, templates left out."""
    data = {}
    for name, value in submitted(page, form_id):
        if TEMPLATE not in name:
            data.setdefault(name, []).append(value)
    return data


def empty_rows(page, form_id=None):
    """{inline prefix: {field: [values]}}: the empty row that "Add another" copies."""
    rows = {}
    for name, value in submitted(page, form_id):
        if TEMPLATE in name:
            prefix, _, field = name.partition(TEMPLATE)
            rows.setdefault(prefix, {}).setdefault(field, []).append(value)
    return rows


def several_values(form):
    """Names that take several values: a multiple select, a group of checkboxes."""
    boxes = Counter(field.get("name") for field in form.inputs if field.get("type") == "checkbox")
    return {name for name, count in boxes.items() if count > 1} | {
        field.get("name") for field in form.inputs if field.tag == "select" and field.multiple
    }


def one_or_all(lists, several):
    """{name: [values]} as the test client takes it: the list for a name in ``several``
    (also when empty), the value otherwise."""
    values = {name: [] for name in several}
    values.update({name: v if name in several else v[-1] for name, v in lists.items()})
    return values


def form_values(page, form_id=None):
    """{name: value} of what a browser sends, templates left out: a list for a field that
    takes several values (even one, or none), the value otherwise."""
    form = form_on(page, form_id)
    several = {name for name in several_values(form) if TEMPLATE not in name}
    return one_or_all(form_lists(form), several)


def empty_row(page, form_id, prefix):
    """{field: value} of an inline's empty row, as form_values() gives values."""
    form = form_on(page, form_id)
    start = f"{prefix}{TEMPLATE}"
    several = {name[len(start) :] for name in several_values(form) if name.startswith(start)}
    return one_or_all(empty_rows(form).get(prefix, {}), several)


# Writing a form out


def inline_management(prefix, total=0, initial=0):
    """An inline formset's management form."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form_data(issue, section, **overrides):
    """The admin's article form filled in: two authors, two references, no galley."""
    data = {
        "journal": issue.journal.pk,
        "issue": issue.pk,
        "section": section.pk,
        "language": "zh-hans",
        "title_zh": "协同治理研究",
        "title_en": "A Study of Collaborative Governance",
        "abstract_zh": "摘要<i>斜体</i>",
        "abstract_en": "Abstract",
        "keywords_zh": "协同治理；社会组织、政府购买服务，公共服务供给",
        "keywords_en": "collaborative governance; social organizations",
        "status": Status.PUBLISHED,
        "published_at_0": "2025-06-30",
        "published_at_1": "09:00:00",
        "doi": "https://doi.org/10.5555/Admin.1",
        "first_page": "5",
        "last_page": "23",
        "licence": "CC-BY-4.0",
        **inline_management("authors", total=2),
        "authors-0-order": "0",
        "authors-0-family_name": "王",
        "authors-0-given_name": "明",
        "authors-0-family_name_en": "Wang",
        "authors-0-given_name_en": "Ming",
        "authors-0-orcid": "0000-0002-1825-0097",
        "authors-0-is_corresponding": "on",
        "authors-1-order": "1",
        "authors-1-family_name": "Ansell",
        "authors-1-given_name": "Chris",
        **inline_management("funding"),
        **inline_management("references", total=2),
        "references-0-order": "0",
        "references-0-raw_text": "Ansell C, Gash A. Collaborative Governance[J]. 2008.",
        "references-1-order": "1",
        "references-1-raw_text": (
            "陈晓晓.政府与社会组织合作研究[D]. 广州: 广州大学, 2025. doi:10.1000/xyz"
        ),
        **inline_management("galleys"),
    }
    data.update(overrides)
    return data


def galley_data(article, upload):
    """The article's change form with one galley row uploading ``upload``, nothing else."""
    data = article_form_data(
        article.issue,
        article.section,
        journal=article.journal.pk,
        doi=article.doi,
        **inline_management("authors", total=0),
        **inline_management("references", total=0),
        **inline_management("galleys", total=1),
    )
    data.update(
        {
            "galleys-0-order": "1",
            "galleys-0-label": "PDF",
            "galleys-0-language": "zh-hans",
            "galleys-0-file": upload,
        }
    )
    return data


def journal_form_data(journal, **overrides):
    """The admin's journal form: the journal's own fields, one board member, the About page."""
    data = {
        "slug": journal.slug,
        "title_zh": journal.title_zh,
        "title_en": journal.title_en,
        "language": journal.language,
        "publisher": journal.publisher,
        "default_licence": journal.default_licence,
        "citation_style_zh": journal.citation_style_zh,
        "citation_style_en": journal.citation_style_en,
        "citation_styles": journal.citation_styles,
        **inline_management("board_members", total=1),
        "board_members-0-order": "1",
        "board_members-0-name": "张三",
        "board_members-0-name_en": "San Zhang",
        "board_members-0-role_zh": "主编",
        "board_members-0-role_en": "Editor-in-chief",
        "board_members-0-affiliation_zh": "示例大学",
        "board_members-0-affiliation_en": "Example University",
        "aims_scope_zh": "宗旨<script>x</script>",
        "aims_scope_en": "Aims <b>bold</b>",
        "charges_fees": "on",
        "fees_zh": "3000 元",
        "fees_en": "CNY 3000",
        "contact_email": "office@journal.example.org",
    }
    data.update(overrides)
    return data
