"""The bundle's entry point: the same `gsn-studio` command pip installs."""

import sys

from gsn_studio.launcher import main

sys.exit(main())
