"""Editors see and edit only their own journals in the admin.

A superuser manages everything. Any other active staff user is an editor of the
journals whose ``editors`` include them, and of nothing else: the lists, the
autocompletes, the foreign-key choices and every object URL are limited to those
journals. No Django model permissions need to be granted; belonging to a journal
is the role. An object of another journal answers 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from journal.models import Issue, Journal, Section


def editable_journal_ids(request):
    """The ids of the journals this request's user edits, read once per request."""
    if not hasattr(request, "_editable_journal_ids"):
        request._editable_journal_ids = frozenset(
            Journal.objects.edited_by(request.user).values_list("pk", flat=True)
        )
    return request._editable_journal_ids


def is_editor(request):
    user = request.user
    return user.is_active and user.is_staff and bool(editable_journal_ids(request))


def journal_scope(path, request):
    """A Q object keeping the rows whose journal (reached by ``path``) the user edits."""
    return Q(**{f"{path}__in" if path else "pk__in": editable_journal_ids(request)})


def journal_id_of(obj, path):
    """Follow ``path`` ("journal", "article__journal", "" for a journal) to a journal id."""
    if not path:
        return obj.pk
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step)
    return getattr(obj, f"{last}_id")


class JournalScopedAdmin:
    """ModelAdmin mixin: ``journal_path`` leads from the model to its journal."""

    journal_path = "journal"
    editors_may_add = True
    editors_may_delete = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(journal_scope(self.journal_path, request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not request.user.is_superuser:
            # It may exist in another journal: refuse rather than say it is gone.
            unscoped = super().get_queryset(request)
            opts = self.model._meta
            field = opts.pk if from_field is None else opts.get_field(from_field)
            try:
                exists = unscoped.filter(**{field.name: field.to_python(object_id)}).exists()
            except (ValueError, TypeError, ValidationError):
                return None
            if exists:
                raise PermissionDenied
        return obj

    def in_scope(self, request, obj):
        if request.user.is_superuser:
            return True
        if not is_editor(request):
            return False
        return obj is None or journal_id_of(obj, self.journal_path) in editable_journal_ids(request)

    def has_module_permission(self, request):
        return request.user.is_superuser or is_editor(request)

    def has_view_permission(self, request, obj=None):
        return self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.in_scope(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser or (self.editors_may_add and is_editor(request))

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser or (
            self.editors_may_delete and self.in_scope(request, obj)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            scoped = {Journal: "", Issue: "journal", Section: "journal"}
            if db_field.related_model in scoped:
                kwargs["queryset"] = db_field.related_model.objects.filter(
                    journal_scope(scoped[db_field.related_model], request)
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class JournalScopedInline:
    """InlineModelAdmin mixin: an editor edits the parts of their own journal's objects.

    ``parent_journal_path`` leads from the parent object (an article, or the journal
    itself: "") to its journal.
    """

    parent_journal_path = "journal"

    def allowed(self, request, obj):
        if request.user.is_superuser:
            return True
        if not is_editor(request):
            return False
        return obj is None or (
            journal_id_of(obj, self.parent_journal_path) in editable_journal_ids(request)
        )

    def has_view_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.allowed(request, obj)


class SharedForEditorsAdmin:
    """ModelAdmin mixin for rows every editor shares (affiliations): view, add, change."""

    def has_module_permission(self, request):
        return request.user.is_superuser or is_editor(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_editor(request)

    def has_add_permission(self, request):
        return request.user.is_superuser or is_editor(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or is_editor(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
