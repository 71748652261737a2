"""Entry point for ``python -m capaciteit``."""

import sys

from capaciteit.cli import main

sys.exit(main())
