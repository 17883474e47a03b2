"""Folding pending hits into daily counts (``manage.py flush_stats``)."""

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from stats.models import ArticleUsage, DailyCount, Hit, Kind, recent_window

COUNTED_FIELDS = ["views", "downloads", "unique_investigations", "unique_requests"]


def flush_hits():
    """Add every pending hit to its article's daily count; return how many hits were folded.

    One transaction: hits that arrive meanwhile (higher ids) wait for the next flush.
    """
    with transaction.atomic():
        last = Hit.objects.aggregate(last=Max("pk"))["last"]
        if last is None:
            refresh_recent_readers()
            return 0
        pending = Hit.objects.filter(pk__lte=last)
        sums = list(
            pending.values("article_id", "date")
            .order_by()
            .annotate(
                views=Count("pk", filter=Q(kind=Kind.VIEW)),
                downloads=Count("pk", filter=Q(kind=Kind.DOWNLOAD)),
                unique_investigations=Count("pk", filter=Q(unique_investigation=True)),
                unique_requests=Count("pk", filter=Q(unique_request=True)),
                hits=Count("pk"),
            )
        )
        existing = {
            (row.article_id, row.date): row
            for row in DailyCount.objects.filter(
                article_id__in={s["article_id"] for s in sums},
                date__in={s["date"] for s in sums},
            )
        }
        rows = []
        for s in sums:
            old = existing.get((s["article_id"], s["date"]))
            rows.append(
                DailyCount(
                    article_id=s["article_id"],
                    date=s["date"],
                    **{f: s[f] + (getattr(old, f) if old else 0) for f in COUNTED_FIELDS},
                )
            )
        DailyCount.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["article", "date"],
            update_fields=COUNTED_FIELDS,
        )
        pending.delete()
        refresh_usage(article_ids={s["article_id"] for s in sums})
        refresh_recent_readers()
        return sum(s["hits"] for s in sums)


def refresh_usage(*, article_ids, today=None):
    """Rewrite the ArticleUsage summaries of these articles from their daily counts:
    totals, monthly counts, and the readers of the most-read window ending ``today``."""
    today = today or timezone.localdate()
    monthly = {article_id: {} for article_id in article_ids}
    for row in DailyCount.objects.filter(article_id__in=article_ids).by_article_and_month():
        key = row["month"].strftime("%Y-%m")
        monthly[row["article_id"]][key] = [row["views"], row["downloads"]]
    recent = dict(
        DailyCount.objects.filter(article_id__in=article_ids, date__gte=recent_window(today))
        .values("article_id")
        .order_by()
        .annotate(readers=Sum("unique_investigations"))
        .values_list("article_id", "readers")
    )
    ArticleUsage.objects.bulk_create(
        [
            ArticleUsage(
                article_id=article_id,
                views=sum(views for views, _downloads in months.values()),
                downloads=sum(downloads for _views, downloads in months.values()),
                monthly=months,
                recent_readers=recent.get(article_id, 0),
                recent_on=today,
            )
            for article_id, months in monthly.items()
        ],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["views", "downloads", "monthly", "recent_readers", "recent_on"],
    )


def refresh_recent_readers(today=None):
    """Sum again, once a day, the recent readers of the articles that had some: a day
    leaving the window lowers them though nobody read the article since."""
    today = today or timezone.localdate()
    stale = ArticleUsage.objects.filter(recent_readers__gt=0).exclude(recent_on=today)
    ids = list(stale.values_list("article_id", flat=True))
    for start in range(0, len(ids), 2000):
        refresh_usage(article_ids=ids[start : start + 2000], today=today)
