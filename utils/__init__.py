"""Helpers shared by the course's lessons and assignments.

Import the part you need, for example ``from utils.plots import plot_terrain``.
Importing ``utils`` itself loads nothing heavy: numpy, pandas and matplotlib are
imported by the submodules that need them, when you import those submodules.

This package ships to students, so it holds plotting, data loading and test
helpers only, never the answer to an exercise.
"""

__all__ = ["plots", "datasets", "testing"]
