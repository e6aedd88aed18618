"""``python -m reconcile.cli``: the same commands as the ``reconcile`` script."""

import sys

from . import main

sys.exit(main())
