"""Benchmark search: latency of the results page over N synthetic published articles.

Builds (or reuses) a separate database with N articles in Chinese and English whose
titles, abstracts and author names draw on a fixed vocabulary, indexes them with the
same tokeniser as the site, then times the whole results page (view, queries and
template) through Django's test client, for a few queries.

Usage::

    .venv/bin/python bench/bench_search.py [--n 10000] [--runs 30] [--db /tmp/bench.sqlite3]
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_search.py --n 100000

The database is created on the first run for a given --n and reused after (--fresh rebuilds).
Prints a markdown table of p50/p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ZH_WORDS = (
    "治理 协同 社会 组织 政府 服务 基层 数字 转型 公共 政策 城市 乡村 社区 养老 医疗 教育 "
    "环境 生态 经济 发展 制度 创新 风险 应急 管理 财政 网络 平台 合作 信任 参与 责任 绩效 "
    "评估 改革 法治 文化 科技 人口 就业 住房 交通 能源 安全 数据 算法 伦理 市场 监管"
).split()
EN_WORDS = (
    "governance collaborative social organization government service community digital "
    "transformation public policy urban rural elderly care health education environment "
    "ecology economy development institution innovation risk emergency management fiscal "
    "network platform cooperation trust participation accountability performance evaluation "
    "reform rule law culture technology population employment housing transport energy "
    "security data algorithm ethics market regulation"
).split()
FAMILY = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗".split()
GIVEN = "明 华 伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 超 秀 霞".split()
PINYIN = dict(
    zip(
        FAMILY,
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu "
        "Guo He Gao Lin Luo".split(),
        strict=True,
    )
)
RARE_ZH, RARE_EN = "蝾螈", "axolotl"  # one article in 5,000 has these

QUERIES = {
    "治理 (common Chinese word)": "治理",
    "governance (common English word)": "governance",
    "digital transformation (2 words)": "digital transformation",
    "城市 交通 (2 Chinese words)": "城市 交通",
    "axolotl (rare term)": RARE_EN,
    "蝾螈 (rare Chinese term)": RARE_ZH,
}


def setup_django(db_path):
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_path}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")
    import django

    django.setup()


def populate(n, seed=1):
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Status
    from journal.models import Issue, Journal, Section
    from search.index import place_fields, token_string_from_texts
    from search.models import SearchEntry

    rng = random.Random(seed)
    journals = [
        Journal.objects.create(
            slug=f"bench-{j}",
            title_zh=f"基准期刊{j}",
            title_en=f"Bench Journal {j}",
            publisher="Bench",
        )
        for j in range(5)
    ]
    issues, sections = {}, {}
    for journal in journals:
        sections[journal.pk] = Section.objects.create(
            journal=journal, slug="research", title_zh="研究论文", title_en="Research"
        )
        for year in range(2005, 2026):
            for number in (1, 2, 3, 4):
                issues[(journal.pk, year, number)] = Issue(
                    journal=journal,
                    volume=year - 2004,
                    number=str(number),
                    year=year,
                    publication_date=date(year, number * 3, 1),
                    is_published=True,
                )
    Issue.objects.bulk_create(issues.values())
    issue_list = list(Issue.objects.all())
    now = timezone.now()
    batch = 2000
    for start in range(0, n, batch):
        articles, texts = [], []
        for i in range(start, min(n, start + batch)):
            issue = rng.choice(issue_list)
            zh_title = "".join(rng.sample(ZH_WORDS, 6))
            en_title = " ".join(rng.sample(EN_WORDS, 7)).capitalize()
            zh_abstract = "，".join("".join(rng.sample(ZH_WORDS, 5)) for _ in range(12)) + "。"
            en_abstract = ". ".join(" ".join(rng.sample(EN_WORDS, 10)) for _ in range(8)) + "."
            if i % 5000 == 17:
                zh_abstract += RARE_ZH
                en_abstract += " " + RARE_EN
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            articles.append(
                Article(
                    journal_id=issue.journal_id,
                    issue=issue,
                    section=sections[issue.journal_id],
                    language="zh-hans",
                    title_zh=zh_title,
                    title_en=en_title,
                    abstract_zh=f"<p>{zh_abstract}</p>",
                    abstract_en=f"<p>{en_abstract}</p>",
                    status=Status.PUBLISHED,
                    published_at=now - timedelta(days=rng.randint(1, 7000)),
                    first_page="1",
                    last_page="10",
                )
            )
            texts.append(
                [
                    zh_title,
                    en_title,
                    zh_abstract,
                    en_abstract,
                    family + given,
                    f"{given} {PINYIN[family]}",
                    *rng.sample(ZH_WORDS, 3),
                    *rng.sample(EN_WORDS, 3),
                ]
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
            SearchEntry.objects.bulk_create(
                SearchEntry(
                    article_id=article.pk,
                    tokens=token_string_from_texts(article_texts),
                    **place_fields(article),
                )
                for article, article_texts in zip(created, texts, strict=True)
            )
        print(f"  {start + len(articles):>7} articles", file=sys.stderr)


def exact_matches(query):
    """Every public match, counted (the page itself stops counting at 1,000)."""
    from search.query import match_clause, public_clause, run

    source, match, params = match_clause(query.tokens)
    public, public_params = public_clause()
    sql = f"SELECT COUNT(*) FROM {source} WHERE {match} AND {public}"
    return run(sql, [*params, *public_params])[0][0]


def machine():
    """CPU, cores and load average: the figures mean little without them on a shared host."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()}; load average {load}"


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per query")
    parser.add_argument("--db", help="SQLite file (default: /tmp/bench_search_<n>.sqlite3)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args(argv)

    db_path = Path(args.db or f"/tmp/bench_search_{args.n}.sqlite3")
    if args.fresh and db_path.exists():
        db_path.unlink()
    setup_django(db_path)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from search.query import Query

    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        started = time.perf_counter()
        populate(args.n)
        print(
            f"populated {args.n} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr
        )
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them in production (it may be off here).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count = Article.objects.count()

    client = Client()
    rows = []
    for label, query in QUERIES.items():
        url = f"/en/search/?q={query}"
        response = client.get(url)  # warm-up
        assert response.status_code == 200, response.status_code
        hits = exact_matches(Query.parse(query))
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        rows.append((label, hits, statistics.median(timings), percentile(timings, 0.95)))

    print(
        f"\n{count} articles, {connection.vendor}, {args.runs} requests per query "
        "(whole results page: view, SQL, template)\n"
    )
    print(f"Machine: {machine()} (after the runs)\n")
    print("| query | matches | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, hits, p50, p95 in rows:
        print(f"| {label} | {hits} | {p50 * 1000:.1f} | {p95 * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
