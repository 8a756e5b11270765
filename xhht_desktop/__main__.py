import sys

from xhht_desktop.cli import main

sys.exit(main())
