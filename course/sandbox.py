"""The grading sandbox: every kernel that runs a student's code runs inside bubblewrap.

A submission is code from a stranger. While it is graded, its kernel sees only:

* the Python environment (the virtual environment and the interpreter it links to), the
  system's shared libraries and ``utils/``, all read-only;
* a private, size-limited copy of its own notebook's folder (its working directory) and a
  private ``/tmp``, both in a tmpfs that disappears with the kernel;
* the two ZeroMQ sockets folder of its own connection to the grader (``/run/kernel``).

Not ``source/``, ``submitted/``, ``release/``, ``autograded/``, ``feedback/`` or the gradebook,
not the home folder, no network (its own empty network namespace), its own process, IPC,
UTS and user namespaces, and it dies with its grader (``--die-with-parent``).

Why bubblewrap: it is the sandbox Flatpak runs every desktop application in, a small setuid-
free program maintained for that purpose and packaged by every Linux distribution
(``apt-get install bubblewrap``). It builds the whole view from nothing (an empty root with
only what is bound into it), so forgetting to hide a folder is impossible: a folder is
visible only if it is listed here.

Limits, per submission (``Limits``; configurable in nbgrader_config.py as
``c.CourseSandbox.memory = "2GiB"`` and so on, or on the command line):

* memory: ``RLIMIT_AS`` of every process (an allocation beyond it raises ``MemoryError``) and,
  where the grader can create control groups, the memory of all its processes together;
* processes: a ``pids`` control group (root ignores ``RLIMIT_NPROC``; for a grader that is not
  root, ``RLIMIT_NPROC`` is used where no control group can be created);
* disk: the size of each of the sandbox's two writable tmpfs (its folder, and /tmp) and
  ``RLIMIT_FSIZE``;
* output: what the kernel sends to the grader as outputs (counted by ``course.grading``);
* CPU time: ``RLIMIT_CPU`` of every process, and at most one core per submission (a ``cpu``
  control group), so a submission that spins cannot slow the others down.
"""
from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path

from . import ROOT

KiB, MiB, GiB = 1024, 1024 ** 2, 1024 ** 3
INSIDE_ROOT = "/sandbox"              # the sandbox's private, writable tmpfs
INSIDE_WORK = "/sandbox/submission"   # the kernel's working folder: a copy of the notebook's folder
INSIDE_SOCKETS = "/run/kernel"        # the kernel's end of its connection to the grader
LAUNCHER = Path(__file__).with_name("_launch.py")
COPIES_MARKER = "--course-copies-here"
INSTALL_HINT = ("install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: "
                "`sudo dnf install bubblewrap`), or grade with --no-sandbox, only for code you trust")


@dataclass
class Limits:
    """What one submission may use while it is graded."""
    memory: int = 2 * GiB           # bytes of address space per process, and of all processes together
    processes: int = 256            # processes and threads
    disk: int = 512 * MiB           # bytes the submission can write in its folder, and again in /tmp
    output: int = 1 * MiB           # bytes of output the kernel may send back
    cpu_seconds: float = 300.0      # CPU time per process

    @classmethod
    def from_config(cls, section=None, **overrides) -> "Limits":
        """Defaults, then ``c.CourseSandbox.*`` of nbgrader_config.py, then the command line."""
        values = {}
        for f in fields(cls):
            if section is not None and f.name in section:
                values[f.name] = section[f.name]
            if overrides.get(f.name) is not None:
                values[f.name] = overrides[f.name]
        limits = cls()
        for name, value in values.items():
            setattr(limits, name, _parse_limit(name, value))
        return limits

    def describe(self, name: str) -> str:
        """'memory limit of 2 GiB', for reports."""
        value = getattr(self, name)
        label = {"memory": "memory", "processes": "process", "disk": "disk", "output": "output",
                 "cpu_seconds": "CPU time"}[name]
        if name == "processes":
            shown = f"{value} processes"
        elif name == "cpu_seconds":
            shown = f"{value:g} s"
        else:
            shown = human_size(value)
        return f"{label} limit of {shown}"


def _parse_limit(name: str, value) -> int | float:
    if name in ("memory", "disk", "output"):
        return parse_size(value, what=name)
    if name == "processes":
        number = int(value)
        if number < 8:
            raise ValueError(f"processes limit must be at least 8 (a kernel starts several threads); got {value!r}")
        return number
    number = float(value)
    if number <= 0:
        raise ValueError(f"{name} must be positive; got {value!r}")
    return number


_UNITS = {"": 1, "b": 1, "k": KiB, "kb": 1000, "kib": KiB, "m": MiB, "mb": 1000 ** 2, "mib": MiB,
          "g": GiB, "gb": 1000 ** 3, "gib": GiB, "t": 1024 ** 4, "tib": 1024 ** 4}


def parse_size(value, what: str = "size") -> int:
    """'2GiB', '512 MiB', '1.5G', 1000 -> bytes."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a number of bytes or a text such as '2GiB'; got {value!r}")
    if isinstance(value, (int, float)):
        number = int(value)
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*", value)
        if not match or match.group(2).lower() not in _UNITS:
            raise ValueError(f"{what} must be a size such as '2GiB', '512MiB' or '100kB'; got {value!r}")
        number = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    else:
        raise TypeError(f"{what} must be a number of bytes or a text such as '2GiB'; got {type(value).__name__}")
    if number <= 0:
        raise ValueError(f"{what} must be positive; got {value!r}")
    return number


def human_size(n: int) -> str:
    for unit, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run on this machine (the message says what to install)."""


_CHECKED: str | None = None


def check_available() -> str:
    """The path of bwrap, after a trial sandbox; SandboxUnavailable says why not."""
    global _CHECKED
    if _CHECKED:
        return _CHECKED
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(
            f"the grading sandbox needs Linux namespaces (bubblewrap); this machine runs {platform.system()}. "
            "Grade on a Linux machine, or with --no-sandbox, only for code you trust")
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(f"bubblewrap (`bwrap`) is not installed: {INSTALL_HINT}")
    trial = subprocess.run([bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/", "/",
                            "--proc", "/proc", "--dev", "/dev", "true"], capture_output=True, text=True, timeout=30)
    if trial.returncode != 0:
        raise SandboxUnavailable(
            "bubblewrap is installed but cannot create a sandbox here "
            f"({trial.stderr.strip() or 'exit code ' + str(trial.returncode)}); user namespaces may be "
            "switched off (`sysctl kernel.unprivileged_userns_clone=1`, `user.max_user_namespaces`), or an "
            "AppArmor profile may block bwrap. Grade with --no-sandbox only for code you trust")
    _CHECKED = bwrap
    return bwrap


# --- control groups ------------------------------------------------------------------------------

CGROUP_FS = Path("/sys/fs/cgroup")
_CGROUP_PARENT = "course-grading"


def _own_cgroups() -> dict[str, str]:
    """{controller: path of this process's cgroup} from /proc/self/cgroup ('' key for v2)."""
    found = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for controller in controllers.split(",") if controllers else [""]:
                found[controller] = path
    return found


def _cgroup_bases() -> tuple[str, dict[str, Path]]:
    """('v1' or 'v2', {controller: folder under which the grader may create cgroups})."""
    own = _own_cgroups()
    bases: dict[str, Path] = {}
    if (CGROUP_FS / "pids").is_dir() or (CGROUP_FS / "memory").is_dir():  # v1 (or hybrid)
        for controller in ("pids", "memory", "cpu"):
            base = CGROUP_FS / controller / own.get(controller, "/").lstrip("/") / _CGROUP_PARENT
            with contextlib.suppress(OSError):
                base.mkdir(exist_ok=True)
                if controller == "cpu":
                    # all kernels share this parent: weigh it like one busy process per core, so
                    # that kernels are not starved by the grader's own processes
                    (base / "cpu.shares").write_text(str(1024 * (os.cpu_count() or 1)))
                if os.access(base, os.W_OK):
                    bases[controller] = base
        _remove_stale(bases.values())
        return "v1", bases
    if (CGROUP_FS / "cgroup.controllers").is_file():  # v2: a parent at the root, controllers delegated
        base = CGROUP_FS / _CGROUP_PARENT
        with contextlib.suppress(OSError):
            base.mkdir(exist_ok=True)
            available = (base / "cgroup.controllers").read_text().split()
            wanted = [c for c in ("pids", "memory", "cpu") if c in available]
            (base / "cgroup.subtree_control").write_text(" ".join("+" + c for c in wanted))
            with contextlib.suppress(OSError):
                (base / "cpu.weight").write_text(str(min(10000, 100 * (os.cpu_count() or 1))))
            for controller in wanted:
                bases[controller] = base
        _remove_stale(bases.values())
    return "v2", bases


def _remove_stale(bases) -> None:
    """Remove the groups of graders that are gone (killed before they could clean up)."""
    for base in set(bases):
        for folder in base.iterdir() if base.is_dir() else []:
            match = re.search(r"-(\d+)-cg-", folder.name)
            if not folder.is_dir() or not match or Path(f"/proc/{match.group(1)}").exists():
                continue
            with contextlib.suppress(OSError):
                for pid in (folder / "cgroup.procs").read_text().split():
                    with contextlib.suppress(OSError, ValueError):
                        os.kill(int(pid), signal.SIGKILL)
            with contextlib.suppress(OSError):
                folder.rmdir()


_BASES: tuple[str, dict[str, Path]] | None = None


def cgroup_support() -> tuple[str, dict[str, Path]]:
    global _BASES
    if _BASES is None:
        _BASES = _cgroup_bases()
    return _BASES


class Cgroup:
    """The control groups of one kernel: created before it starts, removed after it stops."""

    def __init__(self, name: str, limits: Limits):
        self.version, bases = cgroup_support()
        self.dirs: dict[str, Path] = {}
        for controller, base in bases.items():
            folder = base / name
            if folder in self.dirs.values():
                continue
            try:
                folder.mkdir()
            except FileExistsError:
                pass
            except OSError:
                continue
            self.dirs[controller] = folder
        try:
            self._set_limits(limits)
        except OSError:
            self.remove()
            self.dirs = {}

    def _set_limits(self, limits: Limits) -> None:
        v1 = self.version == "v1"
        if "pids" in self.dirs:
            (self.dirs["pids"] / "pids.max").write_text(str(limits.processes))
        if "memory" in self.dirs:
            # tmpfs pages are charged to the group too, so the disk limit is added
            total = limits.memory + limits.disk
            (self.dirs["memory"] / ("memory.limit_in_bytes" if v1 else "memory.max")).write_text(str(total))
            if not v1:
                with contextlib.suppress(OSError):
                    (self.dirs["memory"] / "memory.swap.max").write_text("0")
        if "cpu" in self.dirs:
            if v1:
                (self.dirs["cpu"] / "cpu.cfs_period_us").write_text("100000")
                (self.dirs["cpu"] / "cpu.cfs_quota_us").write_text("100000")
            else:
                (self.dirs["cpu"] / "cpu.max").write_text("100000 100000")

    @property
    def procs_files(self) -> list[str]:
        return sorted({str(folder / "cgroup.procs") for folder in self.dirs.values()})

    def holds(self, controller: str) -> bool:
        return controller in self.dirs

    def events(self) -> dict[str, int]:
        """Counters of limits hit so far: {'processes': n, 'memory': n}."""
        seen = {"processes": 0, "memory": 0}
        with contextlib.suppress(OSError, ValueError):
            if "pids" in self.dirs:
                for line in (self.dirs["pids"] / "pids.events").read_text().splitlines():
                    key, value = line.split()
                    if key == "max":
                        seen["processes"] = int(value)
        with contextlib.suppress(OSError, ValueError):
            if "memory" in self.dirs:
                name = "memory.oom_control" if self.version == "v1" else "memory.events"
                for line in (self.dirs["memory"] / name).read_text().splitlines():
                    key, value = line.split()
                    if key in ("oom_kill", "max") and int(value):
                        seen["memory"] += int(value)
        return seen

    def kill_all(self) -> None:
        """Kill every process left in the group (a background process the kernel left behind)."""
        for _ in range(50):
            pids = set()
            for procs in self.procs_files:
                with contextlib.suppress(OSError, ValueError):
                    pids |= {int(p) for p in Path(procs).read_text().split()}
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)

    def remove(self) -> None:
        self.kill_all()
        for folder in self.dirs.values():
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


# --- the sandbox of one kernel -------------------------------------------------------------------

def _system_binds() -> list[str]:
    """The read-only system the kernel needs: /usr and the shared-library cache, no /etc secrets."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts",
                 "mime.types", "nsswitch.conf"):
        path = Path("/etc") / name
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    return args


def _python_binds() -> list[str]:
    """The course's Python: the virtual environment, the interpreter it links to, and utils/."""
    paths = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.executable).resolve().parent.parent}
    args = []
    for path in sorted(paths):
        if str(path).startswith("/usr"):
            continue  # already there
        args += ["--ro-bind", str(path), str(path)]
        if Path(sys.prefix) != Path(sys.prefix).resolve() and path == Path(sys.prefix).resolve():
            args += ["--symlink", str(path), sys.prefix]
    # utils/ as the kernel imports it (the editable install maps it to a checkout's folder; a
    # regular install puts it inside the environment, bound above)
    utils_dir = _kernel_utils_dir()
    if utils_dir is not None and not any(utils_dir.is_relative_to(p) for p in paths):
        args += ["--ro-bind", str(utils_dir), str(utils_dir)]
    return args


_UTILS_DIR: list = []


def _kernel_utils_dir() -> Path | None:
    """Where a kernel started from this Python finds the package utils (asked once, of a fresh
    interpreter started outside any course folder, as the kernel is)."""
    if not _UTILS_DIR:
        found = subprocess.run([sys.executable, "-c", "import importlib.util as u; "
                                "print(u.find_spec('utils').submodule_search_locations[0])"],
                               capture_output=True, text=True, cwd="/", timeout=60)
        _UTILS_DIR.append(Path(found.stdout.strip()).resolve() if found.returncode == 0 and found.stdout.strip() else None)
    return _UTILS_DIR[0]


_PASSED_ENV = ("LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
               "OMP_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED", "TZ")


class KernelSandbox:
    """Everything one sandboxed kernel needs outside: a folder for its sockets and plan, its
    cgroups, and the bubblewrap command line."""

    def __init__(self, limits: Limits, workdir: str, name: str = "kernel"):
        self.limits = limits
        self.bwrap = check_available()
        # short path: a unix socket's path must stay under 108 bytes
        self.outside = Path(tempfile.mkdtemp(prefix="cg-"))
        self.sockets = self.outside / "s"
        self.sockets.mkdir()
        self.workdir = Path(workdir)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:60]
        self.cgroup = Cgroup(f"{safe}-{os.getpid()}-{self.outside.name}", limits)

    @property
    def ip(self) -> str:
        return str(self.sockets / "k")

    def _files(self) -> tuple[list[str], list[list[str]]]:
        """The folders and files of the notebook's folder, copied into the sandbox."""
        dirs, files = [], []
        base = self.workdir
        for folder, subdirs, names in os.walk(base):
            subdirs[:] = sorted(d for d in subdirs if not os.path.islink(os.path.join(folder, d)))
            rel = Path(folder).relative_to(base)
            if str(rel) != ".":
                dirs.append(f"{INSIDE_WORK}/{rel.as_posix()}")
            for name in sorted(names):
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    files.append([str(path), f"{INSIDE_WORK}/{(rel / name).as_posix()}"])
        return dirs, files

    def command(self, kernel_cmd: list[str]) -> list[str]:
        """The launcher + bubblewrap command that runs kernel_cmd in the sandbox."""
        connection = None
        inner = []
        for i, arg in enumerate(kernel_cmd):
            if i > 0 and kernel_cmd[i - 1] == "-f":
                connection = arg
                arg = f"{INSIDE_SOCKETS}/kernel.json"
            inner.append(arg)
        if connection is None:
            raise RuntimeError(f"the kernel command has no connection file (-f): {kernel_cmd}")
        info = json.loads(Path(connection).read_text())
        info["ip"] = f"{INSIDE_SOCKETS}/k"
        (self.sockets / "kernel.json").write_text(json.dumps(info))
        if Path(connection).resolve().parent != self.sockets.resolve():
            raise RuntimeError("the connection file must live in the sandbox's socket folder")

        limits = self.limits
        env = {"HOME": f"{INSIDE_ROOT}/home", "TMPDIR": "/tmp", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
               "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{INSIDE_ROOT}/home/.config/matplotlib",
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "LANG": "C.UTF-8"}
        for name in _PASSED_ENV:
            if name in os.environ:
                env[name] = os.environ[name]
        args = [self.bwrap, "--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000",
                "--hostname", "sandbox", "--die-with-parent", "--cap-drop", "ALL", "--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        # the writable places first (binds below may sit inside /tmp), then the read-only system
        args += ["--size", str(limits.disk), "--perms", "1777", "--tmpfs", "/tmp",
                 "--size", str(limits.disk), "--perms", "0755", "--tmpfs", INSIDE_ROOT,
                 "--dir", f"{INSIDE_ROOT}/home", "--dir", INSIDE_WORK,
                 COPIES_MARKER]
        args += _system_binds() + _python_binds()
        args += ["--proc", "/proc", "--dev", "/dev",
                 "--bind", str(self.sockets), INSIDE_SOCKETS,
                 "--chdir", INSIDE_WORK]
        args += ["--"] + inner

        dirs, files = self._files()
        rlimits = {"RLIMIT_AS": [limits.memory, limits.memory],
                   "RLIMIT_CPU": [int(limits.cpu_seconds), int(limits.cpu_seconds) + 5],
                   "RLIMIT_FSIZE": [limits.disk, limits.disk],
                   "RLIMIT_CORE": [0, 0]}
        if not self.cgroup.holds("pids") and os.geteuid() != 0:
            rlimits["RLIMIT_NPROC"] = [limits.processes + _user_process_count(), limits.processes + _user_process_count()]
        (self.outside / "passwd").write_text("student:x:1000:1000:student:/sandbox/home:/bin/sh\n")
        (self.outside / "group").write_text("student:x:1000:\n")
        plan = {"cgroup_procs": self.cgroup.procs_files, "rlimits": rlimits, "dirs": dirs, "files":
                [[str(self.outside / "passwd"), "/etc/passwd"], [str(self.outside / "group"), "/etc/group"]] + files,
                "copies_after": COPIES_MARKER}
        plan_path = self.outside / "plan.json"
        plan_path.write_text(json.dumps(plan))
        return [sys.executable, "-I", "-S", str(LAUNCHER), str(plan_path), "--"] + args

    def events(self) -> dict[str, int]:
        return self.cgroup.events()

    def _inside_pids(self) -> list[int]:
        """Host pids of the sandbox's processes: the children of bubblewrap's outer process."""
        pids, todo = [], [self.pid] if getattr(self, "pid", None) else []
        while todo and len(pids) < 4:
            pid = todo.pop()
            with contextlib.suppress(OSError, ValueError):
                for task in Path(f"/proc/{pid}/task").iterdir():
                    children = [int(c) for c in (task / "children").read_text().split()]
                    pids += children
                    todo += children
        return pids

    def disk_full(self) -> bool:
        """Is one of the sandbox's writable places (its folder, /tmp) full? Read from outside,
        through the sandbox's own mount namespace, so the submission cannot hide it."""
        for pid in self._inside_pids():
            for place in ("/tmp", INSIDE_ROOT):
                with contextlib.suppress(OSError):
                    st = os.statvfs(f"/proc/{pid}/root{place}")
                    if st.f_blocks and st.f_bavail * st.f_frsize < max(MiB, self.limits.disk // 100):
                        return True
        return False

    def cleanup(self) -> None:
        self.cgroup.remove()
        shutil.rmtree(self.outside, ignore_errors=True)


def _user_process_count() -> int:
    uid = os.getuid()
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    count += 1
    return count


# --- the kernel manager nbgrader's Execute uses ---------------------------------------------------

class _Settings:
    limits: Limits | None = None     # None: no sandbox (--no-sandbox)
    name: str = "kernel"             # student@topic, for the cgroup's name


SETTINGS = _Settings()


def kernel_manager_class():
    """An AsyncKernelManager whose kernels start inside the sandbox (ZeroMQ over ipc sockets:
    the sandbox has no network, not even loopback shared with the grader)."""
    from jupyter_client.manager import AsyncKernelManager

    class SandboxKernelManager(AsyncKernelManager):
        box: KernelSandbox | None = None

        async def _async_pre_start_kernel(self, **kw):
            limits = SETTINGS.limits
            if limits is None:
                return await super()._async_pre_start_kernel(**kw)
            self.box = KernelSandbox(limits, kw.get("cwd") or os.getcwd(), SETTINGS.name)
            # a signal sent from outside would stop at bubblewrap's init: ask the kernel to
            # interrupt itself through its control channel instead
            self.kernel_spec.interrupt_mode = "message"
            self.transport = "ipc"
            self.ip = self.box.ip
            self.connection_file = str(self.box.sockets / "connection.json")
            cmd, kw = await super()._async_pre_start_kernel(**kw)
            return self.box.command(cmd), kw

        async def _async_post_start_kernel(self, **kw):
            await super()._async_post_start_kernel(**kw)
            if self.box is not None:
                with contextlib.suppress(Exception):
                    self.box.pid = self.provisioner.process.pid

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            if self.box is not None and not restart:
                self.box.cleanup()
                self.box = None

        cleanup_resources = _async_cleanup_resources

    return SandboxKernelManager
