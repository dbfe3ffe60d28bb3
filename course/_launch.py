"""Start one grading kernel inside its sandbox (run by path, with ``python -I -S``).

``course.sandbox`` writes a JSON plan and starts ``python -I -S _launch.py PLAN -- BWRAP ARGS``.
This script, still outside the sandbox, joins the submission's cgroups, sets its resource
limits (inherited by bubblewrap and everything the kernel starts), opens the files of the
submission's folder so that bubblewrap copies them into the sandbox (``--file FD DEST``),
and replaces itself with bubblewrap. It imports nothing but the standard library, so it
starts in a few milliseconds and cannot be confused by the course's environment.
"""
import json
import os
import resource
import sys


def main(argv):
    plan_path, sep, *bwrap = argv
    if sep != "--" or not bwrap:
        raise SystemExit("usage: _launch.py PLAN -- BWRAP ARGS...")
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    for procs in plan.get("cgroup_procs", []):
        with open(procs, "w") as f:
            f.write(str(os.getpid()))
    for name, value in plan.get("rlimits", {}).items():
        soft, hard = value
        resource.setrlimit(getattr(resource, name), (soft, hard))
    copies = []
    for folder in plan.get("dirs", []):
        copies += ["--dir", folder]
    for source, target in plan.get("files", []):
        fd = os.open(source, os.O_RDONLY)
        os.set_inheritable(fd, True)
        copies += ["--file", str(fd), target]
    # bubblewrap applies its arguments in order: the copies go right after the sandbox's
    # writable tmpfs is mounted (marked by a placeholder in the plan's argument list).
    marker = plan.get("copies_after")
    if marker in bwrap:
        at = bwrap.index(marker)
        bwrap = bwrap[:at] + copies + bwrap[at + 1:]
    os.execv(bwrap[0], bwrap)


if __name__ == "__main__":
    main(sys.argv[1:])
