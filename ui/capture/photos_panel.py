"""Photos of flip-overs and canvases for the current group or item: thumbnails, caption,
rotate, delete; added with a file dialog or by dropping files on the page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.capture.queries import PhotoView
from workshop.i18n import _

PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = 110


def thumbnail_icon(data: bytes) -> QIcon:
    image = QImage.fromData(data)
    if image.isNull():
        image = QImage(THUMB, THUMB, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.lightGray)
    return QIcon(QPixmap.fromImage(image))


class PhotosPanel(QWidget):
    add_requested = Signal()
    rotate_requested = Signal(int, int)  # photo id, quarter turns clockwise
    caption_edited = Signal(int, str)
    description_edited = Signal(int, str)
    delete_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("capture-photos")
        title = QLabel(_("Photos"))
        title.setStyleSheet("font-weight:bold;")
        self.list = QListWidget()
        self.list.setObjectName("capture-photo-list")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(lambda *_a: self._chosen())
        self.hint = QLabel(
            _("Drop photos of flip-overs or canvases here, or add them with the button.")
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.add = QPushButton(_("Add photo…"))
        self.add.setObjectName("capture-photo-add")
        # a click leaves the focus where it was: a space typed afterwards (in a caption)
        # must never press this button again and reopen the file dialog
        self.add.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add.clicked.connect(self.add_requested.emit)
        self.left = QPushButton("↺")
        self.left.setToolTip(_("Rotate left"))
        self.left.clicked.connect(lambda: self._rotate(3))
        self.right = QPushButton("↻")
        self.right.setToolTip(_("Rotate right"))
        self.right.clicked.connect(lambda: self._rotate(1))
        for small in (self.left, self.right):
            small.setFixedWidth(30)  # leaves the worded buttons their text on a laptop
        self.delete = QPushButton(_("Delete"))
        self.delete.clicked.connect(self._delete)
        self.caption = QLineEdit()
        self.caption.setObjectName("capture-photo-caption")
        self.caption.setMaxLength(2000)
        self.caption.setPlaceholderText(_("Caption"))
        self.caption.editingFinished.connect(self._caption)
        self.description = QLineEdit()
        self.description.setObjectName("capture-photo-description")
        self.description.setMaxLength(2000)
        self.description.setPlaceholderText(_("Description for who cannot see the picture"))
        self.description.setAccessibleName(_("Description for who cannot see the picture"))
        self.description.setToolTip(
            _(
                "What the photo shows, in a sentence or two. The accessible verslag (HTML, Word) "
                "gives it to screen readers; without it they read the caption."
            )
        )
        self.description.editingFinished.connect(self._description)
        self.status = QLabel()
        self.status.setObjectName("capture-photo-status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add, 1)
        buttons.addWidget(self.left)
        buttons.addWidget(self.right)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.caption)
        layout.addWidget(self.description)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._chosen()

    def show_photos(self, photos: list[PhotoView]) -> None:
        """Show the photos; the chosen one stays chosen, a newly added one is chosen, and
        otherwise the first: the caption field is ready without hitting a thumbnail."""
        chosen = self.current_id()
        known = {self.list.item(i).data(PHOTO_ROLE).id for i in range(self.list.count())}
        self.list.blockSignals(True)
        self.list.clear()
        items = []
        for photo in photos:
            item = QListWidgetItem(thumbnail_icon(photo.thumbnail), photo.caption or photo.filename)
            item.setData(PHOTO_ROLE, photo)
            item.setToolTip(f"{photo.filename} · {photo.width}×{photo.height}")
            self.list.addItem(item)
            items.append(item)
        new = [item for item, p in zip(items, photos, strict=True) if p.id not in known]
        current = next(
            (item for item, p in zip(items, photos, strict=True) if p.id == chosen), None
        )
        if known and new:
            current = new[0]  # just added: caption it next
        if current is None and items:
            current = items[0]
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        self.hint.setVisible(not photos)
        self._chosen()

    def current(self) -> PhotoView | None:
        item = self.list.currentItem()
        return item.data(PHOTO_ROLE) if item is not None else None

    def current_id(self) -> int | None:
        photo = self.current()
        return photo.id if photo else None

    def set_busy(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("")

    def set_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet(theme.style("error"))

    def _chosen(self) -> None:
        photo = self.current()
        for w in (self.left, self.right, self.delete, self.caption, self.description):
            w.setEnabled(photo is not None)
        if not self.caption.hasFocus():
            self.caption.setText(photo.caption if photo else "")
        if not self.description.hasFocus():
            self.description.setText(photo.description if photo else "")

    def _rotate(self, turns: int) -> None:
        if (pid := self.current_id()) is not None:
            self.rotate_requested.emit(pid, turns)

    def _caption(self) -> None:
        photo = self.current()
        text = self.caption.text().strip()
        if photo is not None and text != photo.caption:
            self.caption_edited.emit(photo.id, text)

    def _description(self) -> None:
        photo = self.current()
        text = self.description.text().strip()
        if photo is not None and text != photo.description:
            self.description_edited.emit(photo.id, text)

    def _delete(self) -> None:
        if (pid := self.current_id()) is not None:
            self.delete_requested.emit(pid)
