"""Plotting helpers for the preprocessing lesson (matplotlib).

Every function only draws what it is given and returns the matplotlib Axes (or
Figure for grids); the computations stay in the lesson, where you can read them.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

PALETTE = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c",
           "#ccb974", "#64b5cd"]
OUTLIER_COLOR = "#c44e52"
FENCE_COLOR = "#333333"


def _axes(ax, figsize=(5, 3.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_class_balance(counts: Mapping[str, int], ax=None, title: str = "class balance"):
    """Bar plot of the number of rows per class, with the share written on each bar."""
    ax = _axes(ax, (4.5, 3))
    pairs = list(dict(counts).items())
    labels = [str(k) for k, _ in pairs]
    values = np.array([v for _, v in pairs], dtype=float)
    bars = ax.bar(labels, values, color=PALETTE[: len(values)])
    total = values.sum()
    for bar, value in zip(bars, values):
        ax.annotate(f"{value:.0f}\n({value / total:.0%})", (bar.get_x() + bar.get_width() / 2, value),
                    ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, values.max() * 1.25 if len(values) else 1)
    ax.set_ylabel("rows")
    ax.set_title(title)
    return ax


def plot_distributions(df, columns: Sequence[str], hue: str | None = None, bins: int = 20):
    """One histogram per column, split by the categories of *hue* if given. Returns the Figure."""
    fig, axes = plt.subplots(1, len(columns), figsize=(3.2 * len(columns), 2.8), squeeze=False)
    groups = [(None, df)] if hue is None else list(df.groupby(hue))
    for ax, column in zip(axes[0], columns):
        edges = np.histogram_bin_edges(df[column].dropna(), bins=bins)
        for i, (name, part) in enumerate(groups):
            ax.hist(part[column].dropna(), bins=edges, alpha=0.55, color=PALETTE[i % len(PALETTE)],
                    label=None if name is None else str(name))
        ax.set_xlabel(column)
    axes[0][0].set_ylabel("rows")
    if hue is not None:
        axes[0][-1].legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def plot_pairs(df, columns: Sequence[str], hue: str | None = None):
    """Scatter plot of every pair of columns (histograms on the diagonal). Returns the Figure."""
    k = len(columns)
    fig, axes = plt.subplots(k, k, figsize=(2.2 * k, 2.2 * k), squeeze=False)
    groups = [(None, df)] if hue is None else list(df.groupby(hue))
    for r, row_col in enumerate(columns):
        for c, col_col in enumerate(columns):
            ax = axes[r][c]
            for i, (name, part) in enumerate(groups):
                color = PALETTE[i % len(PALETTE)]
                if r == c:
                    ax.hist(part[row_col].dropna(), bins=15, alpha=0.55, color=color)
                else:
                    ax.scatter(part[col_col], part[row_col], s=6, alpha=0.6, color=color,
                               label=None if name is None else str(name))
            if r == k - 1:
                ax.set_xlabel(col_col, fontsize=8)
            if c == 0:
                ax.set_ylabel(row_col, fontsize=8)
            ax.tick_params(labelsize=6)
    if hue is not None:
        handles, labels = axes[0][1 if k > 1 else 0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=len(groups), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig


def plot_loss_curves(histories: Mapping[str, Sequence[float]], ax=None, title: str = "training loss"):
    """Loss against iteration, one line per run, on a log scale."""
    ax = _axes(ax)
    for i, (label, losses) in enumerate(histories.items()):
        ax.semilogy(np.arange(len(losses)), losses, label=label, color=PALETTE[i % len(PALETTE)])
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(title)
    ax.legend(frameon=False)
    ax.grid(True, which="both", alpha=0.3)
    return ax


def plot_descent_path(loss: Callable[[np.ndarray, np.ndarray], np.ndarray], path, optimum=None, ax=None,
                      title: str | None = None, labels: tuple[str, str] = ("w1", "w2")):
    """Contours of a loss of two weights and the path gradient descent took across them.

    *loss(W1, W2)* evaluates the loss on grids of the two weights; *path* is an array of
    shape (steps, 2); *optimum* (optional) is marked with a star.
    """
    ax = _axes(ax, (4.2, 3.8))
    path = np.asarray(path, dtype=float)
    points = path if optimum is None else np.vstack([path, optimum])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((high - low) * 0.25, 1e-9)
    w1 = np.linspace(low[0] - pad[0], high[0] + pad[0], 200)
    w2 = np.linspace(low[1] - pad[1], high[1] + pad[1], 200)
    W1, W2 = np.meshgrid(w1, w2)
    Z = loss(W1, W2)
    levels = np.quantile(Z, np.linspace(0.0, 0.9, 14) ** 2)
    ax.contour(W1, W2, Z, levels=np.unique(levels), cmap="Blues_r", linewidths=0.8)
    ax.plot(path[:, 0], path[:, 1], "-o", color=OUTLIER_COLOR, markersize=2.5, linewidth=1)
    ax.plot(*path[0], "s", color="black", markersize=5, label="start")
    if optimum is not None:
        ax.plot(*optimum, "*", color="gold", markeredgecolor="black", markersize=12, label="minimum")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title or f"{len(path) - 1} steps")
    ax.legend(frameon=False, fontsize=8, loc="best")
    return ax


def plot_fences(values, low: float, high: float, ax=None, title: str | None = None, label: str = "value"):
    """A horizontal box plot of *values* with every point drawn, the fences as dashed lines,
    and the points outside [low, high] in red. NaN values are left out."""
    ax = _axes(ax, (7, 2.8))
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    outside = (v < low) | (v > high)
    ax.boxplot(v, vert=False, whis=0, widths=0.5, showfliers=False, showcaps=False,
               boxprops={"color": "#555555"}, medianprops={"color": "black"})
    if (~outside).any():  # whiskers reach the most extreme values inside the fences
        box_low, box_high = np.percentile(v, [25, 75])
        ax.hlines(1, v[~outside].min(), box_low, color="#555555")
        ax.hlines(1, box_high, v[~outside].max(), color="#555555")
    jitter = np.random.default_rng(0).uniform(-0.18, 0.18, size=len(v))
    ax.scatter(v[~outside], 1 + jitter[~outside], s=6, alpha=0.35, color=PALETTE[0], label="inside the fences")
    ax.scatter(v[outside], 1 + jitter[outside], s=10, alpha=0.8, color=OUTLIER_COLOR,
               label=f"outliers: {int(outside.sum())}")
    for x in (low, high):
        ax.axvline(x, color=FENCE_COLOR, linestyle="--", linewidth=1)
    span = v.max() - v.min() if len(v) else 1.0
    ax.set_xlim(min(v.min(initial=0), low) - 0.05 * span, max(v.max(initial=0), high) + 0.05 * span)
    ax.set_yticks([])
    ax.set_xlabel(label)
    ax.set_title(title or f"fences at {low:.3g} and {high:.3g}")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return ax


def plot_bars(values: Mapping[str, float], ax=None, title: str = "", ylabel: str = "", fmt: str = "{:.3g}"):
    """A labelled bar per entry of *values* (for example the error of each strategy)."""
    ax = _axes(ax, (5.5, 3))
    labels = list(values)
    heights = np.array([values[k] for k in labels], dtype=float)
    bars = ax.bar(labels, heights, color=[PALETTE[i % len(PALETTE)] for i in range(len(labels))])
    for bar, value in zip(bars, heights):
        ax.annotate(fmt.format(value), (bar.get_x() + bar.get_width() / 2, value), ha="center", va="bottom",
                    fontsize=8)
    ax.set_ylim(0, heights.max() * 1.2 if len(heights) else 1)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.tick_params(axis="x", labelrotation=20)
    return ax


def plot_embedding(Z, labels, ax=None, title: str = "first two principal components"):
    """2-D scatter of an embedding, one colour per label, each label written at its centre."""
    ax = _axes(ax, (5.5, 4.5))
    Z = np.asarray(Z, dtype=float)
    labels = np.asarray(labels)
    for i, label in enumerate(np.unique(labels)):
        part = Z[labels == label]
        color = PALETTE[i % len(PALETTE)]
        ax.scatter(part[:, 0], part[:, 1], s=6, alpha=0.5, color=color)
        ax.annotate(str(label), part[:, :2].mean(axis=0), fontsize=13, weight="bold", color=color,
                    ha="center", va="center")
    ax.set_xlabel("component 1")
    ax.set_ylabel("component 2")
    ax.set_title(title)
    return ax


def plot_scree(ratios, ax=None, title: str = "scree plot", mark: float | None = 0.9):
    """Explained variance ratio per component (bars) and its running total (line)."""
    ax = _axes(ax, (5.5, 3.5))
    ratios = np.asarray(ratios, dtype=float)
    k = np.arange(1, len(ratios) + 1)
    ax.bar(k, ratios, color=PALETTE[0], label="per component")
    total = np.cumsum(ratios)
    ax.plot(k, total, "-o", color=PALETTE[1], markersize=3, label="cumulative")
    if mark is not None and (total >= mark).any():
        needed = int(np.argmax(total >= mark)) + 1
        ax.axhline(mark, color="grey", linestyle=":", linewidth=1)
        ax.axvline(needed, color="grey", linestyle=":", linewidth=1)
        ax.annotate(f"{needed} components keep {mark:.0%}", (needed, mark), xytext=(5, -14),
                    textcoords="offset points", fontsize=8)
    ax.set_xlabel("component")
    ax.set_ylabel("explained variance ratio")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, loc="center right")
    return ax


def plot_smote(minority, majority, synthetic, segments=None, ax=None, labels: tuple[str, str] = ("x1", "x2"),
               title: str = "SMOTE: new points between minority neighbours"):
    """Majority points, minority points, synthetic points and (optionally) the segments they lie on.

    *segments* is an array of shape (s, 2, 2): start and end point of each segment drawn.
    """
    ax = _axes(ax, (5.5, 4.5))
    majority, minority, synthetic = (np.asarray(a, dtype=float) for a in (majority, minority, synthetic))
    ax.scatter(majority[:, 0], majority[:, 1], s=8, alpha=0.25, color="grey", label=f"majority ({len(majority)})")
    if segments is not None:
        for (x0, y0), (x1, y1) in np.asarray(segments, dtype=float):
            ax.plot([x0, x1], [y0, y1], color=PALETTE[1], alpha=0.35, linewidth=0.8)
    ax.scatter(minority[:, 0], minority[:, 1], s=22, color=PALETTE[3], edgecolor="black", linewidth=0.4,
               label=f"minority ({len(minority)})")
    ax.scatter(synthetic[:, 0], synthetic[:, 1], s=14, marker="x", color=PALETTE[1],
               label=f"synthetic ({len(synthetic)})")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    return ax


def plot_distance_histograms(distances: Mapping[int, np.ndarray], ax=None,
                             title: str = "pairwise distances divided by their mean"):
    """One histogram per dimension of the distances (each divided by its mean), overlaid."""
    ax = _axes(ax, (5.5, 3.5))
    for i, (dim, d) in enumerate(distances.items()):
        d = np.asarray(d, dtype=float)
        ax.hist(d / d.mean(), bins=60, range=(0, 2.5), density=True, histtype="stepfilled", alpha=0.4,
                color=PALETTE[i % len(PALETTE)], label=f"d = {dim}")
    ax.set_xlabel("distance / mean distance")
    ax.set_ylabel("density")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    return ax


def plot_contrast(dims: Sequence[int], contrast: Sequence[float], ax=None,
                  title: str = "nearest vs farthest neighbour"):
    """Log-log plot of the relative contrast (farthest - nearest) / nearest against the dimension."""
    ax = _axes(ax, (5, 3.5))
    ax.loglog(dims, contrast, "-o", color=PALETTE[0])
    ax.set_xlabel("dimension d")
    ax.set_ylabel("(farthest - nearest) / nearest")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    return ax


def plot_spread(groups: Mapping[str, np.ndarray], ax=None, title: str = "", xlabel: str = "scaled value"):
    """One horizontal box (middle half, whiskers at 1.5 IQR, no outlier dots) per entry of *groups*,
    the first entry at the top; pairs of entries share a colour."""
    labels = list(groups)
    ax = _axes(ax, (7, 0.45 * len(labels) + 1.2))
    data = [np.asarray(groups[k], dtype=float) for k in labels][::-1]
    boxes = ax.boxplot(data, vert=False, showfliers=False, patch_artist=True, widths=0.6)
    for i, patch in enumerate(boxes["boxes"][::-1]):
        patch.set_facecolor(PALETTE[(i // 2) % len(PALETTE)])
        patch.set_alpha(0.45 if i % 2 else 0.8)
    ax.set_yticks(range(1, len(labels) + 1), labels[::-1], fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(True, axis="x", alpha=0.3)
    return ax
