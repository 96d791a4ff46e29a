import sys

from gsn_studio.cli import main

sys.exit(main())
