"""Command line of the course: ``python -m course <command>``.

  release [TOPIC ...]            regenerate release/ from source/
  grade [TOPIC ...] [-j N]       autograde submitted/ in parallel, write feedback/, grades.csv, print the table
  all [-j N]                     release, then grade everything (the main job)
  clean                          empty autograded/ and feedback/, drop the gradebook
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import ROOT, grading


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["release", "grade", "all", "clean"])
    parser.add_argument("topics", nargs="*", help="assignments (default: every folder of source/)")
    parser.add_argument("-j", "--workers", type=int, default=None, help="parallel graders (default: cores)")
    parser.add_argument("--root", type=Path, default=ROOT, help="course root (default: this checkout)")
    parser.add_argument("--csv", type=Path, default=None, help="grades CSV (default: ROOT/grades.csv)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    root = args.root.resolve()
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
        results = grading.autograde(root, args.topics or None, args.workers, progress=not args.quiet)
        csv_path = args.csv or root / "grades.csv"
        grading.write_csv(results, csv_path)
        print(grading.table(results))
        print(f"\n{len(results)} submissions graded in {time.perf_counter() - start:.1f} s; "
              f"grades in {csv_path}, feedback in {root / 'feedback'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
