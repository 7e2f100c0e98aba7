"""`python -m lessonkit.quiz [bank.toml ...]` prints the Markdown answer key (every bank if none given)."""

import sys

from lessonkit.quiz.key import main

sys.exit(main(sys.argv[1:]))
