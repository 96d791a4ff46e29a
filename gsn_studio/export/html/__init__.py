"""A navigable publication of a case of modules: static HTML pages, no script."""

from gsn_studio.export.html.publish import publish_html

__all__ = ["publish_html"]
