"""utils/ is cheap to import, its helpers explain failures, and the demo class is up to date."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from course import demo_class
from utils.testing import (FORBIDDEN_LIBRARIES, assert_cases, assert_plain, assert_raises, numpy_only,
                           peak_memory, plain_results, time_limit)


def test_import_utils_loads_nothing_heavy():
    code = "import sys, utils; print(sorted(m for m in ('numpy','pandas','matplotlib','sklearn','scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"`import utils` imports {out}; import heavy libraries inside the submodules"


def test_import_utils_complexity_loads_nothing_heavy():
    code = ("import sys, utils.complexity; "
            "print(sorted(m for m in ('numpy','pandas','matplotlib','sklearn','scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"`import utils.complexity` imports {out}: the students' visible tests load it in every notebook"


def test_assert_cases_names_input_expected_and_actual():
    with pytest.raises(AssertionError) as info:
        assert_cases(len, [(([1, 2],), 2), (([1, 2, 3],), 4)])
    assert str(info.value) == "len([1, 2, 3]) returned 3, expected 4"


def test_assert_raises_reports_a_missing_or_wrong_error():
    with pytest.raises(AssertionError, match=r"returned 3; expected it to raise ValueError"):
        assert_raises(ValueError, len, [1, 2, 3])
    with pytest.raises(AssertionError, match=r"raised TypeError"):
        assert_raises(ValueError, len, 5)
    assert isinstance(assert_raises(ValueError, int, "x"), ValueError)


def test_time_limit_stops_a_slow_block():
    # The class is looked up now, not at import: a check cell run in this worker reloads
    # utils.testing, and the reloaded time_limit raises the reloaded class (CI saw exactly that).
    import utils.testing as testing
    with pytest.raises(testing.TimeLimitExceeded, match="took longer than 0.2 s of CPU time"):
        with testing.time_limit(0.2, "the loop"):
            while True:
                pass
    with time_limit(5):
        assert sum(range(10)) == 45


def test_peak_memory_sees_a_big_allocation():
    _, small = peak_memory(sum, range(1000))
    _, big = peak_memory(np.ones, 1_000_000)
    assert small < 100_000 and big >= 8_000_000, (small, big)


def test_numpy_only_rejects_forbidden_libraries_and_restores_them():
    import scipy.linalg  # noqa: F401  (imported before: must still be there afterwards)

    namespace = {"np": np, "__name__": "__main__"}
    exec("import scipy.linalg as sl\n"
         "def helper(a):\n    return sl.norm(a)\n"
         "def uses_global(a):\n    return helper(a)\n"
         "def imports_inside(a):\n    from scipy import linalg\n    return linalg.norm(a)\n"
         "class Model:\n    def fit(self, a):\n        return sl.norm(a)\n"
         "def fine(a):\n    return float(np.sqrt((np.asarray(a) ** 2).sum()))\n", namespace)
    with pytest.raises(AssertionError, match=r"uses \['sl'\] from a library this assignment forbids"):
        numpy_only(namespace["uses_global"], [3, 4])  # through a helper of the notebook
    with pytest.raises(AssertionError, match="tried to import a library this assignment forbids"):
        numpy_only(namespace["imports_inside"], [3, 4])
    with pytest.raises(AssertionError, match=r"uses \['sl'\]"):
        numpy_only(namespace["Model"]().fit, [3, 4])  # a bound method: its whole class is checked
    assert numpy_only(namespace["fine"], [3, 4]) == 5.0
    exec("import pandas as pd\n"
         "def with_pandas(a):\n    return float(pd.Series(a).sum())\n", namespace)
    with pytest.raises(AssertionError, match=r"uses \['pd'\]"):
        numpy_only(namespace["with_pandas"], [3, 4])  # pandas is forbidden unless allowed
    assert numpy_only(namespace["with_pandas"], [3, 4], allow=("pandas",)) == 7.0
    assert sys.modules["scipy.linalg"] is scipy.linalg, "numpy_only did not give scipy back"
    blocked = [name for name in FORBIDDEN_LIBRARIES
               if name in sys.modules and sys.modules[name] is None]
    assert not blocked, f"numpy_only left {blocked} blocked"


def test_plain_results_refuse_objects_that_claim_to_equal_everything():
    import pandas as pd

    class Yes(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    for plain in (3, 2.5, "a", None, True, [1, (2, "b")], {"k": [1.0]}, np.int64(4), np.arange(3),
                  np.array(["a", None], dtype=object), pd.DataFrame({"a": [1, 2], "b": ["x", None]}), pd.Series([1.0])):
        assert_plain(plain)
    for fake in (Yes(1), [1, Yes(2)], {"k": Yes(0)}, (Yes(3),), np.array([Yes(1)], dtype=object),
                 pd.Series([Yes(1), "a"], dtype=object), np.arange(3).view(type("Sub", (np.ndarray,), {}))):
        with pytest.raises(AssertionError, match="returned an object of type"):
            assert_plain(fake)
    checked = plain_results(lambda n: Yes(n) if n else n)
    assert checked(0) == 0
    with pytest.raises(AssertionError, match=r"<lambda>\(\.\.\.\) returned an object of type .*Yes"):
        checked(1)
    with pytest.raises(AssertionError, match="returned an object of type"):
        assert_cases(lambda: Yes(5), [((), 4)])


def test_plot_terrain_rejects_bad_shapes():
    from utils.plots import plot_terrain

    with pytest.raises(ValueError, match="one-dimensional"):
        plot_terrain([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="water has shape"):
        plot_terrain([1, 0, 1], [0, 1])


def test_datasets_reject_unknown_names():
    from utils.datasets import sklearn_frame

    with pytest.raises(ValueError, match="unknown data set 'nope'"):
        sklearn_frame("nope")


def test_demo_class_is_what_the_generator_builds():
    problems = demo_class.differences()
    assert not problems, "run `make demo`:\n" + "\n".join(problems)


def test_count_only_if_right_raises_not_counted_for_a_wrong_or_raising_answer():
    import utils.testing as testing  # looked up now (see test_time_limit_stops_a_slow_block)

    testing.count_only_if_right(lambda: True)
    for right in (lambda: False, lambda: 1 / 0, lambda: undefined_flag):  # noqa: F821
        with pytest.raises(testing.NotCounted, match="counts only for an answer that is right"):
            testing.count_only_if_right(right)
    with pytest.raises(testing.NotCounted):   # an array's truth is ambiguous: not right
        testing.count_only_if_right(lambda: np.array([1, 2]) == 1)
