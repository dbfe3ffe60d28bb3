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


def equal_to_everything(solution_source: str, called_in_tests: str) -> str | None:
    """The gaming answer for a solution cell: every top-level function of it that the tests call
    returns a fake. None when the cell defines no such function (a class, a written answer)."""
    names = [name for name in re.findall(r"^def (\w+)\(", solution_source, re.M)
             if re.search(rf"\b{name}\(", called_in_tests)]
    if not names:
        return None
    return _GAME + "".join(_WRAP.format(name=name) for name in names)
