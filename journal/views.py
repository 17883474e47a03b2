import logging
import re
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article
from journal.cache import public_page
from journal.context_processors import base_url
from journal.images import IMAGE_DIRECTORY
from journal.models import Issue, Journal, Section
from scholarly.images import CONTENT_TYPES
from scholarly.languages import current_language
from stats.models import MOST_READ_DAYS, most_read

logger = logging.getLogger(__name__)


class JournalMixin:
    """Pages below /<journal>/: the journal is looked up once and shared."""

    def get_journal_queryset(self):
        return Journal.objects.all()

    def get_journal(self):
        if not hasattr(self, "_journal"):
            self._journal = get_object_or_404(
                self.get_journal_queryset(), slug=self.kwargs["journal"]
            )
        return self._journal

    def get_context_data(self, **kwargs):
        # TemplateView passes the URL's slug as "journal": the object replaces it.
        kwargs["journal"] = self.get_journal()
        return super().get_context_data(**kwargs)


@method_decorator(public_page, name="dispatch")
class PublisherView(TemplateView):
    template_name = "journal/publisher.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            journals=Journal.objects.for_publisher_page(),
            latest_articles=Article.objects.published().for_listing()[:10],
            **kwargs,
        )


@method_decorator(public_page, name="dispatch")
class JournalHomeView(JournalMixin, TemplateView):
    template_name = "journal/home.html"

    def get_context_data(self, **kwargs):
        journal = self.get_journal()
        current_issue = Issue.objects.for_archive(journal).first()
        articles = Article.objects.for_issue_toc(current_issue) if current_issue else []
        published = Article.objects.published().filter(journal=journal)
        language = current_language()
        card = (current_issue and current_issue.social_card(language)) or journal.social_card(
            language
        )
        return super().get_context_data(
            social_card=card,
            current_issue=current_issue,
            articles=articles,
            latest_articles=published.for_listing()[:5],
            most_read=most_read(published.with_places()),
            most_read_days=MOST_READ_DAYS,
            **kwargs,
        )


@method_decorator(public_page, name="dispatch")
class AboutView(JournalMixin, TemplateView):
    """Everything DOAJ asks a journal site to state, on one page with anchored sections.

    One page rather than eight: a reader (or a DOAJ reviewer) reads the journal's
    policies in one place, each section still has its own link (#anchor) from the
    home page, and the sitemap and cache have one URL per language to keep.
    """

    template_name = "journal/about.html"

    def get_journal_queryset(self):
        return Journal.objects.for_about_page()


@method_decorator(public_page, name="dispatch")
class ArchiveView(JournalMixin, ListView):
    template_name = "journal/archive.html"
    context_object_name = "issues"
    # A page of issues, newest first, grouped by year: a journal of 2,000 issues no
    # longer renders them all on one page (196 ms at 100,000 articles, #18).
    paginate_by = 60

    def get_queryset(self):
        return Issue.objects.for_archive(self.get_journal())


@method_decorator(public_page, name="dispatch")
class IssueView(DetailView):
    template_name = "journal/issue.html"
    context_object_name = "issue"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Issue.objects.published().select_related("journal"),
            journal__slug=self.kwargs["journal"],
            pk=self.kwargs["issue"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            journal=self.object.journal,
            articles=Article.objects.for_issue_toc(self.object),
            **kwargs,
        )


def issue_by_volume_and_number(request, journal, volume, number):
    """/issues/3/2/, the URL of volume 3 number 2 before issue URLs carried the id: a
    permanent redirect to the issue's page, for the links and bookmarks made before."""
    issue = (
        Issue.objects.published()
        .filter(journal__slug=journal)
        .numbered(volume=volume, number=number)
        .select_related("journal")
        .first()
    )
    if issue is None:
        raise Http404(_("No such issue."))
    return redirect(issue, permanent=True)


@method_decorator(public_page, name="dispatch")
class SectionView(ListView):
    template_name = "journal/section.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(
            Section.objects.select_related("journal"),
            journal__slug=self.kwargs["journal"],
            slug=self.kwargs["section"],
        )
        return Article.objects.published().filter(section=self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, journal=self.section.journal, **kwargs
        )


@require_GET
def robots_txt(request):
    sitemap = base_url(request) + reverse("sitemap_index")
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database and the cache answer, else 503."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    report = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return JsonResponse(report, status=200 if all(checks.values()) else 503)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return False


def _cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
        return ok
    except Exception:  # any backend's connection error
        logger.exception("Health check: cache unreachable")
        return False


STORED_IMAGE_RE = re.compile(r"[0-9a-f]{20}-[0-9]{1,5}\.(webp|jpg|png|svg)")
# A name or URL that carries its content never changes: browsers keep it a year.
IMMUTABLE = "public, max-age=31536000, immutable"


@require_safe
def stored_image(request, name):
    """An image written by journal.images, by its content-hashed name (404 otherwise).

    Only those names: nothing else in MEDIA_ROOT (galleys of drafts) is reachable here.
    """
    match = STORED_IMAGE_RE.fullmatch(name)
    if not match:
        raise Http404("No such image.")
    try:
        handle = default_storage.open(f"{IMAGE_DIRECTORY}/{name}", "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("No such image.") from error
    response = FileResponse(handle, content_type=CONTENT_TYPES[match.group(1)])
    response["Cache-Control"] = IMMUTABLE
    if match.group(1) == "svg":
        # Checked at upload to run nothing; opened on its own it still may not.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
