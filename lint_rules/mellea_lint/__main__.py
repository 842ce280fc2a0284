"""``python -m mellea_lint``: the same as the ``mellea-lint`` script."""

import sys

from mellea_lint.script import main

sys.exit(main())
