"""Root conftest: keeps each notebook's cells on one xdist worker (nbval items share a kernel)."""
import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(item.fspath)
        if path.endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=f"nb:{path}"))
