"""The diagram canvas: a scene that mirrors the document, and a view to zoom and pan it."""

from gsn_studio.app.canvas.scene import CanvasScene
from gsn_studio.app.canvas.view import CanvasView

__all__ = ["CanvasScene", "CanvasView"]
