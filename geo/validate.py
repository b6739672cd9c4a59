"""Command line: `python -m geo.validate [DATA_DIR]` checks a data folder (the rules live in geo.data.validate)."""
import sys

from geo.data.validate import main

if __name__ == "__main__":
    sys.exit(main())
