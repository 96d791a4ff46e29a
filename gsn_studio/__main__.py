import sys

from gsn_studio.launcher import main

sys.exit(main())
