"""Real data sets that ship inside installed packages: one call each, no download.

Every loader returns a fresh object (callers may modify it freely).
"""
from __future__ import annotations


def seattle_weather():
    """Daily weather in Seattle, 2012-2015 (vega_datasets): date, precipitation (mm), temp_max,
    temp_min, wind, weather. Real rain: about 57% of the days are dry."""
    from vega_datasets import data

    df = data.seattle_weather()
    return df.copy()


def penguins():
    """Palmer penguins (palmerpenguins): 344 birds, 3 species, with real missing values."""
    from palmerpenguins import load_penguins

    return load_penguins().copy()


def sklearn_frame(name: str):
    """A scikit-learn bundled data set as one DataFrame, the target in the last column.

    name: "iris", "wine", "breast_cancer", "diabetes" or "digits".
    """
    from sklearn import datasets

    loaders = {"iris": datasets.load_iris, "wine": datasets.load_wine,
               "breast_cancer": datasets.load_breast_cancer, "diabetes": datasets.load_diabetes,
               "digits": datasets.load_digits}
    if name not in loaders:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(loaders)}")
    bunch = loaders[name](as_frame=True)
    return bunch.frame.copy()


def sklearn_xy(name: str):
    """(X, y) as numpy arrays for a scikit-learn bundled data set (see sklearn_frame)."""
    frame = sklearn_frame(name)
    return frame.iloc[:, :-1].to_numpy(dtype=float), frame.iloc[:, -1].to_numpy()


def digits_images():
    """The 1,797 scikit-learn digits as an array of shape (n, 8, 8) with values 0-16, and their labels."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return bunch.images.copy(), bunch.target.copy()


def sample_photo(name: str = "china.jpg", gray: bool = True):
    """A real photograph bundled with scikit-learn ("china.jpg" or "flower.jpg"), 427 x 640.

    gray=True gives a float array in [0, 1] of shape (427, 640); otherwise uint8 RGB.
    """
    import numpy as np
    from sklearn.datasets import load_sample_image

    image = load_sample_image(name)
    if not gray:
        return image.copy()
    return (image @ np.array([0.299, 0.587, 0.114])) / 255.0
