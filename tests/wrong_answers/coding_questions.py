"""Planted answers for source/coding_questions: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
from . import Bank

bank = Bank("coding_questions")

# ------------------------------------------------------------------ crack_pin

@bank.wrong("crack_pin", "starts_at_001", "range(1, 1000): never tries the PIN 000", fails=("examples", "random"))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    for number in range(1, 1000):
        pin = f"{number:03d}"
        if is_correct(pin):
            return pin
    return None


@bank.wrong("crack_pin", "returns_int", "returns the PIN as the number int(pin), losing its leading zeros", fails=("examples", "random"))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    for number in range(1000):
        if is_correct(f"{number:03d}"):
            return number
    return None


@bank.wrong("crack_pin", "no_zero_padding", "tries str(number), so '7' instead of '007'", fails=("examples", "random"))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    for number in range(1000):
        if is_correct(str(number)):
            return str(number)
    return None


@bank.wrong("crack_pin", "stops_at_998", "range(999) never tries 999", fails=("examples",))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    for number in range(999):
        pin = f"{number:03d}"
        if is_correct(pin):
            return pin
    return None


@bank.wrong("crack_pin", "keeps_going", "does not stop at the first hit: tries all 1,000 PINs and returns the last one accepted", fails=("examples", "random"))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    found = None
    for number in range(1000):
        pin = f"{number:03d}"
        if is_correct(pin):
            found = pin
    return found


@bank.wrong("crack_pin", "random_order", "tries the PINs in a shuffled order", fails=("examples", "random"))
def crack_pin(is_correct):
    import random
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    pins = [f"{number:03d}" for number in range(1000)]
    random.shuffle(pins)
    for pin in pins:
        if is_correct(pin):
            return pin
    return None


@bank.wrong("crack_pin", "memorised_pins", "games the tests: only tries the PINs that appear in the examples", fails=("examples", "random"))
def crack_pin(is_correct):
    if not callable(is_correct):
        raise TypeError("is_correct must be callable")
    for pin in ["000", "042", "517", "999"]:
        if is_correct(pin):
            return pin
    return None


@bank.correct("crack_pin", "itertools_product", "itertools.product over the digits yields the PINs in the same order")
def crack_pin(is_correct):
    from itertools import product
    if not callable(is_correct):
        raise TypeError(f"is_correct must be callable, got {type(is_correct).__name__}")
    for digits in product("0123456789", repeat=3):
        pin = "".join(digits)
        if is_correct(pin):
            return pin
    return None


# ------------------------------------------------------------------ digit_accumulator

@bank.wrong("digit_accumulator", "skips_exponent", "drops everything after the 'e', so the exponent's digits are lost", fails=("examples", "random"))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    float(s)
    mantissa = s.lower().split("e")[0]
    return sum(int(c) for c in mantissa if c.isdigit())


@bank.wrong("digit_accumulator", "counts_minus", "filters out '.', 'e' and '+' only, so '-' counts as ord('-') - ord('0') = -3", fails=("examples", "random"))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    float(s)
    return sum(ord(c) - ord("0") for c in s if c not in ".eE+")


@bank.wrong("digit_accumulator", "float_roundtrip", "adds the digits of str(float(s)), which rewrites the number (1e3 becomes 1000.0)", fails=("examples", "random"))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    return sum(int(c) for c in str(float(s)) if c.isdigit())


@bank.wrong("digit_accumulator", "integer_part_only", "adds the digits of int(float(s)) only", fails=("examples", "random"))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    return sum(int(c) for c in str(abs(int(float(s)))))


@bank.wrong("digit_accumulator", "no_validation", "never checks that s is a number: '12.3.4' gives 10 instead of ValueError", fails=("validation",))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    return sum(int(c) for c in s if c.isdigit())


@bank.wrong("digit_accumulator", "memorised_examples", "games the tests: a table of the visible examples", fails=("examples", "random"))
def digit_accumulator(s):
    if not isinstance(s, str):
        raise TypeError("s must be a string")
    value = float(s)
    known = {"-12.5e3": 11, "0.07": 7, "3.14159": 23, "42": 6}
    return known.get(s, 0)


@bank.correct("digit_accumulator", "regex", "float() for the check, re.findall for the digits")
def digit_accumulator(s):
    import re
    if not isinstance(s, str):
        raise TypeError(f"s must be a string, got {type(s).__name__}")
    try:
        float(s)
    except ValueError:
        raise ValueError(f"not a floating-point number: {s!r}")
    return sum(map(int, re.findall(r"[0-9]", s)))


# ------------------------------------------------------------------ search_list

@bank.wrong("search_list", "skips_head", "starts at headval.nextval, so the first node is never looked at", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")
    if linked_list.headval is None:
        return False
    node = linked_list.headval.nextval
    while node is not None:
        if node.dataval == target:
            return True
        node = node.nextval
    return False


@bank.wrong("search_list", "skips_last", "loops while node.nextval is not None, so the last node is never looked at", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")
    node = linked_list.headval
    if node is None:
        return False
    while node.nextval is not None:
        if node.dataval == target:
            return True
        node = node.nextval
    return False


@bank.wrong("search_list", "never_advances", "forgets node = node.nextval: loops forever unless the head holds the target",
            demo="loops", fails=("complexity", "examples", "input-unchanged", "random", "validation"))
def search_list(linked_list, target):
    node = linked_list.headval
    while node is not None:
        if node.dataval == target:
            return True
    return False


@bank.wrong("search_list", "walks_the_head", "advances linked_list.headval itself, emptying the caller's list", fails=("input-unchanged",))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")
    while linked_list.headval is not None:
        if linked_list.headval.dataval == target:
            return True
        linked_list.headval = linked_list.headval.nextval
    return False


@bank.wrong("search_list", "recursive", "recursion one call per node: RecursionError on a long list", fails=("complexity",))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")

    def search_from(node):
        if node is None:
            return False
        return node.dataval == target or search_from(node.nextval)

    return search_from(linked_list.headval)


@bank.wrong("search_list", "identity", "compares with `is`, so equal values that are different objects are missed", fails=('complexity', 'examples', 'input-unchanged'))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")
    node = linked_list.headval
    while node is not None:
        if node.dataval is target:
            return True
        node = node.nextval
    return False


@bank.wrong("search_list", "searches_repr", "games the tests: looks for the target's text in the list's repr", fails=("random",))
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError("linked_list must be a LinkedList")
    if linked_list.headval is None:
        return False
    return repr(target) in repr(linked_list)


@bank.correct("search_list", "generator", "a generator walks the nodes, any() stops at the first match")
def search_list(linked_list, target):
    if not hasattr(linked_list, "headval"):
        raise TypeError(f"expected a linked list with a headval, got {type(linked_list).__name__}")

    def values():
        node = linked_list.headval
        while node:
            yield node.dataval
            node = node.nextval

    return any(value == target for value in values())


# ------------------------------------------------------------------ is_shift

@bank.wrong("is_shift", "no_length_check", "b in a + a without comparing lengths: 'ab' counts as a shift of 'abab'", fails=("examples", "random"))
def is_shift(a, b):
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("a and b must be strings")
    return b in a + a


@bank.wrong("is_shift", "same_letters", "compares sorted letters: any anagram passes", fails=("examples", "random"))
def is_shift(a, b):
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("a and b must be strings")
    return sorted(a) == sorted(b)


@bank.wrong("is_shift", "empty_is_false", "tries the rotations in a loop that never runs for '', so '' is not a shift of ''", fails=("examples", "random"))
def is_shift(a, b):
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("a and b must be strings")
    if len(a) != len(b):
        return False
    for i in range(len(a)):
        if a[i:] + a[:i] == b:
            return True
    return False


@bank.wrong("is_shift", "one_step", "only checks a rotation by one position to the left or right", fails=("random",))
def is_shift(a, b):
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("a and b must be strings")
    if len(a) != len(b):
        return False
    return a == b or a[1:] + a[:1] == b or a[-1:] + a[:-1] == b


@bank.wrong("is_shift", "no_type_check", "never checks the types: bytes are accepted instead of raising TypeError", fails=("validation",))
def is_shift(a, b):
    return len(a) == len(b) and b in a + a


@bank.correct("is_shift", "all_rotations", "builds every rotation of a, with the empty string handled")
def is_shift(a, b):
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError(f"a and b must be strings, got {type(a).__name__} and {type(b).__name__}")
    if len(a) != len(b):
        return False
    return a == b or any(a[i:] + a[:i] == b for i in range(1, len(a)))


# ------------------------------------------------------------------ closest_key

@bank.wrong("closest_key", "last_tie", "replaces the best key on an equal distance (<=), so the last tied key wins", fails=('examples', 'input-unchanged', 'random'))
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError("dictionary must be a dict")
    best_key, best = None, None
    for key, values in dictionary.items():
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"value of {key!r} is not a list")
        if input in values:
            distance = values.index(input)
            if best is None or distance <= best:
                best_key, best = key, distance
    return best_key


@bank.wrong("closest_key", "last_occurrence", "a {value: position} dict keeps the last position of a repeated value", fails=('examples', 'input-unchanged', 'random'))
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError("dictionary must be a dict")
    best_key, best = None, None
    for key, values in dictionary.items():
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"value of {key!r} is not a list")
        positions = {value: i for i, value in enumerate(values)}
        if input in positions and (best is None or positions[input] < best):
            best_key, best = key, positions[input]
    return best_key


@bank.wrong("closest_key", "index_raises", "min() over list.index(input), which raises ValueError for a list without input",
            demo="raises", fails=("examples", "input-unchanged", "random", "validation"))
def closest_key(dictionary, input):
    return min(dictionary, key=lambda key: dictionary[key].index(input))


# the demo's "partial" answer (a scan where binary search is asked, the earlier one, now fails the
# visible complexity check of closest_elements)
@bank.wrong("closest_key", "sorted_ties", "breaks ties by sorting the keys instead of keeping the dictionary's order",
            demo="partial", fails=('examples', 'input-unchanged', 'random'))
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError("dictionary must be a dict")
    found = []
    for key, values in dictionary.items():
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"value of {key!r} is not a list")
        if input in values:
            found.append((values.index(input), str(key), key))
    return min(found)[2] if found else None


@bank.wrong("closest_key", "first_containing", "returns the first key whose list contains input, whatever its position", fails=('examples', 'input-unchanged', 'random', 'validation'))
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError("dictionary must be a dict")
    for key, values in dictionary.items():
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"value of {key!r} is not a list")
        if input in values:
            return key
    return None


@bank.wrong("closest_key", "no_value_check", "never checks the values: a string value is searched letter by letter", fails=("validation",))
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError("dictionary must be a dict")
    best_key, best = None, None
    for key, values in dictionary.items():
        if input in values:
            distance = values.index(input)
            if best is None or distance < best:
                best_key, best = key, distance
    return best_key


@bank.correct("closest_key", "min_with_order", "min over (distance, order) pairs of the keys that hold input")
def closest_key(dictionary, input):
    if not isinstance(dictionary, dict):
        raise TypeError(f"dictionary must be a dict, got {type(dictionary).__name__}")
    candidates = []
    for order, (key, values) in enumerate(dictionary.items()):
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"the value of {key!r} must be a list, got {type(values).__name__}")
        if input in values:
            candidates.append((values.index(input), order))
    if not candidates:
        return None
    return list(dictionary)[min(candidates)[1]]


# ------------------------------------------------------------------ shortest_transformation

bank.raw("shortest_transformation", "counts_edges", "a correct BFS that returns the number of changes, one less than the number of words", """
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    words = set(word_list)
    if any(not isinstance(w, str) for w in words):
        raise TypeError("word_list must hold strings")
    if begin_word == end_word:
        return 0
    if end_word not in words:
        return 0
    steps = {begin_word: 0}
    queue = deque([begin_word])
    while queue:
        word = queue.popleft()
        for i in range(len(word)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + c + word[i + 1:]
                if nxt in words and nxt not in steps:
                    steps[nxt] = steps[word] + 1
                    if nxt == end_word:
                        return steps[nxt]
                    queue.append(nxt)
    return 0
""", fails=('complexity', 'examples', 'input-unchanged', 'random'))


@bank.wrong("shortest_transformation", "all_pairs", "builds the graph by comparing every pair of words: O(n^2) on 10,000 words", fails=("complexity",))
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    if any(not isinstance(w, str) for w in word_list):
        raise TypeError("word_list must hold strings")
    if begin_word == end_word:
        return 1
    words = sorted({w for w in word_list if len(w) == len(begin_word)} | {begin_word})
    if end_word not in word_list:
        return 0
    neighbours = {w: [] for w in words}
    for i, u in enumerate(words):
        for v in words[i + 1:]:
            if sum(x != y for x, y in zip(u, v)) == 1:
                neighbours[u].append(v)
                neighbours[v].append(u)
    length = {begin_word: 1}
    queue = deque([begin_word])
    while queue:
        word = queue.popleft()
        for nxt in neighbours[word]:
            if nxt not in length:
                length[nxt] = length[word] + 1
                queue.append(nxt)
    return length.get(end_word, 0)


@bank.wrong("shortest_transformation", "depth_first", "depth-first search returns the first chain it finds, not the shortest", fails=("random",))
def shortest_transformation(begin_word, end_word, word_list):
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    words = set(word_list)
    if any(not isinstance(w, str) for w in words):
        raise TypeError("word_list must hold strings")
    if begin_word == end_word:
        return 1
    if end_word not in words:
        return 0
    seen = {begin_word}
    stack = [(begin_word, 1)]
    while stack:
        word, count = stack.pop()
        if word == end_word:
            return count
        for i in range(len(word)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + c + word[i + 1:]
                if nxt in words and nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, count + 1))
    return 0


@bank.wrong("shortest_transformation", "end_not_required", "lets the last step land on end_word even when it is not in word_list", fails=("random",))
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    words = set(word_list) | {end_word}
    if any(not isinstance(w, str) for w in words):
        raise TypeError("word_list must hold strings")
    length = {begin_word: 1}
    queue = deque([begin_word])
    while queue:
        word = queue.popleft()
        if word == end_word:
            return length[word]
        for i in range(len(word)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + c + word[i + 1:]
                if nxt in words and nxt not in length:
                    length[nxt] = length[word] + 1
                    queue.append(nxt)
    return 0


@bank.wrong("shortest_transformation", "begin_in_list", "returns 0 unless begin_word is in word_list too", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    words = set(word_list)
    if any(not isinstance(w, str) for w in words):
        raise TypeError("word_list must hold strings")
    if begin_word == end_word:
        return 1
    if begin_word not in words or end_word not in words:
        return 0
    length = {begin_word: 1}
    queue = deque([begin_word])
    while queue:
        word = queue.popleft()
        if word == end_word:
            return length[word]
        for i in range(len(word)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + c + word[i + 1:]
                if nxt in words and nxt not in length:
                    length[nxt] = length[word] + 1
                    queue.append(nxt)
    return 0


@bank.wrong("shortest_transformation", "removes_from_caller", "marks words as visited by removing them from the caller's list", fails=("complexity", "input-unchanged"))
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    if any(not isinstance(w, str) for w in word_list):
        raise TypeError("word_list must hold strings")
    if begin_word == end_word:
        return 1
    if end_word not in word_list:
        return 0
    words = word_list if isinstance(word_list, (list, set)) else set(word_list)
    queue = deque([(begin_word, 1)])
    while queue:
        word, count = queue.popleft()
        for i in range(len(word)):
            for c in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + c + word[i + 1:]
                if nxt in words:
                    if nxt == end_word:
                        return count + 1
                    words.remove(nxt)
                    queue.append((nxt, count + 1))
    return 0


@bank.wrong("shortest_transformation", "memorised_examples", "games the tests: the answers of the visible examples", fails=('complexity', 'examples', 'input-unchanged', 'random', 'validation'))
def shortest_transformation(begin_word, end_word, word_list):
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("words must be strings")
    if not isinstance(word_list, (list, tuple, set)):
        raise TypeError("word_list must be a list")
    if begin_word == end_word:
        return 1
    if end_word not in word_list:
        return 0
    if len(begin_word) == 1:
        return 2
    return {("same", "cost"): 5, ("hit", "cog"): 5}.get((begin_word, end_word), 0)


@bank.correct("shortest_transformation", "letter_swaps", "BFS that tries every letter of the words' alphabet at every position")
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("begin_word and end_word must be strings")
    if not isinstance(word_list, (list, tuple, set, frozenset)):
        raise TypeError(f"word_list must be a list of strings, got {type(word_list).__name__}")
    if not all(isinstance(w, str) for w in word_list):
        raise TypeError("word_list must hold strings only")
    if begin_word == end_word:
        return 1
    words = set(word_list)
    if end_word not in words:
        return 0
    alphabet = set("".join(words))
    seen = {begin_word}
    queue = deque([(begin_word, 1)])
    while queue:
        word, count = queue.popleft()
        for i in range(len(word)):
            for c in alphabet:
                nxt = word[:i] + c + word[i + 1:]
                if nxt == end_word:
                    return count + 1
                if nxt in words and nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, count + 1))
    return 0


@bank.correct("shortest_transformation", "two_ended", "bidirectional BFS: grow the smaller of the two frontiers")
def shortest_transformation(begin_word, end_word, word_list):
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("begin_word and end_word must be strings")
    if not isinstance(word_list, (list, tuple, set, frozenset)):
        raise TypeError(f"word_list must be a list of strings, got {type(word_list).__name__}")
    if not all(isinstance(w, str) for w in word_list):
        raise TypeError("word_list must hold strings only")
    if begin_word == end_word:
        return 1
    words = {w for w in word_list if len(w) == len(begin_word)}
    if end_word not in words:
        return 0
    alphabet = set("".join(words))
    front, back = {begin_word}, {end_word}
    words -= {begin_word, end_word}
    count = 2
    while front and back:
        if len(front) > len(back):
            front, back = back, front
        grown = set()
        for word in front:
            for i in range(len(word)):
                for c in alphabet:
                    nxt = word[:i] + c + word[i + 1:]
                    if nxt in back:
                        return count
                    if nxt in words:
                        words.discard(nxt)
                        grown.add(nxt)
        front = grown
        count += 1
    return 0


# ------------------------------------------------------------------ longest_common_subsequence

@bank.wrong("longest_common_subsequence", "substring", "finds the longest common substring (contiguous), not subsequence", fails=('complexity', 'examples', 'random'))
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    best, best_end = 0, 0
    table = [[0] * (len(string2) + 1) for _ in range(len(string1) + 1)]
    for i in range(1, len(string1) + 1):
        for j in range(1, len(string2) + 1):
            if string1[i - 1] == string2[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
                if table[i][j] > best:
                    best, best_end = table[i][j], i
    return string1[best_end - best: best_end]


@bank.wrong("longest_common_subsequence", "greedy", "matches each letter of string1 at the first place it fits in string2", fails=('complexity', 'examples', 'random'))
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    out, start = [], 0
    for ch in string1:
        pos = string2.find(ch, start)
        if pos >= 0:
            out.append(ch)
            start = pos + 1
    return "".join(out)


@bank.wrong("longest_common_subsequence", "not_reversed", "collects the letters from the end and forgets to reverse them", fails=('complexity', 'examples', 'random'))
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    n, m = len(string1), len(string2)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if string1[i - 1] == string2[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    out, i, j = [], n, m
    while i and j:
        if string1[i - 1] == string2[j - 1]:
            out.append(string1[i - 1])
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return "".join(out)


@bank.wrong("longest_common_subsequence", "filter_letters", "keeps the letters of string1 that occur anywhere in string2: right on the example only", fails=('complexity', 'examples', 'random'))
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    kept = "".join(ch for ch in string1 if ch in string2)
    return kept if len(kept) <= len(string2) else kept[: len(string2)]


@bank.wrong("longest_common_subsequence", "exhaustive", "tries the subsequences of the shorter string, longest first: exponential time", fails=("complexity", "random"))
def longest_common_subsequence(string1, string2):
    from itertools import combinations
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    short, long = (string1, string2) if len(string1) <= len(string2) else (string2, string1)

    def inside(sub, text):
        rest = iter(text)
        return all(ch in rest for ch in sub)

    for size in range(len(short), 0, -1):
        for idx in combinations(range(len(short)), size):
            candidate = "".join(short[k] for k in idx)
            if inside(candidate, long):
                return candidate
    return ""


@bank.wrong("longest_common_subsequence", "returns_length", "returns the length from the table instead of the string", fails=('complexity', 'examples', 'random'))
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("arguments must be strings")
    prev = [0] * (len(string2) + 1)
    for a in string1:
        cur = [0]
        for j, b in enumerate(string2):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


@bank.correct("longest_common_subsequence", "suffix_table", "table over suffixes, read forwards from the top-left corner")
def longest_common_subsequence(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    n, m = len(string1), len(string2)
    after = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if string1[i] == string2[j]:
                after[i][j] = after[i + 1][j + 1] + 1
            else:
                after[i][j] = max(after[i + 1][j], after[i][j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        if string1[i] == string2[j]:
            out.append(string1[i])
            i, j = i + 1, j + 1
        elif after[i + 1][j] > after[i][j + 1]:
            i += 1
        else:
            j += 1
    return "".join(out)


# ------------------------------------------------------------------ closest_elements

@bank.wrong("closest_elements", "linear_scan", "finds the closest element with min() over every position: n reads, not log n", fails=("complexity",))
def closest_elements(nums, N, k):
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    if len(nums) == 0:
        return []
    best = min(range(len(nums)), key=lambda i: (abs(nums[i] - N), nums[i]))
    return list(nums[max(0, best - k): best + k + 1])


@bank.wrong("closest_elements", "copies_to_list", "binary search, but only after list(nums): n reads", fails=("complexity",))
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    values = list(nums)
    if not values:
        return []
    i = bisect_left(values, N)
    if i == len(values) or (i > 0 and N - values[i - 1] <= values[i] - N):
        i -= 1
    return values[max(0, i - k): i + k + 1]


@bank.wrong("closest_elements", "larger_on_tie", "on a tie keeps the larger element", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    if len(nums) == 0:
        return []
    i = bisect_left(nums, N)
    if i == len(nums) or (i > 0 and N - nums[i - 1] < nums[i] - N):
        i -= 1
    return [nums[j] for j in range(max(0, i - k), min(len(nums), i + k + 1))]


@bank.wrong("closest_elements", "no_neighbour_check", "takes the first element >= N without comparing it with the one before", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    if len(nums) == 0:
        return []
    i = min(bisect_left(nums, N), len(nums) - 1)
    return [nums[j] for j in range(max(0, i - k), min(len(nums), i + k + 1))]


@bank.wrong("closest_elements", "window_wraps", "slices nums[i - k: i + k + 1] without max(0, ...): a negative start wraps around", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    if len(nums) == 0:
        return []
    i = bisect_left(nums, N)
    if i == len(nums) or (i > 0 and N - nums[i - 1] <= nums[i] - N):
        i -= 1
    return list(nums[i - k: i + k + 1])


@bank.wrong("closest_elements", "k_closest", "returns the 2k + 1 elements closest to N (another interview question) instead of a window around the closest one", fails=("random",))
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError("k must be an integer")
    if k < 0:
        raise ValueError("k must be at least 0")
    if isinstance(N, bool) or not isinstance(N, (int, float)):
        raise TypeError("N must be a number")
    n = len(nums)
    if n == 0:
        return []
    size = min(n, 2 * k + 1)
    low, high = 0, n - size
    while low < high:
        mid = (low + high) // 2
        if N - nums[mid] > nums[mid + size] - N:
            low = mid + 1
        else:
            high = mid
    return [nums[j] for j in range(low, low + size)]


@bank.correct("closest_elements", "bisect", "bisect_left finds the position, a slice turned into a list gives the window")
def closest_elements(nums, N, k):
    from bisect import bisect_left
    import numbers
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an int, got {k!r}")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    if isinstance(N, bool) or not isinstance(N, numbers.Real):
        raise TypeError(f"N must be a number, got {N!r}")
    if len(nums) == 0:
        return []
    i = bisect_left(nums, N)
    if i == len(nums) or (i > 0 and N - nums[i - 1] <= nums[i] - N):
        i -= 1
    return list(nums[max(0, i - k): i + k + 1])


@bank.correct("closest_elements", "closed_interval", "binary search on [low, high] that stops at the two values around N")
def closest_elements(nums, N, k):
    if type(k) is not int:
        raise TypeError(f"k must be an int, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    if type(N) not in (int, float):
        raise TypeError(f"N must be an int or a float, got {type(N).__name__}")
    n = len(nums)
    if n == 0:
        return []
    low, high = 0, n - 1
    while high - low > 1:
        mid = (low + high) // 2
        if nums[mid] <= N:
            low = mid
        else:
            high = mid
    a, b = nums[low], nums[high]
    if abs(a - N) <= abs(b - N):
        best = low
    else:
        best = high
    result = []
    for i in range(max(0, best - k), min(n, best + k + 1)):
        result.append(nums[i])
    return result


# ------------------------------------------------------------------ interview answers (#13, item 5)
# Right answers written the way a candidate writes them at a whiteboard: short, idiomatic, and
# without a single input check. They keep every point except the validation check's.

@bank.interview("crack_pin", "next_over_generator", "next() over a generator of the 1,000 PINs, None as the default; a non-callable fails with Python's own error, which does not name is_correct")
def crack_pin(is_correct):
    return next((pin for pin in (f"{i:03d}" for i in range(1000)) if is_correct(pin)), None)


@bank.interview("digit_accumulator", "isdigit_sum", "sum of int(ch) over the characters that are digits; never asks float() whether s is a number")
def digit_accumulator(s):
    return sum(int(ch) for ch in s if ch.isdigit())


@bank.interview("search_list", "while_loop", "the textbook walk along nextval, without checking what it was given")
def search_list(linked_list, target):
    node = linked_list.headval
    while node is not None:
        if node.dataval == target:
            return True
        node = node.nextval
    return False


@bank.interview("is_shift", "doubled_string", "the one-liner: same length and b inside a + a, whatever the types")
def is_shift(a, b):
    return len(a) == len(b) and b in a + a


@bank.interview("closest_key", "min_over_hits", "min over (position, order, key) of the keys whose list holds input")
def closest_key(dictionary, input):
    hits = [(values.index(input), order, key)
            for order, (key, values) in enumerate(dictionary.items()) if input in values]
    return min(hits)[2] if hits else None


@bank.interview("shortest_transformation", "bfs_letter_swaps", "BFS over (word, length) pairs, neighbours by swapping in every letter the words use")
def shortest_transformation(begin_word, end_word, word_list):
    from collections import deque
    words = set(word_list)
    if begin_word == end_word:
        return 1
    if end_word not in words:
        return 0
    letters = set("".join(words))
    queue, seen = deque([(begin_word, 1)]), {begin_word}
    while queue:
        word, length = queue.popleft()
        for i in range(len(word)):
            for letter in letters:
                nxt = word[:i] + letter + word[i + 1:]
                if nxt in words and nxt not in seen:
                    if nxt == end_word:
                        return length + 1
                    seen.add(nxt)
                    queue.append((nxt, length + 1))
    return 0


@bank.interview("longest_common_subsequence", "dp_table", "the classic (m + 1) x (n + 1) table and a walk back from its corner")
def longest_common_subsequence(string1, string2):
    m, n = len(string1), len(string2)
    L = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m):
        for j in range(n):
            L[i + 1][j + 1] = L[i][j] + 1 if string1[i] == string2[j] else max(L[i][j + 1], L[i + 1][j])
    out, i, j = [], m, n
    while i and j:
        if string1[i - 1] == string2[j - 1]:
            out.append(string1[i - 1])
            i, j = i - 1, j - 1
        elif L[i - 1][j] >= L[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return "".join(reversed(out))


@bank.interview("closest_elements", "bisect_window", "bisect_left, a look at the left neighbour, and the clipped window; k and N are never checked")
def closest_elements(nums, N, k):
    from bisect import bisect_left
    if not len(nums):
        return []
    i = bisect_left(nums, N)
    if i == len(nums) or (i > 0 and N - nums[i - 1] <= nums[i] - N):
        i -= 1
    return [nums[j] for j in range(max(0, i - k), min(len(nums), i + k + 1))]


# ------------------------------------------------------------------ lcs_length (follow-up of longest_common_subsequence)

@bank.wrong("lcs_length", "full_table", "the whole (len1 + 1) x (len2 + 1) table: the right length, but O(len1 * len2) space", fails=("complexity",))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    n, m = len(string1), len(string2)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if string1[i - 1] == string2[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[n][m]


@bank.wrong("lcs_length", "rows_over_longer", "two rows, but as long as the longer string: O(max(len1, len2)) space", fails=("complexity",))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    longer, shorter = (string1, string2) if len(string1) >= len(string2) else (string2, string1)
    previous = [0] * (len(longer) + 1)
    for letter in shorter:
        current = [0] * (len(longer) + 1)
        for j in range(1, len(longer) + 1):
            if letter == longer[j - 1]:
                current[j] = previous[j - 1] + 1
            else:
                current[j] = max(previous[j], current[j - 1])
        previous = current
    return previous[-1]


@bank.wrong("lcs_length", "rows_over_string2", "two rows over string2 whichever is shorter: O(len2) space when string2 is the long one", fails=("complexity",))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    previous = [0] * (len(string2) + 1)
    for a in string1:
        current = [0]
        for j, b in enumerate(string2):
            current.append(previous[j] + 1 if a == b else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


@bank.wrong("lcs_length", "returns_subsequence", "keeps the answer of Question 7: returns the subsequence itself, not its length", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    n, m = len(string1), len(string2)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if string1[i - 1] == string2[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    out, i, j = [], n, m
    while i and j:
        if string1[i - 1] == string2[j - 1]:
            out.append(string1[i - 1])
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return "".join(reversed(out))


@bank.wrong("lcs_length", "match_from_above", "off by one on a match: adds one to the entry above, previous[j], instead of the diagonal previous[j - 1]", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    longer, shorter = (string1, string2) if len(string1) >= len(string2) else (string2, string1)
    previous = [0] * (len(shorter) + 1)
    for letter in longer:
        current = [0] * (len(shorter) + 1)
        for j in range(1, len(shorter) + 1):
            if letter == shorter[j - 1]:
                current[j] = previous[j] + 1
            else:
                current[j] = max(previous[j], current[j - 1])
        previous = current
    return previous[-1]


@bank.wrong("lcs_length", "one_row_no_diagonal", "one row, but on a match reads row[j - 1], already overwritten, instead of the saved diagonal", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    longer, shorter = (string1, string2) if len(string1) >= len(string2) else (string2, string1)
    row = [0] * (len(shorter) + 1)
    for letter in longer:
        for j in range(1, len(shorter) + 1):
            if letter == shorter[j - 1]:
                row[j] = row[j - 1] + 1
            else:
                row[j] = max(row[j], row[j - 1])
    return row[-1]


@bank.wrong("lcs_length", "greedy", "matches each letter of string1 at the first place it fits in string2 and counts the matches", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    count, start = 0, 0
    for letter in string1:
        position = string2.find(letter, start)
        if position >= 0:
            count += 1
            start = position + 1
    return count


@bank.wrong("lcs_length", "plain_recursion", "the recursion on the two suffixes without a memo: exponential time", fails=("complexity",))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")

    def best(i, j):
        if i == len(string1) or j == len(string2):
            return 0
        if string1[i] == string2[j]:
            return 1 + best(i + 1, j + 1)
        return max(best(i + 1, j), best(i, j + 1))

    return best(0, 0)


@bank.wrong("lcs_length", "distinct_common_letters", "counts the distinct letters the strings share: 4 on the statement's example, by luck", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    return len(set(string1) & set(string2))


@bank.wrong("lcs_length", "memorised_examples", "returns the statement's answers for its examples and counts equal positions otherwise", fails=("complexity", "examples", "random"))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must be strings")
    if {string1, string2} == {"ABCBDAB", "BDCABA"}:
        return 4
    if not string1 or not string2:
        return 0
    return sum(a == b for a, b in zip(string1, string2))


@bank.wrong("lcs_length", "unnamed_type_error", "checks the types but its TypeError does not say which argument is wrong", fails=("validation",))
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("both arguments must be strings")
    longer, shorter = (string1, string2) if len(string1) >= len(string2) else (string2, string1)
    previous = [0] * (len(shorter) + 1)
    for letter in longer:
        current = [0] * (len(shorter) + 1)
        for j in range(1, len(shorter) + 1):
            current[j] = previous[j - 1] + 1 if letter == shorter[j - 1] else max(previous[j], current[j - 1])
        previous = current
    return previous[-1]


@bank.correct("lcs_length", "one_row_saved_diagonal", "one row over the shorter string and the diagonal value saved before it is overwritten")
def lcs_length(string1, string2):
    for name, value in (("string1", string1), ("string2", string2)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if len(string1) < len(string2):
        string1, string2 = string2, string1
    row = [0] * (len(string2) + 1)
    for letter in string1:
        diagonal = 0                      # L[i-1][j-1]
        for j in range(1, len(string2) + 1):
            above = row[j]                # L[i-1][j], about to become L[i][j]
            if letter == string2[j - 1]:
                row[j] = diagonal + 1
            elif row[j - 1] > above:
                row[j] = row[j - 1]
            diagonal = above
    return row[-1]


@bank.correct("lcs_length", "bit_parallel", "bit-parallel rows (Allison-Dix): one integer of min(len1, len2) bits holds a whole row")
def lcs_length(string1, string2):
    if not isinstance(string1, str):
        raise TypeError(f"string1 must be a string, got {type(string1).__name__}")
    if not isinstance(string2, str):
        raise TypeError(f"string2 must be a string, got {type(string2).__name__}")
    longer, shorter = (string1, string2) if len(string1) >= len(string2) else (string2, string1)
    masks = {}
    for position, letter in enumerate(shorter):
        masks[letter] = masks.get(letter, 0) | (1 << position)
    full = (1 << len(shorter)) - 1
    row = 0                                # bit j set: the row steps up by one at column j
    for letter in longer:
        x = masks.get(letter, 0) | row
        shifted = (row << 1) | 1
        row = x & ((x - shifted) ^ x) & full
    return bin(row).count("1")


@bank.correct("lcs_length", "suffix_rows", "two rows over the suffixes of the shorter string, walking the longer one backwards")
def lcs_length(string1, string2):
    if not isinstance(string1, str) or not isinstance(string2, str):
        raise TypeError("string1 and string2 must both be strings: " +
                        ("string1" if not isinstance(string1, str) else "string2") + " is not")
    short, long = (string1, string2) if len(string1) <= len(string2) else (string2, string1)
    below = [0] * (len(short) + 1)
    for i in range(len(long) - 1, -1, -1):
        here = [0] * (len(short) + 1)
        for j in range(len(short) - 1, -1, -1):
            here[j] = below[j + 1] + 1 if long[i] == short[j] else max(below[j], here[j + 1])
        below = here
    return below[0]


@bank.interview("lcs_length", "two_rows", "two rows over the shorter string, swapped in one line; the arguments are never checked")
def lcs_length(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
