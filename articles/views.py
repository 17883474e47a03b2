from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import jats
from articles.citation import csl_export, csl_item
from articles.exports import FORMATS
from articles.landing import (
    CITATIONS_PENDING_SECONDS,
    citation_widget,
    landing_parts,
    without_indentation,
)
from articles.models import Article, Galley
from articles.signals import galley_downloaded
from journal.cache import is_staff_request, public_page
from journal.context_processors import base_url
from journal.models import Issue, Journal


def public_articles(request):
    """What a request may see: editors preview their journals' drafts, others the published.

    Only a request with a session cookie is looked at as a possible editor, so that
    anonymous readers never load a session (no cookie, no Vary: Cookie).
    """
    if is_staff_request(request):
        editable = Journal.objects.edited_by(request.user)
        return Article.objects.published() | Article.objects.filter(journal__in=editable)
    return Article.objects.published()


@method_decorator(public_page, name="dispatch")
class LandingView(DetailView):
    """The shell around the article's parts, which ``articles.landing`` keeps cached."""

    template_name = "articles/landing.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        # The shell's article: its row and its journal (header, footer, citation styles);
        # the rest is read only when its parts are rendered (articles.landing).
        return get_object_or_404(
            public_articles(self.request).select_related("journal"),
            journal__slug=self.kwargs["journal"],
            pk=self.kwargs["article"],
        )

    def get_context_data(self, **kwargs):
        article = self.object
        staff = is_staff_request(self.request)
        parts = landing_parts(
            self.request,
            article,
            self.request.GET.get("style"),
            cacheable=not staff,  # readers are shown public articles only
        )
        return super().get_context_data(
            journal=article.journal,
            is_preview=staff and not article.is_public,
            parts=parts,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.add_post_render_callback(without_indentation)
        if context["parts"].citations_pending:
            # "Being prepared": the citations render in another process after the save,
            # whose cache bump a local-memory cache never sees. Cached only briefly, so
            # the page shows them as soon as they are stored.
            response.page_cache_timeout = CITATIONS_PENDING_SECONDS
        return response


def cite_fragment(request, journal, article):
    """The widget's citation for ``?style=``, for the in-place switch (404 if not offered)."""
    article = get_object_or_404(
        public_articles(request).for_landing_page(), journal__slug=journal, pk=article
    )
    requested = request.GET.get("style", "")
    if requested not in {style.id for style in article.journal.offered_citation_styles}:
        raise Http404("This journal offers no such citation style.")
    return render(
        request,
        "articles/includes/cite_entries.html",
        {"article": article, "cite": citation_widget(article, requested)},
    )


def citation_download(request, journal, article, extension):
    """The article as RIS, BibTeX or EndNote, from the same CSL item as everything else."""
    article = get_object_or_404(
        public_articles(request).for_landing_page(), journal__slug=journal, pk=article
    )
    export = FORMATS[extension]
    body = export.write(csl_item(article, base_url=base_url(request)))
    response = HttpResponse(body, content_type=f"{export.content_type}; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="article-{article.pk}.{export.extension}"'
    )
    return response


def galley_download(request, journal, article, galley):
    """The galley's file, for the articles this request may see (drafts: their editors)."""
    galley = get_object_or_404(
        Galley.objects.select_related("article__journal"),
        pk=galley,
        article__in=public_articles(request).filter(journal__slug=journal, pk=article),
    )
    try:
        handle = galley.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file of this galley is missing.") from error
    galley_downloaded.send(sender=Galley, request=request, article_id=galley.article_id)
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=False,
        filename=galley.download_name,
    )
    # A PDF and nothing else: never sniffed as a page, and sandboxed (no scripts, no
    # access to this origin) should a browser render it as one all the same.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@public_page
def csl_json(request, journal, article):
    article = get_object_or_404(
        public_articles(request).for_landing_page(), journal__slug=journal, pk=article
    )
    response = JsonResponse(
        [csl_export(article, base_url=base_url(request))],
        safe=False,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
        content_type="application/vnd.citationstyles.csl+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="article-{article.pk}.json"'
    return response


@public_page
def jats_xml(request, journal, article):
    """The article as JATS 1.3 (Journal Publishing), for indexers and archives."""
    article = get_object_or_404(
        public_articles(request).for_landing_page(), journal__slug=journal, pk=article
    )
    response = HttpResponse(
        jats.article_xml(article, base_url=base_url(request)),
        content_type="application/jats+xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="article-{article.pk}.xml"'
    return response


@method_decorator(public_page, name="dispatch")
class KeywordView(ListView):
    template_name = "articles/keyword.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.keyword = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().with_keyword(self.keyword).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(keyword=self.keyword, **kwargs)


def issue_feed_by_volume_and_number(request, journal, volume, number, kind):
    """An issue feed's URL of before #15 (/issues/3/2/feed/rss/): a permanent redirect."""
    issue = (
        Issue.objects.published()
        .filter(journal__slug=journal)
        .numbered(volume=volume, number=number)
        .first()
    )
    if issue is None:
        raise Http404(_("No such issue."))
    return redirect(f"articles:issue_feed_{kind}", journal=journal, issue=issue.pk, permanent=True)
