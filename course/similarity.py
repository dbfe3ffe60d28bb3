"""Similar submissions: which students handed in the same answer code? For review, not proof.

``python -m course similarity TOPIC [--out FILE] [--top N] [--threshold T]`` compares what the
students of one topic wrote in their answer cells and writes a ranked HTML report of the most
similar pairs, with their cells side by side (default: ``similarity-TOPIC.html`` at the course root).

What is compared
    Only the cells a student writes: the code cells marked ``solution: true`` by nbgrader in
    ``submitted/<student>/<topic>/*.ipynb``, matched across students by their grade_id. Written
    (markdown) answers are not compared. A notebook that is not valid JSON is listed as unread.

Normalisation (Python's ``tokenize`` and ``ast``)
    * comments, blank lines, indentation widths and docstrings are dropped; the token stream keeps
      NEWLINE/INDENT/DEDENT so the shape of the code still counts;
    * every name the cell defines (functions, classes, parameters, assigned and loop variables,
      ``import ... as`` aliases) becomes a placeholder numbered by first appearance, so renaming
      variables changes nothing (names local to one top-level function are numbered within it, so
      reusing a name in two functions ties nothing together); names the cell only uses (builtins, ``np``, the notebook's own
      functions) and attribute names (``.append``) are kept, because they carry meaning;
    * string literals become one bucket ``STR`` (error messages are easy to reword); numbers are kept;
    * top-level function and class definitions are put in a canonical order (sorted by their own
      normalised text), so moving helpers around hides nothing.

Baselines
    For every exercise the released stub and the instructor's reference answer are normalised and
    hashed the same way, and every fingerprint of a student's answer found among their K-grams is removed.
    An untouched stub leaves nothing, a student who handed in the reference leaves nothing, and two
    students are only similar by what they wrote beyond both. The reference is read from source/
    for this subtraction only: the report shows students' cells, and only the cells of exercises where
    the two students share something beyond the baselines.

Scoring: winnowing fingerprints (the method of MOSS; Schleimer, Wilkerson and Aiken, 2003)
    Every run of K = 5 consecutive normalised tokens is hashed (blake2b, so a report is the same on
    every run); in every window of W = 4 consecutive hashes the smallest is kept. Two copies of a
    passage of at least K + W - 1 tokens are guaranteed to share a fingerprint, wherever the passage
    sits in the cell. This was chosen over ``difflib`` ratios on the token streams because it is
    insensitive to the order of blocks (a moved loop still matches), it costs one pass per answer,
    and comparing a class is set intersection through an inverted index (fingerprint -> students),
    so 2,000 students need no 2,000,000 pairwise sequence alignments. A fingerprint shared by more
    than ``common`` students (default: the larger of 10 and 10 % of the class) is treated as a shared
    idiom and ignored, as MOSS does.

    For a pair, with A and B their sets of (exercise, fingerprint) and m = |A & B|:
    ``jaccard = m / |A | B|`` and ``score = jaccard * m / (m + 20)``. The second factor shrinks pairs
    that share little: two identical one-line answers are weak evidence, two identical 30-line
    answers are not. Pairs at or above ``--threshold`` (default 0.5) are marked for review.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import html
import io
import json
import math
import sys
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import nbformat

from . import ROOT
from .notebooks import SOLUTION_BEGIN, SOLUTION_END, nbgrader_meta, release_path, source_path, topics

K = 5                  # tokens per k-gram
W = 4                  # winnowing window (k-gram hashes)
SHRINK = 20            # shared fingerprints at which the evidence factor m / (m + SHRINK) is 1/2
DEFAULT_TOP = 20
DEFAULT_THRESHOLD = 0.5


# --- normalisation ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    text: str
    line: int          # 1-based line in the cell's own source (for highlighting)


def _defined_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return names


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def _raw_tokens(source: str, docstrings: set[int]) -> list[tuple[int, str, int, bool]]:
    """(type, text, line, after_dot) of the meaningful tokens; comments, NL and docstrings dropped."""
    out = []
    previous = ""
    skip_newline = False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER):
                continue
            if tok.type == tokenize.STRING and tok.start[0] in docstrings:
                skip_newline = True  # the docstring and the end of its statement
                continue
            if skip_newline and tok.type == tokenize.NEWLINE:
                skip_newline = False
                continue
            skip_newline = False
            out.append((tok.type, tok.string, tok.start[0], previous == "."))
            previous = tok.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # keep what was read: a broken cell is still compared by its readable part
    return out


def _top_level_names(tree: ast.Module) -> set[str]:
    """Names bound by the cell's top-level statements (not inside its functions or classes)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        else:
            names |= _defined_names(node)
    return names


def _rename(raw, top: set[str], local: set[str], names: dict[str, str]) -> list[Token]:
    """Tokens with defined names replaced: names bound at the top of the cell share one numbering
    across the cell (``names``, G1, G2, ...), the names local to one definition are numbered afresh
    in it (L1, L2, ...), so a helper's parameter and a loop variable elsewhere that happen to share
    a name are not tied together."""
    locals_: dict[str, str] = {}
    out = []
    for kind, text, line, after_dot in raw:
        if kind == tokenize.NAME and not after_dot and text in local:
            text = locals_.setdefault(text, f"L{len(locals_) + 1}")
        elif kind == tokenize.NAME and not after_dot and text in top:
            text = names.setdefault(text, f"G{len(names) + 1}")
        elif kind == tokenize.STRING:
            text = "STR"
        elif kind == tokenize.NEWLINE:
            text = "NEWLINE"
        elif kind == tokenize.INDENT:
            text = "INDENT"
        elif kind == tokenize.DEDENT:
            text = "DEDENT"
        out.append(Token(text, line))
    return out


def normalise(source: str) -> list[Token]:
    """The normalised token stream of one cell (see the module docstring)."""
    lines = source.splitlines()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is None:  # not Python: rename nothing we cannot see defined, keep the order
        return _rename(_raw_tokens(source, set()), set(), set(), {})
    top = _top_level_names(tree)
    docstrings = _docstring_lines(tree)
    chunks = []  # (is_definition, sort_key, raw tokens at the cell's line numbers, local names)
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        text = "\n".join(lines[start - 1: node.end_lineno]) + "\n"
        shifted = {n - start + 1 for n in docstrings if start <= n <= node.end_lineno}
        raw = [(k, t, line + start - 1, dot) for k, t, line, dot in _raw_tokens(text, shifted)]
        is_def = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        local = _defined_names(node) - {node.name} if is_def else set()
        key = tuple(t.text for t in _rename(raw, top, local, {})) if is_def else ()
        chunks.append((is_def, key, raw, local))
    ordered = sorted((c for c in chunks if c[0]), key=lambda c: c[1]) + [c for c in chunks if not c[0]]
    names: dict[str, str] = {}
    tokens: list[Token] = []
    for _, _, raw, local in ordered:
        tokens += _rename(raw, top, local, names)
    return tokens


def kgrams(tokens: list[Token]) -> dict[int, set[int]]:
    """Every K-gram of a token stream, hashed: {hash: lines of the cell it covers}."""
    out: dict[int, set[int]] = {}
    for i in range(len(tokens) - K + 1):
        gram = "\x1f".join(t.text for t in tokens[i:i + K]).encode()
        h = int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big")
        out.setdefault(h, set()).update(t.line for t in tokens[i:i + K])
    return out


def fingerprints(tokens: list[Token]) -> dict[int, set[int]]:
    """Winnowed K-gram hashes of a token stream: {hash: lines of the cell it covers}."""
    if len(tokens) < K:
        return {}
    hashes = []
    for i in range(len(tokens) - K + 1):
        gram = "\x1f".join(t.text for t in tokens[i:i + K]).encode()
        hashes.append((int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big"), i))
    chosen: dict[int, set[int]] = {}
    for start in range(max(1, len(hashes) - W + 1)):
        value, i = min(hashes[start:start + W], key=lambda h: (h[0], -h[1]))  # rightmost minimum
        chosen.setdefault(value, set()).update(t.line for t in tokens[i:i + K])
    return chosen


# --- the class ------------------------------------------------------------------------------------

def _strip_markers(src: str) -> str:
    return "\n".join(l for l in src.splitlines() if l.strip() not in (SOLUTION_BEGIN, SOLUTION_END))


def answer_cells(nb) -> dict[str, str]:
    """{grade_id: source} of the code cells nbgrader marks as solutions."""
    return {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade_id")}


def baselines(topic: str, root: Path = ROOT) -> dict[str, set[int]]:
    """{grade_id: every K-gram of the released stub and of the reference answer} (all of them, not
    only the winnowed ones, so that no passage of a baseline survives in a student's fingerprints)."""
    release = answer_cells(nbformat.read(str(release_path(topic, root)), as_version=4))
    reference = answer_cells(nbformat.read(str(source_path(topic, root)), as_version=4))
    out: dict[str, set[int]] = defaultdict(set)
    for grade_id, src in release.items():
        out[grade_id] |= set(kgrams(normalise(src)))
    for grade_id, src in reference.items():
        out[grade_id] |= set(kgrams(normalise(_strip_markers(src))))
    return out


@dataclass
class Submission:
    student: str
    cells: dict[str, str]                                          # grade_id -> the student's source
    prints: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # grade_id -> {fingerprint: lines}
    grams: dict[str, dict[int, set[int]]] = field(default_factory=dict)   # grade_id -> {K-gram: lines}, to highlight

    def keys(self) -> set[tuple[str, int]]:
        return {(g, h) for g, fp in self.prints.items() for h in fp}


@dataclass
class Pair:
    a: str
    b: str
    score: float
    jaccard: float
    shared: int
    exercises: dict[str, int]      # grade_id -> shared fingerprints


@dataclass
class Report:
    topic: str
    students: list[str]
    unreadable: dict[str, str]
    pairs: list[Pair]
    submissions: dict[str, Submission]
    common: int
    ignored: int


def load(topic: str, root: Path = ROOT) -> tuple[dict[str, Submission], dict[str, str]]:
    folder = root / "submitted"
    if not folder.is_dir():
        raise ValueError(f"{folder} does not exist: there are no submissions to compare")
    subs: dict[str, Submission] = {}
    unreadable: dict[str, str] = {}
    for student_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        notebooks = sorted((student_dir / topic).glob("*.ipynb"))
        if not notebooks:
            continue
        cells: dict[str, str] = {}
        for path in notebooks:
            try:
                nb = nbformat.read(str(path), as_version=4)
            except Exception as error:  # not JSON, not a notebook: named in the report, never fatal
                unreadable[student_dir.name] = f"{path.name}: {type(error).__name__}: {str(error)[:60]}"
                continue
            cells.update(answer_cells(nb))
        if cells:
            subs[student_dir.name] = Submission(student_dir.name, cells)
    return subs, unreadable


def compare(topic: str, root: Path = ROOT, common: int | None = None) -> Report:
    """Fingerprint every submission of *topic*, subtract the baselines and score every pair that
    shares at least one fingerprint."""
    if topic not in topics(root):
        raise ValueError(f"unknown topic {topic!r}; the topics are {topics(root)}")
    subs, unreadable = load(topic, root)
    if not subs and not unreadable:
        raise ValueError(f"no submission of {topic} in {root / 'submitted'}")
    base = baselines(topic, root)
    seen: dict[tuple[str, str], tuple[dict, dict]] = {}  # many cells are alike (stubs, common answers)
    for sub in subs.values():
        for grade_id, src in sub.cells.items():
            if (grade_id, src) not in seen:
                tokens = normalise(src)
                baseline = base.get(grade_id, set())
                fp = {h: lines for h, lines in fingerprints(tokens).items() if h not in baseline}
                grams = {h: lines for h, lines in kgrams(tokens).items() if h not in baseline} if fp else {}
                seen[(grade_id, src)] = (fp, grams)
            fp, grams = seen[(grade_id, src)]
            if fp:
                sub.prints[grade_id] = dict(fp)  # copied: common fingerprints are removed per student below
                sub.grams[grade_id] = grams
    if common is None:
        common = max(10, math.ceil(0.1 * len(subs)))
    index: dict[tuple[str, int], list[str]] = defaultdict(list)
    for sub in subs.values():
        for key in sub.keys():
            index[key].append(sub.student)
    ignored = {key for key, holders in index.items() if len(holders) > common}
    for key in ignored:
        grade_id, h = key
        for student in index[key]:
            subs[student].prints[grade_id].pop(h, None)
    sizes = {s: len(sub.keys()) for s, sub in subs.items()}
    shared: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, holders in index.items():
        if key in ignored:
            continue
        for a, b in combinations(sorted(holders), 2):
            shared[(a, b)][key[0]] += 1
    pairs = []
    for (a, b), per_exercise in shared.items():
        m = sum(per_exercise.values())
        jaccard = m / (sizes[a] + sizes[b] - m)
        pairs.append(Pair(a, b, jaccard * m / (m + SHRINK), jaccard, m, dict(per_exercise)))
    pairs.sort(key=lambda p: (-p.score, -p.shared, p.a, p.b))
    return Report(topic, sorted(set(subs) | set(unreadable)), unreadable, pairs, subs, common, len(ignored))


# --- the HTML report ------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Similar submissions: {{ topic }}</title>
<style>
body { font-family: sans-serif; margin: 1.5em; }
.warning { background: #fff3cd; border: 1px solid #e0c36c; padding: .6em 1em; }
table.rank td, table.rank th { padding: .2em .8em; text-align: left; border-bottom: 1px solid #ddd; }
tr.flagged { background: #fde2e1; }
.side { display: flex; gap: 1em; }
.side > div { flex: 1; min-width: 0; }
pre { background: #f6f8fa; padding: .5em; overflow-x: auto; font-size: 85%; }
pre span.match { background: #ffe08a; display: inline-block; width: 100%; }
</style></head><body>
<h1>Similar submissions: {{ topic }}</h1>
<p class="warning"><strong>For review, not proof.</strong> A high score says that two students handed in
answer code that is alike after renaming, reformatting and reordering; it does not say who wrote it, nor
that either copied. Short or standard answers can be alike by chance. Read the cells, then talk to the students.</p>
<p>{{ n_students }} submissions compared ({{ n_compared }} with answer code beyond the released stub and the
reference answer){% if unreadable %}; not read: {% for s, why in unreadable.items() %}{{ s }} ({{ why }}){% if not loop.last %}, {% endif %}{% endfor %}{% endif %}.
Fingerprints held by more than {{ common }} students are treated as common idioms ({{ ignored }} ignored).
Score = Jaccard similarity of the fingerprint sets &times; m / (m + {{ shrink }}), m = shared fingerprints;
pairs at or above {{ threshold }} are marked for review.</p>
{% if not pairs %}<p>No two submissions share answer code beyond the baselines.</p>{% else %}
<table class="rank"><tr><th>rank</th><th>students</th><th>score</th><th>Jaccard</th><th>shared fingerprints</th><th>exercises</th></tr>
{% for p in pairs %}<tr class="{{ 'flagged' if p.score >= threshold else '' }}"><td>{{ loop.index }}</td>
<td><a href="#pair-{{ loop.index }}">{{ p.a }} &amp; {{ p.b }}</a></td><td>{{ '%.2f' % p.score }}</td>
<td>{{ '%.2f' % p.jaccard }}</td><td>{{ p.shared }}</td><td>{{ p.exercises | join(', ') }}</td></tr>
{% endfor %}</table>
{% for p in pairs %}<h2 id="pair-{{ loop.index }}">{{ loop.index }}. {{ p.a }} &amp; {{ p.b }}: score {{ '%.2f' % p.score }}{% if p.score >= threshold %} (for review){% endif %}</h2>
{% for ex in p.cells %}<h3>{{ ex.grade_id }} ({{ ex.shared }} shared fingerprints; highlighted lines hold them)</h3>
<div class="side"><div><strong>{{ p.a }}</strong><pre>{{ ex.left | safe }}</pre></div>
<div><strong>{{ p.b }}</strong><pre>{{ ex.right | safe }}</pre></div></div>
{% endfor %}{% endfor %}{% endif %}
</body></html>
"""


def _highlighted(source: str, lines: set[int]) -> str:
    out = []
    for number, line in enumerate(source.splitlines(), start=1):
        text = html.escape(line) or " "
        out.append(f'<span class="match">{text}</span>' if number in lines else text)
    return "\n".join(out)


def render(report: Report, top: int = DEFAULT_TOP, threshold: float = DEFAULT_THRESHOLD) -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True)
    shown = []
    for p in report.pairs[:top]:
        a, b = report.submissions[p.a], report.submissions[p.b]
        cells = []
        for grade_id, count in sorted(p.exercises.items(), key=lambda kv: -kv[1]):
            common = set(a.grams[grade_id]) & set(b.grams[grade_id])
            left = set().union(*(a.grams[grade_id][h] for h in common))
            right = set().union(*(b.grams[grade_id][h] for h in common))
            cells.append({"grade_id": grade_id, "shared": count,
                          "left": _highlighted(a.cells[grade_id], left),
                          "right": _highlighted(b.cells[grade_id], right)})
        shown.append({"a": p.a, "b": p.b, "score": p.score, "jaccard": p.jaccard, "shared": p.shared,
                      "exercises": sorted(p.exercises), "cells": cells})
    return env.from_string(_PAGE).render(
        topic=report.topic, pairs=shown, threshold=threshold, unreadable=report.unreadable,
        n_students=len(report.students), n_compared=sum(1 for s in report.submissions.values() if s.prints),
        common=report.common, ignored=report.ignored, shrink=SHRINK)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course similarity", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topic")
    parser.add_argument("--out", type=Path, default=None, help="HTML report (default: ROOT/similarity-TOPIC.html)")
    parser.add_argument("--top", type=int, default=DEFAULT_TOP, help=f"pairs shown (default {DEFAULT_TOP})")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"score from which a pair is marked for review (default {DEFAULT_THRESHOLD})")
    parser.add_argument("--common", type=int, default=None,
                        help="ignore fingerprints held by more than this many students (default: max(10, 10%% of the class))")
    parser.add_argument("--root", type=Path, default=ROOT, help="course root (default: this checkout)")
    parser.add_argument("--json", action="store_true", help="also print the ranked pairs as JSON")
    args = parser.parse_args(argv)
    if args.top < 1:
        parser.error("--top must be at least 1")
    if not 0 <= args.threshold <= 1:
        parser.error("--threshold must be between 0 and 1")
    root = args.root.resolve()
    try:
        report = compare(args.topic, root, args.common)
    except ValueError as error:
        parser.error(str(error))
    out = args.out or root / f"similarity-{args.topic}.html"
    out.write_text(render(report, args.top, args.threshold), encoding="utf-8")
    flagged = [p for p in report.pairs if p.score >= args.threshold]
    for rank, p in enumerate(report.pairs[:args.top], start=1):
        mark = "  <- for review" if p.score >= args.threshold else ""
        print(f"{rank:3d}. {p.a} & {p.b}: score {p.score:.2f} (Jaccard {p.jaccard:.2f}, {p.shared} shared; "
              f"{', '.join(sorted(p.exercises))}){mark}")
    if args.json:
        print(json.dumps([p.__dict__ for p in report.pairs[:args.top]], indent=1))
    print(f"{len(report.students)} submissions of {args.topic}, {len(report.pairs)} pairs share answer code, "
          f"{len(flagged)} at or above {args.threshold}: {out} (for review, not proof)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
