"""How GSN looks, without Qt: fonts, text wrapping, node sizes and shapes, colours.

The canvas and the SVG export both draw from these definitions, so a figure matches the
screen: same line breaks, same sizes, same colours.
"""
