"""Plotting helpers for the lesson "machine learning from scratch" (notebooks/from_scratch.ipynb).

Every function only draws: the models, paths and projections are computed by the caller.
Each returns the matplotlib Axes (or array of Axes) it drew on. matplotlib is imported
inside the functions, so ``import utils.scratch_plots`` stays cheap.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]


def _axes(ax, figsize=(5, 4)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _colors(labels):
    """One colour per distinct label, in sorted order of the labels."""
    labels = np.asarray(labels)
    classes = np.unique(labels)
    lookup = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(classes)}
    return [lookup[v] for v in labels], classes, lookup


def plot_points(X, y, ax=None, title: str | None = None, xlabel: str = "x1", ylabel: str = "x2",
                marker: str = "o", size: float = 25, legend: bool = True):
    """Scatter 2-D points coloured by label."""
    X = np.asarray(X, float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {X.shape}")
    ax = _axes(ax)
    colors, classes, lookup = _colors(y)
    ax.scatter(X[:, 0], X[:, 1], c=colors, s=size, marker=marker, edgecolor="white", linewidth=0.5)
    if legend:
        for c in classes:
            ax.scatter([], [], c=lookup[c], label=str(c), s=size)
        ax.legend(frameon=False, fontsize=8, loc="best")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def plot_decision_regions(predict: Callable, X, y, ax=None, title: str | None = None, resolution: int = 120,
                          xlabel: str = "x1", ylabel: str = "x2", padding: float = 0.5):
    """Colour the plane by ``predict(grid_points)`` and draw the labelled points on top.

    *predict* takes an (m, 2) array and returns m labels (for example a fitted model's ``predict``).
    """
    X = np.asarray(X, float)
    ax = _axes(ax)
    x_min, x_max = X[:, 0].min() - padding, X[:, 0].max() + padding
    y_min, y_max = X[:, 1].min() - padding, X[:, 1].max() + padding
    gx, gy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    grid_labels = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])))
    classes = np.unique(np.concatenate([np.unique(grid_labels), np.unique(np.asarray(y))]))
    index = np.searchsorted(classes, grid_labels).reshape(gx.shape)
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap([PALETTE[i % len(PALETTE)] for i in range(len(classes))])
    ax.pcolormesh(gx, gy, index, cmap=cmap, alpha=0.25, shading="auto", vmin=-0.5, vmax=len(classes) - 0.5)
    plot_points(X, y, ax=ax, xlabel=xlabel, ylabel=ylabel)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    if title:
        ax.set_title(title)
    return ax


def plot_kmeans_state(points, labels, centroids, previous_centroids=None, ax=None, title: str | None = None):
    """Points coloured by cluster, centroids as large crosses, and arrows from where they were."""
    points = np.array(points, dtype=float)
    centroids = np.asarray(centroids, dtype=float)
    ax = _axes(ax)
    labels = np.asarray(labels)
    ax.scatter(points[:, 0], points[:, 1], c=[PALETTE[int(l) % len(PALETTE)] for l in labels], s=18, alpha=0.7)
    for j, c in enumerate(centroids):
        ax.scatter(*c, marker="X", s=220, c=PALETTE[j % len(PALETTE)], edgecolor="black", linewidth=1.5, zorder=3)
        if previous_centroids is not None:
            p = np.asarray(previous_centroids, dtype=float)[j]
            ax.annotate("", xy=c, xytext=p, arrowprops=dict(arrowstyle="->", color="black", lw=1.2), zorder=2)
    if title:
        ax.set_title(title)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax


def plot_descent_paths(f: Callable, paths: Mapping[str, np.ndarray], ax=None, xlim=(-2, 2), ylim=(-2, 2),
                       title: str | None = None, levels: int = 25, minimum: Sequence[float] | None = None):
    """Contour lines of f(x, y) (vectorised over arrays) and one polyline per path of 2-D points."""
    ax = _axes(ax, figsize=(5.5, 4.5))
    gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    z = f(gx, gy)
    ax.contour(gx, gy, z, levels=levels, cmap="viridis", linewidths=0.7)
    for i, (label, path) in enumerate(paths.items()):
        path = np.asarray(path, dtype=float)
        ax.plot(path[:, 0], path[:, 1], "-o", ms=3, lw=1.2, color=PALETTE[(i + 3) % len(PALETTE)],
                label=f"{label} ({len(path) - 1} steps)")
    if minimum is not None:
        ax.scatter(*minimum, marker="*", s=200, c="gold", edgecolor="black", zorder=3, label="minimum")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    if title:
        ax.set_title(title)
    return ax


def plot_curves(x, curves: Mapping[str, Sequence[float]], ax=None, xlabel: str = "", ylabel: str = "",
                title: str | None = None, mark_max: bool = False, logx: bool = False, marker: str = "o"):
    """One line per entry of *curves* against *x*; optionally a dot at each curve's maximum."""
    ax = _axes(ax)
    x = np.asarray(x)
    for i, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        if values.shape != x.shape:
            raise ValueError(f"{label!r} has {values.shape} values for x of shape {x.shape}")
        ax.plot(x, values, marker=marker, ms=3, label=label, color=PALETTE[i % len(PALETTE)])
        if mark_max:
            k = int(np.nanargmax(values))
            ax.scatter([x[k]], [values[k]], s=80, color=PALETTE[i % len(PALETTE)], edgecolor="black", zorder=3)
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_logistic_fit(x, y, curves: Mapping[str, Callable], ax=None, title: str | None = None):
    """0/1 labels against one feature, and probability curves p(x) drawn from callables."""
    ax = _axes(ax)
    x = np.asarray(x, dtype=float)
    ax.scatter(x, y, c=[PALETTE[int(v)] for v in y], s=25, edgecolor="white", zorder=3)
    grid = np.linspace(x.min() - 0.5, x.max() + 0.5, 300)
    for i, (label, p) in enumerate(curves.items()):
        ax.plot(grid, p(grid), label=label, color=PALETTE[(i + 2) % len(PALETTE)])
    ax.set_ylim(-0.1, 1.1)
    ax.set_xlabel("x")
    ax.set_ylabel("P(y = 1)")
    ax.legend(frameon=False, fontsize=8, loc="center left")
    if title:
        ax.set_title(title)
    return ax


def plot_search(f: Callable, tried: Mapping[str, np.ndarray], ax=None, xlim=(0, 1), ylim=(0, 1),
                xlabel: str = "important hyperparameter", ylabel: str = "unimportant hyperparameter",
                title: str | None = None):
    """A score landscape f(a, b) (vectorised) with the points each search tried; stars mark the best."""
    ax = _axes(ax, figsize=(5.5, 4.5))
    ga, gb = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    im = ax.contourf(ga, gb, f(ga, gb), levels=20, cmap="Greys")
    ax.figure.colorbar(im, ax=ax, label="validation score")
    markers = ["s", "o", "^", "D"]
    for i, (label, points) in enumerate(tried.items()):
        points = np.array(points, dtype=float)
        scores = f(points[:, 0], points[:, 1])
        color = PALETTE[(i + 1) % len(PALETTE)]
        ax.scatter(points[:, 0], points[:, 1], marker=markers[i % len(markers)], s=45, color=color,
                   edgecolor="black", label=f"{label}: best {scores.max():.3f}")
        best = points[int(np.argmax(scores))]
        ax.scatter(*best, marker="*", s=300, color=color, edgecolor="black", zorder=3)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=True, fontsize=8, loc="lower left")
    if title:
        ax.set_title(title)
    return ax


def plot_projections(projections: Mapping[str, np.ndarray], y, axes=None):
    """Side-by-side 2-D scatters of the same points under different projections (e.g. PCA, LDA)."""
    import matplotlib.pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, len(projections), figsize=(5 * len(projections), 4))
    axes = np.atleast_1d(axes)
    for ax, (label, Z) in zip(axes, projections.items()):
        Z = np.asarray(Z, dtype=float)
        if Z.shape[1] == 1:
            Z = np.column_stack([Z[:, 0], np.random.default_rng(0).uniform(-0.1, 0.1, len(Z))])
        plot_points(Z[:, :2], y, ax=ax, title=label, xlabel="component 1", ylabel="component 2", size=18)
    return axes


def plot_svm_margin(X, y, w, b, support=None, ax=None, title: str | None = None):
    """Two classes in 2-D, the separating line w.x + b = 0, the margins w.x + b = +-1 and the support vectors."""
    X = np.asarray(X, float)
    w = np.asarray(w, dtype=float)
    ax = plot_points(X, y, ax=ax, title=title)
    xs = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 100)
    if abs(w[1]) < 1e-12:
        raise ValueError("the separating line is vertical; this helper draws lines y = a x + c only")
    for offset, style, label in ((0, "-", "decision boundary"), (1, "--", "margin"), (-1, "--", None)):
        ax.plot(xs, (offset - b - w[0] * xs) / w[1], style, color="black", lw=1.2, label=label)
    if support is not None:
        S = X[np.asarray(support)]
        ax.scatter(S[:, 0], S[:, 1], s=160, facecolor="none", edgecolor="black", linewidth=1.5, label="support vectors")
    ax.set_ylim(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    ax.set_title((title + "\n" if title else "") + f"margin width 2/|w| = {2 / np.linalg.norm(w):.2f}")
    ax.legend(frameon=False, fontsize=8, loc="best")
    return ax


def plot_regimes(x, y, group, predictions: Mapping[str, Callable], ax=None, title: str | None = None,
                 xlabel: str = "size", ylabel: str = "price"):
    """Points of several groups (e.g. markets) and, per model, its prediction curve for each group.

    predictions maps a model name to ``f(x_grid, group_value) -> y``.
    """
    ax = _axes(ax, figsize=(6, 4))
    x = np.asarray(x, dtype=float)
    group = np.asarray(group)
    grid = np.linspace(x.min(), x.max() * 1.3, 200)
    styles = ["-", "--", ":", "-."]
    for j, g in enumerate(np.unique(group)):
        color = PALETTE[j % len(PALETTE)]
        ax.scatter(x[group == g], np.asarray(y)[group == g], s=10, alpha=0.4, color=color, label=f"data: {g}")
        for i, (name, f) in enumerate(predictions.items()):
            ax.plot(grid, f(grid, g), styles[i % len(styles)], color=color, lw=2, label=f"{name}: {g}")
    ax.axvline(x.max(), color="grey", lw=0.8)
    ax.text(x.max(), ax.get_ylim()[0], " no data beyond", color="grey", fontsize=8, va="bottom")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False, fontsize=7, ncol=2)
    if title:
        ax.set_title(title)
    return ax


def plot_score_spread(scores: Mapping[str, Sequence[float]], ax=None, title: str | None = None,
                      ylabel: str = "accuracy"):
    """A strip of dots per setting (e.g. 'different splits', 'different seeds'), with its mean."""
    ax = _axes(ax, figsize=(6, 3.5))
    rng = np.random.default_rng(0)
    for i, (label, values) in enumerate(scores.items()):
        values = np.asarray(values, dtype=float)
        ax.scatter(i + rng.uniform(-0.12, 0.12, len(values)), values, s=20, alpha=0.7, color=PALETTE[i % len(PALETTE)])
        ax.hlines(values.mean(), i - 0.25, i + 0.25, color="black")
        ax.text(i + 0.28, values.mean(), f"{values.mean():.3f} ± {values.std():.3f}", fontsize=8, va="center")
    ax.set_xticks(range(len(scores)))
    ax.set_xticklabels(list(scores), fontsize=8)
    ax.set_xlim(-0.5, len(scores) - 0.2)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    if title:
        ax.set_title(title)
    return ax


def plot_coefficient_cloud(coefs, names: Sequence[str], ax=None, title: str | None = None):
    """Scatter of two coefficients fitted on many resamples: a long thin cloud means collinearity."""
    coefs = np.asarray(coefs, dtype=float)
    ax = _axes(ax)
    ax.scatter(coefs[:, 0], coefs[:, 1], s=12, alpha=0.6, color=PALETTE[0])
    ax.axhline(0, color="grey", lw=0.6)
    ax.axvline(0, color="grey", lw=0.6)
    ax.set_xlabel(f"coefficient of {names[0]}")
    ax.set_ylabel(f"coefficient of {names[1]}")
    if title:
        ax.set_title(title)
    return ax


def plot_benchmark(sizes, timings: Mapping[str, Sequence[float]], ax=None, title: str = "run time"):
    """Log-log run time against n, one line per implementation (used by benchmarks/from_scratch.py)."""
    ax = _axes(ax, figsize=(5.5, 4))
    for i, (label, seconds) in enumerate(timings.items()):
        style = "--" if "scikit" in label else "-"
        ax.loglog(sizes, seconds, style, marker="o", label=label, color=PALETTE[(i // 2) % len(PALETTE)])
    ax.set_xlabel("n (rows)")
    ax.set_ylabel("seconds")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    return ax
