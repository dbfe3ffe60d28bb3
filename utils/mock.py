"""Timed mock interviews: a notebook of questions drawn from the course, a clock, follow-ups, a report.

``create("ml-coding", seed=7)`` writes ``mocks/ml-coding-seed7.ipynb``: questions drawn from the
released assignments (their statement, stub, visible tests and hints are copied from release/, the
one source of truth), a clock, and a ``finish()`` cell. In the mock notebook:

* the first cell (``session = mock.start({...})``) starts the clock, or picks it up again after a
  kernel restart: the start time is kept in a small state file next to the notebook;
* every run of a cell that defines a question's function is timed (first and last run);
* ``session.follow_up("name")`` shows the interviewer's follow-up once the question before it passes
  its visible checks, ``session.check("name")`` runs the follow-up's visible checks;
* ``session.finish()`` grades every question (visible checks; the hidden checks too where the
  instructors' ``source/`` folder is present; the complexity verdicts of ``utils.complexity``), prints a
  short report, shows the self-review checklist of each written question and adds the mock to
  ``mocks/history.json``; ``plot_progress()`` draws the mocks over time.

The clock runs in the browser: the kernel sends, once, an HTML output with the deadline and a small
script; JupyterLab 4 runs the script of an output the running notebook produced (it is trusted), and
the script redraws the time left every second from the browser's own clock. No message from the
kernel is needed per tick, so the clock keeps counting while a cell runs, and a kernel restart does
not stop it (re-running the first cell draws it again with the same deadline).

This module ships to students: it copies released text and runs checks, it holds no answer.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
MOCKS = ROOT / "mocks"
HISTORY_NAME = "history.json"
RECENT = 3  # a question of one of the last RECENT mocks is not asked again (while others are left)

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
QUESTION_HEADING = re.compile(r"^## Question \d+ \(\d+ points?\)", re.M)
QB = re.compile(r"\bQB-\d+[a-z]?\b")
VERDICT = re.compile(r"^\S+: looks like [^\n]*", re.M)

# Where each kind of question comes from (topics of release/).
POOLS = {
    "coding": ("coding_questions", "rain_water"),
    "pandas": ("pandas_tasks",),
    "scratch": ("from_scratch",),
    "concept": ("cnn_concepts", "ml_concepts", "preprocessing"),
}


@dataclass(frozen=True)
class Preset:
    title: str
    minutes: int
    slots: tuple[str, ...]   # kinds of POOLS, or "case": a case-study prompt and its follow-up prompt
    about: str


PRESETS = {
    "python-coding": Preset("Python coding", 30, ("coding", "coding"), "two coding questions"),
    "ml-coding": Preset("ML coding", 45, ("pandas", "scratch", "concept"),
                        "one pandas task, one algorithm from scratch, one concept question"),
    "case-study": Preset("Case study", 30, ("case",),
                         "one system-design or recommendation prompt and one follow-up prompt, written"),
    "full-loop": Preset("Full loop", 90, ("coding", "pandas", "scratch", "concept", "case"),
                        "one question of each kind above, case study included"),
}

# The interviewer's follow-up: (topic, first exercise) -> (the follow-up exercise of the same topic, what the
# interviewer says). The follow-up is shown once the first answer passes its visible checks.
FOLLOW_UPS = {
    ("rain_water", "trap_brute_force"): ("trap", "That is quadratic. Can you do it in O(n) time?"),
    ("rain_water", "trap"): ("trap_two_pointers", "Good. Now without the two helper arrays: O(1) extra space."),
    ("ml_concepts", "confusion_matrix"): ("precision_recall_f1", "From those counts, give me precision, recall and F1."),
    ("ml_concepts", "mse"): ("r2_score", "MSE depends on the units of y. Give me a score that does not: R²."),
    ("ml_concepts", "ridge"): ("lasso", "Now an L1 penalty instead. There is no closed form any more: what do you do?"),
    ("preprocessing", "range_scaler"): ("z_score_scaler", "One outlier squashes min-max scaling. Standardize instead, "
                                                          "with the same fit and transform."),
    ("preprocessing", "random_oversample"): ("smote", "Copies of rows make the model memorise them. Make new "
                                                      "synthetic minority rows instead."),
    ("preprocessing", "fill_none"): ("impute", "Now a whole table: fill every column's missing values."),
    ("from_scratch", "grid_search"): ("random_search", "The grid is too large to try in full. Sample it instead."),
    ("from_scratch", "decision_tree"): ("random_forest", "One tree overfits. Now let several trees vote."),
    ("from_scratch", "linear_regression"): ("gradient_descent", "Suppose the normal equations are too costly. "
                                                                "Minimise by gradient descent instead."),
    ("cnn_concepts", "dense_params"): ("conv_params", "Same question for a convolutional layer."),
    ("cnn_concepts", "relu"): ("sigmoid", "And the sigmoid, with its gradient? Where does it vanish?"),
    ("cnn_concepts", "conv_output_size"): ("conv2d", "Now compute the convolution itself."),
    ("coding_questions", "longest_common_subsequence"): ("lcs_length", "Now only its length, for two long strings: "
                                                                       "keep O(min(m, n)) memory."),
    ("from_scratch", "k_means_clustering"): ("k_means_tolerance", "Exact convergence can take long on real data: "
                                             "stop once no centroid moves more than a tolerance, with a cap on the "
                                             "updates."),
    ("from_scratch", "knn"): ("knn_batch", "Now ten thousand queries at once, without a Python loop over them."),
    ("pandas_tasks", "median_rainfall"): ("running_median_rainfall", "Now the days arrive one at a time, as a "
                                          "stream: keep the median of the rainy days up to date after each day."),
}

# Case studies (written answers of ml_concepts): the main prompts, the follow-up prompt asked after a
# given one, and the follow-ups asked after any other.
CASE_TOPIC = "ml_concepts"
CASES = ("system-design", "video-recommendation", "job-recommendations", "movie-recommender", "occupancy-rate",
         "ride-eta-lifecycle", "fraud-alerts")
CASE_FOLLOW_UPS = {"occupancy-rate": "dynamic-pricing"}
ANY_FOLLOW_UPS = ("pretty-good-model", "explain-to-stakeholders", "new-feature-no-gain", "missing-square-footage")

# Self-review checklists of the written prompts above, shown after finish(): what a strong answer covers.
# Written for the mock interview in the course's words; the graded rubrics stay with the instructors.
CHECKLISTS = {
    "system-design": [
        "You asked questions before designing: who searches, for what, how large the catalogue is, what exists today.",
        "You said whether a simple keyword index would already do, and what machine learning adds on top of it.",
        "You named one goal metric for the business and offline ranking metrics for the model.",
        "You described two stages: cheap retrieval of candidates, then a ranking model on richer features.",
        "You covered serving (latency, caching, index updates) and how an A/B test would show it works.",
    ],
    "video-recommendation": [
        "You split the 200 ms into a fast candidate step and a ranking step over a few hundred candidates.",
        "You said what is computed ahead of time (embeddings, candidate lists) and what at request time.",
        "You gave a retraining rhythm and a reason for it (new videos, drifting tastes).",
        "You kept some slots for exploration (new or uncertain videos) and said how many.",
        "You separated offline metrics (recall, ranking quality on held-out views) from online ones (watch time, return visits).",
    ],
    "job-recommendations": [
        "You walked through the steps: data, labels, features, a first model, offline checks, launch, monitoring.",
        "You defined one training row as a (user, job) pair at a moment in time.",
        "You chose a label you can observe, such as an application or an employer's answer, and noted its bias.",
        "You listed features of the user, of the job and of the pair (skill overlap, distance, salary fit).",
        "You said how new users and new jobs are handled before any history exists.",
    ],
    "movie-recommender": [
        "You began with a baseline (popularity, or user and item averages) before anything clever.",
        "You then proposed a latent-factor model (matrix factorization) or a neighbourhood method, with a reason.",
        "You split by time or held out some ratings per user, so that the test imitates the future.",
        "You picked a metric that fits the data: an error on ratings, or a top-k ranking metric on plays.",
        "You mentioned the cold start of new users and movies.",
    ],
    "occupancy-rate": [
        "You defined the rate precisely: booked nights over available nights, in the next 90 days.",
        "You named simple benchmarks the model must beat, such as last year's rate or the neighbourhood's average.",
        "You listed data and features: the listing, its price, its location, the season, its booking history.",
        "You chose a regression model and said why, and kept the target within 0 and 1.",
        "You evaluated on a later period than the training data, with an error measure hosts understand.",
    ],
    "ride-eta-lifecycle": [
        "You defined the target (time from booking to arrival) and what a good prediction means for riders.",
        "You named at least four features, such as distance, time of day, traffic, weather, driver position.",
        "You gave an offline metric (absolute error, late-arrival rate) and an online one (complaints, cancellations).",
        "You covered the whole life: data, baseline, model, launch behind an experiment, monitoring.",
        "You said how you would notice drift after launch and when you would retrain.",
    ],
    "fraud-alerts": [
        "You noted that accuracy is useless at 0.1% fraud and chose precision, recall or a precision-recall curve.",
        "You split by time, because fraud patterns change and the future is what matters.",
        "You dealt with the imbalance (weights, resampling of the training folds only) without touching the test set.",
        "You set the threshold from costs: a missed fraud against an annoying text message, or a daily message budget.",
        "You mentioned feedback from customers' answers and monitoring after launch.",
    ],
    "dynamic-pricing": [
        "You stated the objective: the host's revenue (or booked nights) at a price guests accept, not only a forecast.",
        "You named features of the property, the location and the demand for each date (season, events, lead time).",
        "You proposed a model of demand as a function of price, or of the price of similar booked listings.",
        "You knew that past prices were not random, so the data alone does not show what another price would do.",
        "You said how an experiment with hosts would show that the suggestions work.",
    ],
    "pretty-good-model": [
        "You asked what 92% is compared with: the share of the majority class, a simple rule, the current model.",
        "You checked that the split keeps the test data unseen (by time or by group where that matters).",
        "You asked for numbers per class: a confusion matrix, precision and recall, a curve over thresholds.",
        "You linked the metric to the cost of each kind of error in the product.",
    ],
    "explain-to-stakeholders": [
        "You explained, in plain words, what the model uses and which inputs matter most overall.",
        "You explained one customer's prediction by the few inputs that pushed it up or down.",
        "You showed how far it can be trusted: how often its warnings were right on past customers.",
        "You said what the model cannot know and what the team should do with a warning.",
    ],
    "new-feature-no-gain": [
        "You listed several reasons: the information is already in other features, the feature is noisy or missing, "
        "it is encoded badly, the effect is too small for the data you have.",
        "For each reason you said how you would check it (correlations, importance, a model on that feature alone).",
        "You said why a tree ensemble and a linear model may react differently (scale, non-linearity).",
        "You mentioned the noise of cross-validation: a small change in AUC may be nothing at all.",
    ],
    "missing-square-footage": [
        "You asked why the values are missing, since missingness may itself tell something about the listing.",
        "You proposed an imputation learned on the training rows only (median by group, or a model).",
        "You kept a flag column saying that the value was missing.",
        "You compared the options by validation error rather than by taste.",
    ],
}


# --- reading the released assignments ------------------------------------------------------------

def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _read(path: Path):
    """A notebook, read once per change of the file (a mock reads the same releases many times)."""
    path = Path(path)
    stat = path.stat()
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _read_cached(path: str, mtime_ns: int, size: int):
    import nbformat

    return nbformat.read(path, as_version=4)


def _has_code(source: str) -> bool:
    """Does a released test cell hold code (a visible test), not only the comments of a hidden one?"""
    return any(line.strip() and not line.lstrip().startswith(("#", "%")) for line in source.splitlines())


def _defined_names(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return re.findall(r"^(?:def|class)\s+(\w+)", source, re.M)
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]


@dataclass
class Test:
    grade_id: str
    points: float
    source: str       # the released text: a visible test, or the comment lines of a hidden check


@dataclass
class Question:
    topic: str
    key: str                     # the exercise's grade_id, or a written answer's
    kind: str                    # "code" or "written"
    title: str
    statement: list[str]         # markdown cells
    stub: str = ""               # the released answer cell (code), or its placeholder (written)
    tests: list[Test] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    points: float = 0.0
    names: list[str] = field(default_factory=list)
    qb: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.topic}/{self.key}"

    @property
    def visible(self) -> list[Test]:
        return [t for t in self.tests if _has_code(t.source)]


@dataclass
class Topic:
    name: str
    setup: list[str]             # the locked code cells that are not answers or tests ("run this first", classes)
    questions: dict[str, Question]


def _statement_start(cells, index: int) -> int:
    for j in range(index, -1, -1):
        if cells[j].cell_type == "markdown" and QUESTION_HEADING.search(cells[j].source):
            return j
    return index


def _is_hint(source: str) -> bool:
    return source.lstrip().startswith("<details")


def _title(statement: list[str], key: str) -> str:
    text = "\n".join(statement)
    bold = re.search(r"^\*\*([^*]+)\*\*", text, re.M)
    if bold:
        return bold.group(1).strip()
    sig = re.search(r"Write (?:a class )?`([^`]+)`", text)
    return sig.group(1) if sig else key


def read_topic(topic: str, root: Path = ROOT) -> Topic:
    """Every exercise and written answer of release/<topic>/<topic>.ipynb."""
    path = Path(root) / "release" / topic / f"{topic}.ipynb"
    if not path.is_file():
        raise ValueError(f"no released assignment {topic!r}: {path} is missing")
    cells = _read(path).cells
    setup, questions, current = [], {}, None
    for index, cell in enumerate(cells):
        meta = _nbgrader(cell)
        if cell.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            start = _statement_start(cells, index)
            statement = [c.source for c in cells[start:index] if c.cell_type == "markdown" and not _is_hint(c.source)
                         and not _nbgrader(c).get("solution")]
            current = Question(topic, meta["grade_id"], "code", _title(statement, meta["grade_id"]), statement,
                               stub=cell.source, names=_defined_names(cell.source))
            questions[current.key] = current
        elif cell.cell_type == "code" and meta.get("grade") and current is not None:
            current.tests.append(Test(meta["grade_id"], float(meta.get("points") or 0), cell.source))
            current.points += float(meta.get("points") or 0)
        elif cell.cell_type == "code" and meta.get("locked"):
            setup.append(cell.source)
        elif cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
            start = _statement_start(cells, index - 1)
            statement = [c.source for c in cells[start:index] if c.cell_type == "markdown"
                         and not _nbgrader(c).get("solution") and not _is_hint(c.source)]
            questions[meta["grade_id"]] = Question(topic, meta["grade_id"], "written", _title(statement, meta["grade_id"]),
                                                   statement, stub=cell.source, points=float(meta.get("points") or 0))
            current = None
        elif cell.cell_type == "markdown" and _is_hint(cell.source) and current is not None:
            current.hints.append(cell.source)
        elif cell.cell_type == "markdown" and cell.source.startswith("## "):
            current = None
    for q in questions.values():
        q.qb = sorted(set(QB.findall("\n".join(q.statement))))
    return Topic(topic, setup, questions)


def topics(root: Path = ROOT) -> list[str]:
    return sorted(p.parent.name for p in (Path(root) / "release").glob("*/*.ipynb") if p.stem == p.parent.name)


def lesson_section(question: Question, root: Path = ROOT) -> str:
    """The lesson section to revisit, as a path from the course root (with a JupyterLab anchor)."""
    path = Path(root) / "notebooks" / f"{question.topic}.ipynb"
    if not path.is_file():
        return ""
    rel = f"notebooks/{question.topic}.ipynb"
    for cell in _read(path).cells:
        if cell.cell_type != "markdown":
            continue
        for m in re.finditer(r"^#{2,6}\s+(.*\S)\s*$", cell.source, re.M):
            if set(QB.findall(m.group(1))) & set(question.qb):
                return f"{rel}#{quote(m.group(1).replace(' ', '-'), safe='()-_.')}"
    return rel


# --- drawing a mock -------------------------------------------------------------------------------

def history_path(folder: Path | None = None) -> Path:
    return Path(folder or MOCKS) / HISTORY_NAME


def load_history(folder: Path | None = None) -> list[dict]:
    path = history_path(folder)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{path} is not valid JSON ({error}); delete it to start a new history") from None
    if not isinstance(data, list):
        raise ValueError(f"{path} must hold a list of mocks")
    return data


def recent_questions(history: list[dict], last: int = RECENT) -> set[str]:
    finished = [m for m in history if m.get("finished")]
    return {q["id"] for m in finished[-last:] for q in m.get("questions", [])}


def _check_args(preset, minutes, seed):
    if not isinstance(preset, str) or preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or not 5 <= minutes <= 240):
        raise ValueError(f"minutes must be a whole number from 5 to 240, got {minutes!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise TypeError(f"seed must be a non-negative int, got {seed!r}")


def plan(preset: str, minutes: int | None = None, seed: int | None = None, history: list[dict] | None = None,
         root: Path = ROOT) -> dict:
    """Which questions a mock asks: a plain dict (the first cell of the mock holds it).

    The same preset, minutes, seed and history give the same plan. A question of the last RECENT
    finished mocks of *history* is left out while the pool has others."""
    _check_args(preset, minutes, seed)
    seed = random.SystemRandom().randrange(10_000) if seed is None else seed
    spec = PRESETS[preset]
    minutes = spec.minutes if minutes is None else minutes
    rng = random.Random(f"{preset}:{seed}")
    recent = recent_questions(history or [])
    catalogue = {t: read_topic(t, root) for t in topics(root)}
    needed = {t for slot in spec.slots for t in (POOLS.get(slot) or (CASE_TOPIC,))}
    if not needed & set(catalogue) or ("case" in spec.slots and CASE_TOPIC not in catalogue):
        raise ValueError(f"the {preset} preset needs the released assignments {sorted(needed)} in "
                         f"{Path(root) / 'release'}; run `python -m course release` (instructors) first")
    used: set[str] = set()
    used_topics: list[str] = []
    chosen: list[dict] = []

    def pick(candidates: list[str]) -> str:
        fresh = [c for c in candidates if c not in used and c not in recent]
        pool = fresh or [c for c in candidates if c not in used]
        if not pool:
            raise ValueError(f"the {preset} preset ran out of questions")
        new_topic = [c for c in pool if c.split("/")[0] not in used_topics]
        return rng.choice(new_topic or pool)

    for slot in spec.slots:
        if slot == "case":
            main = pick([f"{CASE_TOPIC}/{k}" for k in CASES if k in catalogue[CASE_TOPIC].questions])
            used.add(main)
            follow = CASE_FOLLOW_UPS.get(main.split("/")[1])
            follow = f"{CASE_TOPIC}/{follow}" if follow else pick([f"{CASE_TOPIC}/{k}" for k in ANY_FOLLOW_UPS])
            used.add(follow)
            chosen += [{"id": main, "follow_up": ""}, {"id": follow, "follow_up": "", "after": main}]
            used_topics.append(CASE_TOPIC)
            continue
        candidates = [f"{t}/{k}" for t in POOLS[slot] if t in catalogue
                      for k, q in catalogue[t].questions.items() if q.kind == "code" and q.visible]
        main = pick(candidates)
        topic, key = main.split("/")
        used.add(main)
        used_topics.append(topic)
        follow = FOLLOW_UPS.get((topic, key))
        follow_id = f"{topic}/{follow[0]}" if follow and follow[0] in catalogue[topic].questions else ""
        if follow_id:
            used.add(follow_id)
        chosen.append({"id": main, "follow_up": follow_id})
    name = f"{preset}-seed{seed}" + ("" if minutes == spec.minutes else f"-{minutes}min")
    return {"name": name, "preset": preset, "minutes": minutes, "seed": seed, "questions": chosen}


def expected_seconds(plan_: dict, root: Path = ROOT) -> dict[str, float]:
    """The time an interviewer would allow each question: the mock's minutes shared by points."""
    points = {}
    for item in plan_["questions"]:
        for qid in filter(None, (item["id"], item.get("follow_up"))):
            topic, key = qid.split("/")
            points[qid] = read_topic(topic, root).questions[key].points or 1.0
    total = sum(points.values())
    return {qid: plan_["minutes"] * 60 * p / total for qid, p in points.items()}


def _cell(kind: str, source: str, cell_id: str, **meta):
    import nbformat

    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    cell = make(source.strip("\n"))
    cell["id"] = cell_id
    if meta:
        cell.metadata["mock"] = meta
    return cell


def _minutes(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def build(plan_: dict, root: Path = ROOT):
    """The mock notebook of a plan (an nbformat notebook, without outputs)."""
    import nbformat

    spec = PRESETS[plan_["preset"]]
    expected = expected_seconds(plan_, root)
    catalogue = {t: read_topic(t, root) for t in {q.split("/")[0] for i in plan_["questions"]
                                                  for q in (i["id"], i.get("follow_up")) if q}}
    n_code = sum(1 for i in plan_["questions"] if catalogue[i["id"].split("/")[0]].questions[i["id"].split("/")[1]].kind == "code")
    cells = [
        _cell("markdown", f"# Mock interview: {spec.title}, {plan_['minutes']} minutes\n\n"
              f"Preset `{plan_['preset']}` ({spec.about}), seed {plan_['seed']}. The questions come from the course's "
              "assignments; each one says how long an interviewer would give it.\n\n"
              "1. Run the next cell: it starts the clock (it keeps counting while your code runs, and after a kernel "
              "restart run the cell again: the clock picks up where it was).\n"
              "2. Answer each question in its answer cell and run the visible tests under it. Think aloud in comments "
              "as you would for an interviewer. Helpers from other questions of the assignment are not defined here: "
              "write what you need.\n"
              "3. When a question passes, ask for its follow-up (the cell `session.follow_up(...)`).\n"
              "4. When the time is up, or you are done, run `session.finish()` at the end: it grades every question "
              "and prints your report.", "mock-title"),
        _cell("code", "from utils import mock\n\nsession = mock.start(" + json.dumps(plan_, indent=1, sort_keys=True)
              + ")", "mock-start"),
    ]
    setups = []
    for item in plan_["questions"]:
        topic = item["id"].split("/")[0]
        if catalogue[topic].questions[item["id"].split("/")[1]].kind == "code" and topic not in setups:
            setups.append(topic)
    if setups:
        cells.append(_cell("markdown", "## Run this first\n\nThe imports and provided code of the assignments the "
                           "questions come from.", "mock-setup-heading"))
        for topic in setups:
            cells.append(_cell("code", f"# {topic}\n" + "\n\n".join(catalogue[topic].setup), f"setup-{topic}"))
    for n, item in enumerate(plan_["questions"], 1):
        topic, key = item["id"].split("/")
        q = catalogue[topic].questions[key]
        after = f" (follow-up of Question {1 + [i['id'] for i in plan_['questions']].index(item['after'])})" \
            if item.get("after") else ""
        head = (f"## Question {n}: {q.title}{after}\n\n*{topic}, {q.points:g} points, about "
                f"{_minutes(expected[q.id])} min*")
        cells.append(_cell("markdown", head, f"q{n}-heading", question=q.id))
        body = [QUESTION_HEADING.sub("", s, count=1).strip("\n") for s in q.statement]
        for j, text in enumerate(t for t in body if t.strip()):
            cells.append(_cell("markdown", text, f"q{n}-statement-{j}"))
        if q.kind == "written":
            cells.append(_cell("markdown", "YOUR ANSWER HERE", f"q{n}-answer", question=q.id, answer=True))
            continue
        cells.append(_cell("code", q.stub, f"q{n}-answer", question=q.id, answer=True))
        for j, test in enumerate(q.visible):
            cells.append(_cell("code", test.source, f"q{n}-tests-{j}", question=q.id, test=test.grade_id))
        for j, hint in enumerate(q.hints):
            cells.append(_cell("markdown", hint, f"q{n}-hint-{j}"))
        if item.get("follow_up"):
            fkey = item["follow_up"].split("/")[1]
            cells.append(_cell("markdown", f"### Follow-up of Question {n}\n\nRun the next cell once Question {n} "
                               f"passes: the interviewer's follow-up appears (about {_minutes(expected[item['follow_up']])}"
                               " min), and a cell with its stub is added under it. Then run its checks with "
                               "the cell after.", f"q{n}-follow-up-heading"))
            cells.append(_cell("code", f'session.follow_up("{fkey}")', f"q{n}-follow-up", question=item["follow_up"]))
            cells.append(_cell("code", f'session.check("{fkey}")', f"q{n}-follow-up-check", question=item["follow_up"]))
    cells.append(_cell("markdown", "## Finish\n\nRun this when the time is up or you are done: it grades every "
                       f"question ({n_code} coding), prints the report and saves the mock to your history "
                       "(`mocks/history.json`).", "mock-finish-heading"))
    cells.append(_cell("code", "report = session.finish()", "mock-finish"))
    cells.append(_cell("markdown", "## Progress\n\nYour mocks so far: time per question and pass rate per topic.",
                       "mock-progress-heading"))
    cells.append(_cell("code", "import matplotlib.pyplot as plt\n\nmock.plot_progress()\nplt.show()", "mock-progress"))
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}, "mock": plan_}
    nbformat.validate(nb)
    return nb


def create(preset: str, minutes: int | None = None, seed: int | None = None, folder: Path | None = None,
           root: Path = ROOT, force: bool = False) -> Path:
    """Write a new mock notebook into *folder* (default mocks/) and return its path."""
    import nbformat

    folder = Path(folder or MOCKS)
    plan_ = plan(preset, minutes, seed, load_history(folder), root)
    path = folder / f"{plan_['name']}.ipynb"
    if path.exists() and _state_path(folder, plan_["name"]).exists() and not force:
        raise FileExistsError(f"{path} is already under way (its clock started): open it, or choose another seed")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(build(plan_, root)) + "\n", encoding="utf-8")
    return path


# --- running a mock (in its kernel) ---------------------------------------------------------------

def _state_path(folder: Path, name: str) -> Path:
    return Path(folder) / f".{name}.state.json"


@dataclass
class CheckResult:
    grade_id: str
    hidden: bool
    points: float
    passed: bool
    message: str = ""
    title: str = ""


@dataclass
class Graded:
    question: Question
    checks: list[CheckResult]
    verdict: str = ""
    hidden_available: bool = False

    @property
    def failed(self) -> set[str]:
        return {c.grade_id for c in self.checks if not c.passed}

    @property
    def score(self) -> float:
        return sum(c.points for c in self.checks if c.passed)

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)


def _exec_cells(sources: list[tuple[str, str]], namespace: dict) -> list[tuple[str, bool, str, str]]:
    """Run each (name, source) in *namespace*: (name, passed, error, printed output)."""
    out = []
    for name, source in sources:
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                exec(compile(code, f"<mock check {name}>", "exec"), namespace)
            out.append((name, True, "", sink.getvalue()))
        except Exception as error:  # a failing check: its message is the feedback
            text = str(error).strip().splitlines()
            out.append((name, False, f"{type(error).__name__}: {text[0][:300] if text else ''}", sink.getvalue()))
    return out


def _hidden_sources(question: Question, root: Path) -> list[tuple[str, str, float]] | None:
    """The hidden check cells of a question from the instructors' source/ (None when it is absent):
    every graded cell after the exercise's solution cell, up to the next one, that holds hidden tests."""
    path = Path(root) / "source" / question.topic / f"{question.topic}.ipynb"
    if not path.is_file():
        return None
    found, inside = [], False
    for cell in _read(path).cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            inside = meta.get("grade_id") == question.key
        elif inside and cell.cell_type == "code" and meta.get("grade") and HIDDEN_BEGIN in cell.source:
            found.append((meta["grade_id"], cell.source, float(meta.get("points") or 0)))
    return found


def _check_title(source: str) -> str:
    m = re.search(r"^# Hidden check: (.+?)\.?$", source, re.M)
    return m.group(1) if m else "hidden tests"


def grade(question: Question, namespace: dict, root: Path = ROOT, hidden: bool = True) -> Graded:
    """Run a code question's checks on the answer defined in *namespace* (a copy is used)."""
    ns = dict(namespace)
    hidden_cells = _hidden_sources(question, root) if hidden else None
    # a check cell may show some assertions before its hidden part: with source/ it runs whole, once
    whole = {gid for gid, _, _ in hidden_cells or ()}
    visible = [t for t in question.visible if t.grade_id not in whole]
    runs = _exec_cells([(t.grade_id, t.source) for t in visible], ns)
    checks = [CheckResult(t.grade_id, False, t.points, ok, err) for t, (_, ok, err, _) in zip(visible, runs)]
    printed = "\n".join(r[3] + "\n" + r[2] for r in runs)
    if hidden_cells is not None:
        runs = _exec_cells([(gid, source) for gid, source, _ in hidden_cells], ns)
        for (gid, source, points), (_, ok, err, out) in zip(hidden_cells, runs):
            checks.append(CheckResult(gid, True, points, ok, err, _check_title(source.split(HIDDEN_BEGIN)[0])))
            printed += "\n" + out + "\n" + err
    verdicts = VERDICT.findall(printed)
    return Graded(question, checks, verdicts[-1].strip() if verdicts else "", hidden_cells is not None)


def _clock_html(deadline_ms: int, total_seconds: int) -> str:
    uid = uuid.uuid4().hex[:12]
    return f"""<div id="mock-clock-{uid}" class="mock-clock" data-deadline="{deadline_ms}"
style="font: 600 1.4em monospace; padding: 4px 10px; border: 2px solid #1a7f37; display: inline-block;
border-radius: 6px;">time left {_minutes(max(0, (deadline_ms / 1000) - time.time()))}</div>
<script>
(function () {{
  const el = document.getElementById("mock-clock-{uid}");
  if (!el) return;
  const deadline = Number(el.dataset.deadline), total = {total_seconds};
  const two = n => String(n).padStart(2, "0");
  function draw() {{
    const left = Math.round((deadline - Date.now()) / 1000);
    const s = Math.abs(left);
    const text = Math.floor(s / 60) + ":" + two(s % 60);
    el.textContent = left >= 0 ? "time left " + text : "time is up: " + text + " over";
    el.style.borderColor = left < 0 ? "#cf222e" : (left < total / 6 ? "#bf8700" : "#1a7f37");
  }}
  draw();
  const timer = setInterval(() => {{ if (!document.body.contains(el)) clearInterval(timer); else draw(); }}, 1000);
}})();
</script>"""


_ACTIVE: "Session | None" = None


class Session:
    """One mock in its kernel: the clock, the timing hook, follow-ups and finish()."""

    def __init__(self, plan_: dict, folder: Path | None = None, root: Path = ROOT, now: float | None = None):
        if not isinstance(plan_, dict) or not {"name", "preset", "minutes", "seed", "questions"} <= set(plan_):
            raise ValueError("start() needs the mock's plan, the dict written in the first cell of the mock")
        self.plan = plan_
        self.root = Path(root)
        name = plan_["name"]
        cwd = Path.cwd()
        self.folder = Path(folder) if folder else (cwd if (cwd / f"{name}.ipynb").exists() else MOCKS)
        self.state_path = _state_path(self.folder, name)
        self.state = json.loads(self.state_path.read_text(encoding="utf-8")) if self.state_path.is_file() else {}
        if "started" not in self.state:
            self.state = {"started": time.time() if now is None else now, "answers": {}, "revealed": {}}
            self._save()
        self.expected = expected_seconds(plan_, self.root)
        self.questions: dict[str, Question] = {}
        for item in plan_["questions"]:
            for qid in filter(None, (item["id"], item.get("follow_up"))):
                topic, key = qid.split("/")
                self.questions[qid] = read_topic(topic, self.root).questions[key]
        self.parent = {item["follow_up"]: item["id"] for item in plan_["questions"] if item.get("follow_up")}

    # -- state
    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.state_path.write_text(json.dumps(self.state, indent=1, sort_keys=True), encoding="utf-8")

    @property
    def deadline(self) -> float:
        return self.state["started"] + self.plan["minutes"] * 60

    def record(self, source: str, when: float | None = None) -> list[str]:
        """Note that a cell defining some questions' functions ran now; return those questions' ids."""
        names = set(_defined_names(source))
        hit = [qid for qid, q in self.questions.items() if q.kind == "code" and names & set(q.names)]
        when = time.time() if when is None else when
        for qid in hit:
            times = self.state["answers"].setdefault(qid, {"first": when, "last": when})
            times["last"] = when
        if hit:
            self._save()
        return hit

    def _after_cell(self, result) -> None:
        info = getattr(result, "info", None)
        source = getattr(info, "raw_cell", "") or ""
        if "def " in source or "class " in source:
            self.record(source)

    def _namespace(self) -> dict:
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:
            shell = None
        if shell is None:
            import __main__

            return vars(__main__)
        return shell.user_ns

    def _question(self, key: str) -> tuple[str, Question]:
        for qid, q in self.questions.items():
            if q.key == key:
                return qid, q
        raise ValueError(f"{key!r} is not a question of this mock: {sorted(q.key for q in self.questions.values())}")

    # -- follow-ups
    def follow_up(self, key: str) -> bool:
        """Show the follow-up *key* if the question it follows passes its visible checks."""
        from IPython.display import Markdown, display

        qid, q = self._question(key)
        parent = self.parent.get(qid)
        if parent is None:
            raise ValueError(f"{key!r} is not a follow-up in this mock")
        first = self.questions[parent]
        result = grade(first, self._namespace(), self.root, hidden=False)
        if result.failed:
            print(f"Not yet: the follow-up appears once `{first.names[0] if first.names else first.key}` passes its "
                  f"visible checks ({len(result.failed)} of {len(result.checks)} fail now).")
            return not result.failed
        topic, first_key = parent.split("/")
        said = FOLLOW_UPS.get((topic, first_key), ("", "Here is the follow-up."))[1]
        body = "\n\n".join(QUESTION_HEADING.sub("", s, count=1).strip("\n") for s in q.statement)
        display(Markdown(f"**Interviewer:** *{said}*\n\n{body}\n\n*About {_minutes(self.expected[qid])} min.*"))
        if qid not in self.state["revealed"]:
            self.state["revealed"][qid] = time.time()
            self._save()
            try:
                from IPython import get_ipython

                get_ipython().set_next_input(q.stub, replace=False)  # a new cell under this one, with the stub
            except Exception:
                pass
        print("Write your answer in the cell under this one (the stub is below if it did not appear):\n")
        print(q.stub)
        return True

    def check(self, key: str) -> Graded:
        """Run a follow-up's visible checks (raises AssertionError when one fails, like a test cell)."""
        qid, q = self._question(key)
        if qid in self.parent and qid not in self.state["revealed"]:
            raise AssertionError("this follow-up is not revealed yet: run the cell above it first")
        result = grade(q, self._namespace(), self.root, hidden=False)
        if result.verdict:
            print(result.verdict)
        failing = [c for c in result.checks if not c.passed]
        if failing:
            raise AssertionError("; ".join(c.message for c in failing))
        print(f"{q.key}: the visible checks pass ({len(result.checks)}).")
        return result

    def time_taken(self, qid: str) -> float | None:
        """Seconds spent on a question: from when it could start (the mock's start, the follow-up's reveal, or
        the last run of the answer finished just before) to the last run of its answer cell."""
        times = self.state["answers"].get(qid)
        if not times:
            return None
        begin = self.state["revealed"].get(qid, self.state["started"])
        before = [t["last"] for other, t in self.state["answers"].items() if other != qid and t["last"] < times["last"]]
        begin = max([begin, *before])
        return round(max(0.0, times["last"] - min(begin, times["first"])), 1)

    # -- the end
    def finish(self, now: float | None = None) -> list[dict]:
        """Grade every question, print the report, show the checklists, save the mock to the history."""
        now = time.time() if now is None else now
        namespace = self._namespace()
        rows = []
        lines = [f"Mock interview report: {self.plan['name']}",
                 f"time used {_minutes(now - self.state['started'])} of {self.plan['minutes']}:00"]
        checklists = []
        for n, (qid, q) in enumerate(self.questions.items(), 1):
            label = f"{q.topic}/{q.key}" + (" (follow-up)" if qid in self.parent else "")
            row = {"id": qid, "topic": q.topic, "kind": q.kind, "follow_up": qid in self.parent,
                   "expected": round(self.expected[qid], 1), "seconds": None}
            row["seconds"] = self.time_taken(qid)
            if q.kind == "written":
                row.update(passed=None, checks=0, score=None, max_score=q.points)
                lines.append(f"\n{n}. {label}: written answer, about {_minutes(self.expected[qid])} min; "
                             "check it against the list below")
                checklists.append((q, CHECKLISTS.get(q.key, [])))
                rows.append(row)
                continue
            if qid in self.parent and qid not in self.state["revealed"]:
                row.update(passed=0, checks=len(q.tests), score=0.0, max_score=q.points, revealed=False)
                lines.append(f"\n{n}. {label}: not reached (the follow-up was not revealed)")
                rows.append(row)
                continue
            result = grade(q, namespace, self.root)
            passed = sum(c.passed for c in result.checks)
            row.update(passed=passed, checks=len(result.checks), score=result.score, max_score=result.max_score,
                       failed=sorted(result.failed), verdict=result.verdict)
            rows.append(row)
            hidden = [c for c in result.checks if c.hidden]
            where = (f"{sum(c.passed for c in hidden)} of {len(hidden)} hidden" if result.hidden_available
                     else "hidden checks not available here (they run when an assignment is graded)")
            vis = [c for c in result.checks if not c.hidden]
            lines.append(f"\n{n}. {label}: {passed} of {len(result.checks)} checks passed "
                         f"({result.score:g} of {result.max_score:g} points: {sum(c.passed for c in vis)} of "
                         f"{len(vis)} visible, {where})")
            taken = "not run" if row["seconds"] is None else _minutes(row["seconds"])
            lines.append(f"   time {taken} (expected about {_minutes(self.expected[qid])})")
            lines.append(f"   complexity: {result.verdict or 'no complexity check'}")
            for c in result.checks:
                if not c.passed:
                    lines.append(f"   failed: {c.title or c.grade_id}" + ("" if c.hidden else f": {c.message}"))
            if passed < len(result.checks):
                section = lesson_section(q, self.root)
                lines.append(f"   revisit: {section or 'the lesson of ' + q.topic}")
        print("\n".join(lines))
        for q, points in checklists:
            print(f"\nSelf-review: {q.title} ({q.topic}/{q.key}). A strong answer covers:")
            for point in points or ["the points of the statement, each with a reason"]:
                print(f"  [ ] {point}")
        self.state["finished"] = now
        self._save()
        entry = {"name": self.plan["name"], "preset": self.plan["preset"], "seed": self.plan["seed"],
                 "minutes": self.plan["minutes"], "started": self.state["started"], "finished": now, "questions": rows}
        history = [m for m in load_history(self.folder)
                   if not (m.get("name") == entry["name"] and m.get("started") == entry["started"])]
        history.append(entry)
        history_path(self.folder).write_text(json.dumps(history, indent=1), encoding="utf-8")
        return rows


def start(plan_: dict, folder: Path | None = None, root: Path = ROOT) -> Session:
    """Start (or pick up again) the mock of *plan_*: show the clock, time the answer cells."""
    global _ACTIVE
    session = Session(plan_, folder, root)
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        if _ACTIVE is not None:
            with contextlib.suppress(ValueError):
                shell.events.unregister("post_run_cell", _ACTIVE._after_cell)
        shell.events.register("post_run_cell", session._after_cell)
        display(HTML(_clock_html(int(session.deadline * 1000), plan_["minutes"] * 60)))
    _ACTIVE = session
    began = time.strftime("%H:%M", time.localtime(session.state["started"]))
    ends = time.strftime("%H:%M", time.localtime(session.deadline))
    print(f"{plan_['name']}: started at {began}, ends at {ends} ({plan_['minutes']} minutes)")
    return session


# --- progress over time ---------------------------------------------------------------------------

def plot_progress(history: list[dict] | None = None, folder: Path | None = None, save: Path | str | None = None):
    """Two panels from the history: minutes per question against the time allowed, and the pass rate
    per topic, mock after mock. Returns the matplotlib figure (saved as PNG when *save* is given)."""
    import matplotlib.pyplot as plt

    history = load_history(folder) if history is None else history
    finished = [m for m in history if m.get("finished")]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    if not finished:
        for ax in (left, right):
            ax.text(0.5, 0.5, "no finished mock yet:\nrun session.finish() in a mock", ha="center", va="center")
            ax.set_axis_off()
    else:
        xs, taken, allowed, rates = [], [], [], {}
        for n, mock in enumerate(finished, 1):
            for q in mock.get("questions", []):
                if q.get("seconds") is not None:
                    xs.append(n)
                    taken.append(q["seconds"] / 60)
                    allowed.append(q["expected"] / 60)
                if q.get("kind") == "code" and q.get("checks"):
                    rates.setdefault(q["topic"], {}).setdefault(n, []).append(q["passed"] / q["checks"])
        left.scatter(xs, taken, label="time taken")
        left.scatter(xs, allowed, marker="_", s=300, color="gray", label="time allowed")
        left.set(xlabel="mock", ylabel="minutes per question", title="Time per question")
        left.legend()
        for topic, by_mock in sorted(rates.items()):
            order = sorted(by_mock)
            right.plot(order, [100 * sum(by_mock[i]) / len(by_mock[i]) for i in order], marker="o", label=topic)
        right.set(xlabel="mock", ylabel="checks passed (%)", ylim=(-5, 105), title="Pass rate per topic")
        if rates:
            right.legend(fontsize="small")
        for ax in (left, right):
            ax.set_xticks(range(1, len(finished) + 1))
    fig.tight_layout()
    if save:
        fig.savefig(save, dpi=100)
    return fig


def preview(preset: str, minutes: int, seed: int, root: Path = ROOT, folder: Path | None = None):
    """What a mock would ask (printed) and the minutes allowed per question (a bar chart)."""
    import matplotlib.pyplot as plt

    plan_ = plan(preset, minutes, seed, load_history(folder), root)
    expected = expected_seconds(plan_, root)
    print(f"{plan_['name']}: {PRESETS[preset].about}")
    for qid in expected:
        print(f"  {qid} ({_minutes(expected[qid])} min)" + ("  [follow-up]" if any(
            i.get("follow_up") == qid for i in plan_["questions"]) else ""))
    fig, ax = plt.subplots(figsize=(8, 2.8))
    ax.barh([q.split("/")[1] for q in expected][::-1], [s / 60 for s in expected.values()][::-1], color="#4c72b0")
    ax.set(xlabel="minutes allowed", title=f"{PRESETS[preset].title}: {minutes} minutes")
    fig.tight_layout()
    return fig
