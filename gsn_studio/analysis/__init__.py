"""Pure checks over the model: they return findings, and change nothing."""
