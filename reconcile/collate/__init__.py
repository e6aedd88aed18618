"""N-way collation: groups of sentences that N reports of one event share.

Not yet wired into the CLI; see docs/collate.md for the design and the wiring plan.
"""

from .engine import collate
from .models import Collation, Group, GroupRelation, Member
from .project import pairs_between

__all__ = ["Collation", "Group", "GroupRelation", "Member", "collate", "pairs_between"]
