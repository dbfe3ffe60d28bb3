"""Command line of the course: ``python -m course <command>``.

  release [TOPIC ...]            regenerate release/ from source/
  grade [TOPIC ...] [-j N]       autograde submitted/ in parallel, write feedback/, grades.csv, print the table
  all [-j N]                     release, then grade everything (the main job)
  clean                          empty autograded/ and feedback/, drop the gradebook
  export --format canvas|moodle|csv [--out FILE]   grades for the LMS's import (course/export.py)
  similarity TOPIC [--out FILE] [--top N]          ranked HTML report of similar answers (course/similarity.py)
  report [--out FILE]            one self-contained HTML page on the class, from the gradebook (course/report.py)
  publish DIR [--force] [--git]  write the student edition (no solutions) into DIR (course/publish.py)
  mock --preset NAME [--minutes M] [--seed S]    write a timed mock interview into mocks/ (course/mock.py)
  progress [--out FILE.png]      plot the mocks of mocks/history.json: time per question, pass rate per topic

Grading never stops at a broken submission: it is scored 0 (or partly) and named under
"Problems". The exit status is 0 once every submission has a grade or a named problem.
The gradebook is ROOT/gradebook.db (sqlite) unless NBGRADER_DB_URL names another
database, e.g. postgresql://grader@db.example.org/ml_interview (see README).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import ROOT, grading


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("export", "similarity", "report"):  # commands with options of their own (their --help)
        import importlib
        return importlib.import_module(f".{argv[0]}", __package__).main(argv[1:])
    if argv and argv[0] in ("mock", "progress"):  # timed mock interviews (course/mock.py)
        from . import mock
        return mock.main(argv)
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["release", "grade", "all", "clean", "publish"])
    parser.add_argument("topics", nargs="*", help="assignments (default: every folder of source/)")
    parser.add_argument("-j", "--workers", type=int, default=None, help="parallel graders (default: cores)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="course root holding nbgrader_config.py, source/, release/, submitted/ "
                             "(default: this checkout; point it at a copy to grade elsewhere)")
    parser.add_argument("--student", action="append", dest="students", metavar="NAME",
                        help="grade only this student (repeat for several; default: everyone in submitted/)")
    parser.add_argument("--max-seconds", type=float, default=grading.DEFAULT_MAX_SECONDS,
                        help="wall-clock budget of one submission; its cells still running after it fail "
                             f"(default {grading.DEFAULT_MAX_SECONDS} s; 0 = no budget, only nbgrader's "
                             "per-cell Execute.timeout)")
    parser.add_argument("--no-feedback", action="store_true", help="do not write feedback/ (grades only)")
    parser.add_argument("--csv", type=Path, default=None, help="grades CSV (default: ROOT/grades.csv)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--scheduler", metavar="tcp://HOST:8786", default=None,
                        help="grade on a Dask cluster: one task per submission on the workers of this scheduler "
                             "(course/distributed.py; -j is then unused; README: Grading on a cluster)")
    box = parser.add_argument_group(
        "sandbox (grade, all)", "every grading kernel runs in a bubblewrap sandbox with these limits per "
        "submission; defaults from nbgrader_config.py's c.CourseSandbox, else the values shown")
    box.add_argument("--no-sandbox", action="store_true",
                     help="grade without the sandbox: ONLY FOR CODE YOU TRUST (a submission can then read the "
                          "solutions, change other students' files and the gradebook)")
    box.add_argument("--memory", metavar="SIZE", help="memory per submission (default 2GiB)")
    box.add_argument("--processes", metavar="N", help="processes and threads per submission (default 256)")
    box.add_argument("--disk", metavar="SIZE", help="bytes a submission may write (default 512MiB)")
    box.add_argument("--output", metavar="SIZE", help="output a submission may print (default 1MiB)")
    box.add_argument("--cpu-seconds", metavar="S", help="CPU time per process of a submission (default 300)")
    parser.add_argument("--binder-repo", metavar="OWNER/NAME", default=None,
                        help="publish: the GitHub repository of the student edition that its Binder badges "
                             "open (default: course.docs.STUDENT_REPO)")
    parser.add_argument("--force", action="store_true",
                        help="publish: DIR is not empty; replace only the paths publish writes")
    parser.add_argument("--git", action="store_true", help="publish: commit the edition in DIR (git init if needed)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "nbgrader_config.py").is_file():
        parser.error(f"{root} has no nbgrader_config.py: --root must point at a course")
    if args.command == "publish":
        if len(args.topics) != 1:
            parser.error("publish needs one destination folder: python -m course publish DIR")
        from . import docs, publish
        return publish.cli(Path(args.topics[0]), root, args.binder_repo or docs.STUDENT_REPO, args.force, args.git)
    if args.workers is not None and args.workers < 1:
        parser.error("-j/--workers must be at least 1")
    known = grading.source_topics(root)
    unknown = [t for t in args.topics if t not in known]
    if unknown:
        parser.error(f"unknown topic(s) {unknown}; the topics are {known}")

    start = time.perf_counter()
    if args.command == "clean":
        grading.clean_outputs(root)
        print("autograded/, feedback/ and the gradebook are empty")
        return 0
    if args.command in ("release", "all"):
        errors = grading.release(root, args.topics or None)
        for topic, error in errors.items():
            print(f"release of {topic} failed: {error}", file=sys.stderr)
        if errors:
            return 1
        print(f"released {', '.join(args.topics or known)} into release/")
    if args.command in ("grade", "all"):
        from . import sandbox

        try:
            limits = None
            if not args.no_sandbox:
                sandbox.check_available()
                limits = grading.sandbox_limits(root, memory=args.memory, processes=args.processes, disk=args.disk,
                                                output=args.output, cpu_seconds=args.cpu_seconds)
            grading.check_deadlines(root)  # a bad c.CourseDeadlines setting stops here, named
        except sandbox.SandboxUnavailable as error:
            print(f"cannot grade in the sandbox: {error}", file=sys.stderr)
            return 2
        except (TypeError, ValueError) as error:
            parser.error(str(error))
        if args.no_sandbox:
            print("WARNING: grading WITHOUT the sandbox (--no-sandbox): only for code you trust", file=sys.stderr)
        client = None
        if args.scheduler is not None:
            from . import distributed

            try:
                client = distributed.connect(args.scheduler)
            except (distributed.SchedulerUnreachable, ValueError) as error:
                print(f"cannot grade on the cluster: {error}", file=sys.stderr)
                return 2
        try:
            results = grading.autograde(root, args.topics or None, args.workers, progress=not args.quiet,
                                        students=args.students, feedback=not args.no_feedback,
                                        max_seconds=args.max_seconds, sandbox=not args.no_sandbox, limits=limits,
                                        scheduler=client)
        except sandbox.SandboxUnavailable as error:  # a worker of the cluster cannot sandbox
            print(f"cannot grade in the sandbox: {error}", file=sys.stderr)
            return 2
        except Exception as error:
            if client is None or type(error).__name__ != "SchedulerUnreachable":
                raise
            print(f"cannot grade on the cluster: {error}", file=sys.stderr)
            return 2
        finally:
            if client is not None:
                client.close()
        if client is not None:
            print(distributed.describe(distributed.LAST_STATS), file=sys.stderr)
        if not results:
            print(f"nothing to grade: no submission in {root / 'submitted'} for {args.topics or known}")
            return 0
        csv_path = args.csv or root / "grades.csv"
        grading.write_csv(results, csv_path)
        print(grading.table(results))
        where = "" if args.no_feedback else f", feedback in {root / 'feedback'}"
        print(f"\n{len(results)} submissions graded in {time.perf_counter() - start:.1f} s; "
              f"grades in {csv_path}{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
