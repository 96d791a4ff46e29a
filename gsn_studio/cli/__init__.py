"""The `gsn-studio` command line. No Qt here: the editor is started by importing app lazily."""

from gsn_studio.cli.main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "build_parser", "main"]
