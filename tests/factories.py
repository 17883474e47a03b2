"""Factories: plain functions that make the rows and files the tests start from.

A published Chinese article in a published issue of a new journal unless told otherwise;
unique values (slugs, issue numbers, DOIs) come from a sequence that starts again in each
test. No ISSN unless a test gives one (the column is unique).
"""

import io
from datetime import date, timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from articles.keywords import set_keywords
from articles.models import Affiliation, Article, Author, Galley, Reference, Status
from journal.models import Issue, Journal, Section


class Sequence:
    """Numbers for unique slugs, issue numbers and DOIs: 1, 2, 3... from the start of each
    test (the autouse fixture in conftest.py calls reset()), so a test makes the same rows
    whichever tests ran before it, in whatever order or worker."""

    def __init__(self):
        self.reset()

    def reset(self):
        self._numbers = count(1)

    def __next__(self):
        return next(self._numbers)


sequence = Sequence()


def make_journal(**fields):
    n = next(sequence)
    defaults = {
        "slug": f"journal-{n}",
        "title_zh": f"测试期刊{n}",
        "title_en": f"Test Journal {n}",
        "publisher": "Axon Academic Publishing Institute",
        "issn_online": "",  # unique per journal: a test that needs one gives it
        "licence_terms_zh": "版权归作者所有。",
        "licence_terms_en": "Copyright is retained by the authors.",
    }
    defaults.update(fields)
    return Journal.objects.create(**defaults)


def make_issue(journal=None, **fields):
    journal = journal or make_journal()
    defaults = {
        "journal": journal,
        "volume": 3,
        "number": str(next(sequence)),
        "year": 2025,
        "publication_date": date(2025, 6, 30),
        "is_published": True,
    }
    defaults.update(fields)
    return Issue.objects.create(**defaults)


def make_section(journal, **fields):
    defaults = {
        "journal": journal,
        "slug": f"section-{next(sequence)}",
        "title_zh": "研究论文",
        "title_en": "Research Articles",
    }
    defaults.update(fields)
    return Section.objects.create(**defaults)


def make_article(journal=None, issue=None, section=None, **fields):
    """A published Chinese article in a published issue, unless told otherwise."""
    if issue is None and "issue" not in fields:
        issue = make_issue(journal)
    journal = journal or (issue.journal if issue else make_journal())
    section = section or make_section(journal)
    defaults = {
        "journal": journal,
        "issue": issue,
        "section": section,
        "language": "zh-hans",
        "title_zh": "协同治理下政府与社会组织关系研究",
        "title_en": "Government and Social Organizations under Collaborative Governance",
        "abstract_zh": "本文研究协同治理。",
        "abstract_en": "This paper studies collaborative governance.",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
        "first_page": "1",
        "last_page": "12",
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def make_author(article, **fields):
    defaults = {
        "article": article,
        "order": article.authors.count(),
        "family_name": "王",
        "given_name": "明",
        "family_name_en": "Wang",
        "given_name_en": "Ming",
    }
    defaults.update(fields)
    affiliations = defaults.pop("affiliations", [])
    author = Author.objects.create(**defaults)
    for name in affiliations:
        author.affiliations.add(Affiliation.objects.get_or_create(name=name)[0])
    return author


def make_reference(article, raw_text="Ostrom E. Governing the Commons[M]. 1990.", **fields):
    return Reference.objects.create(
        article=article, raw_text=raw_text, order=article.references.count(), **fields
    )


def pdf_bytes(text="Test galley"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def encrypted_pdf_bytes(user_password, method="RC4", text="Test galley"):
    """A PDF encrypted with an owner password; ``user_password`` "" opens without one."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, text)
    pdf.set_encryption(
        owner_password="owner-secret",
        user_password=user_password,
        encryption_method=EncryptionMethod[method],
    )
    return bytes(pdf.output())


def pdf_upload(name="paper.pdf", text="Test galley"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def make_galley(article, **fields):
    galley = Galley(article=article, label="PDF", language=article.language, **fields)
    galley.file.save("paper.pdf", io.BytesIO(pdf_bytes()), save=False)
    galley.save()
    return galley


def make_full_article(authors=3, references=14, **fields):
    """An article with authors, keywords in both languages, references and a PDF."""
    article = make_article(doi=f"10.5555/test.{next(sequence)}", **fields)
    for index in range(authors):
        make_author(
            article,
            family_name=f"王{index}",
            given_name="明",
            family_name_en=f"Wang{index}",
            given_name_en="Ming",
            orcid="0000-0002-1825-0097" if index == 0 else "",
            affiliations=[f"示例大学{index % 2}"],
            is_corresponding=index == 0,
        )
    for index in range(references):
        make_reference(
            article, raw_text=f"Author {index}. Title {index}[J]. Journal, 2020, 1(1): 1-2."
        )
    set_keywords(article=article, language="zh-hans", keywords="协同治理；社会组织、政府购买服务")
    set_keywords(
        article=article, language="en", keywords="collaborative governance; social organizations"
    )
    make_galley(article)
    return article
