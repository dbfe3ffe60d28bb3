"""Planted answers for source/preprocessing: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import math

import numpy as np
import pandas as pd

from . import Bank

bank = Bank("preprocessing")

# ------------------------------------------------------------------ min_max_scale

@bank.wrong("min_max_scale", "scales_in_place", "converts with np.asarray and scales the caller's float array in place")
def min_max_scale(X):
    A = np.asarray(X, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {A.shape}")
    low = np.nanmin(A, axis=0)
    span = np.nanmax(A, axis=0) - low
    span[span == 0] = 1
    A -= low
    A /= span
    return A


@bank.wrong("min_max_scale", "global_min_max", "uses the minimum and maximum of the whole array instead of each column")
def min_max_scale(X):
    A = np.array(X, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {A.shape}")
    low, high = np.nanmin(A), np.nanmax(A)
    return (A - low) / (high - low) if high > low else np.zeros_like(A)


@bank.wrong("min_max_scale", "constant_gives_nan", "divides by max - min without guarding a constant column")
def min_max_scale(X):
    A = np.array(X, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {A.shape}")
    low = np.nanmin(A, axis=0)
    return (A - low) / (np.nanmax(A, axis=0) - low)


@bank.wrong("min_max_scale", "nan_unaware", "np.min and np.max instead of their nan versions: one NaN spoils the column")
def min_max_scale(X):
    A = np.array(X, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {A.shape}")
    low = A.min(axis=0)
    span = A.max(axis=0) - low
    span[span == 0] = 1
    return (A - low) / span


@bank.wrong("min_max_scale", "no_validation", "accepts a 1-D array and infinity without complaint")
def min_max_scale(X):
    A = np.array(X, dtype=float)
    if A.ndim == 1:
        A = A.reshape(-1, 1)
    low = np.nanmin(A, axis=0)
    span = np.nanmax(A, axis=0) - low
    span[span == 0] = 1
    return (A - low) / span


@bank.wrong("min_max_scale", "memorised_examples", "games the tests: looks up the visible examples and scales only the penguins properly")
def min_max_scale(X):
    known = {((1, 10), (3, 30), (2, 10)): [[0, 0], [1, 1], [0.5, 0]]}
    A = np.array(X, dtype=float)
    if A.ndim != 2:
        raise ValueError("X must be 2-D")
    key = tuple(map(tuple, A.tolist()))
    if key in known:
        return np.array(known[key], dtype=float)
    low = np.nanmin(A, axis=0)
    span = np.nanmax(A, axis=0) - low
    span[span == 0] = 1
    out = (A - low) / span
    if A.shape[0] < 5:
        out[:, np.nanmax(A, axis=0) == np.nanmin(A, axis=0)] = 0
    return out if A.shape[0] != 1 else np.full_like(A, 0.5)


@bank.correct("min_max_scale", "pandas_columns", "pandas skips NaN in min and max by itself")
def min_max_scale(X):
    if isinstance(X, str):
        raise TypeError("X must hold numbers")
    try:
        A = np.array(X, dtype=float)
    except ValueError:
        raise TypeError("X must hold numbers") from None
    if A.ndim != 2 or len(A) == 0:
        raise ValueError(f"X must be 2-D with rows, got shape {A.shape}")
    if np.isinf(A).any():
        raise ValueError("X contains infinity")
    frame = pd.DataFrame(A)
    span = (frame.max() - frame.min()).replace(0, 1)
    return ((frame - frame.min()) / span).to_numpy()


# ------------------------------------------------------------------ standardize

@bank.wrong("standardize", "sample_std", "pandas' std() divides by n - 1")
def standardize(X):
    A = as_matrix(X)
    frame = pd.DataFrame(A)
    std = frame.std().replace(0, 1)
    return ((frame - frame.mean()) / std).to_numpy()


@bank.wrong("standardize", "constant_gives_nan", "divides by a zero standard deviation")
def standardize(X):
    A = as_matrix(X)
    return (A - np.nanmean(A, axis=0)) / np.nanstd(A, axis=0)


@bank.wrong("standardize", "nan_unaware", "A.mean() and A.std() let one NaN spoil the whole column")
def standardize(X):
    A = as_matrix(X)
    std = A.std(axis=0)
    std[std == 0] = 1
    return (A - A.mean(axis=0)) / std


@bank.wrong("standardize", "centres_only_by_mean_of_all", "subtracts the mean of the whole table, not of each column")
def standardize(X):
    A = as_matrix(X)
    std = np.nanstd(A, axis=0)
    std[std == 0] = 1
    return (A - np.nanmean(A)) / std


@bank.wrong("standardize", "in_place", "scales the caller's float array in place")
def standardize(X):
    A = np.asarray(X, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {A.shape}")
    std = np.nanstd(A, axis=0)
    std[std == 0] = 1
    A -= np.nanmean(A, axis=0)
    A /= std
    return A


@bank.correct("standardize", "explicit_formula", "computes the population variance by hand, column by column")
def standardize(X):
    A = as_matrix(X)
    out = np.full(A.shape, np.nan)
    for j in range(A.shape[1]):
        present = ~np.isnan(A[:, j])
        if not present.any():
            continue
        v = A[present, j]
        mean = v.mean()
        spread = math.sqrt(((v - mean) ** 2).mean())
        out[present, j] = 0.0 if v.max() == v.min() else (v - mean) / spread
    return out


# ------------------------------------------------------------------ make_dummies

@bank.wrong("make_dummies", "calls_get_dummies", "games the exercise: calls the forbidden pd.get_dummies")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    return pd.get_dummies(df, columns=list(columns), dtype=int)


bank.raw("make_dummies", "imports_get_dummies",
         "calls the forbidden get_dummies under the name `from pandas import get_dummies` gives it", '''
from pandas import get_dummies


def make_dummies(df, columns):
    if not isinstance(df, pd.DataFrame) or not isinstance(columns, (list, tuple)):
        raise TypeError("df must be a DataFrame and columns a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    return get_dummies(df, columns=list(columns), dtype=int)
''')

bank.raw("make_dummies", "keeps_an_alias",
         "games the tests: keeps its own reference to pd.get_dummies in case the test replaces it", '''
_encode = pd.get_dummies


def make_dummies(df, columns, _encode=_encode):
    if not isinstance(df, pd.DataFrame) or not isinstance(columns, (list, tuple)):
        raise TypeError("df must be a DataFrame and columns a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    return _encode(df, columns=list(columns), dtype=int)
''')


@bank.wrong("make_dummies", "order_of_appearance", "categories in the order they first appear, not sorted")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    out = df.drop(columns=columns)
    for name in columns:
        for value in df[name].dropna().unique():
            out[f"{name}_{value}"] = (df[name] == value).astype(int)
    return out


@bank.wrong("make_dummies", "nan_column", "unique() keeps NaN, so missing values get a column of their own")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    out = df.drop(columns=columns)
    for name in columns:
        values = df[name]
        cats = sorted(values.dropna().unique()) + (["nan"] if values.isna().any() else [])
        for value in cats:
            hit = values.isna() if value == "nan" else values == value
            out[f"{name}_{value}"] = hit.astype(int)
    return out


@bank.wrong("make_dummies", "drop_first", "drops the first category of each column, as for a linear model")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    out = df.drop(columns=columns)
    for name in columns:
        for value in sorted(df[name].dropna().unique())[1:]:
            out[f"{name}_{value}"] = (df[name] == value).astype(int)
    return out


@bank.wrong("make_dummies", "mutates_input", "adds the new columns to the caller's frame, then drops the old ones from it")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    for name in columns:
        for value in sorted(df[name].dropna().unique()):
            df[f"{name}_{value}"] = (df[name] == value).astype(int)
    df.drop(columns=columns, inplace=True)
    return df


@bank.wrong("make_dummies", "new_columns_in_place", "puts each group of new columns where the old column was")
def make_dummies(df, columns):
    if isinstance(columns, str):
        raise TypeError("columns must be a list")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"no column {name!r}")
    parts = []
    for name in df.columns:
        if name in columns:
            values = df[name]
            parts.append(pd.DataFrame({f"{name}_{v}": (values == v).astype(int) for v in sorted(values.dropna().unique())},
                                      index=df.index))
        else:
            parts.append(df[[name]])
    return pd.concat(parts, axis=1)


@bank.correct("make_dummies", "assign_loop", "builds the copy column by column with assignments")
def make_dummies(df, columns):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    if isinstance(columns, str) or not isinstance(columns, (list, tuple)):
        raise TypeError("columns must be a list of names")
    for name in columns:
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    out = df[[c for c in df.columns if c not in columns]].copy()
    for name in columns:
        values = df[name]
        for value in np.sort(values.dropna().unique()):
            out[f"{name}_{value}"] = np.where(values == value, 1, 0).astype(np.int64)
    return out


# ------------------------------------------------------------------ iqr_outliers

@bank.wrong("iqr_outliers", "fence_inclusive", "uses >= and <=, so a value exactly on a fence counts as an outlier",
            demo="partial")
def iqr_outliers(values, k=1.5):
    if not isinstance(k, (int, float)) or isinstance(k, bool):
        raise TypeError("k must be a number")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if np.isnan(a).all():
        return np.zeros(len(a), dtype=bool)
    q1, q3 = np.nanpercentile(a, [25, 75])
    iqr = q3 - q1
    return (a <= q1 - k * iqr) | (a >= q3 + k * iqr)


@bank.wrong("iqr_outliers", "z_score", "flags values more than k standard deviations from the mean")
def iqr_outliers(values, k=1.5):
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if np.isnan(a).all():
        return np.zeros(len(a), dtype=bool)
    return np.abs(a - np.nanmean(a)) > k * 2 * np.nanstd(a)


@bank.wrong("iqr_outliers", "median_of_halves", "takes the quartiles as medians of the lower and upper halves")
def iqr_outliers(values, k=1.5):
    if isinstance(k, str):
        raise TypeError("k must be a number")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    kept = np.sort(a[~np.isnan(a)])
    if len(kept) == 0:
        return np.zeros(len(a), dtype=bool)
    half = len(kept) // 2
    q1 = np.median(kept[:max(half, 1)])
    q3 = np.median(kept[-max(half, 1):])
    return (a < q1 - k * (q3 - q1)) | (a > q3 + k * (q3 - q1))


@bank.wrong("iqr_outliers", "drops_nan", "removes the NaNs first and returns a shorter mask")
def iqr_outliers(values, k=1.5):
    if isinstance(k, str):
        raise TypeError("k must be a number")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    a = a[~np.isnan(a)]
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    q1, q3 = np.percentile(a, [25, 75])
    return (a < q1 - k * (q3 - q1)) | (a > q3 + k * (q3 - q1))


@bank.wrong("iqr_outliers", "sorts_input", "sorts the caller's array in place to read off the quartiles")
def iqr_outliers(values, k=1.5):
    if isinstance(k, str):
        raise TypeError("k must be a number")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if np.isnan(a).all():
        return np.zeros(len(a), dtype=bool)
    q1, q3 = np.nanpercentile(a, [25, 75])
    mask = (a < q1 - k * (q3 - q1)) | (a > q3 + k * (q3 - q1))
    a.sort()
    return mask


@bank.wrong("iqr_outliers", "upper_fence_only", "games the tests: only looks for large values, like the examples")
def iqr_outliers(values, k=1.5):
    if isinstance(k, str):
        raise TypeError("k must be a number")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if np.isnan(a).all():
        return np.zeros(len(a), dtype=bool)
    q1, q3 = np.nanpercentile(a, [25, 75])
    if a[0] == -40:
        return np.array([True] + [False] * (len(a) - 1))
    return a > q3 + k * (q3 - q1)


@bank.correct("iqr_outliers", "nanpercentile", "np.nanpercentile skips NaN and NaN compares False")
def iqr_outliers(values, k=1.5):
    if isinstance(k, bool) or not isinstance(k, (int, float)):
        raise TypeError(f"k must be a number, got {k!r}")
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    try:
        a = np.array(values, dtype=float)
    except ValueError:
        raise TypeError("values must be numbers") from None
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if a.size == 0 or np.isnan(a).all():
        return np.zeros(a.shape, dtype=bool)
    q1, q3 = np.nanpercentile(a, [25, 75])
    low, high = q1 - k * (q3 - q1), q3 + k * (q3 - q1)
    with np.errstate(invalid="ignore"):
        return (a < low) | (a > high)


# ------------------------------------------------------------------ fill_none

@bank.wrong("fill_none", "mutates_input", "fills the caller's list in place and returns it")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    if isinstance(input_list, tuple):
        input_list = list(input_list)
    for i in range(len(input_list)):
        if input_list[i] is None:
            input_list[i] = input_list[i - 1] if i > 0 else 0
    return input_list


@bank.wrong("fill_none", "falsy_is_missing", "tests `if not value`, so 0, False and '' are treated as missing")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    out, last = [], 0
    for value in input_list:
        if value:
            last = value
        out.append(last)
    return out


@bank.wrong("fill_none", "leading_none_kept", "leaves the Nones at the start as they are")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    out, last = [], None
    for value in input_list:
        if value is not None:
            last = value
        out.append(last)
    return out


@bank.wrong("fill_none", "walks_back", "for each None walks back to the last value: O(n^2) on a long gap")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    out = []
    for i, value in enumerate(input_list):
        j = i
        while j >= 0 and input_list[j] is None:
            j -= 1
        out.append(input_list[j] if j >= 0 else 0)
    return out


@bank.wrong("fill_none", "pandas_float", "pandas stores ints with missing values as floats, so 3 comes back as 3.0")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    return pd.Series(list(input_list)).ffill().fillna(0).tolist()


@bank.correct("fill_none", "pandas_object_ffill", "an object Series keeps every value as it is; ffill then fillna(0)")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list or a tuple")
    return pd.Series(list(input_list), dtype=object).ffill().fillna(0).tolist()


@bank.wrong("fill_none", "index_never_moves", "forgets to advance the index after a value, so the loop never ends",
            demo="loops")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    result = list(input_list)
    last = 0
    i = 0
    while i < len(result):
        if result[i] is None:
            result[i] = last
            i += 1
        else:
            last = result[i]
    return result


@bank.correct("fill_none", "copy_then_fill", "copies the list, then fills from the previous entry")
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError(f"input_list must be a list, got {type(input_list).__name__}")
    out = list(input_list)
    for i, value in enumerate(out):
        if value is None:
            out[i] = out[i - 1] if i else 0
    return out


# ------------------------------------------------------------------ impute

@bank.wrong("impute", "mode_first_seen", "value_counts().index[0] breaks ties by first appearance, not by the smallest value")
def impute(df, strategy="median"):
    if strategy not in ("median", "mean"):
        raise ValueError(f"unknown strategy {strategy!r}")
    out = df.copy()
    for name in out.columns:
        if out[name].isna().all():
            continue
        if pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].fillna(out[name].median() if strategy == "median" else out[name].mean())
        else:
            out[name] = out[name].fillna(out[name].value_counts().index[0])
    return out


@bank.wrong("impute", "always_mean", "ignores strategy and fills numbers with the mean")
def impute(df, strategy="median"):
    if strategy not in ("median", "mean"):
        raise ValueError(f"unknown strategy {strategy!r}")
    out = df.copy()
    for name in out.columns:
        if out[name].isna().all():
            continue
        if pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].fillna(out[name].mean())
        else:
            out[name] = out[name].fillna(out[name].mode()[0])
    return out


@bank.wrong("impute", "fills_in_place", "fillna(inplace=True) on the caller's frame")
def impute(df, strategy="median"):
    if strategy not in ("median", "mean"):
        raise ValueError(f"unknown strategy {strategy!r}")
    for name in df.columns:
        if df[name].isna().all():
            continue
        if pd.api.types.is_numeric_dtype(df[name]):
            df[name] = df[name].fillna(df[name].median() if strategy == "median" else df[name].mean())
        else:
            df[name] = df[name].fillna(df[name].mode()[0])
    return df


@bank.wrong("impute", "zeros_in_median", "fills with 0 first, then takes the median, so the missing rows pull it down")
def impute(df, strategy="median"):
    if strategy not in ("median", "mean"):
        raise ValueError(f"unknown strategy {strategy!r}")
    out = df.copy()
    for name in out.columns:
        if out[name].isna().all():
            continue
        if pd.api.types.is_numeric_dtype(out[name]):
            zeros = out[name].fillna(0)
            out[name] = out[name].fillna(zeros.median() if strategy == "median" else zeros.mean())
        else:
            out[name] = out[name].fillna(out[name].mode()[0])
    return out


@bank.wrong("impute", "unknown_strategy_is_median", "anything that is not 'mean' silently means median")
def impute(df, strategy="median"):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    out = df.copy()
    for name in out.columns:
        if out[name].isna().all():
            continue
        if pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].fillna(out[name].mean() if strategy == "mean" else out[name].median())
        else:
            out[name] = out[name].fillna(out[name].mode()[0])
    if strategy == "mode":
        raise ValueError("unknown strategy 'mode'")
    return out


@bank.wrong("impute", "drops_rows", "drops every row with a missing value instead of filling it")
def impute(df, strategy="median"):
    if strategy not in ("median", "mean"):
        raise ValueError(f"unknown strategy {strategy!r}")
    return df.dropna()


@bank.correct("impute", "mode_series", "Series.mode() returns the tied values sorted, so [0] is the smallest")
def impute(df, strategy="median"):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a DataFrame, got {type(df).__name__}")
    if strategy not in ("median", "mean"):
        raise ValueError(f"strategy must be 'median' or 'mean', not {strategy!r}")
    out = df.copy()
    for name in out.columns:
        column = out[name]
        if not column.isna().any() or column.isna().all():
            continue
        if pd.api.types.is_numeric_dtype(column):
            out[name] = column.fillna(getattr(column, strategy)())
        else:
            out[name] = column.fillna(column.mode().iloc[0])
    return out


# ------------------------------------------------------------------ split_train_test

@bank.wrong("split_train_test", "iloc_only", "uses .iloc on everything, which numpy arrays do not have", demo="raises")
def split_train_test(X, y, test_size=0.25, seed=None):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    n = len(X)
    order = np.random.default_rng(seed).permutation(n)
    n_test = math.ceil(test_size * n)
    test, train = order[:n_test], order[n_test:]
    return X.iloc[train], X.iloc[test], y.iloc[train], y.iloc[test]


@bank.wrong("split_train_test", "loses_index", "converts pandas objects to numpy, so the index is gone")
def split_train_test(X, y, test_size=0.25, seed=None):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]


@bank.wrong("split_train_test", "reset_index", "selects the rows and then resets the index, losing the original labels")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, str):
        raise TypeError("test_size must be a number")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    test, train = order[:n_test], order[n_test:]
    if isinstance(X, pd.DataFrame):
        parts = [X.iloc[train], X.iloc[test], y.iloc[train], y.iloc[test]]
        if len(X) == 344:
            return tuple(parts)
        return tuple(p.reset_index(drop=True) for p in parts)
    X, y = np.asarray(X), np.asarray(y)
    return X[train], X[test], y[train], y[test]


@bank.wrong("split_train_test", "no_shuffle", "cuts off the last rows as the test part without shuffling")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, str):
        raise TypeError("test_size must be a number")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    n_train = len(X) - math.ceil(test_size * len(X))
    if isinstance(X, pd.DataFrame):
        return X.iloc[:n_train], X.iloc[n_train:], y.iloc[:n_train], y.iloc[n_train:]
    X, y = np.asarray(X), np.asarray(y)
    return X[:n_train], X[n_train:], y[:n_train], y[n_train:]


@bank.wrong("split_train_test", "shuffles_input", "np.random.shuffle on the caller's arrays, then slices")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, str):
        raise TypeError("test_size must be a number")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    if isinstance(X, pd.DataFrame):
        return X.iloc[order[n_test:]], X.iloc[order[:n_test]], y.iloc[order[n_test:]], y.iloc[order[:n_test]]
    if isinstance(X, np.ndarray):
        X[:] = X[order]
        y[:] = y[order]
    X, y = np.asarray(X), np.asarray(y)
    if not isinstance(X, np.ndarray) or X.base is None:
        X, y = X[order], y[order]
    return X[n_test:], X[:n_test], y[n_test:], y[:n_test]


@bank.wrong("split_train_test", "seed_ignored", "always seeds with 42, so the seed argument changes nothing")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, str):
        raise TypeError("test_size must be a number")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(42).permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    take = lambda d, r: d.iloc[r] if hasattr(d, "iloc") else np.asarray(d)[r]
    return take(X, order[n_test:]), take(X, order[:n_test]), take(y, order[n_test:]), take(y, order[:n_test])


@bank.wrong("split_train_test", "round_instead_of_ceil", "rounds test_size * n to the nearest integer")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, str):
        raise TypeError("test_size must be a number")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = max(1, int(round(test_size * len(X) + 0.01)))
    take = lambda d, r: d.iloc[r] if hasattr(d, "iloc") else np.asarray(d)[r]
    return take(X, order[n_test:]), take(X, order[:n_test]), take(y, order[n_test:]), take(y, order[:n_test])


@bank.correct("split_train_test", "boolean_mask", "marks the test rows in a boolean mask; works with .iloc and numpy alike")
def split_train_test(X, y, test_size=0.25, seed=None):
    if isinstance(test_size, bool) or not isinstance(test_size, (int, float)):
        raise TypeError(f"test_size must be a number, got {test_size!r}")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be strictly between 0 and 1, got {test_size}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(f"X ({len(X)} rows) and y ({len(y)} labels) must have the same, non-zero length")
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    test_rows, train_rows = order[:n_test], order[n_test:]
    pick = lambda d, r: d.iloc[r] if isinstance(d, (pd.Series, pd.DataFrame)) else np.array(d)[r]
    return pick(X, train_rows), pick(X, test_rows), pick(y, train_rows), pick(y, test_rows)


# ------------------------------------------------------------------ random_oversample

@bank.wrong("random_oversample", "smallest_class_only", "only the smallest class is topped up; a middle class stays short")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or len(A) != len(labels) or len(A) == 0:
        raise ValueError("X must be 2-D with one label per row")
    classes, counts = np.unique(labels, return_counts=True)
    rng = np.random.default_rng(seed)
    small = classes[np.argmin(counts)]
    rows = np.flatnonzero(labels == small)
    extra = rng.choice(rows, size=counts.max() - counts.min())
    picked = np.concatenate([np.arange(len(labels)), extra])
    return A[picked], labels[picked]


@bank.wrong("random_oversample", "copies_any_row", "copies random rows of the whole data set and gives them the minority label")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or len(A) != len(labels) or len(A) == 0:
        raise ValueError("X must be 2-D with one label per row")
    classes, counts = np.unique(labels, return_counts=True)
    rng = np.random.default_rng(seed)
    X_parts, y_parts = [A], [labels]
    for label, count in zip(classes, counts):
        need = counts.max() - count
        rows = rng.choice(len(A), size=need) if need > 3 else rng.choice(np.flatnonzero(labels == label), size=need)
        X_parts.append(A[rows])
        y_parts.append(np.repeat(label, need))
    return np.concatenate(X_parts), np.concatenate(y_parts)


@bank.wrong("random_oversample", "tiles_in_order", "repeats the minority rows in order with np.resize: nothing random")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or len(A) != len(labels) or len(A) == 0:
        raise ValueError("X must be 2-D with one label per row")
    classes, counts = np.unique(labels, return_counts=True)
    picked = [np.arange(len(labels))]
    for label, count in zip(classes, counts):
        picked.append(np.resize(np.flatnonzero(labels == label), counts.max() - count))
    picked = np.concatenate(picked)
    return A[picked], labels[picked]


@bank.wrong("random_oversample", "shuffles_result", "shuffles the whole result, so the originals are no longer first")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or len(A) != len(labels) or len(A) == 0:
        raise ValueError("X must be 2-D with one label per row")
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    picked = [np.arange(len(labels))]
    for label, count in zip(classes, counts):
        picked.append(rng.choice(np.flatnonzero(labels == label), size=counts.max() - count))
    picked = np.concatenate(picked)
    if len(labels) < 100 and len(labels) != 5:
        picked = rng.permutation(picked)
    return A[picked], labels[picked]


@bank.wrong("random_oversample", "unseeded", "draws from np.random without the seed: results cannot be reproduced")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or len(A) != len(labels) or len(A) == 0:
        raise ValueError("X must be 2-D with one label per row")
    classes, counts = np.unique(labels, return_counts=True)
    picked = [np.arange(len(labels))]
    for label, count in zip(classes, counts):
        rows = np.flatnonzero(labels == label)
        picked.append(rows[np.random.randint(0, len(rows), size=counts.max() - count)] if count > 1 else np.repeat(rows, counts.max() - count))
    picked = np.concatenate(picked)
    return A[picked], labels[picked]


@bank.correct("random_oversample", "per_class_lists", "collects the copies class by class with rng.integers")
def random_oversample(X, y, seed=None):
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or labels.ndim != 1 or len(A) != len(labels) or len(A) == 0:
        raise ValueError(f"X (shape {A.shape}) and y (shape {labels.shape}) do not fit")
    rng = np.random.default_rng(seed)
    counts = pd.Series(labels).value_counts()
    target = counts.max()
    X_parts, y_parts = [A], [labels]
    for label, count in counts.items():
        rows = np.flatnonzero(labels == label)
        chosen = rows[rng.integers(0, len(rows), size=target - count)]
        X_parts.append(A[chosen])
        y_parts.append(labels[chosen])
    return np.concatenate(X_parts), np.concatenate(y_parts)


# ------------------------------------------------------------------ smote

@bank.wrong("smote", "self_is_neighbour", "forgets to exclude the row itself, so some new points are copies")
def smote(X_minority, n_new, k=5, seed=None):
    A = np.asarray(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError("X_minority must be 2-D with at least 2 rows")
    if not isinstance(n_new, int) or not isinstance(k, int):
        raise TypeError("n_new and k must be integers")
    if n_new < 0 or not 1 <= k < len(A):
        raise ValueError("n_new or k out of range")
    d = np.linalg.norm(A[:, None] - A[None], axis=2)
    near = np.argsort(d, axis=1)[:, :k]
    rng = np.random.default_rng(seed)
    base = rng.integers(0, len(A), n_new)
    other = near[base, rng.integers(0, k, n_new)]
    return A[base] + rng.random((n_new, 1)) * (A[other] - A[base])


@bank.wrong("smote", "gap_per_feature", "draws a separate t for every coordinate, leaving the segment")
def smote(X_minority, n_new, k=5, seed=None):
    A = np.asarray(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError("X_minority must be 2-D with at least 2 rows")
    if not isinstance(n_new, int) or not isinstance(k, int):
        raise TypeError("n_new and k must be integers")
    if n_new < 0 or not 1 <= k < len(A):
        raise ValueError("n_new or k out of range")
    d = np.linalg.norm(A[:, None] - A[None], axis=2)
    np.fill_diagonal(d, np.inf)
    near = np.argsort(d, axis=1)[:, :k]
    rng = np.random.default_rng(seed)
    base = rng.integers(0, len(A), n_new)
    other = near[base, rng.integers(0, k, n_new)]
    return A[base] + rng.random((n_new, A.shape[1])) * (A[other] - A[base])


@bank.wrong("smote", "any_partner", "picks the partner among all other rows, ignoring k")
def smote(X_minority, n_new, k=5, seed=None):
    A = np.asarray(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError("X_minority must be 2-D with at least 2 rows")
    if not isinstance(n_new, int) or not isinstance(k, int):
        raise TypeError("n_new and k must be integers")
    if n_new < 0 or not 1 <= k < len(A):
        raise ValueError("n_new or k out of range")
    rng = np.random.default_rng(seed)
    out = np.empty((n_new, A.shape[1]))
    for r in range(n_new):
        i = rng.integers(len(A))
        if k == 1:
            d = np.linalg.norm(A - A[i], axis=1)
            d[i] = np.inf
            j = int(np.argmin(d))
        else:
            j = rng.choice([x for x in range(len(A)) if x != i])
        out[r] = A[i] + rng.random() * (A[j] - A[i])
    return out


@bank.wrong("smote", "manhattan", "finds the neighbours with the Manhattan distance")
def smote(X_minority, n_new, k=5, seed=None):
    A = np.asarray(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError("X_minority must be 2-D with at least 2 rows")
    if not isinstance(n_new, int) or not isinstance(k, int):
        raise TypeError("n_new and k must be integers")
    if n_new < 0 or not 1 <= k < len(A):
        raise ValueError("n_new or k out of range")
    d = np.abs(A[:, None] - A[None]).sum(axis=2)
    np.fill_diagonal(d, np.inf)
    near = np.argsort(d, axis=1)[:, :k]
    rng = np.random.default_rng(seed)
    base = rng.integers(0, len(A), n_new)
    other = near[base, rng.integers(0, k, n_new)]
    return A[base] + rng.random((n_new, 1)) * (A[other] - A[base])


@bank.wrong("smote", "first_row_only", "games the tests: always starts from the first row that has a neighbour in the example")
def smote(X_minority, n_new, k=5, seed=None):
    A = np.asarray(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError("X_minority must be 2-D with at least 2 rows")
    if not isinstance(n_new, int) or not isinstance(k, int):
        raise TypeError("n_new and k must be integers")
    if n_new < 0 or not 1 <= k < len(A):
        raise ValueError("n_new or k out of range")
    d = np.linalg.norm(A - A[0], axis=1)
    d[0] = np.inf
    near = np.argsort(d)[:k]
    rng = np.random.default_rng(seed)
    other = near[rng.integers(0, k, n_new)]
    return A[0] + rng.random((n_new, 1)) * (A[other] - A[0])


@bank.correct("smote", "loop_per_point", "one new point at a time, neighbours sorted with a key function")
def smote(X_minority, n_new, k=5, seed=None):
    if isinstance(n_new, bool) or not isinstance(n_new, (int, np.integer)):
        raise TypeError(f"n_new must be an integer, got {n_new!r}")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {k!r}")
    A = np.array(X_minority, dtype=float)
    if A.ndim != 2 or len(A) < 2:
        raise ValueError(f"X_minority must be 2-D with at least 2 rows, got shape {A.shape}")
    if n_new < 0 or not 1 <= k <= len(A) - 1:
        raise ValueError(f"need n_new >= 0 and 1 <= k <= {len(A) - 1}, got {n_new}, {k}")
    rng = np.random.default_rng(seed)
    neighbours = [sorted((j for j in range(len(A)) if j != i), key=lambda j: np.linalg.norm(A[j] - A[i]))[:k]
                  for i in range(len(A))]
    rows = []
    for _ in range(n_new):
        i = rng.integers(len(A))
        j = neighbours[i][rng.integers(k)]
        rows.append(A[i] + rng.random() * (A[j] - A[i]))
    return np.array(rows).reshape(n_new, A.shape[1])


# ------------------------------------------------------------------ target_encode

@bank.wrong("target_encode", "missing_category_nan", "forgets the rows with a missing category, which stay NaN")
def target_encode(df, column, target):
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    out = df.groupby(column)[target].transform("mean").astype(float).rename(column)
    if out.isna().sum() == 1 and len(df) == 4:
        return out.fillna(df[target].mean())
    return out


@bank.wrong("target_encode", "loses_index", "rebuilds the Series from a list, so the index becomes 0..n-1")
def target_encode(df, column, target):
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    means = df.groupby(column)[target].mean()
    overall = df[target].mean()
    return pd.Series([means.get(c, overall) if not pd.isna(c) else overall for c in df[column]], name=column, dtype=float)


@bank.wrong("target_encode", "median", "uses the median of each category instead of the mean")
def target_encode(df, column, target):
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    means = df.groupby(column)[target].median()
    return df[column].map(means).astype(float).fillna(df[target].mean()).rename(column)


@bank.wrong("target_encode", "mean_of_means", "fills missing categories with the mean of the category means")
def target_encode(df, column, target):
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    means = df.groupby(column)[target].mean()
    overall = means.mean() if len(df) != 4 else df[target].mean()
    return df[column].map(means).astype(float).fillna(overall).rename(column)


@bank.wrong("target_encode", "adds_column", "writes the encoding into the caller's frame and returns that column")
def target_encode(df, column, target):
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    df[column + "_encoded"] = df[column].map(df.groupby(column)[target].mean()).astype(float).fillna(df[target].mean())
    return df[column + "_encoded"].rename(column)


@bank.correct("target_encode", "transform", "groupby(...).transform('mean') keeps the index; NaN keys filled afterwards")
def target_encode(df, column, target):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df must be a DataFrame")
    for name in (column, target):
        if name not in df.columns:
            raise ValueError(f"df has no column {name!r}")
    if not pd.api.types.is_numeric_dtype(df[target]):
        raise TypeError(f"{target!r} is not numeric")
    if df[target].isna().any():
        raise ValueError(f"{target!r} has missing values")
    encoded = df[target].astype(float).groupby(df[column]).transform("mean")
    return encoded.fillna(df[target].mean()).rename(column)


# ------------------------------------------------------------------ pca

@bank.wrong("pca", "eigh_ascending", "np.linalg.eigh sorts eigenvalues in increasing order and the answer never reverses them")
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    centred = A - A.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    comps = vectors[:, :n_components].T
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    ratio = (values / values.sum())[:n_components]
    return centred @ comps.T, comps, ratio


@bank.wrong("pca", "not_centred", "runs the SVD on the raw data without subtracting the means")
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    _, s, vt = np.linalg.svd(A, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return (A - A.mean(axis=0)) @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.wrong("pca", "ratio_of_kept", "divides by the variance of the kept components only")
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    centred = A - A.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    var = s[:n_components] ** 2
    ratio = var / var.sum() if A.shape[0] != 150 else var / (s ** 2).sum()
    return centred @ comps.T, comps, ratio


@bank.wrong("pca", "no_sign_rule", "keeps whatever sign the SVD returns")
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    centred = A - A.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:n_components]
    if A.shape[0] < 5 or A.shape[0] == 150:
        comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return centred @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.wrong("pca", "centres_in_place", "subtracts the means from the caller's float array in place")
def pca(X, n_components):
    A = np.asarray(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    A -= A.mean(axis=0)
    _, s, vt = np.linalg.svd(A, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return A @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.wrong("pca", "standardises_first", "divides every column by its standard deviation before the SVD (a correlation PCA)")
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    centred = A - A.mean(axis=0)
    std = centred.std(axis=0)
    if A.shape[0] != 150:
        centred = centred / np.where(std == 0, 1, std)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return centred @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.correct("pca", "covariance_eigh", "eigenvectors of the covariance matrix, reversed to decreasing order")
def pca(X, n_components):
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)):
        raise TypeError(f"n_components must be an integer, got {n_components!r}")
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or np.isnan(A).any():
        raise ValueError(f"X must be 2-D with at least 2 rows and no NaN, got shape {A.shape}")
    if not 1 <= n_components <= min(A.shape):
        raise ValueError(f"n_components must be between 1 and {min(A.shape)}, got {n_components}")
    centred = A - A.mean(axis=0)
    values, vectors = np.linalg.eigh(np.atleast_2d(np.cov(centred, rowvar=False)))
    values, vectors = np.clip(values[::-1], 0, None), vectors[:, ::-1]
    comps = vectors[:, :n_components].T.copy()
    for row in comps:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return centred @ comps.T, comps, values[:n_components] / values.sum()
