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
            instances.append((obj, {k: v for k, v in vars(obj).items() if callable(v)}))
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
    setattr_ = setattr

    def restore():
        sys.settrace(None)
        sys.setprofile(None)
        threading.settrace(None)
        threading.setprofile(None)
        for k, v in hooks.items():
            setattr_(sys, k, v)
        for obj, snap in instances:
            d = vars(obj)
            for k in [k for k, v in list(d.items()) if callable(v) and k not in snap]:
                d.pop(k, None)
            for k, v in snap.items():
                if d.get(k) is not v:
                    d[k] = v
        for cls, snap in classes.items():
            current = vars(cls)
            for k, v in snap.items():
                if current.get(k) is not v:
                    try:
                        setattr_(cls, k, v)
                    except (TypeError, AttributeError):
                        pass
            for k in [k for k in list(current) if k not in snap]:
                try:
                    delattr(cls, k)
                except (TypeError, AttributeError):
                    pass
        for module, snap in module_dicts:
            d = vars(module)
            for k, v in snap.items():
                if d.get(k) is not v:
                    d[k] = v
        ip.events.callbacks.clear()
        ip.events.callbacks.update({k: list(v) for k, v in events.items()})
        for name, snap in lists.items():
            try:
                setattr_(ip, name, list(snap))
            except AttributeError:  # a read-only property over the list: restore in place
                getattr(ip, name)[:] = snap
        for name, snap in handlers.items():
            table = getattr(kernel, name)
            table.clear()
            table.update(snap)
        b = vars(builtins)
        for k, v in builtin_names.items():
            if b.get(k) is not v:
                b[k] = v

    module = types.ModuleType("_course_guard")
    module.restore = restore
    sys.modules["_course_guard"] = module


__course_guard_install()
del __course_guard_install
'''

RESTORE = '__import__("sys").modules["_course_guard"].restore()'
