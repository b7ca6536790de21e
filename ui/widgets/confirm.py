"""Questions that can destroy something never answer yes to a stray Enter."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox

#: Roles of buttons that keep things as they are.
SAFE_ROLES = (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole)


def safe_button(box: QMessageBox) -> QAbstractButton | None:
    """The box's Cancel/No button, if it has one."""
    for button in box.buttons():
        if box.buttonRole(button) in SAFE_ROLES:
            return button
    return None


def safe_default(box: QMessageBox) -> QAbstractButton | None:
    """Make Cancel/No the default and the Escape button, so Enter changes nothing."""
    button = safe_button(box)
    if button is not None:
        box.setDefaultButton(button)  # type: ignore[arg-type]
        box.setEscapeButton(button)
        button.setFocus()
    return button
