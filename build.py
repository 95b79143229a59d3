"""`python build.py [options]` is `portal build [options]` for the site in this folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from portal.cli import main

if __name__ == "__main__":
    sys.exit(main(["--site", str(Path(__file__).resolve().parent), "build", *sys.argv[1:]]))
