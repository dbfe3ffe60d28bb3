"""How does the running time of a function grow? Measure it before you submit.

``check_complexity(func, make_input, sizes, expected="O(n)")`` calls ``func`` on inputs of
growing size, measures the **CPU time** of each call (not the wall-clock time, so a busy
machine does not change the answer), fits how the time grows and says it in words::

    >>> check_complexity(trap, lambda n: ([random.randint(0, 9) for _ in range(n)],),
    ...                  sizes=[1000, 2000, 4000, 8000, 16000, 32000], expected="O(n)")
    trap: looks like O(n), as the statement asks.
    ...

When the growth is faster than ``expected``, it raises an AssertionError with the same sentence
("looks like O(n²); the statement asks for O(n)"). Without ``expected`` it only reports.

How the answer is reached, so that it does not depend on the machine's load:

* every call is timed in CPU time of this process (``resource.getrusage``); garbage collection
  is paused while timing, calls too fast to time are repeated, and each size keeps the median
  of several rounds of measurements (on a machine whose cores are all busy, the CPU clock can
  read low as well as high for a few milliseconds: the median moves with neither, the fastest
  measurement would follow the low ones);
* the inputs are built by ``make_input(n)`` before the clock starts, once per size;
* the growth exponent p is the median of the slopes between every two sizes on a log-log scale
  (one size slowed down by a burst of load or a cache boundary does not move it), and the classes
  are told apart by p with half a power of n between them: O(1) and O(log n) below 0.5, O(n) and O(n log n)
  from 0.5 to 1.5, O(n²) from 1.5 to 2.5, O(n³) from 2.5 to 3.5. A timing cannot tell a
  logarithmic factor apart reliably, so O(n log n) passes where O(n) is asked, and the other way;
* the whole check stops after ``budget`` seconds of CPU time; a call that would not finish in
  what is left is stopped, and that alone says the function grows too fast.

This module ships to students: it measures, it contains no answer.
"""
from __future__ import annotations

import gc
import math
import signal
import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

__all__ = ["check_complexity", "ComplexityResult", "CLASSES"]

#: The classes the check can name, simplest first, with the power of n that sets their tier.
CLASSES = {"O(1)": 0, "O(log n)": 0, "O(n)": 1, "O(n log n)": 1, "O(n²)": 2, "O(n³)": 3}
_SPELLINGS = {"o(1)": "O(1)", "o(logn)": "O(log n)", "o(n)": "O(n)", "o(nlogn)": "O(n log n)",
              "o(n²)": "O(n²)", "o(n^2)": "O(n²)", "o(n**2)": "O(n²)", "o(n*n)": "O(n²)",
              "o(n³)": "O(n³)", "o(n^3)": "O(n³)", "o(n**3)": "O(n³)"}
_TIER_WORDS = {0: "O(1) or O(log n)", 1: "O(n)", 2: "O(n²)", 3: "O(n³)", 4: "faster than O(n³)"}
_FUNCTIONS = {"O(1)": lambda n: 1.0, "O(log n)": math.log, "O(n)": float, "O(n log n)": lambda n: n * math.log(n),
              "O(n²)": lambda n: float(n) ** 2, "O(n³)": lambda n: float(n) ** 3}


try:
    import resource

    def _cpu() -> float:
        """CPU seconds (user + system) of this process so far, to the microsecond."""
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
except ImportError:  # Windows: no resource module
    _cpu = time.process_time


class _OutOfBudget(Exception):
    """A call ran past the CPU time left in the budget."""


@dataclass
class ComplexityResult:
    """What :func:`check_complexity` measured and concluded."""
    name: str
    expected: str | None
    verdict: str                 # the sentence, e.g. "trap: looks like O(n), as the statement asks."
    looks_like: str              # the tier in words: "O(1) or O(log n)", "O(n)", "O(n²)", ...
    fitted_class: str | None     # the closest single class by least squares (finer than the tier, less stable)
    exponent: float | None       # the growth exponent p: median log-log slope between the sizes
    ok: bool | None              # None without expected
    table: list = field(default_factory=list)   # (n, seconds per call, calls timed) per measured size
    stopped: str = ""            # why the sizes ran out early, if they did
    cpu_seconds: float = 0.0     # CPU time the check took in all

    def table_text(self) -> str:
        lines = [f"{'n':>10}  {'CPU s per call':>14}  {'calls':>6}"]
        for n, seconds, calls in self.table:
            lines.append(f"{n:>10,}  {seconds:>14.3g}  {calls:>6}")
        if self.stopped:
            lines.append(self.stopped)
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.verdict}\n{self.table_text()}"

    def _repr_pretty_(self, printer, cycle):  # IPython shows the sentence and the table
        printer.text(str(self))


def _normalise(expected: str) -> str:
    if not isinstance(expected, str):
        raise TypeError(f"expected must be a string such as 'O(n)', got {type(expected).__name__}")
    key = expected.replace(" ", "").replace("·", "*").lower()
    if key not in _SPELLINGS:
        raise ValueError(f"expected must be one of {', '.join(CLASSES)} (got {expected!r})")
    return _SPELLINGS[key]


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a list of integers, got {type(sizes).__name__}") from None
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"sizes must be integers, got {n!r}")
        if n < 1:
            raise ValueError(f"sizes must be at least 1, got {n}")
    if sizes != sorted(set(sizes)):
        raise ValueError(f"sizes must be increasing without repeats, got {sizes}")
    if len(sizes) < 4:
        raise ValueError(f"give at least 4 sizes to fit a growth, got {len(sizes)}")
    if sizes[-1] < 10 * sizes[0]:
        raise ValueError(f"the sizes must span at least a factor of 10 (better 30 or more), got {sizes[0]} to {sizes[-1]}")
    return sizes


def _fit(points: list[tuple[float, float]], basis: Callable[[float], float]) -> tuple[float, float, float]:
    """Least squares of time = a + b * basis(n) with a, b >= 0, on relative errors: (a, b, rms)."""
    xs = [basis(n) for n, _ in points]
    ts = [t for _, t in points]
    w = [1.0 / (t * t) for t in ts]
    sw = sum(w)
    swx = sum(wi * x for wi, x in zip(w, xs))
    swxx = sum(wi * x * x for wi, x in zip(w, xs))
    swt = sum(wi * t for wi, t in zip(w, ts))
    swxt = sum(wi * x * t for wi, x, t in zip(w, xs, ts))
    det = sw * swxx - swx * swx
    a = b = -1.0
    if det > 1e-12 * sw * swxx:
        a = (swxx * swt - swx * swxt) / det
        b = (sw * swxt - swx * swt) / det
    if a < 0 or b < 0:  # the best fit with one of the two at zero
        candidates = [(0.0, swxt / swxx), (swt / sw, 0.0)]
        a, b = min(candidates, key=lambda ab: sum(((ab[0] + ab[1] * x - t) / t) ** 2 for x, t in zip(xs, ts)))
    rms = math.sqrt(sum(((a + b * x - t) / t) ** 2 for x, t in zip(xs, ts)) / len(ts))
    return a, b, rms


def _exponent(points: list[tuple[float, float]]) -> float:
    """The growth exponent: the median of the slopes between every two sizes on a log-log scale
    (Theil and Sen's estimator). One size slowed down by a burst of load or by a cache boundary moves
    a few of the slopes, not their median. A constant cost per call lowers it (never raises it)."""
    slopes = sorted(math.log(t2 / t1) / math.log(n2 / n1)
                    for i, (n1, t1) in enumerate(points) for n2, t2 in points[i + 1:])
    middle = len(slopes) // 2
    return max(0.0, slopes[middle] if len(slopes) % 2 else (slopes[middle - 1] + slopes[middle]) / 2)


def _tier(p: float) -> int:
    return min(4, int(math.floor(p + 0.5)))


class _Budget:
    """Stop the call in progress after the CPU time left (main thread only; elsewhere it only counts)."""

    def __init__(self, seconds: float):
        self.end = _cpu() + seconds

    def left(self) -> float:
        return self.end - _cpu()

    def call(self, func: Callable, args: tuple, number: int, guard: bool) -> float:
        """CPU seconds of `number` calls of func(*args); with guard, _OutOfBudget past the time left.

        The clock is getrusage, not time.process_time: once a CPU-time timer has been armed (the guard
        here, or utils.testing.time_limit), Linux updates the clock behind time.process_time only at
        every tick, a few milliseconds, for the rest of the process's life; getrusage stays exact.
        """
        left = self.left()
        if left <= 0:
            raise _OutOfBudget(0.0)
        guard = guard and threading.current_thread() is threading.main_thread()
        if guard:
            def _stop(signum, frame):
                raise _OutOfBudget(left)
            previous = signal.signal(signal.SIGPROF, _stop)
            signal.setitimer(signal.ITIMER_PROF, left)
        enabled = gc.isenabled()
        gc.disable()
        try:
            start = _cpu()
            for _ in range(number):
                func(*args)
            return _cpu() - start
        finally:
            if enabled:
                gc.enable()
            if guard:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, previous)


def check_complexity(func: Callable, make_input: Callable[[int], tuple], sizes: Sequence[int],
                     expected: str | None = None, *, budget: float = 3.0, repeats: int = 15,
                     min_time: float = 0.005, name: str | None = None, fail: bool = True,
                     show: bool = False) -> ComplexityResult:
    """Measure how the CPU time of ``func`` grows with the size of its input, and say it in words.

    func        the function to measure, e.g. ``trap``.
    make_input  ``make_input(n)`` returns the *tuple* of arguments for one call at size n, as in
                ``assert_cases``: ``lambda n: (list(range(n)),)``. It runs before the clock starts;
                the same arguments serve every call at that size, so ``func`` must not change them.
    sizes       increasing sizes, at least 4 of them spanning a factor of 10 or more (30 or more
                tells the classes apart much better), e.g. ``[1000, 2000, 4000, 8000, 16000, 32000]``.
    expected    the complexity the statement asks for: "O(1)", "O(log n)", "O(n)", "O(n log n)",
                "O(n^2)" (or "O(n²)") or "O(n^3)". With ``fail=True`` (the default) a faster growth
                raises AssertionError with the verdict and the measured table.
    budget      seconds of CPU time for the whole check (calls and inputs); the sizes stop early when
                it runs out, and a call that would overrun it is stopped.
    repeats     rounds of measurements over all the sizes (at most; they stop when they have used half
                of the budget left); each size keeps the median of its rounds. min_time: a measurement
                repeats a call until it lasts this long. show: print the verdict and the table.

    Returns a :class:`ComplexityResult` (``verdict``, ``ok``, ``looks_like``, ``exponent``, ``table``).
    """
    if not callable(func):
        raise TypeError(f"func must be a function, got {type(func).__name__}")
    if not callable(make_input):
        raise TypeError(f"make_input must be a function of the size n, got {type(make_input).__name__}")
    sizes = _check_sizes(sizes)
    expected = None if expected is None else _normalise(expected)
    for label, value in (("budget", budget), ("min_time", min_time)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{label} must be a positive number of seconds, got {value!r}")
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a positive integer, got {repeats!r}")
    name = name or getattr(func, "__name__", "the function")

    started = _cpu()
    clock = _Budget(float(budget))
    measured: list[list] = []   # [n, args, calls per measurement, seconds of the first call, rounds]

    def per_call(first: float, rounds: list[float]) -> float:
        """Seconds per call at one size: the median of its rounds, the first call's before any round."""
        return statistics.median(rounds) if rounds else first

    stopped = ""
    cut_off: tuple[int, float] | None = None   # (n, CPU seconds a call had used when it was stopped)
    # first pass, smallest size first: build each input, time one guarded call, choose how many calls
    # make one measurement; a call that overruns the budget ends the pass
    for n in sizes:
        if clock.left() <= 0:
            stopped = f"stopped before n = {n:,}: the {budget:g} s budget of CPU time ran out"
            break
        args = make_input(n)
        if not isinstance(args, tuple):
            raise TypeError(f"make_input({n}) must return a tuple of arguments, e.g. (heights,), "
                            f"got {type(args).__name__}")
        try:
            first = clock.call(func, args, 1, guard=True)
        except _OutOfBudget as out:
            cut_off = (n, out.args[0])
            stopped = (f"stopped at n = {n:,}: one call used the {out.args[0]:.2g} s of CPU time left "
                       f"in the {budget:g} s budget without finishing")
            break
        number = 1 if first >= min_time else min(1_000_000, math.ceil(min_time / max(first, 1e-7)))
        measured.append([n, args, number, max(first, 1e-9), []])
    # then rounds over all sizes, each size keeping the median of its rounds: a burst of load on the
    # machine hits every size alike instead of one size
    rounds_end = _cpu() + clock.left() / 2   # the rounds take at most half of what is left
    for attempt in range(repeats):
        round_cost = sum(number * per_call(first, rounds) for _, _, number, first, rounds in measured)
        if not measured or round_cost > clock.left() or (attempt and _cpu() + round_cost > rounds_end):
            break
        for _, args, number, _, rounds in measured:
            rounds.append(max(clock.call(func, args, number, guard=False) / number, 1e-9))
    table = [(n, per_call(first, rounds), number) for n, _, number, first, rounds in measured]
    del measured
    points = [(float(n), t) for n, t, _ in table]
    exponent = fitted_class = None
    exponent_low = None
    if cut_off and points:
        # the stopped call took longer than what was left of the budget: a lower bound on its growth
        n_last, t_last = points[-1]
        exponent_low = max(0.0, math.log(max(cut_off[1], t_last) / t_last) / math.log(cut_off[0] / n_last))
    if len(points) >= 2:
        exponent = _exponent(points)
    if len(points) >= 4:
        fits = {cls: _fit(points, _FUNCTIONS[cls])[2] for cls in CLASSES}
        best_rms = min(fits.values())
        fitted_class = next(cls for cls in CLASSES if fits[cls] <= best_rms * 1.1 + 0.005)
    if exponent is None:
        exponent = exponent_low
    elif (exponent_low is not None and expected is not None
          and _tier(exponent) <= CLASSES[expected] < _tier(exponent_low)):
        # the sizes measured look fine, but the next one ran past the budget: that alone is too slow.
        # (The bound depends on how much budget was left, so it only ever decides a failure.)
        exponent = exponent_low

    if exponent is None:
        looks_like = "too slow to measure"
        tier = None
    else:
        tier = _tier(exponent)
        looks_like = _TIER_WORDS[tier]

    if expected is None:
        ok = None
        verdict = f"{name}: looks like {looks_like}." if tier is not None else \
            f"{name}: could not measure enough sizes within {budget:g} s of CPU time ({stopped})."
    else:
        want = CLASSES[expected]
        if tier is None:
            ok = False
            verdict = (f"{name}: far too slow to measure (a call at n = {cut_off[0] if cut_off else sizes[0]:,} ran past "
                       f"the time budget); the statement asks for {expected}.")
        elif tier > want:
            ok = False
            verdict = f"{name}: looks like {looks_like}; the statement asks for {expected}."
        elif tier == want:
            ok = True
            verdict = f"{name}: looks like {expected}, as the statement asks."
        else:
            ok = True
            verdict = f"{name}: looks like {looks_like}, within the {expected} the statement asks."
    result = ComplexityResult(name=name, expected=expected, verdict=verdict, looks_like=looks_like,
                              fitted_class=fitted_class, exponent=exponent, ok=ok, table=table,
                              stopped=stopped, cpu_seconds=_cpu() - started)
    if show:
        print(result)
    if fail and ok is False:
        raise AssertionError(f"{verdict}\nCPU time per call, measured:\n{result.table_text()}")
    return result
