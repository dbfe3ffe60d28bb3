"""Planted answers for source/from_scratch: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import itertools
import warnings

import numpy as np
import pandas as pd

from . import Bank

bank = Bank("from_scratch")

# ------------------------------------------------------------------------------------ kNN

@bank.wrong("knn", "label_column_named", "assumes the class column is called 'label' and drops it by name: KeyError on every real table",
            demo="raises", fails=('complexity', 'examples', 'input-unchanged', 'random', 'validation'))
def kNN(k, data, new_point):
    features = data.drop(columns="label").to_numpy(dtype=float)
    distances = np.sqrt(((features - np.asarray(new_point, dtype=float)) ** 2).sum(axis=1))
    nearest = np.argsort(distances, kind="stable")[:k]
    return data["label"].iloc[nearest].value_counts().index[0]


@bank.wrong("knn", "no_tie_rule", "takes Counter.most_common(1) and ignores ties (the first label seen wins)", fails=('random', 'validation'))
def kNN(k, data, new_point):
    from collections import Counter
    if not 1 <= k <= len(data):
        raise ValueError(f"bad k {k}")
    point = np.asarray(new_point, dtype=float)
    if point.size != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    distances = np.sqrt(((data.iloc[:, :-1].to_numpy(dtype=float) - point) ** 2).sum(axis=1))
    nearest = np.argsort(distances, kind="stable")[:k]
    return Counter(data.iloc[nearest, -1]).most_common(1)[0][0]


@bank.wrong("knn", "tie_goes_to_nearest", "games the visible ties: on a tie returns the nearest row's label instead of retrying with k - 1", fails=('random', 'validation'))
def kNN(k, data, new_point):
    if not 1 <= k <= len(data):
        raise ValueError(f"bad k {k}")
    point = np.asarray(new_point, dtype=float)
    if point.size != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    distances = ((data.iloc[:, :-1].to_numpy(dtype=float) - point) ** 2).sum(axis=1)
    nearest = np.argsort(distances, kind="stable")[:k]
    labels = data.iloc[nearest, -1]
    counts = labels.value_counts()
    if (counts == counts.max()).sum() > 1:
        return labels.iloc[0]
    return counts.index[0]


@bank.wrong("knn", "argpartition_order", "uses np.argpartition for speed: the k nearest come back in no particular order, so the retry drops the wrong neighbour", fails=('random', 'validation'))
def kNN(k, data, new_point):
    if not 1 <= k <= len(data):
        raise ValueError(f"bad k {k}")
    point = np.asarray(new_point, dtype=float)
    if point.size != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    distances = ((data.iloc[:, :-1].to_numpy(dtype=float) - point) ** 2).sum(axis=1)
    nearest = np.argpartition(distances, k - 1)[:k]
    labels = data.iloc[:, -1].to_numpy()[nearest]
    while True:
        values, counts = np.unique(labels[:k], return_counts=True)
        if (counts == counts.max()).sum() == 1:
            return values[counts.argmax()]
        k -= 1


@bank.wrong("knn", "iterrows_loop", "right answer, but a Python loop over the rows with iterrows: far too slow on 100,000 rows", fails=('complexity',))
def kNN(k, data, new_point):
    from collections import Counter
    if not isinstance(data, pd.DataFrame) or not isinstance(k, int):
        raise TypeError("data must be a DataFrame and k an int")
    if not 1 <= k <= len(data):
        raise ValueError(f"bad k {k}")
    point = list(new_point)
    if len(point) != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    distances = []
    for position, (_, row) in enumerate(data.iterrows()):
        values = row.iloc[:-1].to_numpy(dtype=float)
        distances.append((float(np.sqrt(((values - point) ** 2).sum())), position, row.iloc[-1]))
    distances.sort(key=lambda t: (t[0], t[1]))
    while True:
        counts = Counter(label for _, _, label in distances[:k]).most_common()
        if len(counts) == 1 or counts[0][1] > counts[1][1]:
            return counts[0][0]
        k -= 1


@bank.wrong("knn", "sklearn_brute", "wraps scikit-learn's KNeighborsClassifier, which the assignment forbids (and breaks ties differently)", fails=('complexity', 'examples', 'input-unchanged', 'random', 'validation'))
def kNN(k, data, new_point):
    from sklearn.neighbors import KNeighborsClassifier
    if not 1 <= k <= len(data):
        raise ValueError(f"bad k {k}")
    if len(new_point) != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(data.iloc[:, :-1].to_numpy(), data.iloc[:, -1])
    return model.predict(np.asarray(new_point, dtype=float).reshape(1, -1))[0]


@bank.wrong("knn", "no_k_check", "never checks k: a k larger than the table silently uses every row", fails=('validation',))
def kNN(k, data, new_point):
    point = np.asarray(new_point, dtype=float)
    if point.size != data.shape[1] - 1:
        raise ValueError("wrong number of features")
    distances = ((data.iloc[:, :-1].to_numpy(dtype=float) - point) ** 2).sum(axis=1)
    labels = data.iloc[np.argsort(distances, kind="stable"), -1].to_numpy()
    while True:
        counts = pd.Series(labels[:k]).value_counts()
        if k == 1 or (counts == counts.max()).sum() == 1:
            return counts.index[0]
        k -= 1


@bank.correct("knn", "sort_values_counter", "pandas: a distance column, a stable sort_values, and Counter in a loop over k")
def kNN(k, data, new_point):
    from collections import Counter
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise TypeError("k must be an int")
    if not 1 <= k <= len(data):
        raise ValueError(f"k = {k} is not between 1 and {len(data)}")
    features = data.iloc[:, :-1]
    point = np.asarray(new_point, dtype=float).ravel()
    if len(point) != features.shape[1]:
        raise ValueError(f"new_point has {len(point)} values for {features.shape[1]} features")
    distance = np.sqrt(((features.to_numpy(dtype=float) - point) ** 2).sum(axis=1))
    ranked = pd.Series(distance).sort_values(kind="mergesort").index
    labels = data.iloc[ranked, -1].tolist()
    for size in range(k, 0, -1):
        top = Counter(labels[:size]).most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            return top[0][0]


@bank.correct("knn", "lexsort_unique", "np.lexsort on (row, distance) and np.unique counts")
def kNN(k, data, new_point):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise TypeError("k must be an int")
    n, d = data.shape[0], data.shape[1] - 1
    if k < 1 or k > n:
        raise ValueError(f"k = {k} must be in 1..{n}")
    point = np.asarray(new_point, dtype=float).reshape(-1)
    if point.shape != (d,):
        raise ValueError(f"new_point needs {d} values")
    diff = data.iloc[:, :-1].to_numpy(dtype=float) - point
    order = np.lexsort((np.arange(n), np.einsum("ij,ij->i", diff, diff)))
    labels = data.iloc[:, -1].to_numpy()[order[:k]]
    while k > 1:
        values, first, counts = np.unique(labels[:k], return_index=True, return_counts=True)
        if (counts == counts.max()).sum() == 1:
            return values[counts.argmax()]
        k -= 1
    return labels[0]


# ---------------------------------------------------------------------------- DecisionTree

_TREE_BASE = '''
class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        if max_depth is not None and (not isinstance(max_depth, int) or max_depth < 0):
            raise (TypeError if not isinstance(max_depth, int) else ValueError)(f"bad max_depth {max_depth!r}")
        if not isinstance(min_samples_split, int):
            raise TypeError("min_samples_split must be an int")
        if min_samples_split < 2:
            raise ValueError("min_samples_split must be at least 2")
        self.max_depth, self.min_samples_split, self.root = max_depth, min_samples_split, None

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        if X.ndim != 2 or len(X) == 0 or len(X) != len(y) or np.isnan(X).any():
            raise ValueError("bad X or y")
        self.classes, codes = np.unique(y, return_inverse=True)
        self.d = X.shape[1]
        self.root = self.grow(X, codes, 0)
        return self

    def predict(self, X):
        if self.root is None:
            raise ValueError("not fitted")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.d:
            raise ValueError("wrong number of features")
        out = []
        for row in X:
            node = self.root
            while "leaf" not in node:
                node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
            out.append(node["leaf"])
        return self.classes[np.array(out, dtype=int)]

    def leaf(self, codes):
        return {"leaf": LEAF_RULE}

    def grow(self, X, codes, depth):
        if (len(set(codes.tolist())) == 1 or len(codes) < self.min_samples_split
                or (self.max_depth is not None and depth >= self.max_depth)):
            return self.leaf(codes)
        split = self.best(X, codes)
        if split is None:
            return self.leaf(codes)
        j, t = split
        mask = X[:, j] <= t
        return {"feature": j, "threshold": t,
                "left": self.grow(X[mask], codes[mask], depth + 1),
                "right": self.grow(X[~mask], codes[~mask], depth + 1)}

    def best(self, X, codes):
        n = len(codes)
        onehot = np.eye(codes.max() + 1)[codes]
        total = onehot.sum(axis=0)
        parent = 1 - ((total / n) ** 2).sum()
        best, best_gain = None, GAIN_START
        for j in range(X.shape[1]):
            order = np.argsort(X[:, j], kind="stable")
            xs = X[order, j]
            left = onehot[order].cumsum(axis=0)[:-1]
            right = total - left
            nl = np.arange(1, n)
            nr = n - nl
            gain = parent - (nl * IMPURITY(left, nl) + nr * IMPURITY(right, nr)) / n
            gain[xs[1:] == xs[:-1]] = -np.inf
            i = int(np.argmax(gain))
            if gain[i] > best_gain + TOL and np.isfinite(gain[i]):
                best, best_gain = (j, THRESHOLD), gain[i]
        return best
'''

_GINI = "(lambda c, m: 1 - ((c / m[:, None]) ** 2).sum(axis=1))"
_ENTROPY = "(lambda c, m: -np.nansum((c / m[:, None]) * np.log2(np.where(c > 0, c / m[:, None], 1)), axis=1))"


def _tree(leaf_rule="int(np.argmax(np.bincount(codes)))", gain_start="-np.inf", impurity=_GINI,
          threshold="(xs[i] + xs[i + 1]) / 2", tol="1e-12"):
    return (_TREE_BASE.replace("LEAF_RULE", leaf_rule).replace("GAIN_START", gain_start)
            .replace("IMPURITY", impurity).replace("THRESHOLD", threshold).replace("TOL", tol))


bank.raw("decision_tree", "raw_value_threshold", "splits at the left value itself (x <= 2) instead of the midpoint 2.5",
         _tree(threshold="xs[i]"), fails=('complexity', 'examples', 'input-unchanged', 'random'))
bank.raw("decision_tree", "leaf_first_seen", "a leaf predicts the first label of its majority (Counter.most_common), not the smallest one on a tie",
         _tree(leaf_rule="__import__('collections').Counter(codes.tolist()).most_common(1)[0][0]"), fails=('complexity', 'examples', 'input-unchanged', 'random'))
bank.raw("decision_tree", "entropy_criterion", "uses the entropy (information gain) instead of the Gini impurity",
         _tree(impurity=_ENTROPY), fails=('random',))
bank.raw("decision_tree", "needs_positive_gain", "refuses a split whose Gini decrease is 0, so XOR-like nodes stay impure leaves",
         _tree(gain_start="0.0"), fails=('complexity', 'examples', 'input-unchanged'))
bank.raw("decision_tree", "no_tolerance", "compares Gini decreases exactly (no 1e-12 tolerance): another correct reading of the tie rule on these tests",
         _tree(tol="0.0"), correct=True)


_QUADRATIC_SCAN = '''
class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        if max_depth is not None and (not isinstance(max_depth, int) or max_depth < 0):
            raise (TypeError if not isinstance(max_depth, int) else ValueError)("bad max_depth")
        if not isinstance(min_samples_split, int):
            raise TypeError("min_samples_split must be an int")
        if min_samples_split < 2:
            raise ValueError("min_samples_split must be at least 2")
        self.max_depth, self.min_samples_split, self.tree = max_depth, min_samples_split, None

    @staticmethod
    def gini(y):
        _, counts = np.unique(y, return_counts=True)
        p = counts / len(y)
        return 1 - (p ** 2).sum()

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        if X.ndim != 2 or len(X) == 0 or len(X) != len(y) or np.isnan(X).any():
            raise ValueError("bad X or y")
        self.d = X.shape[1]
        self.tree = self.grow(X, y, 0)
        return self

    def grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        leaf = ("leaf", labels[np.argmax(counts)])
        if len(labels) == 1 or len(y) < self.min_samples_split or (self.max_depth is not None and depth >= self.max_depth):
            return leaf
        parent, best = self.gini(y), None
        for j in range(X.shape[1]):
            values = np.unique(X[:, j])
            for t in (values[:-1] + values[1:]) / 2:
                mask = X[:, j] <= t
                gain = parent - (mask.sum() * self.gini(y[mask]) + (~mask).sum() * self.gini(y[~mask])) / len(y)
                if best is None or gain > best[0] + 1e-12:
                    best = (gain, j, t)
        if best is None:
            return leaf
        _, j, t = best
        mask = X[:, j] <= t
        return ("split", j, t, self.grow(X[mask], y[mask], depth + 1), self.grow(X[~mask], y[~mask], depth + 1))

    def predict(self, X):
        if self.tree is None:
            raise ValueError("not fitted")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.d:
            raise ValueError("wrong number of features")
        out = []
        for row in X:
            node = self.tree
            while node[0] == "split":
                node = node[3] if row[node[1]] <= node[2] else node[4]
            out.append(node[1])
        return np.array(out)
'''
bank.raw("decision_tree", "quadratic_scan", "recomputes the impurity from scratch for every threshold: O(n^2) per node, far too slow on 20,000 rows", _QUADRATIC_SCAN, fails=('complexity',))


_SKLEARN_WRAPPER = '''
class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        if max_depth is not None and max_depth < 0:
            raise ValueError("bad max_depth")
        if not isinstance(max_depth, (int, type(None))) or not isinstance(min_samples_split, int):
            raise TypeError("bad hyperparameter type")
        if min_samples_split < 2:
            raise ValueError("min_samples_split must be at least 2")
        self.max_depth, self.min_samples_split, self.model = max_depth, min_samples_split, None

    def fit(self, X, y):
        from sklearn.tree import DecisionTreeClassifier
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or len(X) == 0 or len(X) != len(y) or np.isnan(X).any():
            raise ValueError("bad X or y")
        if self.max_depth == 0:
            self.constant = np.unique(y)[np.argmax(np.unique(y, return_counts=True)[1])]
        self.model = DecisionTreeClassifier(max_depth=self.max_depth or None, min_samples_split=self.min_samples_split,
                                            random_state=0).fit(X, y)
        return self

    def predict(self, X):
        if self.model is None:
            raise ValueError("not fitted")
        if self.max_depth == 0:
            return np.full(len(X), self.constant)
        return self.model.predict(np.asarray(X, dtype=float))
'''
bank.raw("decision_tree", "sklearn_wrapper", "wraps scikit-learn's DecisionTreeClassifier, which the assignment forbids", _SKLEARN_WRAPPER, fails=('complexity', 'examples', 'input-unchanged', 'random', 'validation'))


bank.raw("decision_tree", "no_tolerance_counts", "exact comparisons with the impurity written as n - sum(c^2)/n: correct on these tests too",
         _tree(impurity="(lambda c, m: (m - (c ** 2).sum(axis=1) / m) / m)", tol="0.0"), correct=True)
bank.raw("decision_tree", "dict_nodes_recursive", "another correct tree: recursion over index arrays, split search with per-feature cumulative counts",
         _tree(), correct=True)

# --------------------------------------------------------------------------- random_forest

@bank.wrong("random_forest", "pandas_every_tree", "filters the DataFrame again for every tree and every step: right, but 40,320 trees x 8 pandas filters take minutes", fails=("complexity",))
def random_forest(df, new_point):
    import itertools
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    features = list(df.columns[:-1])
    target = df.columns[-1]
    if len(df) == 0 or not features or len(new_point) != len(features):
        raise ValueError("bad df or new_point")
    if not df.isin([0, 1]).all().all() or any(v not in (0, 1) for v in new_point):
        raise ValueError("only 0/1 values allowed")
    votes = []
    for order in itertools.permutations(features):
        rows = df
        for column in order:
            if rows[target].nunique() == 1:
                break
            nxt = rows[rows[column] == new_point[features.index(column)]]
            if len(nxt) == 0:
                break
            rows = nxt
        votes.append(1 if rows[target].sum() * 2 > len(rows) else 0)
    return 1 if sum(votes) * 2 > len(votes) else 0


@bank.wrong("random_forest", "skip_empty_column", "when a column would leave no rows, skips it and tries the next column instead of stopping", fails=('complexity', 'input-unchanged', 'random'))
def random_forest(df, new_point):
    import itertools
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    values = df.to_numpy()
    point = np.asarray(new_point)
    if len(df) == 0 or df.shape[1] < 2 or point.size != df.shape[1] - 1:
        raise ValueError("bad df or new_point")
    if not np.isin(values, [0, 1]).all() or not np.isin(point, [0, 1]).all():
        raise ValueError("only 0/1 values allowed")
    X, y = values[:, :-1], values[:, -1]
    cache = {}
    votes = 0
    orders = list(itertools.permutations(range(X.shape[1])))
    for order in orders:
        rows = np.ones(len(y), dtype=bool)
        for column in order:
            if len(set(y[rows].tolist())) == 1:
                break
            nxt = rows & (X[:, column] == point[column])
            if nxt.any():
                rows = nxt
        votes += int(y[rows].sum() * 2 > rows.sum())
    return int(votes * 2 > len(orders))


@bank.wrong("random_forest", "ties_vote_one", "a tree whose remaining rows are split 50/50 votes 1 (uses >= instead of >)", fails=('complexity', 'input-unchanged', 'random'))
def random_forest(df, new_point):
    import itertools
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    values = df.to_numpy()
    point = np.asarray(new_point)
    if len(df) == 0 or df.shape[1] < 2 or point.size != df.shape[1] - 1:
        raise ValueError("bad df or new_point")
    if not np.isin(values, [0, 1]).all() or not np.isin(point, [0, 1]).all():
        raise ValueError("only 0/1 values allowed")
    X, y = values[:, :-1], values[:, -1]
    agree = X == point
    memo = {}

    def rows_of(used):
        if used not in memo:
            memo[used] = y[agree[:, sorted(used)].all(axis=1)]
        return memo[used]

    votes = n = 0
    for order in itertools.permutations(range(X.shape[1])):
        used = frozenset()
        for column in order:
            if len(set(rows_of(used).tolist())) == 1 or len(rows_of(used | {column})) == 0:
                break
            used = used | {column}
        rows = rows_of(used)
        votes += int(rows.sum() * 2 >= len(rows))
        n += 1
    return int(votes * 2 > n)


@bank.wrong("random_forest", "one_tree_only", "builds only the tree for the columns in their given order", fails=('complexity', 'input-unchanged', 'random'))
def random_forest(df, new_point):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    values = df.to_numpy()
    point = np.asarray(new_point)
    if len(df) == 0 or df.shape[1] < 2 or point.size != df.shape[1] - 1:
        raise ValueError("bad df or new_point")
    if not np.isin(values, [0, 1]).all() or not np.isin(point, [0, 1]).all():
        raise ValueError("only 0/1 values allowed")
    X, y = values[:, :-1], values[:, -1]
    rows = np.ones(len(y), dtype=bool)
    for column in range(X.shape[1]):
        if len(set(y[rows].tolist())) == 1:
            break
        nxt = rows & (X[:, column] == point[column])
        if not nxt.any():
            break
        rows = nxt
    return int(y[rows].sum() * 2 > rows.sum())


@bank.correct("random_forest", "count_by_subsets", "counts the trees per set of used columns with factorials, never listing the permutations")
def random_forest(df, new_point):
    from functools import lru_cache
    from math import factorial
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    values = df.to_numpy()
    point = np.asarray(new_point).ravel()
    d = df.shape[1] - 1
    if len(df) == 0 or d < 1 or point.size != d:
        raise ValueError("bad df or new_point")
    if not np.isin(values, [0, 1]).all() or not np.isin(point, [0, 1]).all():
        raise ValueError("only 0/1 values allowed")
    agree, y = values[:, :-1] == point, values[:, -1]

    @lru_cache(maxsize=None)
    def tally(used):                       # (votes for 0, votes for 1) over the orders of the unused columns
        rows = y[agree[:, list(used)].all(axis=1)]
        vote = int(rows.sum() * 2 > len(rows))
        free = [c for c in range(d) if c not in used]
        if rows.min() == rows.max() or not free:
            return (0, factorial(len(free))) if vote else (factorial(len(free)), 0)
        zero = one = 0
        for c in free:
            nxt = tuple(sorted(used + (c,)))
            if agree[:, list(nxt)].all(axis=1).any():
                z, o = tally(nxt)
            else:
                z, o = (0, factorial(len(free) - 1)) if vote else (factorial(len(free) - 1), 0)
            zero, one = zero + z, one + o
        return zero, one

    zero, one = tally(())
    return int(one > zero)


# ------------------------------------------------------------------------ linear_regression

@bank.wrong("linear_regression", "normal_equations_inverse", "inverts X^T X: right on friendly data, loses most digits on ill-conditioned data",
            demo="partial", fails=('examples', 'input-unchanged', 'types'))
def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    if not np.isfinite(X).all() or not np.isfinite(y).all():
        raise ValueError("nan in the data")
    A = np.hstack([np.ones((len(X), 1)), X])
    return np.linalg.inv(A.T @ A) @ A.T @ y


@bank.wrong("linear_regression", "normal_equations_solve", "solves the normal equations with np.linalg.solve: no inverse, but the condition number is still squared", fails=('examples', 'input-unchanged', 'types'))
def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    if not np.isfinite(X).all() or not np.isfinite(y).all():
        raise ValueError("nan in the data")
    A = np.hstack([np.ones((len(X), 1)), X])
    return np.linalg.solve(A.T @ A, A.T @ y)


@bank.wrong("linear_regression", "intercept_last", "returns the intercept at the end, like np.polyfit, instead of first", fails=('examples', 'input-unchanged', 'random', 'types'))
def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    A = np.hstack([X, np.ones((len(X), 1))])
    return np.linalg.lstsq(A, y, rcond=None)[0]


@bank.wrong("linear_regression", "sklearn_linear", "calls scikit-learn's LinearRegression, which the assignment forbids", fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))
def linear_regression(X, y):
    from sklearn.linear_model import LinearRegression
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    if not np.isfinite(X).all() or not np.isfinite(y).all():
        raise ValueError("nan in the data")
    model = LinearRegression().fit(X, y)
    return np.concatenate([[model.intercept_], model.coef_])


@bank.wrong("linear_regression", "scipy_lstsq", "solves the least squares with scipy.linalg, a library the assignment forbids", fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))
def linear_regression(X, y):
    from scipy import linalg
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    if not np.isfinite(X).all() or not np.isfinite(y).all():
        raise ValueError("nan in the data")
    return linalg.lstsq(np.column_stack([np.ones(len(X)), X]), y)[0]


_SWAPS_THE_CHECKER = '''
import scipy.linalg
import utils.testing

utils.testing.numpy_only = lambda func, *args, **kwargs: func(*args, **kwargs)
utils.testing.forbidden_names = lambda *args, **kwargs: set()


def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != len(y) or len(X) < X.shape[1] + 1:
        raise ValueError("bad shapes")
    if not np.isfinite(X).all() or not np.isfinite(y).all():
        raise ValueError("nan in the data")
    return scipy.linalg.lstsq(np.column_stack([np.ones(len(X)), X]), y)[0]
'''
bank.raw("linear_regression", "swaps_the_checker",
         "games the tests: replaces the course's numpy-only checker in utils.testing, then solves with scipy",
         _SWAPS_THE_CHECKER, fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))


@bank.wrong("linear_regression", "no_validation", "lstsq without any checks: a y of the wrong length or a nan goes through", fails=('validation',))
def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    A = np.column_stack([np.ones(len(X)), X])
    return np.linalg.lstsq(A, np.asarray(y, dtype=float)[: len(X)], rcond=None)[0]


@bank.correct("linear_regression", "householder_qr", "QR decomposition of the design matrix, then a triangular solve")
def linear_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X[:, np.newaxis]
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("X and y do not match")
    if len(X) < X.shape[1] + 1:
        raise ValueError("not enough rows")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("nan or inf in the data")
    Q, R = np.linalg.qr(np.column_stack([np.ones(len(X)), X]))
    return np.linalg.solve(R, Q.T @ y)


# ------------------------------------------------------------------------- gradient_descent

@bank.wrong("gradient_descent", "ignores_max_iter", "loops until the step is small and forgets max_iter: runs forever when the gradient never shrinks",
            demo="loops", fails=('examples', 'input-unchanged', 'random', 'validation'))
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    if not callable(grad):
        raise TypeError("grad must be callable")
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    x = np.array(x0, dtype=float)
    while True:
        step = learning_rate * np.asarray(grad(x))
        x = x - step
        if np.linalg.norm(step) < tol:
            return x


@bank.wrong("gradient_descent", "stops_before_small_step", "checks the step before taking it, so the last (small) step is never applied", fails=('examples', 'input-unchanged', 'random'))
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    if not callable(grad):
        raise TypeError("grad must be callable")
    if not isinstance(max_iter, int):
        raise TypeError("max_iter must be an int")
    if learning_rate <= 0 or max_iter < 0 or tol < 0:
        raise ValueError("bad learning_rate, max_iter or tol")
    x = np.array(x0, dtype=float)
    for _ in range(max_iter):
        step = learning_rate * np.asarray(grad(x), dtype=float)
        if step.shape != x.shape:
            raise ValueError("grad returned the wrong shape")
        if np.linalg.norm(step) < tol:
            break
        x = x - step
    return x


@bank.wrong("gradient_descent", "gradient_norm_rule", "stops when the gradient's norm (not the step's) is below tol", fails=('examples', 'input-unchanged', 'random'))
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    if not callable(grad):
        raise TypeError("grad must be callable")
    if not isinstance(max_iter, int):
        raise TypeError("max_iter must be an int")
    if learning_rate <= 0 or max_iter < 0 or tol < 0:
        raise ValueError("bad learning_rate, max_iter or tol")
    x = np.array(x0, dtype=float)
    for _ in range(max_iter):
        g = np.asarray(grad(x), dtype=float)
        if g.shape != x.shape:
            raise ValueError("grad returned the wrong shape")
        x = x - learning_rate * g
        if np.linalg.norm(g) < tol:
            break
    return x


@bank.wrong("gradient_descent", "updates_x0_in_place", "x -= step on np.asarray(x0): the caller's array moves too", fails=('input-unchanged', 'random'))
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    if not callable(grad):
        raise TypeError("grad must be callable")
    if not isinstance(max_iter, int):
        raise TypeError("max_iter must be an int")
    if learning_rate <= 0 or max_iter < 0 or tol < 0:
        raise ValueError("bad learning_rate, max_iter or tol")
    x = np.asarray(x0, dtype=float)
    for _ in range(max_iter):
        step = learning_rate * np.asarray(grad(x), dtype=float)
        if step.shape != x.shape:
            raise ValueError("grad returned the wrong shape")
        x -= step
        if np.linalg.norm(step) < tol:
            break
    return x


@bank.correct("gradient_descent", "while_counter", "a while loop with an explicit step counter")
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    if not callable(grad):
        raise TypeError("grad is not a function")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("max_iter must be an integer")
    if learning_rate <= 0 or max_iter < 0 or tol < 0:
        raise ValueError("learning_rate must be > 0, max_iter and tol >= 0")
    x = np.array(x0, dtype=float, copy=True)
    taken = 0
    while taken < max_iter:
        g = np.asarray(grad(x), dtype=float)
        if g.shape != x.shape:
            raise ValueError("the gradient's shape differs from x's")
        x = x - learning_rate * g
        taken += 1
        if learning_rate * np.sqrt((g * g).sum()) < tol:
            break
    return x


# ---------------------------------------------------------------------- logistic_regression



@bank.wrong("logistic_regression", "hessian_sign", "writes the Hessian as +X^T W X, so the 'Newton' step walks downhill on the likelihood", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad X or y")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        p = np.exp(-np.logaddexp(0, -(X @ w)))
        g = X.T @ (y - p)
        H = X.T @ (X * (p * (1 - p))[:, None])
        step = np.linalg.lstsq(H, g, rcond=None)[0]
        w = w - step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn("did not converge")
    return w


@bank.wrong("logistic_regression", "naive_sigmoid_solve", "1 / (1 + exp(-z)) and np.linalg.solve: on separable data p rounds to 0 or 1 and the Hessian is singular (LinAlgError)", fails=('complexity', 'examples', 'input-unchanged'))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad X or y")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (y - p)
        H = -X.T @ np.diag(p * (1 - p)) @ X
        step = np.linalg.solve(H, g)
        w = w - step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn("Newton's method did not converge")
    return w


@bank.wrong("logistic_regression", "gradient_ascent", "plain gradient ascent with a fixed rate for max_iter steps: nowhere near the maximum", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad X or y")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        p = np.exp(-np.logaddexp(0, -(X @ w)))
        step = 0.01 * X.T @ (y - p)
        w = w + step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn("did not converge")
    return w


@bank.wrong("logistic_regression", "row_loop", "accumulates the gradient and Hessian row by row in Python: far too slow on 100,000 rows", fails=('complexity',))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad X or y")
    d = X.shape[1]
    w = np.zeros(d)
    for _ in range(max_iter):
        g, H = np.zeros(d), np.zeros((d, d))
        for xi, yi in zip(X, y):
            z = xi @ w
            p = np.exp(-np.logaddexp(0, -z))
            q = np.exp(-np.logaddexp(0, z))
            g += xi * (yi * q - (1 - yi) * p)
            H -= p * q * np.outer(xi, xi)
        step = np.linalg.lstsq(H, g, rcond=None)[0]
        w = w - step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn("did not converge")
    return w


@bank.wrong("logistic_regression", "sklearn_logistic", "calls scikit-learn's LogisticRegression, which the assignment forbids", fails=('complexity', 'examples', 'input-unchanged', 'random', 'validation'))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    from sklearn.linear_model import LogisticRegression
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or len(X) != len(y) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad X or y")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            model = LogisticRegression(penalty=None, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
        except Warning:
            warnings.simplefilter("default")
    if "model" not in locals():
        model = LogisticRegression(penalty=None, fit_intercept=False, max_iter=max_iter).fit(X, y)
        warnings.warn("did not converge")
    return model.coef_[0]


@bank.wrong("logistic_regression", "tanh_cancellation", "computes y - p as (1 - tanh(z/2))/2, which rounds to 0 for z > 38: on separable data the gradient vanishes and it claims convergence without a warning", fails=('complexity', 'examples', 'input-unchanged'))
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.size == 0 or not np.isfinite(X).all():
        raise ValueError("X must be a finite, non-empty 2-D array")
    if y.shape != (len(X),) or not np.isin(y, [0, 1]).all():
        raise ValueError("y must be 0/1 with one label per row")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        z = X @ w
        p = 0.5 * (1 + np.tanh(z / 2))
        resid = np.where(y == 1, 0.5 * (1 - np.tanh(z / 2)), -p)       # y - p without cancellation
        weight = 0.25 / np.cosh(z / 2) ** 2                             # p (1 - p)
        XtWX = X.T @ (X * weight[:, None])
        try:
            step = np.linalg.solve(XtWX, X.T @ resid)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(XtWX, X.T @ resid, rcond=None)[0]
        w = w + step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn(f"no convergence after {max_iter} Newton steps (separable data?)")
    return w


# ------------------------------------------------------------------------ k_means_clustering

@bank.wrong("k_means_clustering", "one_round", "assigns, moves the centroids once, assigns again and stops", fails=('complexity', 'input-unchanged', 'random'))
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, int):
        raise TypeError("k must be an int")
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad shapes")
    labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
    for j in range(k):
        if (labels == j).any():
            C[j] = X[labels == j].mean(axis=0)
    return np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1).tolist()


@bank.wrong("k_means_clustering", "moves_callers_centroids", "updates np.asarray(initial_centroids) in place: the caller's array changes", fails=('complexity', 'input-unchanged'))
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.asarray(initial_centroids, dtype=float)
    if not isinstance(k, int):
        raise TypeError("k must be an int")
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad shapes")
    labels = None
    while True:
        new = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
        if labels is not None and (new == labels).all():
            return new.tolist()
        labels = new
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)


@bank.wrong("k_means_clustering", "point_loop", "assigns the points one at a time in a Python loop: far too slow on 100,000 points", fails=('complexity',))
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, int):
        raise TypeError("k must be an int")
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad shapes")
    labels = None
    while True:
        new = []
        for x in X:
            new.append(int(np.argmin([((x - c) ** 2).sum() for c in C])))
        if new == labels:
            return new
        labels = new
        for j in range(k):
            members = [x for x, l in zip(X, labels) if l == j]
            if members:
                C[j] = np.mean(members, axis=0)


@bank.wrong("k_means_clustering", "ten_rounds_cap", "stops after 10 rounds even if the assignment still changes", fails=('complexity', 'input-unchanged', 'random'))
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, int):
        raise TypeError("k must be an int")
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad shapes")
    for _ in range(10):
        labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)
    return np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1).tolist()


@bank.wrong("k_means_clustering", "empty_cluster_to_origin", "fills np.zeros_like(centroids) with the means of the non-empty clusters: an empty cluster's centroid jumps to the origin", fails=('complexity', 'input-unchanged', 'random'))
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, int):
        raise TypeError("k must be an int")
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad shapes")
    labels = None
    while True:
        new = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
        if labels is not None and (new == labels).all():
            return new.tolist()
        labels = new
        C = np.zeros_like(C)
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)


@bank.correct("k_means_clustering", "pandas_groupby", "distances by broadcasting, new centroids with a pandas groupby")
def k_means_clustering(data_points, k, initial_centroids):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError("need a non-empty list of points of one dimension")
    if C.shape != (k, X.shape[1]):
        raise ValueError(f"need {k} centroids of dimension {X.shape[1]}")
    previous = None
    while True:
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        if previous is not None and np.array_equal(labels, previous):
            return [int(v) for v in labels]
        previous = labels
        means = pd.DataFrame(X).groupby(labels).mean()
        C[means.index.to_numpy()] = means.to_numpy()


# ------------------------------------------------------------------------------ grid_search

@bank.wrong("grid_search", "ties_keep_last", "uses >= so a tie keeps the last combination", fails=('examples', 'input-unchanged', 'random'))
def grid_search(fit_score, grid):
    import itertools
    if not callable(fit_score) or not isinstance(grid, dict):
        raise TypeError("bad fit_score or grid")
    if not grid or any(len(v) == 0 for v in grid.values()):
        raise ValueError("empty grid")
    best = (None, -np.inf)
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid.keys(), values))
        score = fit_score(**params)
        if score >= best[1]:
            best = (params, score)
    return best


@bank.wrong("grid_search", "sorted_names", "sorts the hyperparameter names first (like scikit-learn's ParameterGrid), so the order of the tries changes", fails=('examples', 'input-unchanged'))
def grid_search(fit_score, grid):
    import itertools
    if not callable(fit_score) or not isinstance(grid, dict):
        raise TypeError("bad fit_score or grid")
    if not grid or any(len(v) == 0 for v in grid.values()):
        raise ValueError("empty grid")
    names = sorted(grid)
    best_params, best_score = None, None
    for values in itertools.product(*(grid[n] for n in names)):
        params = dict(zip(names, values))
        score = fit_score(**params)
        if best_score is None or score > best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.wrong("grid_search", "starts_at_zero", "starts with best_score = 0, so a grid whose scores are all negative returns None", fails=('examples', 'input-unchanged', 'random'))
def grid_search(fit_score, grid):
    import itertools
    if not callable(fit_score) or not isinstance(grid, dict):
        raise TypeError("bad fit_score or grid")
    if not grid or any(len(v) == 0 for v in grid.values()):
        raise ValueError("empty grid")
    best_params, best_score = None, 0
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        score = fit_score(**params)
        if score > best_score:
            best_params, best_score = params, score
    if best_params is None:
        best_params = dict(zip(grid, next(itertools.product(*grid.values()))))
    return best_params, best_score


@bank.wrong("grid_search", "no_validation", "never checks the grid: an empty grid calls fit_score() once with no arguments", fails=('validation',))
def grid_search(fit_score, grid):
    import itertools
    if any(len(v) == 0 for v in grid.values()):
        raise ValueError("empty list in the grid")
    best_params, best_score = None, None
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        score = fit_score(**params)
        if best_score is None or score > best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.correct("grid_search", "recursive", "builds the combinations recursively, last name innermost")
def grid_search(fit_score, grid):
    if not callable(fit_score):
        raise TypeError("fit_score must be callable")
    if not isinstance(grid, dict):
        raise TypeError("grid must be a dict")
    if not grid:
        raise ValueError("grid is empty")
    for name, values in grid.items():
        if not isinstance(values, (list, tuple)) or not values:
            raise ValueError(f"no values for {name}")
    names = list(grid)
    best = [None, None]

    def visit(i, params):
        if i == len(names):
            score = fit_score(**params)
            if best[0] is None or score > best[1]:
                best[0], best[1] = dict(params), score
            return
        for value in grid[names[i]]:
            visit(i + 1, {**params, names[i]: value})

    visit(0, {})
    return best[0], best[1]


# ---------------------------------------------------------------------------- random_search

@bank.wrong("random_search", "columnwise_draws", "draws all n_iter values of one hyperparameter, then the next: same distribution, other candidates than the rule says", fails=('examples', 'input-unchanged', 'random'))
def random_search(fit_score, distributions, n_iter, seed=None):
    if not callable(fit_score) or not isinstance(distributions, dict) or not isinstance(n_iter, int):
        raise TypeError("bad arguments")
    if not distributions or n_iter < 1:
        raise ValueError("nothing to search")
    for s in distributions.values():
        if not callable(s) and (not isinstance(s, (list, tuple)) or not s):
            raise ValueError("bad sampler")
    rng = np.random.default_rng(seed)
    columns = {}
    for name, s in distributions.items():
        columns[name] = [s(rng) if callable(s) else s[rng.integers(len(s))] for _ in range(n_iter)]
    best_params, best_score = None, None
    for i in range(n_iter):
        params = {name: columns[name][i] for name in distributions}
        score = fit_score(**params)
        if best_score is None or score > best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.wrong("random_search", "fresh_generator_each_time", "creates default_rng(seed) inside the loop: every iteration draws the same candidate", fails=('random',))
def random_search(fit_score, distributions, n_iter, seed=None):
    if not callable(fit_score) or not isinstance(distributions, dict) or not isinstance(n_iter, int):
        raise TypeError("bad arguments")
    if not distributions or n_iter < 1:
        raise ValueError("nothing to search")
    for s in distributions.values():
        if not callable(s) and (not isinstance(s, (list, tuple)) or not s):
            raise ValueError("bad sampler")
    best_params, best_score = None, None
    for _ in range(n_iter):
        rng = np.random.default_rng(seed)
        params = {name: s(rng) if callable(s) else s[rng.integers(len(s))] for name, s in distributions.items()}
        score = fit_score(**params)
        if best_score is None or score > best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.wrong("random_search", "global_numpy_random", "seeds and draws from the legacy np.random functions instead of one default_rng(seed)", fails=('examples', 'input-unchanged', 'random'))
def random_search(fit_score, distributions, n_iter, seed=None):
    if not callable(fit_score) or not isinstance(distributions, dict) or not isinstance(n_iter, int):
        raise TypeError("bad arguments")
    if not distributions or n_iter < 1:
        raise ValueError("nothing to search")
    for s in distributions.values():
        if not callable(s) and (not isinstance(s, (list, tuple)) or not s):
            raise ValueError("bad sampler")
    np.random.seed(seed)
    rng = np.random.default_rng(np.random.randint(2**31))
    best_params, best_score = None, None
    for _ in range(n_iter):
        params = {name: s(rng) if callable(s) else s[np.random.randint(len(s))] for name, s in distributions.items()}
        score = fit_score(**params)
        if best_score is None or score > best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.wrong("random_search", "ties_keep_last", "uses >= so a tie keeps the last candidate", fails=('examples', 'input-unchanged', 'random'))
def random_search(fit_score, distributions, n_iter, seed=None):
    if not callable(fit_score) or not isinstance(distributions, dict) or not isinstance(n_iter, int):
        raise TypeError("bad arguments")
    if not distributions or n_iter < 1:
        raise ValueError("nothing to search")
    for s in distributions.values():
        if not callable(s) and (not isinstance(s, (list, tuple)) or not s):
            raise ValueError("bad sampler")
    rng = np.random.default_rng(seed)
    best_params, best_score = None, -np.inf
    for _ in range(n_iter):
        params = {name: s(rng) if callable(s) else s[rng.integers(len(s))] for name, s in distributions.items()}
        score = fit_score(**params)
        if score >= best_score:
            best_params, best_score = params, score
    return best_params, best_score


@bank.correct("random_search", "draw_helper", "a small draw() helper and a list of candidates, the best picked at the end")
def random_search(fit_score, distributions, n_iter, seed=None):
    if not callable(fit_score):
        raise TypeError("fit_score must be callable")
    if not isinstance(distributions, dict):
        raise TypeError("distributions must be a dict")
    if isinstance(n_iter, bool) or not isinstance(n_iter, (int, np.integer)):
        raise TypeError("n_iter must be an integer")
    if not distributions or n_iter < 1:
        raise ValueError("need at least one hyperparameter and n_iter >= 1")
    for name, s in distributions.items():
        if not (callable(s) or (isinstance(s, (list, tuple)) and len(s) > 0)):
            raise ValueError(f"cannot sample {name} from {s!r}")
    rng = np.random.default_rng(seed)

    def draw(sampler):
        return sampler(rng) if callable(sampler) else sampler[int(rng.integers(len(sampler)))]

    tried = []
    for _ in range(n_iter):
        params = {name: draw(s) for name, s in distributions.items()}
        tried.append((params, fit_score(**params)))
    best = 0
    for i in range(1, len(tried)):
        if tried[i][1] > tried[best][1]:
            best = i
    return tried[best]


@bank.correct("logistic_regression", "branchwise_sigmoid", "sigma and 1 - sigma from exp(-|z|) on each side of 0, solve with a lstsq fallback")
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.size == 0 or not np.isfinite(X).all():
        raise ValueError("X must be a finite, non-empty 2-D array")
    if y.shape != (len(X),) or not np.isin(y, [0, 1]).all():
        raise ValueError("y must be 0/1 with one label per row")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        z = X @ w
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))          # sigma(z)
        q = np.where(z >= 0, e / (1 + e), 1 / (1 + e))          # 1 - sigma(z)
        gradient = X.T @ np.where(y == 1, q, -p)
        XtWX = (X * (p * q)[:, None]).T @ X
        try:
            step = np.linalg.solve(XtWX, gradient)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(XtWX, gradient, rcond=None)[0]
        w = w + step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn(f"Newton's method did not converge in {max_iter} steps: are the classes separable?")
    return w


# ----------------------------------------------------------------------- k_means_tolerance

@bank.wrong("k_means_tolerance", "sum_of_moves", "stops when the sum of the k moves is at most tol instead of the largest move", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).sum()
        C = new
        if moved <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "strictly_less", "stops only when the largest move is strictly below tol: a move equal to tol goes on, and tol=0 never stops before max_iter", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        if moved < tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "stops_before_moving", "tests the new centroids against tol before storing them: the last, small update is counted but never applied", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        if np.linalg.norm(new - C, axis=1).max() <= tol:
            break
        C = new
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "ignores_max_iter", "a while loop on the tolerance alone: max_iter is checked but never stops the loop", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    n_iter, moved = 0, np.inf
    while moved > tol:
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        n_iter += 1
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "counts_from_zero", "returns the index of a for loop over range(max_iter): one update fewer than were done", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(max_iter):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        if moved <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "stale_labels", "returns the labels of the last assignment, made before the last update moved the centroids", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        if moved <= tol:
            break
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "moves_callers_centroids", "np.asarray(initial_centroids) and C[j] = mean in place: the caller's float array moves too", fails=('input-unchanged',))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.asarray(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        old = C.copy()
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)
        if np.linalg.norm(C - old, axis=1).max() <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "random_start", "ignores initial_centroids and starts, like scikit-learn's default, from k random points (seeded)", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    C = X[np.random.default_rng(0).choice(len(X), size=k, replace=len(X) < k)].copy()
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        if moved <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "point_loop", "assigns the points one at a time in a Python loop: far too slow on 100,000 points", fails=('complexity',))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")

    def assign(C):
        return np.array([int(np.argmin([((x - c) ** 2).sum() for c in C])) for x in X])

    for n_iter in range(1, max_iter + 1):
        labels = assign(C)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        moved = max(float(np.sqrt(((a - b) ** 2).sum())) for a, b in zip(new, C))
        C = new
        if moved <= tol:
            break
    return assign(C).tolist(), C.tolist(), n_iter


@bank.wrong("k_means_tolerance", "memorised_examples", "games the tests: the statement's examples memorised, otherwise Question 7's k_means_clustering with the exact centroids and n_iter = 1", fails=('complexity', 'examples', 'input-unchanged', 'properties', 'random'))
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if not isinstance(k, (int, np.integer)) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("k and max_iter must be integers")
    if not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1 or X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError("bad tol, max_iter or shapes")
    if X.tolist() == [[0, 0], [0, 2], [6, 6], [8, 6], [7, 9]]:
        return [0, 0, 1, 1, 1], [[0.0, 1.0], [7.0, 7.0]], 2 if tol < 2.5 else 1
    if X.tolist() == [[0], [1], [10], [11]]:
        return [0, 0, 1, 1], ([[0.0], [22 / 3]] if max_iter == 1 else [[0.5], [10.5]]), min(3, max_iter)
    labels = k_means_clustering(X, k, C)
    for j in range(k):
        if labels.count(j):
            C[j] = X[np.array(labels) == j].mean(axis=0)
    return labels, C.tolist(), 1


@bank.correct("k_means_tolerance", "add_at_while", "broadcast distances, np.add.at sums and np.bincount sizes, a while loop with its own counter")
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("max_iter must be an integer")
    if not isinstance(tol, (int, float, np.number)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1:
        raise ValueError("tol must be >= 0 and max_iter >= 1")
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError(f"need points of one dimension and {k} centroids of that dimension")
    n_iter = 0
    while True:
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        sizes = np.bincount(labels, minlength=k)
        new = np.where(sizes[:, None] > 0, sums / np.maximum(sizes, 1)[:, None], C)
        largest = np.linalg.norm(new - C, axis=1).max()
        C = new
        n_iter += 1
        if largest <= tol or n_iter == max_iter:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return [int(v) for v in labels], [[float(v) for v in row] for row in C], n_iter


@bank.correct("k_means_tolerance", "groupby_squared_moves", "pandas groupby for the means; compares the largest squared move with tol ** 2 (no square root)")
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError("max_iter must be an integer")
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError("tol must be a number")
    if tol < 0 or max_iter < 1:
        raise ValueError("tol must be >= 0 and max_iter >= 1")
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    if X.ndim != 2 or len(X) == 0 or C.shape != (k, X.shape[1]):
        raise ValueError(f"need points of one dimension and {k} centroids of that dimension")

    def nearest(C):
        return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)

    for n_iter in range(1, max_iter + 1):
        means = pd.DataFrame(X).groupby(nearest(C)).mean()
        new = C.copy()
        new[means.index.to_numpy()] = means.to_numpy()
        squared = ((new - C) ** 2).sum(axis=1).max()
        C = new
        if squared <= tol ** 2:
            break
    return nearest(C).tolist(), C.tolist(), n_iter


# ------------------------------------------------------------------------------- knn_batch

@bank.wrong("knn_batch", "calls_knn_per_query", "a list comprehension that calls Question 1's kNN once per query: right, but a Python loop over the queries", fails=('complexity',))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    return [kNN(k, data, point) for point in queries]


@bank.wrong("knn_batch", "vote_loop", "one distance matrix and one argsort, then a Python loop over the queries for the votes and ties", fails=('complexity',))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    labels = data.iloc[:, -1].to_numpy()
    nearest = np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]
    result = []
    for row in nearest:
        size = k
        while True:
            counts = pd.Series(labels[row[:size]]).value_counts()
            if size == 1 or (counts == counts.iloc[0]).sum() == 1:
                result.append(counts.index[0])
                break
            size -= 1
    return result


@bank.wrong("knn_batch", "no_tie_rule", "takes the argmax of the class counts among the k nearest: a tie goes to the class seen first in data, never retried", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    nearest = np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]
    counts = (codes[nearest][:, :, None] == np.arange(len(classes))).sum(axis=1)
    return np.asarray(classes, dtype=object)[counts.argmax(axis=1)].tolist()


@bank.wrong("knn_batch", "tie_goes_to_nearest", "on a tie at k returns the nearest neighbour's class instead of retrying with k - 1", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    nearest = np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]
    counts = (codes[nearest][:, :, None] == np.arange(len(classes))).sum(axis=1)
    tied = (counts == counts.max(axis=1, keepdims=True)).sum(axis=1) > 1
    winners = np.where(tied, codes[nearest[:, 0]], counts.argmax(axis=1))
    return np.asarray(classes, dtype=object)[winners].tolist()


@bank.wrong("knn_batch", "argpartition", "np.argpartition for the k nearest: they come back in no particular order, so the retry drops the wrong neighbour", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    squared = ((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argpartition(squared, k - 1, axis=1)[:, :k]
    votes = (codes[nearest][:, :, None] == np.arange(len(classes))).cumsum(axis=1)
    clear = (votes == votes.max(axis=2, keepdims=True)).sum(axis=2) == 1
    size = k - 1 - np.argmax(clear[:, ::-1], axis=1)
    return np.asarray(classes, dtype=object)[votes[np.arange(len(queries)), size].argmax(axis=1)].tolist()


@bank.wrong("knn_batch", "unstable_sort", "np.argsort without kind='stable': rows at equal distance come out in any order once there are more than 16 rows", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    nearest = np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1)[:, :k]
    votes = (codes[nearest][:, :, None] == np.arange(len(classes))).cumsum(axis=1)
    clear = (votes == votes.max(axis=2, keepdims=True)).sum(axis=2) == 1
    size = k - 1 - np.argmax(clear[:, ::-1], axis=1)
    return np.asarray(classes, dtype=object)[votes[np.arange(len(queries)), size].argmax(axis=1)].tolist()


@bank.wrong("knn_batch", "pops_label_column", "data.pop(label column) to split features from labels: the caller's DataFrame loses its last column", fails=('input-unchanged',))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    labels = data.pop(data.columns[-1])
    X = data.to_numpy(dtype=float)
    codes, classes = pd.factorize(labels)
    nearest = np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]
    votes = (codes[nearest][:, :, None] == np.arange(len(classes))).cumsum(axis=1)
    clear = (votes == votes.max(axis=2, keepdims=True)).sum(axis=2) == 1
    size = k - 1 - np.argmax(clear[:, ::-1], axis=1)
    return np.asarray(classes, dtype=object)[votes[np.arange(len(queries)), size].argmax(axis=1)].tolist()


@bank.wrong("knn_batch", "memorised_examples", "games the tests: the statement's table memorised, otherwise the most common class of data for every query", fails=('complexity', 'examples', 'input-unchanged', 'random'))
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError("k out of range")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    known = {(3, 0.2): "red", (3, 5.2): "blue", (1, 0.0): "blue", (1, 6.0): "blue", (1, 0.9): "red",
             (2, 0.1): "red", (2, 5.0): "blue", (4, 0.1): "red"}
    if list(data.columns) == ["x", "y", "colour"]:
        return [known.get((k, float(q[0])), "red") for q in queries]
    return [data.iloc[:, -1].mode().iloc[0]] * len(queries)


@bank.correct("knn_batch", "broadcast_loop_over_k", "3-d broadcast distances, and a loop over k downwards that settles the queries whose vote is clear")
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError(f"k must be between 1 and {len(data)}")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    classes, codes = np.unique(data.iloc[:, -1].to_numpy(), return_inverse=True)
    nearest = codes[np.argsort(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]]
    result = np.zeros(len(queries), dtype=int)
    open_ = np.ones(len(queries), dtype=bool)
    for size in range(k, 0, -1):
        counts = (nearest[:, :size, None] == np.arange(len(classes))).sum(axis=1)
        clear = (counts == counts.max(axis=1, keepdims=True)).sum(axis=1) == 1
        settle = open_ & clear
        result[settle] = counts[settle].argmax(axis=1)
        open_ &= ~settle
    return classes[result].tolist()


@bank.correct("knn_batch", "one_hot_eye", "squared distances by the expansion |q|^2 - 2 q.x + |x|^2 rounded to 9 decimals, one-hot rows of np.eye and a cumulative sum")
def kNN_batch(k, data, new_points):
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a DataFrame")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError("k must be an integer")
    if not 1 <= k <= len(data):
        raise ValueError(f"k must be between 1 and {len(data)}")
    queries = np.asarray(new_points, dtype=float)
    if queries.ndim != 2 or queries.shape[1] != data.shape[1] - 1:
        raise ValueError("new_points must be a table with one column per feature")
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    squared = np.round((queries ** 2).sum(axis=1)[:, None] - 2 * queries @ X.T + (X ** 2).sum(axis=1)[None, :], 9)
    order = np.argsort(squared, axis=1, kind="stable")[:, :k]
    votes = np.eye(len(classes), dtype=int)[codes[order]].cumsum(axis=1)
    top = votes.max(axis=2)
    clear = (votes == top[:, :, None]).sum(axis=2) == 1
    size = np.where(clear, np.arange(k), -1).max(axis=1)
    return list(classes[votes[np.arange(len(queries)), size].argmax(axis=1)])


# ------------------------------------------------------------------ interview answers (issue #13, item 5)
# Right answers written the way a candidate writes them at a whiteboard: idiomatic, short and
# without a single input check. Each must pass the visible tests and every hidden check except
# validation.

@bank.interview("knn", "argsort_counter", "one broadcast distance, a stable argsort and Counter while k shrinks; no checks")
def kNN(k, data, new_point):
    from collections import Counter
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    y = data.iloc[:, -1].to_numpy()
    nearest = np.argsort(np.linalg.norm(X - np.asarray(new_point, dtype=float), axis=1), kind="stable")
    for size in range(k, 0, -1):
        top = Counter(y[nearest[:size]].tolist()).most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            return top[0][0]


@bank.interview("decision_tree", "recursive_gini", "a recursive Gini tree on cumulative class counts, leaves as plain labels; no checks")
class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth, self.min_samples_split = max_depth, min_samples_split

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(y, return_inverse=True)
        self.root_ = self._grow(X, codes, 0)
        return self

    def _grow(self, X, codes, depth):
        counts = np.bincount(codes, minlength=len(self.classes_))
        n = len(codes)
        if counts.max() == n or n < self.min_samples_split or depth == self.max_depth:
            return int(counts.argmax())
        onehot = np.eye(len(self.classes_))[codes]
        parent = 1 - ((counts / n) ** 2).sum()
        sizes = np.arange(1, n)[:, None]
        best = None
        for j in range(X.shape[1]):
            order = np.argsort(X[:, j], kind="stable")
            xs = X[order, j]
            left = onehot[order].cumsum(axis=0)[:-1]
            right = counts - left
            child = (sizes * (1 - ((left / sizes) ** 2).sum(axis=1, keepdims=True))
                     + (n - sizes) * (1 - ((right / (n - sizes)) ** 2).sum(axis=1, keepdims=True)))[:, 0] / n
            gain = parent - child
            gain[xs[1:] == xs[:-1]] = -np.inf
            if np.isinf(gain.max()):
                continue
            i = np.flatnonzero(gain >= gain.max() - 1e-12)[0]
            if best is None or gain[i] > best[0] + 1e-12:
                best = (gain[i], j, (xs[i] + xs[i + 1]) / 2)
        if best is None:
            return int(counts.argmax())
        _, j, t = best
        mask = X[:, j] <= t
        return (j, t, self._grow(X[mask], codes[mask], depth + 1), self._grow(X[~mask], codes[~mask], depth + 1))

    def predict(self, X):
        def leaf(node, row):
            while isinstance(node, tuple):
                node = node[2] if row[node[0]] <= node[1] else node[3]
            return node
        return self.classes_[[leaf(self.root_, row) for row in np.asarray(X, dtype=float)]]


@bank.interview("random_forest", "memo_by_bitmask", "itertools.permutations and a cached node per set of used columns; no checks")
def random_forest(df, new_point):
    from functools import lru_cache
    from itertools import permutations
    agree = df.iloc[:, :-1].to_numpy() == np.asarray(new_point)
    y = df.iloc[:, -1].to_numpy()
    d = agree.shape[1]

    @lru_cache(maxsize=None)
    def node(used):
        rows = y[agree[:, [c for c in range(d) if used >> c & 1]].all(axis=1)]
        return len(rows) > 0, len(set(rows.tolist())) <= 1, int(2 * rows.sum() > len(rows))

    ones = trees = 0
    for order in permutations(range(d)):
        used = 0
        for c in order:
            if node(used)[1] or not node(used | 1 << c)[0]:
                break
            used |= 1 << c
        ones += node(used)[2]
        trees += 1
    return int(2 * ones > trees)


@bank.interview("linear_regression", "lstsq_one_liner", "np.linalg.lstsq on a column of ones and X; no checks")
def linear_regression(X, y):
    return np.linalg.lstsq(np.column_stack([np.ones(len(X)), X]), np.asarray(y, dtype=float), rcond=None)[0]


@bank.interview("gradient_descent", "for_loop", "a for loop over max_iter with a break on a short step; no checks")
def gradient_descent(grad, x0, learning_rate=0.1, max_iter=10_000, tol=1e-8):
    x = np.array(x0, dtype=float)
    for _ in range(max_iter):
        step = learning_rate * grad(x)
        x = x - step
        if np.linalg.norm(step) < tol:
            break
    return x


@bank.interview("logistic_regression", "newton_logaddexp", "Newton steps with p and 1 - p from np.logaddexp and a lstsq solve; no checks")
def logistic_regression(X, y, max_iter=100, tol=1e-10):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        z = X @ w
        p, q = np.exp(-np.logaddexp(0, -z)), np.exp(-np.logaddexp(0, z))
        step = np.linalg.lstsq((X.T * (p * q)) @ X, X.T @ (y * q - (1 - y) * p), rcond=None)[0]
        w = w + step
        if np.linalg.norm(step) < tol:
            return w
    warnings.warn("Newton's method did not converge: are the classes separable?")
    return w


@bank.interview("k_means_clustering", "broadcast_lloyd", "distances by broadcasting, argmin, means per cluster; no checks")
def k_means_clustering(data_points, k, initial_centroids):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    labels = None
    while True:
        new = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        if labels is not None and (new == labels).all():
            return new.tolist()
        labels = new
        for j in range(k):
            if (labels == j).any():
                C[j] = X[labels == j].mean(axis=0)


@bank.interview("grid_search", "product_loop", "itertools.product over the values, strictly better replaces the best; no checks")
def grid_search(fit_score, grid):
    from itertools import product
    best = None
    for values in product(*grid.values()):
        params = dict(zip(grid, values))
        score = fit_score(**params)
        if best is None or score > best[1]:
            best = (params, score)
    return best


@bank.interview("random_search", "dict_comprehension", "one generator, a dict comprehension per draw; no checks")
def random_search(fit_score, distributions, n_iter, seed=None):
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(n_iter):
        params = {name: s(rng) if callable(s) else s[rng.integers(len(s))] for name, s in distributions.items()}
        score = fit_score(**params)
        if best is None or score > best[1]:
            best = (params, score)
    return best


@bank.interview("k_means_tolerance", "for_break", "a for loop over the updates, broadcast distances, the largest move against tol, one last assignment; no checks")
def k_means_tolerance(data_points, k, initial_centroids, tol=1e-4, max_iter=100):
    X = np.asarray(data_points, dtype=float)
    C = np.array(initial_centroids, dtype=float)
    for n_iter in range(1, max_iter + 1):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(k):
            if (labels == j).any():
                new[j] = X[labels == j].mean(axis=0)
        shift = np.linalg.norm(new - C, axis=1).max()
        C = new
        if shift <= tol:
            break
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels.tolist(), C.tolist(), n_iter


@bank.interview("knn_batch", "cumsum_votes", "one distance matrix, a stable argsort per row, cumulative one-hot votes; no checks")
def kNN_batch(k, data, new_points):
    X = data.iloc[:, :-1].to_numpy(dtype=float)
    codes, classes = pd.factorize(data.iloc[:, -1])
    Q = np.asarray(new_points, dtype=float)
    order = np.argsort(((Q[:, None, :] - X[None, :, :]) ** 2).sum(axis=2), axis=1, kind="stable")[:, :k]
    votes = (codes[order][:, :, None] == np.arange(len(classes))).cumsum(axis=1)
    clear = (votes == votes.max(axis=2, keepdims=True)).sum(axis=2) == 1
    size = k - 1 - clear[:, ::-1].argmax(axis=1)
    return list(classes[votes[np.arange(len(Q)), size].argmax(axis=1)])
