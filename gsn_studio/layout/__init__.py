"""Automatic layout: positions for nodes, as plain data (no Qt)."""

from gsn_studio.layout.dot import LayoutCancelled, LayoutError, layout_case

__all__ = ["LayoutCancelled", "LayoutError", "layout_case"]
