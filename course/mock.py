"""Timed mock interviews from the command line (the runtime is utils/mock.py, which students get).

  python -m course mock --preset NAME [--minutes M] [--seed S] [--force]   write mocks/NAME-seedS.ipynb
  python -m course mock --list                                          the presets and follow-up pairs
  python -m course progress [--out FILE.png]                            plot the mocks of mocks/history.json

A mock draws its questions from release/ (statement, stub, visible tests) and leaves out the questions
of the last few finished mocks; the same preset, minutes, seed and history give the same notebook, byte
for byte. mocks/ is git-ignored: it is the student's own.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ROOT


def _presets_text() -> str:
    from utils import mock

    lines = ["presets:"]
    lines += [f"  {name:<14} {p.minutes:>3} min  {p.about}" for name, p in mock.PRESETS.items()]
    lines.append("follow-ups (shown once the first answer passes its visible checks):")
    lines += [f"  {topic}/{first} -> {follow}: {said}" for (topic, first), (follow, said) in mock.FOLLOW_UPS.items()]
    return "\n".join(lines)


def mock_main(argv: list[str]) -> int:
    from utils import mock

    parser = argparse.ArgumentParser(prog="python -m course mock", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=sorted(mock.PRESETS), help="which interview to practise")
    parser.add_argument("--minutes", type=int, default=None, help="length of the mock (default: the preset's)")
    parser.add_argument("--seed", type=int, default=None, help="the draw (default: a new one); same seed, same mock")
    parser.add_argument("--folder", type=Path, default=mock.MOCKS, help="where mocks and history.json live (default mocks/)")
    parser.add_argument("--force", action="store_true", help="rewrite a mock whose clock already started")
    parser.add_argument("--list", action="store_true", help="list the presets and the follow-up pairs")
    args = parser.parse_args(argv)
    if args.list:
        print(_presets_text())
        return 0
    if not args.preset:
        parser.error("--preset is required (or --list)")
    try:
        plan = mock.plan(args.preset, args.minutes, args.seed, mock.load_history(args.folder), ROOT)
        path = mock.create(args.preset, args.minutes, plan["seed"], folder=args.folder, root=ROOT, force=args.force)
    except (ValueError, TypeError, FileExistsError) as error:
        print(f"mock: {error}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    for item in plan["questions"]:
        print(f"  {item['id']}" + (f"  (follow-up: {item['follow_up']})" if item.get("follow_up") else ""))
    where = path.relative_to(ROOT) if ROOT in path.parents else path
    print(f"open it: .venv/bin/jupyter lab {where}")
    return 0


def progress_main(argv: list[str]) -> int:
    from utils import mock

    parser = argparse.ArgumentParser(prog="python -m course progress",
                                     description="plot the mocks of mocks/history.json over time")
    parser.add_argument("--folder", type=Path, default=mock.MOCKS, help="where history.json lives (default mocks/)")
    parser.add_argument("--out", type=Path, default=None, help="PNG to write (default FOLDER/progress.png)")
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    try:
        history = mock.load_history(args.folder)
    except ValueError as error:
        print(f"progress: {error}", file=sys.stderr)
        return 2
    out = args.out or args.folder / "progress.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    mock.plot_progress(history, save=out)
    finished = [m for m in history if m.get("finished")]
    print(f"{len(finished)} finished mock(s) in {mock.history_path(args.folder)}; figure written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "progress":
        return progress_main(argv[1:])
    if argv and argv[0] == "mock":
        argv = argv[1:]
    return mock_main(argv)


if __name__ == "__main__":
    sys.exit(main())
