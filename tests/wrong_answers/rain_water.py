"""Planted answers for source/rain_water: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import numpy as np

from . import Bank

bank = Bank("rain_water")

# ------------------------------------------------------------------ trap_brute_force

@bank.wrong("trap_brute_force", "walls_exclude_bar", "looks for walls strictly left and right of the bar, so a peak gets negative water",
            fails=("examples", "input-unchanged", "random", "types"))
def trap_brute_force(heights):
    n = len(heights)
    if any(h < 0 for h in heights):
        raise ValueError(f"negative height {min(heights)}")
    water = 0
    for i in range(1, n - 1):
        left = max(heights[:i])
        right = max(heights[i + 1:])
        water += min(left, right) - heights[i]
    return water


@bank.wrong("trap_brute_force", "left_wall_only", "uses only the highest bar on the left",
            fails=("examples", "input-unchanged", "random", "types"))
def trap_brute_force(heights):
    if any(h < 0 for h in heights):
        raise ValueError(f"negative height {min(heights)}")
    water = 0
    for i in range(len(heights)):
        water += max(heights[: i + 1]) - heights[i]
    return water


@bank.wrong("trap_brute_force", "no_validation", "never checks for negative heights",
            fails=("validation",))
def trap_brute_force(heights):
    n = len(heights)
    water = 0
    for i in range(n):
        water += min(max(heights[: i + 1]), max(heights[i:])) - heights[i]
    return water


@bank.wrong("trap_brute_force", "memorised_examples", "games the tests: returns the answers of the statement's examples and 0 otherwise",
            fails=("examples", "input-unchanged", "random", "types"))
def trap_brute_force(heights):
    known = {(0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1): 6, (4, 2, 0, 3, 2, 5): 9, (3, 0, 3): 3}
    if any(h < 0 for h in heights):
        raise ValueError(f"negative height {min(heights)}")
    return known.get(tuple(heights), 0)


@bank.wrong("trap_brute_force", "sorts_input", "sorts the caller's list in place to find the tallest bars",
            fails=("input-unchanged",))
def trap_brute_force(heights):
    if any(h < 0 for h in heights):
        raise ValueError(f"negative height {min(heights)}")
    water = 0
    for i in range(len(heights)):
        water += min(max(heights[: i + 1]), max(heights[i:])) - heights[i]
    if isinstance(heights, list):
        heights.sort()
    return water


@bank.wrong("trap_brute_force", "float_result", "returns a float because it averages nothing but divides by 1.0",
            fails=("types",))
def trap_brute_force(heights):
    if any(h < 0 for h in heights):
        raise ValueError(f"negative height {min(heights)}")
    water = 0.0
    for i in range(len(heights)):
        water += (min(max(heights[: i + 1]), max(heights[i:])) - heights[i]) / 1.0
    return water


@bank.correct("trap_brute_force", "numpy_rows", "brute force written with numpy slices")
def trap_brute_force(heights):
    a = np.array(heights, dtype=np.int64).reshape(-1)
    if a.size and a.min() < 0:
        raise ValueError(f"negative height {a.min()}")
    return int(sum(min(a[: i + 1].max(), a[i:].max()) - a[i] for i in range(a.size)))


# ------------------------------------------------------------------ trap

@bank.wrong("trap", "right_max_off_by_one", "the suffix maxima start one bar too early and miss the last bar",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def trap(heights):
    n = check_heights(heights)
    if n < 3:
        return 0
    left_max = [0] * n
    right_max = [0] * n
    left_max[0] = heights[0]
    for i in range(1, n):
        left_max[i] = max(left_max[i - 1], heights[i])
    right_max[n - 2] = max(heights[n - 2], heights[n - 1])
    for i in range(n - 3, -1, -1):
        right_max[i] = max(right_max[i + 1], heights[i])
    right_max[n - 1] = heights[n - 2]
    return int(sum(max(0, min(left_max[i], right_max[i]) - heights[i]) for i in range(n)))


@bank.wrong("trap", "negative_edges", "leaves the end bars out of the maxima, so water can be negative at the edges",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def trap(heights):
    n = check_heights(heights)
    if n < 3:
        return 0
    left_max = [0] * n
    right_max = [0] * n
    for i in range(1, n):
        left_max[i] = max(left_max[i - 1], heights[i - 1])
    for i in range(n - 2, -1, -1):
        right_max[i] = max(right_max[i + 1], heights[i + 1])
    return int(sum(min(left_max[i], right_max[i]) - heights[i] for i in range(1, n - 1)))


@bank.wrong("trap", "quadratic", "recomputes max() of slices for every bar: O(n^2)",
            fails=("complexity",))
def trap(heights):
    n = check_heights(heights)
    return int(sum(min(max(heights[: i + 1]), max(heights[i:])) - heights[i] for i in range(n)))


@bank.wrong("trap", "no_validation", "never checks for negative heights",
            fails=("validation",))
def trap(heights):
    h = list(heights)
    n = len(h)
    if n < 3:
        return 0
    left, right = h[:], h[:]
    for i in range(1, n):
        left[i] = max(left[i - 1], h[i])
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], h[i])
    return sum(min(l, r) - x for l, r, x in zip(left, right, h))


@bank.wrong("trap", "overwrites_input", "stores the prefix maxima in the caller's list",
            fails=("input-unchanged",))
def trap(heights):
    n = check_heights(heights)
    if n < 3:
        return 0
    original = list(heights)
    right = original[:]
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], original[i])
    for i in range(1, n):
        heights[i] = max(heights[i - 1], heights[i])
    return int(sum(min(heights[i], right[i]) - original[i] for i in range(n)))


@bank.wrong("trap", "misspelt_name", "misspells heights as heigths in the first line, so every call raises NameError",
            demo="raises",
            fails=("complexity", "examples", "input-unchanged", "random", "types", "validation"))
def trap(heights):
    n = len(heigths)
    if n < 3:
        return 0
    left_max = [heights[0]] * n
    right_max = [heights[-1]] * n
    for i in range(1, n):
        left_max[i] = max(left_max[i - 1], heights[i])
    for i in range(n - 2, -1, -1):
        right_max[i] = max(right_max[i + 1], heights[i])
    return int(sum(min(left_max[i], right_max[i]) - heights[i] for i in range(n)))


@bank.wrong("trap", "memorised_examples", "games the tests: a lookup table of the visible examples",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def trap(heights):
    check_heights(heights)
    table = {(0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1): 6, (4, 2, 0, 3, 2, 5): 9}
    return table.get(tuple(int(h) for h in heights), 0)


@bank.correct("trap", "stack", "a monotonic stack of bar positions fills the water layer by layer")
def trap(heights):
    check_heights(heights)
    stack, water = [], 0
    for i, h in enumerate(heights):
        while stack and heights[stack[-1]] < h:
            bottom = heights[stack.pop()]
            if not stack:
                break
            width = i - stack[-1] - 1
            water += (min(heights[stack[-1]], h) - bottom) * width
        stack.append(i)
    return int(water)


@bank.correct("trap", "numpy", "prefix and suffix maxima with np.maximum.accumulate")
def trap(heights):
    a = np.asarray(heights)
    if a.ndim != 1:
        raise ValueError(f"heights must be 1-D, got shape {a.shape}")
    if a.size and not np.issubdtype(a.dtype, np.integer):
        raise TypeError(f"heights must be integers, got dtype {a.dtype}")
    if a.size and a.min() < 0:
        raise ValueError(f"negative height {a.min()}")
    if a.size < 3:
        return 0
    a = a.astype(np.int64)
    return int((np.minimum(np.maximum.accumulate(a), np.maximum.accumulate(a[::-1])[::-1]) - a).sum())


# ------------------------------------------------------------------ trap_two_pointers

@bank.wrong("trap_two_pointers", "pointer_never_moves", "forgets to move the right pointer, so the loop never ends "
            "(and never checks the heights)", demo="loops",
            fails=("complexity", "examples", "input-unchanged", "random", "types", "validation"))
def trap_two_pointers(heights):
    left, right = 0, len(heights) - 1
    left_wall = right_wall = water = 0
    while left < right:
        if heights[left] < heights[right]:
            left_wall = max(left_wall, heights[left])
            water += left_wall - heights[left]
            left += 1
        else:
            right_wall = max(right_wall, heights[right])
            water += right_wall - heights[right]
    return int(water)


@bank.wrong("trap_two_pointers", "compares_walls_wrongly", "moves the pointer with the higher bar instead of the lower one",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def trap_two_pointers(heights):
    n = check_heights(heights)
    left, right = 0, n - 1
    left_wall = right_wall = water = 0
    while left < right:
        if heights[left] > heights[right]:
            left_wall = max(left_wall, heights[left])
            water += left_wall - heights[left]
            left += 1
        else:
            right_wall = max(right_wall, heights[right])
            water += right_wall - heights[right]
            right -= 1
    return int(water)


# the demo's "partial" answer: its time is linear, so it passes the visible tests (check_complexity
# times it); only the hidden memory check fails. (A quadratic answer now fails a visible test.)
@bank.wrong("trap_two_pointers", "linear_space", "correct, but copies the input into prefix and suffix lists: O(n) space",
            demo="partial",
            fails=("complexity",))
def trap_two_pointers(heights):
    n = check_heights(heights)
    h = list(heights)
    if n < 3:
        return 0
    left, right = h[:], h[:]
    for i in range(1, n):
        left[i] = max(left[i - 1], h[i])
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], h[i])
    return int(sum(min(l, r) - x for l, r, x in zip(left, right, h)))


@bank.wrong("trap_two_pointers", "stops_one_early", "loops while left < right - 1 and so skips the last bar between the pointers",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def trap_two_pointers(heights):
    n = check_heights(heights)
    left, right = 0, n - 1
    left_wall = right_wall = water = 0
    while left < right - 1:
        if heights[left] < heights[right]:
            left_wall = max(left_wall, heights[left])
            water += left_wall - heights[left]
            left += 1
        else:
            right_wall = max(right_wall, heights[right])
            water += right_wall - heights[right]
            right -= 1
    return int(water)


@bank.wrong("trap_two_pointers", "no_validation", "never checks for negative heights",
            fails=("validation",))
def trap_two_pointers(heights):
    left, right = 0, len(heights) - 1
    left_wall = right_wall = water = 0
    while left < right:
        if heights[left] < heights[right]:
            left_wall = max(left_wall, heights[left])
            water += left_wall - heights[left]
            left += 1
        else:
            right_wall = max(right_wall, heights[right])
            water += right_wall - heights[right]
            right -= 1
    return int(water)


@bank.correct("trap_two_pointers", "walls_first", "updates the walls before comparing them")
def trap_two_pointers(heights):
    check_heights(heights)
    left, right = 0, len(heights) - 1
    left_wall = right_wall = water = 0
    while left <= right:
        left_wall = max(left_wall, heights[left])
        right_wall = max(right_wall, heights[right])
        if left_wall <= right_wall:
            water += left_wall - heights[left]
            left += 1
        else:
            water += right_wall - heights[right]
            right -= 1
    return int(water)


# ------------------------------------------------------------------ water_levels

@bank.wrong("water_levels", "surface_height", "returns the height of the water surface instead of the depth above the bar",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def water_levels(heights):
    n = check_heights(heights)
    if n < 3:
        return [0] * n
    out = []
    for i in range(n):
        out.append(int(min(max(heights[: i + 1]), max(heights[i:]))))
    return out


@bank.wrong("water_levels", "skips_edges", "returns only the n - 2 inner bars",
            fails=("complexity", "examples", "input-unchanged", "random", "types"))
def water_levels(heights):
    n = check_heights(heights)
    if n < 3:
        return [0] * n
    levels = []
    left = heights[0]
    right = [0] * n
    right[-1] = heights[-1]
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], heights[i])
    for i in range(1, n - 1):
        left = max(left, heights[i])
        levels.append(int(min(left, right[i]) - heights[i]))
    return levels


@bank.wrong("water_levels", "numpy_array", "returns a numpy array, not a list of ints",
            fails=("types",))
def water_levels(heights):
    check_heights(heights)
    a = np.asarray(heights, dtype=np.int64)
    if a.size < 3:
        return np.zeros(a.size, dtype=np.int64)
    return np.minimum(np.maximum.accumulate(a), np.maximum.accumulate(a[::-1])[::-1]) - a


@bank.wrong("water_levels", "fills_input", "writes the levels into the caller's list",
            fails=("input-unchanged",))
def water_levels(heights):
    n = check_heights(heights)
    if n < 3:
        return [0] * n
    h = list(heights)
    right = h[:]
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], h[i])
    wall = 0
    for i in range(n):
        wall = max(wall, h[i])
        heights[i] = int(min(wall, right[i]) - h[i])
    return list(heights)


@bank.correct("water_levels", "numpy_tolist", "numpy maxima, converted with tolist()")
def water_levels(heights):
    check_heights(heights)
    a = np.asarray(heights, dtype=np.int64).reshape(-1)
    if a.size < 3:
        return [0] * int(a.size)
    return (np.minimum(np.maximum.accumulate(a), np.maximum.accumulate(a[::-1])[::-1]) - a).tolist()


# ------------------------------------------------------------------ interview-style answers
# Right answers written as a candidate writes them at the whiteboard: short, idiomatic, no input
# checks. They must keep every point except the validation check's.

@bank.interview("trap_brute_force", "one_line_sum", "a generator over the bars with max() of both slices; no checks")
def trap_brute_force(heights):
    return sum(min(max(heights[: i + 1]), max(heights[i:])) - h for i, h in enumerate(heights))


@bank.interview("trap", "accumulate_max", "prefix and suffix maxima with itertools.accumulate(..., max); no checks")
def trap(heights):
    from itertools import accumulate
    left = list(accumulate(heights, max))
    right = list(accumulate(reversed(heights), max))[::-1]
    return sum(min(l, r) - h for l, r, h in zip(left, right, heights))


@bank.interview("trap_two_pointers", "walls_in_loop", "the textbook two-pointer loop that raises the walls as it goes; no checks")
def trap_two_pointers(heights):
    i, j = 0, len(heights) - 1
    lo = hi = total = 0
    while i < j:
        lo, hi = max(lo, heights[i]), max(hi, heights[j])
        if lo < hi:
            total += lo - heights[i]
            i += 1
        else:
            total += hi - heights[j]
            j -= 1
    return total


@bank.interview("water_levels", "accumulate_zip", "two accumulate passes zipped into a list comprehension; no checks")
def water_levels(heights):
    from itertools import accumulate
    left = list(accumulate(heights, max))
    right = list(accumulate(reversed(heights), max))[::-1]
    return [int(min(l, r) - h) for l, r, h in zip(left, right, heights)]
