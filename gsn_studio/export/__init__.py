"""Figures for review boards: SVG written from the model and positions, PNG and PDF from it.

No Qt here: exports run headless, from the command line or CI.
"""
