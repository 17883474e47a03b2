from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.citation import csl_export
from articles.metadata import article_metadata
from articles.models import Article, Galley
from journal.cache import is_staff_request, public_page
from journal.context_processors import base_url


def public_articles(request):
    """What a request may see: staff preview drafts, everyone else the published."""
    if is_staff_request(request):
        return Article.objects.all()
    return Article.objects.published()


@method_decorator(public_page, name="dispatch")
class LandingView(DetailView):
    template_name = "articles/landing.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(
            public_articles(self.request).for_landing_page(),
            journal__slug=self.kwargs["journal"],
            pk=self.kwargs["article"],
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            journal=article.journal,
            is_preview=not article.is_public,
            meta=article_metadata(article, base_url=base_url(self.request)),
            **kwargs,
        )


def galley_download(request, journal, article, galley):
    galley = get_object_or_404(
        Galley.objects.select_related("article__journal"),
        pk=galley,
        article__in=public_articles(request).filter(journal__slug=journal, pk=article),
    )
    try:
        handle = galley.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file of this galley is missing.") from error
    return FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=False,
        filename=galley.download_name,
    )


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
