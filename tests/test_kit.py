"""The shared widget kit (ui/kit.py) and palette (ui/style.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from virton_desktop.ui import kit, style
from virton_desktop.ui.style import Tone

LIGHT = QPalette(QColor("#efefef"))
DARK = QPalette(QColor("#353535"))

# ------------------------------------------------------------------ fmt


def test_fmt_fills_placeholders_in_any_order():
    assert kit.fmt("%1 of %2 failed: %3", "Start", "web1", "no") == "Start of web1 failed: no"
    assert kit.fmt("%2의 %1 실패", "Start", "web1") == "web1의 Start 실패"
    assert kit.fmt("%1 and %1", 7) == "7 and 7"


def test_fmt_does_not_fill_a_value_again():
    assert kit.fmt("%1 → %2", "50%2", "x") == "50%2 → x"
    assert kit.fmt("%1", "%1") == "%1"


def test_fmt_leaves_placeholders_without_arguments():
    assert kit.fmt("%1 (%2)", "a") == "a (%2)"
    assert kit.fmt("no placeholders", "a") == "no placeholders"
    assert kit.fmt("100%", "a") == "100%"


# ------------------------------------------------------------------ builders


def test_named_sets_object_and_accessible_name(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    assert kit.named(w, "thing", "The thing") is w
    assert (w.objectName(), w.accessibleName()) == ("thing", "The thing")
    kit.named(w, "other")
    assert (w.objectName(), w.accessibleName()) == ("other", "The thing")


def test_spin_holds_a_value_beyond_the_default_range(qtbot):
    box = kit.spin(16, 4 * 1024 * 1024, 2048, " MiB", 256, name="memory", accessible="Memory")
    qtbot.addWidget(box)
    assert isinstance(box, QSpinBox)
    assert (box.minimum(), box.maximum(), box.value()) == (16, 4 * 1024 * 1024, 2048)
    assert (box.suffix(), box.singleStep(), box.isAccelerated()) == (" MiB", 256, False)
    assert (box.objectName(), box.accessibleName()) == ("memory", "Memory")
    box.setValue(10_000_000)
    assert box.value() == 4 * 1024 * 1024


def test_spin_without_value_starts_at_the_low_end(qtbot):
    box = kit.spin(100, 999999999, accelerated=True)
    qtbot.addWidget(box)
    assert box.value() == 100 and box.isAccelerated() and box.objectName() == ""


def test_combo_items_tip_and_sizing(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    box = kit.combo([("All nodes", None), ("pve1", "pve1")], parent=parent, name="nodeFilter",
                    accessible="Node", tip="Node", fit_contents=True)
    assert isinstance(box, QComboBox) and box.parent() is parent
    assert [box.itemText(i) for i in range(box.count())] == ["All nodes", "pve1"]
    assert box.itemData(1) == "pve1" and box.itemData(0) is None
    assert box.toolTip() == "Node" and box.accessibleName() == "Node"
    assert box.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToContents
    assert kit.combo().sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents


def test_push_button_names_and_calls_its_slot_without_the_checked_flag(qtbot):
    calls = []
    b = kit.button("&Save", "profileSave", tip="Save it", slot=lambda: calls.append(1), auto_default=False)
    qtbot.addWidget(b)
    assert isinstance(b, QPushButton)
    assert (b.text(), b.objectName(), b.accessibleName(), b.toolTip()) == ("&Save", "profileSave", "Save", "Save it")
    assert not b.autoDefault()
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    assert calls == [1]


def test_tool_button_text_only_with_own_accessible_name(qtbot):
    b = kit.button("Restore", "backupRestore", tool=True, text_only=True, accessible="Restore the backup")
    qtbot.addWidget(b)
    assert isinstance(b, QToolButton)
    assert b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    assert (b.text(), b.accessibleName()) == ("Restore", "Restore the backup")
    assert kit.without_accelerator("Fish && &Chips") == "Fish & Chips"


def test_ok_cancel_names_the_buttons_and_closes_the_dialog(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons, ok = kit.ok_cancel(dialog, "Back up", "createBackupOk", "createBackupCancel", cancel_text="Cancel")
    assert isinstance(buttons, QDialogButtonBox)
    assert (ok.text(), ok.objectName(), ok.accessibleName()) == ("Back up", "createBackupOk", "Back up")
    cancel = dialog.findChild(QPushButton, "createBackupCancel")
    assert cancel is buttons.button(QDialogButtonBox.StandardButton.Cancel) and cancel.accessibleName() == "Cancel"
    dialog.show()
    with qtbot.waitSignal(dialog.accepted):
        ok.click()


def test_message_labels_are_plain_text_and_coloured(qtbot):
    dialog = QWidget()
    qtbot.addWidget(dialog)
    label = kit.message_label(dialog, "settingsMessage", "Message", hidden=True, selectable=True)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.wordWrap() and label.isHidden()
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    kit.set_error(label, "<b>guest text</b>")
    assert not label.isHidden() and label.text() == "<b>guest text</b>"
    assert style.css(Tone.ERROR, label.palette()) in label.styleSheet()
    kit.show_message(label, "Saved.")
    assert label.styleSheet() == ""
    problem = kit.error_label(dialog, "snapshotNameProblem", "Name problem")
    assert not problem.isHidden() and problem.styleSheet() == style.label_sheet(Tone.ERROR, problem.palette())


# ------------------------------------------------------------------ confirm


def _click_when_shown(name: str, pick) -> None:
    """Click a button of the modal box `name` once it is on screen (confirm runs exec())."""
    def attempt():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == name and box.isVisible():
            pick(box).click()
        else:
            QTimer.singleShot(10, attempt)
    QTimer.singleShot(0, attempt)


def test_confirm_true_when_ok_is_clicked(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    _click_when_shown("backupConfirm", lambda box: box.findChild(QPushButton, "backupConfirmOk"))
    assert kit.confirm(parent, "Delete backup", "Delete it?", "Delete", name="backupConfirm",
                       ok_name="backupConfirmOk", destructive=True)


def test_confirm_false_when_cancelled(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    _click_when_shown("rebootOffer", lambda box: box.escapeButton())
    assert not kit.confirm(parent, "Reboot to apply?", "Reboot now?", "Reboot now", name="rebootOffer",
                           cancel_text="Later", icon=QMessageBox.Icon.Question, default_cancel=False)


@pytest.mark.parametrize("destructive, role", [(True, QMessageBox.ButtonRole.DestructiveRole),
                                               (False, QMessageBox.ButtonRole.AcceptRole)])
def test_confirm_box_roles_and_default(qtbot, destructive, role):
    box, ok = kit.confirm_box(None, "Stop", "Stop web1 now?", "Stop", destructive=destructive, name="confirmAction")
    qtbot.addWidget(box)
    assert box.objectName() == "confirmAction" and box.icon() == QMessageBox.Icon.Warning
    assert box.buttonRole(ok) == role and ok.text() == "Stop"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    offer, now = kit.confirm_box(None, "Reboot?", "Now?", "Reboot now", cancel_text="Later", default_cancel=False)
    qtbot.addWidget(offer)
    assert offer.button(QMessageBox.StandardButton.Cancel) is None
    assert offer.buttonRole(offer.escapeButton()) == QMessageBox.ButtonRole.RejectRole
    assert offer.escapeButton().text() == "Later"


# ------------------------------------------------------------------ style


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_light_and_dark_palettes_are_told_apart():
    assert not style.is_dark(LIGHT) and style.is_dark(DARK)


@pytest.mark.parametrize("tone", list(Tone))
def test_every_tone_reads_on_light_and_dark_windows(tone):
    for palette in (LIGHT, DARK):
        window = palette.color(QPalette.ColorRole.Window)
        assert _contrast(style.color(tone, palette), window) >= 3, (tone, window.name())


@pytest.mark.parametrize("tone", [t for t in Tone if t is not Tone.STALE])
def test_tones_change_with_the_theme(tone):
    assert style.color(tone, LIGHT) != style.color(tone, DARK)


def test_light_theme_keeps_the_colours_in_use():
    assert style.error(LIGHT).name() == "#c62828"  # models' failed_color, wizards' ERROR_COLOR
    assert style.warning(LIGHT).name() == "#8a5a00"
    assert style.pending(LIGHT).name() == "#9a5b0c"  # was #b7791f: 3.2:1 on a light window, too faint
    assert style.muted(LIGHT).name() == "#5f6368"
    assert style.error(DARK).name() == "#ff7a7a"  # was #ff6b6b: 4.4:1 on the dark window


def test_style_sheets():
    assert style.label_sheet(Tone.ERROR, LIGHT) == "color: #c62828;"
    assert style.label_sheet(Tone.ERROR, LIGHT, "font-weight: bold;") == "color: #c62828; font-weight: bold;"
    assert style.label_sheet(None) == ""
    assert style.banner_sheet(Tone.WARNING, LIGHT) == ("background: #fff4e0; border: 1px solid #e6c27a; "
                                                       "border-radius: 4px; color: #5c3d00;")
    assert style.banner_sheet(Tone.ERROR, DARK) != style.banner_sheet(Tone.ERROR, LIGHT)
    assert style.banner_colors(Tone.ERROR, LIGHT) == ("#fdecea", "#e0a49c", "#6b1d13")


def test_banner_text_reads_on_its_background():
    for tone in (Tone.ERROR, Tone.WARNING):
        for palette in (LIGHT, DARK):
            background, _border, text = style.banner_colors(tone, palette)
            assert _contrast(QColor(text), QColor(background)) >= 4.5
