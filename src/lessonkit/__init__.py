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
"""

__version__ = "0.1.0"
