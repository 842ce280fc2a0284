"""Backend-capture tests import their sibling support modules by name."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network fetch on import
sys.path.insert(0, str(Path(__file__).resolve().parent))
