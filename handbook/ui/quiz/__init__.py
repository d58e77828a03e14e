"""Quiz mode and progress in the app: screens that work in any Textual app.

`start_quiz` and `maybe_offer_resume` push a `QuizScreen`; `QuizMenuScreen` picks what to
practise; `ProgressScreen` shows the charts. The quiz engine (`handbook.quiz`) does all marking,
scheduling and saving; these screens only show it.
"""

from handbook.ui.quiz.launch import maybe_offer_resume, start_quiz
from handbook.ui.quiz.menu_screen import QuizMenuScreen, QuizRequest
from handbook.ui.quiz.progress_screen import ProgressScreen
from handbook.ui.quiz.quiz_screen import QuizScreen
from handbook.ui.quiz.summary_screen import SummaryScreen

__all__ = [
    "ProgressScreen",
    "QuizMenuScreen",
    "QuizRequest",
    "QuizScreen",
    "SummaryScreen",
    "maybe_offer_resume",
    "start_quiz",
]
