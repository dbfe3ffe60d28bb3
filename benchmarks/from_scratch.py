"""Time the from_scratch reference answers against scikit-learn (a script, not a test).

    .venv/bin/python benchmarks/from_scratch.py

For n = 10^3, 10^4 and 10^5 rows it times one kNN query, k-means from given centroids and
unpenalised logistic regression, each against its scikit-learn counterpart on the same data,
prints the time ratios (ours / scikit-learn) and whether the results agree, and saves the plot
benchmarks/from_scratch.png. Goal: identical results and at most 3x scikit-learn's time at 10^5.
The reference functions are executed from source/from_scratch/from_scratch.ipynb.
"""
from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402

from course.notebooks import reference_namespace  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
REPEATS = 3


def best_time(func, *args, **kwargs):
    """(result, fastest wall time of REPEATS runs)."""
    best, result = float("inf"), None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return result, best


def bench_knn(ref, n, rng):
    d, k = 10, 15
    X = rng.normal(size=(n, d))
    y = (X[:, 0] + X[:, 1] + 0.5 * rng.normal(size=n) > 0).astype(int)
    frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(d)]).assign(label=y)
    query = rng.normal(size=d) * 0.3
    ours, t_ours = best_time(ref["kNN"], k, frame, query)
    theirs, t_theirs = best_time(lambda: KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X, y).predict(query[None])[0])
    return t_ours, t_theirs, bool(ours == theirs)


def bench_kmeans(ref, n, rng):
    d, k = 5, 5
    centres = rng.normal(size=(k, d)) * 3
    X = centres[rng.integers(0, k, n)] + rng.normal(size=(n, d))
    start = X[rng.choice(n, size=k, replace=False)]
    ours, t_ours = best_time(ref["k_means_clustering"], X, k, start)
    model, t_theirs = best_time(lambda: KMeans(n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=0,
                                               max_iter=10_000).fit(X))
    return t_ours, t_theirs, ours == model.labels_.tolist()


def bench_logistic(ref, n, rng):
    d = 10
    X = np.column_stack([np.ones(n), rng.normal(size=(n, d - 1))])
    y = (rng.random(n) < 1 / (1 + np.exp(-X @ rng.normal(size=d)))).astype(int)
    ours, t_ours = best_time(ref["logistic_regression"], X, y)
    model, t_theirs = best_time(lambda: LogisticRegression(C=np.inf, fit_intercept=False, solver="newton-cholesky",
                                                           tol=1e-10, max_iter=1000).fit(X, y))
    return t_ours, t_theirs, bool(np.abs(ours - model.coef_[0]).max() < 1e-4)


def main() -> int:
    ref = reference_namespace("from_scratch")
    rng = np.random.default_rng(0)
    benches = {"kNN (one query)": bench_knn, "k-means": bench_kmeans, "logistic regression": bench_logistic}
    rows, timings = [], {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, bench in benches.items():
            for n in SIZES:
                t_ours, t_theirs, agree = bench(ref, n, rng)
                rows.append((name, n, t_ours, t_theirs, t_ours / t_theirs, agree))
                timings.setdefault(f"{name}: ours", []).append(t_ours)
                timings.setdefault(f"{name}: scikit-learn", []).append(t_theirs)

    print(f"{'algorithm':22s} {'n':>8s} {'ours (s)':>10s} {'sklearn (s)':>12s} {'ratio':>7s}  results agree")
    for name, n, t_ours, t_theirs, ratio, agree in rows:
        print(f"{name:22s} {n:8d} {t_ours:10.4f} {t_theirs:12.4f} {ratio:7.2f}  {'yes' if agree else 'NO'}")
    at_max = [r for r in rows if r[1] == max(SIZES)]
    worst = max(r[4] for r in at_max)
    print(f"\nat n = {max(SIZES):,}: worst ratio {worst:.2f} (goal <= 3), "
          f"all results agree: {'yes' if all(r[5] for r in rows) else 'NO'}")

    import matplotlib.pyplot as plt

    from utils.scratch_plots import plot_benchmark

    ax = plot_benchmark(list(SIZES), timings, title="from_scratch reference against scikit-learn")
    out = ROOT / "benchmarks" / "from_scratch.png"
    ax.figure.tight_layout()
    ax.figure.savefig(out, dpi=120)
    plt.close(ax.figure)
    print(f"plot saved to {out.relative_to(ROOT)}")
    return 0 if all(r[5] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
