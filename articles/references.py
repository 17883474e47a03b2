"""Reference rows from a pasted reference list (the parser itself is ``reference_parser``)."""

from django.db import transaction

from articles.models import Reference
from articles.reference_parser import parse_reference, split_references

ET_AL = {"zh-hans": "等", "en": "et al."}


def reference_from_parsed(parsed, *, article, order):
    """An unsaved Reference holding the parsed fields, each cut to its column's length."""
    authors = list(parsed.authors)
    if parsed.et_al:
        authors.append(ET_AL.get(parsed.language, "et al."))
    values = {
        "kind": parsed.kind,
        "authors": "; ".join(authors),
        "title": parsed.title,
        "container_title": parsed.container_title,
        "year": parsed.year,
        "volume": parsed.volume,
        "issue": parsed.issue,
        "pages": parsed.pages,
        "doi": parsed.doi,
        "url": parsed.url,
    }
    for name, value in values.items():
        limit = Reference._meta.get_field(name).max_length
        if len(value) > limit:
            # A cut URL or DOI would point elsewhere: leave it to the raw text.
            values[name] = "" if name in {"url", "doi"} else value[:limit]
    return Reference(article=article, order=order, raw_text=parsed.raw_text, **values)


def parsed_reference_fields(text):
    """The columns of a Reference read from one entry as printed (raw text and parsed
    fields), for an importer that writes rows itself."""
    reference = reference_from_parsed(parse_reference(text), article=None, order=0)
    return {
        field.name: getattr(reference, field.name)
        for field in Reference._meta.concrete_fields
        if field.name not in ("id", "article", "order")
    }


@transaction.atomic
def replace_references(*, article, text):
    """Replace the article's reference list with the entries of a pasted list, in order."""
    references = [
        reference_from_parsed(parse_reference(entry), article=article, order=index)
        for index, entry in enumerate(split_references(text), start=1)
    ]
    article.references.all().delete()
    for reference in references:
        reference.save()  # save() derives the DOI and URL columns, as for typed references
    return references
