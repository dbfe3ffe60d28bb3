"""Drive a real JupyterLab (from this project's .venv) with Debian's Chromium through Playwright.

Used by tests/e2e/test_browser.py. Nothing here writes into the repository: the server's
root is a temporary copy of the course, screenshots go to screenshots/ (git-ignored).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "screenshots"
BIN = Path(sys.executable).parent
# what a copy of the course needs (the repository minus environments, caches and outputs)
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", "*.egg-info", "autograded",
                                     "feedback", "screenshots", "gradebook.db*", ".gradebook.lock", "grades.csv",
                                     ".ipynb_checkpoints", ".pytest_cache", "build", "nbgrader.log")

# JupyterLab user settings for the test server: every cell stays in the DOM (no windowing),
# no news or update pop-ups over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A JupyterLab server on 127.0.0.1 whose root is a temporary copy of the course."""
    root: Path
    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, workspace: str | None = None) -> str:
        """URL opening a file (path relative to the root) in JupyterLab, in its own workspace."""
        quoted = urllib.parse.quote(path)
        prefix = f"/lab/workspaces/{workspace}" if workspace else "/lab"
        return f"{self.base}{prefix}/tree/{quoted}?reset&token={self.token}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env.update(PATH=str(BIN) + os.pathsep + env.get("PATH", ""), JUPYTER_PLATFORM_DIRS="1",
                   JUPYTER_CONFIG_DIR=str(self.home / "config"), JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(self.home / "lab-settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.home / "lab-workspaces"))
        env.pop("NBGRADER_DB_URL", None)
        env.pop("MPLBACKEND", None)  # the test suite sets Agg; kernels must draw inline figures
        return env

    def start(self, timeout: float = 180) -> None:
        for name, value in LAB_SETTINGS.items():
            path = self.home / "lab-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        args = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.open_browser=False",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                "--LabApp.news_url=", "--ServerApp.shutdown_no_activity_timeout=3600"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
        self.log_path = self.home / "jupyterlab.log"
        self.process = subprocess.Popen(args, cwd=self.root, env=self.env(), stdout=open(self.log_path, "w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log()}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2)
                return
            time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer on {self.base} within {timeout} s:\n{self.log()}")

    def log(self, tail: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-tail:] if self.log_path and self.log_path.exists() else ""

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Close every session and kernel (between tests, to keep the machine free)."""
        with contextlib.suppress(Exception):
            for session in self.api("GET", "/api/sessions"):
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/sessions/{session['id']}")
        with contextlib.suppress(Exception):
            for kernel in self.api("GET", "/api/kernels"):
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.shutdown_kernels()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


def copy_course(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    return dest


# --- working with a notebook page ---------------------------------------------------------------

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_notebook(page, lab: Lab, path: str, workspace: str, timeout: float = 180_000) -> None:
    page.goto(lab.url(path, workspace))
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook .jp-Cell", timeout=timeout)
    # the kernel has started and answered: the status bar reads "Python 3 (ipykernel) | Idle"
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", state="attached", timeout=timeout)
    wait_kernel_idle(page, timeout)


def wait_kernel_idle(page, timeout: float = 180_000) -> None:
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='idle']",
                           state="attached", timeout=timeout)


def menu(page, menu_name: str, command: str) -> None:
    page.click(f".lm-MenuBar-item:has-text('{menu_name}')")
    page.click(f"li.lm-Menu-item[data-command='{command}']")


def prompts(page) -> list[str]:
    """The execution prompt of every non-empty code cell: '[ ]:' not run, '[*]:' running or queued."""
    return page.eval_on_selector_all(
        f"{NOTEBOOK} .jp-Notebook .jp-CodeCell",
        "cells => cells.filter(c => (c.querySelector('.cm-content')?.textContent || '').trim())"
        ".map(c => (c.querySelector('.jp-InputPrompt')?.textContent || '').trim())")


def _ran(seen: list[str]) -> bool:
    return bool(seen) and all(p.startswith("[") and p[1:-2].strip().isdigit() for p in seen)


def _idle(page) -> bool:
    return page.locator(f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='idle']").count() > 0


def _start(page, command: str) -> None:
    """Run a Run-menu command; a click that comes before the kernel is ready does nothing,
    so it is repeated until some cell is queued or has run."""
    before = prompts(page)
    for _ in range(4):
        menu(page, "Run", command)
        clicked = time.monotonic()
        while time.monotonic() - clicked < 20:
            now = prompts(page)
            if now != before or "[*]:" in now:
                return
            time.sleep(0.3)


def run_all(page, timeout: float = 300, keep_going: bool = False) -> float:
    """Run > Run All Cells and wait; return the seconds it took.

    JupyterLab stops a Run All at the first cell that raises (the queued cells are not run).
    With keep_going, the run goes on from the next cell (Run Selected Cell and All Below)
    until every cell has run, as nbgrader does; without it, the run ends there.
    """
    start = time.monotonic()
    _start(page, "runmenu:run-all")
    halted_since = None
    while time.monotonic() - start < timeout:
        seen = prompts(page)
        if _ran(seen):
            wait_kernel_idle(page, 60_000)
            return time.monotonic() - start
        if "[*]:" not in seen and _idle(page):
            halted_since = halted_since or time.monotonic()
            if time.monotonic() - halted_since > 1.5:  # stopped at an error
                if not keep_going:
                    return time.monotonic() - start
                select_code_cell(page, seen.index("[ ]:"))
                _start(page, "notebook:run-all-below")
                halted_since = None
        else:
            halted_since = None
        time.sleep(0.3)
    raise TimeoutError(f"cells still running after {timeout} s: prompts {prompts(page)}")


def select_code_cell(page, index: int) -> None:
    """Select the index-th non-empty code cell (command mode)."""
    cells = page.locator(f"{NOTEBOOK} .jp-Notebook .jp-CodeCell").filter(
        has=page.locator(".cm-content", has_text=re.compile(r"\S")))
    prompt = cells.nth(index).locator(".jp-InputPrompt").first
    prompt.scroll_into_view_if_needed()
    prompt.click()


def save(page, lab: Lab, path: str) -> nbformat.NotebookNode:
    """File > Save, then read the saved notebook from the server's root."""
    target = lab.root / path
    before = target.stat().st_mtime_ns
    menu(page, "File", "docmanager:save")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and target.stat().st_mtime_ns == before:
        time.sleep(0.2)
    time.sleep(0.3)
    return nbformat.read(str(target), as_version=4)


def error_outputs(nb) -> list[dict]:
    """Every error output: cell number (1-based), grade_id, first line of source, error text."""
    found = []
    for index, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append({"cell": index, "grade_id": cell.metadata.get("nbgrader", {}).get("grade_id"),
                              "first_line": (cell.source.splitlines() or [""])[0][:80],
                              "ename": out.get("ename", ""), "evalue": str(out.get("evalue", ""))[:300],
                              "traceback": "\n".join(out.get("traceback", []))})
    return found


def describe(errors: list[dict]) -> str:
    return "\n".join(f"  cell {e['cell']}" + (f" ({e['grade_id']})" if e["grade_id"] else "")
                     + f" `{e['first_line']}`: {e['ename']}: {e['evalue']}" for e in errors)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=str(path), full_page=True)
    return path
