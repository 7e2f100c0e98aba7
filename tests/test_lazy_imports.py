"""tests/lazy_imports.py: with the stand-in, jsonschema's "iri" check answers as without it."""

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent

CHECK = """
import sys
sys.path.insert(0, {tests!r})
import lazy_imports  # installs the stand-in
import jsonschema, nbformat
print("Stands in" in sys.modules["rfc3987_syntax"].__doc__, "rfc3987_syntax.syntax_helpers" in sys.modules)
checker = jsonschema.FormatChecker()
print(checker.conforms("https://example.org/Zürich", "iri"), checker.conforms("not an iri", "iri"))
print("rfc3987_syntax.syntax_helpers" in sys.modules)
"""


@pytest.mark.slow
def test_the_stand_in_defers_the_import_and_checks_as_before():
    out = subprocess.run([sys.executable, "-c", CHECK.format(tests=str(TESTS))], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "True False"  # nbformat and jsonschema loaded without the parser
    assert out[1] == "True False"  # an IRI conforms, a phrase with spaces does not
    assert out[2] == "True"  # the check loaded the real module
