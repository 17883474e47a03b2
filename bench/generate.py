"""Generate N synthetic published articles of realistic size into a bench database.

Each article: 3 authors (with affiliations), 5 keywords per language, 20 references,
1,500-character abstracts in Chinese and English; 50 articles per issue, 3 sections.
Rows go in with bulk_create, so 100,000 articles take minutes, not hours.

Usage::

    .venv/bin/python bench/generate.py 10000      # writes bench/data/bench-10000.sqlite3

DATABASE_URL overrides the file. The database is emptied first.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import database_path, setup_django  # noqa: E402

PER_ISSUE = 50
# The first issue holds 10 articles at every N, so the bench compares the same table
# of contents at N = 10 and at N = 100,000 (only the database around it grows).
FIRST_ISSUE = 10
AUTHORS = 3
KEYWORDS = 5
REFERENCES = 20
ABSTRACT_CHARS = 1500
BATCH = 2000

ZH_WORDS = (
    "协同治理 社会组织 政府购买服务 公共服务 基层治理 数字政府 制度创新 合作机制 "
    "地方政府 政策执行 社区参与 资源依赖 组织合法性 治理能力 公共价值 绩效评估"
).split()
EN_WORDS = (
    "governance collaboration public services social organisations local government "
    "policy implementation community participation resource dependence legitimacy "
    "capacity value performance evaluation institutional innovation accountability"
).split()
ZH_FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
ZH_GIVEN = "明华伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀英"


def zh_text(rng, chars):
    text = ""
    while len(text) < chars:
        text += "".join(rng.sample(ZH_WORDS, 6)) + "，" + "".join(rng.sample(ZH_WORDS, 4)) + "。"
    return text[:chars]


def en_text(rng, chars):
    text = ""
    while len(text) < chars:
        text += " ".join(rng.sample(EN_WORDS, 8)).capitalize() + ". "
    return text[:chars].strip()


def issue_place(index):
    """(issue number from 0, position in it) of the index-th article."""
    if index < FIRST_ISSUE:
        return 0, index
    issue, position = divmod(index - FIRST_ISSUE, PER_ISSUE)
    return issue + 1, position


def generate(n, seed=1):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag

    from articles.models import (
        Affiliation,
        Article,
        ArticleKeyword,
        Author,
        Reference,
        Status,
    )
    from journal.cache import content_changed
    from journal.models import Issue, Journal, Section
    from oai.models import refresh_datestamps

    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    with connection.cursor() as cursor:  # bulk loading: the file is rebuilt on failure anyway
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")

    with transaction.atomic():
        journal = Journal.objects.create(
            slug="bench",
            title_zh="公共管理评论",
            title_en="Public Administration Review (bench)",
            publisher="Bench Academic Press",
            issn_online="2096-1235",
            licence_terms_zh="版权归作者所有。",
            licence_terms_en="Copyright is retained by the authors.",
        )
        sections = [
            Section.objects.create(
                journal=journal, slug=slug, title_zh=zh, title_en=en, order=order
            )
            for order, (slug, zh, en) in enumerate(
                [
                    ("research", "研究论文", "Research"),
                    ("review", "综述", "Reviews"),
                    ("notes", "研究札记", "Notes"),
                ]
            )
        ]
        issue_count = 1 + max(0, -(-(n - FIRST_ISSUE) // PER_ISSUE))
        today = timezone.localdate()
        issues = Issue.objects.bulk_create(
            Issue(
                journal=journal,
                volume=index // 6 + 1,
                number=str(index % 6 + 1),
                year=(today - timedelta(days=issue_count - index)).year,
                publication_date=today - timedelta(days=issue_count - index),
                is_published=True,
            )
            for index in range(issue_count)
        )
        affiliations = Affiliation.objects.bulk_create(
            Affiliation(name=f"示例大学{index}公共管理学院", name_en=f"Example University {index}")
            for index in range(500)
        )
        zh_tags = Tag.objects.bulk_create(
            Tag(name=f"{rng.choice(ZH_WORDS)}{index}", slug=f"zh-{index}") for index in range(3000)
        )
        en_tags = Tag.objects.bulk_create(
            Tag(name=f"{rng.choice(EN_WORDS)} {index}", slug=f"en-{index}") for index in range(3000)
        )

    now = timezone.now()
    through = Author.affiliations.through
    for start in range(0, n, BATCH):
        with transaction.atomic():
            articles = []
            for index in range(start, min(n, start + BATCH)):
                issue_index, position = issue_place(index)
                issue = issues[issue_index]
                articles.append(
                    Article(
                        journal=journal,
                        issue=issue,
                        section=sections[position % 3],
                        language="zh-hans" if index % 4 else "en",
                        title_zh=zh_text(rng, 28),
                        title_en=en_text(rng, 90),
                        abstract_zh=zh_text(rng, ABSTRACT_CHARS),
                        abstract_en=en_text(rng, ABSTRACT_CHARS),
                        doi=f"10.5555/bench.{index + 1}",
                        first_page=str(position * 20 + 1),
                        last_page=str(position * 20 + 19),
                        status=Status.PUBLISHED,
                        published_at=now - timedelta(days=n - index, hours=1),
                    )
                )
            articles = Article.objects.bulk_create(articles)
            authors = Author.objects.bulk_create(
                Author(
                    article=article,
                    order=order,
                    family_name=rng.choice(ZH_FAMILY),
                    given_name=rng.choice(ZH_GIVEN),
                    family_name_en="Wang",
                    given_name_en="Ming",
                    orcid="0000-0002-1825-0097" if order == 0 else "",
                    is_corresponding=order == 0,
                )
                for article in articles
                for order in range(AUTHORS)
            )
            through.objects.bulk_create(
                through(author_id=author.pk, affiliation_id=rng.choice(affiliations).pk)
                for author in authors
            )
            ArticleKeyword.objects.bulk_create(
                ArticleKeyword(content_object=article, tag=tag, language=language, order=order)
                for article in articles
                for language, pool in (("zh-hans", zh_tags), ("en", en_tags))
                for order, tag in enumerate(rng.sample(pool, KEYWORDS))
            )
            Reference.objects.bulk_create(
                Reference(
                    article=article,
                    order=order,
                    raw_text=(
                        f"{rng.choice(ZH_FAMILY)}{rng.choice(ZH_GIVEN)}. {zh_text(rng, 20)}[J]. "
                        f"公共管理学报, {2000 + order}, {order % 12 + 1}(2): "
                        f"{order + 1}-{order + 15}."
                    )
                    if order % 2
                    else (
                        f"Ansell C, Gash A. {en_text(rng, 70)}[J]. Journal of Public "
                        f"Administration Research and Theory, {1990 + order}, 18(4): 543-571. "
                        f"doi:10.1093/jopart/mum{order:03d}"
                    ),
                    doi="" if order % 2 else f"10.1093/jopart/mum{order:03d}",
                )
                for article in articles
                for order in range(REFERENCES)
            )
    call_command("rebuild_search_index", verbosity=0)
    refresh_datestamps()  # bulk_create sends no post_save: OAI's stored datestamps
    content_changed()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    args = parser.parse_args(argv)
    setup_django(args.n)
    started = time.perf_counter()
    generate(args.n)
    seconds = time.perf_counter() - started
    print(f"{args.n} articles in {seconds:.1f} s -> {database_path(args.n)}")
    return seconds


if __name__ == "__main__":
    main()
