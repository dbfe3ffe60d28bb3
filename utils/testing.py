"""Small helpers used by the tests in the assignments.

They make a failing test say what was called, what was expected and what came
back. They contain no answers.
"""
from __future__ import annotations

import functools
import inspect
import signal
import sys
import time
import tracemalloc
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Sequence


def _call_text(name: str, args: Sequence[Any]) -> str:
    shown = ", ".join(_short(a) for a in args)
    return f"{name}({shown})"


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_PLAIN_SCALARS = frozenset({bool, int, float, complex, str, bytes, type(None)})
_PLAIN_CONTAINERS = frozenset({list, tuple, set, frozenset})


@functools.lru_cache(maxsize=None)  # once per module: called for every value checked
def _numpy_scalars(np) -> frozenset:
    return frozenset(np.sctypeDict.values())


@functools.lru_cache(maxsize=None)
def _pandas_types(pd) -> frozenset:
    return frozenset({pd.DataFrame, pd.Series, pd.Index, pd.RangeIndex, pd.MultiIndex, pd.CategoricalIndex,
                      pd.DatetimeIndex, pd.Timestamp, pd.Timedelta, pd.Categorical, type(pd.NaT), type(pd.NA)})


def _first_problem(values) -> str | None:
    """What the first value of *values* that is not plain data is, or None."""
    return next(filter(None, map(_plain_problem, values)), None)


def _values_problem(values) -> str | None:
    """The same for the values of an object-dtype array, with a fast path for plain scalars only."""
    return None if set(map(type, values)) <= _PLAIN_SCALARS else _first_problem(values)


def _plain_problem(value: Any) -> str | None:
    """None when *value* is made of plain data only: Python numbers, strings, None, lists, tuples,
    sets and dicts of them, numpy scalars and arrays, pandas objects, all of their exact types.
    Otherwise, what is not (an object of a class the answer made up, which may claim to equal anything)."""
    kind = type(value)
    if kind in _PLAIN_SCALARS:
        return None
    if kind in _PLAIN_CONTAINERS or kind is dict:
        return _first_problem([*value.keys(), *value.values()] if kind is dict else value)
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    if np is not None:
        if kind is np.ndarray:
            return _values_problem(value.ravel()) if value.dtype.kind == "O" else None
        if kind in _numpy_scalars(np):
            return None
    if pd is not None and kind in _pandas_types(pd):
        if kind is pd.DataFrame:
            return _first_problem([value.index, value.columns,
                                   *(value[c] for c in value.columns[value.dtypes == object])])
        if kind is pd.Series or issubclass(kind, pd.Index):
            return _values_problem(value.to_numpy()) if value.dtype == object else None
        return None
    return f"an object of type {kind.__qualname__}"


def assert_plain(value: Any, what: str = "the answer") -> None:
    """Fail unless *value* is plain data (see :func:`_plain_problem`): the tests compare results
    with ``==``, which an object of the answer's own class could make say yes to anything."""
    problem = _plain_problem(value)
    assert problem is None, (f"{what} returned {problem}: return plain values (numbers, strings, lists, tuples, "
                             "dicts, numpy arrays, pandas objects), not objects of a class of your own")


def plain_results(func: Callable) -> Callable:
    """*func*, with every result checked by :func:`assert_plain`.

    Wrapping an already wrapped function wraps its original once more instead of stacking
    wrappers (each check of an exercise wraps it again), so that a recursive answer does not
    pay one extra frame per check on every level of its recursion."""
    func = getattr(func, "__plain_results_of__", None) or func
    name = getattr(func, "__name__", "the function")

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        result = func(*args, **kwargs)
        assert_plain(result, f"{name}(...)")
        return result

    checked.__plain_results_of__ = func
    return checked


def assert_cases(func: Callable, cases: Iterable[tuple], *, name: str | None = None) -> None:
    """Check ``func(*args) == expected`` for each ``(args, expected)`` in *cases*.

    ``args`` is a tuple of positional arguments. The first mismatch raises an
    AssertionError naming the call, the expected value and the value returned.
    """
    name = name or getattr(func, "__name__", "function")
    for args, expected in cases:
        if not isinstance(args, tuple):
            raise TypeError(f"each case needs a tuple of arguments, got {args!r}")
        actual = func(*args)
        assert_plain(actual, _call_text(name, args))
        assert actual == expected, (
            f"{_call_text(name, args)} returned {_short(actual)}, expected {_short(expected)}"
        )


def assert_raises(exc_types, func: Callable, *args: Any, name: str | None = None) -> BaseException:
    """Check that ``func(*args)`` raises one of *exc_types*; return the exception."""
    name = name or getattr(func, "__name__", "function")
    if not isinstance(exc_types, tuple):
        exc_types = (exc_types,)
    wanted = " or ".join(t.__name__ for t in exc_types)
    try:
        result = func(*args)
    except exc_types as error:
        return error
    except Exception as error:  # a different error is a failure too, with a clear message
        raise AssertionError(
            f"{_call_text(name, args)} raised {type(error).__name__}: {error}; expected {wanted}"
        ) from None
    raise AssertionError(f"{_call_text(name, args)} returned {_short(result)}; expected it to raise {wanted}")


class NotCounted(AssertionError):
    """Raised by :func:`count_only_if_right`: the check passed, but the answer is not right."""


def count_only_if_right(right: Callable[[], Any], what: str = "the statement's examples") -> None:
    """End a secondary check (types, input unchanged, complexity) with this: its points go only
    to an answer that is right. *right* calls the answer on a few of the statement's examples and
    returns True when every result is right; an error or a wrong result raises NotCounted.

    Without it, a function that returns the same value for every input (the right type, no
    mutation, instant) would earn these checks' points while solving nothing.
    """
    try:
        ok = bool(right())
    except Exception:  # an answer that raises on an example is not right either
        ok = False
    if not ok:
        raise NotCounted(f"this check counts only for an answer that is right on {what}")


class TimeLimitExceeded(AssertionError):
    """Raised by :func:`time_limit` when the block runs too long."""


@contextmanager
def time_limit(seconds: float, what: str = "the call"):
    """Stop the block with TimeLimitExceeded after *seconds* of CPU time (main thread, Unix only).

    CPU time, not wall-clock time: a busy machine slows a linear answer down but does not
    make it fail, while a quadratic one still runs out of time.
    """
    def _stop(signum, frame):
        raise TimeLimitExceeded(f"{what} took longer than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, _stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def peak_memory(func: Callable, *args: Any) -> tuple[Any, int]:
    """Call ``func(*args)``; return its result and the peak bytes it allocated (tracemalloc)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = func(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def elapsed(func: Callable, *args: Any) -> tuple[Any, float]:
    """Call ``func(*args)``; return its result and the seconds it took."""
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


#: Libraries that an assignment asking for numpy only forbids (from scratch allows pandas).
FORBIDDEN_LIBRARIES = ("sklearn", "scipy", "statsmodels", "torch", "tensorflow", "pandas")


def forbidden_names(obj: Any, forbidden: Sequence[str] = FORBIDDEN_LIBRARIES, _seen: set | None = None) -> set[str]:
    """The global names that *obj* (a function, or a class and its methods) takes from a library in
    *forbidden*, following the notebook's own functions and classes that it calls."""
    seen = set() if _seen is None else _seen
    found: set[str] = set()
    members = list(vars(obj).values()) if isinstance(obj, type) else [obj]
    for member in members:
        member = getattr(member, "__func__", member)  # classmethod / staticmethod
        if not inspect.isfunction(member) or id(member) in seen:
            continue
        wrapped = getattr(member, "__wrapped__", None)  # behind plain_results (the wrapper is checked too)
        if wrapped is not None:
            found |= forbidden_names(wrapped, forbidden, seen)
        seen.add(id(member))
        codes = [member.__code__]
        while codes:
            code = codes.pop()
            codes.extend(const for const in code.co_consts if inspect.iscode(const))
            for name in code.co_names:
                value = member.__globals__.get(name)
                if value is None:
                    continue
                module = value.__name__ if inspect.ismodule(value) else str(getattr(value, "__module__", "") or "")
                if module.split(".")[0] in forbidden:
                    found.add(name)
                elif (inspect.isfunction(value) or isinstance(value, type)) and module == "__main__":
                    found |= forbidden_names(value, forbidden, seen)
    return found


def numpy_only(func: Callable, *args: Any, allow: Sequence[str] = (), **kwargs: Any) -> Any:
    """Call ``func(*args, **kwargs)`` with the libraries of FORBIDDEN_LIBRARIES (except those in
    *allow*) impossible to import; return its result.

    An AssertionError if the code behind *func* uses one of them, whether imported at the top of
    the notebook (found in its code) or inside the function (the import fails while it runs).
    """
    forbidden = tuple(library for library in FORBIDDEN_LIBRARIES if library not in allow)
    not_allowed = ", ".join(forbidden) + " are not allowed"
    owner = getattr(func, "__self__", None)  # a bound method: check its whole class
    used = forbidden_names(type(owner) if owner is not None else func, forbidden)
    assert not used, f"your answer uses {sorted(used)} from a library this assignment forbids ({not_allowed})"

    def blocked(name: str) -> bool:
        return name.split(".")[0] in forbidden

    saved = {name: module for name, module in sys.modules.items() if blocked(name)}
    try:
        sys.modules.update(dict.fromkeys(saved, None))
        sys.modules.update(dict.fromkeys(forbidden, None))
        try:
            return func(*args, **kwargs)
        except ImportError as error:
            raise AssertionError(f"your answer tried to import a library this assignment forbids ({error}; "
                                 f"{not_allowed})") from None
    finally:
        for name in [n for n in sys.modules if blocked(n)]:
            del sys.modules[name]
        sys.modules.update(saved)
