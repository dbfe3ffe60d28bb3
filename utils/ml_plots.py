"""Plotting helpers for the machine-learning concepts lesson (notebooks/ml_concepts.ipynb).

Each function only draws what it is given: the numbers (errors, curves, coefficients)
are computed in the lesson, with scikit-learn. Every function returns its matplotlib Figure.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

TRAIN_COLOR = "#1f77b4"
TEST_COLOR = "#d62728"
NEG_COLOR = "#7f7f7f"
POS_COLOR = "#ff7f0e"


def _check_same_length(**arrays):
    lengths = {name: len(values) for name, values in arrays.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"these inputs must have the same length: {lengths}")


def plot_bias_variance(x_train, y_train, x_test, y_test, x_grid, y_fit, degrees, train_error, test_error,
                       degree: int, xlabel: str = "x", ylabel: str = "y"):
    """Left: the data and one fitted curve. Right: train and test error against the model's degree,
    with the current degree marked."""
    _check_same_length(degrees=degrees, train_error=train_error, test_error=test_error)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    left.scatter(x_test, y_test, s=8, color=NEG_COLOR, alpha=0.35, label="test data")
    left.scatter(x_train, y_train, s=22, color=TRAIN_COLOR, label="training data")
    left.plot(x_grid, y_fit, color=TEST_COLOR, lw=2, label=f"degree {degree} fit")
    pad = 0.15 * (np.max(y_train) - np.min(y_train))
    left.set_ylim(np.min(y_train) - pad, np.max(y_train) + pad)
    left.set_xlabel(xlabel)
    left.set_ylabel(ylabel)
    left.legend(frameon=False, fontsize=8, loc="lower center")
    left.set_title("the model")
    right.plot(degrees, train_error, marker="o", color=TRAIN_COLOR, label="training error")
    right.plot(degrees, test_error, marker="o", color=TEST_COLOR, label="test error")
    right.axvline(degree, color="black", ls=":", lw=1)
    right.set_yscale("log")
    right.set_xlabel("polynomial degree (model complexity)")
    right.set_ylabel("mean squared error")
    best = int(np.asarray(degrees)[np.argmin(test_error)])
    right.set_title(f"lowest test error at degree {best}")
    right.legend(frameon=False)
    fig.tight_layout()
    return fig


def plot_threshold(scores, y_true, threshold: float, thresholds, precision, recall, f1=None):
    """Left: the scores of each class and the decision threshold. Right: precision, recall (and F1)
    against the threshold, the current one marked."""
    scores, y_true = np.asarray(scores), np.asarray(y_true)
    _check_same_length(scores=scores, y_true=y_true)
    _check_same_length(thresholds=thresholds, precision=precision, recall=recall)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
    bins = np.linspace(0, 1, 31)
    left.hist(scores[y_true == 0], bins=bins, alpha=0.6, color=NEG_COLOR, label="negative cases")
    left.hist(scores[y_true == 1], bins=bins, alpha=0.6, color=POS_COLOR, label="positive cases")
    left.axvline(threshold, color="black", lw=2, label=f"threshold {threshold:.2f}")
    left.set_xlabel("model score")
    left.set_ylabel("cases")
    left.legend(frameon=False, fontsize=8)
    left.set_title("everything right of the line is flagged positive")
    right.plot(thresholds, precision, label="precision", color=TRAIN_COLOR)
    right.plot(thresholds, recall, label="recall", color=TEST_COLOR)
    if f1 is not None:
        right.plot(thresholds, f1, label="F1", color="black", ls="--")
    right.axvline(threshold, color="black", ls=":", lw=1)
    right.set_xlabel("threshold")
    right.set_ylim(0, 1.05)
    right.legend(frameon=False, loc="lower left")
    right.set_title("raising the threshold trades recall for precision")
    fig.tight_layout()
    return fig


def plot_roc_curves(curves: Mapping[str, tuple], title: str = "ROC curves"):
    """curves: label -> (false positive rates, true positive rates, AUC). The diagonal is a coin."""
    fig, ax = plt.subplots(figsize=(4.8, 4.5))
    for label, (fpr, tpr, auc) in curves.items():
        _check_same_length(fpr=fpr, tpr=tpr)
        ax.plot(fpr, tpr, lw=2, label=f"{label} (AUC = {auc:.3f})")
    ax.plot([0, 1], [0, 1], color="black", ls=":", lw=1, label="guessing (AUC = 0.5)")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate (recall)")
    ax.set_aspect("equal")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_means(grid, arithmetic, harmonic, title: str = "two ways to average precision and recall"):
    """Side-by-side heat maps of two averages of (precision, recall) over a square grid."""
    fig, axes = plt.subplots(1, 2, figsize=(9.5, 4))
    for ax, values, name in ((axes[0], arithmetic, "arithmetic mean (P + R) / 2"),
                             (axes[1], harmonic, "harmonic mean 2PR / (P + R) = F1")):
        image = ax.imshow(values, origin="lower", extent=(grid[0], grid[-1], grid[0], grid[-1]),
                          vmin=0, vmax=1, cmap="viridis")
        contours = ax.contour(grid, grid, values, levels=[0.2, 0.4, 0.6, 0.8], colors="white", linewidths=1)
        ax.clabel(contours, fontsize=8)
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_title(name)
    fig.colorbar(image, ax=axes, shrink=0.8)
    fig.suptitle(title)
    return fig


def plot_coefficient_paths(ridge_alphas, ridge_coefs, lasso_alphas, lasso_coefs, names: Sequence[str]):
    """Coefficient paths: one line per feature against the penalty, ridge left, lasso right.
    *_coefs have shape (number of features, number of alphas)."""
    ridge_coefs, lasso_coefs = np.asarray(ridge_coefs), np.asarray(lasso_coefs)
    if ridge_coefs.shape != (len(names), len(ridge_alphas)) or lasso_coefs.shape != (len(names), len(lasso_alphas)):
        raise ValueError("coefficients must have shape (number of features, number of alphas)")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    colors = plt.cm.tab10(np.arange(len(names)) % 10)
    for ax, alphas, coefs, name in ((axes[0], ridge_alphas, ridge_coefs, "ridge: shrinks smoothly, never to 0"),
                                    (axes[1], lasso_alphas, lasso_coefs, "lasso: coefficients hit exactly 0")):
        for row, label, color in zip(coefs, names, colors):
            ax.plot(alphas, row, color=color, label=label)
        ax.set_xscale("log")
        ax.axhline(0, color="black", lw=0.7)
        ax.set_xlabel("penalty alpha (log scale)")
        ax.set_title(name)
    axes[0].set_ylabel("coefficient (standardized features)")
    axes[1].legend(frameon=False, fontsize=7, loc="upper right", ncol=2)
    fig.tight_layout()
    return fig


def plot_decision_regions(models: Mapping[str, object], X, y, X_test=None, y_test=None, resolution: int = 150):
    """One panel per fitted classifier: its predicted class over the plane and the data points."""
    X = np.asarray(X)
    y = np.asarray(y)
    pad = 0.5
    xs = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    ys = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.c_[gx.ravel(), gy.ravel()]
    fig, axes = plt.subplots(1, len(models), figsize=(3.8 * len(models), 3.6), squeeze=False)
    for ax, (name, model) in zip(axes[0], models.items()):
        zone = model.predict(grid).reshape(gx.shape)
        ax.contourf(gx, gy, zone, levels=[-0.5, 0.5, 1.5], colors=["#dddddd", "#ffd8b0"])
        ax.scatter(X[:, 0], X[:, 1], c=np.where(y == 1, POS_COLOR, NEG_COLOR), s=10, edgecolors="none")
        title = name
        if X_test is not None:
            title += f"\ntest accuracy {np.mean(model.predict(X_test) == np.asarray(y_test)):.3f}"
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig


def plot_score_curves(x, curves: Mapping[str, Sequence[float]], xlabel: str, ylabel: str, title: str = "",
                      marker_x=None):
    """Several score curves against a common x (e.g. number of trees), optionally marking one x."""
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for label, values in curves.items():
        _check_same_length(x=x, values=values)
        ax.plot(x, values, marker=".", label=label)
    if marker_x is not None:
        ax.axvline(marker_x, color="black", ls=":", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def plot_score_bars(results: Mapping[str, tuple], ylabel: str = "cross-validated score", title: str = ""):
    """Horizontal bars with error bars: label -> (mean, standard deviation)."""
    labels = list(results)
    means = [results[k][0] for k in labels]
    stds = [results[k][1] for k in labels]
    fig, ax = plt.subplots(figsize=(7, 0.55 * len(labels) + 1.2))
    ax.barh(labels, means, xerr=stds, color=TRAIN_COLOR, alpha=0.8, capsize=4)
    lo = min(m - s for m, s in zip(means, stds))
    hi = max(m + s for m, s in zip(means, stds))
    ax.set_xlim(lo - 0.1 * (hi - lo + 1e-9), hi + 0.1 * (hi - lo + 1e-9))
    for i, m in enumerate(means):
        ax.text(m, i, f" {m:.4f}", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(ylabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_similarity(matrix, labels: Sequence[str], title: str = "cosine similarity"):
    """A square similarity matrix as an annotated heat map."""
    matrix = np.asarray(matrix)
    if matrix.shape != (len(labels), len(labels)):
        raise ValueError(f"matrix has shape {matrix.shape} for {len(labels)} labels")
    size = 0.45 * len(labels) + 2
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(matrix, cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    if len(labels) <= 14:
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, f"{matrix[i, j]:.2f}", ha="center", va="center", fontsize=7)
    fig.colorbar(image, ax=ax, shrink=0.8)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_word_map(points, words: Sequence[str], groups: Sequence[int] | None = None, title: str = "word vectors in 2-D"):
    """Words placed at 2-D coordinates (e.g. the first two principal components of their vectors)."""
    points = np.asarray(points)
    if points.shape != (len(words), 2):
        raise ValueError(f"points must have shape ({len(words)}, 2), got {points.shape}")
    fig, ax = plt.subplots(figsize=(6, 4.5))
    colors = plt.cm.tab10(np.asarray(groups) % 10) if groups is not None else TRAIN_COLOR
    ax.scatter(points[:, 0], points[:, 1], c=colors, s=30)
    for (x, y), word in zip(points, words):
        ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=9)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    return fig


def plot_feature_effects(curves: Mapping[str, tuple], threshold: float = 0.5,
                         title: str = "what if one thing about this applicant were different?"):
    """One panel per feature: feature name -> (grid of values, predicted probability on the grid,
    the applicant's own value, the applicant's probability). The threshold line is the decision."""
    names = list(curves)
    cols = min(len(names), 3)
    rows = int(np.ceil(len(names) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.8 * rows), squeeze=False, sharey=True)
    for ax, name in zip(axes.ravel(), names):
        grid, prob, own_value, own_prob = curves[name]
        _check_same_length(grid=grid, prob=prob)
        ax.plot(grid, prob, color=TRAIN_COLOR)
        ax.axhline(threshold, color="black", ls=":", lw=1)
        ax.scatter([own_value], [own_prob], color=TEST_COLOR, zorder=3, label="this applicant")
        ax.set_xlabel(name)
        ax.set_ylim(-0.02, 1.02)
    for ax in axes.ravel()[len(names):]:
        ax.set_visible(False)
    axes[0, 0].set_ylabel("probability of approval")
    axes[0, 0].legend(frameon=False, fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
