"""The reference answers of source/coding_questions against independent brute-force oracles.

The reference functions come from executing the source notebook's setup cell, its locked
provided cells (the linked-list classes) and its solution cells into one namespace.
"""
from __future__ import annotations

import itertools
import random
import re
from collections import deque

import pytest

from harness import reference_namespace

TOPIC = "coding_questions"


@pytest.fixture(scope="module")
def ref():
    return reference_namespace(TOPIC)


# ----------------------------------------------------------------------------- oracles

def _is_subsequence(small: str, big: str) -> bool:
    rest = iter(big)
    return all(ch in rest for ch in small)


def _lcs_length_exhaustive(a: str, b: str) -> int:
    """Every subsequence of a, longest first: exponential, only for short strings."""
    for size in range(len(a), -1, -1):
        for idx in itertools.combinations(range(len(a)), size):
            if _is_subsequence("".join(a[i] for i in idx), b):
                return size
    return 0


def _ladder_all_pairs(begin: str, end: str, words) -> int:
    """Plain BFS over a graph built by comparing every pair of words."""
    if begin == end:
        return 1
    pool = {w for w in words if len(w) == len(begin)}
    if end not in pool:
        return 0
    nodes = sorted(pool | {begin})
    adjacent = {w: [] for w in nodes}
    for u, v in itertools.combinations(nodes, 2):
        if sum(x != y for x, y in zip(u, v)) == 1:
            adjacent[u].append(v)
            adjacent[v].append(u)
    dist = {begin: 1}
    queue = deque([begin])
    while queue:
        u = queue.popleft()
        for v in adjacent[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist.get(end, 0)


class _CountingSequence:
    def __init__(self, values):
        self._values = list(values)
        self.reads = 0

    def __len__(self):
        return len(self._values)

    def __getitem__(self, index):
        result = self._values[index]
        self.reads += len(result) if isinstance(index, slice) else 1
        return result


# ----------------------------------------------------------------------------- tests

def test_crack_pin_tries_every_pin_in_order(ref):
    crack_pin = ref["crack_pin"]
    order = [f"{a}{b}{c}" for a in "0123456789" for b in "0123456789" for c in "0123456789"]
    for secret in order[::7] + ["999"]:
        tried = []
        assert crack_pin(lambda pin: tried.append(pin) or pin == secret) == secret
        assert tried == order[: order.index(secret) + 1]
    assert crack_pin(lambda pin: False) is None
    with pytest.raises(TypeError):
        crack_pin(None)


def test_digit_accumulator_matches_regex_and_float(ref):
    digit_accumulator = ref["digit_accumulator"]
    rng = random.Random(1)
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice("0123456789.-+eE") for _ in range(rng.randint(0, 7)))
        try:
            float(text)
        except ValueError:
            with pytest.raises(ValueError):
                digit_accumulator(text)
            continue
        assert digit_accumulator(text) == sum(int(d) for d in re.findall(r"\d", text)), text
        checked += 1
    assert checked > 300
    for value in (0.1, -2.5e-300, 6.02214076e23, 123456789.0):
        for text in (repr(value), f"{value:e}", f"{value:.6f}"):
            assert digit_accumulator(text) == sum(int(d) for d in re.findall(r"\d", text))


def test_search_list_matches_membership(ref):
    LinkedList, search_list = ref["LinkedList"], ref["search_list"]
    rng = random.Random(2)
    for _ in range(500):
        values = [rng.randint(0, 6) for _ in range(rng.randint(0, 10))]
        target = rng.randint(0, 8)
        assert search_list(LinkedList.from_values(values), target) == (target in values)
    with pytest.raises(TypeError):
        search_list([1, 2], 1)


def test_is_shift_matches_all_rotations_exhaustively(ref):
    is_shift = ref["is_shift"]
    strings = ["".join(p) for n in range(6) for p in itertools.product("ab", repeat=n)]
    for a in strings:
        rotations = {a[i:] + a[:i] for i in range(len(a))} | ({""} if a == "" else set())
        for b in strings:
            assert is_shift(a, b) is (b in rotations), (a, b)


def test_closest_key_matches_sorting_by_distance_then_order(ref):
    closest_key = ref["closest_key"]
    rng = random.Random(3)
    for _ in range(1000):
        keys = rng.sample("pqrstuvw", rng.randint(0, 6))
        d = {k: [rng.choice("abcd") for _ in range(rng.randint(0, 5))] for k in keys}
        target = rng.choice("abcde")
        ranked = sorted((lst.index(target), order, k) for order, (k, lst) in enumerate(d.items()) if target in lst)
        assert closest_key(d, target) == (ranked[0][2] if ranked else None), (d, target)
    assert closest_key({"a": ["b", "c", "e"], "m": ["c", "e"]}, "c") == "m"


def test_shortest_transformation_matches_all_pairs_bfs(ref):
    shortest_transformation = ref["shortest_transformation"]
    rng = random.Random(4)
    pool = ["".join(p) for p in itertools.product("abc", repeat=3)] + ["ab", "abcd"]
    for _ in range(400):
        words = rng.sample(pool, rng.randint(0, 18))
        begin, end = rng.choice(pool[:27]), rng.choice(words or pool)
        assert shortest_transformation(begin, end, words) == _ladder_all_pairs(begin, end, words), (begin, end, words)
    example = ["same", "came", "case", "cast", "lost", "last", "cost"]
    assert shortest_transformation("same", "cost", example) == 5 == _ladder_all_pairs("same", "cost", example)


def test_longest_common_subsequence_is_a_longest_common_subsequence(ref):
    lcs = ref["longest_common_subsequence"]
    rng = random.Random(5)
    for _ in range(400):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        got = lcs(a, b)
        assert _is_subsequence(got, a) and _is_subsequence(got, b), (a, b, got)
        assert len(got) == _lcs_length_exhaustive(a, b), (a, b, got)
    assert lcs("abbc", "acc") == "ac"


def test_lcs_length_matches_the_exhaustive_search_and_the_subsequence(ref):
    lcs_length, lcs = ref["lcs_length"], ref["longest_common_subsequence"]
    rng = random.Random(9)
    for _ in range(400):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        assert lcs_length(a, b) == lcs_length(b, a) == _lcs_length_exhaustive(a, b), (a, b)
    for _ in range(20):
        a = "".join(rng.choice("ACGT") for _ in range(rng.randint(50, 300)))
        b = "".join(rng.choice("ACGT") for _ in range(rng.randint(1, 60)))
        assert lcs_length(a, b) == lcs_length(b, a) == len(lcs(a, b)), (a, b)
    assert lcs_length("ABCBDAB", "BDCABA") == 4


def test_closest_elements_matches_a_scan_and_reads_logarithmically(ref):
    closest_elements = ref["closest_elements"]
    rng = random.Random(6)
    for _ in range(1000):
        nums = sorted(rng.sample(range(-40, 40), rng.randint(0, 15)))
        target = rng.choice([rng.randint(-45, 45), rng.randint(-90, 90) / 2])
        k = rng.randint(0, 4)
        if nums:
            best = min(range(len(nums)), key=lambda i: (abs(nums[i] - target), nums[i]))
            expected = nums[max(0, best - k): best + k + 1]
        else:
            expected = []
        assert closest_elements(nums, target, k) == expected, (nums, target, k)
    seq = _CountingSequence(range(0, 2 * 200_000, 2))
    assert closest_elements(seq, 123_457, 2) == [123_452, 123_454, 123_456, 123_458, 123_460]
    assert seq.reads <= 2 * (200_000).bit_length() + 5 + 4
