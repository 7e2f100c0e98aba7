"""lessonkit: reads the lesson series' article, data and quizzes, and draws its charts.

Modules:
    paths     -- where the project's folders are
    manifest  -- the list of lessons (lessons.toml)
    article   -- the seed article as numbered, typed paragraphs
    data      -- load and validate the tables in data/
    quiz      -- question banks, grading and quiz widgets
    charts    -- the lessons' charts
    clocks    -- one moment on several clocks (time zones)
    exercises -- the "Your turn" tasks and their checks
    i18n      -- the language lessonkit speaks: lessonkit.use("de") for German
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # PEP 562: lessonkit.use without importing anything at `import lessonkit`.
    if name == "use":
        from lessonkit.i18n import use

        return use
    raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")
