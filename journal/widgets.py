"""Admin autocomplete widgets that survive a hostile POST.

Django's autocomplete widgets re-render a rejected form by looking up the submitted ids;
an id that is not a number (or does not fit in a 64-bit column) raised ValueError or
OverflowError there, a 500 instead of the form's "Select a valid choice" message.
These drop such ids before the lookup; the form still reports them as invalid.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

BIGINT = 2**63


class SafeAutocompleteMixin:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._storable(v)], attr)

    def _storable(self, value):
        if value in (None, ""):
            return True
        remote = self.field.remote_field
        opts = remote.model._meta
        to_field = getattr(remote, "field_name", None)  # ManyToManyRel has none
        target = opts.get_field(to_field) if to_field else opts.pk
        try:
            python = target.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        return not isinstance(python, int) or -BIGINT <= python < BIGINT


class SafeAutocompleteSelect(SafeAutocompleteMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many choice whose out-of-range ids are invalid choices, not a 500.

    Django looks the submitted ids up before it can tell they are not stored anywhere;
    a number beyond 64 bits overflows the database driver.
    """

    def _check_values(self, value):
        for pk in value:
            if isinstance(pk, str) and pk.lstrip("-").isdigit() and not -BIGINT <= int(pk) < BIGINT:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SafeAutocompleteAdmin:
    """For ModelAdmin and inlines: autocomplete_fields with the widgets above, and
    many-to-many fields that reject out-of-range ids."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
