"""Deciding whether a view or a download counts, by the COUNTER Release 5 rules.

The hot path is the view beacon (``/stats/view/<id>/``, a separate request that the
landing page's JavaScript sends, so a cached landing page still counts) and the galley
download view. Per request it does, in order, and stops at the first "no":

1. Do-Not-Track (``DNT: 1``) or Global Privacy Control (``Sec-GPC: 1``): not counted.
2. Robots and machines: the user agent is matched against the COUNTER-Robots list
   (the ``counter-robots`` package, whose patterns are compiled once per process).
3. Double click: the same visitor and item and action within 30 seconds counts once
   (``cache.add`` with a 30-second timeout).
4. Unique: COUNTER's session without a session cookie is "user + date + hour of day";
   the first Investigation (and first Request) of an item in a session is unique
   (``cache.add`` for an hour).
5. One narrow ``INSERT`` of a ``Hit`` row (no IP, no user agent, no hash).

The visitor is ``sha256(salt + IP + user agent)``, where the salt is an HMAC of the date
under ``SECRET_KEY``: it changes every day, is the same in every worker process, and
the hash itself lives only in cache keys that expire within an hour. With the per-process
local-memory cache, double clicks and uniqueness are per worker; a shared cache (e.g.
Redis or the database cache) makes them exact across workers.
"""

import hashlib
import hmac
from functools import lru_cache

from counter_robots import is_robot_or_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from stats.models import Hit, Kind

DOUBLE_CLICK_SECONDS = 30
SESSION_SECONDS = 60 * 60
PUBLIC_CHECK_SECONDS = 5 * 60


def opted_out(request):
    """Do-Not-Track or Global Privacy Control."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def is_robot(user_agent):
    return is_robot_or_machine(user_agent)


@lru_cache(maxsize=4)
def daily_salt(day):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"stats-visitor-salt:{day.isoformat()}".encode(), "sha256"
    ).digest()


def visitor_hash(ip, user_agent, day):
    digest = hashlib.sha256(daily_salt(day))
    digest.update(f"{ip}\n{user_agent}".encode(errors="replace"))
    return digest.hexdigest()[:32]


def countable(request):
    """True unless the reader opted out or the user agent is a robot or a machine."""
    return not opted_out(request) and not is_robot(request.headers.get("User-Agent", ""))


def is_public_article(article_id):
    """Whether the beacon's article is public, remembered for five minutes per id."""
    key = f"stats:public:{article_id}"
    public = cache.get(key)
    if public is None:
        public = Article.objects.published().filter(pk=article_id).exists()
        cache.set(key, public, PUBLIC_CHECK_SECONDS)
    return public


def first_click(key, timestamp):
    """False for a double click: the same key counted less than 30 seconds before.

    ``cache.add`` alone decides on the hot path; the stored time is read only when the key
    exists (it settles a clock that differs from the cache's, as in tests).
    """
    if cache.add(key, timestamp, DOUBLE_CLICK_SECONDS):
        return True
    previous = cache.get(key)
    if previous is not None and 0 <= timestamp - previous < DOUBLE_CLICK_SECONDS:
        return False
    cache.set(key, timestamp, DOUBLE_CLICK_SECONDS)
    return True


def record(request, article_id, kind, *, now=None):
    """Count one view or download of an article if COUNTER says so; True if counted.

    The caller has checked that the article is public.
    """
    if not countable(request):
        return False
    local = timezone.localtime(now)
    day = local.date()
    visitor = visitor_hash(
        request.META.get("REMOTE_ADDR", ""), request.headers.get("User-Agent", ""), day
    )
    if not first_click(f"stats:click:{kind}:{article_id}:{visitor}", local.timestamp()):
        return False
    session = f"{visitor}:{local:%H}"
    unique_investigation = cache.add(f"stats:inv:{article_id}:{session}", 1, SESSION_SECONDS)
    unique_request = kind == Kind.DOWNLOAD and cache.add(
        f"stats:req:{article_id}:{session}", 1, SESSION_SECONDS
    )
    Hit.objects.create(
        article_id=article_id,
        date=day,
        kind=kind,
        unique_investigation=unique_investigation,
        unique_request=unique_request,
    )
    return True


def record_download(request, article_id):
    """The galley view's one call: a GET of the full text is a COUNTER Request."""
    if request.method != "GET":
        return False
    return record(request, article_id, Kind.DOWNLOAD)
