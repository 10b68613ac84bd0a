"""Latvian text compared and ordered the same way in Python, on SQLite and on PostgreSQL.

Two mappings, each written once as a character table and used in Python and as a database expression:

- `fold`: what search compares. Text is lower-cased and Latvian letters lose their diacritics
  (ā→a, č→c, … ž→z), so `lidzdaliba`, `LĪDZDALĪBA` and `līdzdalība` are one word. `Fold` is the same
  in SQL.
- `latvian_sort_key`: what name-sorted lists order by. The Latvian alphabet
  (A Ā B C Č D E Ē F G Ģ H I Ī J K Ķ L Ļ M N Ņ O P R S Š T U Ū V Z Ž, and Ŗ of the old spelling after R)
  takes each letter with a diacritic as a letter of its own right after its base letter, as the issue asks
  ("Ā after A"; CLDR's Latvian collation instead treats the long vowels as variants of the short ones).
  The key writes every letter, either case, as one character of a run in alphabet order; keys compare by
  code point, so "Ārlietu" comes after every "A…" and before "B…". `LatvianSortKey` is the same in SQL.

How the SQL is written: PostgreSQL has TRANSLATE(), which maps character to character, needs no
extension (unlike `unaccent`) and does not depend on the database's locale (unlike a collation); keys
are compared under the "C" collation, by code point. `Fold` maps the Latvian letters of both cases with
TRANSLATE() and then applies LOWER() (the same as Python's lower() in a UTF-8 database, which the
project's databases are). SQLite has no TRANSLATE(), so `register_sqlite_functions` gives every SQLite
connection the two Python functions below as deterministic SQL functions. Both backends and Python thus
give the same answer. Letters other than Latvian keep their accents. Neither expression can use an
index; a search reads every published measure (2,222 at 100 times the real data: some 30 ms of CPU per
query on SQLite, most of it in `fold`, against 4 ms for the former plain LIKE; at the real
data's size, under 1 ms).
"""

from django.db.models import CharField, Func, Manager
from django.utils import translation

_UPPER_LV = "ĀČĒĢĪĶĻŅŖŠŪŽ"
_LOWER_LV = "āčēģīķļņŗšūž"
_BASES_LV = "acegiklnrsuz"

_FOLD_FROM = _UPPER_LV + _LOWER_LV
_FOLD_TO = _BASES_LV + _BASES_LV
_FOLD_PAIRS = tuple(zip(_LOWER_LV, _BASES_LV, strict=True))

# Every letter in alphabet order (with q, w, x, y where the Latin alphabet has them), mapped to a run of
# consecutive characters after all of ASCII and Latin-1, so that digits, spaces and punctuation come first.
_ALPHABET = "aābcčdeēfgģhiījkķlļmnņopqrŗsštuūvwxyzž"
_RANKS = "".join(chr(0x0180 + i) for i in range(len(_ALPHABET)))
_SORT_FROM = _ALPHABET + _ALPHABET.upper()
_SORT_TO = _RANKS + _RANKS

_SORT_TABLE = str.maketrans(_SORT_FROM, _SORT_TO)


def fold(text: str | None) -> str | None:
    """Search form of `text`: lower case, Latvian diacritics removed (the same as `Fold` in SQL)."""
    if text is None:
        return None
    # lower() and a replace() per letter run in C: six times faster than one translate() with a table,
    # and SQLite calls this for every row a search reads.
    text = text.lower()
    for letter, base in _FOLD_PAIRS:
        text = text.replace(letter, base)
    return text


def latvian_sort_key(text: str | None) -> str | None:
    """Key ordering `text` by the Latvian alphabet (the same as `LatvianSortKey` in SQL)."""
    return None if text is None else str(text).translate(_SORT_TABLE)


class _Translate(Func):
    output_field = CharField()
    arity = 1
    sqlite_function = ""
    source = target = ""

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function=self.sqlite_function, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        # Constants of this module, with no quote or percent sign: they go into the SQL as they are.
        template = f"TRANSLATE(%(expressions)s, '{self.source}', '{self.target}')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class Fold(_Translate):
    """`fold()` of a text expression, in SQL."""

    sqlite_function = "ogp_fold"
    source, target = _FOLD_FROM, _FOLD_TO

    def as_postgresql(self, compiler, connection, **extra_context):
        # Latvian letters first, so that their case does not depend on the database's locale.
        sql, params = super().as_postgresql(compiler, connection, **extra_context)
        return f"LOWER({sql})", params


class LatvianSortKey(_Translate):
    """`latvian_sort_key()` of a text expression, in SQL; ordered by code point on both backends."""

    sqlite_function = "ogp_latvian_sort_key"
    source, target = _SORT_FROM, _SORT_TO

    def as_postgresql(self, compiler, connection, **extra_context):
        # The database's default collation is linguistic; "C" compares code points, as SQLite's default
        # BINARY collation and Python's sort do.
        sql, params = super().as_postgresql(compiler, connection, **extra_context)
        return f'({sql}) COLLATE "C"', params


class LatvianOrderManager(Manager):
    """A default manager whose querysets, on Latvian pages, start in the Latvian alphabetical order.

    The model names that order in `latvian_ordering` (`LatvianSortKey` expressions); every other
    language keeps `Meta.ordering`, the plain order of the names it shows. Related managers (a measure's
    institutions, an institution's subordinates) and prefetches are built from this class too, so every
    list of the model follows the page's language; an explicit `order_by()` still wins.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if in_latvian():
            queryset = queryset.order_by(*self.model.latvian_ordering)
        return queryset


def in_latvian() -> bool:
    """Whether the active language orders names by the Latvian alphabet."""
    return translation.get_language() == "lv"


def register_sqlite_functions(sender, connection, **kwargs):
    """`connection_created` receiver (connected in ui.apps): the two mappings as SQLite functions."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(Fold.sqlite_function, 1, fold, deterministic=True)
        connection.connection.create_function(LatvianSortKey.sqlite_function, 1, latvian_sort_key, deterministic=True)
