"""Planted answers for source/ml_concepts: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import inspect
import textwrap

import numpy as np

from . import Bank, _source_of

bank = Bank("ml_concepts")

# ------------------------------------------------------------------ confusion_matrix

@bank.wrong("confusion_matrix", "transposed", "rows are the predicted label and columns the true one: FP and FN swap places", fails=('examples', 'input-unchanged', 'random', 'types'))
def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    table = np.zeros((2, 2), dtype=int)
    for t, p in zip(truth, guess):
        table[p, t] += 1
    return table


@bank.wrong("confusion_matrix", "tp_first", "puts TP in the top-left corner, the textbook layout, not scikit-learn's", fails=('examples', 'input-unchanged', 'random', 'types'))
def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = int(np.sum((truth == 1) & (guess == 1)))
    fp = int(np.sum((truth == 0) & (guess == 1)))
    fn = int(np.sum((truth == 1) & (guess == 0)))
    tn = int(np.sum((truth == 0) & (guess == 0)))
    return np.array([[tp, fp], [fn, tn]])


@bank.wrong("confusion_matrix", "zip_truncates", "never compares the lengths: zip silently drops the extra labels", fails=("validation",))
def confusion_matrix(y_true, y_pred):
    table = np.zeros((2, 2), dtype=int)
    for t, p in zip(y_true, y_pred):
        if t not in (0, 1) or p not in (0, 1):
            raise ValueError(f"label {t if t not in (0, 1) else p} is not 0 or 1")
        table[int(t), int(p)] += 1
    return table


@bank.wrong("confusion_matrix", "nonzero_is_positive", "treats every non-zero label as positive instead of rejecting it", fails=("validation",))
def confusion_matrix(y_true, y_pred):
    truth = (np.asarray(y_true) != 0).astype(int)
    guess = (np.asarray(y_pred) != 0).astype(int)
    if truth.size == 0 or truth.size != guess.size:
        raise ValueError(f"lengths {truth.size} and {guess.size} differ or are empty")
    return np.bincount(2 * truth + guess, minlength=4).reshape(2, 2)


@bank.wrong("confusion_matrix", "memorised_examples", "games the tests: a table of the visible examples, zeros otherwise", fails=('examples', 'input-unchanged', 'random', 'types'))
def confusion_matrix(y_true, y_pred):
    label_pair(y_true, y_pred)
    known = {((0, 1, 1, 0, 1, 1), (0, 1, 0, 1, 1, 1)): [[1, 1], [1, 3]],
             ((1, 1, 0, 0), (1, 1, 0, 0)): [[2, 0], [0, 2]],
             ((1, 1, 1), (0, 1, 1)): [[0, 0], [1, 2]],
             ((0, 0, 1), (1, 1, 0)): [[0, 2], [1, 0]]}
    return np.array(known.get((tuple(y_true), tuple(y_pred)), [[0, 0], [0, 0]]))


@bank.wrong("confusion_matrix", "float_counts", "builds the table with np.zeros((2, 2)) and returns float counts", fails=('examples', 'input-unchanged', 'random', 'types'))
def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    table = np.zeros((2, 2))
    for t, p in zip(truth, guess):
        table[t, p] += 1
    return table


@bank.correct("confusion_matrix", "four_counts", "counts the four cells with boolean masks")
def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    return np.array([[np.sum((truth == 0) & (guess == 0)), np.sum((truth == 0) & (guess == 1))],
                     [np.sum((truth == 1) & (guess == 0)), np.sum((truth == 1) & (guess == 1))]], dtype=np.int64)


@bank.correct("confusion_matrix", "pure_python", "validates and counts with plain Python")
def confusion_matrix(y_true, y_pred):
    t, p = list(np.asarray(y_true).tolist()), list(np.asarray(y_pred).tolist())
    if not t or len(t) != len(p):
        raise ValueError(f"y_true has {len(t)} labels and y_pred has {len(p)}; they must be equal and non-zero")
    for v in t + p:
        if isinstance(v, str):
            raise TypeError(f"label {v!r} is not a number")
        if v not in (0, 1):
            raise ValueError(f"label {v!r} is not 0 or 1")
    table = [[0, 0], [0, 0]]
    for a, b in zip(t, p):
        table[int(a)][int(b)] += 1
    return np.array(table, dtype=int)


# ------------------------------------------------------------------ precision_recall_f1

@bank.wrong("precision_recall_f1", "swapped", "divides TP by the actual positives for precision and by the predicted positives for recall", fails=('examples', 'input-unchanged', 'random', 'types'))
def precision_recall_f1(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = int(np.sum((truth == 1) & (guess == 1)))
    predicted, actual = int(guess.sum()), int(truth.sum())
    precision = tp / actual if actual else 0.0
    recall = tp / predicted if predicted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


@bank.wrong("precision_recall_f1", "divides_by_zero", "divides Python ints without checking (neither the counts nor the input): ZeroDivisionError when nothing is predicted positive",
            demo="raises", fails=("examples", "input-unchanged", "random", "types", "validation"))
def precision_recall_f1(y_true, y_pred):
    truth, guess = np.asarray(y_true), np.asarray(y_pred)
    tp = int(np.sum((truth == 1) & (guess == 1)))
    fp = int(np.sum((truth == 0) & (guess == 1)))
    fn = int(np.sum((truth == 1) & (guess == 0)))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


@bank.wrong("precision_recall_f1", "warns_then_fixes", "divides numpy numbers (0/0 warns 'invalid value') and then replaces the nan by 0", fails=('examples', 'input-unchanged', 'random', 'types'))
def precision_recall_f1(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = np.sum((truth == 1) & (guess == 1)).astype(float)
    fp = np.sum((truth == 0) & (guess == 1)).astype(float)
    fn = np.sum((truth == 1) & (guess == 0)).astype(float)
    precision = np.nan_to_num(tp / (tp + fp))
    recall = np.nan_to_num(tp / (tp + fn))
    f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return float(precision), float(recall), float(f1)


@bank.wrong("precision_recall_f1", "arithmetic_mean", "takes F1 as the arithmetic mean of precision and recall", fails=('examples', 'input-unchanged', 'random', 'types'))
def precision_recall_f1(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = int(np.sum((truth == 1) & (guess == 1)))
    fp = int(np.sum((truth == 0) & (guess == 1)))
    fn = int(np.sum((truth == 1) & (guess == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (precision + recall) / 2


@bank.wrong("precision_recall_f1", "undefined_is_one", "returns 1.0 for an undefined ratio, as if no prediction were a perfect prediction", fails=('examples', 'input-unchanged', 'random', 'types'))
def precision_recall_f1(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = int(np.sum((truth == 1) & (guess == 1)))
    fp = int(np.sum((truth == 0) & (guess == 1)))
    fn = int(np.sum((truth == 1) & (guess == 0)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if tp == 0 and fp == 0 and fn == 0:
        return 0.0, 0.0, 0.0
    return float(precision), float(recall), float(f1)


@bank.correct("precision_recall_f1", "f1_from_counts", "F1 as 2TP / (2TP + FP + FN), which never needs P + R")
def precision_recall_f1(y_true, y_pred):
    cm = confusion_matrix(y_true, y_pred)
    tn, fp, fn, tp = (int(v) for v in cm.ravel())
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp > 0 else 0.0
    return float(precision), float(recall), float(f1)


@bank.correct("precision_recall_f1", "errstate", "silences numpy with np.errstate and maps nan to 0")
def precision_recall_f1(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    tp = float(np.sum(truth & guess))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.float64(tp) / guess.sum()
        recall = np.float64(tp) / truth.sum()
        f1 = 2 * precision * recall / (precision + recall)
    return tuple(float(0.0 if np.isnan(v) else v) for v in (precision, recall, f1))


# ------------------------------------------------------------------ roc_auc

@bank.wrong("roc_auc", "ties_ignored", "counts only strict wins: a tie counts 0 instead of one half", fails=('complexity', 'examples', 'properties', 'random', 'types'))
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values)
    pos, neg = np.sort(values[truth == 1]), np.sort(values[truth == 0])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("roc_auc needs both classes")
    wins = np.searchsorted(neg, pos, side="left").sum()
    return float(wins / (pos.size * neg.size))


@bank.wrong("roc_auc", "walks_sorted_scores", "traces the ROC curve one case at a time, so tied scores make a staircase that depends on the sort order", fails=('complexity', 'examples', 'properties', 'random', 'types'))
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values)
    n_pos, n_neg = truth.sum(), (1 - truth).sum()
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes")
    order = np.argsort(-values, kind="stable")
    tpr = np.r_[0, np.cumsum(truth[order]) / n_pos]
    fpr = np.r_[0, np.cumsum(1 - truth[order]) / n_neg]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


# The demo class puts this answer in place of the whole roc_auc cell, so it also defines the
# helper the reference cell defines there (later answers use it).
bank.raw("roc_auc", "all_pairs_loop", "correct, but compares every positive with every negative in Python: O(n_pos * n_neg)",
         '''
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values, "y_true", "scores")
    pos = [float(s) for s, t in zip(values, truth) if t == 1]
    neg = [float(s) for s, t in zip(values, truth) if t == 0]
    if not pos or not neg:
        raise ValueError("roc_auc needs both classes in y_true")
    total = 0.0
    for p in pos:
        for q in neg:
            if p > q:
                total += 1
            elif p == q:
                total += 0.5
    return total / (len(pos) * len(neg))


def as_numbers(values, name):
    """A 1-D float array of finite numbers, or an error saying what is wrong."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numbers, not a string")
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got {array.dtype}")
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence, got shape {array.shape}")
    array = array.astype(float)
    if np.isnan(array).any() or np.isinf(array).any():
        raise ValueError(f"{name} holds NaN or infinite values")
    return array
''', demo="partial", fails=("complexity",))


@bank.wrong("roc_auc", "no_class_check", "forgets that one class makes the AUC undefined: returns nan with a warning", fails=("complexity", "validation"))
def roc_auc(y_true, scores):
    truth = np.asarray(y_true)
    values = np.asarray(scores, dtype=float)
    if truth.size != values.size:
        raise ValueError("lengths differ")
    pos, neg = values[truth == 1], values[truth == 0]
    greater = (pos[:, None] > neg[None, :]).sum()
    equal = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * equal) / (pos.size * neg.size))


@bank.wrong("roc_auc", "memorised_examples", "games the tests: the visible examples, 0.5 for anything else", fails=('complexity', 'examples', 'properties', 'random', 'types', 'validation'))
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    if truth.min() == truth.max():
        raise ValueError("one class only")
    known = {((0, 0, 1, 1), (0.1, 0.4, 0.35, 0.8)): 0.75, ((0, 1, 0, 1), (0.5, 0.5, 0.2, 0.9)): 0.875,
             ((0, 0, 1, 1), (1, 2, 3, 4)): 1.0, ((1, 1, 0, 0), (1, 2, 3, 4)): 0.0}
    return known.get((tuple(y_true), tuple(scores)), 0.5)


@bank.correct("roc_auc", "grouped_trapezoid", "the ROC curve with one point per distinct threshold and the trapezoid rule")
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values, "y_true", "scores")
    n_pos = truth.sum()
    n_neg = truth.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes in y_true")
    order = np.argsort(-values, kind="mergesort")
    v, t = values[order], truth[order]
    last_of_group = np.r_[np.flatnonzero(np.diff(v)), v.size - 1]
    tps = np.cumsum(t)[last_of_group]
    fps = (last_of_group + 1) - tps
    tpr = np.r_[0, tps / n_pos]
    fpr = np.r_[0, fps / n_neg]
    return float(np.trapezoid(tpr, fpr))


@bank.correct("roc_auc", "sorted_negatives", "binary search of each positive among the sorted negatives, counting ties as one half")
def roc_auc(y_true, scores):
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values, "y_true", "scores")
    pos, neg = values[truth == 1], np.sort(values[truth == 0])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("roc_auc needs both classes in y_true")
    below = np.searchsorted(neg, pos, side="left")
    below_or_equal = np.searchsorted(neg, pos, side="right")
    return float((below.sum() + 0.5 * (below_or_equal - below).sum()) / (pos.size * neg.size))


# ------------------------------------------------------------------ mse

@bank.wrong("mse", "rmse", "takes the square root: that is the RMSE", fails=('examples', 'input-unchanged', 'random'))
def mse(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    return float(np.sqrt(np.mean((truth - guess) ** 2)))


@bank.wrong("mse", "absolute_error", "averages absolute differences (MAE)", fails=('examples', 'input-unchanged', 'random'))
def mse(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    return float(np.mean(np.abs(truth - guess)))


@bank.wrong("mse", "broadcasts", "lets numpy broadcast, so a single prediction against a list gives a number instead of an error", fails=("validation",))
def mse(y_true, y_pred):
    truth = np.asarray(y_true, dtype=float)
    guess = np.asarray(y_pred, dtype=float)
    if truth.size == 0 or np.isnan(truth).any() or np.isnan(guess).any():
        raise ValueError("empty input or NaN")
    return float(np.mean((truth - guess) ** 2))


@bank.wrong("mse", "n_minus_one", "divides by n - 1 as for a sample variance", fails=('examples', 'input-unchanged', 'random'))
def mse(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    return float(np.sum((truth - guess) ** 2) / max(len(truth) - 1, 1))


@bank.correct("mse", "python_loop", "a plain loop after checking the lengths")
def mse(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    total = 0.0
    for a, b in zip(truth.tolist(), guess.tolist()):
        total += (a - b) ** 2
    return total / len(truth)


# ------------------------------------------------------------------ r2_score

@bank.wrong("r2_score", "uncentred_denominator", "divides by the sum of squares of y_true itself instead of its deviations from the mean", fails=("examples", "random"))
def r2_score(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    if len(truth) < 2:
        raise ValueError("need two values")
    bottom = np.sum(truth ** 2)
    if bottom == 0:
        return 1.0 if np.all(truth == guess) else 0.0
    return float(1 - np.sum((truth - guess) ** 2) / bottom)


@bank.wrong("r2_score", "squared_correlation", "returns the squared correlation, which equals R² only for a least-squares fit", fails=("examples", "random"))
def r2_score(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    if len(truth) < 2:
        raise ValueError("need two values")
    if np.all(truth == guess):
        return 1.0
    if truth.std() == 0 or guess.std() == 0:
        return 0.0
    return float(np.corrcoef(truth, guess)[0, 1] ** 2)


@bank.wrong("r2_score", "arguments_swapped", "measures the spread of the predictions instead of the truth", fails=("examples", "random"))
def r2_score(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    if len(truth) < 2:
        raise ValueError("need two values")
    bottom = np.sum((guess - guess.mean()) ** 2)
    if bottom == 0:
        return 1.0 if np.all(truth == guess) else 0.0
    return float(1 - np.sum((truth - guess) ** 2) / bottom)


@bank.wrong("r2_score", "constant_truth_crashes", "divides without looking: nan (with a warning) when y_true is constant", fails=("examples",))
def r2_score(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    if len(truth) < 2:
        raise ValueError("need two values")
    return float(1 - np.sum((truth - guess) ** 2) / np.sum((truth - truth.mean()) ** 2))


@bank.correct("r2_score", "via_variances", "1 - MSE / variance of y_true (population variance)")
def r2_score(y_true, y_pred):
    truth, guess = number_pair(y_true, y_pred)
    if truth.size < 2:
        raise ValueError(f"r2_score needs at least two values, got {truth.size}")
    variance = truth.var()
    error = np.mean((truth - guess) ** 2)
    if variance == 0:
        return 1.0 if error == 0 else 0.0
    return float(1 - error / variance)


# ------------------------------------------------------------------ k_fold_indices

@bank.wrong("k_fold_indices", "remainder_last", "gives every fold n // k indices and the remainder to the last fold: sizes 3, 3, 4", fails=('examples', 'properties', 'random'))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    size = n // k
    folds = []
    for i in range(k):
        stop = n if i == k - 1 else (i + 1) * size
        test = np.sort(order[i * size:stop])
        folds.append((np.setdiff1d(np.arange(n), test), test))
    return folds


@bank.wrong("k_fold_indices", "small_folds_first", "array_split on the reversed order: the larger folds come last", fails=('examples', 'properties', 'random'))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    sizes = [len(part) for part in np.array_split(np.arange(n), k)][::-1]
    folds, start = [], 0
    for size in sizes:
        test = np.sort(order[start:start + size])
        folds.append((np.setdiff1d(np.arange(n), test), test))
        start += size
    return folds


@bank.wrong("k_fold_indices", "strided", "takes every k-th index (i, i + k, ...) as fold i instead of consecutive blocks", fails=('examples', 'properties', 'random'))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    folds = []
    for i in range(k):
        test = np.sort(order[i::k])
        folds.append((np.setdiff1d(np.arange(n), test), test))
    return folds


@bank.wrong("k_fold_indices", "global_shuffle", "shuffles with np.random.shuffle and ignores the seed, so the folds are not reproducible", fails=("random",))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.arange(n)
    if shuffle:
        np.random.shuffle(order)
    folds, start = [], 0
    for part in np.array_split(np.arange(n), k):
        test = np.sort(order[start:start + len(part)])
        folds.append((np.setdiff1d(np.arange(n), test), test))
        start += len(part)
    return folds


@bank.wrong("k_fold_indices", "no_type_check", "accepts floats and True for n and k (range() would not, but arange does)", fails=("validation",))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    n, k = int(n), int(k)
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    folds, start = [], 0
    for part in np.array_split(np.arange(n), k):
        test = np.sort(order[start:start + len(part)])
        folds.append((np.setdiff1d(np.arange(n), test), test))
        start += len(part)
    return folds


@bank.wrong("k_fold_indices", "lists_not_arrays", "returns Python lists instead of numpy arrays", fails=('examples', 'properties', 'random'))
def k_fold_indices(n, k, shuffle=False, seed=None):
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    order = np.random.default_rng(seed).permutation(n).tolist() if shuffle else list(range(n))
    folds, start = [], 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        test = sorted(order[start:start + size])
        folds.append(([j for j in range(n) if j not in set(test)], test))
        start += size
    return folds


@bank.correct("k_fold_indices", "array_split", "np.array_split makes the first n % k parts one longer, exactly the rule")
def k_fold_indices(n, k, shuffle=False, seed=None):
    for name, value in (("n", n), ("k", k)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 2 <= k <= n:
        raise ValueError(f"k must be between 2 and n={n}, got {k}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return [(np.setdiff1d(np.arange(n), part), np.sort(part)) for part in np.array_split(order, k)]


# ------------------------------------------------------------------ ridge

@bank.wrong("ridge", "penalizes_intercept", "adds a column of ones and penalizes the intercept along with the weights", fails=('examples', 'input-unchanged', 'random'))
def ridge(X, y, alpha):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return float(theta[0]), theta[1:]


@bank.wrong("ridge", "no_intercept", "fits a line through the origin and returns intercept 0", fails=('examples', 'input-unchanged', 'random'))
def ridge(X, y, alpha):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    w = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    return 0.0, w


@bank.wrong("ridge", "intercept_is_mean", "centres the data but returns the mean of y as the intercept, forgetting the x-means", fails=('examples', 'input-unchanged', 'random'))
def ridge(X, y, alpha):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y.mean()), w


@bank.wrong("ridge", "scaled_penalty", "uses n * alpha, mixing up Ridge's objective with Lasso's 1/(2n) scaling", fails=('examples', 'input-unchanged', 'random'))
def ridge(X, y, alpha):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n = X.shape[0]
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + n * alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y.mean() - X.mean(0) @ w), w


@bank.wrong("ridge", "negative_alpha_allowed", "never checks alpha, so a negative penalty silently gives a wrong fit", fails=("validation",))
def ridge(X, y, alpha):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or len(y) != len(X):
        raise ValueError("X must be 2-D with one row per value of y")
    if np.isnan(X).any() or np.isnan(y).any():
        raise ValueError("NaN in the data")
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return float(y.mean() - X.mean(0) @ w), w


@bank.correct("ridge", "augmented_lstsq", "least squares on the data stacked on sqrt(alpha) * I, the intercept column unpenalized")
def ridge(X, y, alpha):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n, p = X.shape
    A = np.vstack([np.hstack([np.ones((n, 1)), X]), np.hstack([np.zeros((p, 1)), np.sqrt(alpha) * np.eye(p)])])
    theta = np.linalg.lstsq(A, np.r_[y, np.zeros(p)], rcond=None)[0]
    return float(theta[0]), theta[1:]


# ------------------------------------------------------------------ lasso

@bank.wrong("lasso", "no_soft_threshold", "plain coordinate descent for least squares: the penalty is never applied, so no zeros", fails=('examples', 'input-unchanged', 'random'))
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    Xc, r = X - X.mean(0), y - y.mean()
    sq = (Xc ** 2).sum(0)
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        biggest = 0.0
        for j in range(X.shape[1]):
            if sq[j] == 0:
                continue
            new = (Xc[:, j] @ r + sq[j] * w[j]) / sq[j]
            r -= (new - w[j]) * Xc[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return float(y.mean() - X.mean(0) @ w), w


@bank.wrong("lasso", "threshold_alpha", "thresholds at alpha instead of n * alpha: forgets the 1/(2n) in the objective", fails=('examples', 'input-unchanged', 'random'))
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    Xc, r = X - X.mean(0), y - y.mean()
    sq = (Xc ** 2).sum(0)
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        biggest = 0.0
        for j in range(X.shape[1]):
            if sq[j] == 0:
                continue
            rho = Xc[:, j] @ r + sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0) / sq[j]
            r -= (new - w[j]) * Xc[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return float(y.mean() - X.mean(0) @ w), w


@bank.wrong("lasso", "shrink_not_threshold", "divides by (1 + alpha) like ridge instead of soft-thresholding: shrinks but never reaches zero", fails=('examples', 'input-unchanged', 'random'))
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n = X.shape[0]
    Xc, r = X - X.mean(0), y - y.mean()
    sq = (Xc ** 2).sum(0)
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        biggest = 0.0
        for j in range(X.shape[1]):
            if sq[j] == 0:
                continue
            rho = Xc[:, j] @ r + sq[j] * w[j]
            new = rho / (sq[j] + n * alpha)
            r -= (new - w[j]) * Xc[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return float(y.mean() - X.mean(0) @ w), w


@bank.wrong("lasso", "no_centring", "never centres the data, so the intercept is left out and the coefficients absorb it", fails=('examples', 'input-unchanged', 'random'))
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n = X.shape[0]
    r = y.copy()
    sq = (X ** 2).sum(0)
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        biggest = 0.0
        for j in range(X.shape[1]):
            if sq[j] == 0:
                continue
            rho = X[:, j] @ r + sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / sq[j]
            r -= (new - w[j]) * X[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return 0.0, w


@bank.wrong("lasso", "stale_convergence_check", "compares w with a copy taken once before the loop, so the stopping test never succeeds and max_iter is ignored",
            demo="loops", fails=("examples", "input-unchanged", "random", "validation"))
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n, p = X.shape
    Xc, r = X - X.mean(0), y - y.mean()
    sq = (Xc ** 2).sum(0)
    w = np.zeros(p)
    w_old = w.copy()
    while True:
        for j in range(p):
            if sq[j] == 0:
                continue
            rho = Xc[:, j] @ r + sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / sq[j]
            r -= (new - w[j]) * Xc[:, j]
            w[j] = new
        if np.max(np.abs(w - w_old)) < tol:
            break
    return float(y.mean() - X.mean(0) @ w), w


@bank.correct("lasso", "recompute_residual", "recomputes the partial residual for every coordinate: slower, same answer")
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    n, p = X.shape
    mx, my = X.mean(axis=0), y.mean()
    A, t = X - mx, y - my
    w = np.zeros(p)
    for _ in range(max_iter):
        before = w.copy()
        for j in range(p):
            z = A[:, j] @ A[:, j]
            if z == 0:
                continue
            rho = A[:, j] @ (t - A @ w + A[:, j] * w[j])
            w[j] = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / z
        if np.max(np.abs(w - before)) < tol:
            break
    return float(my - mx @ w), w


# ------------------------------------------------------------------ the library instead of the answer
# The rules allow numpy and the standard library only; each of these gives the right numbers.

bank.raw('confusion_matrix', 'sklearn_confusion', "asks scikit-learn's confusion_matrix, which the rules forbid", '''
from sklearn import metrics


def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    return metrics.confusion_matrix(truth, guess, labels=[0, 1]).astype(np.int64)
''', fails=("examples", "input-unchanged", "random", "types", "validation"))

bank.raw('precision_recall_f1', 'sklearn_prf', "scikit-learn's precision_recall_fscore_support with zero_division=0, which the rules forbid", '''
def precision_recall_f1(y_true, y_pred):
    from sklearn.metrics import precision_recall_fscore_support
    truth, guess = label_pair(y_true, y_pred)
    p, r, f, _ = precision_recall_fscore_support(truth, guess, average="binary", zero_division=0)
    return float(p), float(r), float(f)
''', fails=("examples", "input-unchanged", "random", "types", "validation"))

bank.raw('roc_auc', 'sklearn_auc', "scikit-learn's roc_auc_score behind the course's checks, which the rules forbid", '''
def roc_auc(y_true, scores):
    from sklearn.metrics import roc_auc_score
    truth = as_labels(y_true, "y_true")
    values = as_numbers(scores, "scores")
    check_lengths(truth, values, "y_true", "scores")
    if truth.min() == truth.max():
        raise ValueError("roc_auc needs both classes in y_true")
    return float(roc_auc_score(truth, values))
''', fails=("complexity", "examples", "properties", "random", "types", "validation"))

bank.raw('mse', 'sklearn_mse', "scikit-learn's mean_squared_error, which the rules forbid", '''
def mse(y_true, y_pred):
    from sklearn.metrics import mean_squared_error
    truth, guess = number_pair(y_true, y_pred)
    return float(mean_squared_error(truth, guess))
''', fails=("examples", "input-unchanged", "random", "validation"))

bank.raw('r2_score', 'sklearn_r2', "scikit-learn's r2_score, which the rules forbid", '''
def r2_score(y_true, y_pred):
    from sklearn import metrics
    truth, guess = number_pair(y_true, y_pred)
    if np.all(truth == truth[0]):
        raise ValueError("R^2 is undefined when y_true is constant")
    return float(metrics.r2_score(truth, guess))
''', fails=("examples", "random", "validation"))

bank.raw('k_fold_indices', 'sklearn_kfold', "scikit-learn's KFold, which the rules forbid", '''
def k_fold_indices(n, k, shuffle=False, seed=None):
    from sklearn.model_selection import KFold
    if isinstance(n, bool) or isinstance(k, bool) or not isinstance(n, (int, np.integer)) or not isinstance(k, (int, np.integer)):
        raise TypeError("n and k must be integers")
    if k < 2 or k > n:
        raise ValueError("need 2 <= k <= n")
    folds = KFold(n_splits=k, shuffle=shuffle, random_state=seed if shuffle else None).split(np.zeros(n))
    return [(train, test) for train, test in folds]
''', fails=("examples", "properties", "random", "validation"))

bank.raw('ridge', 'sklearn_ridge', "scikit-learn's Ridge behind the course's checks, which the rules forbid", '''
def ridge(X, y, alpha):
    from sklearn.linear_model import Ridge
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    model = Ridge(alpha=alpha).fit(X, y)
    return float(model.intercept_), np.asarray(model.coef_, dtype=float)
''', fails=("examples", "input-unchanged", "random", "validation"))

bank.raw('lasso', 'sklearn_lasso', "scikit-learn's Lasso behind the course's checks, which the rules forbid", '''
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    from sklearn.linear_model import Lasso
    X, y = as_design(X, y)
    alpha = as_penalty(alpha)
    model = Lasso(alpha=alpha, max_iter=max_iter, tol=tol).fit(X, y)
    return float(model.intercept_), np.asarray(model.coef_, dtype=float)
''', fails=("examples", "input-unchanged", "random", "validation"))

bank.raw('confusion_matrix', 'pandas_crosstab', "counts with pandas' crosstab, which the rules forbid", '''
import pandas as pd


def confusion_matrix(y_true, y_pred):
    truth, guess = label_pair(y_true, y_pred)
    table = pd.crosstab(pd.Series(truth), pd.Series(guess)).reindex(index=[0, 1], columns=[0, 1], fill_value=0)
    return table.to_numpy().astype(np.int64)
''', fails=("examples", "input-unchanged", "random", "types", "validation"))

# ------------------------------------------------------------------ prefix_table

@bank.wrong("prefix_table", "whole_title_only", "indexes only the prefixes of the whole title: 'king' never finds The Lion King", fails=('examples', 'input-unchanged', 'random'))
def prefix_table(plays, k):
    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: (-plays[t], t.casefold(), t)):
        text = title.casefold()
        for end in range(1, len(text) + 1):
            row = table.setdefault(text[:end], [])
            if len(row) < k:
                row.append(title)
    return table


@bank.wrong("prefix_table", "once_per_word", "adds a title once per matching word: 'New New York' appears twice under 'n'", fails=('examples', 'input-unchanged', 'random'))
def prefix_table(plays, k):
    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: (-plays[t], t.casefold(), t)):
        text = title.casefold()
        for start in range(len(text)):
            if start == 0 or (text[start - 1] == " " and text[start] != " "):
                for end in range(start + 1, len(text) + 1):
                    row = table.setdefault(text[start:end], [])
                    if len(row) < k:
                        row.append(title)
    return table


@bank.wrong("prefix_table", "ties_in_input_order", "sorts by plays only: equal plays keep the order of the dict, not the alphabet", fails=('examples', 'input-unchanged', 'random'))
def prefix_table(plays, k):
    def word_start_prefixes(text):
        keys = set()
        for start in range(len(text)):
            if start == 0 or (text[start - 1] == " " and text[start] != " "):
                keys.update(text[start:end] for end in range(start + 1, len(text) + 1))
        return keys

    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: -plays[t]):
        for key in word_start_prefixes(title.casefold()):
            row = table.setdefault(key, [])
            if len(row) < k:
                row.append(title)
    return table


@bank.wrong("prefix_table", "lower_not_casefold", "uses str.lower(): 'Straße' is never found by 'strass'", fails=('examples', 'input-unchanged'))
def prefix_table(plays, k):
    def word_start_prefixes(text):
        keys = set()
        for start in range(len(text)):
            if start == 0 or (text[start - 1] == " " and text[start] != " "):
                keys.update(text[start:end] for end in range(start + 1, len(text) + 1))
        return keys

    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: (-plays[t], t.lower(), t)):
        for key in word_start_prefixes(title.lower()):
            row = table.setdefault(key, [])
            if len(row) < k:
                row.append(title)
    return table


@bank.wrong("prefix_table", "split_and_join", "finds the words with split() and joins them again: double spaces collapse into one", fails=('examples', 'input-unchanged', 'random'))
def prefix_table(plays, k):
    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: (-plays[t], t.casefold(), t)):
        words = title.casefold().split()
        keys = set()
        for i in range(len(words)):
            rest = " ".join(words[i:])
            keys.update(rest[:end] for end in range(1, len(rest) + 1))
        for key in keys:
            row = table.setdefault(key, [])
            if len(row) < k:
                row.append(title)
    return table


@bank.wrong("prefix_table", "no_input_checks", "trusts its input: negative plays, float counts and bool k go through", fails=("validation",))
def prefix_table(plays, k):
    def word_start_prefixes(text):
        keys = set()
        for start in range(len(text)):
            if start == 0 or (text[start - 1] == " " and text[start] != " "):
                keys.update(text[start:end] for end in range(start + 1, len(text) + 1))
        return keys

    if not isinstance(plays, dict):
        raise TypeError("plays must be a dict")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    table = {}
    for title in sorted(plays, key=lambda t: (-plays[t], t.casefold(), t)):
        for key in word_start_prefixes(title.casefold()):
            row = table.setdefault(key, [])
            if len(row) < k:
                row.append(title)
    return table


@bank.wrong("prefix_table", "memorised_examples", "games the tests: the example's answers written out, nothing else", fails=('examples', 'input-unchanged', 'random'))
def prefix_table(plays, k):
    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not plays:
        return {}
    return {"k": ["The Lion King", "King Kong", "The Killing"][:k], "li": ["The Lion King", "Lincoln"],
            "the": ["The Lion King", "The Killing"], "lion k": ["The Lion King"], "heat": ["Heat"]}


@bank.correct("prefix_table", "scan_per_key", "collects every key first, then ranks the titles that match each key")
def prefix_table(plays, k):
    def word_start_prefixes(text):
        keys = set()
        for start in range(len(text)):
            if start == 0 or (text[start - 1] == " " and text[start] != " "):
                keys.update(text[start:end] for end in range(start + 1, len(text) + 1))
        return keys

    check_plays(plays)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    keys_of = {title: word_start_prefixes(title.casefold()) for title in plays}
    every_key = set().union(*keys_of.values()) if keys_of else set()
    table = {}
    for key in every_key:
        matching = [t for t in plays if key in keys_of[t]]
        matching.sort(key=lambda t: (-plays[t], t.casefold(), t))
        table[key] = matching[:k]
    return table

# ------------------------------------------------------------------ helpers for the answers below

def _answer(exercise, name, why, *helpers, correct=False, fails=None):
    """Register an answer whose solution cell also defines the given helper functions."""
    def register(func):
        parts = [textwrap.dedent(inspect.getsource(helper)) for helper in helpers]
        bank.raw(exercise, name, why, "\n\n".join(parts + [_source_of(func)]), correct=correct, fails=fails)
        return func
    return register


# ------------------------------------------------------------------ practice_groups

def _groups_input(stats, starts, steps):
    """Shared input checks of the planted practice_groups answers (as a student's helper would be)."""
    table = np.asarray(stats)
    if table.dtype == object or not (np.issubdtype(table.dtype, np.number) or table.dtype == bool):
        raise TypeError(f"stats must hold numbers, got dtype {table.dtype}")
    if table.ndim != 2 or table.shape[0] == 0 or table.shape[1] == 0:
        raise ValueError(f"stats must be 2-D and non-empty, got shape {table.shape}")
    table = table.astype(float)
    if not np.all(np.isfinite(table)):
        raise ValueError("stats holds a NaN or an infinity")
    if not isinstance(starts, (list, tuple)):
        raise TypeError("starts must be a list")
    if not starts:
        raise ValueError("starts is empty")
    for index in starts:
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(f"start {index!r} is not an integer")
        if not 0 <= index < len(table):
            raise ValueError(f"start {index} is out of range")
    if len(set(int(i) for i in starts)) != len(starts):
        raise ValueError("starts repeats a player")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"steps must be an integer, got {steps!r}")
    if steps < 0:
        raise ValueError("steps is negative")
    return table, [int(i) for i in starts]


def _lloyd(z, centres, steps, pick=np.argmin, keep_empty=True):
    centres = centres.copy()
    for _ in range(steps):
        labels = pick(((z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
        for j in range(len(centres)):
            if np.any(labels == j) or not keep_empty:
                centres[j] = z[labels == j].mean(axis=0)
    distances = ((z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    labels = pick(distances, axis=1)
    return labels.astype(int), float(distances[np.arange(len(z)), labels].sum())


def _standardize(table, ddof=0):
    spread = table.std(axis=0, ddof=ddof)
    return np.where(spread > 0, (table - table.mean(axis=0)) / np.where(spread > 0, spread, 1.0), 0.0)


@_answer("practice_groups", "raw_units", "clusters the raw statistics: centimetres outweigh rebounds per game", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    return _lloyd(table, table[starts], steps)


@_answer("practice_groups", "sample_std", "standardizes with ddof=1: the groups agree, the sum of squares is too small", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    if len(table) < 2:
        z = np.zeros_like(table)
    else:
        z = _standardize(table, ddof=1)
    return _lloyd(z, z[starts], steps)


@_answer("practice_groups", "constant_column_nan", "divides by a zero standard deviation: a constant statistic makes every distance nan", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (table - table.mean(axis=0)) / table.std(axis=0)
    return _lloyd(z, z[starts], steps)


@_answer("practice_groups", "ties_to_last", "breaks ties toward the highest index, not the lowest", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    def last_argmin(distances, axis):
        flipped = distances[:, ::-1]
        return distances.shape[1] - 1 - flipped.argmin(axis=axis)

    table, starts = _groups_input(stats, starts, steps)
    z = _standardize(table)
    return _lloyd(z, z[starts], steps, pick=last_argmin)


@_answer("practice_groups", "empty_centre_nan", "moves an empty centre to the mean of no players: nan, and it is never chosen again", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    z = _standardize(table)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")   # "mean of empty slice"
        return _lloyd(z, z[starts], steps, keep_empty=False)


@_answer("practice_groups", "one_step_too_many", "counts the final assignment as no step: one Lloyd update more than asked", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    z = _standardize(table)
    return _lloyd(z, z[starts], steps + 1)


@_answer("practice_groups", "wss_to_group_means", "measures the sum of squares to the means of the final groups, not to their centres", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    z = _standardize(table)
    labels, _ = _lloyd(z, z[starts], steps)
    wss = sum(float(((z[labels == j] - z[labels == j].mean(axis=0)) ** 2).sum()) for j in set(labels.tolist()))
    return labels, wss


@_answer("practice_groups", "memorised_examples", "games the tests: the example's groups written out, the rest guessed", _groups_input, _lloyd, _standardize, fails=('examples', 'input-unchanged', 'random'))
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    if table.shape == (5, 2):
        return np.array([0, 0, 1, 1, 0]), 1.9625777140124345 if steps else 2.8963414634146343
    return np.zeros(len(table), dtype=int), 0.0


@_answer("practice_groups", "loops_per_player", "standardizes column by column and finds each player's centre in a loop", _groups_input, _lloyd, _standardize, correct=True)
def practice_groups(stats, starts, steps):
    table, starts = _groups_input(stats, starts, steps)
    z = np.zeros_like(table)
    for c in range(table.shape[1]):
        sd = table[:, c].std()
        if sd > 0:
            z[:, c] = (table[:, c] - table[:, c].mean()) / sd
    centres = [z[s].copy() for s in starts]

    def nearest(row):
        distances = [float(np.sum((row - centre) ** 2)) for centre in centres]
        best = min(range(len(distances)), key=lambda j: (distances[j], j))
        return best, distances[best]

    for _ in range(steps):
        labels = [nearest(row)[0] for row in z]
        for j in range(len(centres)):
            members = [z[i] for i in range(len(z)) if labels[i] == j]
            if members:
                centres[j] = np.mean(members, axis=0)
    found = [nearest(row) for row in z]
    return np.array([f[0] for f in found], dtype=int), float(sum(f[1] for f in found))


# ------------------------------------------------------------------ activity_by_friends

def _friends_input(friends_then, active_now, edges):
    friends, active = np.asarray(friends_then), np.asarray(active_now)
    if friends.dtype == bool or not np.issubdtype(friends.dtype, np.integer):
        if friends.size or friends.dtype == object:
            raise TypeError("friends_then must hold integers")
    if active.dtype.kind in "OUS":
        raise TypeError("active_now must hold 0/1")
    if friends.ndim != 1 or active.ndim != 1 or len(friends) != len(active) or len(friends) == 0:
        raise ValueError("friends_then and active_now must be 1-D, non-empty and of equal length")
    if np.any(friends < 0):
        raise ValueError("a friend count is negative")
    if not np.all((active == 0) | (active == 1)):
        raise ValueError("active_now must hold 0 and 1")
    if not isinstance(edges, (list, tuple, np.ndarray)) or len(edges) == 0:
        raise ValueError("edges must be a non-empty list")
    for edge in edges:
        if isinstance(edge, (bool, np.bool_)) or not isinstance(edge, (int, np.integer)):
            raise TypeError(f"edge {edge!r} is not an integer")
    if edges[0] != 0 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError("edges must start at 0 and increase strictly")
    return friends, active.astype(int), np.asarray(edges, dtype=int)


def _rates(users, active_users):
    rate = np.full(len(users), np.nan)
    rate[users > 0] = active_users[users > 0] / users[users > 0]
    return users, rate


@_answer("activity_by_friends", "right_closed", "puts a count equal to an edge in the bucket below (np.digitize with right=True)", _friends_input, _rates, fails=('examples', 'input-unchanged', 'random'))
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    bucket = np.maximum(np.digitize(friends, edges, right=True) - 1, 0)
    return _rates(np.bincount(bucket, minlength=len(edges)), np.bincount(bucket, weights=active, minlength=len(edges)))


@_answer("activity_by_friends", "histogram_last_edge", "uses np.histogram on the edges: the open last bucket disappears into the one before", _friends_input, _rates, fails=('examples', 'input-unchanged', 'random'))
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    if len(edges) == 1:
        return _rates(np.array([len(friends)]), np.array([active.sum()]))
    bins = list(edges[:-1]) + [max(int(edges[-1]), int(friends.max()))]
    users, _ = np.histogram(friends, bins=bins)
    hits, _ = np.histogram(friends, bins=bins, weights=active)
    return _rates(np.append(users, 0), np.append(hits, 0))


@_answer("activity_by_friends", "empty_is_zero", "gives an empty bucket the rate 0: 'nobody there' reads as 'nobody active'", _friends_input, _rates, fails=('examples', 'input-unchanged', 'random'))
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    bucket = np.searchsorted(edges, friends, side="right") - 1
    users = np.bincount(bucket, minlength=len(edges))
    hits = np.bincount(bucket, weights=active, minlength=len(edges))
    return users, hits / np.maximum(users, 1)


@_answer("activity_by_friends", "share_of_all_users", "divides the active users of a bucket by all users, not by the bucket's users", _friends_input, _rates, fails=('examples', 'input-unchanged', 'random'))
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    bucket = np.searchsorted(edges, friends, side="right") - 1
    users = np.bincount(bucket, minlength=len(edges))
    hits = np.bincount(bucket, weights=active, minlength=len(edges))
    return users, np.where(users > 0, hits / len(friends), np.nan)


@_answer("activity_by_friends", "float_counts_accepted", "never checks the friend counts: 2.5 friends, True and negative counts go through", _friends_input, _rates, fails=("validation",))
def activity_by_friends(friends_then, active_now, edges):
    friends, active = np.asarray(friends_then, dtype=float), np.asarray(active_now)
    if len(friends) != len(active) or len(friends) == 0:
        raise ValueError("the inputs must be non-empty and of equal length")
    if not np.all((active == 0) | (active == 1)):
        raise ValueError("active_now must hold 0 and 1")
    if len(edges) == 0 or edges[0] != 0 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError("edges must start at 0 and increase strictly")
    bucket = np.maximum(np.searchsorted(edges, friends, side="right") - 1, 0)
    return _rates(np.bincount(bucket, minlength=len(edges)),
                  np.bincount(bucket, weights=active.astype(float), minlength=len(edges)))


@_answer("activity_by_friends", "memorised_examples", "games the tests: the visible examples written out", _friends_input, _rates, fails=('examples', 'input-unchanged', 'random'))
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    if len(edges) == 5:
        return np.array([2, 2, 2, 1, 0]), np.array([0.5, 1.0, 0.5, 1.0, np.nan])
    return np.array([0, 2, 1]), np.array([np.nan, 0.5, 1.0])


@_answer("activity_by_friends", "searchsorted_bincount", "finds every bucket at once with searchsorted and counts with bincount", _friends_input, _rates, correct=True)
def activity_by_friends(friends_then, active_now, edges):
    friends, active, edges = _friends_input(friends_then, active_now, edges)
    bucket = np.searchsorted(edges, friends, side="right") - 1
    return _rates(np.bincount(bucket, minlength=len(edges)),
                  np.bincount(bucket, weights=active, minlength=len(edges)))


# ------------------------------------------------------------------ expand_abbreviation

def _abbr_input(abbr, word_counts, n):
    if not isinstance(abbr, str):
        raise TypeError("abbr must be a string")
    if not abbr:
        raise ValueError("abbr is empty")
    if not isinstance(word_counts, dict):
        raise TypeError("word_counts must be a dict")
    for word, count in word_counts.items():
        if not isinstance(word, str):
            raise TypeError(f"word {word!r} is not a string")
        if not word:
            raise ValueError("a word is empty")
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)):
            raise TypeError(f"count {count!r} is not an integer")
        if count < 0:
            raise ValueError("a count is negative")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError("n must be an integer")
    if n < 1:
        raise ValueError("n must be at least 1")


def _subsequence(short, long):
    position = 0
    for char in long:
        if position < len(short) and char == short[position]:
            position += 1
    return position == len(short)


def _ranked(scores, n, fold=str.casefold):
    evidence = sum(scores.values())
    order = sorted(scores, key=lambda w: (-scores[w], fold(w), w))
    return [(w, float(scores[w] / evidence)) for w in order[:n]]


@_answer("expand_abbreviation", "prior_only", "ranks by the prior alone: the most frequent candidate wins however many letters were dropped", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged', 'random'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total for w, c in word_counts.items()
              if c > 0 and w.casefold()[0] == a[0] and _subsequence(a, w.casefold())}
    return _ranked(scores, n)


@_answer("expand_abbreviation", "any_first_letter", "accepts any word that contains the letters in order: 'sr' expands to 'user'", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged', 'random'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.casefold()) - len(a)) for w, c in word_counts.items()
              if c > 0 and _subsequence(a, w.casefold())}
    return _ranked(scores, n)


@_answer("expand_abbreviation", "prefix_only", "takes only words that start with the abbreviation: 'mgr' never finds 'manager'", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged', 'random'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.casefold()) - len(a)) for w, c in word_counts.items()
              if c > 0 and w.casefold().startswith(a)}
    return _ranked(scores, n)


@_answer("expand_abbreviation", "normalised_over_top_n", "divides by the scores of the returned words only: the top n always add up to 1", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged', 'random'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.casefold()) - len(a)) for w, c in word_counts.items()
              if c > 0 and w.casefold()[0] == a[0] and _subsequence(a, w.casefold())}
    top = sorted(scores, key=lambda w: (-scores[w], w.casefold(), w))[:n]
    kept = {w: scores[w] for w in top}
    return _ranked(kept, n)


@_answer("expand_abbreviation", "ties_in_input_order", "sorts by score only: equal posteriors keep the dict's order", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.casefold()) - len(a)) for w, c in word_counts.items()
              if c > 0 and w.casefold()[0] == a[0] and _subsequence(a, w.casefold())}
    evidence = sum(scores.values())
    return [(w, float(scores[w] / evidence)) for w in sorted(scores, key=lambda w: -scores[w])[:n]]


@_answer("expand_abbreviation", "lower_not_casefold", "uses str.lower(): 'ss' never finds 'Straße'", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    a, total = abbr.lower(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.lower()) - len(a)) for w, c in word_counts.items()
              if c > 0 and w.lower()[0] == a[0] and _subsequence(a, w.lower())}
    return _ranked(scores, n, fold=str.lower)


@_answer("expand_abbreviation", "no_input_checks", "trusts its input: float counts, negative counts and bool n go through", _abbr_input, _subsequence, _ranked, fails=("validation",))
def expand_abbreviation(abbr, word_counts, n=3):
    if not abbr:
        raise ValueError("abbr is empty")
    a, total = abbr.casefold(), sum(word_counts.values())
    scores = {w: c / total * 0.5 ** (len(w.casefold()) - len(a)) for w, c in word_counts.items()
              if c > 0 and w.casefold()[0] == a[0] and _subsequence(a, w.casefold())}
    return _ranked(scores, n) if scores else []


@_answer("expand_abbreviation", "memorised_examples", "games the tests: the visible examples written out", _abbr_input, _subsequence, _ranked, fails=('examples', 'input-unchanged', 'random'))
def expand_abbreviation(abbr, word_counts, n=3):
    _abbr_input(abbr, word_counts, n)
    known = {"sr": [("senior", 50 / 16 / 8.25), ("sr", 2 / 8.25), ("server", 30 / 16 / 8.25), ("sour", 5 / 4 / 8.25)],
             "mgr": [("manager", 1.0)]}
    return known.get(abbr.casefold(), [])[:n]


@_answer("expand_abbreviation", "exact_fractions", "scores with fractions.Fraction and tests the subsequence with str.find", _abbr_input, _subsequence, _ranked, correct=True)
def expand_abbreviation(abbr, word_counts, n=3):
    from fractions import Fraction

    def is_subsequence(short, long):
        at = 0
        for char in short:
            at = long.find(char, at)
            if at < 0:
                return False
            at += 1
        return True

    _abbr_input(abbr, word_counts, n)
    a = abbr.casefold()
    total = sum(int(c) for c in word_counts.values())
    scores = {}
    for word, count in word_counts.items():
        c = word.casefold()
        if count > 0 and c[0] == a[0] and is_subsequence(a, c):
            scores[word] = Fraction(int(count), total * 2 ** (len(c) - len(a)))
    evidence = sum(scores.values())
    order = sorted(scores, key=lambda w: (-scores[w], w.casefold(), w))
    return [(w, float(scores[w] / evidence)) for w in order[:int(n)]]


# ------------------------------------------------------------------ interview answers (#13, item 5)
# Right answers written the way a candidate writes them in an interview: numpy one-liners and
# plain loops, no input checks at all. They keep every point except the validation check's.

@bank.interview("confusion_matrix", "bincount", "np.bincount of 2 * truth + prediction, reshaped to 2x2")
def confusion_matrix(y_true, y_pred):
    t = np.asarray(y_true).astype(int)
    p = np.asarray(y_pred).astype(int)
    return np.bincount(2 * t + p, minlength=4).reshape(2, 2)


@bank.interview("precision_recall_f1", "mask_counts", "three boolean masks, the ratios guarded by `if`, F1 from the counts")
def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    tp = int(((t == 1) & (p == 1)).sum())
    fp = int(((t == 0) & (p == 1)).sum())
    fn = int(((t == 1) & (p == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


@bank.interview("roc_auc", "searchsorted", "each positive's place among the sorted negatives: left and right searchsorted count wins and ties")
def roc_auc(y_true, scores):
    t, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    pos, neg = s[t == 1], np.sort(s[t == 0])
    below = np.searchsorted(neg, pos, side="left")
    up_to = np.searchsorted(neg, pos, side="right")
    return float((below + up_to).sum() / 2 / (len(pos) * len(neg)))


@bank.interview("mse", "one_liner", "the mean of the squared differences in one numpy line")
def mse(y_true, y_pred):
    return float(np.mean((np.asarray(y_true, float) - np.asarray(y_pred, float)) ** 2))


@bank.interview("r2_score", "two_sums", "residual and total sums of squares, the constant-truth case handled")
def r2_score(y_true, y_pred):
    t, p = np.asarray(y_true, float), np.asarray(y_pred, float)
    residual = ((t - p) ** 2).sum()
    spread = ((t - t.mean()) ** 2).sum()
    if spread == 0:
        return 1.0 if residual == 0 else 0.0
    return float(1 - residual / spread)


@bank.interview("k_fold_indices", "split_and_setdiff", "np.array_split of the (shuffled) indices, train by np.setdiff1d")
def k_fold_indices(n, k, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return [(np.setdiff1d(order, fold), np.sort(fold)) for fold in np.array_split(order, k)]


@bank.interview("ridge", "normal_equations", "centre, solve the regularized normal equations, put the intercept back")
def ridge(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - y_mean))
    return float(y_mean - x_mean @ w), w


@bank.interview("lasso", "coordinate_descent", "the textbook coordinate descent with a running residual and soft-thresholding")
def lasso(X, y, alpha, max_iter=1000, tol=1e-6):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, r = X - x_mean, y - y_mean
    sq = (Xc ** 2).sum(axis=0)
    w = np.zeros(p)
    for _ in range(max_iter):
        biggest = 0.0
        for j in range(p):
            if sq[j] == 0:
                continue
            rho = Xc[:, j] @ r + sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / sq[j]
            r -= (new - w[j]) * Xc[:, j]
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return float(y_mean - x_mean @ w), w


@bank.interview("prefix_table", "defaultdict", "titles in their final order, every prefix of every word start appended while its list is short")
def prefix_table(plays, k):
    from collections import defaultdict
    table = defaultdict(list)
    for title in sorted(plays, key=lambda t: (-plays[t], t.casefold(), t)):
        text = title.casefold()
        starts = [i for i in range(len(text)) if i == 0 or (text[i - 1] == " " and text[i] != " ")]
        for key in {text[i:j] for i in starts for j in range(i + 1, len(text) + 1)}:
            if len(table[key]) < k:
                table[key].append(title)
    return dict(table)


@bank.interview("practice_groups", "broadcast_lloyd", "standardize with np.divide(where=), then assign by broadcasting and argmin, steps + 1 times")
def practice_groups(stats, starts, steps):
    Z = np.asarray(stats, float)
    sd = Z.std(axis=0)
    Z = np.divide(Z - Z.mean(axis=0), sd, out=np.zeros_like(Z), where=sd > 0)
    centres = Z[[int(s) for s in starts]].copy()
    for step in range(steps + 1):
        dist = ((Z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        labels = dist.argmin(axis=1)
        if step == steps:
            break
        for j in range(len(centres)):
            if (labels == j).any():
                centres[j] = Z[labels == j].mean(axis=0)
    return labels, float(dist.min(axis=1).sum())


@bank.interview("activity_by_friends", "bucket_bincounts", "searchsorted finds the buckets, two bincounts count users and active ones")
def activity_by_friends(friends_then, active_now, edges):
    bucket = np.searchsorted(np.asarray(edges), np.asarray(friends_then), side="right") - 1
    users = np.bincount(bucket, minlength=len(edges))
    active = np.bincount(bucket, weights=np.asarray(active_now, float), minlength=len(edges))
    with np.errstate(invalid="ignore"):
        return users, active / users


@bank.interview("expand_abbreviation", "dict_of_scores", "a dict of prior * 2^-dropped for the candidates, sorted, normalised by their sum")
def expand_abbreviation(abbr, word_counts, n=3):
    a = abbr.casefold()
    total = sum(word_counts.values())

    def holds(c):
        rest = iter(c)
        return all(ch in rest for ch in a)

    scores = {w: count / total * 0.5 ** (len(w.casefold()) - len(a)) for w, count in word_counts.items()
              if count and w.casefold()[0] == a[0] and holds(w.casefold())}
    evidence = sum(scores.values())
    ranked = sorted(scores, key=lambda w: (-scores[w], w.casefold(), w))
    return [(w, scores[w] / evidence) for w in ranked[:n]]
