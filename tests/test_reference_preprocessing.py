"""The reference solutions of source/preprocessing agree with scikit-learn, pandas and numpy on real data."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.model_selection import PredefinedSplit, train_test_split
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import MinMaxScaler, StandardScaler, TargetEncoder

from harness import reference_namespace
from utils.datasets import penguins, seattle_weather, sklearn_frame, sklearn_xy

TOPIC = "preprocessing"
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


@pytest.fixture(scope="module")
def ref():
    return reference_namespace(TOPIC)


def _numeric_tables():
    """Real numeric tables, some with missing values and constant columns."""
    tables = {"penguins": penguins()[MEASUREMENTS].to_numpy()}
    for name in ("iris", "wine", "breast_cancer", "diabetes"):
        tables[name] = sklearn_xy(name)[0]
    digits = sklearn_xy("digits")[0]
    tables["digits"] = digits  # several pixel columns are constant (always 0)
    weather = seattle_weather()[["precipitation", "temp_max", "temp_min", "wind"]].to_numpy()
    holes = weather.copy()
    holes[np.random.default_rng(0).random(holes.shape) < 0.05] = np.nan
    tables["seattle_with_holes"] = holes
    return tables


TABLES = _numeric_tables()


def _train_test(X, seed=0):
    """A random 70 / 30 split of the rows of X."""
    rows = np.random.default_rng(seed).permutation(len(X))
    cut = int(0.7 * len(X))
    return X[rows[:cut]], X[rows[cut:]]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_range_scaler_matches_minmaxscaler_fitted_on_train(ref, name):
    train, test = _train_test(TABLES[name])
    sk = MinMaxScaler().fit(train)
    ours = ref["RangeScaler"]().fit(train)
    np.testing.assert_allclose(ours.min_, sk.data_min_, err_msg=name)
    np.testing.assert_allclose(ours.max_, sk.data_max_, err_msg=name)
    for part in (train, test):
        np.testing.assert_allclose(ours.transform(part), sk.transform(part), atol=1e-12, err_msg=name)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_z_score_scaler_matches_standardscaler_fitted_on_train(ref, name):
    train, test = _train_test(TABLES[name])
    sk = StandardScaler().fit(train)
    ours = ref["ZScoreScaler"]().fit(train)
    np.testing.assert_allclose(ours.mean_, sk.mean_, err_msg=name)
    np.testing.assert_allclose(ours.std_, np.sqrt(sk.var_), atol=1e-12, err_msg=name)
    for part in (train, test):
        np.testing.assert_allclose(ours.transform(part), sk.transform(part), atol=1e-9, err_msg=name)


def test_constant_training_columns_are_divided_by_one_as_in_sklearn(ref):
    """digits: training rows whose pixel 1 is blank, test rows where it is not; several pixel columns are
    constant among the training rows (always 0) and vary among the test rows."""
    X = TABLES["digits"]
    train, test = X[X[:, 1] == 0], X[X[:, 1] != 0]
    constant = train.max(axis=0) == train.min(axis=0)
    assert (constant & (test.max(axis=0) != test.min(axis=0))).any(), "no column of digits is constant only in training"
    expected = MinMaxScaler().fit(train).transform(test)
    np.testing.assert_allclose(ref["RangeScaler"]().fit(train).transform(test)[:, constant], expected[:, constant])
    np.testing.assert_allclose((test - train.min(axis=0))[:, constant], expected[:, constant])
    expected = StandardScaler().fit(train).transform(test)
    np.testing.assert_allclose(ref["ZScoreScaler"]().fit(train).transform(test)[:, constant], expected[:, constant])


@pytest.mark.parametrize("frame,columns", [
    ("penguins", ["island"]),
    ("penguins", ["sex", "species", "island"]),
    ("penguins", ["year"]),
    ("seattle", ["weather"]),
    ("iris", ["target"]),
])
def test_make_dummies_matches_get_dummies(ref, frame, columns):
    df = {"penguins": penguins, "seattle": seattle_weather, "iris": lambda: sklearn_frame("iris")}[frame]()
    expected = pd.get_dummies(df, columns=columns, dtype=int)
    got = ref["make_dummies"](df, columns)
    pd.testing.assert_frame_equal(got, expected, check_column_type=False)


@pytest.mark.parametrize("column", ["precipitation", "temp_max", "temp_min", "wind"])
@pytest.mark.parametrize("k", [0.0, 1.0, 1.5, 3.0])
def test_iqr_outliers_match_percentile_fences(ref, column, k):
    values = seattle_weather()[column].to_numpy()
    q1, q3 = np.percentile(values, [25, 75])
    expected = (values < q1 - k * (q3 - q1)) | (values > q3 + k * (q3 - q1))
    np.testing.assert_array_equal(ref["iqr_outliers"](values, k), expected)
    # pandas' quantile uses the same linear interpolation
    series = pd.Series(values)
    low, high = series.quantile(0.25), series.quantile(0.75)
    np.testing.assert_array_equal(ref["iqr_outliers"](series, k),
                                  ((series < low - k * (high - low)) | (series > high + k * (high - low))).to_numpy())


def test_iqr_outliers_ignore_penguins_missing_values(ref):
    values = penguins()["body_mass_g"].to_numpy()
    present = values[~np.isnan(values)]
    q1, q3 = np.percentile(present, [25, 75])
    with np.errstate(invalid="ignore"):
        expected = (values < q1 - (q3 - q1)) | (values > q3 + (q3 - q1))
    np.testing.assert_array_equal(ref["iqr_outliers"](values, 1.0), expected)


def test_fill_none_matches_pandas_ffill(ref):
    rain = seattle_weather()["precipitation"].tolist()
    rng = np.random.default_rng(1)
    holes = [None if rng.random() < 0.2 else v for v in rain]
    holes[:3] = [None, None, None]
    expected = pd.Series(holes, dtype=object).ffill().fillna(0).tolist()
    assert ref["fill_none"](holes) == expected


@pytest.mark.parametrize("strategy", ["median", "mean"])
def test_impute_matches_simpleimputer(ref, strategy):
    df = penguins()
    got = ref["impute"](df, strategy)
    numeric = df[MEASUREMENTS]
    expected = SimpleImputer(strategy=strategy).fit_transform(numeric)
    np.testing.assert_allclose(got[MEASUREMENTS].to_numpy(), expected)
    categorical = df[["species", "island", "sex"]].astype(object)
    expected = SimpleImputer(strategy="most_frequent", missing_values=np.nan).fit_transform(categorical)
    assert (got[["species", "island", "sex"]].astype(object).to_numpy() == expected).all()
    pd.testing.assert_series_equal(got["year"], df["year"])


def test_impute_differs_from_simpleimputer_only_on_empty_columns(ref):
    """The statement's two differences, measured: SimpleImputer drops a column with no value (or fills it
    with 0 when keep_empty_features=True) and returns floats; impute keeps the empty column and the dtypes."""
    df = pd.DataFrame({"x": [1.0, None, 3.0, 10.0], "empty": [np.nan] * 4, "k": [1, 2, 3, 4]})
    got = ref["impute"](df)
    with pytest.warns(UserWarning, match="without any observed values"):
        dropped = SimpleImputer(strategy="median").fit_transform(df)
    assert dropped.shape == (4, 2), "SimpleImputer no longer drops an empty column by default"
    np.testing.assert_allclose(got[["x", "k"]].to_numpy(dtype=float), dropped)
    kept = SimpleImputer(strategy="median", keep_empty_features=True).fit_transform(df)
    np.testing.assert_allclose(kept[:, 1], 0.0)
    assert got["empty"].isna().all() and list(got.columns) == ["x", "empty", "k"]
    assert got["k"].dtype == np.int64 and kept.dtype == np.float64


def test_impute_ties_match_simpleimputer(ref):
    df = pd.DataFrame({"c": ["pear", "apple", "pear", "apple", None, "fig"]})
    expected = SimpleImputer(strategy="most_frequent", missing_values=np.nan).fit_transform(df.astype(object))
    assert ref["impute"](df)["c"].tolist() == expected.ravel().tolist()


@pytest.mark.parametrize("n", [1, 2, 7, 10, 101, 344, 1461])
@pytest.mark.parametrize("test_size", [0.01, 0.1, 0.25, 0.3, 0.5, 0.9])
def test_split_sizes_match_train_test_split(ref, n, test_size):
    X = np.arange(2 * n).reshape(n, 2)
    y = np.arange(n)
    try:
        sk = train_test_split(X, y, test_size=test_size, random_state=0)
    except ValueError:  # scikit-learn refuses an empty training part
        assert math.ceil(test_size * n) == n
        return
    X_train, X_test, y_train, y_test = ref["split_train_test"](X, y, test_size, 0)
    assert (len(X_train), len(X_test)) == (len(sk[0]), len(sk[1]))
    assert (X_test[:, 0] // 2 == y_test).all() and (X_train[:, 0] // 2 == y_train).all()


def test_split_keeps_penguin_index(ref):
    df = penguins()
    X_train, X_test, y_train, y_test = ref["split_train_test"](df[MEASUREMENTS], df["species"], 0.2, 3)
    sk = train_test_split(df[MEASUREMENTS], df["species"], test_size=0.2, random_state=3)
    assert len(X_test) == len(sk[1])
    pd.testing.assert_frame_equal(X_test, df.loc[X_test.index, MEASUREMENTS])
    pd.testing.assert_series_equal(y_test, df.loc[y_test.index, "species"])


def test_random_oversample_balances_breast_cancer(ref):
    X, y = sklearn_xy("breast_cancer")
    X_res, y_res = ref["random_oversample"](X, y, seed=0)
    labels, counts = np.unique(y_res, return_counts=True)
    assert counts.tolist() == [np.bincount(y.astype(int)).max()] * 2
    np.testing.assert_array_equal(X_res[: len(X)], X)
    # every added row is a row of its own class
    rows = {(tuple(r), int(l)) for r, l in zip(X.tolist(), y.tolist())}
    assert all((tuple(r), int(l)) in rows for r, l in zip(X_res[len(X):].tolist(), y_res[len(X):].tolist()))


@pytest.mark.parametrize("k", [1, 3, 5])
def test_smote_points_lie_between_sklearn_neighbours(ref, k):
    X, y = sklearn_xy("breast_cancer")
    minority = X[y == 0][:, :5]
    new = ref["smote"](minority, 300, k=k, seed=k)
    _, neighbours = NearestNeighbors(n_neighbors=k + 1).fit(minority).kneighbors(minority)
    for point in new:
        found = False
        for i in range(len(minority)):
            a = minority[i]
            for j in neighbours[i, 1:]:
                step = minority[j] - a
                t = float(np.dot(point - a, step) / np.dot(step, step))
                if -1e-12 <= t <= 1 + 1e-12 and np.allclose(a + t * step, point, rtol=0, atol=1e-9):
                    found = True
                    break
            if found:
                break
        assert found, f"{point} is not on a segment between a minority row and one of its {k} nearest neighbours"


def _folds(n, k, seed):
    return np.random.default_rng(seed).integers(0, k, size=n)


@pytest.mark.parametrize("smoothing", [0.0, 1.0, 5.0, 50.0])
@pytest.mark.parametrize("k", [2, 5])
def test_out_of_fold_encoding_matches_targetencoder_with_the_same_folds(ref, smoothing, k):
    """scikit-learn's TargetEncoder with cv=PredefinedSplit(folds) uses exactly our folds; continuous target."""
    weather = seattle_weather()
    train, new = weather[weather["date"].dt.year < 2015], weather[weather["date"].dt.year == 2015]
    folds = _folds(len(train), k, seed=k)
    sk = TargetEncoder(target_type="continuous", smooth=smoothing, cv=PredefinedSplit(folds))
    expected = sk.fit_transform(train[["weather"]], train["precipitation"]).ravel()
    ours = ref["OutOfFoldTargetEncoder"](k, smoothing)
    np.testing.assert_allclose(ours.fit_transform(train["weather"], train["precipitation"], folds=folds), expected, atol=1e-12)
    np.testing.assert_allclose(ours.transform(new["weather"]), sk.transform(new[["weather"]]).ravel(), atol=1e-12)


def test_out_of_fold_encoding_matches_targetencoder_binary_target(ref):
    """A 0/1 target: scikit-learn uses the same formula on the proportions."""
    df = penguins().dropna(subset=["sex"])
    y = (df["sex"] == "male").astype(int)
    folds = _folds(len(df), 4, seed=1)
    sk = TargetEncoder(target_type="binary", smooth=3.0, cv=PredefinedSplit(folds))
    expected = sk.fit_transform(df[["island"]], y).ravel()
    ours = ref["OutOfFoldTargetEncoder"](4, 3.0)
    np.testing.assert_allclose(ours.fit_transform(df["island"], y, folds=folds), expected, atol=1e-12)
    np.testing.assert_allclose(ours.transform(["Dream", "Atlantis"]), sk.transform(pd.DataFrame({"island": ["Dream", "Atlantis"]})).ravel())


def test_out_of_fold_encoding_differs_from_targetencoder_on_missing_categories(ref):
    """The statement's difference: scikit-learn makes a category of the missing values, we use the global mean."""
    df = penguins().dropna(subset=["body_mass_g"])
    folds = _folds(len(df), 3, seed=2)
    sk = TargetEncoder(target_type="continuous", smooth=2.0, cv=PredefinedSplit(folds))
    expected = sk.fit_transform(df[["sex"]].astype(object), df["body_mass_g"]).ravel()
    got = ref["OutOfFoldTargetEncoder"](3, 2.0).fit_transform(df["sex"], df["body_mass_g"], folds=folds)
    missing = df["sex"].isna().to_numpy()
    np.testing.assert_allclose(got[~missing], expected[~missing], atol=1e-9)
    assert not np.allclose(got[missing], expected[missing])
    for f in range(3):  # a missing sex gets the mean body mass of the other folds
        rows = missing & (folds == f)
        np.testing.assert_allclose(got[rows], df["body_mass_g"].to_numpy()[folds != f].mean())


def test_no_row_sees_its_own_target(ref):
    """Leakage, measured: with one row per category and no smoothing, the in-sample encoding is the target
    itself, and the out-of-fold encoding does not correlate with it at all (the target is noise)."""
    rng = np.random.default_rng(5)
    y = rng.normal(size=2000)
    ids = [f"user{i}" for i in range(2000)]
    in_sample = TargetEncoder(target_type="continuous", smooth=0.0).fit(np.array(ids)[:, None], y).transform(np.array(ids)[:, None]).ravel()
    np.testing.assert_allclose(in_sample, y)
    out_of_fold = ref["OutOfFoldTargetEncoder"](5, 0.0, seed=0).fit_transform(ids, y)
    assert abs(np.corrcoef(out_of_fold, y)[0, 1]) < 0.1


def _sklearn_pca(X, q):
    model = PCA(n_components=q, svd_solver="full")
    projected = model.fit_transform(X)
    components = model.components_.copy()
    signs = np.sign(components[np.arange(q), np.argmax(np.abs(components), axis=1)])
    return projected * signs, components * signs[:, None], model.explained_variance_ratio_


@pytest.mark.parametrize("name,q", [("iris", 2), ("iris", 4), ("wine", 3), ("breast_cancer", 5), ("digits", 10),
                                    ("diabetes", 10)])
def test_pca_matches_sklearn_with_sign_convention(ref, name, q):
    X = TABLES[name]
    P, C, r = ref["pca"](X, q)
    eP, eC, er = _sklearn_pca(X, q)
    np.testing.assert_allclose(r, er, atol=1e-10)
    np.testing.assert_allclose(C, eC, atol=1e-8)
    np.testing.assert_allclose(P, eP, atol=1e-6 * np.abs(eP).max())


def test_pca_on_scaled_penguins(ref):
    X = StandardScaler().fit_transform(penguins()[MEASUREMENTS].dropna())
    P, C, r = ref["pca"](X, 4)
    eP, eC, er = _sklearn_pca(X, 4)
    np.testing.assert_allclose(r, er, atol=1e-10)
    np.testing.assert_allclose(C, eC, atol=1e-8)
    np.testing.assert_allclose(P, eP, atol=1e-8)


def test_pca_beyond_rank_matches_sklearn_ratios(ref):
    X = TABLES["wine"][:5]  # 5 rows in 13 dimensions: rank 4 once centred
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, _, er = _sklearn_pca(X, 5)
    P, C, r = ref["pca"](X, 5)
    np.testing.assert_allclose(r, er, atol=1e-10)
    np.testing.assert_allclose(C @ C.T, np.eye(5), atol=1e-9)
