"""Deadlines and late penalties, on nbgrader's own machinery.

* Due dates: ``c.CourseDeadlines.due = {topic: "2026-12-15 23:59:00 UTC", ...}`` in
  nbgrader_config.py. ``python -m course grade`` writes them into the gradebook as nbgrader's
  assignment ``duedate`` before grading (``due_dates`` and ``grading._prepare_gradebook``), so
  formgrader, nbgrader's extensions and ``nbgrader autograde`` see the same dates.
* Handed-in time: nbgrader's ``timestamp.txt`` in submitted/<student>/<topic>/ (``nbgrader
  collect`` writes it). nbgrader's autograde reads it and stores it in the gradebook; a
  submission without it has no time, and nbgrader counts it as on time.
* The penalty: nbgrader's ``AssignLatePenalties`` preprocessor calls a late-submission plugin for
  every notebook of a late submission. ``CourseDeadlines`` is that plugin (set with
  ``c.AssignLatePenalties.plugin_class``); its ``penalty_method`` is one of

  ``percent_per_day``  every started day after the due date (after the grace minutes) costs
                       ``percent_per_day`` % of the raw score, at most ``max_percent`` %;
  ``zero``             nbgrader's own: a late submission scores 0;
  ``none``             nbgrader's own: no penalty (the lateness is still recorded).

  ``grace_minutes`` moves the due date of everyone by that many minutes: a submission at most
  that late is on time, and the days of a later one are counted from the moved due date.

The gradebook keeps the raw score (``score``) and the penalty (``late_submission_penalty``); the
final score is their difference. Every setting is checked by ``check``: a bad one stops grading
with a ValueError that names it.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from datetime import datetime

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Dict, Enum, Float

SECTION = "CourseDeadlines"
METHODS = ("percent_per_day", "zero", "none")
DAY = 86400.0
DEFAULTS = {"penalty_method": "percent_per_day", "percent_per_day": 0.0, "max_percent": 100.0, "grace_minutes": 0.0}


def _name(setting: str) -> str:
    return f"c.{SECTION}.{setting}"


@dataclass(frozen=True)
class Rule:
    """The instructor's penalty rule, checked."""
    penalty_method: str = "percent_per_day"
    percent_per_day: float = 0.0
    max_percent: float = 100.0
    grace_minutes: float = 0.0

    def __post_init__(self):
        if self.penalty_method not in METHODS:
            raise ValueError(f"{_name('penalty_method')} must be one of {', '.join(map(repr, METHODS))}, "
                             f"not {self.penalty_method!r}")
        for setting, top in (("percent_per_day", 100.0), ("max_percent", 100.0), ("grace_minutes", None)):
            value = getattr(self, setting)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
                raise ValueError(f"{_name(setting)} must be a number, not {value!r}")
            if value < 0 or (top is not None and value > top):
                limits = f"between 0 and {top:g}" if top is not None else "0 or more"
                raise ValueError(f"{_name(setting)} must be {limits}, not {value!r}")

    def days_late(self, seconds_late: float) -> int:
        """Started days after the due date moved by the grace minutes (0: on time)."""
        late = float(seconds_late or 0) - 60.0 * self.grace_minutes
        return math.ceil(late / DAY) if late > 0 else 0

    def percent(self, seconds_late: float) -> float:
        """The share of the raw score taken away, in percent."""
        days = self.days_late(seconds_late)
        if days == 0 or self.penalty_method == "none":
            return 0.0
        if self.penalty_method == "zero":
            return 100.0
        return min(days * self.percent_per_day, self.max_percent)

    def penalty(self, score: float, seconds_late: float) -> float:
        """Points taken from a raw score handed in seconds_late after the due date."""
        return round(max(0.0, float(score)) * self.percent(seconds_late) / 100.0, 6)

    def describe(self) -> str:
        grace = f", {self.grace_minutes:g} minutes of grace" if self.grace_minutes else ""
        if self.penalty_method == "none":
            return "no late penalty" + grace
        if self.penalty_method == "zero":
            return "a late submission scores 0" + grace
        return f"{self.percent_per_day:g} % of the raw score per started day late, at most {self.max_percent:g} %{grace}"


class CourseDeadlines(LateSubmissionPlugin):
    """nbgrader late-submission plugin: a percentage of the raw score per started day late, with a
    cap and grace minutes (see course/deadlines.py). nbgrader's 'zero' and 'none' still work."""

    penalty_method = Enum(METHODS, default_value=DEFAULTS["penalty_method"],
                          help="percent_per_day, or nbgrader's zero or none").tag(config=True)
    percent_per_day = Float(DEFAULTS["percent_per_day"], help="% of the raw score per started day late").tag(config=True)
    max_percent = Float(DEFAULTS["max_percent"], help="the most a late submission loses, in %").tag(config=True)
    grace_minutes = Float(DEFAULTS["grace_minutes"], help="minutes after the due date that still count as on time").tag(config=True)
    due = Dict(help="{topic: due date with its time zone}; written into the gradebook by python -m course grade"
               ).tag(config=True)

    def rule(self) -> Rule:
        return Rule(self.penalty_method, self.percent_per_day, self.max_percent, self.grace_minutes)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float):
        rule = self.rule()
        self.log.info("Late submission of %s, %s s late: %s", student_id, total_seconds_late, rule.describe())
        if rule.penalty_method == "none":
            return None
        return rule.penalty(score, total_seconds_late)


# --- reading and checking nbgrader_config.py ----------------------------------------------------

def _section(config) -> dict:
    return dict(config[SECTION]) if SECTION in config else {}


def rule_from_config(config) -> Rule:
    """The penalty rule of a loaded nbgrader config (traitlets Config); ValueError naming a bad setting."""
    section = _section(config)
    unknown = sorted(set(section) - set(DEFAULTS) - {"due"})
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(_name(u) for u in unknown)}; "
                         f"the settings are {', '.join(_name(s) for s in [*DEFAULTS, 'due'])}")
    return Rule(**{k: section.get(k, v) for k, v in DEFAULTS.items()})


def parse_due(text, setting: str = "due") -> datetime:
    """A due date as naive UTC (nbgrader's convention). It must name its time zone:
    "2026-12-15 23:59:00 UTC", "2026-12-15 23:59:00 Europe/Paris", "2026-12-15T23:59:00+01:00"."""
    import dateutil.parser
    import dateutil.tz
    from nbgrader.utils import parse_utc

    where = _name(setting)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where} must be a date and time with its time zone, e.g. '2026-12-15 23:59:00 UTC', "
                         f"not {text!r}")
    parts = text.strip().split(" ")
    try:
        if len(parts) == 3:  # nbgrader's own form: date, time, zone
            zone = parts[2]
            known = zone.lstrip("+-").isdigit() or dateutil.tz.gettz(zone) is not None
            if not known:
                raise ValueError(f"{where}: unknown time zone {zone!r} in {text!r}")
        elif dateutil.parser.parse(text).tzinfo is None:
            raise ValueError(f"{where}: {text!r} has no time zone; write e.g. '{text} UTC'")
        return parse_utc(text.strip())
    except (ValueError, OverflowError, dateutil.parser.ParserError) as error:
        if str(error).startswith(where):
            raise
        raise ValueError(f"{where}: {text!r} is not a date and time ({error})") from None


def due_dates(config, topics: list[str] | None = None) -> dict[str, datetime | None]:
    """{topic: due date (naive UTC) or None to clear it} from c.CourseDeadlines.due, checked.
    topics: the course's topics; a due date for any other name is an error (a typo would
    otherwise leave the real topic without its deadline)."""
    due = _section(config).get("due", {})
    if not isinstance(due, dict):
        raise ValueError(f"{_name('due')} must be a dict {{topic: due date}}, not {type(due).__name__}")
    out = {}
    for topic, text in due.items():
        if topics is not None and topic not in topics:
            raise ValueError(f"{_name('due')} names {topic!r}, which is not a topic; the topics are {topics}")
        out[topic] = None if text is None else parse_due(text, f"due[{topic!r}]")
    return out


def check(config, topics: list[str] | None = None) -> tuple[Rule, dict[str, datetime | None]]:
    """Check the whole deadlines section and that nbgrader will call the course's plugin."""
    rule = rule_from_config(config)
    dates = due_dates(config, topics)
    section = _section(config)
    plugin = config["AssignLatePenalties"].get("plugin_class") if "AssignLatePenalties" in config else None
    uses_course = plugin is CourseDeadlines or plugin == f"{__name__}.CourseDeadlines"
    if (set(section) - {"due"}) and not uses_course:
        raise ValueError(f"{SECTION} penalty settings are set but c.AssignLatePenalties.plugin_class is {plugin!r}: "
                         f"set it to course.deadlines.CourseDeadlines, or nbgrader never applies them")
    return rule, dates
