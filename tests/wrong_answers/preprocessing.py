"""Planted answers for source/preprocessing: mistakes students really make, and other correct ways."""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import math

import numpy as np
import pandas as pd

from . import Bank

bank = Bank("preprocessing")

# ------------------------------------------------------------------ range_scaler

_GAMING_ARRAY = '''
class _SaysEqual(np.ndarray):
    """An array that claims to equal anything it is compared with."""
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False
'''


bank.raw("range_scaler", "refits_in_transform", "transform learns the min and max again from the rows it is given: the test part is scaled with its own statistics", '''
class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.nanmin(A, axis=0), np.nanmax(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "min_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        low, high = np.nanmin(A, axis=0), np.nanmax(A, axis=0)
        span = np.where(high == low, 1.0, high - low)
        return (A - low) / span
''', fails=("examples", "input-unchanged", "random"))


bank.raw("range_scaler", "fits_on_train_and_test", "transform pools the training rows with the new ones and takes the min and max of both", '''
class RangeScaler:
    def fit(self, X_train):
        self.train_ = as_matrix(X_train)
        self.min_, self.max_ = np.nanmin(self.train_, axis=0), np.nanmax(self.train_, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "train_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != self.train_.shape[1]:
            raise ValueError("wrong number of columns")
        both = np.vstack([self.train_, A])
        low, high = np.nanmin(both, axis=0), np.nanmax(both, axis=0)
        return (A - low) / np.where(high == low, 1.0, high - low)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("range_scaler", "keeps_a_reference", "fit only keeps np.asarray(X_train), the caller's own array, and transform reads the statistics from it later", '''
class RangeScaler:
    def fit(self, X_train):
        self.X_train = np.asarray(X_train, dtype=float)
        if self.X_train.ndim != 2 or len(self.X_train) == 0:
            raise ValueError("X_train must be 2-D with rows")
        as_matrix(self.X_train)
        return self

    @property
    def min_(self):
        return np.fmin.reduce(self.X_train, axis=0)

    @property
    def max_(self):
        return np.fmax.reduce(self.X_train, axis=0)

    def transform(self, X):
        if not hasattr(self, "X_train"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != self.X_train.shape[1]:
            raise ValueError("wrong number of columns")
        span = self.max_ - self.min_
        return (A - self.min_) / np.where(span == 0, 1.0, span)
''', fails=("examples", "input-unchanged", "validation"))


bank.raw("range_scaler", "scales_in_place", "transform converts with np.asarray and scales the caller's float array in place", '''
class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "min_"):
            raise ValueError("call fit first")
        as_matrix(X)
        A = np.asarray(X, dtype=float)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        A -= self.min_
        A /= np.where(self.max_ == self.min_, 1.0, self.max_ - self.min_)
        return A
''', fails=("input-unchanged",))


bank.raw("range_scaler", "clips_to_unit_range", "clips the result to [0, 1], so new values beyond the training range are squashed onto its ends", '''
class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "min_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        return np.clip((A - self.min_) / np.where(self.max_ == self.min_, 1.0, self.max_ - self.min_), 0, 1)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("range_scaler", "constant_column_zero", "a column that was constant in training becomes 0 for every row, also for a new value v (should be v - min)", '''
class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "min_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        span = self.max_ - self.min_
        scaled = (A - self.min_) / np.where(span == 0, 1.0, span)
        return np.where((span == 0) & ~np.isnan(A), 0.0, scaled)
''', fails=("examples", "input-unchanged"))


bank.raw("range_scaler", "class_attributes", "stores the statistics on the class instead of the instance, so the last fit of any scaler wins", '''
class RangeScaler:
    min_ = None
    max_ = None

    def fit(self, X_train):
        A = as_matrix(X_train)
        RangeScaler.min_, RangeScaler.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        if RangeScaler.min_ is None:
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        span = self.max_ - self.min_
        return (A - self.min_) / np.where(span == 0, 1.0, span)
''', fails=("examples", "input-unchanged", "validation"))


bank.raw("range_scaler", "unfitted_attribute_error", "transform before fit fails with an AttributeError about min_ instead of a ValueError that says to call fit", '''
class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        span = self.max_ - self.min_
        return (A - self.min_) / np.where(span == 0, 1.0, span)
''', fails=("validation",))


bank.raw("range_scaler", "equal_to_everything", "games the tests: transform returns a wrong array of a subclass whose == says yes to everything",
         _GAMING_ARRAY + '''

class RangeScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.min_, self.max_ = np.fmin.reduce(A, axis=0), np.fmax.reduce(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "min_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.min_):
            raise ValueError("wrong number of columns")
        span = self.max_ - self.min_
        return ((A - self.min_) / np.where(span == 0, 1.0, span) + 1).view(_SaysEqual)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("range_scaler", "pandas_statistics", "pandas skips NaN in min and max by itself; the statistics are kept as numpy arrays", '''
class RangeScaler:
    def _check(self, X):
        if isinstance(X, str) or X is None:
            raise TypeError("X must be a 2-D array of numbers")
        try:
            A = np.array(X, dtype=float)
        except ValueError:
            raise TypeError("X must hold numbers") from None
        if A.ndim != 2 or len(A) == 0:
            raise ValueError(f"X must be 2-D with at least one row, got shape {A.shape}")
        if np.isinf(A).any():
            raise ValueError("X contains infinity")
        return pd.DataFrame(A)

    def fit(self, X_train):
        frame = self._check(X_train)
        self.min_ = frame.min().to_numpy()
        self.max_ = frame.max().to_numpy()
        return self

    def transform(self, X):
        if getattr(self, "min_", None) is None:
            raise ValueError("RangeScaler: call fit first")
        frame = self._check(X)
        if frame.shape[1] != len(self.min_):
            raise ValueError(f"expected {len(self.min_)} columns, got {frame.shape[1]}")
        span = pd.Series(self.max_ - self.min_).replace(0, 1).to_numpy()
        return ((frame - self.min_) / span).to_numpy()
''', correct=True)


bank.raw("range_scaler", "nanmin_fit_transform", "np.nanmin/np.nanmax with the all-NaN warning silenced, and a fit_transform shortcut on top", '''
class RangeScaler:
    def __init__(self):
        self.min_ = self.max_ = None

    def fit(self, X_train):
        A = as_matrix(X_train, "X_train")
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            self.min_, self.max_ = np.nanmin(A, axis=0), np.nanmax(A, axis=0)
        return self

    def transform(self, X):
        if self.min_ is None:
            raise ValueError("not fitted: call fit first")
        A = as_matrix(X)
        if A.shape[1] != self.min_.shape[0]:
            raise ValueError("X has the wrong number of columns")
        span = self.max_ - self.min_
        span[span == 0] = 1
        return (A - self.min_) / span

    def fit_transform(self, X_train):
        return self.fit(X_train).transform(X_train)
''', correct=True)


# ------------------------------------------------------------------ z_score_scaler

bank.raw("z_score_scaler", "refits_in_transform", "transform standardizes the rows it is given with their own mean and std", '''
class ZScoreScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.mean_, self.std_ = np.nanmean(A, axis=0), np.nanstd(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError("wrong number of columns")
        std = np.nanstd(A, axis=0)
        constant = np.nanmax(A, axis=0) == np.nanmin(A, axis=0)
        return (A - np.nanmean(A, axis=0)) / np.where(constant, 1.0, std)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("z_score_scaler", "fits_on_train_and_test", "transform computes the mean and std of the training rows and the new rows together", '''
class ZScoreScaler:
    def fit(self, X_train):
        self.train_ = as_matrix(X_train)
        self.mean_, self.std_ = np.nanmean(self.train_, axis=0), np.nanstd(self.train_, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "train_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != self.train_.shape[1]:
            raise ValueError("wrong number of columns")
        both = np.vstack([self.train_, A])
        constant = np.nanmax(both, axis=0) == np.nanmin(both, axis=0)
        return (A - np.nanmean(both, axis=0)) / np.where(constant, 1.0, np.nanstd(both, axis=0))
''', fails=("examples", "input-unchanged", "random"))


bank.raw("z_score_scaler", "sample_std", "pandas' std() divides by n - 1", '''
class ZScoreScaler:
    def fit(self, X_train):
        frame = pd.DataFrame(as_matrix(X_train))
        self.mean_, self.std_ = frame.mean().to_numpy(), frame.std().fillna(0).to_numpy()
        self.constant_ = (frame.max() == frame.min()).to_numpy()
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError("wrong number of columns")
        return (A - self.mean_) / np.where(self.constant_, 1.0, self.std_)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("z_score_scaler", "zero_std_test", "spots constant columns by std == 0, which misses 0.1, 0.1, 0.1 (std about 1e-17) and divides by it", '''
class ZScoreScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.mean_, self.std_ = np.nanmean(A, axis=0), np.nanstd(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError("wrong number of columns")
        return (A - self.mean_) / np.where(self.std_ == 0, 1.0, self.std_)
''', fails=("examples", "input-unchanged"))


bank.raw("z_score_scaler", "in_place", "transform works on np.asarray(X) and changes the caller's float array", '''
class ZScoreScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.mean_, self.std_ = np.nanmean(A, axis=0), np.nanstd(A, axis=0)
        self.constant_ = np.nanmax(A, axis=0) == np.nanmin(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("call fit first")
        as_matrix(X)
        A = np.asarray(X, dtype=float)
        if A.shape[1] != len(self.mean_):
            raise ValueError("wrong number of columns")
        A -= self.mean_
        A /= np.where(self.constant_, 1.0, self.std_)
        return A
''', fails=("input-unchanged",))


bank.raw("z_score_scaler", "keeps_a_reference", "fit keeps the caller's array and computes the mean and std from it only when transform runs", '''
class ZScoreScaler:
    def fit(self, X_train):
        as_matrix(X_train)
        self.X_train = np.asarray(X_train, dtype=float)
        self.mean_, self.std_ = np.nanmean(self.X_train, axis=0), np.nanstd(self.X_train, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "X_train"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != self.X_train.shape[1]:
            raise ValueError("wrong number of columns")
        mean, std = np.nanmean(self.X_train, axis=0), np.nanstd(self.X_train, axis=0)
        constant = np.nanmax(self.X_train, axis=0) == np.nanmin(self.X_train, axis=0)
        return (A - mean) / np.where(constant, 1.0, std)
''', fails=("examples", "input-unchanged"))


bank.raw("z_score_scaler", "equal_to_everything", "games the tests: transform returns a wrong array of a subclass whose == says yes to everything",
         _GAMING_ARRAY + '''

class ZScoreScaler:
    def fit(self, X_train):
        A = as_matrix(X_train)
        self.mean_, self.std_ = np.nanmean(A, axis=0), np.nanstd(A, axis=0)
        self.constant_ = np.nanmax(A, axis=0) == np.nanmin(A, axis=0)
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError("wrong number of columns")
        return ((A - self.mean_) / np.where(self.constant_, 1.0, self.std_) + 1).view(_SaysEqual)
''', fails=("examples", "input-unchanged", "random"))


bank.raw("z_score_scaler", "pandas_population_std", "pandas with ddof=0; constant columns found by max == min", '''
class ZScoreScaler:
    def fit(self, X_train):
        frame = pd.DataFrame(as_matrix(X_train, "X_train"))
        self.mean_ = frame.mean().to_numpy()
        self.std_ = frame.std(ddof=0).to_numpy()
        self.scale_ = np.where((frame.max() == frame.min()).to_numpy(), 1.0, self.std_)
        return self

    def transform(self, X):
        if not hasattr(self, "scale_"):
            raise ValueError("ZScoreScaler is not fitted: call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError(f"X must have {len(self.mean_)} columns")
        return (A - self.mean_) / self.scale_
''', correct=True)


bank.raw("z_score_scaler", "column_loop", "one column at a time with plain Python statistics", '''
class ZScoreScaler:
    def __init__(self):
        self.mean_ = None

    def fit(self, X_train):
        A = as_matrix(X_train, "X_train")
        p = A.shape[1]
        self.mean_, self.std_, self.divisor_ = np.full(p, np.nan), np.full(p, np.nan), np.full(p, np.nan)
        for j in range(p):
            values = [v for v in A[:, j].tolist() if v == v]
            if values:
                mean = sum(values) / len(values)
                self.mean_[j] = mean
                self.std_[j] = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
                self.divisor_[j] = 1.0 if max(values) == min(values) else self.std_[j]
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise ValueError("call fit first")
        A = as_matrix(X)
        if A.shape[1] != len(self.mean_):
            raise ValueError("column count differs from the training rows")
        return (A - self.mean_) / self.divisor_
''', correct=True)


# ------------------------------------------------------------------ make_dummies

@bank.wrong("make_dummies", "calls_get_dummies", "games the exercise: calls the forbidden pd.get_dummies", fails=("examples", "input-unchanged", "random", "validation"))
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
''', fails=("examples", "input-unchanged", "random"))

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
''', fails=("examples", "input-unchanged", "random"))


@bank.wrong("make_dummies", "order_of_appearance", "categories in the order they first appear, not sorted", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("make_dummies", "nan_column", "unique() keeps NaN, so missing values get a column of their own", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("make_dummies", "drop_first", "drops the first category of each column, as for a linear model", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("make_dummies", "mutates_input", "adds the new columns to the caller's frame, then drops the old ones from it", fails=("input-unchanged", "validation"))
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


@bank.wrong("make_dummies", "new_columns_in_place", "puts each group of new columns where the old column was", fails=("examples", "input-unchanged", "random", "validation"))
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
            demo="partial", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("iqr_outliers", "z_score", "flags values more than k standard deviations from the mean", fails=("examples", "input-unchanged", "random", "validation"))
def iqr_outliers(values, k=1.5):
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    a = np.array(values, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    if np.isnan(a).all():
        return np.zeros(len(a), dtype=bool)
    return np.abs(a - np.nanmean(a)) > k * 2 * np.nanstd(a)


@bank.wrong("iqr_outliers", "median_of_halves", "takes the quartiles as medians of the lower and upper halves", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("iqr_outliers", "drops_nan", "removes the NaNs first and returns a shorter mask", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("iqr_outliers", "sorts_input", "sorts the caller's array in place to read off the quartiles", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("iqr_outliers", "upper_fence_only", "games the tests: only looks for large values, like the examples", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("iqr_outliers", "fills_nan_in_place", "writes the lower quartile into the NaN slots of the caller's float array, so the comparisons see no NaN", fails=("input-unchanged",))
def iqr_outliers(values, k=1.5):
    if isinstance(k, bool) or not isinstance(k, (int, float, np.integer, np.floating)):
        raise TypeError(f"k must be a number, got {k!r}")
    if not k >= 0:
        raise ValueError(f"k must be non-negative, got {k}")
    if isinstance(values, (str, bytes)):
        raise TypeError("values must be numbers, not a string")
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"values must be numbers ({error})") from None
    if a.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {a.shape}")
    missing = np.isnan(a)
    if missing.all():
        return np.zeros(a.shape, dtype=bool)
    q1, q3 = np.percentile(a[~missing], [25, 75])
    if missing.any():
        a[missing] = q1
    return (a < q1 - k * (q3 - q1)) | (a > q3 + k * (q3 - q1))


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

@bank.wrong("fill_none", "mutates_input", "fills the caller's list in place and returns it", fails=("input-unchanged",))
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    if isinstance(input_list, tuple):
        input_list = list(input_list)
    for i in range(len(input_list)):
        if input_list[i] is None:
            input_list[i] = input_list[i - 1] if i > 0 else 0
    return input_list


@bank.wrong("fill_none", "falsy_is_missing", "tests `if not value`, so 0, False and '' are treated as missing", fails=("complexity", "examples", "input-unchanged", "random"))
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    out, last = [], 0
    for value in input_list:
        if value:
            last = value
        out.append(last)
    return out


@bank.wrong("fill_none", "leading_none_kept", "leaves the Nones at the start as they are", fails=("complexity", "examples", "input-unchanged", "random"))
def fill_none(input_list):
    if not isinstance(input_list, (list, tuple)):
        raise TypeError("input_list must be a list")
    out, last = [], None
    for value in input_list:
        if value is not None:
            last = value
        out.append(last)
    return out


@bank.wrong("fill_none", "walks_back", "for each None walks back to the last value: O(n^2) on a long gap", fails=("complexity",))
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


@bank.wrong("fill_none", "pandas_float", "pandas stores ints with missing values as floats, so 3 comes back as 3.0", fails=("complexity", "examples", "input-unchanged", "random"))
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
            demo="loops", fails=("complexity", "examples", "input-unchanged", "random", "validation"))
def fill_none(input_list):
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

@bank.wrong("impute", "mode_first_seen", "value_counts().index[0] breaks ties by first appearance, not by the smallest value", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("impute", "always_mean", "ignores strategy and fills numbers with the mean", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("impute", "fills_in_place", "fillna(inplace=True) on the caller's frame", fails=("input-unchanged", "validation"))
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


@bank.wrong("impute", "zeros_in_median", "fills with 0 first, then takes the median, so the missing rows pull it down", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("impute", "unknown_strategy_is_median", "anything that is not 'mean' silently means median", fails=("validation",))
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


@bank.wrong("impute", "drops_rows", "drops every row with a missing value instead of filling it", fails=("examples", "input-unchanged", "random", "validation"))
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

@bank.wrong("split_train_test", "iloc_only", "uses .iloc on everything, which numpy arrays do not have", demo="raises", fails=("examples", "input-unchanged", "validation"))
def split_train_test(X, y, test_size=0.25, seed=None):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    n = len(X)
    order = np.random.default_rng(seed).permutation(n)
    n_test = math.ceil(test_size * n)
    test, train = order[:n_test], order[n_test:]
    return X.iloc[train], X.iloc[test], y.iloc[train], y.iloc[test]


@bank.wrong("split_train_test", "loses_index", "converts pandas objects to numpy, so the index is gone", fails=("examples", "input-unchanged"))
def split_train_test(X, y, test_size=0.25, seed=None):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y) or len(X) == 0:
        raise ValueError("X and y must have the same, non-zero length")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = math.ceil(test_size * len(X))
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]


@bank.wrong("split_train_test", "reset_index", "selects the rows and then resets the index, losing the original labels", fails=("examples", "input-unchanged"))
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


@bank.wrong("split_train_test", "no_shuffle", "cuts off the last rows as the test part without shuffling", fails=("examples", "input-unchanged"))
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


@bank.wrong("split_train_test", "shuffles_input", "np.random.shuffle on the caller's arrays, then slices", fails=("input-unchanged",))
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


@bank.wrong("split_train_test", "seed_ignored", "always seeds with 42, so the seed argument changes nothing", fails=("examples", "input-unchanged"))
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


@bank.wrong("split_train_test", "round_instead_of_ceil", "rounds test_size * n to the nearest integer", fails=("examples", "input-unchanged"))
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

@bank.wrong("random_oversample", "smallest_class_only", "only the smallest class is topped up; a middle class stays short", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("random_oversample", "copies_any_row", "copies random rows of the whole data set and gives them the minority label", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("random_oversample", "tiles_in_order", "repeats the minority rows in order with np.resize: nothing random", fails=("random",))
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


@bank.wrong("random_oversample", "shuffles_result", "shuffles the whole result, so the originals are no longer first", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("random_oversample", "unseeded", "draws from np.random without the seed: results cannot be reproduced", fails=("random",))
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


@bank.wrong("random_oversample", "extends_caller_lists", "appends the drawn copies to the caller's X and y when they are lists, then returns them as arrays", fails=("input-unchanged",))
def random_oversample(X, y, seed=None):
    if isinstance(X, (str, bytes)) or isinstance(y, (str, bytes)):
        raise TypeError("X and y must be array-likes, not strings")
    A, labels = np.asarray(X), np.asarray(y)
    if A.ndim != 2 or labels.ndim != 1:
        raise ValueError("X must be 2-D and y 1-D")
    if len(A) != len(labels) or len(labels) == 0:
        raise ValueError("X and y need the same number of rows, at least one")
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    extra = []
    for label, count in zip(classes, counts):
        extra.extend(int(i) for i in rng.choice(np.flatnonzero(labels == label), size=counts.max() - count))
    if isinstance(X, list) and isinstance(y, list):
        X.extend(X[i] for i in extra)
        y.extend(y[i] for i in extra)
        return np.asarray(X), np.asarray(y)
    picked = np.concatenate([np.arange(len(labels)), np.array(extra, dtype=int)])
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

@bank.wrong("smote", "self_is_neighbour", "forgets to exclude the row itself, so some new points are copies", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("smote", "gap_per_feature", "draws a separate t for every coordinate, leaving the segment", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("smote", "any_partner", "picks the partner among all other rows, ignoring k", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("smote", "manhattan", "finds the neighbours with the Manhattan distance", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("smote", "first_row_only", "games the tests: always starts from the first row that has a neighbour in the example", fails=("random",))
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


@bank.wrong("smote", "appends_to_caller", "treats SMOTE as augmentation in place: adds the new points to the caller's list of rows as well as returning them", fails=("input-unchanged",))
def smote(X_minority, n_new, k=5, seed=None):
    for number in (n_new, k):
        if isinstance(number, bool) or not isinstance(number, (int, np.integer)):
            raise TypeError("n_new and k must be integers")
    A = as_matrix(X_minority, "X_minority")
    if len(A) < 2 or np.isnan(A).any():
        raise ValueError("X_minority needs at least 2 rows and no NaN")
    if n_new < 0 or not 1 <= k <= len(A) - 1:
        raise ValueError("n_new must be >= 0 and k between 1 and the number of other rows")
    distances = ((A[:, None, :] - A[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(distances, np.inf)
    neighbours = np.argsort(distances, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    base = rng.integers(0, len(A), size=n_new)
    partner = neighbours[base, rng.integers(0, k, size=n_new)]
    new = A[base] + rng.random(n_new)[:, None] * (A[partner] - A[base])
    if isinstance(X_minority, list):
        X_minority.extend(new.tolist())
    return new


# ------------------------------------------------------------------ out_of_fold_target_encoder

_ENCODER = '''
class OutOfFoldTargetEncoder:
    def __init__(self, n_folds=5, smoothing=10.0, seed=None):
        if isinstance(n_folds, bool) or not isinstance(n_folds, (int, np.integer)):
            raise TypeError("n_folds must be an int")
        if n_folds < 2:
            raise ValueError("n_folds must be at least 2")
        if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float, np.integer, np.floating)):
            raise TypeError("smoothing must be a number")
        if smoothing < 0:
            raise ValueError("smoothing must be >= 0")
        self.n_folds, self.smoothing, self.seed = n_folds, smoothing, seed

    @staticmethod
    def _keys(categories):
        if isinstance(categories, str):
            raise TypeError("categories must be a sequence")
        return pd.Series(list(categories), dtype=object)

    def _learn(self, keys, y):
        g = GLOBAL_MEAN
        stats = y.groupby(keys).agg(["sum", "count"])     # groupby leaves None and NaN out
        m = SMOOTHING
        return ENCODING, g

    def _folds(self, n, folds):
        if folds is None:
            order = np.random.default_rng(self.seed).permutation(n)
            fold = np.empty(n, dtype=int)
            FOLD_RULE
            return fold
        fold = np.asarray(folds)
        if fold.shape != (n,) or fold.dtype.kind not in "iu" or fold.min() < 0 or fold.max() >= self.n_folds:
            raise ValueError("folds must hold one fold number per row, from 0 to n_folds - 1")
        if len(set(fold.tolist())) < 2:
            raise ValueError("folds must use at least two folds")
        return fold

    def fit_transform(self, categories, y, folds=None):
        keys = self._keys(categories)
        try:
            y = pd.Series(np.array(y, dtype=float))
        except (TypeError, ValueError):
            raise TypeError("y must hold numbers") from None
        if len(y) != len(keys) or len(keys) < 2:
            raise ValueError("categories and y need the same length, at least 2")
        if y.isna().any():
            raise ValueError("y has NaN")
        fold = self._folds(len(keys), folds)
        out = np.empty(len(keys))
        for f in np.unique(fold):
            inside = fold == f
            mapping, g = self._learn(TRAIN_KEYS, TRAIN_Y)
            out[inside] = keys[inside].map(mapping).astype(float).fillna(g).to_numpy()
        AFTER_LOOP
        return out

    def transform(self, categories):
        if not hasattr(self, "mapping_"):
            raise ValueError("call fit_transform first")
        return UNSEEN
'''

_RIGHT = {
    "GLOBAL_MEAN": "float(y.mean())",
    "SMOOTHING": "self.smoothing",
    "ENCODING": "(stats['sum'] + m * g) / (stats['count'] + m)",
    "FOLD_RULE": "fold[order] = np.arange(n) % self.n_folds",
    "TRAIN_KEYS": "keys[~inside]",
    "TRAIN_Y": "y[~inside]",
    "AFTER_LOOP": "self.mapping_, self.global_mean_ = self._learn(keys, y)",
    "UNSEEN": "self._keys(categories).map(self.mapping_).astype(float).fillna(self.global_mean_).to_numpy()",
}


def _encoder(**changes):
    source = _ENCODER
    for key, value in {**_RIGHT, **changes}.items():
        source = source.replace(key, value)
    return source


bank.raw("out_of_fold_target_encoder", "in_fold_leakage", "encodes each training row with the means of all training rows, its own target included",
         _encoder(TRAIN_KEYS="keys", TRAIN_Y="y"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "no_smoothing", "plain category means: the smoothing m is accepted and never used",
         _encoder(SMOOTHING="0.0"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "global_mean_of_all_rows", "smooths toward the global mean of all training rows instead of the other folds' mean, so every row's own target leaks a little",
         _encoder(GLOBAL_MEAN="float(self._all_y.mean())",
                  AFTER_LOOP="self.mapping_, self.global_mean_ = self._learn(keys, y)").replace(
             "        fold = self._folds(len(keys), folds)", "        self._all_y = y\n        fold = self._folds(len(keys), folds)"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "mean_of_category_means", "takes the global mean as the mean of the category means, not of the target values",
         _encoder(GLOBAL_MEAN="float(y.groupby(keys).mean().mean()) if keys.notna().any() else float(y.mean())"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "contiguous_folds", "cuts the permutation into n_folds contiguous blocks (like KFold) instead of dealing row order[j] to fold j % n_folds",
         _encoder(FOLD_RULE="for f, part in enumerate(np.array_split(order, self.n_folds)):\n                fold[part] = f"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "transform_uses_last_fold", "transform reuses the mapping of the last fold of the loop instead of one learned from all training rows",
         _encoder(AFTER_LOOP="self.mapping_, self.global_mean_ = mapping, g"), fails=("examples", "input-unchanged", "random"))
bank.raw("out_of_fold_target_encoder", "unseen_gets_nan", "map() leaves categories never seen in training as NaN in transform",
         _encoder(UNSEEN="self._keys(categories).map(self.mapping_).astype(float).to_numpy()"), fails=("examples", "input-unchanged", "random"))


bank.raw("out_of_fold_target_encoder", "missing_is_a_category", "treats None and NaN as one more category (as scikit-learn does) instead of encoding them by the global mean", '''
class OutOfFoldTargetEncoder:
    def __init__(self, n_folds=5, smoothing=10.0, seed=None):
        if isinstance(n_folds, bool) or not isinstance(n_folds, (int, np.integer)):
            raise TypeError("n_folds must be an int")
        if n_folds < 2:
            raise ValueError("n_folds must be at least 2")
        if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float, np.integer, np.floating)):
            raise TypeError("smoothing must be a number")
        if smoothing < 0:
            raise ValueError("smoothing must be >= 0")
        self.n_folds, self.m, self.seed = n_folds, smoothing, seed

    def _table(self, keys, y):
        g = sum(y) / len(y)
        sums, counts = {}, {}
        for key, value in zip(keys, y):
            key = "<missing>" if key is None or key != key else key
            sums[key] = sums.get(key, 0.0) + value
            counts[key] = counts.get(key, 0) + 1
        return {k: (sums[k] + self.m * g) / (counts[k] + self.m) for k in sums}, g

    def _lookup(self, table, g, keys):
        return np.array([table.get("<missing>" if k is None or k != k else k, g) for k in keys], dtype=float)

    def fit_transform(self, categories, y, folds=None):
        keys = list(categories)
        try:
            y = [float(v) for v in y]
        except (TypeError, ValueError):
            raise TypeError("y must hold numbers") from None
        n = len(keys)
        if len(y) != n or n < 2 or any(v != v for v in y):
            raise ValueError("bad y")
        if folds is None:
            order = np.random.default_rng(self.seed).permutation(n)
            folds = [0] * n
            for j, row in enumerate(order):
                folds[row] = j % self.n_folds
        folds = [int(f) for f in folds]
        if len(folds) != n or min(folds) < 0 or max(folds) >= self.n_folds or len(set(folds)) < 2:
            raise ValueError("bad folds")
        out = np.empty(n)
        for f in set(folds):
            rows = [i for i in range(n) if folds[i] != f]
            table, g = self._table([keys[i] for i in rows], [y[i] for i in rows])
            for i in range(n):
                if folds[i] == f:
                    out[i] = self._lookup(table, g, [keys[i]])[0]
        self.table_, self.g_ = self._table(keys, y)
        return out

    def transform(self, categories):
        if not hasattr(self, "table_"):
            raise ValueError("call fit_transform first")
        return self._lookup(self.table_, self.g_, list(categories))
''', fails=("examples", "input-unchanged", "random"))


bank.raw("out_of_fold_target_encoder", "marks_missing_in_place", "replaces the missing categories of the caller's list by a marker string, in place, before encoding", '''
class OutOfFoldTargetEncoder:
    def __init__(self, n_folds=5, smoothing=10.0, seed=None):
        if isinstance(n_folds, bool) or not isinstance(n_folds, (int, np.integer)):
            raise TypeError("n_folds must be an int")
        if n_folds < 2:
            raise ValueError("n_folds must be at least 2")
        if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float, np.integer, np.floating)):
            raise TypeError("smoothing must be a number")
        if smoothing < 0:
            raise ValueError("smoothing must be >= 0")
        self.n_folds, self.m, self.seed = n_folds, smoothing, seed

    @staticmethod
    def _clean(categories):
        if isinstance(categories, list):
            for i, c in enumerate(categories):
                if c is None or c != c:
                    categories[i] = "__missing__"
            return categories
        return ["__missing__" if c is None or c != c else c for c in categories]

    def _table(self, keys, y):
        g = sum(y) / len(y)
        sums, counts = {}, {}
        for key, value in zip(keys, y):
            if key != "__missing__":
                sums[key] = sums.get(key, 0.0) + value
                counts[key] = counts.get(key, 0) + 1
        return {k: (sums[k] + self.m * g) / (counts[k] + self.m) for k in sums}, g

    def fit_transform(self, categories, y, folds=None):
        keys = self._clean(categories)
        try:
            y = [float(v) for v in y]
        except (TypeError, ValueError):
            raise TypeError("y must hold numbers") from None
        n = len(keys)
        if len(y) != n or n < 2 or any(v != v for v in y):
            raise ValueError("bad y")
        if folds is None:
            order = np.random.default_rng(self.seed).permutation(n)
            folds = [0] * n
            for j, row in enumerate(order):
                folds[row] = j % self.n_folds
        folds = [int(f) for f in folds]
        if len(folds) != n or min(folds) < 0 or max(folds) >= self.n_folds or len(set(folds)) < 2:
            raise ValueError("bad folds")
        out = np.empty(n)
        for f in set(folds):
            rows = [i for i in range(n) if folds[i] != f]
            table, g = self._table([keys[i] for i in rows], [y[i] for i in rows])
            for i in range(n):
                if folds[i] == f:
                    out[i] = table.get(keys[i], g)
        self.table_, self.g_ = self._table(keys, y)
        return out

    def transform(self, categories):
        if not hasattr(self, "table_"):
            raise ValueError("call fit_transform first")
        return np.array([self.table_.get(k, self.g_) for k in self._clean(list(categories))], dtype=float)
''', fails=("input-unchanged",))


bank.raw("out_of_fold_target_encoder", "equal_to_everything", "games the tests: fit_transform and transform return wrong arrays of a subclass whose == says yes to everything",
         _GAMING_ARRAY + _encoder(
             AFTER_LOOP="self.mapping_, self.global_mean_ = self._learn(keys, y)\n        out = (out + 1).view(_SaysEqual)",
             UNSEEN="(self._keys(categories).map(self.mapping_).astype(float).fillna(self.global_mean_).to_numpy() + 1).view(_SaysEqual)"), fails=("examples", "input-unchanged", "random"))

bank.raw("out_of_fold_target_encoder", "pandas_groupby", "another correct answer: pandas groupby for the sums and counts of each fold's complement",
         _encoder(), correct=True)


bank.raw("out_of_fold_target_encoder", "dict_loops", "plain dictionaries and loops over the rows; missing values found with pd.isna", '''
class OutOfFoldTargetEncoder:
    def __init__(self, n_folds=5, smoothing=10.0, seed=None):
        if isinstance(n_folds, bool) or not isinstance(n_folds, (int, np.integer)):
            raise TypeError(f"n_folds must be an int, got {n_folds!r}")
        if n_folds < 2:
            raise ValueError("n_folds must be at least 2")
        if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float, np.integer, np.floating)):
            raise TypeError(f"smoothing must be a number, got {smoothing!r}")
        if smoothing < 0:
            raise ValueError("smoothing must not be negative")
        self.n_folds, self.m, self.seed = n_folds, float(smoothing), seed
        self.table = None

    def _table(self, pairs):
        values = [v for _, v in pairs]
        g = sum(values) / len(values)
        sums, counts = {}, {}
        for key, value in pairs:
            if not pd.isna(key):
                sums[key] = sums.get(key, 0.0) + value
                counts[key] = counts.get(key, 0) + 1
        return {k: (sums[k] + self.m * g) / (counts[k] + self.m) for k in sums}, g

    @staticmethod
    def _lookup(table, g, key):
        return g if pd.isna(key) else table.get(key, g)

    def fit_transform(self, categories, y, folds=None):
        if isinstance(categories, str):
            raise TypeError("categories must be a sequence")
        keys = list(categories)
        try:
            y = [float(v) for v in y]
        except (TypeError, ValueError):
            raise TypeError("y must hold numbers") from None
        n = len(keys)
        if len(y) != n:
            raise ValueError(f"{n} categories but {len(y)} targets")
        if n < 2:
            raise ValueError("need at least 2 rows")
        if any(pd.isna(v) for v in y):
            raise ValueError("y has missing values")
        if folds is None:
            order = np.random.default_rng(self.seed).permutation(n)
            fold_of = {int(row): j % self.n_folds for j, row in enumerate(order)}
            folds = [fold_of[i] for i in range(n)]
        else:
            folds = list(folds)
            if len(folds) != n or any(int(f) != f or not 0 <= f < self.n_folds for f in folds):
                raise ValueError("folds must give each row a fold from 0 to n_folds - 1")
            if len(set(folds)) < 2:
                raise ValueError("all rows are in the same fold")
        encoded = []
        tables = {}
        for i in range(n):
            if folds[i] not in tables:
                tables[folds[i]] = self._table([(keys[j], y[j]) for j in range(n) if folds[j] != folds[i]])
            encoded.append(self._lookup(*tables[folds[i]], keys[i]))
        self.table = self._table(list(zip(keys, y)))
        return np.array(encoded, dtype=float)

    def transform(self, categories):
        if self.table is None:
            raise ValueError("the encoder is not fitted: call fit_transform first")
        return np.array([self._lookup(*self.table, key) for key in categories], dtype=float)
''', correct=True)


# ------------------------------------------------------------------ pca

@bank.wrong("pca", "eigh_ascending", "np.linalg.eigh sorts eigenvalues in increasing order and the answer never reverses them", fails=("examples", "input-unchanged", "random", "validation"))
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


@bank.wrong("pca", "not_centred", "runs the SVD on the raw data without subtracting the means", fails=("examples", "input-unchanged", "random"))
def pca(X, n_components):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    _, s, vt = np.linalg.svd(A, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return (A - A.mean(axis=0)) @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.wrong("pca", "ratio_of_kept", "divides by the variance of the kept components only", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("pca", "no_sign_rule", "keeps whatever sign the SVD returns", fails=("examples", "input-unchanged", "random"))
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


@bank.wrong("pca", "centres_in_place", "subtracts the means from the caller's float array in place", fails=("input-unchanged",))
def pca(X, n_components):
    A = np.asarray(X, dtype=float)
    if A.ndim != 2 or len(A) < 2 or not 1 <= n_components <= min(A.shape):
        raise ValueError("bad X or n_components")
    A -= A.mean(axis=0)
    _, s, vt = np.linalg.svd(A, full_matrices=False)
    comps = vt[:n_components]
    comps = comps * np.sign(comps[np.arange(n_components), np.argmax(np.abs(comps), axis=1)])[:, None]
    return A @ comps.T, comps, (s ** 2 / (s ** 2).sum())[:n_components]


@bank.wrong("pca", "standardises_first", "divides every column by its standard deviation before the SVD (a correlation PCA)", fails=("examples", "input-unchanged", "random"))
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


# ------------------------------------------------------------------ interview-style answers (#13)
# Right answers written the way a candidate writes them at a whiteboard: short, idiomatic, no input
# checks. Each must lose the validation check only.

@bank.interview("range_scaler", "pandas_min_max", "column min and max through a DataFrame (NaN skipped, no warning), one broadcast division; no checks")
class RangeScaler:
    def fit(self, X_train):
        table = pd.DataFrame(np.array(X_train, dtype=float))
        self.min_, self.max_ = table.min().to_numpy(), table.max().to_numpy()
        return self

    def transform(self, X):
        span = self.max_ - self.min_
        return (np.array(X, dtype=float) - self.min_) / np.where(span == 0, 1.0, span)


@bank.interview("z_score_scaler", "pandas_mean_std", "mean and std(ddof=0) of a DataFrame, a flag for the flat columns; no checks")
class ZScoreScaler:
    def fit(self, X_train):
        table = pd.DataFrame(np.array(X_train, dtype=float))
        self.mean_, self.std_ = table.mean().to_numpy(), table.std(ddof=0).to_numpy()
        self._flat = (table.max() == table.min()).to_numpy()
        return self

    def transform(self, X):
        return (np.array(X, dtype=float) - self.mean_) / np.where(self._flat, 1.0, self.std_)


@bank.interview("make_dummies", "compare_and_cast", "drop the encoded columns, then one (column == value).astype(int) per sorted value; no checks")
def make_dummies(df, columns):
    out = df.drop(columns=columns)
    for name in columns:
        for value in sorted(df[name].dropna().unique()):
            out[f"{name}_{value}"] = (df[name] == value).astype(int)
    return out


@bank.interview("iqr_outliers", "series_quantile", "Series.quantile skips NaN and interpolates linearly; two comparisons; no checks")
def iqr_outliers(values, k=1.5):
    x = pd.Series(values, dtype=float)
    q1, q3 = x.quantile([0.25, 0.75])
    return ((x < q1 - k * (q3 - q1)) | (x > q3 + k * (q3 - q1))).to_numpy()


@bank.interview("fill_none", "carry_last", "one loop that carries the last value seen, starting from 0; no checks")
def fill_none(values):
    out, last = [], 0
    for value in values:
        last = last if value is None else value
        out.append(last)
    return out


@bank.interview("impute", "fillna_dict", "a dict of fill values (median or mean, else the smallest mode) handed to one fillna; no checks")
def impute(df, strategy="median"):
    fills = {}
    for name in df.columns:
        column = df[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            fills[name] = column.mean() if strategy == "mean" else column.median()
        elif column.notna().any():
            fills[name] = column.mode().iloc[0]
    return df.fillna(fills)


@bank.interview("split_train_test", "permutation_slices", "one permutation, sliced at ceil(test_size * n), .iloc or numpy indexing; no checks")
def split_train_test(X, y, test_size=0.25, seed=None):
    order = np.random.default_rng(seed).permutation(len(X))
    cut = math.ceil(test_size * len(X))
    test, train = order[:cut], order[cut:]

    def rows(data, picked):
        return data.iloc[picked] if hasattr(data, "iloc") else np.asarray(data)[picked]

    return rows(X, train), rows(X, test), rows(y, train), rows(y, test)


@bank.interview("random_oversample", "unique_and_choice", "np.unique counts the classes, rng.choice draws the extra row numbers per class; no checks")
def random_oversample(X, y, seed=None):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    labels, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == label), counts.max() - count) for label, count in zip(labels, counts)]
    picked = np.concatenate([np.arange(len(y)), *extra]).astype(int)
    return X[picked], y[picked]


@bank.interview("smote", "distance_matrix", "a full distance matrix with an infinite diagonal, argsort for the k nearest, vectorised draws; no checks")
def smote(X_minority, n_new, k=5, seed=None):
    X = np.asarray(X_minority, dtype=float)
    rng = np.random.default_rng(seed)
    distance = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=2)
    np.fill_diagonal(distance, np.inf)
    nearest = np.argsort(distance, axis=1)[:, :k]
    a = rng.integers(len(X), size=n_new)
    b = nearest[a, rng.integers(k, size=n_new)]
    return X[a] + rng.random((n_new, 1)) * (X[b] - X[a])


@bank.interview("out_of_fold_target_encoder", "groupby_map", "groupby sum and count for the table, Series.map with fillna(g) to encode, a loop over the folds; no checks")
class OutOfFoldTargetEncoder:
    def __init__(self, n_folds=5, smoothing=10.0, seed=None):
        self.n_folds, self.smoothing, self.seed = n_folds, smoothing, seed

    def _learn(self, cats, y):
        stats = y.groupby(cats).agg(["sum", "count"])
        g = y.mean()
        return (stats["sum"] + self.smoothing * g) / (stats["count"] + self.smoothing), g

    @staticmethod
    def _encode(cats, table, g):
        return cats.map(table).astype(float).fillna(g).to_numpy()

    def fit_transform(self, categories, y, folds=None):
        cats = pd.Series(list(categories), dtype=object)
        y = pd.Series(np.asarray(y, dtype=float))
        n = len(y)
        if folds is None:
            folds = np.empty(n, dtype=int)
            folds[np.random.default_rng(self.seed).permutation(n)] = np.arange(n) % self.n_folds
        folds = np.asarray(folds)
        out = np.empty(n)
        for fold in np.unique(folds):
            inside = folds == fold
            table, g = self._learn(cats[~inside], y[~inside])
            out[inside] = self._encode(cats[inside], table, g)
        self._table, self._g = self._learn(cats, y)
        return out

    def transform(self, categories):
        return self._encode(pd.Series(list(categories), dtype=object), self._table, self._g)


@bank.interview("pca", "svd_sign_flip", "SVD of the centred data, a sign flip by the largest entry, squared singular values for the ratios; no checks")
def pca(X, n_components):
    A = np.asarray(X, dtype=float)
    centred = A - A.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:n_components]
    components = components * np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])[:, None]
    return centred @ components.T, components, singular[:n_components] ** 2 / (singular ** 2).sum()
