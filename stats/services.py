"""Folding pending hits into daily counts (``manage.py flush_stats``)."""

from django.db import transaction
from django.db.models import Count, Max, Q

from stats.models import DailyCount, Hit, Kind

COUNTED_FIELDS = ["views", "downloads", "unique_investigations", "unique_requests"]


def flush_hits():
    """Add every pending hit to its article's daily count; return how many hits were folded.

    One transaction: hits that arrive meanwhile (higher ids) wait for the next flush.
    """
    with transaction.atomic():
        last = Hit.objects.aggregate(last=Max("pk"))["last"]
        if last is None:
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
        return sum(s["hits"] for s in sums)
