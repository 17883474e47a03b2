"""Import an OJS export in the admin (Journals → Import from OJS): upload, see a dry-run
preview, then confirm.

The upload is kept on the server between preview and confirmation (it may weigh
hundreds of megabytes), under a random token that only the uploader's session knows.
The preview is the real import rolled back, so it shows exactly what confirming will
create, update and leave unchanged. An editor may import only into the journals they
edit; linked files (``href``) are fetched only from public hosts.
"""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from articles.importer import ImportFailed
from articles.models import Article
from articles.ojs_import import import_ojs
from journal.admin_scope import editable_journal_ids
from journal.models import Journal

SESSION_KEY = "ojs_imports"
STALE_SECONDS = 24 * 3600
PREVIEW_ROWS = 200
PREVIEW_NOTES = 50


def upload_dir():
    directory = Path(settings.OJS_IMPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def forget_stale_uploads():
    """Delete uploads previewed and never confirmed, a day on."""
    for stale in upload_dir().glob("*.xml"):
        if stale.stat().st_mtime < time.time() - STALE_SECONDS:
            stale.unlink(missing_ok=True)


def may_import(admin_site, request):
    """Who may add articles may import them, into the journals they edit."""
    return admin_site.get_model_admin(Article).has_add_permission(request)


class OjsImportForm(forms.Form):
    journal = forms.ModelChoiceField(label=_("Import into"), queryset=Journal.objects.none())
    file = forms.FileField(
        label=_("OJS export"),
        required=False,
        help_text=_(
            "The XML file OJS writes under Tools → Import/Export → Native XML Plugin"
            " (issues, with their articles and files)."
        ),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, journals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journal"].queryset = journals

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > settings.OJS_IMPORT_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s MB; an upload may weigh %(limit)s MB. Import a larger"
                    " export on the server: manage.py import_ojs FILE --journal SLUG."
                )
                % {
                    "size": round(upload.size / 1048576, 1),
                    "limit": round(settings.OJS_IMPORT_MAX_UPLOAD_SIZE / 1048576),
                }
            )
        if not upload and not data.get("token"):
            raise forms.ValidationError(_("Choose a file to import."))
        return data


class OjsImportView(View):
    model_admin = None
    template_name = "admin/journal/journal/import_ojs.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(self.model_admin.admin_site, request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def journals(request):
        if request.user.is_superuser:
            return Journal.objects.all()
        return Journal.objects.filter(pk__in=editable_journal_ids(request))

    def render(self, request, form, report=None, errors=None):
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Import from OJS"),
            "opts": self.model_admin.model._meta,
            "form": form,
            "report": report,
            "rows": report.results[:PREVIEW_ROWS] if report else [],
            "notes": report.notes[:PREVIEW_NOTES] if report else [],
            "more_notes": max(len(report.notes) - PREVIEW_NOTES, 0) if report else 0,
            "errors": errors or [],
        }
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        return self.render(request, OjsImportForm(journals=self.journals(request)))

    def post(self, request):
        form = OjsImportForm(request.POST, request.FILES, journals=self.journals(request))
        if not form.is_valid():
            return self.render(request, form)
        journal = form.cleaned_data["journal"]
        uploads = request.session.get(SESSION_KEY, {})
        upload = form.cleaned_data.get("file")
        if upload:
            forget_stale_uploads()
            token = secrets.token_urlsafe(24)
            with open(upload_dir() / f"{token}.xml", "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            uploads[token] = journal.pk
            request.session[SESSION_KEY] = uploads
        else:
            token = form.cleaned_data["token"]
            if uploads.get(token) != journal.pk or not (upload_dir() / f"{token}.xml").exists():
                form.add_error(None, _("This preview has expired: choose the file again."))
                return self.render(request, form)
        path = upload_dir() / f"{token}.xml"
        confirm = "_confirm" in request.POST and not upload
        journals = None if request.user.is_superuser else editable_journal_ids(request)
        try:
            report = import_ojs(path, journal=journal, journals=journals, dry_run=not confirm)
        except ImportFailed as failure:
            self.forget(request, token)
            fresh = OjsImportForm(journals=self.journals(request), initial={"journal": journal})
            return self.render(request, fresh, errors=failure.errors)
        if not confirm:
            preview = OjsImportForm(
                journals=self.journals(request), initial={"journal": journal, "token": token}
            )
            return self.render(request, preview, report=report)
        self.forget(request, token)
        self.model_admin.message_user(
            request,
            ngettext(
                "OJS import into “%(journal)s”: %(created)d article created, %(updated)d updated,"
                " %(unchanged)d unchanged.",
                "OJS import into “%(journal)s”: %(created)d articles created, %(updated)d updated,"
                " %(unchanged)d unchanged.",
                report.created,
            )
            % {
                "journal": journal,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
            messages.SUCCESS,
        )
        return redirect(
            reverse("admin:articles_article_changelist") + f"?journal__id__exact={journal.pk}"
        )

    @staticmethod
    def forget(request, token):
        (upload_dir() / f"{token}.xml").unlink(missing_ok=True)
        uploads = request.session.get(SESSION_KEY, {})
        if uploads.pop(token, None) is not None:
            request.session[SESSION_KEY] = uploads
