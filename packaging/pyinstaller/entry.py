"""The bundle's entry point: the same `gsn-studio` command pip installs."""

from gsn_studio.launcher import run

run()
