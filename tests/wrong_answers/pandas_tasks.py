"""Planted answers for source/pandas_tasks: mistakes students really make, and other correct ways.

The answers run after the notebook's reference cells, so ``np``, ``pd``, ``math`` and the
reference helper ``check_frame`` exist; several answers write their own checks instead.
"""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import numpy as np
import pandas as pd

from . import Bank

bank = Bank("pandas_tasks")

# ------------------------------------------------------------------ median_rainfall

@bank.wrong("median_rainfall", "all_days", "takes the median over every day, dry days included",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    return float(df_rain["rainfall"].median())


@bank.wrong("median_rainfall", "nan_is_rain", "keeps every day that is not 0, so NaN counts as rain and numpy's median turns nan",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    rain = df_rain["rainfall"].to_numpy()
    rainy = rain[rain != 0]
    if rainy.size == 0:
        return float("nan")
    return float(np.median(rainy))


@bank.wrong("median_rainfall", "mean_not_median", "averages the rainy days instead of taking their median",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    rain = df_rain["rainfall"]
    return float(rain[rain > 0].mean())


@bank.wrong("median_rainfall", "upper_middle", "sorts the rainy days and takes the element at n // 2: wrong for an even count",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    rainy = sorted(df_rain.loc[df_rain["rainfall"] > 0, "rainfall"])
    if not rainy:
        return float("nan")
    return float(rainy[len(rainy) // 2])


@bank.wrong("median_rainfall", "zero_when_dry", "returns 0.0 instead of nan when it never rained",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    rainy = df_rain.loc[df_rain["rainfall"] > 0, "rainfall"]
    if rainy.empty:
        return 0.0
    return float(rainy.median())


@bank.wrong("median_rainfall", "no_validation", "never checks the input: a missing column raises KeyError",
            fails=("validation",))
def median_rainfall(df_rain):
    rainy = df_rain[df_rain["rainfall"] > 0]
    return float(rainy["rainfall"].median())


@bank.wrong("median_rainfall", "memorised_examples", "games the tests: answers the statement's and Seattle's numbers from a table",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    if len(df_rain) == 1461:
        return 3.8
    if len(df_rain) == 365:
        return 2.65
    if len(df_rain) == 7:
        return 3.0
    rain = df_rain["rainfall"]
    return float(rain[rain > 0].mean())


@bank.wrong("median_rainfall", "iterrows", "collects the rainy days with a loop over df.iterrows(): correct but about ten seconds on 10^6 rows",
            fails=("complexity",))
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    rainy = []
    for _, row in df_rain.iterrows():
        if row["rainfall"] > 0:
            rainy.append(row["rainfall"])
    if not rainy:
        return float("nan")
    return float(np.median(rainy))


@bank.correct("median_rainfall", "numpy", "numpy's median over the positive values (NaN > 0 is False)")
def median_rainfall(df_rain):
    if not isinstance(df_rain, pd.DataFrame):
        raise TypeError(f"df_rain must be a DataFrame, not {type(df_rain).__name__}")
    for name in ("day", "rainfall"):
        if name not in df_rain:
            raise ValueError(f"column {name} is missing")
    if not pd.api.types.is_numeric_dtype(df_rain["rainfall"]):
        raise TypeError(f"rainfall has dtype {df_rain['rainfall'].dtype}, not a number")
    rain = df_rain["rainfall"].to_numpy(dtype=float)
    rainy = rain[rain > 0]
    return float(np.median(rainy)) if rainy.size else float("nan")


@bank.correct("median_rainfall", "query", "DataFrame.query and a quantile of one half")
def median_rainfall(df_rain):
    check_frame(df_rain, ["day", "rainfall"], numeric=["rainfall"])
    return float(df_rain.query("rainfall > 0")["rainfall"].quantile(0.5))


# ------------------------------------------------------------------ cheese_median

@bank.wrong("cheese_median", "fills_callers_frame", "assigns the filled column into the argument and returns it: the caller's frame changes",
            fails=("input-unchanged",))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    df_cheeses["Price"] = df_cheeses["Price"].fillna(df_cheeses["Price"].median())
    return df_cheeses


@bank.wrong("cheese_median", "inplace_fillna", "fillna(..., inplace=True) on the argument itself",
            fails=("input-unchanged",))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    df_cheeses.fillna({"Price": df_cheeses["Price"].median()}, inplace=True)
    return df_cheeses


@bank.wrong("cheese_median", "mean_price", "fills with the mean price instead of the median",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    out = df_cheeses.copy()
    out["Price"] = out["Price"].fillna(out["Price"].mean())
    return out


@bank.wrong("cheese_median", "zeros_first", "fills the gaps with 0 first and then takes the median, which drags it down",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    out = df_cheeses.copy()
    prices = out["Price"].fillna(0)
    out["Price"] = out["Price"].fillna(prices.median())
    return out


@bank.wrong("cheese_median", "fills_every_column", "df.fillna(median) also writes the price into missing names",
            fails=('complexity', 'examples', 'input-unchanged'))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    return df_cheeses.fillna(df_cheeses["Price"].median())


@bank.wrong("cheese_median", "drops_rows", "drops the cheeses without a price instead of filling them",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    return df_cheeses.dropna(subset=["Price"]).copy()


@bank.wrong("cheese_median", "resets_index", "rebuilds the frame from lists and loses the caller's index",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    prices = df_cheeses["Price"].tolist()
    known = sorted(p for p in prices if not pd.isna(p))
    middle = float(np.median(known)) if known else float("nan")
    out = df_cheeses.reset_index(drop=True)
    out["Price"] = [middle if pd.isna(p) else p for p in prices]
    return out


@bank.wrong("cheese_median", "cell_by_cell", "reads and writes the prices one cell at a time with .at: seconds on 10^6 rows",
            fails=("complexity",))
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    out = df_cheeses.copy()
    middle = out["Price"].median()
    for label in out.index:
        if pd.isna(out.at[label, "Price"]):
            out.at[label, "Price"] = middle
    return out


@bank.correct("cheese_median", "assign_where", "DataFrame.assign and Series.where")
def cheese_median(df_cheeses):
    if not isinstance(df_cheeses, pd.DataFrame):
        raise TypeError(f"need a DataFrame, got {type(df_cheeses)}")
    for column in ("Name", "Price"):
        if column not in df_cheeses.columns:
            raise ValueError(f"missing column: {column}")
    if not pd.api.types.is_numeric_dtype(df_cheeses["Price"]):
        raise TypeError("Price is not numeric")
    price = df_cheeses["Price"]
    return df_cheeses.assign(Price=price.where(price.notna(), price.median()))


@bank.correct("cheese_median", "nanmedian_mask", "numpy nanmedian and a boolean mask on a copy")
def cheese_median(df_cheeses):
    check_frame(df_cheeses, ["Name", "Price"], numeric=["Price"])
    out = df_cheeses.copy()
    holes = out["Price"].isna()
    if holes.any() and not holes.all():
        out.loc[holes, "Price"] = np.nanmedian(out["Price"].to_numpy(dtype=float))
    return out


# ------------------------------------------------------------------ grades_colors

@bank.wrong("grades_colors", "precedence", "green | red & grade: & binds first, so every green student is kept",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    color = df_students["favorite_color"]
    return df_students[(color == "green") | (color == "red") & (df_students["grade"] > 90)]


@bank.wrong("grades_colors", "ninety_included", "grade >= 90 keeps the students with exactly 90", demo="partial",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    liked = df_students["favorite_color"].isin(["green", "red"])
    return df_students[liked & (df_students["grade"] >= 90)]


@bank.wrong("grades_colors", "python_or", "Python's or/and on whole columns: 'the truth value of a Series is ambiguous'",
            fails=("complexity", "examples", "input-unchanged", "random"))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    color = df_students["favorite_color"]
    return df_students[(color == "green" or color == "red") and df_students["grade"] > 90]


@bank.wrong("grades_colors", "ignores_case", "lower-cases the colours, so 'Green' and 'RED' are selected too",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    color = df_students["favorite_color"].str.lower()
    return df_students[color.isin(["green", "red"]) & (df_students["grade"] > 90)]


@bank.wrong("grades_colors", "strips_spaces", "strips the colours, so ' red' and 'green ' count",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    color = df_students["favorite_color"].str.strip()
    return df_students[color.isin(["green", "red"]) & (df_students["grade"] > 90)]


@bank.wrong("grades_colors", "resets_index", "renumbers the selected rows from 0",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    keep = df_students["favorite_color"].isin(["green", "red"]) & (df_students["grade"] > 90)
    return df_students[keep].reset_index(drop=True)


@bank.wrong("grades_colors", "memorised_examples", "games the tests: picks the visible examples' rows by name",
            fails=('complexity', 'examples', 'input-unchanged', 'random'))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    if "name" in df_students:
        known = df_students["name"].isin(["Ana", "Dev", "Fay", "Gus"])
        if known.any():
            return df_students[known]
    return df_students[df_students["favorite_color"].isin(["green", "red"])]


@bank.wrong("grades_colors", "iterrows", "a loop over df.iterrows() that collects labels: about ten seconds on 10^6 rows",
            fails=("complexity",))
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    positions = []
    for position, (_, row) in enumerate(df_students.iterrows()):
        if row["favorite_color"] in ("green", "red") and row["grade"] > 90:
            positions.append(position)
    return df_students.iloc[positions]


@bank.correct("grades_colors", "query", "DataFrame.query with an 'in' list")
def grades_colors(df_students):
    if not isinstance(df_students, pd.DataFrame):
        raise TypeError(f"expected DataFrame, got {type(df_students).__name__}")
    for column in ("favorite_color", "grade"):
        if column not in df_students.columns:
            raise ValueError(f"no {column} column")
    if not pd.api.types.is_numeric_dtype(df_students["grade"]) or df_students["grade"].dtype == bool:
        raise TypeError("grade must be numeric")
    return df_students.query("favorite_color in ['green', 'red'] and grade > 90")


@bank.correct("grades_colors", "two_equalities", "two == joined by | inside parentheses, and .loc")
def grades_colors(df_students):
    check_frame(df_students, ["favorite_color", "grade"], numeric=["grade"])
    color, grade = df_students["favorite_color"], df_students["grade"]
    return df_students.loc[((color == "green") | (color == "red")) & (grade > 90)]


# ------------------------------------------------------------------ t_value

@bank.wrong("t_value", "population_std", "np.std divides by n (ddof=0), not n - 1",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna().to_numpy()
    if len(x) < 2 or x.min() == x.max():
        raise ValueError("t is undefined")
    return float((x.mean() - mu_0) / (np.std(x) / np.sqrt(len(x))))


@bank.wrong("t_value", "attribute_access", "df.var is the DataFrame.var method, not the column: AttributeError every time",
            demo="raises",
            fails=("complexity", "examples", "input-unchanged", "random", "types", "validation"))
def t_value(df, mu_0):
    values = df.var.dropna()
    n = len(values)
    return float((values.mean() - mu_0) / (values.std() / np.sqrt(n)))


@bank.wrong("t_value", "n_counts_missing", "drops NaN for the mean and std but uses len(df), missing rows included, as n",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"]
    if x.count() < 2 or x.min() == x.max():
        raise ValueError("t is undefined")
    return float((x.mean() - mu_0) / (x.std() / np.sqrt(len(df))))


@bank.wrong("t_value", "standard_error_over_n", "divides s by n instead of by the square root of n",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna()
    if len(x) < 2 or x.min() == x.max():
        raise ValueError("t is undefined")
    return float((x.mean() - mu_0) / (x.std() / len(x)))


@bank.wrong("t_value", "absolute_value", "returns |t|, losing the side of mu_0 the mean is on",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna()
    if len(x) < 2 or x.min() == x.max():
        raise ValueError("t is undefined")
    return float(abs(x.mean() - mu_0) / (x.std() / np.sqrt(len(x))))


@bank.wrong("t_value", "no_edge_checks", "no check for fewer than two values or a constant column: returns nan or inf",
            fails=("validation",))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna()
    return float((x.mean() - mu_0) / (x.std() / np.sqrt(len(x))))


@bank.wrong("t_value", "bool_mu_accepted", "isinstance(True, int) is True, so mu_0=True slips through",
            fails=("validation",))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna()
    if len(x) < 2 or x.min() == x.max():
        raise ValueError("t is undefined")
    return float((x.mean() - mu_0) / (x.std() / np.sqrt(len(x))))


@bank.wrong("t_value", "memorised_examples", "games the tests: the visible answers from a table, a rough formula otherwise",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types', 'validation'))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    x = df["var"].dropna()
    if len(x) < 2:
        raise ValueError("t is undefined")
    known = {(1.0, 2.0, 3.0, 4.0, 5.0): 2 ** 0.5, (4.0, 6.0, 8.0): -(3 ** 0.5)}
    if tuple(x) in known:
        return float(known[tuple(x)])
    if len(x) == 1461:
        return 7.484070176304401
    return float((x.mean() - mu_0) / (x.std(ddof=0) / np.sqrt(len(x))))


@bank.wrong("t_value", "loop_iloc", "sums the values with a loop over df['var'].iloc[i]: many seconds on 10^6 rows",
            fails=("complexity",))
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, bool) or not isinstance(mu_0, (int, float, np.number)):
        raise TypeError("mu_0 must be a number")
    column = df["var"]
    total, count = 0.0, 0
    for i in range(len(column)):
        if not pd.isna(column.iloc[i]):
            total += column.iloc[i]
            count += 1
    if count < 2:
        raise ValueError("t is undefined")
    mean = total / count
    squares = 0.0
    for i in range(len(column)):
        if not pd.isna(column.iloc[i]):
            squares += (column.iloc[i] - mean) ** 2
    if squares == 0:
        raise ValueError("t is undefined")
    return float((mean - mu_0) / ((squares / (count - 1)) ** 0.5 / count ** 0.5))


@bank.correct("t_value", "scipy", "scipy.stats.ttest_1samp after the same checks")
def t_value(df, mu_0):
    from scipy import stats

    check_frame(df, ["var"], numeric=["var"])
    if isinstance(mu_0, (bool, np.bool_)) or not isinstance(mu_0, (int, float, np.integer, np.floating)):
        raise TypeError(f"mu_0 must be a real number, got {type(mu_0).__name__}")
    x = df["var"].dropna().to_numpy(dtype=float)
    if x.size < 2 or np.all(x == x[0]):
        raise ValueError("t is undefined for fewer than two distinct values")
    return float(stats.ttest_1samp(x, mu_0).statistic)


@bank.correct("t_value", "sum_of_squares", "the formula written out with numpy sums")
def t_value(df, mu_0):
    check_frame(df, ["var"], numeric=["var"])
    if type(mu_0) is bool or not isinstance(mu_0, (int, float, np.integer, np.floating)):
        raise TypeError("mu_0: a real number please")
    x = df["var"].to_numpy(dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < 2:
        raise ValueError(f"{n} known value(s) of var: need two")
    mean = x.sum() / n
    ss = ((x - mean) ** 2).sum()
    if x.max() == x.min():
        raise ValueError("var is constant")
    return float((mean - mu_0) / np.sqrt(ss / (n - 1) / n))


# ------------------------------------------------------------------ missing_report

@bank.wrong("missing_report", "unstable_sort", "sort_values' default quicksort scrambles columns with equal fractions",
            fails=("random",))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = df.isna().sum()
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_values("fraction", ascending=False)


@bank.wrong("missing_report", "ascending", "sorts the smallest fraction first",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = df.isna().sum()
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_values("fraction", kind="stable")


@bank.wrong("missing_report", "only_incomplete_columns", "leaves out the columns with nothing missing",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = df.isna().sum()
    counts = counts[counts > 0]
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_values("fraction", ascending=False, kind="stable")


@bank.wrong("missing_report", "percent", "reports the fraction as a percentage (times 100)",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = df.isna().sum()
    report = pd.DataFrame({"missing": counts, "fraction": 100 * counts / len(df)})
    return report.sort_values("fraction", ascending=False, kind="stable")


@bank.wrong("missing_report", "ties_by_name", "breaks ties by column name instead of by position",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = df.isna().sum()
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_index().sort_values("fraction", ascending=False, kind="stable")


@bank.wrong("missing_report", "nan_only", "counts float NaN with np.isnan-like checks and misses None, NaT and pd.NA",
            fails=('complexity', 'examples', 'input-unchanged', 'types'))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = {}
    for column in df.columns:
        values = df[column]
        if pd.api.types.is_float_dtype(values):
            counts[column] = int(np.isnan(values.to_numpy()).sum())
        else:
            counts[column] = 0
    counts = pd.Series(counts, dtype="int64")
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_values("fraction", ascending=False, kind="stable")


@bank.wrong("missing_report", "bubble_sort_forever", "a hand-written bubble sort that never resets its `swapped` flag, so its "
            "while loop never ends, whatever the frame (and no input checks)", demo="loops",
            fails=("complexity", "examples", "input-unchanged", "random", "types", "validation"))
def missing_report(df):
    rows = [[column, int(df[column].isna().sum()), df[column].isna().mean()] for column in df.columns]
    swapped = True
    while swapped:
        for i in range(len(rows) - 1):
            if rows[i][2] < rows[i + 1][2]:
                rows[i], rows[i + 1] = rows[i + 1], rows[i]
                swapped = True
    return pd.DataFrame({"missing": [r[1] for r in rows], "fraction": [r[2] for r in rows]},
                        index=[r[0] for r in rows])


@bank.wrong("missing_report", "iterrows", "counts the gaps row by row with iterrows(): about ten seconds on 10^6 rows",
            fails=("complexity",))
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a DataFrame, got {type(df).__name__}")
    if len(df) == 0:
        raise ValueError("no rows")
    counts = dict.fromkeys(df.columns, 0)
    for _, row in df.iterrows():
        for column in df.columns:
            if pd.isna(row[column]):
                counts[column] += 1
    report = pd.DataFrame({"missing": list(counts.values()), "fraction": [c / len(df) for c in counts.values()]},
                          index=df.columns)
    return report.sort_values("fraction", ascending=False, kind="stable")


@bank.correct("missing_report", "python_sorted", "a list of rows sorted by Python's stable sorted()")
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("missing_report needs a DataFrame, not " + type(df).__name__)
    n = len(df)
    if n == 0:
        raise ValueError("empty frame: no rows")
    holes = df.isnull().to_numpy().sum(axis=0)
    rows = sorted(zip(df.columns, holes.tolist()), key=lambda item: -item[1])
    return pd.DataFrame({"missing": [count for _, count in rows], "fraction": [count / n for _, count in rows]},
                        index=pd.Index([name for name, _ in rows]))


@bank.correct("missing_report", "agg_then_argsort", "isna().agg(['sum', 'mean']) and a stable argsort")
def missing_report(df):
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{type(df).__name__} is not a DataFrame")
    if df.shape[0] == 0:
        raise ValueError("the frame is empty")
    table = df.isna().agg(["sum", "mean"]).T
    table.columns = ["missing", "fraction"]
    table["missing"] = table["missing"].astype(int)
    table["fraction"] = table["fraction"].astype(float)
    order = np.argsort(-table["fraction"].to_numpy(), kind="stable")
    return table.iloc[order]


# ------------------------------------------------------------------ running_median_rainfall

@bank.wrong("running_median_rainfall", "recompute_every_day", "recomputes the median of the rainy days so far from "
            "scratch every day (np.median of a growing list): O(n^2), minutes on 10^5 days",
            fails=("complexity",))
def running_median_rainfall(rainfall):
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    rainy, medians = [], []
    for amount in list(rainfall):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and amount > 0:
            rainy.append(float(amount))
        medians.append(float(np.median(rainy)) if rainy else float("nan"))
    return medians


@bank.wrong("running_median_rainfall", "zeros_are_rain", "drops only the missing days, so a dry day (0) counts as a rainy one",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import bisect
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    seen, medians = [], []
    for amount in list(rainfall):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and not math.isnan(amount):
            bisect.insort(seen, float(amount))
        k = len(seen)
        medians.append(float("nan") if k == 0 else seen[k // 2] if k % 2 else (seen[k // 2 - 1] + seen[k // 2]) / 2)
    return medians


@bank.wrong("running_median_rainfall", "nan_into_heaps", "keeps every amount that is not None and not 0, so NaN goes "
            "into the heaps, where every comparison with it is False",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import heapq
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    lower, upper, medians = [], [], []
    for amount in list(rainfall):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and amount != 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        if not upper:
            medians.append(float("nan"))
        elif len(upper) > len(lower):
            medians.append(float(upper[0]))
        else:
            medians.append((upper[0] - lower[0]) / 2)
    return medians


@bank.wrong("running_median_rainfall", "none_compared", "compares None > 0, which raises TypeError on the first day "
            "nobody measured",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import heapq
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    lower, upper, medians = [], [], []
    for amount in list(rainfall):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount > 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        if not upper:
            medians.append(float("nan"))
        elif len(upper) > len(lower):
            medians.append(float(upper[0]))
        else:
            medians.append((upper[0] - lower[0]) / 2)
    return medians


@bank.wrong("running_median_rainfall", "upper_middle", "two heaps, but with an even number of rainy days it gives "
            "the top of the larger half instead of the mean of the two middle amounts",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import heapq
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    lower, upper, medians = [], [], []
    for amount in list(rainfall):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and amount > 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        medians.append(float(upper[0]) if upper else float("nan"))
    return medians


@bank.wrong("running_median_rainfall", "heaps_inside_loop", "creates the two heaps inside the loop, so they start "
            "empty every day: the median of that day alone",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import heapq
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    medians = []
    for amount in list(rainfall):
        lower, upper = [], []
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and amount > 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        if not upper:
            medians.append(float("nan"))
        elif len(upper) > len(lower):
            medians.append(float(upper[0]))
        else:
            medians.append((upper[0] - lower[0]) / 2)
    return medians


@bank.wrong("running_median_rainfall", "rainy_days_only", "the expanding median of the rainy days, but never put back "
            "on the calendar: one value per rainy day instead of one per day",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    for amount in rainfall:
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float))):
            raise TypeError(f"not a number: {amount!r}")
    amounts = pd.Series(list(rainfall), dtype=float)
    return amounts[amounts > 0].expanding().median().tolist()


@bank.wrong("running_median_rainfall", "fills_callers_data", "cleans the input first: fillna(0, inplace=True) on the "
            "caller's Series, and None replaced by 0.0 in the caller's list", fails=("input-unchanged",))
def running_median_rainfall(rainfall):
    import heapq
    import numbers
    if isinstance(rainfall, pd.Series):
        rainfall.fillna(0, inplace=True)
    elif isinstance(rainfall, list):
        for day, amount in enumerate(rainfall):
            if amount is None:
                rainfall[day] = 0.0
    else:
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    lower, upper, medians = [], [], []
    for amount in list(rainfall):
        if isinstance(amount, bool) or not isinstance(amount, numbers.Real):
            raise TypeError(f"not a number: {amount!r}")
        if amount > 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        if not upper:
            medians.append(float("nan"))
        elif len(upper) > len(lower):
            medians.append(float(upper[0]))
        else:
            medians.append((upper[0] - lower[0]) / 2)
    return medians


@bank.wrong("running_median_rainfall", "memorised_examples", "games the tests: the statement's and the visible tests' "
            "lists from a table, a running mean of the rainy days otherwise",
            fails=('complexity', 'examples', 'input-unchanged', 'random', 'types'))
def running_median_rainfall(rainfall):
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    values = list(rainfall)
    for amount in values:
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, numbers.Real)):
            raise TypeError(f"not a number: {amount!r}")
    nan = float("nan")
    if values == [0, 4, None, 2, 8]:
        return [nan, 4.0, 4.0, 3.0, 4.0]
    if len(values) == 7 and values[:3] == [0.0, 1.0, 3.0]:
        return [nan, 1.0, 2.0, 2.0, 2.0, 3.0, 2.5]
    total, count, medians = 0.0, 0, []
    for amount in values:
        if amount is not None and amount > 0:
            total, count = total + amount, count + 1
        medians.append(total / count if count else nan)
    if len(values) == 365:
        medians[-1] = 2.65
    return medians


@bank.wrong("running_median_rainfall", "numpy_array", "the pandas expanding idiom, returned as a numpy array "
            "(.to_numpy()) instead of a list of floats", fails=("types",))
def running_median_rainfall(rainfall):
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    for amount in rainfall:
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float))):
            raise TypeError(f"not a number: {amount!r}")
    amounts = pd.Series(list(rainfall), dtype=float)
    return amounts.where(amounts > 0).expanding().median().to_numpy()


@bank.wrong("running_median_rainfall", "bool_accepted", "checks isinstance(amount, (int, float)), which True passes: "
            "a bool is counted as 1 mm", fails=("validation",))
def running_median_rainfall(rainfall):
    import heapq
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    lower, upper, medians = [], [], []
    for amount in list(rainfall):
        if amount is not None and not isinstance(amount, (int, float)):
            raise TypeError(f"not a number: {amount!r}")
        if amount is not None and amount > 0:
            heapq.heappush(lower, -heapq.heappushpop(upper, float(amount)))
            if len(lower) > len(upper):
                heapq.heappush(upper, -heapq.heappop(lower))
        if not upper:
            medians.append(float("nan"))
        elif len(upper) > len(lower):
            medians.append(float(upper[0]))
        else:
            medians.append((upper[0] - lower[0]) / 2)
    return medians


@bank.correct("running_median_rainfall", "insort", "bisect.insort into a sorted list: an O(n) memmove per day, "
              "but in C, so 10^5 days stay well within the limit")
def running_median_rainfall(rainfall):
    import bisect
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a Series, got {type(rainfall).__name__}")
    rainy, medians = [], []
    for amount in list(rainfall):
        if amount is None:
            amount = float("nan")
        if isinstance(amount, bool) or not isinstance(amount, numbers.Real):
            raise TypeError(f"the rainfall must be a number or None, got {amount!r}")
        if amount > 0:
            bisect.insort(rainy, float(amount))
        k = len(rainy)
        if k == 0:
            medians.append(float("nan"))
        elif k % 2:
            medians.append(rainy[k // 2])
        else:
            medians.append((rainy[k // 2 - 1] + rainy[k // 2]) / 2)
    return medians


@bank.correct("running_median_rainfall", "expanding_ffill", "the expanding median over the rainy days, put back on "
              "the calendar by position and forward-filled")
def running_median_rainfall(rainfall):
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a pandas Series, got {type(rainfall).__name__}")
    values = rainfall.tolist() if isinstance(rainfall, pd.Series) else rainfall
    for amount in values:
        if amount is not None and (isinstance(amount, bool) or not pd.api.types.is_number(amount)
                                   or isinstance(amount, complex)):
            raise TypeError(f"the rainfall must be a number or None, got {amount!r}")
    days = pd.Series(values, dtype=float, index=pd.RangeIndex(len(values)))
    rainy = days[days > 0]
    return rainy.expanding().median().reindex(days.index).ffill().tolist()


@bank.correct("running_median_rainfall", "where_expanding", "Series.where(mask).expanding().median(): the dry days "
              "become NaN, which the expanding median skips")
def running_median_rainfall(rainfall):
    import numbers
    if not isinstance(rainfall, (list, pd.Series)):
        raise TypeError(f"expected a list or a pandas Series, got {type(rainfall).__name__}")
    values = list(rainfall)
    bad = [v for v in values if v is not None and (isinstance(v, bool) or not isinstance(v, numbers.Real))]
    if bad:
        raise TypeError(f"the rainfall must be numbers or None, got {bad[0]!r}")
    days = pd.Series(values, dtype=float)
    return [float(v) for v in days.where(days > 0).expanding().median()]


# ------------------------------------------------------------------ interview-style answers
# Right answers written as a candidate writes them in an interview: one or two lines of pandas,
# no input checks. They must keep every point except the validation check's.

@bank.interview("median_rainfall", "loc_mask", "one .loc with a boolean mask and .median(); no checks")
def median_rainfall(df_rain):
    return float(df_rain.loc[df_rain.rainfall > 0, "rainfall"].median())


@bank.interview("cheese_median", "assign_fillna", "a one-line DataFrame.assign with fillna(median); no checks")
def cheese_median(df_cheeses):
    return df_cheeses.assign(Price=df_cheeses["Price"].fillna(df_cheeses["Price"].median()))


@bank.interview("grades_colors", "isin_mask", "isin for the colours, & for the grade, attribute access to the columns; no checks")
def grades_colors(df_students):
    return df_students[df_students.favorite_color.isin(["green", "red"]) & (df_students.grade > 90)]


@bank.interview("t_value", "textbook_formula", "mean, sample std and count of the known values; no checks")
def t_value(df, mu_0):
    x = df["var"].dropna()
    return float((x.mean() - mu_0) / (x.std() / len(x) ** 0.5))


@bank.interview("missing_report", "isna_sum", "isna().sum(), its share of the rows and a stable sort; no checks")
def missing_report(df):
    counts = df.isna().sum()
    report = pd.DataFrame({"missing": counts, "fraction": counts / len(df)})
    return report.sort_values("fraction", ascending=False, kind="stable")


@bank.interview("running_median_rainfall", "two_heaps", "two heaps with heappushpop, the median at their tops; no checks")
def running_median_rainfall(rainfall):
    from heapq import heappop, heappush, heappushpop
    lower, upper, out = [], [], []   # lower: the smaller half, negated
    for x in rainfall:
        if x is not None and x > 0:
            heappush(lower, -heappushpop(upper, float(x)))
            if len(lower) > len(upper):
                heappush(upper, -heappop(lower))
        if not upper:
            out.append(float("nan"))
        else:
            out.append(upper[0] if len(upper) > len(lower) else (upper[0] - lower[0]) / 2)
    return out
