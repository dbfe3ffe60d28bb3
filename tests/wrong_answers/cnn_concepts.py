"""Planted answers for source/cnn_concepts: mistakes students really make, and other correct ways.

Each answer replaces one solution cell; the reference cells before it have run, so the
helpers check_int, as_numeric and check_bool exist (as they would in a student's notebook
that wrote them).
"""
# flake8: noqa  (every answer redefines the exercise's function on purpose)
import inspect
import textwrap

import numpy as np

from . import Bank

bank = Bank("cnn_concepts")


def _pair(exercise, name, why, *functions, correct=False, demo=None, fails=None, interview=False):
    """Register an answer made of several functions (one solution cell holds two defs); an interview
    answer fails the validation check only."""
    source = "\n\n".join(textwrap.dedent(inspect.getsource(f)) for f in functions)
    bank.raw(exercise, name, why, source, correct=correct, demo=demo,
             fails=("validation",) if interview else fails, interview=interview)


# ------------------------------------------------------------------ conv_output_size

@bank.wrong("conv_output_size", "missing_plus_one", "counts the steps between positions, not the positions: forgets the + 1", fails=('examples', 'random'))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    n, k = check_int(n, "n", 1), check_int(kernel_size, "kernel_size", 1)
    s, p = check_int(stride, "stride", 1), check_int(padding, "padding", 0)
    if k > n + 2 * p:
        raise ValueError("kernel larger than the padded input")
    return (n + 2 * p - k) // s


@bank.wrong("conv_output_size", "ceil_keeps_partial_windows", "rounds up, so a window sticking out of the border counts", fails=('random',))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    n, k = check_int(n, "n", 1), check_int(kernel_size, "kernel_size", 1)
    s, p = check_int(stride, "stride", 1), check_int(padding, "padding", 0)
    if k > n + 2 * p:
        raise ValueError("kernel larger than the padded input")
    import math
    return math.ceil((n + 2 * p - k) / s) + 1


@bank.wrong("conv_output_size", "padding_once", "adds the padding once instead of on both sides", fails=('examples', 'random'))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    n, k = check_int(n, "n", 1), check_int(kernel_size, "kernel_size", 1)
    s, p = check_int(stride, "stride", 1), check_int(padding, "padding", 0)
    if k > n + p:
        raise ValueError("kernel larger than the padded input")
    return (n + p - k) // s + 1


@bank.wrong("conv_output_size", "float_result", "np.floor of a true division returns a numpy float, not an int", fails=('random',))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    n, k = check_int(n, "n", 1), check_int(kernel_size, "kernel_size", 1)
    s, p = check_int(stride, "stride", 1), check_int(padding, "padding", 0)
    if k > n + 2 * p:
        raise ValueError("kernel larger than the padded input")
    return np.floor((n + 2 * p - k) / s) + 1


@bank.wrong("conv_output_size", "bools_accepted", "isinstance(x, int) lets True and False through as integers", fails=('validation',))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    for name, value in (("n", n), ("kernel_size", kernel_size), ("stride", stride), ("padding", padding)):
        if not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer")
    if n < 1 or kernel_size < 1 or stride < 1 or padding < 0:
        raise ValueError("out of range")
    if kernel_size > n + 2 * padding:
        raise ValueError("kernel larger than the padded input")
    return int((n + 2 * padding - kernel_size) // stride + 1)


@bank.wrong("conv_output_size", "memorised_examples", "games the tests: a table of the visible cases, and a formula without padding otherwise", fails=('examples', 'random', 'validation'))
def conv_output_size(n, kernel_size, stride=1, padding=0):
    table = {(32, 3, 1, 0): 30, (32, 3, 1, 1): 32, (224, 7, 2, 3): 112, (5, 2, 2, 0): 2, (7, 3, 2, 1): 4, (4, 4, 1, 0): 1}
    if not all(isinstance(v, int) for v in (n, kernel_size, stride, padding)):
        raise TypeError("integers only")
    if stride < 1 or kernel_size > n + 2 * padding:
        raise ValueError("bad arguments")
    return table.get((n, kernel_size, stride, padding), (n - kernel_size) // stride + 1)


@bank.correct("conv_output_size", "count_positions", "counts the start positions with len(range(...))")
def conv_output_size(n, kernel_size, stride=1, padding=0):
    values = {"n": n, "kernel_size": kernel_size, "stride": stride, "padding": padding}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {value!r}")
    if n < 1 or kernel_size < 1 or stride < 1:
        raise ValueError(f"n, kernel_size and stride must be positive, got {n}, {kernel_size}, {stride}")
    if padding < 0:
        raise ValueError(f"padding must be non-negative, got {padding}")
    count = len(range(0, int(n) + 2 * int(padding) - int(kernel_size) + 1, int(stride)))
    if count == 0:
        raise ValueError(f"kernel_size {kernel_size} does not fit in the padded axis")
    return count


# ------------------------------------------------------------------ conv2d

@bank.wrong("conv2d", "pixel_loop", "correct values, but a Python loop over every output pixel: far too slow for 512 x 512", fails=('complexity',))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0:
        raise ValueError("empty kernel")
    img = np.pad(img, padding)
    kh, kw = ker.shape
    if kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError("kernel larger than the padded image")
    out = np.zeros(((img.shape[0] - kh) // stride + 1, (img.shape[1] - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(img[i * stride:i * stride + kh, j * stride:j * stride + kw] * ker)
    return out


bank.raw("conv2d", "scipy_correlate", "hands the work to scipy.signal.correlate2d, which the rules forbid", '''
from scipy.signal import correlate2d


def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0:
        raise ValueError("kernel must not be empty")
    img = np.pad(img, padding)
    if ker.shape[0] > img.shape[0] or ker.shape[1] > img.shape[1]:
        raise ValueError("kernel larger than the padded image")
    return correlate2d(img, ker, mode="valid")[::stride, ::stride]
''', fails=('complexity', 'input-unchanged', 'random', 'types', 'validation'))


@bank.wrong("conv2d", "flipped_kernel", "a textbook convolution: flips the kernel, which deep-learning layers do not do", fails=('complexity', 'input-unchanged', 'random', 'types'))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)[::-1, ::-1]
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0:
        raise ValueError("empty kernel")
    img = np.pad(img, padding)
    kh, kw = ker.shape
    if kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError("kernel larger than the padded image")
    windows = np.lib.stride_tricks.sliding_window_view(img, (kh, kw))[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, ker)


@bank.wrong("conv2d", "pad_one_side", "puts all the padding after the image (bottom and right), so the output is shifted", fails=('complexity', 'input-unchanged', 'random', 'types'))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0:
        raise ValueError("empty kernel")
    img = np.pad(img, ((0, 2 * padding), (0, 2 * padding)))
    kh, kw = ker.shape
    if kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError("kernel larger than the padded image")
    windows = np.lib.stride_tricks.sliding_window_view(img, (kh, kw))[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, ker)


@bank.wrong("conv2d", "last_position_missed", "range(0, H - kh, stride) stops one position early", fails=('complexity', 'input-unchanged', 'random', 'types'))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    img = np.pad(img, padding)
    kh, kw = ker.shape
    if kh > img.shape[0] or kw > img.shape[1] or ker.size == 0:
        raise ValueError("kernel does not fit")
    rows = list(range(0, img.shape[0] - kh, stride)) or [0]
    cols = list(range(0, img.shape[1] - kw, stride)) or [0]
    out = np.zeros((len(rows), len(cols)))
    for a in range(kh):
        for b in range(kw):
            out += ker[a, b] * img[np.ix_([r + a for r in rows], [c + b for c in cols])]
    return out


@bank.wrong("conv2d", "square_kernel_assumed", "uses kernel.shape[0] for both sides, so rectangular kernels break", fails=('complexity', 'input-unchanged', 'random', 'types', 'validation'))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    img = np.pad(img, padding)
    k = ker.shape[0]
    if k > min(img.shape) or ker.size == 0:
        raise ValueError("kernel does not fit")
    out = np.zeros(((img.shape[0] - k) // stride + 1, (img.shape[1] - k) // stride + 1))
    for a in range(k):
        for b in range(min(k, ker.shape[1])):
            out += ker[a, b] * img[a:a + stride * (out.shape[0] - 1) + 1:stride, b:b + stride * (out.shape[1] - 1) + 1:stride]
    return out


@bank.wrong("conv2d", "integer_output", "allocates the output with the image's dtype, so an integer image truncates the results", fails=('types',))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2)
    ker = as_numeric(kernel, "kernel", ndim=2)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0:
        raise ValueError("empty kernel")
    img = np.pad(img, padding)
    kh, kw = ker.shape
    if kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError("kernel larger than the padded image")
    out = np.zeros(((img.shape[0] - kh) // stride + 1, (img.shape[1] - kw) // stride + 1), dtype=img.dtype)
    for a in range(kh):
        for b in range(kw):
            out += (ker[a, b] * img[a:a + stride * (out.shape[0] - 1) + 1:stride,
                                    b:b + stride * (out.shape[1] - 1) + 1:stride]).astype(img.dtype)
    return out


@bank.wrong("conv2d", "size_check_before_padding", "compares the kernel with the unpadded image, so a kernel that fits after padding is refused", fails=('complexity', 'input-unchanged', 'random', 'types'))
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    if ker.size == 0 or ker.shape[0] > img.shape[0] or ker.shape[1] > img.shape[1]:
        raise ValueError(f"kernel {ker.shape} larger than image {img.shape}")
    img = np.pad(img, padding)
    windows = np.lib.stride_tricks.sliding_window_view(img, ker.shape)[::stride, ::stride]
    return np.einsum("ijab,ab->ij", windows, ker)


@bank.correct("conv2d", "sliding_windows", "sliding_window_view and tensordot")
def conv2d(image, kernel, stride=1, padding=0):
    img = np.asarray(image)
    ker = np.asarray(kernel)
    for name, arr in (("image", img), ("kernel", ker)):
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name} must be numeric, got dtype {arr.dtype}")
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {arr.shape}")
    for name, value in (("stride", stride), ("padding", padding)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {value!r}")
    if stride < 1 or padding < 0:
        raise ValueError(f"need stride >= 1 and padding >= 0, got {stride} and {padding}")
    padded = np.pad(img.astype(float), int(padding))
    if ker.size == 0 or ker.shape[0] > padded.shape[0] or ker.shape[1] > padded.shape[1]:
        raise ValueError(f"kernel of shape {ker.shape} does not fit in the padded image {padded.shape}")
    windows = np.lib.stride_tricks.sliding_window_view(padded, ker.shape)[::stride, ::stride]
    return np.tensordot(windows, ker.astype(float), axes=([2, 3], [0, 1]))


@bank.correct("conv2d", "full_then_subsample", "computes the stride-1 result row by row, then keeps every stride-th value")
def conv2d(image, kernel, stride=1, padding=0):
    img = as_numeric(image, "image", ndim=2).astype(float)
    ker = as_numeric(kernel, "kernel", ndim=2).astype(float)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    img = np.pad(img, padding)
    kh, kw = ker.shape
    if ker.size == 0 or kh > img.shape[0] or kw > img.shape[1]:
        raise ValueError(f"kernel of shape {ker.shape} does not fit in the padded image {img.shape}")
    full = np.empty((img.shape[0] - kh + 1, img.shape[1] - kw + 1))
    for r in range(full.shape[0]):
        strip = np.lib.stride_tricks.sliding_window_view(img[r:r + kh], (kh, kw))[0]
        full[r] = (strip * ker).sum(axis=(1, 2))
    return full[::stride, ::stride]


# ------------------------------------------------------------------ shift_image

@bank.wrong("shift_image", "np_roll", "np.roll wraps the pixels around instead of filling with zeros", fails=('input-unchanged', 'random', 'types'))
def shift_image(image, dy, dx):
    src = as_numeric(image, "image", ndim=2)
    return np.roll(src, (check_int(dy, "dy"), check_int(dx, "dx")), axis=(0, 1))


@bank.wrong("shift_image", "wrong_direction", "moves the image up and left for positive shifts", fails=('input-unchanged', 'random', 'types'))
def shift_image(image, dy, dx):
    src = as_numeric(image, "image", ndim=2)
    dy, dx = -check_int(dy, "dy"), -check_int(dx, "dx")
    out = np.zeros_like(src)
    h, w = src.shape
    if abs(dy) >= h or abs(dx) >= w:
        return out
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = src[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


@bank.wrong("shift_image", "minus_zero_slice", "slices with [:-dy], which is empty when dy is 0", fails=('input-unchanged', 'random', 'types'))
def shift_image(image, dy, dx):
    src = as_numeric(image, "image", ndim=2)
    dy, dx = check_int(dy, "dy"), check_int(dx, "dx")
    out = np.zeros_like(src)
    if abs(dy) >= src.shape[0] or abs(dx) >= src.shape[1]:
        return out
    rows_src = slice(0, -dy) if dy >= 0 else slice(-dy, None)
    rows_dst = slice(dy, None) if dy >= 0 else slice(0, dy)
    cols_src = slice(0, -dx) if dx >= 0 else slice(-dx, None)
    cols_dst = slice(dx, None) if dx >= 0 else slice(0, dx)
    out[rows_dst, cols_dst] = src[rows_src, cols_src]
    return out


@bank.wrong("shift_image", "float_output", "fills a np.zeros(shape) array, so integer images come back as floats", fails=('types',))
def shift_image(image, dy, dx):
    src = as_numeric(image, "image", ndim=2)
    dy, dx = check_int(dy, "dy"), check_int(dx, "dx")
    out = np.zeros(src.shape)
    h, w = src.shape
    if abs(dy) >= h or abs(dx) >= w:
        return out
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = src[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


@bank.wrong("shift_image", "shifts_in_place", "moves the pixels inside the caller's array, then returns it", fails=('input-unchanged', 'random', 'types'))
def shift_image(image, dy, dx):
    src = as_numeric(image, "image", ndim=2)
    dy, dx = check_int(dy, "dy"), check_int(dx, "dx")
    moved = np.roll(src, (dy, dx), axis=(0, 1))
    src[...] = moved
    if dy > 0:
        src[:dy] = 0
    elif dy < 0:
        src[dy:] = 0
    if dx > 0:
        src[:, :dx] = 0
    elif dx < 0:
        src[:, dx:] = 0
    return src


@bank.correct("shift_image", "pad_and_crop", "pads with zeros on every side, then crops the shifted window")
def shift_image(image, dy, dx):
    src = np.asarray(image)
    if src.dtype.kind not in "biuf":
        raise TypeError(f"image must hold numbers, got dtype {src.dtype}")
    if src.ndim != 2:
        raise ValueError(f"image must be 2-D, got shape {src.shape}")
    for name, value in (("dy", dy), ("dx", dx)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {value!r}")
    h, w = src.shape
    dy, dx = int(np.clip(dy, -h, h)), int(np.clip(dx, -w, w))
    big = np.pad(src, ((h, h), (w, w)))
    return big[h - dy:2 * h - dy, w - dx:2 * w - dx].copy()


# ------------------------------------------------------------------ max_pool2d

@bank.wrong("max_pool2d", "keeps_partial_windows", "pads with -inf so the border windows that stick out are kept (ceil mode)", fails=('complexity', 'input-unchanged', 'random', 'types'))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    stride = size if stride is None else check_int(stride, "stride", minimum=1)
    if size > min(arr.shape):
        raise ValueError("window larger than x")
    rows = -(-(arr.shape[0] - size) // stride) + 1
    cols = -(-(arr.shape[1] - size) // stride) + 1
    padded = np.full(((rows - 1) * stride + size, (cols - 1) * stride + size), -np.inf)
    padded[:arr.shape[0], :arr.shape[1]] = arr
    out = np.array([[padded[r * stride:r * stride + size, c * stride:c * stride + size].max() for c in range(cols)]
                    for r in range(rows)])
    return out.astype(arr.dtype)


@bank.wrong("max_pool2d", "stride_defaults_to_one", "takes stride=None to mean 1, so the windows overlap", fails=('complexity', 'input-unchanged', 'random', 'types'))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    stride = 1 if stride is None else check_int(stride, "stride", minimum=1)
    if size > min(arr.shape):
        raise ValueError("window larger than x")
    windows = np.lib.stride_tricks.sliding_window_view(arr, (size, size))[::stride, ::stride]
    return windows.max(axis=(2, 3))


@bank.wrong("max_pool2d", "average_pooling", "takes the mean of each window instead of the maximum", fails=('complexity', 'input-unchanged', 'random', 'types'))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    stride = size if stride is None else check_int(stride, "stride", minimum=1)
    if size > min(arr.shape):
        raise ValueError("window larger than x")
    windows = np.lib.stride_tricks.sliding_window_view(arr, (size, size))[::stride, ::stride]
    return windows.mean(axis=(2, 3))


@bank.wrong("max_pool2d", "starts_from_zero", "starts the running maximum at 0, so windows of negative values give 0", fails=('complexity', 'input-unchanged', 'random', 'types'))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    stride = size if stride is None else check_int(stride, "stride", minimum=1)
    if size > arr.shape[0] or size > arr.shape[1]:
        raise ValueError("window larger than x")
    rows = (arr.shape[0] - size) // stride + 1
    cols = (arr.shape[1] - size) // stride + 1
    out = np.zeros((rows, cols), dtype=arr.dtype)
    for a in range(size):
        for b in range(size):
            out = np.maximum(out, arr[a:a + stride * (rows - 1) + 1:stride, b:b + stride * (cols - 1) + 1:stride])
    return out


@bank.wrong("max_pool2d", "reshape_ignores_stride", "the reshape trick: only right when stride equals size, and the stride argument is ignored", fails=('complexity', 'input-unchanged', 'random', 'types', 'validation'))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    if size > min(arr.shape):
        raise ValueError("window larger than x")
    h, w = arr.shape[0] // size, arr.shape[1] // size
    return arr[:h * size, :w * size].reshape(h, size, w, size).max(axis=(1, 3))


@bank.wrong("max_pool2d", "window_loop", "correct values, but a Python loop over every window: too slow on a large image", fails=('complexity',))
def max_pool2d(x, size=2, stride=None):
    arr = as_numeric(x, "x", ndim=2)
    size = check_int(size, "size", minimum=1)
    stride = size if stride is None else check_int(stride, "stride", minimum=1)
    if size > arr.shape[0] or size > arr.shape[1]:
        raise ValueError("window larger than x")
    rows = range(0, arr.shape[0] - size + 1, stride)
    cols = range(0, arr.shape[1] - size + 1, stride)
    out = np.empty((len(rows), len(cols)), dtype=arr.dtype)
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            out[i, j] = arr[r:r + size, c:c + size].max()
    return out


@bank.correct("max_pool2d", "sliding_windows", "sliding_window_view, subsampled by the stride, max over the window axes")
def max_pool2d(x, size=2, stride=None):
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"x must be numeric, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"x must be 2-D, got shape {arr.shape}")
    if stride is None:
        stride = size
    for name, value in (("size", size), ("stride", stride)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    if size > arr.shape[0] or size > arr.shape[1]:
        raise ValueError(f"window {size} does not fit in x of shape {arr.shape}")
    return np.lib.stride_tricks.sliding_window_view(arr, (size, size))[::stride, ::stride].max(axis=(2, 3))


# ------------------------------------------------------------------ dense_params

@bank.wrong("dense_params", "ignores_bias_flag", "never adds the biases", fails=('examples', 'random'))
def dense_params(n_in, n_out, bias=True):
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    check_bool(bias, "bias")
    return n_in * n_out


@bank.wrong("dense_params", "bias_per_input", "counts one bias per input instead of one per output", fails=('examples', 'random'))
def dense_params(n_in, n_out, bias=True):
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    check_bool(bias, "bias")
    return n_in * n_out + (n_in if bias else 0)


@bank.wrong("dense_params", "no_type_checks", "checks the ranges only: accepts True as a count and 1 as a bias flag", fails=('validation',))
def dense_params(n_in, n_out, bias=True):
    if isinstance(n_in, float) or isinstance(n_out, float):
        raise TypeError("counts must be integers")
    if n_in < 1 or n_out < 1:
        raise ValueError("counts must be positive")
    return n_in * n_out + n_out * int(bias)


@bank.wrong("dense_params", "int32_overflow", "multiplies numpy int32 values, which overflow for large layers", fails=('examples',))
def dense_params(n_in, n_out, bias=True):
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    check_bool(bias, "bias")
    with np.errstate(over="ignore"):
        return int(np.int32(n_in) * np.int32(n_out) + np.int32(n_out if bias else 0))


@bank.wrong("dense_params", "memorised_examples", "games the tests: a lookup table of the visible cases", fails=('examples', 'random', 'validation'))
def dense_params(n_in, n_out, bias=True):
    table = {(784, 128, True): 100480, (10, 1, True): 11, (10, 1, False): 10, (150528, 1000, True): 150529000}
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    return table.get((n_in, n_out, bias), n_in * n_out)


@bank.correct("dense_params", "weights_plus_biases", "counts a weight matrix and a bias vector with its own checks")
def dense_params(n_in, n_out, bias=True):
    for name, value in (("n_in", n_in), ("n_out", n_out)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    if not isinstance(bias, (bool, np.bool_)):
        raise TypeError(f"bias must be a bool, got {bias!r}")
    weights = int(n_in) * int(n_out)
    biases = int(n_out) if bias else 0
    return weights + biases


# ------------------------------------------------------------------ conv_params

@bank.wrong("conv_params", "forgets_in_channels", "counts one kh x kw kernel per filter, ignoring the input channels", fails=('examples', 'random'))
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    check_int(in_channels, "in_channels", minimum=1)
    out_channels = check_int(out_channels, "out_channels", minimum=1)
    check_bool(bias, "bias")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, (int, np.integer)) else kernel_size
    kh, kw = check_int(kh, "kh", 1), check_int(kw, "kw", 1)
    return kh * kw * out_channels + (out_channels if bias else 0)


@bank.wrong("conv_params", "bias_per_input_channel", "adds one bias per input channel", fails=('examples', 'random'))
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    in_channels = check_int(in_channels, "in_channels", minimum=1)
    out_channels = check_int(out_channels, "out_channels", minimum=1)
    check_bool(bias, "bias")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, (int, np.integer)) else kernel_size
    kh, kw = check_int(kh, "kh", 1), check_int(kw, "kw", 1)
    return kh * kw * in_channels * out_channels + (in_channels if bias else 0)


@bank.wrong("conv_params", "pair_first_only", "squares the first number of a (kh, kw) pair", fails=('examples', 'random', 'validation'))
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    in_channels = check_int(in_channels, "in_channels", minimum=1)
    out_channels = check_int(out_channels, "out_channels", minimum=1)
    check_bool(bias, "bias")
    k = kernel_size[0] if isinstance(kernel_size, (tuple, list)) else kernel_size
    k = check_int(k, "kernel_size", 1)
    return k * k * in_channels * out_channels + (out_channels if bias else 0)


@bank.wrong("conv_params", "tuple_only", "accepts a tuple but refuses a list [kh, kw], and does not check the pair's length", fails=('examples', 'validation'))
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    in_channels = check_int(in_channels, "in_channels", minimum=1)
    out_channels = check_int(out_channels, "out_channels", minimum=1)
    check_bool(bias, "bias")
    if isinstance(kernel_size, tuple):
        kh, kw = check_int(kernel_size[0], "kh", 1), check_int(kernel_size[1], "kw", 1)
    else:
        kh = kw = check_int(kernel_size, "kernel_size", 1)
    return (kh * kw * in_channels + int(bias)) * out_channels


@bank.correct("conv_params", "weight_tensor_shape", "multiplies the sizes of the weight tensor (out, in, kh, kw)")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, (list, tuple)):
        if len(kernel_size) != 2:
            raise ValueError(f"kernel_size must be a pair, got {kernel_size!r}")
        pair = list(kernel_size)
    else:
        pair = [kernel_size, kernel_size]
    shape = [out_channels, in_channels] + pair
    for value in shape:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"channel counts and kernel sizes must be integers, got {value!r}")
        if value < 1:
            raise ValueError(f"channel counts and kernel sizes must be at least 1, got {value}")
    if not isinstance(bias, (bool, np.bool_)):
        raise TypeError(f"bias must be a bool, got {bias!r}")
    total = 1
    for value in shape:
        total *= int(value)
    return total + (int(out_channels) if bias else 0)


# ------------------------------------------------------------------ receptive_field

@bank.wrong("receptive_field", "index_never_advances", "a while loop over the layers that forgets to advance its index",
            demo="loops", fails=('examples', 'random', 'validation'))
def receptive_field(kernel_sizes, strides=None):
    sizes = list(kernel_sizes)
    steps = [1] * len(sizes) if strides is None else list(strides)
    if len(sizes) != len(steps):
        raise ValueError("lengths differ")
    field, jump, i = 1, 1, 0
    while i < len(sizes) or not sizes:
        field += (sizes[i] - 1) * jump if sizes else 0
        jump *= steps[i] if sizes else 1
    return field


@bank.wrong("receptive_field", "sum_of_kernels", "adds up the kernel sizes", fails=('examples', 'random'))
def receptive_field(kernel_sizes, strides=None):
    sizes = [check_int(k, "kernel size", 1) for k in kernel_sizes]
    steps = [1] * len(sizes) if strides is None else [check_int(s, "stride", 1) for s in strides]
    if len(sizes) != len(steps):
        raise ValueError("lengths differ")
    return max(1, sum(sizes))


@bank.wrong("receptive_field", "ignores_strides", "adds k - 1 per layer whatever the strides below it", fails=('examples', 'random'))
def receptive_field(kernel_sizes, strides=None):
    sizes = [check_int(k, "kernel size", 1) for k in kernel_sizes]
    steps = [1] * len(sizes) if strides is None else [check_int(s, "stride", 1) for s in strides]
    if len(sizes) != len(steps):
        raise ValueError("lengths differ")
    return 1 + sum(k - 1 for k in sizes)


@bank.wrong("receptive_field", "own_stride_too_early", "multiplies by a layer's own stride before adding its kernel", fails=('examples', 'random'))
def receptive_field(kernel_sizes, strides=None):
    sizes = [check_int(k, "kernel size", 1) for k in kernel_sizes]
    steps = [1] * len(sizes) if strides is None else [check_int(s, "stride", 1) for s in strides]
    if len(sizes) != len(steps):
        raise ValueError("lengths differ")
    field, jump = 1, 1
    for k, s in zip(sizes, steps):
        jump *= s
        field += (k - 1) * jump
    return field


@bank.wrong("receptive_field", "memorised_examples", "games the tests: 2n + 1 for n layers of 3, a table for the rest", fails=('examples', 'random'))
def receptive_field(kernel_sizes, strides=None):
    sizes = [check_int(k, "kernel size", 1) for k in kernel_sizes]
    steps = [1] * len(sizes) if strides is None else [check_int(s, "stride", 1) for s in strides]
    if len(sizes) != len(steps):
        raise ValueError("lengths differ")
    table = {((3, 3), (2, 1)): 7, ((7, 3, 3), (2, 2, 1)): 19}
    if (tuple(sizes), tuple(steps)) in table:
        return table[(tuple(sizes), tuple(steps))]
    if all(k == 3 for k in sizes):
        return 2 * len(sizes) + 1
    return max(sizes, default=1)


@bank.correct("receptive_field", "top_down", "walks down from one top unit: r <- (r - 1) * s + k")
def receptive_field(kernel_sizes, strides=None):
    sizes = list(kernel_sizes)
    steps = [1] * len(sizes) if strides is None else list(strides)
    if len(steps) != len(sizes):
        raise ValueError(f"{len(sizes)} kernel sizes but {len(steps)} strides")
    for value in sizes + steps:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"kernel sizes and strides must be integers, got {value!r}")
        if value < 1:
            raise ValueError(f"kernel sizes and strides must be at least 1, got {value}")
    field = 1
    for k, s in zip(reversed(sizes), reversed(steps)):
        field = (field - 1) * int(s) + int(k)
    return field


# ------------------------------------------------------------------ relu

def relu(x):
    return max(0, x)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(float)


_pair("relu", "builtin_max", "Python's max(0, x) asks whether an array is greater than 0 and raises on arrays",
      relu, relu_grad, demo="raises", fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))


def relu(x):
    values = as_numeric(x, "x")
    values[values < 0] = 0
    return values


def relu_grad(x):
    return (as_numeric(x, "x") > 0).astype(float)


_pair("relu", "changes_input", "sets the negative entries to 0 in the caller's array", relu, relu_grad, fails=('input-unchanged', 'types'))


def relu(x):
    return np.maximum(as_numeric(x, "x").astype(float), 0.0)


def relu_grad(x):
    return (as_numeric(x, "x") >= 0).astype(float)


_pair("relu", "grad_one_at_zero", "relu_grad uses x >= 0, so the slope at 0 is 1", relu, relu_grad, fails=('examples', 'input-unchanged', 'random', 'types'))


def relu(x):
    return np.maximum(as_numeric(x, "x").astype(float), 0.0)


def relu_grad(x):
    return relu(x)


_pair("relu", "grad_is_value", "relu_grad returns relu(x) itself instead of its slope", relu, relu_grad, fails=('examples', 'input-unchanged', 'random', 'types'))


def relu(x):
    return np.maximum(as_numeric(x, "x"), 0)


def relu_grad(x):
    return np.where(as_numeric(x, "x") > 0, 1.0, 0.0)


_pair("relu", "keeps_int_dtype", "np.maximum(x, 0) on an integer array returns integers, not floats", relu, relu_grad, fails=('types',))


def relu(x):
    values = as_numeric(x, "x").astype(float)
    return np.where(values > 0, values, 0.01 * values)


def relu_grad(x):
    values = as_numeric(x, "x").astype(float)
    return np.where(values > 0, 1.0, 0.01)


_pair("relu", "leaky", "writes a leaky ReLU (slope 0.01 for negative inputs)", relu, relu_grad, fails=('examples', 'input-unchanged', 'random', 'types'))


def relu(x):
    values = np.asarray(x)
    if values.dtype.kind not in "biuf":
        raise TypeError(f"x must be numeric, got dtype {values.dtype}")
    values = values.astype(float)
    return values * (values > 0)


def relu_grad(x):
    values = np.asarray(x)
    if values.dtype.kind not in "biuf":
        raise TypeError(f"x must be numeric, got dtype {values.dtype}")
    return np.where(values > 0, 1.0, 0.0)


# ------------------------------------------------------------------ sigmoid


_pair("relu", "mask_multiply", "multiplies by the boolean mask x > 0", relu, relu_grad, correct=True)


def sigmoid(x):
    values = as_numeric(x, "x").astype(float)
    return 1.0 / (1.0 + np.exp(-values))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "naive_overflow", "1 / (1 + exp(-x)) computes exp(1000) for x = -1000 and overflows", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types'))


def sigmoid(x):
    from scipy.special import expit
    return expit(as_numeric(x, "x").astype(float))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "scipy_expit", "scipy.special.expit: stable and exact, but the rules allow numpy only", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types', 'validation'))


def sigmoid(x):
    values = as_numeric(x, "x").astype(float)
    return np.where(values >= 0, 1.0 / (1.0 + np.exp(-values)), np.exp(values) / (1.0 + np.exp(values)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "np_where_both_branches", "np.where evaluates both formulas everywhere, so exp(x) still overflows for large x", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types'))


def sigmoid(x):
    values = as_numeric(x, "x").astype(float)
    out = np.empty_like(values)
    pos = values >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-values[pos]))
    e = np.exp(values[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    values = as_numeric(x, "x").astype(float)
    return sigmoid(values) * (1.0 - values)


_pair("sigmoid", "grad_uses_x", "sigmoid_grad computes s * (1 - x) instead of s * (1 - s)", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types'))


def sigmoid(x):
    values = as_numeric(x, "x").astype(float)
    out = np.empty_like(values)
    pos = values >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-values[pos]))
    e = np.exp(values[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    values = as_numeric(x, "x").astype(float)
    e = np.exp(-values)
    return e / (1.0 + e) ** 2


_pair("sigmoid", "grad_naive_formula", "sigmoid_grad as exp(-x) / (1 + exp(-x))**2, which overflows for x = -1000", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types'))


def sigmoid(x):
    values = as_numeric(x, "x")
    out = np.empty_like(values)
    pos = values >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-values[pos]))
    e = np.exp(values[~pos].astype(float))
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(np.asarray(x, dtype=float))
    return s * (1.0 - s)


_pair("sigmoid", "integer_output", "fills np.empty_like(x), so an integer input gives an integer result", sigmoid, sigmoid_grad, fails=('types', 'validation'))


def sigmoid(x):
    values = np.clip(as_numeric(x, "x").astype(float), -30, 30)
    return 1.0 / (1.0 + np.exp(-values))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "clipped_inputs", "clips x to [-30, 30] to avoid the overflow, which spoils the small values", sigmoid, sigmoid_grad, fails=('input-unchanged', 'random', 'types'))


def sigmoid(x):
    values = np.asarray(x)
    if values.dtype.kind not in "biuf":
        raise TypeError(f"x must be numeric, got dtype {values.dtype}")
    return np.exp(-np.logaddexp(0.0, -values.astype(float)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "logaddexp", "sigma(x) = exp(-log(1 + exp(-x))) with np.logaddexp, which never overflows", sigmoid, sigmoid_grad, correct=True)


def sigmoid(x):
    values = as_numeric(x, "x").astype(float)
    return 0.5 * (1.0 + np.tanh(0.5 * values))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


_pair("sigmoid", "tanh_form", "sigma(x) = (1 + tanh(x / 2)) / 2, stable because tanh saturates", sigmoid, sigmoid_grad, correct=True)

# ------------------------------------------------------------------ batch_norm

@bank.wrong("batch_norm", "wrong_axis", "normalizes each example over its features (axis=1) instead of each feature over the batch", fails=('examples', 'input-unchanged', 'random', 'types'))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = as_numeric(x, "x", ndim=2).astype(float)
    if batch.shape[0] == 0:
        raise ValueError("empty batch")
    g, b = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if g.shape not in ((), (batch.shape[1],)) or b.shape not in ((), (batch.shape[1],)):
        raise ValueError("gamma and beta need one value per feature")
    if not eps > 0:
        raise ValueError("eps must be positive")
    mean = batch.mean(axis=1, keepdims=True)
    var = batch.var(axis=1, keepdims=True)
    return g * (batch - mean) / np.sqrt(var + eps) + b


@bank.wrong("batch_norm", "sample_variance", "divides the variance by B - 1 (ddof=1)", fails=('examples', 'input-unchanged', 'random', 'types'))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = as_numeric(x, "x", ndim=2).astype(float)
    if batch.shape[0] == 0:
        raise ValueError("empty batch")
    g, b = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if g.shape not in ((), (batch.shape[1],)) or b.shape not in ((), (batch.shape[1],)):
        raise ValueError("gamma and beta need one value per feature")
    if not eps > 0:
        raise ValueError("eps must be positive")
    var = batch.var(axis=0, ddof=1) if batch.shape[0] > 1 else np.zeros(batch.shape[1])
    return g * (batch - batch.mean(axis=0)) / np.sqrt(var + eps) + b


@bank.wrong("batch_norm", "eps_outside_sqrt", "divides by std + eps instead of sqrt(var + eps)", fails=('examples', 'input-unchanged', 'random', 'types'))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = as_numeric(x, "x", ndim=2).astype(float)
    if batch.shape[0] == 0:
        raise ValueError("empty batch")
    g, b = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if g.shape not in ((), (batch.shape[1],)) or b.shape not in ((), (batch.shape[1],)):
        raise ValueError("gamma and beta need one value per feature")
    if not eps > 0:
        raise ValueError("eps must be positive")
    return g * (batch - batch.mean(axis=0)) / (batch.std(axis=0) + eps) + b


@bank.wrong("batch_norm", "global_statistics", "uses one mean and one variance for the whole array", fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = as_numeric(x, "x", ndim=2).astype(float)
    if batch.shape[0] == 0:
        raise ValueError("empty batch")
    g, b = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if g.shape not in ((), (batch.shape[1],)) or b.shape not in ((), (batch.shape[1],)):
        raise ValueError("gamma and beta need one value per feature")
    return g * (batch - batch.mean()) / np.sqrt(batch.var() + eps) + b


@bank.wrong("batch_norm", "normalizes_in_place", "subtracts and divides inside the caller's float array", fails=('examples', 'input-unchanged', 'random', 'types', 'validation'))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = np.asarray(x, dtype=float)
    if batch.ndim != 2 or batch.shape[0] == 0:
        raise ValueError("x must be a non-empty 2-D array")
    g, b = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if g.shape not in ((), (batch.shape[1],)) or b.shape not in ((), (batch.shape[1],)):
        raise ValueError("gamma and beta need one value per feature")
    if not eps > 0:
        raise ValueError("eps must be positive")
    batch -= batch.mean(axis=0)
    batch /= np.sqrt((batch ** 2).mean(axis=0) + eps)
    return g * batch + b


@bank.wrong("batch_norm", "no_parameter_checks", "relies on broadcasting and never checks eps or an empty batch", fails=('validation',))
def batch_norm(x, gamma, beta, eps=1e-5):
    batch = as_numeric(x, "x", ndim=2).astype(float)
    mean = batch.mean(axis=0)
    var = batch.var(axis=0)
    return np.asarray(gamma) * (batch - mean) / np.sqrt(var + eps) + np.asarray(beta)


@bank.correct("batch_norm", "explicit_sums", "means and variances from sums divided by the batch size")
def batch_norm(x, gamma, beta, eps=1e-5):
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"x must be numeric, got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"x must be 2-D with at least one row, got shape {arr.shape}")
    rows, features = arr.shape
    params = []
    for name, value in (("gamma", gamma), ("beta", beta)):
        p = np.asarray(value, dtype=float)
        if p.shape not in ((), (features,)):
            raise ValueError(f"{name} must be a number or have {features} values, got shape {p.shape}")
        params.append(p)
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.number)):
        raise TypeError(f"eps must be a number, got {eps!r}")
    if eps <= 0:
        raise ValueError(f"eps must be positive, got {eps}")
    arr = arr.astype(float)
    mu = arr.sum(axis=0) / rows
    var = ((arr - mu) ** 2).sum(axis=0) / rows
    return params[0] * ((arr - mu) / np.sqrt(var + eps)) + params[1]


# ------------------------------------------------------------------ upsample_nearest

@bank.wrong("upsample_nearest", "tile", "np.tile repeats the whole image instead of every pixel", fails=('input-unchanged', 'random', 'types'))
def upsample_nearest(x, factor):
    grid = as_numeric(x, "x", ndim=2)
    factor = check_int(factor, "factor", minimum=1)
    return np.tile(grid, (factor, factor))


@bank.wrong("upsample_nearest", "rows_only", "repeats along the rows only", fails=('input-unchanged', 'random', 'types'))
def upsample_nearest(x, factor):
    grid = as_numeric(x, "x", ndim=2)
    factor = check_int(factor, "factor", minimum=1)
    return np.repeat(grid, factor, axis=0)


@bank.wrong("upsample_nearest", "kron_float", "np.kron with a block of float ones turns an integer image into floats", fails=('types',))
def upsample_nearest(x, factor):
    grid = as_numeric(x, "x", ndim=2)
    factor = check_int(factor, "factor", minimum=1)
    return np.kron(grid, np.ones((factor, factor)))


@bank.wrong("upsample_nearest", "weak_checks", "checks factor >= 1 only: True and 3-D arrays get through",
            demo="partial", fails=('validation',))
def upsample_nearest(x, factor):
    if isinstance(factor, float):
        raise TypeError("factor must be an integer")
    if factor < 1:
        raise ValueError("factor must be at least 1")
    grid = np.asarray(x)
    if grid.dtype.kind not in "biuf":
        raise TypeError("x must be numeric")
    return grid.repeat(factor, axis=0).repeat(factor, axis=1)


@bank.correct("upsample_nearest", "index_arrays", "gathers x[i // f, j // f] with integer index arrays")
def upsample_nearest(x, factor):
    grid = as_numeric(x, "x", ndim=2)
    factor = check_int(factor, "factor", minimum=1)
    rows = np.arange(grid.shape[0] * factor) // factor
    cols = np.arange(grid.shape[1] * factor) // factor
    return grid[rows[:, None], cols[None, :]]


# ------------------------------------------------------------------ interview answers (issue #13, item 5)
# Right answers written the way a candidate writes them at a whiteboard: idiomatic, short and
# without a single input check. Each must pass the visible tests and every hidden check except
# validation.

@bank.interview("conv_output_size", "floor_formula", "the textbook formula with integer division; no checks")
def conv_output_size(n, kernel_size, stride=1, padding=0):
    return int((n + 2 * padding - kernel_size) // stride + 1)


@bank.interview("conv2d", "loop_over_kernel_offsets", "np.pad, then one shifted slice of the image per kernel position, subsampled by the stride; no checks")
def conv2d(image, kernel, stride=1, padding=0):
    img = np.pad(np.asarray(image, dtype=float), padding)
    k = np.asarray(kernel, dtype=float)
    kh, kw = k.shape
    h, w = img.shape[0] - kh + 1, img.shape[1] - kw + 1
    out = np.zeros((h, w))
    for a in range(kh):
        for b in range(kw):
            out += k[a, b] * img[a:a + h, b:b + w]
    return out[::stride, ::stride]


@bank.interview("shift_image", "slice_assignment", "np.zeros_like and one slice assignment; no checks")
def shift_image(image, dy, dx):
    img = np.asarray(image)
    out = np.zeros_like(img)
    h, w = img.shape
    if abs(dy) < h and abs(dx) < w:
        out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
            img[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


@bank.interview("max_pool2d", "sliding_window_view", "sliding_window_view, every stride-th window, max over the window axes; no checks")
def max_pool2d(x, size=2, stride=None):
    stride = stride or size
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(x), (size, size))
    return windows[::stride, ::stride].max(axis=(2, 3))


@bank.interview("dense_params", "product_plus_outputs", "inputs times outputs, plus the outputs when there is a bias; no checks")
def dense_params(n_in, n_out, bias=True):
    return int(n_in) * int(n_out) + (int(n_out) if bias else 0)


@bank.interview("conv_params", "unpack_kernel", "an int kernel becomes a square pair, then one product; no checks")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    return int(kh) * int(kw) * int(in_channels) * int(out_channels) + (int(out_channels) if bias else 0)


@bank.interview("receptive_field", "field_and_jump", "the running field and jump in one zip loop; no checks")
def receptive_field(kernel_sizes, strides=None):
    strides = [1] * len(kernel_sizes) if strides is None else strides
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        field += (k - 1) * jump
        jump *= s
    return int(field)


def relu(x):
    return np.maximum(np.asarray(x, dtype=float), 0.0)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(float)


_pair("relu", "np_maximum", "np.maximum on a float copy and a boolean mask as floats; no checks", relu, relu_grad,
      interview=True)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


_pair("sigmoid", "exp_of_minus_abs", "exp(-|x|) on both branches of np.where, then s * (1 - s); no checks", sigmoid, sigmoid_grad,
      interview=True)


@bank.interview("batch_norm", "explicit_moments", "mean and variance over axis 0 written out, gamma and beta broadcast; no checks")
def batch_norm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).mean(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


@bank.interview("upsample_nearest", "repeat_twice", "np.repeat along the rows, then along the columns; no checks")
def upsample_nearest(x, factor):
    return np.asarray(x).repeat(factor, axis=0).repeat(factor, axis=1)
