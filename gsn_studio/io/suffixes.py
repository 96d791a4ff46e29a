"""File endings that choose a reader, apart from the readers themselves: deciding a file's
format must not import the SACM reader (a tenth of a second) for a command that reads .gsnx."""

SACM_SUFFIXES = (
    ".xmi", ".sacm", ".sacm2", ".assurancecase", ".argumentation", ".arm", ".gsn", ".model",
    ".integration", ".xml",
)  # fmt: skip
"""Extensions of files read by content; the root element and namespace choose the reader."""
