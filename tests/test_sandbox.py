"""The grading sandbox (course/sandbox.py), kernel by kernel, and the feedback policy.

Whole classes of hostile submissions graded end to end are in tests/test_hostile.py; here a
sandboxed kernel is started directly, as grading starts it, and asked to do what a hostile
notebook would do. Each check is paired with the same request outside the sandbox where that
is harmless, so that a check cannot pass because the request itself was wrong.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from course import ROOT, sandbox
from course.feedback import FeedbackVerdictsOnly, verdict

pytestmark = pytest.mark.xdist_group("sandbox")

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None,
                                 reason="bubblewrap is not installed (make sandbox, or apt-get install bubblewrap)")


# --- sizes, limits and the message when the sandbox cannot run ----------------------------------

@pytest.mark.parametrize("text, expected", [("2GiB", 2 * 1024 ** 3), ("512 MiB", 512 * 1024 ** 2), ("1.5G", int(1.5 * 1024 ** 3)),
                                            ("100kB", 100_000), (4096, 4096)])
def test_sizes_are_parsed(text, expected):
    assert sandbox.parse_size(text) == expected, f"parse_size({text!r}) = {sandbox.parse_size(text)}, expected {expected}"


@pytest.mark.parametrize("bad, error", [("2 parsecs", ValueError), ("-1GiB", ValueError), (0, ValueError),
                                        (None, TypeError), (True, TypeError)])
def test_bad_sizes_are_refused_with_a_clear_error(bad, error):
    with pytest.raises(error, match="memory"):
        sandbox.parse_size(bad, what="memory")


def test_limits_come_from_the_config_then_the_command_line():
    limits = sandbox.Limits.from_config({"memory": "1GiB", "processes": 64}, processes="128", cpu_seconds=None)
    assert (limits.memory, limits.processes, limits.cpu_seconds) == (1024 ** 3, 128, 300.0), limits
    assert limits.describe("memory") == "memory limit of 1 GiB", limits.describe("memory")
    with pytest.raises(ValueError, match="processes"):
        sandbox.Limits.from_config(None, processes=2)


def test_the_course_config_sets_every_limit():
    from course.grading import sandbox_limits

    limits = sandbox_limits(ROOT)
    assert limits == sandbox.Limits(), f"nbgrader_config.py's CourseSandbox should state the defaults: {limits}"


def test_no_silent_fallback_without_bubblewrap(monkeypatch, capsys):
    """No bwrap: the grading command stops, names the package, and does not grade."""
    from course import __main__ as cli
    from course import grading

    monkeypatch.setattr(sandbox, "_CHECKED", None)
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    graded = []
    real_autograde = grading.autograde
    monkeypatch.setattr(grading, "autograde", lambda *a, **k: graded.append(1) or [])
    code = cli.main(["grade", "rain_water", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and not graded, f"exit {code}, graded {graded}: {err}"
    assert "apt-get install bubblewrap" in err and "--no-sandbox" in err, err
    with pytest.raises(sandbox.SandboxUnavailable, match="bubblewrap"):
        real_autograde(ROOT, ["rain_water"], sandbox=True)
    assert not graded


def test_no_sandbox_is_explicit_and_warns(monkeypatch, capsys):
    from course import __main__ as cli
    from course import grading

    seen = {}
    monkeypatch.setattr(grading, "autograde", lambda *a, **k: seen.update(k) or [])
    cli.main(["grade", "rain_water", "--quiet", "--no-sandbox"])
    assert seen.get("sandbox") is False, seen
    assert "only for code you trust" in capsys.readouterr().err


# --- a sandboxed kernel ------------------------------------------------------------------------

class Kernel:
    """A kernel started by the sandbox's kernel manager, as nbgrader's Execute starts it."""

    def __init__(self, workdir: Path, limits: sandbox.Limits):
        self.workdir, self.limits = workdir, limits

    async def __aenter__(self):
        sandbox.SETTINGS.limits = self.limits
        sandbox.SETTINGS.name = "test@sandbox"
        self.km = sandbox.kernel_manager_class()(kernel_name="python3")
        await self.km.start_kernel(cwd=str(self.workdir))
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=90)
        return self

    async def run(self, code: str, timeout: float = 60) -> dict:
        """{'out': printed text, 'error': 'Name: message' or None}"""
        msg_id = self.kc.execute(code)
        out, error = [], None
        deadline = time.monotonic() + timeout
        while True:
            msg = await self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                return {"out": "".join(out), "error": error}

    async def __aexit__(self, *exc):
        self.kc.stop_channels()
        await self.km.shutdown_kernel(now=True)
        sandbox.SETTINGS.limits = None


@pytest.fixture
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="sandbox-test-"))
    (folder / "answer.ipynb").write_text('{"cells": []}')
    (folder / "data").mkdir()
    (folder / "data" / "numbers.txt").write_text("1 2 3\n")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@needs_bwrap
def test_a_sandboxed_kernel_sees_only_what_it_should(workdir):
    """Its own folder (a private, writable copy), the Python environment read-only, no course,
    no home folder, no other process, no network."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    secret_dirs = [ROOT / "source", ROOT / "submitted", ROOT / "release"]
    home = Path.home()
    # the home folder shows only the way to a bound path (the interpreter may live under it, as pyenv's)
    bound = [Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    allowed_in_home = sorted({p.relative_to(home).parts[0] for p in bound if p.is_relative_to(home)})

    async def go():
        async with Kernel(workdir, sandbox.Limits()) as k:
            seen = await k.run("import os\nprint(sorted(os.listdir('.')), open('data/numbers.txt').read().strip())")
            assert seen["out"].strip() == "['answer.ipynb', 'data'] 1 2 3", seen
            for folder in secret_dirs:
                r = await k.run(f"import os\nprint(sorted(os.listdir({str(folder)!r})))")
                assert r["error"] and ("FileNotFoundError" in r["error"] or "PermissionError" in r["error"]), \
                    f"{folder} is visible in the sandbox: {r}"
            r = await k.run(f"import os\nprint(sorted(os.listdir({str(home)!r})) if os.path.isdir({str(home)!r}) else [])")
            assert r["out"].strip() == str(allowed_in_home), f"the home folder shows {r}, expected only {allowed_in_home}"
            r = await k.run(f"print(open({str(ROOT / 'nbgrader_config.py')!r}).read()[:20])")
            assert r["error"], f"the course's nbgrader_config.py is readable: {r}"
            r = await k.run("open('answer.ipynb', 'w').write('{}'); open('new.txt', 'w').write('x'); print('written')")
            assert r["out"].strip() == "written", r
            r = await k.run(f"import os\nprint(os.access({sys.prefix!r}, os.W_OK), "
                            f"os.access({str(Path(sandbox.__file__).parent.parent / 'utils')!r}, os.W_OK))")
            assert r["out"].strip() == "False False", f"the environment or utils/ is writable: {r}"
            r = await k.run("import numpy, utils.testing\nprint('imports ok')")
            assert r["out"].strip() == "imports ok", r
            r = await k.run("import os\nprint(len([p for p in os.listdir('/proc') if p.isdigit()]))")
            assert int(r["out"]) < 10, f"the kernel sees {r['out'].strip()} processes: no process namespace?"
            r = await k.run(f"import socket\ns = socket.socket(); s.settimeout(2)\nprint(s.connect_ex(('127.0.0.1', {port})))")
            assert r["out"].strip() != "0", f"the kernel reached the grader's loopback: {r}"
            with pytest.raises(OSError):
                listener.accept()

    asyncio.run(go())
    assert (workdir / "answer.ipynb").read_text() == '{"cells": []}', "the sandbox wrote through to the real folder"
    assert not (workdir / "new.txt").exists(), "a file written in the sandbox appeared outside"
    listener.close()


@needs_bwrap
def test_limits_hold_and_are_named(workdir):
    limits = sandbox.Limits(memory=1024 ** 3, processes=64, disk=32 * 1024 ** 2, cpu_seconds=60)

    async def go():
        async with Kernel(workdir, limits) as k:
            r = await k.run("import numpy as np\na = np.ones(2 * 1024 ** 3 // 8); print(a.sum())")
            assert r["error"] and r["error"].startswith("MemoryError"), f"2 GiB allocated under a 1 GiB limit: {r}"
            r = await k.run("try:\n    open('big', 'wb').write(b'x' * 64 * 1024 ** 2)\nexcept OSError as e:\n    print('refused', e.errno)")
            assert r["out"].startswith("refused"), f"64 MiB written under a 32 MiB disk limit: {r}"
            before = k.km.box.events()
            r = await k.run("import os, time\nkids = 0\ntry:\n    for _ in range(500):\n        if os.fork() == 0:\n"
                            "            time.sleep(1); os._exit(0)\n        kids += 1\nexcept OSError as e:\n    print(kids, e.errno)\n"
                            "for _ in range(kids):\n    os.wait()")
            if k.km.box.cgroup.holds("pids") or os.geteuid() != 0:
                kids, errno = r["out"].split()
                assert int(kids) < 64, f"{kids} processes started under a limit of 64: {r}"
                assert k.km.box.events()["processes"] > before.get("processes", 0) or not k.km.box.cgroup.holds("pids")
            r = await k.run("print('still answering')")
            assert r["out"].startswith("still answering"), r

    asyncio.run(go())


@needs_bwrap
def test_the_sandbox_dies_with_its_grader(workdir):
    """A background process a submission leaves behind is gone once its kernel is shut down."""
    marker = workdir.parent / f"{workdir.name}-late"

    async def go():
        async with Kernel(workdir, sandbox.Limits()) as k:
            r = await k.run("import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(3)\n"
                            "    open('/sandbox/submission/late', 'w').write('x')\n    os._exit(0)\nprint('left behind')")
            assert "left behind" in r["out"], r
            return k.km.box.cgroup

    cgroup = asyncio.run(go())
    time.sleep(4)
    assert not marker.exists()
    for procs in cgroup.procs_files:
        assert not Path(procs).exists(), f"the kernel's cgroup {procs} was not removed"


# --- feedback ------------------------------------------------------------------------------------

def _cell(source, grade=False, solution=False, grade_id="x"):
    import nbformat

    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": grade, "solution": solution, "grade_id": grade_id, "locked": grade}
    return cell


def _error(ename, evalue):
    import nbformat

    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def test_feedback_keeps_only_the_course_verdicts():
    """Whatever the student's code printed or raised is gone; a failure is one line of the course's."""
    import nbformat

    secret = "c2VjcmV0IGhpZGRlbiB0ZXN0"  # what an exfiltrating answer would put in its message
    nb = nbformat.v4.new_notebook()
    visible = _cell("assert f(1) == 2, 'f(1)'", grade=True)
    visible.outputs = [nbformat.v4.new_output("stream", name="stdout", text=secret), _error("AssertionError", secret)]
    hidden = _cell("### BEGIN HIDDEN TESTS\nassert f(2) == 3\n### END HIDDEN TESTS", grade=True)
    hidden.outputs = [_error(secret, secret)]
    answer = _cell("def f(x):\n    print('hi')\n    return x + 1", solution=True)
    answer.outputs = [nbformat.v4.new_output("stream", name="stdout", text=secret)]
    stopped = _cell("assert True", grade=True)
    stopped.outputs = [_error("KernelStopped", f"the kernel stopped in this cell (memory limit of 2 GiB reached) {secret}")]
    nb.cells = [answer, visible, hidden, stopped]
    out, _ = FeedbackVerdictsOnly().preprocess(nb, {})
    texts = [o.get("text", "") for c in out.cells for o in c.outputs]
    assert texts == ["✗ this test failed (AssertionError); run the cell in your notebook to see its message\n",
                     "✗ a hidden test failed (an error)\n",
                     "✗ the kernel stopped in this cell (the memory limit of a submission was reached); "
                     "the cells after it were not run\n"], texts
    assert not out.cells[0].outputs, "the answer's printed output was kept"
    assert all(secret not in str(c.outputs) for c in out.cells), "a student-controlled text reached the feedback"
    assert verdict(hidden, hidden.outputs) == "✗ a hidden test failed (an error)"


def test_a_student_exception_named_like_a_grader_error_carries_nothing():
    payload = "aGlkZGVuIGxpbmUgb2YgdGVzdCBjb2Rl" * 4
    cell = _cell("assert g()", grade=True)
    for name in ("KernelStopped", "CellTimeoutError", "GradingTimeLimit", "KernelTampering", "KernelUnresponsive",
                 payload):
        line = verdict(cell, [_error(name, payload)])
        assert payload not in line and payload[:12] not in line, f"{name}: {line}"
