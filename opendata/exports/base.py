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
from django.utils.translation import gettext_lazy as _

from opendata import conf

from .formats import FORMATS, Choice, Format, Table


class UnknownFormat(ValueError):
    pass


# Table Schema types (https://specs.frictionlessdata.io/table-schema/): what a column holds in every format.
TYPES = ("string", "integer", "number", "boolean", "date", "time", "datetime")


@dataclass(frozen=True)
class Column:
    """One column, declared once: CSV, XLSX, JSON and the data package's schema are all derived from it."""

    key: str  # stable, English, for programs (JSON keys)
    label: Any  # lazy translation, for people (spreadsheet headers)
    value: Callable[[Any], Any]
    type: str = "string"
    description: Any = ""  # lazy translation; the label says enough when empty

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")


def text_language(obj, name: str) -> str | None:
    """The language of a translated text as the active language gives it: "lv" where English falls back.

    The English pages mark such text with lang="lv"; the English files say it in a `*_language` column.
    """
    own = getattr(obj, f"{name}_{get_language()}", None)
    if own:
        return get_language()
    return "lv" if getattr(obj, f"{name}_lv", None) else None


def texts(key: str, label: Any, name: str | None = None, getter: Callable[[Any], Any] | None = None) -> list[Column]:
    """A translated text and its language column: `title` and `title_language`.

    `getter` reaches the object holding the text (the measure of a progress entry); `name` is its field.
    """
    name = name or key
    getter = getter or (lambda obj: obj)
    return [
        Column(key, label, lambda obj: getattr(getter(obj), name)),
        Column(
            f"{key}_language",
            _("%(label)s: language") % {"label": label},
            lambda obj: text_language(getter(obj), name),
            description=_('"lv" where the text exists only in Latvian; empty where there is no text.'),
        ),
    ]


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
    # The spreadsheet's sheet title, at most 31 characters in every language (Excel's limit);
    # without one, the title shortened by whole words.
    sheet_name: ClassVar[Any] = ""
    # The file name before the date, ASCII in every language: "pasakumi-2026-11-22.csv".
    filename_stem: ClassVar[Any]
    # Narrowed by the same query string as the public list it mirrors.
    plan_lookup: ClassVar[str | None] = None
    # Keys of the columns that identify a row, and of those naming a row of another dataset:
    # {"commitment_id": ("commitments", "id")}. The data package declares them (opendata/package.py).
    primary_key: ClassVar[tuple[str, ...]] = ()
    foreign_keys: ClassVar[dict[str, tuple[str, str]]] = {}
    # A column of the rows that says when they last changed, for datasets whose model keeps no history.
    modified_field: ClassVar[str] = ""

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
                # Blank text is missing, as None is: null in JSON, an empty cell elsewhere.
                rows=[[_missing_as_none(c.value(obj)) for c in columns] for obj in objects],
                title=str(self.verbose_name),
                meta=self.metadata(),
                types=[c.type for c in columns],
                descriptions=[str(c.description or c.label) for c in columns],
                sheet_name=str(self.sheet_name),
                about=self.about(),
            )
        return self._memo[key]

    def metadata(self) -> dict[str, Any]:
        return {
            "dataset": self.identifier,
            "title": str(self.verbose_name),
            "description": str(self.description),
            "language": get_language(),
            "generated_on": self.today,
            "licence": conf.licence().as_dict(),
        }

    def about(self) -> list[tuple[str, str]]:
        licence = conf.licence()
        return [
            (str(_("Dataset")), str(self.verbose_name)),
            (str(_("Description")), str(self.description)),
            (str(_("Publisher")), conf.publisher()),
            (str(_("Licence")), licence.title),
            (str(_("Licence identifier")), licence.id),
            (str(_("Licence address")), licence.url),
            (str(_("Generated on")), self.today.isoformat()),
            (str(_("Language")), get_language()),
        ]

    def filename(self) -> str:
        stem = slugify(str(self.filename_stem)) or self.identifier
        return f"{stem}-{self.today:%Y-%m-%d}.{self.format.extension}"

    def render(self) -> tuple[str, str, bytes]:
        return self.filename(), self.format.mimetype, self.format.write(self.table())


def _missing_as_none(value: Any) -> Any:
    return None if value == "" else value
