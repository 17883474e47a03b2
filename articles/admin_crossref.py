"""The admin's Crossref deposit: the action on articles and issues, and the list column."""

from django.contrib import messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import crossref
from journal.context_processors import base_url


def download_deposit(model_admin, request, articles):
    """The Crossref deposit of ``articles`` as a file to upload (or None, with messages
    that say why); every article left out is named with its reason."""
    try:
        result = crossref.deposit(crossref.for_deposit(articles), base_url=base_url(request))
    except crossref.DepositError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return None
    if result.refused:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d article left out of the Crossref deposit: %(list)s",
                "%(count)d articles left out of the Crossref deposit: %(list)s",
                len(result.refused),
            )
            % {
                "count": len(result.refused),
                "list": "; ".join(
                    f"“{article.original_title}” (id {article.pk}): {reason}"
                    for article, reason in result.refused
                ),
            },
            messages.WARNING,
        )
    if not result.included:
        model_admin.message_user(
            request, _("No article to deposit: nothing was written."), messages.WARNING
        )
        return None
    crossref.record(result, sent=False)
    response = HttpResponse(result.xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="crossref-{result.batch_id}.xml"'
    return response


def deposit_state(article):
    """The admin list's "Crossref" column: never, or when, which batch, sent or downloaded."""
    try:
        made = article.crossref_deposit
    except crossref.CrossrefDeposit.DoesNotExist:
        return _("never")
    moment = date_format(timezone.localtime(made.deposited_at), "SHORT_DATETIME_FORMAT")
    if made.sent:
        return _("sent %(moment)s, batch %(batch)s") % {"moment": moment, "batch": made.batch_id}
    return _("downloaded %(moment)s, batch %(batch)s") % {
        "moment": moment,
        "batch": made.batch_id,
    }
