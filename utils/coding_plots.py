"""Drawings for the lesson on coding questions (matplotlib).

Every function here only *draws* what it is given: the searches, tables and
answers are computed in the lesson (or by you, in the assignment). Each one
returns the matplotlib Axes it drew on, and accepts ``ax=`` to draw into a
figure of your own.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, Rectangle

PLAIN = "#f4f1ea"
TRIED = "#b9b2a5"
HIT = "#d9534f"
FOCUS = "#4a90d9"
FRONTIER = "#f0ad4e"
DONE = "#8fbf7f"
EDGE = "#6b5b4b"


def _axes(ax, size):
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _cell(ax, x, y, text, color, width=1.0, height=1.0, fontsize=11, weight="normal"):
    ax.add_patch(Rectangle((x, y), width, height, facecolor=color, edgecolor=EDGE, linewidth=1))
    ax.text(x + width / 2, y + height / 2, text, ha="center", va="center", fontsize=fontsize, weight=weight)


# --------------------------------------------------------------------------- brute force

def plot_pin_grid(tried: int, found: int | None = None, ax=None, columns: int = 50):
    """All 1,000 three-digit PINs as a grid, in the order a brute force tries them.

    The first *tried* PINs are grey; *found* (the PIN as a number, one of those tried) is red.
    """
    if not 0 <= tried <= 1000:
        raise ValueError(f"tried must be between 0 and 1000, got {tried}")
    if found is not None and not 0 <= found < tried:
        raise ValueError(f"found must be one of the {tried} PINs tried, got {found}")
    ax = _axes(ax, (9, 3.6))
    rows = -(-1000 // columns)
    grid = np.zeros((rows, columns))
    flat = grid.reshape(-1)
    flat[:tried] = 1
    if found is not None:
        flat[found] = 2
    flat[1000:] = np.nan
    from matplotlib.colors import ListedColormap
    ax.imshow(grid, cmap=ListedColormap([PLAIN, TRIED, HIT]), vmin=0, vmax=2, aspect="auto")
    ax.set_xticks(range(0, columns, 10), [f"+{c}" for c in range(0, columns, 10)])
    ax.set_yticks(range(0, rows, 4), [f"{r * columns:03d}" for r in range(0, rows, 4)])
    ax.set_xlabel("PIN = row start + column")
    title = f"{tried:,} of 1,000 PINs tried"
    if found is not None:
        title += f", the last one is the PIN {found:03d}"
    ax.set_title(title)
    return ax


def plot_search_space(lengths: Sequence[int], sizes: Sequence[float], tries_per_second: float, ax=None):
    """Worst-case brute-force time (log scale) against the length of the secret."""
    ax = _axes(ax, (6, 3.2))
    seconds = np.asarray(sizes, dtype=float) / tries_per_second
    ax.bar([str(n) for n in lengths], seconds, color=FOCUS)
    ax.set_yscale("log")
    ax.set_ylim(seconds.min() / 5, seconds.max() * 20)
    for x, s in enumerate(seconds):
        ax.text(x, s, _duration(s), ha="center", va="bottom", fontsize=9)
    ax.set_xlabel("digits in the secret")
    ax.set_ylabel("seconds, worst case")
    ax.set_title(f"brute force at {tries_per_second:,.0f} tries a second")
    return ax


def _duration(seconds: float) -> str:
    for unit, size in (("years", 365 * 86400), ("days", 86400), ("h", 3600), ("min", 60), ("s", 1), ("ms", 1e-3)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds * 1e6:.3g} µs"


# --------------------------------------------------------------------------- strings and lists

def plot_characters(text: str, highlight: Iterable[int] = (), ax=None, title: str | None = None,
                    labels: Sequence[str] | None = None, x: float = 0.0, y: float = 0.0, color: str = FOCUS):
    """The characters of *text* in boxes starting at (*x*, *y*); positions in *highlight* are coloured.

    *labels* (one string per character, may be empty) are written underneath. Call it several times
    on one Axes, with different *y*, to draw rows under each other.
    """
    ax = _axes(ax, (max(3, 0.5 * len(text) + 1), 1.6))
    marked = set(highlight)
    for i, ch in enumerate(text):
        _cell(ax, x + i, y, ch, color if i in marked else PLAIN, weight="bold" if i in marked else "normal")
        if labels is not None and labels[i]:
            ax.text(x + i + 0.5, y - 0.3, labels[i], ha="center", va="center", fontsize=8, color=EDGE)
    ax.autoscale_view()
    ax.margins(0.02, 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_linked_list(values: Sequence, current: int | None = None, found: bool = False, ax=None,
                     title: str | None = None):
    """Nodes as boxes joined by arrows, from headval to None; the node at *current* is coloured."""
    ax = _axes(ax, (max(4, 1.6 * len(values) + 2), 1.8))
    ax.text(-0.8, 0.5, "headval", ha="right", va="center", fontsize=9)
    ax.add_patch(FancyArrowPatch((-0.75, 0.5), (0, 0.5), arrowstyle="->", mutation_scale=12, color=EDGE))
    for i, value in enumerate(values):
        x = 1.6 * i
        color = (HIT if found else FOCUS) if i == current else (TRIED if current is not None and i < current else PLAIN)
        _cell(ax, x, 0, repr(value), color, width=1.0)
        ax.text(x + 0.5, -0.3, f"node {i}", ha="center", fontsize=8, color=EDGE)
        ax.add_patch(FancyArrowPatch((x + 1.0, 0.5), (x + 1.6, 0.5), arrowstyle="->", mutation_scale=12, color=EDGE))
    end = 1.6 * len(values)
    ax.text(end + 0.1, 0.5, "None", ha="left", va="center", fontsize=10, style="italic")
    ax.set_xlim(-2.2, end + 1.2)
    ax.set_ylim(-0.6, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_key_lists(dictionary: Mapping, target, ax=None, winner=None):
    """One row per key with its list; every occurrence of *target* is coloured, its first one boldly."""
    keys = list(dictionary)
    width = max([len(v) for v in dictionary.values()] + [1])
    ax = _axes(ax, (max(4, 0.8 * width + 2), 0.7 * len(keys) + 1))
    for r, key in enumerate(keys):
        y = len(keys) - 1 - r
        ax.text(-0.3, y + 0.5, f"{key!r}" + ("  ◀" if winner is not None and key == winner else ""),
                ha="right", va="center", fontsize=11, weight="bold" if key == winner else "normal")
        first = True
        for c, value in enumerate(dictionary[key]):
            hit = value == target
            _cell(ax, c, y, str(value), (HIT if first else FRONTIER) if hit else PLAIN)
            first = first and not hit
    for c in range(width):
        ax.text(c + 0.5, len(keys) + 0.2, str(c), ha="center", fontsize=8, color=EDGE)
    ax.set_xlim(-2.5, width + 0.2)
    ax.set_ylim(-0.2, len(keys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"distance of {target!r} in each list")
    return ax


# --------------------------------------------------------------------------- breadth-first search

def plot_word_levels(levels: Sequence[Sequence[str]], edges: Iterable[tuple[str, str]], shown: int | None = None,
                     path: Sequence[str] = (), ax=None, title: str | None = None):
    """Words laid out in columns by BFS level, with the one-letter edges between them.

    *levels* is a list of lists of words (level 0 holds the start word); columns up to *shown*
    are drawn as visited, column *shown* as the frontier, later ones faintly; *path* is drawn in red.
    """
    shown = len(levels) - 1 if shown is None else shown
    ax = _axes(ax, (max(6, 1.6 * len(levels)), max(3, 0.55 * max(len(l) for l in levels) + 1)))
    where = {}
    tallest = max(len(level) for level in levels)
    for x, level in enumerate(levels):
        for k, word in enumerate(sorted(level)):
            where[word] = (x, (len(level) - 1) / 2 - k)
    on_path = set(zip(path, path[1:])) | set(zip(path[1:], path))
    for u, v in edges:
        if u in where and v in where:
            (x1, y1), (x2, y2) = where[u], where[v]
            visible = max(x1, x2) <= shown
            red = (u, v) in on_path
            ax.plot([x1, x2], [y1, y2], color=HIT if red else EDGE, lw=2.5 if red else 0.8,
                    alpha=1 if (visible or red) else 0.15, zorder=1)
    for word, (x, y) in where.items():
        color = FRONTIER if x == shown else (DONE if x < shown else PLAIN)
        if word in path:
            color = HIT if x <= shown else color
        ax.text(x, y, word, ha="center", va="center", fontsize=10, zorder=2,
                bbox=dict(boxstyle="round,pad=0.3", facecolor=color, edgecolor=EDGE, alpha=1 if x <= shown + 1 else 0.4))
    ax.set_xticks(range(len(levels)), [f"{x + 1} word{'s' if x else ''}" for x in range(len(levels))])
    ax.set_yticks([])
    ax.set_xlim(-0.6, len(levels) - 0.4)
    ax.set_ylim(-tallest / 2 - 0.2, tallest / 2 + 0.2)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or f"frontier after {shown} step{'s' if shown != 1 else ''}: {len(levels[shown])} word(s)")
    return ax


# --------------------------------------------------------------------------- dynamic programming

def plot_dp_table(table, rows: str, columns: str, filled: int | None = None, path: Iterable[tuple[int, int]] = (),
                  ax=None, title: str | None = None):
    """A dynamic-programming table as a heat map with its numbers.

    ``table[i][j]`` belongs to the prefixes ``rows[:i]`` and ``columns[:j]``, so the table is
    ``(len(rows) + 1) x (len(columns) + 1)``. Rows after *filled* are left blank; cells on *path* are outlined.
    """
    table = np.asarray(table, dtype=float)
    if table.shape != (len(rows) + 1, len(columns) + 1):
        raise ValueError(f"table has shape {table.shape}, expected {(len(rows) + 1, len(columns) + 1)}")
    filled = table.shape[0] - 1 if filled is None else filled
    shown = table.copy()
    shown[filled + 1:] = np.nan
    ax = _axes(ax, (0.5 * table.shape[1] + 2, 0.5 * table.shape[0] + 1.2))
    image = ax.imshow(shown, cmap="YlGnBu", vmin=0, vmax=max(1.0, np.nanmax(table)))
    for i in range(min(filled + 1, table.shape[0])):
        for j in range(table.shape[1]):
            ax.text(j, i, f"{table[i, j]:g}", ha="center", va="center", fontsize=9,
                    color="white" if table[i, j] > 0.6 * max(1.0, np.nanmax(table)) else "black")
    for i, j in path:
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=HIT, linewidth=2.2))
    ax.set_xticks(range(table.shape[1]), ["∅"] + list(columns))
    ax.set_yticks(range(table.shape[0]), ["∅"] + list(rows))
    ax.xaxis.tick_top()
    ax.figure.colorbar(image, ax=ax, shrink=0.7, label="length of a longest common subsequence")
    if title:
        ax.set_title(title, pad=30)
    return ax


# --------------------------------------------------------------------------- binary search

def plot_binary_search(values: Sequence, steps: Sequence[tuple[int, int, int | None]], step: int, target,
                       ax=None, answer: int | None = None):
    """The sorted *values* with the interval [low, high) of *steps[step]* and its middle marked.

    Each step is ``(low, high, middle)``; positions outside the interval are greyed out.
    """
    if not 0 <= step < len(steps):
        raise ValueError(f"step must be between 0 and {len(steps) - 1}, got {step}")
    low, high, middle = steps[step]
    ax = _axes(ax, (max(6, 0.55 * len(values) + 1), 2.0))
    for i, value in enumerate(values):
        color = PLAIN if low <= i < high else TRIED
        if i == middle:
            color = FOCUS
        if answer is not None and i == answer and step == len(steps) - 1:
            color = HIT
        _cell(ax, i, 0, f"{value:g}", color, fontsize=9)
        ax.text(i + 0.5, -0.35, str(i), ha="center", fontsize=7, color=EDGE)
    marks = [(low, "low = high")] if low == high else [(low, "low"), (high, "high")]
    for position, label in marks:
        ax.annotate(label, (position, 1.0), (position, 1.6), ha="center", fontsize=9,
                    arrowprops=dict(arrowstyle="->", color=EDGE))
    ax.set_xlim(-0.5, len(values) + 0.8)
    ax.set_ylim(-0.7, 2.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"target {target:g}, step {step + 1} of {len(steps)}: {high - low} position(s) left")
    return ax
