"""GSN Studio: draw, check, review and publish safety cases in Goal Structuring Notation."""

__version__ = "0.1.0"
