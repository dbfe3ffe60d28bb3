"""The reference answers of source/pandas_tasks agree with pandas and scipy on real data."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from harness import reference_namespace
from utils.datasets import penguins, seattle_weather


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("pandas_tasks")


@pytest.fixture(scope="module")
def weather():
    return seattle_weather()


@pytest.fixture(scope="module")
def birds():
    return penguins()


# ------------------------------------------------------------------ median_rainfall

def test_median_rainfall_equals_pandas_on_seattle(ref, weather):
    frame = weather.rename(columns={"date": "day", "precipitation": "rainfall"})
    for year, part in [("all", frame)] + list(frame.groupby(frame["day"].dt.year)):
        direct = part.loc[part["rainfall"] > 0, "rainfall"].median()
        got = ref["median_rainfall"](part)
        assert math.isclose(got, direct), f"Seattle {year}: median_rainfall gave {got}, pandas gives {direct}"


def test_median_rainfall_differs_from_the_all_days_median(ref, weather):
    frame = weather.rename(columns={"date": "day", "precipitation": "rainfall"})
    assert frame["rainfall"].median() == 0.0
    assert ref["median_rainfall"](frame) == pytest.approx(3.8)


def test_median_rainfall_with_missing_days_equals_numpy(ref, weather):
    frame = weather.rename(columns={"date": "day", "precipitation": "rainfall"})
    rng = np.random.default_rng(0)
    frame.loc[rng.random(len(frame)) < 0.2, "rainfall"] = np.nan
    values = frame["rainfall"].to_numpy()
    direct = float(np.median(values[values > 0]))
    assert ref["median_rainfall"](frame) == pytest.approx(direct, rel=1e-12)


# ------------------------------------------------------------------ cheese_median

def test_cheese_median_equals_fillna_and_simple_imputer(ref, birds):
    from sklearn.impute import SimpleImputer

    cheeses = birds.rename(columns={"species": "Name", "body_mass_g": "Price"})
    before = cheeses.copy()
    got = ref["cheese_median"](cheeses)
    direct = cheeses.assign(Price=cheeses["Price"].fillna(cheeses["Price"].median()))
    pd.testing.assert_frame_equal(got, direct)
    imputed = SimpleImputer(strategy="median").fit_transform(cheeses[["Price"]]).ravel()
    np.testing.assert_allclose(got["Price"].to_numpy(), imputed)
    pd.testing.assert_frame_equal(cheeses, before)  # the caller's frame is untouched


# ------------------------------------------------------------------ grades_colors

def test_grades_colors_equals_query(ref):
    rng = np.random.default_rng(1)
    n = 5000
    students = pd.DataFrame({"name": [f"s{k}" for k in range(n)], "age": rng.integers(17, 30, n),
                             "favorite_color": rng.choice(["green", "red", "blue", "Red", None], n),
                             "grade": rng.integers(50, 101, n)}, index=rng.permutation(n) * 7)
    got = ref["grades_colors"](students)
    direct = students.query("favorite_color in ('green', 'red') and grade > 90")
    pd.testing.assert_frame_equal(got, direct)
    assert (got["grade"] > 90).all() and set(got["favorite_color"]) <= {"green", "red"}


# ------------------------------------------------------------------ t_value

@pytest.mark.parametrize("column,mu_0", [("temp_max", 15), ("temp_min", 8.0), ("wind", 3.0), ("precipitation", 3.0)])
def test_t_value_equals_scipy_on_seattle(ref, weather, column, mu_0):
    got = ref["t_value"](weather.rename(columns={column: "var"}), mu_0)
    expected = stats.ttest_1samp(weather[column], mu_0).statistic
    assert got == pytest.approx(float(expected), rel=1e-10)


@pytest.mark.parametrize("column", ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"])
def test_t_value_equals_scipy_with_missing_values(ref, birds, column):
    mu_0 = float(birds[column].mean()) * 1.01
    got = ref["t_value"](birds.rename(columns={column: "var"}), mu_0)
    expected = stats.ttest_1samp(birds[column], mu_0, nan_policy="omit").statistic
    assert got == pytest.approx(float(expected), rel=1e-10)


def test_t_value_undefined_cases_raise(ref):
    with pytest.raises(ValueError):
        ref["t_value"](pd.DataFrame({"var": [2.0, 2.0, np.nan]}), 1.0)
    with pytest.raises(ValueError):
        ref["t_value"](pd.DataFrame({"var": [np.nan, 1.0]}), 1.0)
    with pytest.raises(TypeError):
        ref["t_value"](pd.DataFrame({"var": [1.0, 2.0]}), True)


# ------------------------------------------------------------------ missing_report

def test_missing_report_equals_isna_on_penguins(ref, birds):
    got = ref["missing_report"](birds)
    counts = birds.isna().sum()
    assert list(got.columns) == ["missing", "fraction"]
    assert sorted(got.index) == sorted(birds.columns)
    for column in birds.columns:
        assert got.loc[column, "missing"] == counts[column]
        assert got.loc[column, "fraction"] == pytest.approx(birds[column].isna().mean())
    # largest first, ties in the frame's column order
    order = sorted(birds.columns, key=lambda c: (-counts[c], list(birds.columns).index(c)))
    assert list(got.index) == order


def test_missing_report_on_seattle_has_no_gaps(ref, weather):
    got = ref["missing_report"](weather)
    assert list(got.index) == list(weather.columns)
    assert (got["missing"] == 0).all() and (got["fraction"] == 0).all()


def test_missing_report_ties_keep_column_order(ref):
    frame = pd.DataFrame(np.where(np.arange(4 * 30).reshape(4, 30) % 4 == 0, np.nan, 1.0),
                         columns=[f"c{k}" for k in range(29, -1, -1)])
    got = ref["missing_report"](frame)
    expected = frame.isna().sum().sort_values(ascending=False, kind="stable")
    assert list(got.index) == list(expected.index)
