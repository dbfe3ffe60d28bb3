"""The hostile class (tests/hostile/) graded together with the demo class, on copies of the course.

Two copies: one grades the demo class's rain_water submissions alone, the other the same
students plus one hostile submission per attack. Then, for each attack, what the report
says, that the hostile student gets no point the honest blank submission (ben) does not
get, and over the whole run: every other student's grades (every cell, from the gradebook)
and feedback pages are the same as without the hostile class, submitted/, release/ and
source/ are unchanged, no feedback page carries a secret in any encoding (plain, reversed,
base64, hex), the test's TCP/UDP listener received nothing, the process a submission left
behind never wrote its marker and is gone, no disk filler is left, and the test process
itself kept running on time (a heartbeat thread).

Grading runs in the sandbox by default. ``COURSE_HOSTILE_NO_SANDBOX=1`` grades with
``--no-sandbox`` instead, and so does a course whose grade command has no sandbox; then the
attacks that would hurt the machine (fork bomb, 64 GiB, 20 GB on disk, kill every process)
and the one that would wreck the whole run (delete the gradebook) are not written, and
their tests fail saying so: without the sandbox this test is red by design.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from course import ROOT
from course.notebooks import hidden_lines, source_path, topics
from harness import GRADES_SQL
from hostile import ATTACKS, TOPIC, Target, attacks, leaks, write_class

pytestmark = [pytest.mark.slow, pytest.mark.alone, pytest.mark.xdist_group("hostile")]

NO_SANDBOX_ENV = "COURSE_HOSTILE_NO_SANDBOX"
# small limits where the default would cost minutes; memory keeps its default
LIMITS = {"--processes": "64", "--disk": "64MiB", "--output": "1MiB", "--cpu-seconds": "20", "--max-seconds": "120"}
SETTLE = 8             # seconds waited after grading: the left-behind process starts writing 5 s after its cell
HEARTBEAT = 0.05       # the heartbeat thread's period (s)
WORST_DELAY = 2.0      # its worst lateness allowed during grading (s)
TIMEOUT = 900
# Both runs must grade the demo class identically, so nothing may depend on the machine's load:
# eli (an answer that loops) is left out, because which of its cells the wall-clock budget cuts
# depends on it (tests/test_autograde.py and tests/test_grading.py check eli), and the per-cell
# wall-clock timeout is raised from 20 s in both copies, because on a loaded machine a slow but
# correct hidden test (gus's, 2026-12-02) crossed 20 s in one run and not in the other.
LEFT_OUT = {"eli"}
CELL_TIMEOUT = 60
CHECKED = ("submitted", "release", "source", "nbgrader_config.py")


# --- helpers ------------------------------------------------------------------------------------------

def _copy_course(dest: Path) -> Path:
    """source/, release/, the demo class's rain_water submissions (but eli's) and nbgrader_config.py,
    with a longer per-cell timeout."""
    dest.mkdir(parents=True)
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, dest / name)
    for student in sorted(p.name for p in (ROOT / "submitted").iterdir() if (p / TOPIC).is_dir()):
        if student not in LEFT_OUT:
            shutil.copytree(ROOT / "submitted" / student / TOPIC, dest / "submitted" / student / TOPIC)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    with open(dest / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}  # tests/test_hostile.py: see CELL_TIMEOUT there\n")
    return dest


def _digest(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p.relative_to(path.parent)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _digests(course: Path) -> dict[str, str]:
    out = {}
    for name in CHECKED:
        if (course / name).exists():
            out.update(_digest(course / name))
    return out


def _grades(course: Path) -> dict[tuple, tuple]:
    """{(student, assignment, notebook, cell): (auto_score, manual_score, needs_manual_grade)}"""
    try:
        with sqlite3.connect(f"file:{course / 'gradebook.db'}?mode=ro", uri=True) as db:
            return {row[:4]: row[4:] for row in db.execute(GRADES_SQL)}
    except sqlite3.Error as error:
        return {("gradebook unreadable", str(error), "", ""): ()}


def _score(grade: tuple) -> float:
    auto, manual, _ = grade
    return float(manual if manual is not None else auto or 0)


def _csv_rows(course: Path) -> dict[str, dict]:
    path = course / "grades.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["student"]: r for r in csv.DictReader(f) if r["topic"] == TOPIC}


# what differs between two gradings of the same notebook without meaning anything: the random id
# nbgrader gives a locked cell it puts back, and where the kernel's stream happened to be cut in two
_RANDOM_CELL_ID = re.compile(r'id="cell-id=[0-9a-f]{8}"')
_STREAM_CUT = re.compile(r'</pre>\n</div>\n</div>\n<div class="output_area">\n<div class="prompt"></div>\n'
                         r'<div class="output_subarea output_stream output_(stdout|stderr) output_text">\n<pre>')


def _pages(course: Path) -> dict[str, str]:
    """{student: feedback page}, with the course's path replaced so that two copies compare, a put-back
    cell's random id blanked and a stream output cut in two joined again."""
    pages = {}
    for path in sorted((course / "feedback").glob(f"*/{TOPIC}/{TOPIC}.html")):
        page = path.read_text(encoding="utf-8", errors="replace").replace(str(course), "<course>")
        pages[path.parent.parent.name] = _STREAM_CUT.sub("", _RANDOM_CELL_ID.sub('id="cell-id=?"', page))
    return pages


def _tagged_processes(tag: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("NBGRADER_DB_URL", None)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env["HOME"] = str(home)  # the grader's home holds a canary file that must never reach a student
    return env


class Listener:
    """TCP and UDP on 127.0.0.1: records whatever arrives."""

    def __init__(self):
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        for s in (self.tcp, self.udp):
            s.settimeout(0.2)
        self.received: list[tuple[str, bytes]] = []
        self._halt = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True),
                         threading.Thread(target=self._datagrams, daemon=True)]

    @property
    def ports(self) -> tuple[int, int]:
        return self.tcp.getsockname()[1], self.udp.getsockname()[1]

    def _accept(self):
        while not self._halt.is_set():
            try:
                conn, _ = self.tcp.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(("tcp", conn.recv(4096) or b"(a connection, no data)"))
                except OSError:
                    self.received.append(("tcp", b"(a connection)"))

    def _datagrams(self):
        while not self._halt.is_set():
            try:
                self.received.append(("udp", self.udp.recvfrom(4096)[0]))
            except OSError:
                continue

    def __enter__(self):
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self._halt.set()
        for t in self._threads:
            t.join(timeout=2)
        self.tcp.close()
        self.udp.close()


class Heartbeat(threading.Thread):
    """Wakes up every HEARTBEAT s and records how late it woke up, at worst."""

    def __init__(self):
        super().__init__(daemon=True)
        self.worst = 0.0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            start = time.monotonic()
            time.sleep(HEARTBEAT)
            self.worst = max(self.worst, time.monotonic() - start - HEARTBEAT)

    def stop(self) -> float:
        self._halt.set()
        self.join(timeout=5)
        return self.worst


def _grade_command(course: Path, flags: list[str]) -> list[str]:
    return [sys.executable, "-m", "course", "grade", TOPIC, "--root", str(course), "--quiet", "-j", "2", *flags]


# --- the two runs ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    usage = subprocess.run([sys.executable, "-m", "course", "grade", "--help"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120).stdout
    has_sandbox = "--no-sandbox" in usage
    sandboxed = has_sandbox and os.environ.get(NO_SANDBOX_ENV) != "1"
    flags = ["--no-sandbox"] if has_sandbox and not sandboxed else []
    for option, value in LIMITS.items():
        if option in usage:
            flags += [option, value]

    tmp = tmp_path_factory.mktemp("hostile")
    home = tmp / "home"
    home.mkdir()
    canary = f"canary-{uuid.uuid4().hex}"
    (home / "notes.txt").write_text(f"the grader's private notes: {canary}\n")
    env = _env(home)

    baseline = _copy_course(tmp / "baseline")
    start = time.perf_counter()
    alone = subprocess.run(_grade_command(baseline, flags), cwd=ROOT, capture_output=True, text=True,
                           timeout=TIMEOUT, env=env)
    alone_seconds = time.perf_counter() - start

    course = _copy_course(tmp / "course")
    marker = tmp / "outside" / "left-behind.txt"
    marker.parent.mkdir()
    tag = f"hostile-{uuid.uuid4().hex[:12]}"
    chosen = attacks(sandboxed)
    with Listener() as listener:
        target = Target(root=str(course), home=str(home), tcp=listener.ports[0], udp=listener.ports[1],
                        marker=str(marker), tag=tag, host_pidns=os.readlink("/proc/self/ns/pid"))
        write_class(course, target, chosen)
        before = _digests(course)
        heartbeat = Heartbeat()
        heartbeat.start()
        start = time.perf_counter()
        try:
            together = subprocess.run(_grade_command(course, flags), cwd=ROOT, capture_output=True, text=True,
                                      timeout=TIMEOUT, env=env)
        finally:
            seconds = time.perf_counter() - start
            worst = heartbeat.stop()
        time.sleep(SETTLE)
        received = list(listener.received)
    lingering = _tagged_processes(tag)
    pattern = f"hostile-fill-{tag}*"
    fillers = sorted(str(p) for p in [*tmp.rglob(pattern), *Path("/tmp").glob(pattern)] if p.is_file())
    data = {
        "sandboxed": sandboxed, "flags": flags, "chosen": {a.student for a in chosen},
        "alone": alone, "alone_seconds": alone_seconds, "baseline": baseline,
        "together": together, "seconds": seconds, "course": course, "worst_delay": worst,
        "before": before, "after": _digests(course), "received": received,
        "marker": marker.read_text() if marker.exists() else None,
        "lingering": {pid: (Path(f"/proc/{pid}/cmdline").read_bytes() if Path(f"/proc/{pid}").exists() else b"")
                      for pid in lingering},
        "fillers": {p: os.path.getsize(p) for p in fillers},
        "canary": canary,
        "grades_alone": _grades(baseline), "grades": _grades(course),
        "rows_alone": _csv_rows(baseline), "rows": _csv_rows(course),
        "pages_alone": _pages(baseline), "pages": _pages(course),
    }
    yield data
    for pid in lingering:  # what a hostile submission left running is stopped by its pid
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for path in fillers:
        Path(path).unlink(missing_ok=True)


def _demo(data) -> list[str]:
    return sorted(data["rows_alone"])


def _run_text(run: subprocess.CompletedProcess) -> str:
    return f"exit {run.returncode}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


# --- the tests ------------------------------------------------------------------------------------------

def test_grading_is_sandboxed(runs):
    assert runs["sandboxed"], (
        "grading ran without the sandbox (`python -m course grade` has no --no-sandbox option, or "
        f"{NO_SANDBOX_ENV}=1): the attacks that would hurt the machine were not run, see the tests below")


def test_both_runs_finish_and_list_every_student(runs):
    assert runs["alone"].returncode == 0, "grading the demo class alone failed:\n" + _run_text(runs["alone"])
    assert runs["together"].returncode == 0, "grading with the hostile class failed:\n" + _run_text(runs["together"])
    want = set(_demo(runs)) | runs["chosen"]
    missing = sorted(want - set(runs["rows"]))
    assert not missing, f"grades.csv has no row for {missing}:\n" + _run_text(runs["together"])


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.student for a in ATTACKS])
def test_attack_gains_nothing_and_is_reported(runs, attack):
    if attack.student not in runs["chosen"]:
        pytest.fail(f"{attack.student} ({attack.what}) was not run: it {attack.sandbox_only}, and grading "
                    "is not sandboxed")
    row = runs["rows"].get(attack.student)
    assert row is not None, f"{attack.student} ({attack.what}) has no row in grades.csv"
    problems = row["problems"]
    honest = {k[3]: _score(v) for k, v in runs["grades_alone"].items() if k[0] == "ben"}
    assert honest, "ben, the honest blank submission, has no grade in the run without the hostile class"
    theirs = {k[3]: _score(v) for k, v in runs["grades"].items() if k[0] == attack.student}
    gained = {cell: (score, honest.get(cell, 0.0)) for cell, score in theirs.items() if score > honest.get(cell, 0.0)}
    assert not gained, (f"{attack.student} ({attack.what}) scored points an untouched release does not get "
                        f"(cell: hostile, ben): {gained}; problems reported: {problems!r}")
    full = float(row["score"]) >= float(row["max_score"]) > 0
    assert not (full and not problems), f"{attack.student} ({attack.what}) got full marks silently: {row}"
    if attack.report and runs["sandboxed"]:
        assert re.search(attack.report, problems), (
            f"{attack.student} ({attack.what}): the report should name it (/{attack.report}/), "
            f"got problems {problems!r}, score {row['score']}/{row['max_score']}")


def test_other_students_get_the_same_grades_as_without_the_hostile_class(runs):
    demo = _demo(runs)
    alone = {k: v for k, v in runs["grades_alone"].items() if k[0] in demo}
    together = {k: v for k, v in runs["grades"].items() if k[0] in demo or k[0] == "gradebook unreadable"}
    differ = sorted(k for k in set(alone) | set(together) if alone.get(k) != together.get(k))
    assert not differ, "\n".join(
        [f"{len(differ)} cell grade(s) of the demo class changed with the hostile class "
         "((auto, manual, needs_manual) alone -> together):"]
        + [f"  {k[0]} {k[3]}: {alone.get(k)} -> {together.get(k)}" for k in differ[:30]])
    keep = ("score", "max_score", "graded", "problems")
    rows = {s: ({f: runs["rows_alone"][s][f] for f in keep},
                {f: runs["rows"].get(s, {}).get(f) for f in keep}) for s in demo}
    changed = {s: pair for s, pair in rows.items() if pair[0] != pair[1]}
    assert not changed, f"grades.csv rows of the demo class changed (alone, together): {changed}"


def test_other_students_get_the_same_feedback_as_without_the_hostile_class(runs):
    demo = _demo(runs)
    missing = sorted(s for s in runs["pages_alone"] if s not in runs["pages"])
    assert not missing, f"feedback pages missing with the hostile class: {missing}"
    changed = [s for s in demo if s in runs["pages_alone"] and runs["pages"][s] != runs["pages_alone"][s]]
    details = []
    for s in changed:
        a, b = runs["pages_alone"][s].splitlines(), runs["pages"][s].splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        details.append(f"  {s}: line {first + 1}: {a[first][:160] if first < len(a) else '(end)'!r} -> "
                       f"{b[first][:160] if first < len(b) else '(end)'!r}")
    assert not changed, "feedback pages of the demo class changed with the hostile class:\n" + "\n".join(details)


def test_submitted_release_and_source_are_unchanged(runs):
    before, after = runs["before"], runs["after"]
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    described = [f"{k}: {'deleted' if k not in after else 'created' if k not in before else 'modified'}"
                 for k in changed]
    assert not changed, f"grading the hostile class changed {len(changed)} file(s) of {', '.join(CHECKED)}:\n  " + \
        "\n  ".join(described[:30])


def test_no_feedback_page_carries_a_secret_in_any_encoding(runs):
    shown, decoded = set(), set()
    for topic in topics():
        nb = nbformat.read(str(source_path(topic)), as_version=4)
        shown |= hidden_lines(nb, min_length=12, solutions=False)
        decoded |= hidden_lines(nb, min_length=12, solutions=True)
    assert shown and decoded, "no hidden line found in source/: the check would check nothing"
    found = {}
    for student, page in runs["pages"].items():
        hits = leaks(page, shown, decoded, (runs["canary"],))
        if hits:
            found[student] = hits
    lines = []
    for student, hits in sorted(found.items()):
        by_how: dict[str, list[str]] = {}
        for how, secret in hits:
            by_how.setdefault(how, []).append(secret)
        for how, secrets in sorted(by_how.items()):
            lines.append(f"  {student}: {len(secrets)} secret(s) {how}, e.g. {secrets[0][:100]!r}")
    assert not found, "feedback pages carry secrets (hidden tests, solutions, the grader's canary file):\n" + \
        "\n".join(lines)


def test_the_network_listener_received_nothing(runs):
    assert not runs["received"], f"a kernel reached the test's listener on 127.0.0.1: {runs['received'][:5]}"


def test_nothing_is_left_behind(runs):
    assert runs["marker"] is None, (f"the process left behind by h-background wrote the marker outside the course "
                                    f"({len(runs['marker'].splitlines())} line(s))")
    assert not runs["lingering"], f"{SETTLE} s after grading, processes of h-background still run: {runs['lingering']}"
    assert not runs["fillers"], f"h-disk's files are left over (path: bytes): {runs['fillers']}"


def test_the_machine_stays_responsive(runs):
    assert runs["worst_delay"] < WORST_DELAY, (
        f"the test's heartbeat woke up {runs['worst_delay']:.1f} s late while the hostile class was graded "
        f"(allowed {WORST_DELAY} s)")


def test_timings_for_the_record(runs, record_property):
    """Not a timed test: the two runs' wall-clock times and flags, for the report."""
    record_property("alone_seconds", round(runs["alone_seconds"], 1))
    record_property("together_seconds", round(runs["seconds"], 1))
    record_property("flags", " ".join(runs["flags"]))
