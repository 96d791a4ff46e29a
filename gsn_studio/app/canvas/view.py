"""The window onto the diagram: zoom, pan, fit, rubber-band selection.

Mouse: the wheel zooms around the cursor (no modifier needed); left drag on the background
draws a rubber band, Ctrl+click toggles a node; middle drag, right drag on the background,
Space + left drag, and left drag on the background in `pan_mode` (the hand tool) all pan.
A right click that does not move asks for the context menu (`menu_requested`), on release:
a right drag pans and leaves no menu behind.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from gsn_studio.app.canvas.link_exposure import repainting
from gsn_studio.app.canvas.paints import brush
from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.notation.palette import BACKGROUND

MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
MAX_FIT_ZOOM = 1.5
"""fit_all never enlarges beyond this, so a small case does not fill the screen with text."""
FIT_MARGIN = 40.0
EMPTY_HINT = (
    "An empty case.\n\n"
    "Press G (or click Goal in the palette) and type the top claim, then Enter.\n"
    "With a node selected, S, G and N add a strategy, a sub-goal or evidence below it;\n"
    "C, A and J add context, an assumption or a justification beside it.\n\n"
    "Help > Quick Start (F1) shows the rest."
)
"""Drawn in the middle of an empty canvas: how to begin."""
HINT_COLOUR = "#5f6b77"
READABLE_ZOOM = 0.8
"""The least zoom an opened case is shown at: statements about 9 px high, ids and badges
legible. Fit to Window may go below it, as an overview asked for."""


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)
    """The new scale (1.0 = 100 %)."""
    menu_requested = Signal(QPoint)
    """A right click without movement, or the menu key: the viewport point to show it at."""

    def __init__(self, scene: CanvasScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(brush(BACKGROUND))
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self._pan_mode = False
        self._space_held = False
        self._pan_button: Qt.MouseButton | None = None
        self._pan_last = QPoint()
        self._right_pressed_at: QPoint | None = None
        """Where the right button went down, until it moves too far to be a click."""
        self._scene: CanvasScene | None = None
        self._hint_shown = True
        if scene is not None:
            self.set_canvas(scene)

    def set_canvas(self, scene: CanvasScene) -> None:
        if self._scene is not None:
            self._scene.link_mode_changed.disconnect(self._update_cursor)
        self._scene = scene
        self.setScene(scene)
        scene.link_mode_changed.connect(self._update_cursor)
        # Queued: the scene updates its items on the same signals, and must go first.
        scene.document.changed.connect(self._repaint_hint, Qt.ConnectionType.QueuedConnection)
        scene.document.reset.connect(self._repaint_hint, Qt.ConnectionType.QueuedConnection)
        self._update_cursor()

    # -- zoom ------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Scale to `zoom` (clamped to 5 %..800 %), keeping the scene point under `anchor`
        (a viewport point; the centre by default) where it is."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        if zoom == self.zoom:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(zoom, zoom))
        moved = self.mapFromScene(fixed) - anchor.toPoint()
        self._scroll_by(moved.x(), moved.y())
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_all(self) -> None:
        """Show every node, with a margin, never enlarged beyond 150 %."""
        self._fit(self._scene.items_bounding_rect() if self._scene is not None else None)

    def _fit(self, rect: QRectF | None) -> None:
        """Show the area the nodes cover (measured once by the caller: 10,000 items)."""
        if rect is None or rect.isEmpty():
            self.set_zoom(1.0)
            return
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        area = self.viewport().rect()
        zoom = min(area.width() / rect.width(), area.height() / rect.height(), MAX_FIT_ZOOM)
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        changed = zoom != self.zoom
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.centerOn(rect.center())
        if changed:
            self.zoom_changed.emit(zoom)

    def fit_readable(self, lead: QRectF | None) -> None:
        """Fit everything when that stays readable; otherwise show `lead` (the top goal's
        outline) at READABLE_ZOOM, centred across, with the top of the case at the top."""
        covered = self._scene.items_bounding_rect() if self._scene is not None else None
        self._fit(covered)
        if self.zoom >= READABLE_ZOOM or lead is None or covered is None:
            return
        self.set_zoom(READABLE_ZOOM)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        top = min(covered.top(), lead.top()) - FIT_MARGIN / 2
        fits = lead.bottom() <= top + visible.height()
        self.centerOn(lead.center().x(), top + visible.height() / 2 if fits else lead.center().y())

    def center_on_node(self, node_id: str) -> bool:
        """Scroll to a node and make it the selection."""
        item = self._scene.item_for(node_id) if self._scene is not None else None
        if item is None:
            return False
        assert self._scene is not None
        self._scene.folding.reveal(node_id)  # a node folded away or outside the focus
        self._scene.select_only([node_id])
        self.centerOn(item)
        return True

    # -- pan -------------------------------------------------------------------------------

    @property
    def pan_mode(self) -> bool:
        """The hand tool: left drag on the background pans instead of selecting."""
        return self._pan_mode

    @pan_mode.setter
    def pan_mode(self, on: bool) -> None:
        self._pan_mode = on
        self._update_cursor()

    @property
    def panning(self) -> bool:
        return self._pan_button is not None

    def _scroll_by(self, dx: float, dy: float) -> None:
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(horizontal.value() + round(dx))
        vertical.setValue(vertical.value() + round(dy))

    def _starts_pan(self, event: QMouseEvent) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton:
            return True
        on_node = (
            self._scene is not None
            and self._scene.node_item_at(self.mapToScene(event.position().toPoint())) is not None
        )
        if button == Qt.MouseButton.RightButton:
            return not on_node
        if button == Qt.MouseButton.LeftButton:
            return self._space_held or (self._pan_mode and not on_node)
        return False

    def _update_cursor(self) -> None:
        if self.panning:
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self._space_held or self._pan_mode:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif self._scene is not None and self._scene.link_mode:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().unsetCursor()

    # -- the empty canvas ------------------------------------------------------------------

    @property
    def shows_empty_hint(self) -> bool:
        # Asked at every paint: a list of 10,000 items made to see if it is empty cost 0.5 ms.
        return self._scene is not None and not self._scene.has_nodes()

    def _repaint_hint(self, *_args: object) -> None:
        """The hint comes or goes with the first or last node: repaint all of the view, not
        only the node's area (the view repaints as little as it can)."""
        if self.shows_empty_hint != self._hint_shown:
            self._hint_shown = self.shows_empty_hint
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        if not self.shows_empty_hint:
            return
        painter.save()
        painter.resetTransform()  # viewport pixels: the hint does not zoom
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(QColor(HINT_COLOUR))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, EMPTY_HINT)
        painter.restore()

    # -- Qt overrides ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        to_scene, invertible = self.viewportTransform().inverted()
        if not invertible:
            super().paintEvent(event)
            return
        with repainting(self.viewport(), event.region(), to_scene):
            super().paintEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.set_zoom(self.zoom * ZOOM_STEP ** (delta / 120), event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self._right_pressed_at = event.position().toPoint()
        if self._pan_button is None and self._starts_pan(event):
            self._pan_button = event.button()
            self._pan_last = event.position().toPoint()
            self._update_cursor()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pressed_at = self._right_pressed_at
        if pressed_at is not None:
            moved = (event.position().toPoint() - pressed_at).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._right_pressed_at = None  # a drag now, not a click: no menu
        if self._pan_button is not None:
            point = event.position().toPoint()
            delta = point - self._pan_last
            self._pan_last = point
            self._scroll_by(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        click_at = self._right_pressed_at if event.button() == Qt.MouseButton.RightButton else None
        if event.button() == Qt.MouseButton.RightButton:
            self._right_pressed_at = None
        if self._pan_button is not None and event.button() == self._pan_button:
            self._pan_button = None
            self._update_cursor()
            event.accept()
        else:
            super().mouseReleaseEvent(event)
        if click_at is not None:
            self.menu_requested.emit(click_at)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt asks for a menu as the right button goes down (on X11): too early to know a
        click from a pan. Mouse requests wait for the release; the menu key asks at once."""
        event.accept()
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            self.menu_requested.emit(event.pos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self._scene is not None and self._scene.focusItem() is not None
        if event.key() == Qt.Key.Key_Space and not editing:
            if not event.isAutoRepeat():
                self._space_held = True
                self._update_cursor()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._space_held and not event.isAutoRepeat():
            self._space_held = False
            self._update_cursor()
            event.accept()
            return
        super().keyReleaseEvent(event)
