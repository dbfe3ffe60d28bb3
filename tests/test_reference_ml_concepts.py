"""The reference solutions of source/ml_concepts agree with scikit-learn on real and awkward data."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn import metrics
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.model_selection import KFold

from harness import reference_namespace
from utils.datasets import sklearn_xy


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("ml_concepts")


def _label_cases():
    rng = np.random.default_rng(2024)
    cases = [
        ([1, 1, 1, 1], [1, 1, 1, 1]),          # all one class, all correct
        ([0, 0, 0], [0, 0, 0]),                # all negative, nothing predicted positive
        ([0, 0, 0], [1, 0, 1]),                # no actual positive
        ([1, 1, 1], [0, 0, 0]),                # nothing predicted positive
        ([1, 0, 1, 0], [0, 1, 0, 1]),          # all wrong
        ([0, 1, 1, 0, 1], [0, 1, 1, 0, 1]),    # all correct
    ]
    for _ in range(60):
        n = int(rng.integers(1, 60))
        cases.append((rng.integers(0, 2, n).tolist(), (rng.random(n) < rng.random()).astype(int).tolist()))
    return cases


LABEL_CASES = _label_cases()


@pytest.mark.parametrize("y_true,y_pred", LABEL_CASES)
def test_confusion_matrix_and_prf_match_sklearn(ref, y_true, y_pred):
    expected = metrics.confusion_matrix(y_true, y_pred, labels=[0, 1])
    np.testing.assert_array_equal(ref["confusion_matrix"](y_true, y_pred), expected)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = ref["precision_recall_f1"](y_true, y_pred)
    want = (metrics.precision_score(y_true, y_pred, zero_division=0),
            metrics.recall_score(y_true, y_pred, zero_division=0),
            metrics.f1_score(y_true, y_pred, zero_division=0))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def _score_cases():
    rng = np.random.default_rng(54)
    cases = [([0, 1], [0.5, 0.5]), ([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), ([1, 0, 0, 1], [3, 3, 3, 3]),
             ([0, 0, 1, 1], [1, 2, 3, 4]), ([1, 1, 0, 0], [1, 2, 3, 4])]
    for _ in range(60):
        n = int(rng.integers(2, 80))
        t = rng.integers(0, 2, n)
        t[0], t[-1] = 0, 1
        s = rng.integers(0, 4, n) if rng.random() < 0.5 else rng.normal(size=n)   # heavy ties, or none
        cases.append((t.tolist(), s.tolist()))
    return cases


@pytest.mark.parametrize("y_true,scores", _score_cases())
def test_roc_auc_matches_sklearn(ref, y_true, scores):
    assert ref["roc_auc"](y_true, scores) == pytest.approx(metrics.roc_auc_score(y_true, scores), abs=1e-12)


def test_roc_auc_on_real_data(ref):
    X, y = sklearn_xy("breast_cancer")
    model = LogisticRegression(max_iter=5000).fit(X[::2], y[::2])
    proba = model.predict_proba(X[1::2])[:, 1]
    rounded = np.round(proba, 1)               # coarse scores: many ties
    for scores in (proba, rounded):
        assert ref["roc_auc"](y[1::2], scores) == pytest.approx(metrics.roc_auc_score(y[1::2], scores), abs=1e-12)


@pytest.mark.parametrize("labels", [[0, 0, 0], [1, 1]])
def test_roc_auc_one_class_raises(ref, labels):
    with pytest.raises(ValueError):
        ref["roc_auc"](labels, np.linspace(0, 1, len(labels)))
    # scikit-learn agrees that the AUC is undefined: older versions raise, newer ones warn and return nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = metrics.roc_auc_score(labels, np.linspace(0, 1, len(labels)))
        except ValueError:
            return
    assert np.isnan(value)


def test_regression_metrics_match_sklearn(ref):
    rng = np.random.default_rng(55)
    X, y = sklearn_xy("diabetes")
    pred = Ridge(alpha=1.0).fit(X, y).predict(X)
    cases = [(y, pred), ([3, 3, 3], [3, 3, 3]), ([3, 3, 3], [3, 4, 3]), ([1, 2], [2, 1])]
    cases += [(rng.normal(size=n), rng.normal(size=n)) for n in range(2, 40, 3)]
    for truth, guess in cases:
        assert ref["mse"](truth, guess) == pytest.approx(metrics.mean_squared_error(truth, guess), rel=1e-12, abs=1e-12)
        assert ref["r2_score"](truth, guess) == pytest.approx(metrics.r2_score(truth, guess), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("n,k", [(2, 2), (5, 2), (10, 3), (11, 4), (17, 5), (100, 10), (442, 7), (9, 9)])
def test_k_fold_matches_sklearn(ref, n, k):
    got = ref["k_fold_indices"](n, k)
    want = list(KFold(n_splits=k).split(np.zeros(n)))
    assert len(got) == len(want)
    for (train, test), (train_ref, test_ref) in zip(got, want):
        np.testing.assert_array_equal(train, train_ref)
        np.testing.assert_array_equal(test, test_ref)


@pytest.mark.parametrize("n,k,seed", [(10, 3, 0), (101, 5, 7)])
def test_k_fold_shuffled_is_a_partition_with_sklearn_sizes(ref, n, k, seed):
    got = ref["k_fold_indices"](n, k, shuffle=True, seed=seed)
    want = list(KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n)))
    assert [len(t) for _, t in got] == [len(t) for _, t in want]
    assert sorted(np.concatenate([t for _, t in got]).tolist()) == list(range(n))
    for train, test in got:
        assert not set(train) & set(test) and len(train) + len(test) == n
        assert np.all(np.diff(test) > 0) and np.all(np.diff(train) > 0)


def _regression_data():
    X, y = sklearn_xy("diabetes")
    rng = np.random.default_rng(52)
    Z = rng.normal(size=(60, 5)) * [1, 2, 3, 0.5, 4] + [10, -5, 0, 3, 100]
    z = Z @ [1.5, 0, -2, 0, 0.3] + 7 + rng.normal(size=60)
    Z[:, 3] = 2.0                                     # a constant column
    return [("diabetes", X, y), ("synthetic", Z, z)]


@pytest.mark.parametrize("name,X,y", _regression_data())
@pytest.mark.parametrize("alpha", [0.01, 1.0, 30.0])
def test_ridge_matches_sklearn(ref, name, X, y, alpha):
    b, w = ref["ridge"](X, y, alpha)
    model = Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(w, model.coef_, rtol=1e-6, atol=1e-6)
    assert b == pytest.approx(model.intercept_, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("name,X,y", _regression_data())
@pytest.mark.parametrize("alpha", [0.05, 0.5, 2.0])
def test_lasso_matches_sklearn(ref, name, X, y, alpha):
    if name == "diabetes":
        X = (X - X.mean(0)) / X.std(0)                  # the raw columns are tiny: standardize for 1000 sweeps
    b, w = ref["lasso"](X, y, alpha)
    model = Lasso(alpha=alpha, tol=1e-12, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(w, model.coef_, atol=1e-4)
    assert b == pytest.approx(model.intercept_, abs=1e-3)
    np.testing.assert_array_equal(w == 0, model.coef_ == 0)   # the same exact zeros


def test_lasso_exact_zeros_and_ridge_none(ref):
    X, y = _regression_data()[1][1:]
    _, w_lasso = ref["lasso"](X, y, 1.0)
    _, w_ridge = ref["ridge"](X, y, 1.0)
    assert np.sum(w_lasso == 0.0) >= 2, w_lasso
    assert np.sum(w_ridge[[0, 1, 2, 4]] == 0.0) == 0, w_ridge
