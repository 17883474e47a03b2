"""How to Cite of imported CSL-JSON against citeproc-js on the record as the source gave it.

Usage::

    .venv/bin/python bench/citations_vs_citeproc.py            # writes bench/CITATIONS.md
    .venv/bin/python bench/citations_vs_citeproc.py --output -  # prints it instead

Imports every record of tests/fixtures/import_corpus (Zotero and Crossref exports) one
by one into a temporary SQLite database, renders each imported article's How to Cite
in the 11 styles (``render_citations``, the citation worker's code) and compares the
text with citeproc-js run under Node (bench/citeproc_reference.mjs) on the ORIGINAL
record. Node, not our scholarly.csl: the reference must not share our embedding or our
CSL mapping; it is the pinned citeproc-js of tests/fixtures/csl, which
tests/articles/test_csl_engine.py already shows renders what scholarly.csl renders for
the same item. So a difference here comes from what the import stored or what the
export writes, never from the engine.

Each difference is explained by substitution: the original record with one of its
fields replaced by the value of our CSL item (or removed where ours has none) is
rendered again; the fields whose replacement alone changes citeproc-js's text are the
reasons, and replacing all of them together must give our text exactly ("explained").
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "import_corpus"
REFERENCE_JS = ROOT / "bench" / "citeproc_reference.mjs"
# The site's publisher, used for a journal the record creates without naming one.
SITE_PUBLISHER = "Axon Academic Publishing Institute"

# Why a field of our CSL item differs from the source's, as the report says it.
REASONS = {
    "type": "Crossref's type “journal-article” is not a CSL type (CSL's is article-journal); "
    "citeproc-js cites the record as delivered as a generic item",
    "issued": "date precision: the stored date is not the one the record gives",
    "number": "article number: How to Cite gives it as CSL `number` (Crossref's "
    "`article-number` is not a CSL variable, and Zotero puts it in `page` only)",
    "page": "article number: exported in `page` where there are no pages",
    "URL": "URL: the source's link (doi.org, CNKI, the publisher); How to Cite links this "
    "site's page (none in this bench: SITE_URL unset)",
    "source": "`source` is the database the record came from (Crossref, CNKI, PLoS); MLA "
    "prints it as a second container, which an article on this site has not",
    "accessed": "Zotero's `accessed` is when its user saved the record, not part of the article",
    "language": "language: the site keeps Chinese or English only",
    "container-title-short": "journal abbreviation: the journal's, set by the first record "
    "that named one",
    "author": "names: Crossref writes an organisation as `name`, which CSL does not read "
    "(its key is `literal`), so citeproc-js leaves it out and How to Cite keeps it",
    "title": "title as stored",
    "container-title": "journal title as stored",
    "publisher": "publisher: the journal's (the site's where the record named none)",
    "journalAbbreviation": "Zotero's older name for `container-title-short`; citeproc-js "
    "still reads it",
    "ISSN": "ISSN: the journal's",
}


# What the figures mean; the same whatever the counts.
READING = [
    "- Most differences are How to Cite being the better citation of the same article: the "
    "reference is citeproc-js on the record *as delivered*, and Crossref's records are not "
    "quite CSL (type `journal-article`, `article-number`, organisations as `name`). Compare "
    "the last column of the table, where only the type is read as CSL's.",
    "- Some are this site's facts rather than the source's: the URL (this site's page), "
    "the publisher and the abbreviation (the journal's), no `source` or `accessed`.",
    "- None is left for us to fix: date precision no longer differs (dates are stored at "
    "the precision the record gives, #15 point 2), and a name of one part is CSL's "
    "`literal`, printed as given.",
    "- Not added to bench/run_all.py: a run takes about a minute and needs Node, which "
    "`--smoke` (CI) should not.",
]


def setup_django(directory):
    """Production settings on a new SQLite database in ``directory``, migrated."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'citations.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "journal.settings"
    os.environ["SITE_NAME"] = SITE_PUBLISHER
    os.environ["SITE_URL"] = ""
    os.environ["CITATIONS_RENDER"] = "queue"  # rendered below, once
    os.environ.pop("DJANGO_DEBUG", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.utils import translation

    translation.activate("en")  # the rejection messages in the report


def corpus():
    """[(label, record)] in file order: "crossref_journal_articles.json #3"."""
    return [
        (f"{path.name} #{position}", record)
        for path in sorted(CORPUS.glob("*.json"))
        for position, record in enumerate(json.loads(path.read_text("utf-8")), start=1)
    ]


def citeproc_texts(items):
    """{style: {item id: text}} from citeproc-js under Node."""
    result = subprocess.run(
        ["node", str(REFERENCE_JS)],
        input=json.dumps(items, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


def import_all(records):
    """Import each record alone; ({label: article}, {label: errors})."""
    from articles.importer import ImportFailed, import_items

    imported, rejected = {}, {}
    for label, record in records:
        try:
            [result] = import_items([record])
        except ImportFailed as failure:
            rejected[label] = failure.errors
        else:
            imported[label] = result.article
    return imported, rejected


def how_to_cite(articles):
    """{label: ({style: text}, our CSL item)}: How to Cite as the worker stores it."""
    from django.conf import settings

    from articles.citation import citation_items
    from articles.how_to_cite import render_citations
    from articles.models import Article
    from journal.models import Journal
    from scholarly.csl import STYLES

    Journal.objects.update(citation_styles=list(STYLES))
    ours = {}
    for label, article in articles.items():
        render_citations(article=article)
        article = Article.objects.for_landing_page().get(pk=article.pk)
        styles = article.citations["styles"]
        item = citation_items(article, base_url=settings.SITE_URL)["original"]
        ours[label] = ({style: styles[style]["original"]["text"] for style in STYLES}, item)
    return ours


def same_value(ours, theirs):
    """Equal as citeproc-js reads them: "2019" is 2019; one ISSN of a list is that list's."""
    if isinstance(theirs, dict) and isinstance(ours, dict) and "date-parts" in theirs:
        return [[int(part) for part in parts] for parts in theirs["date-parts"]] == ours.get(
            "date-parts"
        )
    if isinstance(theirs, list) and isinstance(ours, str):
        return ours in theirs
    return ours == theirs


def differing_fields(original, ours):
    keys = (set(original) | set(ours)) - {"id"}
    return sorted(key for key in keys if not same_value(ours.get(key), original.get(key)))


def substituted(original, ours, fields, item_id):
    item = {**original, "id": item_id}
    for field in fields:
        if field in ours:
            item[field] = ours[field]
        else:
            item.pop(field, None)
    return item


def explain(records, ours, reference, differing):
    """{(label, style): (reasons, explained)} for every differing pair.

    A field is a reason when putting our value into the original record changes
    citeproc-js's text, or when putting the original's value back into our item does
    (some fields matter only together: a journal abbreviation only once the type is
    article-journal). "Explained" when the original with just those fields replaced
    renders our text.
    """
    originals = dict(records)
    variants = []
    for label in {label for label, _style in differing}:
        original, item = originals[label], ours[label][1]
        fields = differing_fields(original, item)
        for field in fields:
            variants.append(substituted(original, item, [field], f"{label}~in~{field}"))
            others = [other for other in fields if other != field]
            variants.append(substituted(original, item, others, f"{label}~out~{field}"))
    texts = citeproc_texts(variants) if variants else {}
    reasons = {}
    for label, style in differing:
        fields = differing_fields(originals[label], ours[label][1])
        theirs, mine = reference[style][label], ours[label][0][style]
        reasons[label, style] = [
            field
            for field in fields
            if texts[style][f"{label}~in~{field}"] != theirs
            or texts[style][f"{label}~out~{field}"] != mine
        ]
    together = [
        substituted(originals[label], ours[label][1], fields, f"{label}~{style}")
        for (label, style), fields in reasons.items()
    ]
    together_texts = citeproc_texts(together) if together else {}
    return {
        (label, style): (fields, together_texts[style][f"{label}~{style}"] == ours[label][0][style])
        for (label, style), fields in reasons.items()
    }


def csl_type(item):
    return "article-journal" if item.get("type") == "journal-article" else item.get("type")


def report(records, imported, rejected, ours, reference, typed, explained, seconds):
    from scholarly.csl import STYLES

    total, styles = len(records), list(STYLES)
    identical = {
        style: sum(1 for label in ours if ours[label][0][style] == reference[style][label])
        for style in styles
    }
    typed_identical = {
        style: sum(1 for label in ours if ours[label][0][style] == typed[style][label])
        for style in styles
    }
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    citeproc = json.loads(
        (ROOT / "tests/fixtures/csl/node_modules/citeproc/package.json").read_text()
    )
    lines = [
        "# How to Cite of imported records against citeproc-js",
        "",
        f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds:.0f} s; "
        "command: `.venv/bin/python bench/citations_vs_citeproc.py`",
        f"- Corpus: tests/fixtures/import_corpus, {total} records "
        f"({', '.join(sorted({label.split(' #')[0] for label, _ in records}))})",
        f"- Reference: citeproc-js {citeproc['version']} under Node {node} "
        "(bench/citeproc_reference.mjs, the pinned package, styles and locales of "
        "tests/fixtures/csl) on each ORIGINAL record",
        "- How to Cite: each record imported alone (articles.importer), rendered by "
        "`render_citations` (scholarly.csl) from the CSL item the site exports; the site's "
        f"publisher (SITE_NAME) “{SITE_PUBLISHER}”, SITE_URL unset",
        "",
        "## Import",
        "",
        f"- Records imported: **{len(imported)}/{total}**",
        f"- Rejected: {len(rejected)}/{total} (the deliberately broken records of "
        "*_rejected.json; each message names the item and the field):",
        "",
    ]
    lines += [f"  - {label}: {'; '.join(errors)}" for label, errors in rejected.items()]
    lines += [
        "",
        "## Identical texts",
        "",
        f"Identical How-to-Cite text: **{sum(identical.values())}/{total * len(styles)}** "
        f"(records × {len(styles)} styles; rejected records count as not identical), "
        f"{sum(identical.values())}/{len(ours) * len(styles)} of the imported ones.",
        "",
        "The last column compares with citeproc-js on the record with Crossref's type "
        "“journal-article” read as CSL's article-journal (as Zotero and citation.js read "
        "it); every other field as delivered.",
        "",
        f"| style | identical of {total} records | of {len(ours)} imported "
        "| of imported, Crossref's type read as CSL's |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {style} | {identical[style]}/{total} | {identical[style]}/{len(ours)} "
        f"| {typed_identical[style]}/{len(ours)} |"
        for style in styles
    ]
    lines.append(
        f"| all | {sum(identical.values())}/{total * len(styles)} "
        f"| {sum(identical.values())}/{len(ours) * len(styles)} "
        f"| {sum(typed_identical.values())}/{len(ours) * len(styles)} |"
    )
    causes = Counter(field for fields, _ok in explained.values() for field in fields)
    unexplained = [pair for pair, (_fields, ok) in explained.items() if not ok]
    lines += [
        "",
        "## Why the others differ",
        "",
        f"{len(explained)} differing texts. Each is explained by substitution (see the "
        "script's docstring); a text can have several reasons. "
        f"Not fully explained: {len(unexplained)}.",
        "",
        "| field | texts | reason |",
        "|---|---|---|",
    ]
    lines += [
        f"| {field} | {count} | {REASONS.get(field, 'stored differently')} |"
        for field, count in causes.most_common()
    ]
    lines += ["", "## Reading this", "", *READING, ""]
    lines += [
        "",
        "## Every difference",
        "",
        "| record | style | fields | citeproc-js on the record | How to Cite |",
        "|---|---|---|---|---|",
    ]
    for (label, style), (fields, ok) in sorted(explained.items()):
        cell = ", ".join(fields) + ("" if ok else " (not fully explained)")
        lines.append(
            f"| {label} | {style} | {cell} | {escape(reference[style][label])} | "
            f"{escape(ours[label][0][style])} |"
        )
    return "\n".join(lines) + "\n"


def escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "bench" / "CITATIONS.md"))
    args = parser.parse_args(argv)
    began = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory))
        records = corpus()
        imported, rejected = import_all(records)
        ours = how_to_cite(imported)
        originals = [{**record, "id": label} for label, record in records if label in ours]
        reference = citeproc_texts(originals)
        # As Zotero and citation.js read Crossref's records: its type as CSL's.
        typed = citeproc_texts([{**item, "type": csl_type(item)} for item in originals])
        differing = [
            (label, style)
            for label in ours
            for style, text in ours[label][0].items()
            if text != reference[style][label]
        ]
        explained = explain(records, ours, reference, differing)
        seconds = (datetime.now(UTC) - began).total_seconds()
        text = report(records, imported, rejected, ours, reference, typed, explained, seconds)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
