"""An article's recorded history with its parts: the admin's timeline and restore plans.

django-simple-history keeps one row per save or delete of the article, its authors
(with a snapshot of their affiliations), references, keywords and galleys. Everything
here reads those rows with one query per model, whatever the number of parts, and
compares them in Python. ``restore_article`` (below) applies a ``RestorePlan``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import localize
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from taggit.models import Tag

from articles.models import (
    Affiliation,
    Article,
    ArticleKeyword,
    Author,
    Funding,
    Galley,
    Reference,
)
from articles.publishing import public_state_followed
from articles.signals import article_saved
from journal.models import Issue, Journal, Section

# A revision is what one save wrote: the admin writes the article, then each inline row,
# then the keywords, one after another. Records of parts by the same user this close
# after the article's belong to its save.
SAVE_WINDOW = timedelta(seconds=5)
# The change reason of every row a restore writes: the prefix and the moment (ISO 8601).
RESTORE_REASON = "restore "

# (model, the field leading to the article), in the order a revision lists them.
PARTS = [
    (Article, "id"),
    (Author, "article_id"),
    (Funding, "article_id"),
    (Reference, "article_id"),
    (ArticleKeyword, "content_object_id"),
    (Galley, "article_id"),
]
NOT_COMPARED = {"id", "article", "content_object", "created_at"}
# Soft deletion has its own undo (the "Restore" action); a restore keeps it as it is.
NOT_RESTORED = {"deleted_at"}
KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def compared_fields(model):
    """The recorded fields shown in diffs and restored, in the model's order."""
    return [f for f in model.history.model.tracked_fields if f.name not in NOT_COMPARED]


def restored_fields(model):
    return [f for f in compared_fields(model) if f.name not in NOT_RESTORED]


def values_of(model, row):
    """{attname: value} of a live row or a historical record; authors add their affiliations."""
    values = {f.attname: getattr(row, f.attname) for f in compared_fields(model)}
    if "file" in values:  # a FieldFile compares by its stored name
        values["file"] = str(values["file"] or "")
    if model is Author:
        values["affiliations"] = row.affiliation_ids
    return values


def identity(model, row):
    """What makes a part the same part: its id; for a keyword its tag and language, since
    set_keywords gives a keyword a new row whenever its language's list changes."""
    if model is ArticleKeyword:
        return (row.tag_id, row.language)
    return row.id


def as_instance(model, record):
    """The row a record describes, unsaved; without the query simple-history's
    ``record.instance`` makes for the fields it does not record."""
    return model(
        **{f.attname: getattr(record, f.attname) for f in model.history.model.tracked_fields}
    )


# Moments outside these cannot be shown in every time zone (datetime ends at years 1 and 9999).
EARLIEST, LATEST = datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 1, 1, tzinfo=UTC)


def parse_moment(text):
    """An aware datetime from ``?at=`` (ISO 8601), or None for anything else."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    if timezone.is_naive(moment) or not EARLIEST < moment < LATEST:
        return None
    return moment


def restored_from(reason):
    """The moment a restore returned to, read back from its change reason."""
    if reason and reason.startswith(RESTORE_REASON):
        return parse_moment(reason.removeprefix(RESTORE_REASON))
    return None


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    """What one revision did to the article or one of its parts."""

    record: object  # the last record of the row in the revision
    model: type
    label: str
    history_type: str  # "+", "~" or "-"
    before: dict | None  # the row's values before the revision (None: new)
    after: dict
    fields: list = field(default_factory=list)

    @property
    def kind(self):
        return KINDS[self.history_type]

    @property
    def kind_display(self):
        return {
            "created": pgettext("history", "created"),
            "changed": pgettext("history", "changed"),
            "deleted": pgettext("history", "deleted"),
        }[self.kind]

    @property
    def model_name(self):
        return capfirst(self.model._meta.verbose_name)


@dataclass
class Revision:
    """Changes saved together by one user; restoring to it restores the state after it."""

    user: object
    changes: list = field(default_factory=list)

    @property
    def moment(self):
        return max(change.record.history_date for change in self.changes)

    @property
    def moment_param(self):
        return self.moment.isoformat()

    @property
    def visible_changes(self):
        """Saves that changed something: the admin saves the article even when unchanged."""
        return [c for c in self.changes if c.kind != "changed" or c.fields]

    @property
    def restored_from(self):
        return restored_from(self.changes[0].record.history_change_reason)


def merged(changes):
    """One change per row: an author saved, then given affiliations, is one change. And
    set_keywords replaces all of a language's keywords when one changes: a keyword deleted
    and created again shows as what it is, a move, or (unchanged) not at all."""
    rows = {}
    for change in changes:
        key = (change.model, identity(change.model, change.record))
        first = rows.get(key)
        if first is None:
            rows[key] = change
            continue
        if change.history_type == "-":
            history_type, before = "-", first.before
        elif first.history_type == "-":  # deleted and created again
            history_type, before = "~", first.after
        elif first.history_type == "+":
            history_type, before = "+", None
        else:
            history_type, before = "~", first.before
        rows[key] = Change(
            change.record, change.model, change.label, history_type, before, change.after
        )
    return list(rows.values())


class ArticleHistory:
    """Every record of one article and its parts, read once, with the names to show them."""

    def __init__(self, article):
        self.article = article
        self.records = {}
        for model, link in PARTS:
            self.records[model] = list(
                model.history.filter(**{link: article.pk})
                .select_related("history_user")
                .order_by("history_date", "history_id")
            )
        affiliations = defaultdict(set)
        snapshots = Author.history.model.affiliations.model.objects.filter(
            history__article=article.pk
        ).values_list("history_id", "affiliation_id")
        for history_id, affiliation_id in snapshots:
            affiliations[history_id].add(affiliation_id)
        for record in self.records[Author]:
            record.affiliation_ids = frozenset(affiliations[record.history_id])
        self.names = None

    def load_names(self, *rows):
        """Names for the ids in the records and in ``rows`` (live rows): 5 queries at most."""
        ids = defaultdict(set)
        for model, records in [*self.records.items(), *rows]:
            for row in records:
                if model is Article:
                    for name in ("journal", "issue", "section"):
                        ids[name].add(getattr(row, f"{name}_id"))
                elif model is ArticleKeyword:
                    ids["tag"].add(row.tag_id)
                elif model is Author:
                    ids["affiliations"].update(row.affiliation_ids)
        querysets = {
            "journal": Journal.objects.all(),
            "issue": Issue.objects.select_related("journal"),
            "section": Section.objects.select_related("journal"),
            "tag": Tag.objects.all(),
            "affiliations": Affiliation.objects.all(),
        }
        self.names = {
            name: {obj.pk: str(obj) for obj in queryset.filter(pk__in=ids[name] - {None})}
            for name, queryset in querysets.items()
        }

    # Showing values.

    def display(self, model, name, value):
        if name == "affiliations":
            names = self.names["affiliations"]
            return "; ".join(sorted(names.get(pk, f"#{pk}") for pk in value)) or "—"
        model_field = model._meta.get_field(name.removesuffix("_id"))
        if value in (None, ""):
            return "—"
        if isinstance(model_field, models.ForeignKey):
            return self.names[model_field.name].get(value, f"#{value}")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return _("yes") if value else _("no")
        if isinstance(model_field, models.DateTimeField):
            return localize(timezone.localtime(value))
        if isinstance(model_field, models.FileField):
            return PurePosixPath(value).name
        return Truncator(localize(value)).chars(500)

    def label(self, model, row):
        if model is ArticleKeyword:
            tag = self.names["tag"].get(row.tag_id, f"#{row.tag_id}")
            return f"{tag} ({self.display(model, 'language', row.language)})"
        if model is Reference:
            return Truncator(row.raw_text).chars(120)
        return str(as_instance(model, row) if hasattr(row, "instance_type") else row)

    def field_label(self, model, name):
        if name == "tag_id":
            return capfirst(ArticleKeyword._meta.verbose_name)
        return capfirst(model._meta.get_field(name.removesuffix("_id")).verbose_name)

    def differences(self, model, before, after):
        """[FieldChange] from ``before`` to ``after`` (value dicts); before None: a new row,
        shown by its filled fields."""
        changes = []
        for name, new in after.items():
            old = before.get(name) if before is not None else None
            if before is None and new in (None, "", frozenset()):
                continue
            if before is not None and old == new:
                continue
            changes.append(
                FieldChange(
                    self.field_label(model, name),
                    "—" if before is None else self.display(model, name, old),
                    self.display(model, name, new),
                )
            )
        return changes

    # The timeline.

    def revisions(self):
        """Revisions, newest first, each with one change per row in the order of PARTS."""
        if self.names is None:
            self.load_names()
        changes = []
        for position, (model, _link) in enumerate(PARTS):
            previous = {}
            for record in self.records[model]:
                values = values_of(model, record)
                before = None if record.history_type == "+" else previous.get(record.id)
                label = self.label(model, record)
                change = Change(record, model, label, record.history_type, before, values)
                changes.append((record.history_date, position, record.history_id, change))
                previous[record.id] = values
        changes.sort(key=lambda item: item[:3])
        revisions = []
        for when, _position, _id, change in changes:
            current = revisions[-1] if revisions else None
            record = change.record
            if (
                current is None
                or change.model is Article  # every admin save writes the article first
                or current.changes[-1].record.history_user_id != record.history_user_id
                or current.changes[-1].record.history_change_reason != record.history_change_reason
                or when - current.moment > SAVE_WINDOW
            ):
                current = Revision(user=record.history_user)
                revisions.append(current)
            current.changes.append(change)
        order = [model for model, _link in PARTS]
        for revision in revisions:
            revision.changes.sort(key=lambda c: order.index(c.model))  # stable: time within
            revision.changes = merged(revision.changes)
            for change in revision.changes:
                if change.history_type != "-":
                    change.fields = self.differences(change.model, change.before, change.after)
        return revisions[::-1]

    # The state at a moment.

    def state_at(self, moment):
        """{model: {pk: record}} of the rows alive at ``moment``, and the pks not known then.

        A row whose first record is not a creation existed before recording began: where
        the moment is earlier than its first record, its state is unknown and it is kept.
        """
        alive, unknown = {}, {}
        for model, records in self.records.items():
            latest, first = {}, {}
            for record in records:
                first.setdefault(record.id, record)
                if record.history_date <= moment:
                    latest[record.id] = record
            alive[model] = {pk: r for pk, r in latest.items() if r.history_type != "-"}
            unknown[model] = {
                pk for pk, r in first.items() if pk not in latest and r.history_type != "+"
            }
        return alive, unknown


class NoStateAtMoment(Exception):
    """The article has no recorded state at the requested moment."""


@dataclass
class PartStep:
    """One row to add back, change or remove."""

    action: str  # "add", "change", "remove"
    model: type
    label: str
    fields: list
    record: object = None  # the target state (add, change)
    current: object = None  # the live row (change, remove)
    values: dict = field(default_factory=dict)

    @property
    def action_display(self):
        return {
            "add": pgettext("restore", "restored"),
            "change": pgettext("restore", "changed back"),
            "remove": pgettext("restore", "removed"),
        }[self.action]

    @property
    def model_name(self):
        return capfirst(self.model._meta.verbose_name)


@dataclass
class RestorePlan:
    article: Article
    moment: datetime
    article_fields: list = field(default_factory=list)
    article_values: dict = field(default_factory=dict)
    steps: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.article_fields and not self.steps

    @property
    def moment_param(self):
        return self.moment.isoformat()

    def steps_for(self, action):
        return [step for step in self.steps if step.action == action]


def current_parts(article):
    """The article's live parts, one query per model (authors' affiliations prefetched)."""
    authors = list(Author.objects.filter(article=article).prefetch_related("affiliations"))
    for author in authors:
        author.affiliation_ids = frozenset(a.pk for a in author.affiliations.all())
    return {
        Author: authors,
        Funding: list(Funding.objects.filter(article=article)),
        Reference: list(Reference.objects.filter(article=article)),
        ArticleKeyword: list(ArticleKeyword.objects.filter(content_object=article)),
        Galley: list(Galley.objects.filter(article=article)),
    }


def plan_restore(article, moment):
    """What restoring ``article`` to its recorded state at ``moment`` would change."""
    history = ArticleHistory(article)
    alive, unknown = history.state_at(moment)
    if article.pk not in alive[Article]:
        raise NoStateAtMoment
    live = current_parts(article)
    history.load_names(*live.items(), (Article, [article]))
    plan = RestorePlan(article=article, moment=moment)

    target = values_of(Article, alive[Article][article.pk])
    now = values_of(Article, article)
    restorable = {f.attname for f in restored_fields(Article)}
    plan.article_values = {
        name: value for name, value in target.items() if name in restorable and now[name] != value
    }
    plan.article_fields = history.differences(Article, now, plan.article_values)

    for model, _link in PARTS[1:]:
        wanted = {identity(model, record): record for record in alive[model].values()}
        rows = {identity(model, row): row for row in live[model]}
        # A live row with no record at all was made without history (before it was turned
        # on): a restore leaves it alone rather than remove what it could not bring back.
        known = {record.id for record in history.records[model]}
        for key, row in rows.items():
            if key not in wanted and row.pk not in unknown[model] and row.pk in known:
                label = history.label(model, row)
                plan.steps.append(PartStep("remove", model, label, [], current=row))
        for key, record in wanted.items():
            values = values_of(model, record)
            row = rows.get(key)
            if row is None:
                fields = history.differences(model, None, values)
                step = PartStep("add", model, history.label(model, record), fields, record=record)
            else:
                fields = history.differences(model, values_of(model, row), values)
                if not fields:
                    continue
                step = PartStep(
                    "change", model, history.label(model, row), fields, record=record, current=row
                )
            step.values = values
            plan.steps.append(step)
    plan.warnings = restore_warnings(plan, history)
    # A keyword whose tag was deleted since cannot come back (only its id was recorded).
    plan.steps = [
        step
        for step in plan.steps
        if step.model is not ArticleKeyword
        or step.action == "remove"
        or step.values["tag_id"] in history.names["tag"]
    ]
    return plan


def restore_warnings(plan, history):
    warnings = []
    for step in plan.steps:
        if step.action == "remove":
            continue
        if step.model is Galley:
            name = step.values["file"]
            if name and not Galley._meta.get_field("file").storage.exists(name):
                warnings.append(
                    _(
                        "The file of the galley “%(galley)s” (%(file)s) is no longer stored: "
                        "the galley is restored without it; upload the file again."
                    )
                    % {"galley": step.label, "file": PurePosixPath(name).name}
                )
        if step.model is ArticleKeyword and step.values["tag_id"] not in history.names["tag"]:
            warnings.append(
                _("A keyword of that time no longer exists and cannot be restored: #%(id)s")
                % {"id": step.values["tag_id"]}
            )
        if step.model is Author:
            gone = step.values["affiliations"] - history.names["affiliations"].keys()
            if gone:
                warnings.append(
                    _("Affiliations of %(author)s no longer exist and are left out.")
                    % {"author": step.label}
                )
    return warnings


@transaction.atomic
def restore_article(*, article, moment, user):
    """Bring the article and its parts back to their recorded state at ``moment``.

    Article fields, and the set and order of authors (with affiliations), references,
    keywords and galleys. Rows that did not exist then are deleted, and stay in the
    history. Every write is recorded as ``user``'s, at one instant, with a change reason
    naming the moment, so the restore shows as one revision and can itself be undone.
    Returns the ``RestorePlan`` carried out (its ``warnings`` for the editor); raises
    ``NoStateAtMoment``, or ``ValidationError`` when the old article fields no
    longer fit (a DOI taken since, an issue deleted since).
    """
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    plan = plan_restore(article, moment)
    if plan.is_empty:
        return plan
    now = timezone.now()

    def recorded(obj):
        obj._history_user = user
        obj._history_date = now
        obj._change_reason = RESTORE_REASON + moment.isoformat()
        return obj

    if plan.article_values:
        for name, value in plan.article_values.items():
            setattr(article, name, value)
        article.full_clean()
        # A restored status or time may take the article off the site, or bring it back.
        with public_state_followed(Article.objects.filter(pk=article.pk), change="saved"):
            recorded(article).save()
    # Removals first: a keyword coming back may hold the (tag, language) of one going.
    for step in plan.steps_for("remove"):
        recorded(step.current).delete()
    # A part comes back under its old id, so that its history continues; unless another
    # article's part holds that id now (moved there in the shell), then under a new one.
    taken = set()
    for model in {step.model for step in plan.steps_for("add")}:
        ids = [step.record.id for step in plan.steps_for("add") if step.model is model]
        taken.update(
            (model, pk) for pk in model.objects.filter(pk__in=ids).values_list("pk", flat=True)
        )
    for step in plan.steps_for("change") + plan.steps_for("add"):
        row = step.current or as_instance(step.model, step.record)
        if (step.model, row.pk) in taken:
            row.pk = None
        for name, value in step.values.items():
            if name != "affiliations":
                setattr(row, name, value)
        recorded(row)
        if step.model is Galley:
            # Model.save, not Galley.save: the recorded size stands, and a file gone
            # from storage (reported in the plan's warnings) is not read.
            models.Model.save(row, force_insert=step.action == "add")
        else:
            row.save(force_insert=step.action == "add")
        if step.model is Author:
            existing = Affiliation.objects.filter(pk__in=step.values["affiliations"])
            row.affiliations.set(existing)  # those deleted since are named in the warnings
    # One announcement for every part restored, keywords included: the search row is
    # rebuilt from all of them at once.
    article_saved.send(sender=Article, article_ids={article.pk})
    return plan
