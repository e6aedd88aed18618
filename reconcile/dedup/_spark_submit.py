"""``reconcile`` for ``spark-submit``, which runs a Python *file*, not a module or a script.

    spark-submit [options] "$(python -c 'import reconcile.dedup._spark_submit as m; print(m.__file__)')" \
        dedup --engine spark ...

Run as a file, its directory would come first on ``sys.path`` and this package's
modules (``config``, ``stream``, ``spark`` ...) would shadow top-level ones of the same
name; it is taken off before anything else is imported.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        sys.path.pop(0)
    from reconcile.cli import main

    sys.exit(main())
