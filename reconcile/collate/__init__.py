"""N-way collation: groups of sentences that N reports of one event share.

``reconcile.pipeline`` runs it for every reconciliation; docs/collate.md has the design.
"""

from .engine import collate
from .models import Collation, Group, GroupRelation, Member
from .project import pairs_between

__all__ = ["Collation", "Group", "GroupRelation", "Member", "collate", "pairs_between"]
