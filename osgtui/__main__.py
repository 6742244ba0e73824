"""Console entry point: ``osgtui`` and ``python -m osgtui``."""

import sys

from osgtui.cli import main

if __name__ == "__main__":
    sys.exit(main())
