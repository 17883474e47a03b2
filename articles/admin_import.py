"""Import CSL-JSON in the admin: upload, see a dry-run preview, then confirm.

The preview is the real import run inside a transaction that is rolled back, so
it shows exactly what confirming will create and update. The confirmation posts
the same file text back and imports it for real, again all or nothing. An editor
may import only into the journals they edit.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from articles.importer import ImportFailed, import_items, load_items
from journal.admin_scope import editable_journal_ids

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSL-JSON file"),
        required=False,
        help_text=_("As Zotero or Crossref export it, or this site's cite.json."),
    )
    content = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_IMPORT_BYTES:
                raise forms.ValidationError(_("The file is larger than 5 MB."))
            try:
                data["content"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        if not data.get("content"):
            raise forms.ValidationError(_("Choose a file to import."))
        return data


class DryRun(Exception):
    """Raised to roll the preview back."""


def run_import(content, request, *, dry_run):
    """Import (or preview) the file's items; an editor's journals only."""
    items = load_items(content)
    journals = None if request.user.is_superuser else editable_journal_ids(request)
    try:
        with transaction.atomic():
            results = import_items(items, journals=journals)
            rows = [
                {
                    "title": str(result.article),
                    "journal": str(result.article.journal),
                    "issue": str(result.article.issue or "—"),
                    "doi": result.article.doi,
                    "status": result.article.get_status_display(),
                    "created": result.created,
                    "notes": result.notes,
                }
                for result in results
            ]
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return rows


class ImportView(View):
    model_admin = None
    template_name = "admin/articles/article/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, rows=None, errors=None):
        opts = self.model_admin.model._meta
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Import articles from CSL-JSON"),
            "opts": opts,
            "form": form,
            "rows": rows,
            "created": sum(1 for row in rows or [] if row["created"]),
            "updated": sum(1 for row in rows or [] if not row["created"]),
            "errors": errors or [],
        }
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        return self.render(request, ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form)
        content = form.cleaned_data["content"]
        confirm = "_confirm" in request.POST and not form.cleaned_data.get("file")
        try:
            rows = run_import(content, request, dry_run=not confirm)
        except ImportFailed as failure:
            return self.render(request, ImportForm(), errors=failure.errors)
        if not confirm:
            return self.render(request, ImportForm(initial={"content": content}), rows=rows)
        self.model_admin.message_user(
            request,
            ngettext("%(count)d article imported.", "%(count)d articles imported.", len(rows))
            % {"count": len(rows)},
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_changelist")
