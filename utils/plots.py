"""Plotting helpers for the lessons and assignments (matplotlib)."""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

BAR_COLOR = "#6b5b4b"
WATER_COLOR = "#4a90d9"


def plot_terrain(heights: Sequence[int], water: Sequence[int] | None = None, ax=None, title: str | None = None):
    """Draw a terrain of bars and, if given, the water standing above each bar.

    *water* is the depth of water above each bar (same length as *heights*);
    computing it is the exercise, so this function only draws.
    Returns the matplotlib Axes.
    """
    heights = np.asarray(heights, dtype=float)
    if heights.ndim != 1:
        raise ValueError(f"heights must be one-dimensional, got shape {heights.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4, 0.45 * len(heights) + 1), 3))
    x = np.arange(len(heights))
    ax.bar(x, heights, width=1.0, color=BAR_COLOR, edgecolor="white", label="terrain")
    total = 0.0
    if water is not None:
        water = np.asarray(water, dtype=float)
        if water.shape != heights.shape:
            raise ValueError(f"water has shape {water.shape}, heights has shape {heights.shape}")
        ax.bar(x, water, width=1.0, bottom=heights, color=WATER_COLOR, edgecolor="white", label="water")
        total = water.sum()
    ax.set_xlim(-0.5, max(len(heights) - 0.5, 0.5))
    ax.set_ylim(0, max(1.0, float((heights + (water if water is not None else 0)).max(initial=0)) * 1.15))
    ax.set_xlabel("position")
    ax.set_ylabel("height")
    ax.set_title(title if title is not None else (f"water trapped: {total:g}" if water is not None else "terrain"))
    ax.legend(loc="upper right", frameon=False)
    return ax


def plot_runtimes(sizes: Sequence[int], timings: Mapping[str, Sequence[float]], ax=None, title: str = "run time"):
    """Log-log plot of run time against input size, one line per method."""
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    for label, seconds in timings.items():
        if len(seconds) != len(sizes):
            raise ValueError(f"{label!r} has {len(seconds)} timings for {len(sizes)} sizes")
        ax.loglog(sizes, seconds, marker="o", label=label)
    ax.set_xlabel("n (input size)")
    ax.set_ylabel("seconds")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(frameon=False)
    return ax
