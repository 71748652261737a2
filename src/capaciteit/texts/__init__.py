"""All user-facing Dutch text, one module per capability; ``capaciteit.texts`` offers them all.

A test (``tests/test_texts.py``) fails on a Dutch string literal anywhere else in
``src/capaciteit``, ``pages/`` or ``dashboard.py``, and on a name defined in two modules.
"""

from capaciteit.texts.access import *  # noqa: F403
from capaciteit.texts.accessibility import *  # noqa: F403
from capaciteit.texts.agreements import *  # noqa: F403
from capaciteit.texts.assistance import *  # noqa: F403
from capaciteit.texts.capacity import *  # noqa: F403
from capaciteit.texts.deployment import *  # noqa: F403
from capaciteit.texts.general import *  # noqa: F403
from capaciteit.texts.geo import *  # noqa: F403
from capaciteit.texts.uploads import *  # noqa: F403
