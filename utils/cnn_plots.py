"""Plotting helpers for the lesson notebooks/cnn_concepts.ipynb (matplotlib, imported lazily).

Every helper only draws what it is given: the numbers (feature maps, gradient norms,
receptive fields, shapes) are computed in the lesson. Each returns the matplotlib Figure.
"""
from __future__ import annotations

from typing import Mapping, Sequence


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _np():
    import numpy as np

    return np


def show_maps(images: Sequence, titles: Sequence[str] | None = None, cmap: str = "gray", ncols: int | None = None,
              size: float = 2.6, suptitle: str | None = None, colorbar: bool = False,
              vmin: float | None = None, vmax: float | None = None):
    """Draw 2-D arrays side by side (wrapping after *ncols*), without axes ticks.

    Give *vmin* and *vmax* to draw every panel on the same colour scale (otherwise each
    panel is stretched to its own range, and a constant panel shows as one flat colour)."""
    plt = _plt()
    images = list(images)
    if not images:
        raise ValueError("show_maps needs at least one image")
    ncols = ncols or len(images)
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for index, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if index >= len(images):
            continue
        shown = ax.imshow(images[index], cmap=cmap, interpolation="nearest", vmin=vmin, vmax=vmax)
        if titles is not None and index < len(titles):
            ax.set_title(titles[index], fontsize=9)
        if colorbar:
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def show_kernel_effect(image, kernel, feature_map, name: str = "kernel"):
    """Three panels: the input image, the kernel with its numbers written in, and the feature map."""
    plt = _plt()
    np = _np()
    kernel = np.asarray(kernel, dtype=float)
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(12, 3.6), gridspec_kw={"width_ratios": [3, 1.4, 3]})
    left.imshow(image, cmap="gray")
    left.set_title(f"input {np.shape(image)[0]}×{np.shape(image)[1]}")
    limit = max(float(np.abs(kernel).max()), 1e-12)
    middle.imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)
    if kernel.size <= 49:
        for (r, c), value in np.ndenumerate(kernel):
            middle.text(c, r, f"{value:.2g}", ha="center", va="center", fontsize=8)
    middle.set_title(f"{name}\n{kernel.shape[0]}×{kernel.shape[1]}", fontsize=9)
    spread = float(np.percentile(np.abs(feature_map), 99)) or 1.0
    signed = feature_map.min() < 0
    right.imshow(feature_map, cmap="RdBu_r" if signed else "gray",
                 vmin=-spread if signed else None, vmax=spread if signed else None)
    right.set_title(f"feature map {feature_map.shape[0]}×{feature_map.shape[1]}")
    for ax in (left, middle, right):
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig


def show_shift_response(shifted, feature_map, pooled, shift: int, pooled_reference):
    """The shifted input, its feature map, its pooled map and how far the pooled map moved."""
    plt = _plt()
    np = _np()
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.2))
    panels = [(shifted, f"input shifted by {shift} px"), (feature_map, "feature map (moves with it)"),
              (pooled, "after 2×2 max-pooling"), (np.abs(pooled - pooled_reference), "|pooled − pooled at shift 0|")]
    for ax, (data, title) in zip(axes, panels):
        ax.imshow(data, cmap="magma" if "|" in title else "gray", interpolation="nearest",
                  vmin=0 if "|" in title else None, vmax=float(np.max(pooled_reference)) if "|" in title else None)
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
    fig.tight_layout()
    return fig


def plot_shift_curves(shifts: Sequence[int], curves: Mapping[str, Sequence[float]], ax=None,
                      title: str = "how much the response changes when the input moves"):
    """Relative change of several responses against the size of the shift."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.6))
    for label, values in curves.items():
        ax.plot(shifts, values, marker="o", label=label)
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_ylabel("relative change")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


def draw_receptive_fields(stack_fields: Sequence[int], single_field: int, grid: int | None = None,
                          stack_label: str = "three 3×3 layers", single_label: str = "one 7×7 layer"):
    """Input grids with the region seen by one output unit: nested squares for each layer of a
    stack (*stack_fields*, e.g. [3, 5, 7]) and one square for a single large kernel."""
    plt = _plt()
    from matplotlib.patches import Rectangle

    grid = grid or max(max(stack_fields, default=1), single_field) + 4
    centre = grid / 2
    colors = plt.cm.viridis([0.15 + 0.7 * i / max(len(stack_fields) - 1, 1) for i in range(len(stack_fields))])
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.4))
    for ax, fields, palette, title in ((axes[0], list(stack_fields), colors, stack_label),
                                       (axes[1], [single_field], ["#d1495b"], single_label)):
        for k in range(grid + 1):
            ax.axhline(k, color="#dddddd", lw=0.6)
            ax.axvline(k, color="#dddddd", lw=0.6)
        for depth, (field, color) in enumerate(sorted(zip(fields, palette), key=lambda fc: -fc[0])):
            corner = centre - field / 2
            ax.add_patch(Rectangle((corner, corner), field, field, facecolor=color, alpha=0.35, edgecolor=color, lw=2))
        for field, color in zip(fields, palette):
            ax.text(centre + field / 2 - 0.1, centre - field / 2 + 0.1, f"{field}×{field}", color=color,
                    ha="right", va="bottom", fontsize=8, fontweight="bold")
        ax.add_patch(Rectangle((centre - 0.5, centre - 0.5), 1, 1, facecolor="black"))
        ax.set_xlim(0, grid)
        ax.set_ylim(0, grid)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
    fig.suptitle("input pixels that can influence one output unit (black: the unit's own position)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_histograms(before, after, names: Sequence[str] | None = None, bins: int = 40):
    """Histograms of each column of *before* (top row) and *after* (bottom row), same x-axis per row."""
    plt = _plt()
    np = _np()
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    if before.shape != after.shape or before.ndim != 2:
        raise ValueError(f"before and after must be 2-D arrays of the same shape, got {before.shape} and {after.shape}")
    n = before.shape[1]
    names = list(names) if names is not None else [f"feature {j}" for j in range(n)]
    fig, axes = plt.subplots(2, n, figsize=(2.8 * n, 5), sharex="row", squeeze=False)
    for j in range(n):
        for row, data, label in ((0, before, "before"), (1, after, "after")):
            ax = axes[row, j]
            col = data[:, j]
            ax.hist(col, bins=bins, color=f"C{j}", alpha=0.8)
            ax.axvline(col.mean(), color="black", lw=1)
            ax.set_title(f"{names[j]} {label}\nmean {col.mean():.2f}, std {col.std():.2f}", fontsize=8)
            ax.set_yticks([])
    fig.tight_layout()
    return fig


def plot_gradient_depth(curves: Mapping[str, Sequence[float]], ax=None, title: str = "gradient norm at each layer",
                        xlabel: str = "layer (1 = closest to the input)"):
    """One line per network: the gradient norm reaching each layer, on a log scale."""
    plt = _plt()
    np = _np()
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.8))
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        ax.semilogy(np.arange(1, len(values) + 1), values, marker=".", label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("norm of the gradient (log scale)")
    ax.set_title(title)
    ax.grid(alpha=0.3, which="both")
    ax.legend(frameon=False, fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


def plot_activation_slopes(x, curves: Mapping[str, Sequence[float]], ax=None):
    """Derivatives of activation functions against their input."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.2))
    for label, values in curves.items():
        ax.plot(x, values, label=label)
    ax.set_xlabel("input")
    ax.set_ylabel("slope")
    ax.set_title("derivative of the activation")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    ax.figure.tight_layout()
    return ax.figure


def draw_encoder_decoder(stages: Sequence[tuple[str, int, int]], skips: Sequence[tuple[int, int]] = ()):
    """Boxes for the feature maps of an encoder-decoder: *stages* is a list of (label, side, channels);
    a box's height follows the spatial side, its width the number of channels (log scale).
    *skips* are pairs of stage indices joined by a skip connection."""
    plt = _plt()
    np = _np()
    from matplotlib.patches import FancyArrowPatch, Rectangle

    sides = np.array([s for _, s, _ in stages], dtype=float)
    chans = np.array([c for _, _, c in stages], dtype=float)
    heights = 4.0 * sides / sides.max()
    widths = 0.25 + 0.25 * np.log2(chans)
    fig, ax = plt.subplots(figsize=(1.35 * len(stages) + 1, 5.2))
    x = 0.0
    centres = []
    for (label, side, channels), h, w in zip(stages, heights, widths):
        ax.add_patch(Rectangle((x, -h / 2), w, h, facecolor="#8fb9e3", edgecolor="#2b5d8a"))
        ax.text(x + w / 2, -h / 2 - 0.25, f"{side}×{side}\n×{channels}", ha="center", va="top", fontsize=8)
        ax.text(x + w / 2, h / 2 + 0.12, label, ha="center", va="bottom", fontsize=8, rotation=30)
        centres.append((x + w / 2, h / 2))
        x += w + 0.6
    for a, b in skips:
        (xa, ha), (xb, hb) = centres[a], centres[b]
        ax.add_patch(FancyArrowPatch((xa, ha + 0.6), (xb, hb + 0.6), connectionstyle="arc3,rad=-0.12",
                                     arrowstyle="->", mutation_scale=12, color="#d1495b"))
    ax.set_xlim(-0.3, x)
    ax.set_ylim(-3.2, 2.4 + 0.08 * (x if skips else 0) + 1.2)
    ax.set_axis_off()
    ax.set_title("encoder (shrinks, adds channels) → decoder (grows back); red arrows: skip connections", fontsize=10)
    fig.tight_layout()
    return fig


def plot_learning_curves(sizes: Sequence[int], curves: Mapping[str, tuple[Sequence[float], Sequence[float]]], ax=None,
                         title: str = "accuracy against the number of training examples"):
    """For each model: training accuracy (dashed) and test accuracy (solid) against the training-set size."""
    plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for index, (label, (train, test)) in enumerate(curves.items()):
        ax.plot(sizes, train, linestyle="--", marker=".", color=f"C{index}", alpha=0.7, label=f"{label}: training")
        ax.plot(sizes, test, linestyle="-", marker="o", color=f"C{index}", label=f"{label}: test")
    ax.set_xscale("log")
    ax.set_xlabel("training examples (log scale)")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.grid(alpha=0.3, which="both")
    ax.legend(frameon=False, fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


def plot_degradation(steps: Sequence[int], curves: Mapping[str, Sequence[float]], depths: Sequence[int],
                     final: Mapping[str, Sequence[float]], title: str = "training loss of plain and residual stacks"):
    """Two panels, losses on a log scale. Left: the training loss against the training step, one line per
    network (*curves*: label -> one loss per entry of *steps*). Right: the training loss at the end against
    the number of layers (*final*: label -> one loss per entry of *depths*)."""
    plt = _plt()
    np = _np()
    for label, values in curves.items():
        if len(values) != len(steps):
            raise ValueError(f"curve {label!r} has {len(values)} losses for {len(steps)} steps")
    for label, values in final.items():
        if len(values) != len(depths):
            raise ValueError(f"final losses {label!r} has {len(values)} values for {len(depths)} depths")
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    for label, values in curves.items():
        left.semilogy(steps, np.asarray(values, dtype=float), marker=".", label=label)
    left.set_xlabel("training step")
    left.set_ylabel("training loss (log scale)")
    left.legend(frameon=False, fontsize=8, loc="lower left")
    for label, values in final.items():
        right.semilogy(depths, np.asarray(values, dtype=float), marker="o", label=label)
    right.set_xticks(list(depths))
    right.set_xlabel("hidden layers")
    right.set_ylabel(f"training loss after {steps[-1]} steps (log scale)")
    right.legend(frameon=False, fontsize=8)
    for ax in (left, right):
        ax.grid(alpha=0.3, which="both")
    fig.suptitle(title)
    fig.tight_layout()
    return fig
