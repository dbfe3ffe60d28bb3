"""The reference answers of source/from_scratch, checked against scikit-learn on its bundled real data sets.

The reference functions come from the source notebook itself: its setup and solution cells are
executed into a dict, so these tests check exactly what the instructors' notebook holds.
"""
from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import LinearRegression, LogisticRegression  # noqa: E402
from sklearn.model_selection import GridSearchCV, ParameterGrid, cross_val_score, train_test_split  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

from harness import reference_namespace  # noqa: E402
from utils.datasets import sklearn_frame, sklearn_xy  # noqa: E402


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("from_scratch")


def _standardise(X):
    return StandardScaler().fit_transform(X)


# ------------------------------------------------------------------------------------ kNN

@pytest.mark.parametrize("name,k", [("iris", 5), ("wine", 7), ("breast_cancer", 9), ("digits", 3)])
def test_knn_matches_brute_force_kneighbors_where_no_tie(ref, name, k):
    frame = sklearn_frame(name)
    X, y = frame.iloc[:, :-1].to_numpy(dtype=float), frame.iloc[:, -1].to_numpy()
    train, test = train_test_split(np.arange(len(y)), test_size=40, random_state=0, stratify=y)
    model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X[train], y[train])
    compared = 0
    for i in test:
        distances = np.sqrt(((X[train] - X[i]) ** 2).sum(axis=1))
        order = np.sort(distances)
        counts = np.bincount(y[train][np.argsort(distances, kind="stable")[:k]])
        if np.isclose(order[k - 1], order[k]) or (counts == counts.max()).sum() > 1:
            continue                                   # a tie: the two tie rules may legitimately differ
        compared += 1
        ours = ref["kNN"](k, frame.iloc[train].reset_index(drop=True), X[i])
        theirs = model.predict(X[i:i + 1])[0]
        assert ours == theirs, f"{name}, row {i}, k={k}: kNN gives {ours}, KNeighborsClassifier gives {theirs}"
    assert compared >= 25, f"{name}: only {compared} tie-free queries were compared"


@pytest.mark.parametrize("name,k", [("iris", 5), ("wine", 7), ("breast_cancer", 9), ("digits", 3)])
def test_knn_batch_equals_knn_per_query_and_sklearn_where_no_tie(ref, name, k):
    """kNN_batch: every item is kNN's answer for that query; where no tie decides, KNeighborsClassifier's too."""
    frame = sklearn_frame(name)
    X, y = frame.iloc[:, :-1].to_numpy(dtype=float), frame.iloc[:, -1].to_numpy()
    train, test = train_test_split(np.arange(len(y)), test_size=60, random_state=1, stratify=y)
    table = frame.iloc[train].reset_index(drop=True)
    batch = ref["kNN_batch"](k, table, X[test])
    assert batch == [ref["kNN"](k, table, X[i]) for i in test], f"{name}: kNN_batch differs from kNN"
    theirs = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X[train], y[train]).predict(X[test])
    clear = 0
    for ours, their, i in zip(batch, theirs, test):
        distances = np.sort(np.sqrt(((X[train] - X[i]) ** 2).sum(axis=1)))
        counts = np.bincount(y[train][np.argsort(np.sqrt(((X[train] - X[i]) ** 2).sum(axis=1)), kind="stable")[:k]])
        if np.isclose(distances[k - 1], distances[k]) or (counts == counts.max()).sum() > 1:
            continue
        clear += 1
        assert ours == their, f"{name}, row {i}, k={k}: kNN_batch gives {ours}, KNeighborsClassifier gives {their}"
    assert clear >= 40, f"{name}: only {clear} tie-free queries were compared"


# --------------------------------------------------------------------------- DecisionTree

@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits"])
@pytest.mark.parametrize("max_depth", [None, 3])
def test_tree_test_accuracy_close_to_sklearn(ref, name, max_depth):
    X, y = sklearn_xy(name)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    ours = np.mean(ref["DecisionTree"](max_depth=max_depth).fit(X_train, y_train).predict(X_test) == y_test)
    # scikit-learn breaks equal splits at random: average a few seeds
    theirs = np.mean([DecisionTreeClassifier(max_depth=max_depth, random_state=s).fit(X_train, y_train).score(X_test, y_test)
                      for s in range(5)])
    assert abs(ours - theirs) <= 0.05, f"{name}, max_depth={max_depth}: our test accuracy {ours:.3f}, scikit-learn's {theirs:.3f}"


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer"])
def test_tree_fits_training_data_like_sklearn(ref, name):
    X, y = sklearn_xy(name)
    ours = ref["DecisionTree"]().fit(X, y).predict(X)
    theirs = DecisionTreeClassifier(random_state=0).fit(X, y).predict(X)
    assert (ours == y).all() and (theirs == y).all()


def test_tree_stump_equals_sklearn_stump(ref):
    """A depth-1 tree on breast cancer: same feature and threshold as scikit-learn (no ties at the root)."""
    X, y = sklearn_xy("breast_cancer")
    ours = ref["DecisionTree"](max_depth=1).fit(X, y).predict(X)
    theirs = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).predict(X)
    np.testing.assert_array_equal(ours, theirs)


# ------------------------------------------------------------------------ random_forest

def _forest_by_enumeration(df, point):
    X, y = df.iloc[:, :-1].to_numpy(), df.iloc[:, -1].to_numpy()
    votes = []
    for order in itertools.permutations(range(X.shape[1])):
        rows = np.ones(len(y), dtype=bool)
        for c in order:
            if len(np.unique(y[rows])) == 1:
                break
            nxt = rows & (X[:, c] == point[c])
            if not nxt.any():
                break
            rows = nxt
        votes.append(int(2 * y[rows].sum() > rows.sum()))
    return int(2 * sum(votes) > len(votes))


def test_random_forest_on_binarised_breast_cancer(ref):
    frame = sklearn_frame("breast_cancer")
    columns = ["mean radius", "mean texture", "mean concavity", "worst symmetry", "worst smoothness"]
    df = (frame[columns] > frame[columns].median()).astype(int)
    df["target"] = frame["target"]
    for point in itertools.product([0, 1], repeat=len(columns)):
        assert ref["random_forest"](df, list(point)) == _forest_by_enumeration(df, point), f"new_point {point}"


# --------------------------------------------------------------------- linear_regression

@pytest.mark.parametrize("name,target", [("diabetes", None), ("wine", "alcohol"), ("breast_cancer", "mean area")])
def test_linear_regression_matches_sklearn(ref, name, target):
    frame = sklearn_frame(name)
    if target is None:
        X, y = frame.iloc[:, :-1].to_numpy(), frame.iloc[:, -1].to_numpy(dtype=float)
    else:
        X, y = frame.drop(columns=[target, frame.columns[-1]]).to_numpy(), frame[target].to_numpy()
    model = LinearRegression().fit(X, y)
    np.testing.assert_allclose(ref["linear_regression"](X, y), np.r_[model.intercept_, model.coef_], rtol=1e-6, atol=1e-8)


# ---------------------------------------------------------------------- gradient_descent

def test_gradient_descent_reaches_sklearn_least_squares(ref):
    X, y = sklearn_xy("diabetes")
    X = np.column_stack([np.ones(len(y)), _standardise(X)])
    grad = lambda w: X.T @ (X @ w - y) / len(y)        # gradient of half the mean squared error
    lipschitz = np.linalg.eigvalsh(X.T @ X / len(y)).max()
    w = ref["gradient_descent"](grad, np.zeros(X.shape[1]), learning_rate=1 / lipschitz, max_iter=200_000, tol=1e-12)
    model = LinearRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(w, model.coef_, rtol=1e-5, atol=1e-4)


# ------------------------------------------------------------------- logistic_regression

def _logistic_cases():
    cancer = sklearn_frame("breast_cancer")
    X1 = np.column_stack([np.ones(len(cancer)), _standardise(cancer[["mean radius", "mean texture", "mean smoothness",
                                                                      "mean symmetry", "worst concavity"]])])
    iris = sklearn_frame("iris").query("target > 0")
    X2 = np.column_stack([np.ones(len(iris)), _standardise(iris.iloc[:, :4])])
    diabetes = sklearn_frame("diabetes")
    X3 = np.column_stack([np.ones(len(diabetes)), _standardise(diabetes.iloc[:, :-1])])
    wine = sklearn_frame("wine").query("target < 2")
    X4 = np.column_stack([np.ones(len(wine)), _standardise(wine[["alcohol", "color_intensity", "hue"]])])
    return [("breast_cancer", X1, cancer["target"].to_numpy()),
            ("iris", X2, (iris["target"] == 2).astype(int).to_numpy()),
            ("diabetes", X3, (diabetes["target"] > 140).astype(int).to_numpy()),
            ("wine", X4, wine["target"].to_numpy())]


@pytest.mark.parametrize("name,X,y", _logistic_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_logistic_regression_matches_sklearn(ref, name, X, y):
    ours = ref["logistic_regression"](X, y)
    model = LogisticRegression(C=np.inf, fit_intercept=False, solver="newton-cg", tol=1e-12, max_iter=10_000).fit(X, y)  # no penalty
    np.testing.assert_allclose(ours, model.coef_[0], atol=1e-4, rtol=1e-4, err_msg=name)


def test_logistic_regression_warns_on_separable_iris(ref):
    iris = sklearn_frame("iris").query("target < 2")        # setosa against versicolor: linearly separable
    X = np.column_stack([np.ones(len(iris)), iris[["petal length (cm)", "petal width (cm)"]].to_numpy()])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w = ref["logistic_regression"](X, iris["target"].to_numpy())
    assert any("converge" in str(c.message) for c in caught)
    assert np.isfinite(w).all() and ((X @ w > 0) == (iris["target"] == 1)).all()


# -------------------------------------------------------------------- k_means_clustering

def _empties_a_cluster(X, k, start):
    """Whether Lloyd's iterations from start (the statement's rules) ever leave a cluster empty:
    the one case, besides scikit-learn's tolerance, where the statement says the two disagree."""
    X, centroids = np.asarray(X, dtype=float), np.array(start, dtype=float)
    previous = None
    while True:
        labels = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        if previous is not None and (labels == previous).all():
            return False
        previous = labels
        for j in range(k):
            if not (labels == j).any():
                return True
            centroids[j] = X[labels == j].mean(axis=0)


@pytest.mark.parametrize("name,k,scale", [("iris", 3, False), ("wine", 3, True), ("breast_cancer", 2, True),
                                          ("digits", 10, False), ("diabetes", 4, False)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_k_means_labels_identical_to_sklearn(ref, name, k, scale, seed):
    """The statement: equal to KMeans(..., algorithm="lloyd", tol=0, max_iter=10_000) when no cluster empties."""
    X, _ = sklearn_xy(name)
    if scale:
        X = _standardise(X)
    start = X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)]
    assert not _empties_a_cluster(X, k, start), f"{name}, seed {seed}: a cluster empties; the statement makes no claim"
    ours = ref["k_means_clustering"](X, k, start)
    model = KMeans(n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=0, max_iter=10_000).fit(X)
    assert ours == model.labels_.tolist(), f"{name}, seed {seed}: {sum(a != b for a, b in zip(ours, model.labels_))} labels differ"


def test_k_means_differs_from_sklearn_when_a_cluster_empties(ref):
    """The statement's counter-example: the empty cluster keeps its centroid here; scikit-learn relocates it."""
    points, start = np.array([[0.0, 0.0], [0.0, 1.0]]), np.array([[0.0, 0.0], [50.0, 50.0]])
    assert _empties_a_cluster(points, 2, start)
    assert ref["k_means_clustering"](points, 2, start) == [0, 0]
    model = KMeans(n_clusters=2, init=start, n_init=1, algorithm="lloyd", tol=0, max_iter=10_000).fit(points)
    assert model.labels_.tolist() == [0, 1]


def test_k_means_worked_example(ref):
    got = ref["k_means_clustering"]([(0, 0), (3, 4), (4, 4), (1, 0), (0, 1), (4, 3)], 2, [(1, 1), (4, 5)])
    assert got == [0, 1, 1, 0, 0, 1]


@pytest.mark.parametrize("name,k,scale", [("wine", 3, True), ("breast_cancer", 2, True), ("diabetes", 4, False)])
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("max_iter", [1, 2, 5, 10_000])
def test_k_means_tolerance_with_tol_zero_equals_sklearn(ref, name, k, scale, seed, max_iter):
    """The statement of k_means_tolerance: with tol=0 (scikit-learn's tol is relative, so only 0 means the same
    there), n_iter, centroids and labels equal KMeans's n_iter_, cluster_centers_ and labels_ when no cluster
    empties, also when max_iter stops the loop. Continuous features only: on iris and digits (few distinct
    values) some point is equally far from two centroids along the way, which scikit-learn may settle the
    other way (its distances are computed another way), and the paths part."""
    X, _ = sklearn_xy(name)
    if scale:
        X = _standardise(X)
    start = X[np.random.default_rng(seed).choice(len(X), size=k, replace=False)]
    assert not _empties_a_cluster(X, k, start), f"{name}: a cluster empties; the statement makes no claim"
    labels, centroids, n_iter = ref["k_means_tolerance"](X, k, start, 0, max_iter)
    model = KMeans(n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=0, max_iter=max_iter).fit(X)
    assert n_iter == model.n_iter_, f"{name}, max_iter={max_iter}: {n_iter} updates, scikit-learn {model.n_iter_}"
    np.testing.assert_allclose(centroids, model.cluster_centers_, rtol=1e-9, atol=1e-9)
    assert labels == model.labels_.tolist(), f"{name}, max_iter={max_iter}: {sum(a != b for a, b in zip(labels, model.labels_))} labels differ"
    if max_iter == 10_000:
        assert labels == ref["k_means_clustering"](X, k, start), f"{name}: tol=0 should end where k_means_clustering ends"


def test_k_means_tolerance_stops_earlier_than_the_fixed_point(ref):
    """A tolerance saves updates on real data: iris from the rows 0, 50 and 100 (the visible tests)."""
    X, _ = sklearn_xy("iris")
    counts = [ref["k_means_tolerance"](X, 3, X[[0, 50, 100]], tol)[2] for tol in (0, 0.05, 0.2, 2.0)]
    assert counts == [4, 3, 2, 1], counts


# ------------------------------------------------------------------ grid and random search

def test_grid_search_finds_gridsearchcv_best_score(ref):
    X, y = sklearn_xy("wine")
    X = _standardise(X)
    grid = {"n_neighbors": [1, 3, 5, 9, 15], "weights": ["uniform", "distance"]}

    def fit_score(**params):
        return cross_val_score(KNeighborsClassifier(**params), X, y, cv=5).mean()

    best_params, best_score = ref["grid_search"](fit_score, grid)
    search = GridSearchCV(KNeighborsClassifier(), grid, cv=5).fit(X, y)
    assert best_score == pytest.approx(search.best_score_)
    assert len(list(ParameterGrid(grid))) == 10 and best_params in list(ParameterGrid(grid))


def test_random_search_is_reproducible_and_picks_its_best(ref):
    X, y = sklearn_xy("breast_cancer")
    X = _standardise(X)
    tried = []

    def fit_score(C, class_weight):
        score = cross_val_score(LogisticRegression(C=C, class_weight=class_weight), X, y, cv=3).mean()
        tried.append(((C, class_weight), score))
        return score

    space = {"C": lambda rng: float(10 ** rng.uniform(-3, 2)), "class_weight": [None, "balanced"]}
    first = ref["random_search"](fit_score, space, n_iter=8, seed=7)
    assert first[1] == max(s for _, s in tried)
    tried.clear()
    assert ref["random_search"](fit_score, space, n_iter=8, seed=7) == first
