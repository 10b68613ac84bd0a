"""Querysets compiled to SQL once per process, run with each request's values.

Building a queryset (its clones, modeltranslation's rewriting of every lookup) and compiling it to SQL
(joins, default orderings, the select list of `select_related`) cost a public page more CPU than the
database takes to answer: 1–2 ms a query, for queries whose shape never changes, only the plan or the
measure they are about. `compiled_list(key, build, *args)` builds and compiles `build(*args)` once, with
stand-in values, and afterwards only binds the real `args` into that SQL and turns the rows into model
instances the way Django does.

Nothing of the content is kept: the SQL comes from the models and the code; the values are bound
parameters of each call, so the result is as fresh as a plain queryset's. The SQL depends on the
language (modeltranslation picks the column of a translated field by it) and on the database, both
part of the key.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.query import get_related_populators
from django.utils.translation import get_language

# Two sets of stand-ins for the arguments while compiling (in range of a small positive integer field):
# the parameters in which the two compilations differ are the arguments' places.
_STAND_INS = {
    int: lambda i, n: 30_001 + 100 * n + i,
    str: lambda i, n: f"compiled-stand-in-{n}-{i}",
    datetime.date: lambda i, n: datetime.date(1111 + n, 1, 1 + i),
}


@dataclass(frozen=True)
class _Compiled:
    compiler: object
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]  # (position in params, index of the argument)
    prefetch: tuple
    columns: tuple[int, ...] | None = None  # values_list(): where each field asked for is in a row


def _columns(queryset) -> tuple[int, ...] | None:
    """Where each field a values_list() asked for is in the SQL's rows. modeltranslation selects the
    fields in an order of its own and puts them back in the asked order as it reads each row."""
    if not queryset._fields:
        return None
    if getattr(queryset, "translation_fields", None):
        raise ValueError("compiled_rows cannot read translated fields (their fallback is made per row)")
    query = queryset.query
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    fields = list(getattr(queryset, "original_fields", None) or queryset._fields)
    fields += [f for f in query.annotation_select if f not in fields]
    return None if fields == names else tuple(names.index(f) for f in fields)


_COMPILED: dict[tuple, _Compiled] = {}


def _bind_value(value):
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _compiled_with(build, args: tuple, n: int, instances: bool):
    stand_ins = [_STAND_INS[type(arg)](i, n) for i, arg in enumerate(args)]
    queryset = build(*stand_ins)
    if instances and (queryset._known_related_objects or queryset._iterable_class.__name__ != "ModelIterable"):
        raise ValueError("compiled_list takes a queryset of model instances built from a model's manager")
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    return compiler, sql, list(params), [_bind_value(s) for s in stand_ins], queryset


def _compile(build: Callable[..., QuerySet], args: tuple, instances: bool = True) -> _Compiled:
    compiler, sql, params, bound, queryset = _compiled_with(build, args, 0, instances)
    _compiler, other_sql, other_params, other_bound, _queryset = _compiled_with(build, args, 1, instances)
    slots = []
    for pos, (value, other) in enumerate(zip(params, other_params, strict=True)):
        if value != other:
            # An argument the ORM transformed (a LIKE pattern, a list expanded into placeholders) could
            # not be bound again: such a queryset cannot be compiled this way.
            if value not in bound or other not in other_bound or bound.index(value) != other_bound.index(other):
                raise ValueError("an argument of a compiled queryset must be used as a plain value")
            slots.append((pos, bound.index(value)))
    if sql != other_sql or {i for _pos, i in slots} != set(range(len(args))):
        raise ValueError("an argument of a compiled queryset must be used as a plain value")
    prefetch = tuple(queryset._prefetch_related_lookups)
    return _Compiled(compiler, sql, tuple(params), tuple(slots), prefetch, _columns(queryset))


def _bound(compiled: _Compiled, args: tuple) -> list:
    params = list(compiled.params)
    for pos, i in compiled.slots:
        params[pos] = _bind_value(args[i])
    return params


def compiled_sql(key: str, build: Callable[..., QuerySet], *args) -> tuple[str, list]:
    """The SQL and parameters of `build(*args)` (any queryset, e.g. `values("pk")` for a subquery of
    hand-written SQL), compiled once per process, language and database; the rules of compiled_list."""
    cache_key = ("sql", key, connection.alias, connection.vendor, get_language())
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        compiled = _COMPILED[cache_key] = _compile(build, args, instances=False)
    return compiled.sql, _bound(compiled, args)


def compiled_rows(key: str, build: Callable[..., QuerySet], *args) -> list[tuple]:
    """`list(build(*args))` for a `values_list()` queryset (tuples, the database's values converted as
    Django converts them: dates on SQLite), compiled once per process, language and database."""
    cache_key = ("rows", key, connection.alias, connection.vendor, get_language())
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        compiled = _COMPILED[cache_key] = _compile(build, args, instances=False)
    compiler = compiled.compiler
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, _bound(compiled, args))
        rows = cursor.fetchall()
    rows = compiler.results_iter([rows], tuple_expected=True)
    if compiled.columns is None:
        return list(rows)
    return [tuple(row[i] for i in compiled.columns) for row in rows]


def compiled_list(key: str, build: Callable[..., QuerySet], *args) -> list:
    """`list(build(*args))`, the queryset compiled once per process, language and database.

    `build` must give the same SQL for every value of `args` (ints, strings, dates used as plain
    values in filters), and `key` must name it uniquely. Every value that may differ between calls must
    be one of `args`: a value `build` reads by itself (today's date, a setting, the user) would be kept
    as it was at the first call.
    """
    cache_key = (key, connection.alias, connection.vendor, get_language())
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        compiled = _COMPILED[cache_key] = _compile(build, args)
    params = _bound(compiled, args)
    compiler = compiled.compiler
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if compiler.has_extra_select:
        rows = [row[: compiler.col_count] for row in rows]
    objects = _instances(compiler, rows)
    if compiled.prefetch:
        prefetch_related_objects(objects, *compiled.prefetch)
    return objects


def _instances(compiler, rows) -> list:
    """Model instances from the rows, as Django's ModelIterable makes them (select_related included)."""
    select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
    db = compiler.using
    model_cls = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [f[0].target.attname for f in select[start:end]]
    related_populators = get_related_populators(klass_info, select, db)
    objects = []
    for row in compiler.results_iter([rows]):
        obj = model_cls.from_db(db, init_list, row[start:end])
        for populator in related_populators:
            populator.populate(row, obj)
        for attr_name, col_pos in (annotation_col_map or {}).items():
            setattr(obj, attr_name, row[col_pos])
        objects.append(obj)
    return objects


def prefetched(parents: list, name: str, children: list, parent_of: Callable | None = None) -> None:
    """Store `children` as what each parent's `<name>.all()` gives, as prefetch_related() would, without
    building the prefetch's querysets: for children read by a compiled query. `parent_of(child)` gives the
    primary key of the child's parent; without it there must be one parent, and every child is its."""
    if parent_of is None and len(parents) > 1:
        raise ValueError("prefetched() needs parent_of for more than one parent")
    groups: dict = {}
    for child in children:
        groups.setdefault(parent_of(child) if parent_of else None, []).append(child)
    for parent in parents:
        manager = getattr(parent, name)
        # The manager's own queryset, so that anything chained on it later still asks the database.
        queryset = manager.get_queryset()
        queryset._result_cache = groups.get(parent.pk if parent_of else None, [])
        queryset._prefetch_done = True
        cache_name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
        parent.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset
