import sys

from xhht_desktop.diagnostics import run_cli as main  # the CLI with the log

sys.exit(main())
