"""A line where tags are typed: completion from the cluster's tags, PVE's format checked live,
and the cluster's `user-tag-access` said in words before anything is sent."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from ...pve import tags as T
from .. import kit, style


class TagRules:
    """What the editors check a tag against: the cluster's TagAccess, whether the login holds
    Sys.Modify on / (then any tag goes) and the tags it sees on guests."""

    def __init__(self, access: T.TagAccess, privileged: bool, visible: Iterable[str] = ()):
        self.access = access
        self.privileged = privileged
        self.visible = frozenset(visible)  # the tags of the guests this login sees

    def refusal(self, tag: str) -> str | None:
        return self.access.refusal(tag, self.privileged, self.visible)


def problem_text(tag: str, rules: TagRules) -> tuple[str, bool]:
    """(words, blocking) for a tag that cannot be set as typed; ("", False) when it can."""
    if not T.is_valid(tag):
        text = QCoreApplication.translate(
            "TagInput", "“%1” is not a tag PVE accepts: letters, digits and _ - + . only, not starting with - + or .")
        return kit.fmt(text, tag), True
    reason = rules.refusal(tag)
    if reason is None:
        return "", False
    if reason == T.REGISTERED:
        text = QCoreApplication.translate(
            "TagInput", "“%1” is a registered tag: only users with Sys.Modify on / may set or remove it.")
    elif reason == T.NO_TAGS:
        text = QCoreApplication.translate(
            "TagInput", "This cluster lets only users with Sys.Modify on / change tags (“%1” refused).")
    elif reason == T.NOT_ALLOWED:
        text = QCoreApplication.translate(
            "TagInput", "“%1” is not among the tags this cluster allows you (user-tag-access); "
                        "it needs Sys.Modify on /.")
    else:
        text = QCoreApplication.translate(
            "TagInput", "“%1” is not among the tags you may use for sure: the cluster may refuse it "
                        "(it then needs Sys.Modify on /).")
    return kit.fmt(text, tag), reason != T.UNSURE


class TagInput(QWidget):
    """Tags typed separated by blanks, commas or semicolons; the last word completes."""

    changed = Signal()

    def __init__(self, name: str, accessible: str, rules: TagRules, completions: Iterable[str], parent=None):
        super().__init__(parent)
        self.rules = rules
        self.edit = kit.named(QLineEdit(self), name, accessible)
        self.edit.setPlaceholderText(self.tr("e.g. prod; web"))
        self._words = QStringListModel(list(completions), self)
        self.completer = QCompleter(self._words, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.activated[str].connect(self._complete)
        self.message = kit.message_label(self, name + "Message", hidden=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._check)

    def set_completions(self, words: Iterable[str]) -> None:
        self._words.setStringList(list(words))

    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(T.split(self.edit.text())))

    def blocking(self) -> bool:
        """True while a typed tag cannot be sent (bad format, or the cluster refuses it)."""
        return any(problem_text(t, self.rules)[1] for t in self.tags())

    def _typed(self, text: str) -> None:
        last = T.split(text)[-1] if T.split(text) and not text.endswith((" ", ",", ";")) else ""
        if last:
            self.completer.setCompletionPrefix(last)
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _complete(self, word: str) -> None:
        text = self.edit.text()
        cut = max(text.rfind(c) for c in " ,;") + 1
        self.edit.setText(text[:cut] + word + "; ")

    def _check(self) -> None:
        problems = [problem_text(t, self.rules) for t in self.tags()]
        shown = [p for p in problems if p[0]]
        if not shown:
            self.message.hide()
        else:
            blocking = any(b for _, b in shown)
            kit.show_message(self.message, "\n".join(text for text, _ in shown),
                             style.Tone.ERROR if blocking else style.Tone.WARNING)
        self.changed.emit()
