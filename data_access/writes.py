"""Shared write helpers: the data version every write bumps, the audit log."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_access.models import DataVersion, utcnow


def bump_data_version(session: Session) -> None:
    """Called in the same transaction as any write, so cached reads refresh."""
    if session.scalar(select(DataVersion.id).where(DataVersion.id == 1)) is None:
        session.add(DataVersion(id=1, version=1))
    else:
        session.execute(
            update(DataVersion)
            .where(DataVersion.id == 1)
            .values(version=DataVersion.version + 1, changed_at=utcnow())
        )
