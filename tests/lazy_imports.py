"""A pytest plugin for `make unit` (`-p tests.lazy_imports`): import rfc3987_syntax when it is used.

Every test run imports nbformat (nbval's plugin and the tests read notebooks), nbformat imports
jsonschema, and jsonschema imports rfc3987_syntax for its "iri" format check; rfc3987_syntax
builds a Lark parser when it is imported: about 1.4 s of every run, for a check that
nbformat's schemas never ask for. This puts a stand-in in its place (before the plugins load)
that imports the real module the first time a check or a name of it is used, so every check
behaves as before (tests/test_lazy_imports.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

NAME = "rfc3987_syntax"


def install() -> bool:
    """Put the stand-in in sys.modules (unless the module is loaded already or not installed)."""
    if NAME in sys.modules or importlib.util.find_spec(NAME) is None:
        return False
    stand_in = types.ModuleType(NAME, "Stands in for rfc3987_syntax until it is used (tests/lazy_imports.py).")

    def real() -> types.ModuleType:
        if sys.modules.get(NAME) is stand_in:
            del sys.modules[NAME]
        return importlib.import_module(NAME)

    def is_valid_syntax(term: str, value: str) -> bool:
        return real().is_valid_syntax(term, value)

    def attribute(name: str):
        if name.startswith("__"):  # the import system asks for __path__ and the like: not a use
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.is_valid_syntax = is_valid_syntax
    stand_in.__getattr__ = attribute
    sys.modules[NAME] = stand_in
    return True


install()
