"""The reference solutions of source/cnn_concepts checked against libraries (scipy) and
first principles, on random arrays and on real images (a scikit-learn photo and the digits)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage, signal, special

from harness import reference_namespace

TOPIC = "cnn_concepts"


@pytest.fixture(scope="module")
def ref():
    return reference_namespace(TOPIC)


@pytest.fixture(scope="module")
def photo(ref):
    return ref["photo"]


@pytest.fixture(scope="module")
def digits(ref):
    return ref["digits"]


def _scipy_conv(image, kernel, stride, padding):
    """What conv2d must compute: correlate2d on the zero-padded image, then keep every stride-th value."""
    padded = np.pad(np.asarray(image, dtype=float), padding)
    return signal.correlate2d(padded, np.asarray(kernel, dtype=float), mode="valid")[::stride, ::stride]


# ------------------------------------------------------------------ conv2d and conv_output_size

def test_conv2d_matches_correlate2d_valid(ref):
    rng = np.random.default_rng(0)
    for _ in range(200):
        h, w = rng.integers(1, 20, size=2)
        kh, kw = rng.integers(1, h + 1), rng.integers(1, w + 1)
        image, kernel = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
        np.testing.assert_allclose(ref["conv2d"](image, kernel), signal.correlate2d(image, kernel, mode="valid"),
                                   rtol=1e-10, atol=1e-10, err_msg=f"image {image.shape}, kernel {kernel.shape}")


@pytest.mark.parametrize("stride", [1, 2, 3, 5])
@pytest.mark.parametrize("padding", [0, 1, 2, 4])
def test_conv2d_strides_and_paddings_on_random_images(ref, stride, padding):
    rng = np.random.default_rng(10 * stride + padding)
    for _ in range(40):
        h, w = rng.integers(1, 25, size=2)
        kh, kw = rng.integers(1, h + 2 * padding + 1), rng.integers(1, w + 2 * padding + 1)
        image, kernel = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
        got = ref["conv2d"](image, kernel, stride, padding)
        want = _scipy_conv(image, kernel, stride, padding)
        assert got.shape == want.shape == (ref["conv_output_size"](int(h), int(kh), stride, padding),
                                           ref["conv_output_size"](int(w), int(kw), stride, padding))
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


SOBEL = np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])
KERNELS = {"sobel_x": SOBEL, "sobel_y": SOBEL.T, "laplacian": np.array([[0.0, 1, 0], [1, -4, 1], [0, 1, 0]]),
           "box_5x5": np.ones((5, 5)) / 25, "rect_3x7": np.arange(21.0).reshape(3, 7) - 10, "diff_1x2": np.array([[-1.0, 1.0]])}


@pytest.mark.parametrize("name", sorted(KERNELS))
@pytest.mark.parametrize("stride,padding", [(1, 0), (1, 1), (2, 0), (2, 3), (3, 1)])
def test_conv2d_on_the_real_photo(ref, photo, name, stride, padding):
    kernel = KERNELS[name]
    np.testing.assert_allclose(ref["conv2d"](photo, kernel, stride, padding), _scipy_conv(photo, kernel, stride, padding),
                               rtol=1e-9, atol=1e-9)


def test_conv2d_on_real_digits(ref, digits):
    rng = np.random.default_rng(3)
    for index in rng.choice(len(digits), 50, replace=False):
        kernel = rng.normal(size=tuple(rng.integers(1, 5, size=2)))
        for stride, padding in [(1, 0), (2, 1), (1, 2)]:
            np.testing.assert_allclose(ref["conv2d"](digits[index], kernel, stride, padding),
                                       _scipy_conv(digits[index], kernel, stride, padding), rtol=1e-10, atol=1e-9)


def test_conv2d_is_not_a_flipped_convolution(ref, photo):
    crop = photo[:50, :60]
    kernel = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert not np.allclose(ref["conv2d"](crop, kernel), signal.convolve2d(crop, kernel, mode="valid"))
    np.testing.assert_allclose(ref["conv2d"](crop, kernel[::-1, ::-1]), signal.convolve2d(crop, kernel, mode="valid"))


def test_conv2d_errors(ref):
    conv2d = ref["conv2d"]
    for args in [(np.ones((3, 3)), np.ones((4, 4))), (np.ones((5, 5)), np.ones((3, 3)), 0),
                 (np.ones((5, 5)), np.ones((3, 3)), 1, -1), (np.ones(5), np.ones((1, 1))), (np.ones((4, 4)), np.ones((0, 2)))]:
        with pytest.raises(ValueError):
            conv2d(*args)
    for args in [(np.ones((5, 5)), np.ones((3, 3)), 1.0), (np.array([["a"]]), np.ones((1, 1)))]:
        with pytest.raises(TypeError):
            conv2d(*args)


def test_conv_output_size_equals_the_formula(ref):
    for n in range(1, 30):
        for k in range(1, n + 5):
            for s in range(1, 5):
                for p in range(0, 3):
                    if k > n + 2 * p:
                        with pytest.raises(ValueError):
                            ref["conv_output_size"](n, k, s, p)
                    else:
                        assert ref["conv_output_size"](n, k, s, p) == (n + 2 * p - k) // s + 1


# ------------------------------------------------------------------ shift_image

def test_shift_image_matches_ndimage_shift(ref, digits, photo):
    for image in (digits[9], photo[:40, :70], np.arange(35).reshape(5, 7)):
        for dy in range(-9, 10, 2):
            for dx in (-8, -1, 0, 3, 12):
                want = ndimage.shift(image, (dy, dx), order=0, mode="constant", cval=0)
                np.testing.assert_array_equal(ref["shift_image"](image, dy, dx), want, err_msg=f"shift ({dy}, {dx})")


def test_convolution_is_translation_equivariant(ref, photo):
    crop = photo[200:260, 300:380]
    for dy, dx in [(2, 3), (-4, 1), (5, -5)]:
        left = ref["conv2d"](ref["shift_image"](crop, dy, dx), SOBEL)
        right = ref["shift_image"](ref["conv2d"](crop, SOBEL), dy, dx)
        np.testing.assert_allclose(left[6:-6, 6:-6], right[6:-6, 6:-6], atol=1e-12)


# ------------------------------------------------------------------ max_pool2d and upsample_nearest

def test_max_pool2d_matches_maximum_filter(ref, photo, digits):
    for image in (photo[:101, :203], digits[17], np.random.default_rng(5).normal(size=(33, 18))):
        for size in (1, 2, 3, 4):
            filtered = ndimage.maximum_filter(image, size=size, mode="constant", cval=-np.inf)
            for stride in (None, 1, 2, 3):
                step = size if stride is None else stride
                rows = (image.shape[0] - size) // step + 1
                cols = (image.shape[1] - size) // step + 1
                # scipy's window at index i starts at i - size // 2: read it at each window's start
                want = filtered[size // 2::step, size // 2::step][:rows, :cols]
                np.testing.assert_array_equal(ref["max_pool2d"](image, size, stride), want,
                                              err_msg=f"shape {image.shape}, size {size}, stride {stride}")


def test_max_pool2d_drops_incomplete_windows(ref):
    assert ref["max_pool2d"](np.arange(49).reshape(7, 7), 2).shape == (3, 3)
    assert ref["max_pool2d"](np.arange(49).reshape(7, 7), 3, 2).shape == (3, 3)


def test_upsample_nearest_matches_kron_and_zoom(ref, photo, digits):
    for image in (digits[4], photo[:20, :31]):
        for factor in (1, 2, 3, 5):
            got = ref["upsample_nearest"](image, factor)
            np.testing.assert_array_equal(got, np.kron(image, np.ones((factor, factor), dtype=image.dtype)))
            assert got.dtype == image.dtype
    np.testing.assert_array_equal(ref["upsample_nearest"](digits[4], 2), ndimage.zoom(digits[4], 2, order=0, grid_mode=True, mode="nearest"))


# ------------------------------------------------------------------ activations

def test_activations_match_scipy(ref):
    x = np.concatenate([np.linspace(-50, 50, 1001), [-1e4, -1000, -745, 709, 1000, 1e4]])
    with np.errstate(over="raise", invalid="raise"):
        np.testing.assert_allclose(ref["sigmoid"](x), special.expit(x), rtol=1e-12, atol=1e-300)
        s = special.expit(x)
        np.testing.assert_allclose(ref["sigmoid_grad"](x), s * (1 - s), rtol=1e-10, atol=1e-300)
    np.testing.assert_array_equal(ref["relu"](x), np.where(x > 0, x, 0.0))
    np.testing.assert_array_equal(ref["relu_grad"](x), np.heaviside(x, 0.0))


def test_sigmoid_grad_matches_a_finite_difference(ref):
    x = np.linspace(-8, 8, 33)
    h = 1e-6
    numeric = (ref["sigmoid"](x + h) - ref["sigmoid"](x - h)) / (2 * h)
    np.testing.assert_allclose(ref["sigmoid_grad"](x), numeric, rtol=1e-6, atol=1e-10)


# ------------------------------------------------------------------ batch_norm

@pytest.mark.parametrize("seed", range(5))
def test_batch_norm_standardizes_every_feature(ref, seed):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(size=(128, 7)) * rng.uniform(0.1, 50, size=7) + rng.normal(0, 10, size=7)
    out = ref["batch_norm"](x, np.ones(7), np.zeros(7))
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=0), x.var(axis=0) / (x.var(axis=0) + 1e-5), rtol=1e-10)
    np.testing.assert_allclose(out.var(axis=0), 1.0, atol=1e-3)
    gamma, beta = rng.normal(size=7), rng.normal(size=7)
    out = ref["batch_norm"](x, gamma, beta)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-10)
    np.testing.assert_allclose(out.std(axis=0), np.abs(gamma), rtol=1e-3)


def test_batch_norm_on_real_digits(ref, digits):
    x = digits.reshape(len(digits), -1).astype(float)
    out = ref["batch_norm"](x, 1.0, 0.0)
    varying = x.std(axis=0) > 0.1
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(out.var(axis=0)[varying], 1.0, atol=1e-3)
    np.testing.assert_array_equal(out[:, ~varying & (x.std(axis=0) == 0)], 0.0)


# ------------------------------------------------------------------ parameter counts and receptive fields

def test_parameter_counts_match_weight_arrays(ref):
    rng = np.random.default_rng(11)
    for _ in range(50):
        n_in, n_out = rng.integers(1, 300, size=2)
        assert ref["dense_params"](int(n_in), int(n_out)) == np.zeros((n_in, n_out)).size + np.zeros(n_out).size
        c_in, c_out, kh, kw = rng.integers(1, 40, size=4)
        weights = np.zeros((c_out, c_in, kh, kw))
        assert ref["conv_params"](int(c_in), int(c_out), (int(kh), int(kw))) == weights.size + c_out
        assert ref["conv_params"](int(c_in), int(c_out), (int(kh), int(kw)), False) == weights.size
    assert ref["dense_params"](224 * 224 * 3, 1000) == 150_529_000
    assert ref["conv_params"](3, 64, 3) == 1_792


def _measured_field(kernels, strides):
    """Receptive field measured on an impulse: which input pixels change one top unit (1-D)."""
    width = sum((k - 1) * int(np.prod(strides[:i])) for i, k in enumerate(kernels)) + 5
    base = np.zeros(width)
    changed = []
    for pixel in range(width):
        x = base.copy()
        x[pixel] = 1.0
        for k, s in zip(kernels, strides):
            x = np.correlate(x, np.ones(k), mode="valid")[::s]
        if x.size and x[0] != 0:
            changed.append(pixel)
    return max(changed) - min(changed) + 1


def test_receptive_field_matches_an_impulse_experiment(ref):
    rng = np.random.default_rng(12)
    for _ in range(60):
        depth = int(rng.integers(1, 6))
        kernels = [int(k) for k in rng.integers(1, 6, size=depth)]
        strides = [int(s) for s in rng.integers(1, 3, size=depth)]
        assert ref["receptive_field"](kernels, strides) == _measured_field(kernels, strides), (kernels, strides)
    assert ref["receptive_field"]([3, 3]) == 5 and ref["receptive_field"]([3, 3, 3]) == 7 == ref["receptive_field"]([7])
