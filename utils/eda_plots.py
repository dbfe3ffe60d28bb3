"""Plotting helpers for the exploratory data analysis lesson (notebooks/pandas_tasks.ipynb).

Each function draws one kind of figure from a DataFrame and returns the matplotlib Axes
(or the Figure, for grids). They only draw: the numbers a question asks for are computed
in the notebooks.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

PALETTE = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]


def _require_frame(table, what: str = "df"):
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(table).__name__}")


def _require_columns(df, columns: Sequence[str]):
    absent = [c for c in columns if c not in df.columns]
    if absent:
        raise ValueError(f"no column(s) {absent} in the frame; it has {list(df.columns)}")


def _colors_for(groups) -> dict:
    return {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(groups)}


def plot_missing(df, ax=None, title: str = "missing values per column"):
    """Horizontal bars: the share of missing entries in each column, its count written beside it.

    Columns are drawn in the frame's order (top to bottom) so the picture reads like df.info().
    """
    _require_frame(df)
    if df.shape[0] == 0:
        raise ValueError("the frame has no rows to draw")
    holes = df.isna().to_numpy().sum(axis=0)
    shares = holes / len(df)
    names = [str(c) for c in df.columns]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.35 * len(names) + 1.2))
    y = np.arange(len(names))
    ax.barh(y, shares, color=[PALETTE[3] if h else PALETTE[7] for h in holes])
    for row, (share, count) in enumerate(zip(shares, holes)):
        ax.text(share, row, f"  {count} ({share:.1%})", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(0.05, float(shares.max(initial=0)) * 1.35))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel(f"share of the {len(df)} rows that is missing")
    ax.set_title(title)
    return ax


def plot_missing_matrix(df, ax=None, title: str = "where the gaps are"):
    """One pixel per cell: dark where a value is missing. Shows whether gaps share rows."""
    _require_frame(df)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3))
    ax.imshow(df.isna().to_numpy(dtype=float), aspect="auto", cmap="Greys", interpolation="nearest",
              vmin=0, vmax=1)
    ax.set_xticks(np.arange(df.shape[1]), [str(c) for c in df.columns], rotation=45, ha="right")
    ax.set_ylabel("row")
    ax.set_title(title)
    return ax


def plot_class_balance(labels, ax=None, title: str = "class balance"):
    """Bars of how many rows each class has, labelled with counts and shares (missing labels shown too)."""
    import pandas as pd

    labels = pd.Series(labels)
    tally = labels.value_counts(dropna=False)
    names = ["(missing)" if pd.isna(k) else str(k) for k in tally.index]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4, 1.1 * len(names) + 1), 3))
    bars = ax.bar(names, tally.to_numpy(), color=[PALETTE[k % len(PALETTE)] for k in range(len(names))])
    total = int(tally.sum())
    for bar, count in zip(bars, tally.to_numpy()):
        ax.annotate(f"{count}\n{count / total:.0%}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, tally.max() * 1.25)
    ax.set_ylabel("rows")
    ax.set_title(title)
    return ax


def plot_distribution(df, column: str, by: str | None = None, bins: int = 20, ax=None, log: bool = False,
                      title: str | None = None):
    """Histogram of one numeric column, one translucent histogram per group of *by* if given.

    A dashed line marks each group's median. Missing values are left out (their number goes
    into the title). log=True uses a logarithmic count axis, useful for skewed data.
    """
    _require_frame(df)
    _require_columns(df, [column] + ([by] if by else []))
    if not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    values = df[column]
    known = values.dropna()
    if known.empty:
        raise ValueError(f"column {column!r} has no known values to draw")
    edges = np.histogram_bin_edges(known.to_numpy(dtype=float), bins=int(bins))
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.2))
    if by is None:
        groups = [("all", known)]
    else:
        groups = [(name, part[column].dropna()) for name, part in df.groupby(by, sort=True)]
    colors = _colors_for([name for name, _ in groups])
    for name, part in groups:
        ax.hist(part.to_numpy(dtype=float), bins=edges, alpha=0.55 if by else 0.85, color=colors[name],
                label=f"{name} (n={len(part)})", edgecolor="white", linewidth=0.4)
        if len(part):
            ax.axvline(float(np.median(part)), color=colors[name], linestyle="--", linewidth=1.2)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(column)
    ax.set_ylabel("rows")
    gaps = int(values.isna().sum())
    ax.set_title(title or f"{column}: {bins} bins" + (f", {gaps} missing left out" if gaps else ""))
    if by is not None:
        ax.legend(frameon=False, fontsize=8)
    return ax


def plot_pairs(df, columns: Sequence[str], hue: str | None = None, max_points: int | None = 2000, seed: int = 0):
    """A scatter-plot matrix: every pair of *columns* off the diagonal, each column's histogram on it.

    Rows with a missing value in *columns* are left out. *hue* colours the points by group.
    Returns the Figure.
    """
    _require_frame(df)
    picked = [*columns]
    _require_columns(df, picked + ([hue] if hue else []))
    data = df.dropna(subset=picked)
    if max_points is not None and len(data) > max_points:
        data = data.sample(max_points, random_state=seed)
    k = len(picked)
    fig, axes = plt.subplots(k, k, figsize=(2.1 * k + 0.5, 2.1 * k), squeeze=False)
    groups = [("all", data)] if hue is None else list(data.groupby(hue, sort=True))
    colors = _colors_for([name for name, _ in groups])
    edges = {c: np.histogram_bin_edges(data[c].to_numpy(dtype=float), bins=15) for c in picked}
    for i, row_name in enumerate(picked):
        for j, col_name in enumerate(picked):
            ax = axes[i][j]
            for name, part in groups:
                if i == j:
                    ax.hist(part[col_name].to_numpy(dtype=float), bins=edges[col_name], alpha=0.55, color=colors[name])
                else:
                    ax.scatter(part[col_name], part[row_name], s=6, alpha=0.6, color=colors[name], label=str(name))
            if i == k - 1:
                ax.set_xlabel(col_name, fontsize=8)
            if j == 0:
                ax.set_ylabel(row_name, fontsize=8)
            ax.tick_params(labelsize=7)
    if hue is not None and k > 1:
        axes[0][1].legend(frameon=False, fontsize=7, markerscale=2)
    fig.tight_layout()
    return fig


def plot_correlation(df, columns: Sequence[str] | None = None, ax=None, title: str = "Pearson correlation"):
    """Heat map of the pairwise correlations of numeric columns, each cell labelled with its value."""
    _require_frame(df)
    data = df.select_dtypes("number") if columns is None else df[list(columns)]
    corr = data.corr()
    names = [str(c) for c in corr.columns]
    if ax is None:
        _, ax = plt.subplots(figsize=(0.9 * len(names) + 2.5, 0.8 * len(names) + 1.5))
    image = ax.imshow(corr.to_numpy(), cmap="coolwarm", vmin=-1, vmax=1)
    for i in range(len(names)):
        for j in range(len(names)):
            ax.text(j, i, f"{corr.iat[i, j]:.2f}", ha="center", va="center", fontsize=8)
    ax.set_xticks(np.arange(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(np.arange(len(names)), names)
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    ax.set_title(title)
    return ax
