"""`python -m generator` is the same program as the `briefing` console script."""

import sys

from generator.cli import main

sys.exit(main())
