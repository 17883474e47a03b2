"""Inline rows (authors, references, galleys) are saved in the order they appear on the form.

The admin's script numbers the ``order`` fields when rows are added or moved; without it
an "Add another" row arrives with the field at its default, 0, and every new row would be
saved with order 0. Such a row keeps its place on the form instead: it follows the row
above it. Orders that were given stay as they are as long as they differ; rows given the
same order keep their form order and are numbered apart.
"""

from django.forms.models import BaseInlineFormSet


def orders_in_form_order(rows):
    """``rows``: (given order or None when left at the default) in form order.

    Returns the orders to save, in the same sequence. A given order is kept when it is
    above the order of the row that precedes it once sorted; otherwise the row takes the
    next number (from 0, the model's default).
    """
    keyed = []
    key = -1
    for position, given in enumerate(rows):
        if given is not None:
            key = given
        keyed.append((key, position, given))
    orders = [0] * len(rows)
    previous = -1
    for _, position, given in sorted(keyed):
        order = given if given is not None and given > previous else previous + 1
        orders[position] = previous = order
    return orders


class InFormOrderFormSet(BaseInlineFormSet):
    """An inline formset of a model with an ``order`` field, saved in form order."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count() and "order" in form.fields:
            # The admin's script numbers a row as it is added: a row "Add another" made and
            # nobody filled in is still empty, skipped on save rather than refused as
            # incomplete.
            form.fields["order"].has_changed = lambda initial, data: False
        return form

    def save(self, commit=True):
        moved_only = self.number_in_form_order()
        saved = super().save(commit=commit)
        if commit:
            # The formset saves only the rows whose fields changed.
            for instance in moved_only:
                instance.save(update_fields=["order"])
        return saved

    def number_in_form_order(self):
        """Set the order of every row kept; return the stored rows whose order alone changed."""
        kept = []  # (form, is new, given order)
        deleted = self.deleted_forms if self.can_delete else []
        for form in self.forms:
            is_new = form.instance.pk is None
            if form in deleted:
                continue
            if is_new and not form.has_changed():  # an extra row left empty
                continue
            given = form.cleaned_data.get("order")
            kept.append((form, is_new, None if is_new and not given else given))
        orders = orders_in_form_order([given for _, _, given in kept])
        moved_only = []
        for (form, is_new, _), order in zip(kept, orders, strict=True):
            if form.instance.order != order:
                form.instance.order = order
                if not is_new and not form.has_changed():
                    moved_only.append(form.instance)
        return moved_only
