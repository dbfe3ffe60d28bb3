"""An answer that games the tests instead of solving the exercise, built for every exercise.

Whatever the exercise's functions return, it returns a *wrong* value (the right one, changed) of a
class that subclasses the right type and claims to equal everything (``__eq__``, ``equals``).
Tests that compare results with ``==`` or ``isinstance`` would accept it; the hidden tests must not.
The reference solution runs first in the harness, so each function delegates to it for its checks
of the input, as a student who copied the validation and faked the result would.
"""
from __future__ import annotations

import re

_GAME = '''
import numpy as _gnp
import pandas as _gpd


class _EqualToEverything:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def equals(self, other):
        return True

    __hash__ = object.__hash__


class _GInt(_EqualToEverything, int): pass
class _GFloat(_EqualToEverything, float): pass
class _GStr(_EqualToEverything, str): pass
class _GList(_EqualToEverything, list): pass
class _GTuple(_EqualToEverything, tuple): pass
class _GDict(_EqualToEverything, dict): pass
class _GArray(_EqualToEverything, _gnp.ndarray): pass
class _GFrame(_EqualToEverything, _gpd.DataFrame): pass
class _GSeries(_EqualToEverything, _gpd.Series): pass


def _fake(right):
    """A wrong value, of a subclass of the right one's type, that says it equals everything."""
    if isinstance(right, (bool, int, _gnp.integer)):
        return _GInt(int(right) + 1)
    if isinstance(right, (float, _gnp.floating)):
        return _GFloat(float(right) + 1.0)
    if isinstance(right, str):
        return _GStr(right + "x")
    if isinstance(right, list):
        return _GList(right[1:])
    if isinstance(right, tuple):
        return _GTuple(right[1:])
    if isinstance(right, dict):
        return _GDict()
    if isinstance(right, _gnp.ndarray):
        return (right + 1).view(_GArray) if right.dtype.kind in "iuf" else right[1:].view(_GArray)
    if isinstance(right, _gpd.DataFrame):
        return _GFrame(right.iloc[1:] if len(right) else right.assign(_extra=1))
    if isinstance(right, _gpd.Series):
        return _GSeries(right.iloc[1:])
    return right
'''

_WRAP = '''
_right_{name} = {name}


def {name}(*args, **kwargs):
    return _fake(_right_{name}(*args, **kwargs))
'''


def _tested(definition: str, solution_source: str, called_in_tests: str) -> list[str]:
    """Names that *definition* (a regex with one group) finds in the solution cell and that the
    tests call."""
    return [name for name in re.findall(definition, solution_source, re.M)
            if re.search(rf"\b{name}\(", called_in_tests)]


def equal_to_everything(solution_source: str, called_in_tests: str) -> str | None:
    """The gaming answer for a solution cell: every top-level function of it that the tests call
    returns a fake. None when the cell defines no such function (a class, a written answer)."""
    names = _tested(r"^def (\w+)\(", solution_source, called_in_tests)
    if not names:
        return None
    return _GAME + "".join(_WRAP.format(name=name) for name in names)


_FREEZE = '''
import copy as _fcopy


def _freeze(right):
    """The right function's checks of the input and its running time, but one result for every call."""
    first = []

    def frozen(*args, **kwargs):
        result = right(*args, **kwargs)
        if not first:
            first.append(_fcopy.deepcopy(result))
        return _fcopy.deepcopy(first[0])
    return frozen


def _freeze_class(cls):
    """Every public method of the right class, frozen the same way (one result per method, for
    every instance); a method that returns None or the instance itself (fit) is left as it is."""
    def freeze_method(right):
        first = []

        def frozen(self, *args, **kwargs):
            result = right(self, *args, **kwargs)
            if result is None or result is self:
                return result
            if not first:
                first.append(_fcopy.deepcopy(result))
            return _fcopy.deepcopy(first[0])
        return frozen

    for attr, value in list(vars(cls).items()):
        if not attr.startswith("_") and callable(value) and not isinstance(value, type):
            setattr(cls, attr, freeze_method(value))
    return cls
'''

_FREEZE_WRAP = '''
{name} = _freeze({name})
'''


def frozen_result(solution_source: str, called_in_tests: str) -> str | None:
    """The constant answer for a solution cell: each top-level function that the tests call runs
    the reference (so it raises where the reference raises, takes the reference's time and leaves
    the input as the reference does) and then returns a copy of its *first* result, whatever the
    input; each class that the tests call gets its public methods frozen the same way. Only the
    validation checks may give it points: a check that passes it (a types, input-unchanged or
    complexity check) must also ask for a right value. None when the cell defines neither."""
    names = _tested(r"^def (\w+)\(", solution_source, called_in_tests)
    classes = _tested(r"^class (\w+)\b", solution_source, called_in_tests)
    if not names and not classes:
        return None
    return (_FREEZE + "".join(_FREEZE_WRAP.format(name=name) for name in names)
            + "".join(f"\n{name} = _freeze_class({name})\n" for name in classes))
