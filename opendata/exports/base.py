"""The export contract (pretix style): one small class per dataset, `render() -> (filename, mimetype, bytes)`."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from opendata import conf

from .formats import FORMATS, Choice, Format, Table


class UnknownFormat(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    key: str  # stable, English, for programs (JSON keys)
    label: Any  # lazy translation, for people (spreadsheet headers)
    value: Callable[[Any], Any]


def choice(value: str, choices) -> Choice | None:
    """A coded value with its label in the active language; None when blank."""
    if not value:
        return None
    return Choice(code=value, label=str(choices(value).label))


def names(objects) -> list[str]:
    """Names of prefetched related objects (a list, or a related manager)."""
    objects = objects.all() if hasattr(objects, "all") else objects
    return [str(obj) for obj in objects]


def translated(row, name: str) -> str:
    """A translated field of a historical row, in the active language (Latvian when empty).

    Historical models are plain models without modeltranslation's accessors, so
    the language column is picked by hand.
    """
    return getattr(row, f"{name}_{get_language()}", None) or getattr(row, f"{name}_lv", None) or getattr(row, name)


def page_url(name: str, **kwargs) -> str:
    """The absolute address of a named public page, or "" when the deployment has no such page."""
    try:
        return conf.site_url() + reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def public_url(obj) -> str:
    """The absolute address of an object's public page, or "" when that page does not exist.

    The pages belong to other apps (portal, council); a download must not fail
    because a deployment leaves one of them out.
    """
    get_url = getattr(obj, "get_absolute_url", None)
    if get_url is None:
        return ""
    try:
        return conf.site_url() + get_url()
    except NoReverseMatch:
        return ""


class Export:
    identifier: ClassVar[str]  # in the download URL: /dati/<identifier>.<format>
    verbose_name: ClassVar[Any]
    description: ClassVar[Any] = ""
    # The file name before the date, ASCII in every language: "pasakumi-2026-11-22.csv".
    filename_stem: ClassVar[Any]
    # Narrowed by the same query string as the public list it mirrors.
    plan_lookup: ClassVar[str | None] = None

    def __init__(
        self,
        fmt: str = "csv",
        *,
        params: QueryDict | None = None,
        today: datetime.date | None = None,
        memo: dict | None = None,
    ):
        if fmt not in FORMATS:
            raise UnknownFormat(fmt)
        self.format: Format = FORMATS[fmt]
        self.params = params if params is not None else QueryDict()
        self.today = today or timezone.localdate()
        # Shared by the exports of one request, so that the sizes of CSV, XLSX and JSON cost one query set.
        self._memo = memo if memo is not None else {}

    # -- what subclasses define ------------------------------------------------------------------
    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_columns(self) -> list[Column]:
        raise NotImplementedError

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        slug = self.params.get("plan")
        if self.plan_lookup and slug:
            queryset = queryset.filter(**{self.plan_lookup: slug})
        return queryset

    # -- the contract --------------------------------------------------------------------------------
    def memo_key(self) -> tuple:
        return (self.identifier, get_language(), self.params.urlencode())

    def table(self) -> Table:
        key = self.memo_key()
        if key not in self._memo:
            columns = self.get_columns()
            objects = self.filter_queryset(self.get_queryset())
            self._memo[key] = Table(
                keys=[c.key for c in columns],
                labels=[str(c.label) for c in columns],
                rows=[[c.value(obj) for c in columns] for obj in objects],
                title=str(self.verbose_name),
                meta={
                    "dataset": self.identifier,
                    "title": str(self.verbose_name),
                    "language": get_language(),
                    "generated_on": self.today,
                    "licence": conf.licence_note(),
                },
            )
        return self._memo[key]

    def filename(self) -> str:
        stem = slugify(str(self.filename_stem)) or self.identifier
        return f"{stem}-{self.today:%Y-%m-%d}.{self.format.extension}"

    def render(self) -> tuple[str, str, bytes]:
        return self.filename(), self.format.mimetype, self.format.write(self.table())
