"""Entry point of the console executable `xhht-cli` (the bundle's headless face).

Unlike XHHT (main.py), it never opens a window: without a command it prints the usage.
"""

import sys

from xhht_desktop.diagnostics import run_cli as main  # the CLI with the log

if __name__ == "__main__":
    sys.exit(main())
