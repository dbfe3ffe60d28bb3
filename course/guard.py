"""Code the grader runs inside each grading kernel, before any cell of the notebook.

A test passes when its cell reports no error. A submission can try to make a failing cell
look passed without solving anything: replace IPython's traceback display, ``sys.excepthook``,
the kernel's reply, register an event hook, a tracer, an AST transformer, or patch the test
libraries. ``SETUP`` takes a snapshot of all of these right after the kernel starts (before
the student's first line runs); the grader then runs ``RESTORE`` before every graded test
cell, which puts every one of them back, and after every graded test cell a *canary*: the same
cell's code behind a first line that must fail with a fresh random message (see
``course.grading``). A kernel that does not report the canary's failure has been tampered
with: every graded test cell since the last good canary fails, and the report names it.

This stops the tampering that is possible from a notebook cell in a few lines. A submission
that rewrites the snapshot itself and hides only the failures of cells it recognises could
still get through; the README's threat model says so.
"""

SETUP = r'''
def __course_guard_install():
    import builtins, sys, threading, types
    ip = get_ipython()
    kernel = getattr(ip, "kernel", None)
    watched = [ip]
    for name in ("events", "displayhook", "display_pub", "display_formatter", "compile", "InteractiveTB",
                 "SyntaxTB", "input_transformer_manager", "history_manager"):
        if getattr(ip, name, None) is not None:
            watched.append(getattr(ip, name))
    if kernel is not None:
        watched += [kernel, kernel.session]
        for name in ("iopub_socket", "iopub_thread", "shell_stream", "control_stream"):
            if getattr(kernel, name, None) is not None:
                watched.append(getattr(kernel, name))
    watched += [sys.stdout, sys.stderr]
    import numpy.testing
    modules = [numpy.testing]
    instances = []
    for obj in watched:
        try:
            # every attribute: the callables are restored, and an attribute that a library later turns into
            # a callable (pyzmq's ZMQStream._send_callback, None at setup) goes back to its value, not away
            instances.append((obj, dict(vars(obj))))
        except TypeError:
            pass
    classes = {}
    for obj in watched:
        for cls in type(obj).__mro__:
            if cls is object or cls in classes:
                continue
            try:
                classes[cls] = dict(vars(cls))
            except TypeError:
                pass
    module_dicts = [(m, dict(vars(m))) for m in modules]
    events = {k: list(v) for k, v in ip.events.callbacks.items()}
    lists = {name: list(getattr(ip, name)) for name in
             ("input_transformers_cleanup", "input_transformers_post", "ast_transformers") if hasattr(ip, name)}
    handlers = {}
    if kernel is not None:
        for name in ("shell_handlers", "control_handlers"):
            if isinstance(getattr(kernel, name, None), dict):
                handlers[name] = dict(getattr(kernel, name))
    hooks = {k: getattr(sys, k) for k in ("excepthook", "displayhook", "stdout", "stderr", "stdin",
                                             "breakpointhook", "unraisablehook") if hasattr(sys, k)}
    builtin_names = dict(vars(builtins))
    custom = (ip.custom_exceptions, ip.CustomTB)
    setattr_ = setattr

    ours = ("IPython", "ipykernel", "matplotlib", "matplotlib_inline", "traitlets", "comm", "ipywidgets", "jupyter")

    def _foreign(func):
        """A callback that the student's own code defined (not a library's)."""
        module = getattr(func, "__module__", None) or ""
        return not module.split(".")[0] in ours

    noise = []  # what the kernel changes by itself between two requests (learnt on the first call)

    def restore():
        """Put everything back; return what had been changed in a way only tampering does."""
        found = []
        if sys.gettrace() is not None or sys.getprofile() is not None:
            found.append("a trace or profile function")
        sys.settrace(None)
        sys.setprofile(None)
        threading.settrace(None)
        threading.setprofile(None)
        for k, v in hooks.items():
            if getattr(sys, k) is not v:
                if k in ("excepthook", "displayhook", "unraisablehook"):
                    found.append(f"sys.{k}")
                setattr_(sys, k, v)
        for obj, before in instances:
            d = vars(obj)
            for k in [k for k, v in list(d.items()) if callable(v) and not callable(before.get(k))]:
                if hasattr(type(obj), k):
                    found.append(f"{type(obj).__name__}.{k}")
                if k in before:
                    d[k] = before[k]
                else:
                    d.pop(k, None)
            for k, v in before.items():
                if callable(v) and d.get(k) is not v:
                    found.append(f"{type(obj).__name__}.{k}")
                    d[k] = v
        for cls, snap in classes.items():
            current = vars(cls)
            for k, v in snap.items():
                if current.get(k) is not v:
                    found.append(f"{cls.__name__}.{k}")
                    try:
                        setattr_(cls, k, v)
                    except (TypeError, AttributeError):
                        pass
            for k in [k for k in list(current) if k not in snap]:
                found.append(f"{cls.__name__}.{k}")
                try:
                    delattr(cls, k)
                except (TypeError, AttributeError):
                    pass
        for module, snap in module_dicts:
            d = vars(module)
            for k, v in snap.items():
                if d.get(k) is not v:
                    found.append(f"{module.__name__}.{k}")
                    d[k] = v
        for name, callbacks in ip.events.callbacks.items():
            added = [c for c in callbacks if c not in events.get(name, []) and _foreign(c)]
            if added:
                found.append(f"an IPython {name} hook")
        ip.events.callbacks.clear()
        ip.events.callbacks.update({k: list(v) for k, v in events.items()})
        for name, snap in lists.items():
            if any(t not in snap and _foreign(t) for t in getattr(ip, name)):
                found.append(f"an IPython {name} entry")
            try:
                setattr_(ip, name, list(snap))
            except AttributeError:  # a read-only property over the list: restore in place
                getattr(ip, name)[:] = snap
        for name, snap in handlers.items():
            table = getattr(kernel, name)
            if any(table.get(k) is not v for k, v in snap.items()) or set(table) - set(snap):
                found.append(f"the kernel's {name}")
            table.clear()
            table.update(snap)
        if ip.custom_exceptions != custom[0]:
            found.append("IPython's custom exception handler")
            ip.custom_exceptions, ip.CustomTB = custom
        b = vars(builtins)
        for k, v in builtin_names.items():
            if b.get(k) is not v:
                found.append(f"builtins.{k}")
                b[k] = v
        if not noise:
            noise.append(set(found))  # the first call comes before any cell of the student
            return []
        return sorted(set(found) - noise[0])

    module = types.ModuleType("_course_guard")
    module.restore = restore
    sys.modules["_course_guard"] = module


__course_guard_install()
del __course_guard_install
'''
# SETUP, then RESTORE once more before the first cell: what that first restore finds is the
# kernel's own per-request state (builtins.input, the output streams), not tampering

RESTORE = '__import__("sys").modules["_course_guard"].last = __import__("sys").modules["_course_guard"].restore()'
# read back through the reply's user_expressions: the names of what was put back
RESTORED = '__import__("sys").modules["_course_guard"].last'
