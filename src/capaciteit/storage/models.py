"""Database tables (SQLAlchemy 2 declarative, typed). Schema changes go through Alembic."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base for all tables."""


class Submission(Base):
    """One version of a region's capacity figures: an upload, a restore or demo data."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("region_code", "version", name="uq_submission_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(4), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # upload | herstel | demo
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[str] = mapped_column(String(320))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    filename: Mapped[str | None] = mapped_column(String(255))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    row_count: Mapped[int] = mapped_column(Integer)
    warnings_accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    restored_from_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))


class CapacityRecord(Base):
    """One row of capacity: an organisation's people in one (sub)category."""

    __tablename__ = "capacity_record"
    __table_args__ = (Index("ix_capacity_record_submission", "submission_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    region_code: Mapped[str] = mapped_column(String(4))
    gemeente_code: Mapped[str | None] = mapped_column(String(6))
    organisation: Mapped[str] = mapped_column(String(255))
    organisation_id: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str] = mapped_column(String(64))
    persons: Mapped[int] = mapped_column(Integer)
    fte: Mapped[float] = mapped_column(Float)
    deployable_persons: Mapped[int] = mapped_column(Integer)
    deployable_within_hours: Mapped[int] = mapped_column(Integer)
    powers: Mapped[str] = mapped_column(Text, default="")
    peildatum: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class CapacityTotal(Base):
    """Sums of one version's records per municipality, (sub)category and horizon.

    Written in the same transaction as the records, so reading the national
    picture never scans the records themselves.
    """

    __tablename__ = "capacity_total"
    __table_args__ = (Index("ix_capacity_total_submission", "submission_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    region_code: Mapped[str] = mapped_column(String(4))
    gemeente_code: Mapped[str | None] = mapped_column(String(6))
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str] = mapped_column(String(64))
    deployable_within_hours: Mapped[int] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(BigInteger)
    fte: Mapped[float] = mapped_column(Float)
    deployable_persons: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(Integer)


class CapacityDeployable(Base):
    """Sums of one version's records per what a crisis team's question filters on.

    Keyed by region, organisation (name and identifier), (sub)category, horizon
    and powers, so the Inzetbaar answer can apply the coverage rule per
    organisation and the power filter without scanning the records. Written in
    the same transaction as the records (``storage.write_deployable``).
    """

    __tablename__ = "capacity_deployable"
    __table_args__ = (Index("ix_capacity_deployable_submission", "submission_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    region_code: Mapped[str] = mapped_column(String(4))
    organisation: Mapped[str] = mapped_column(String(255))
    organisation_id: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str] = mapped_column(String(64))
    deployable_within_hours: Mapped[int] = mapped_column(Integer)
    powers: Mapped[str] = mapped_column(Text)
    persons: Mapped[int] = mapped_column(BigInteger)
    deployable_persons: Mapped[int] = mapped_column(BigInteger)
    records: Mapped[int] = mapped_column(Integer)


class CurrentVersion(Base):
    """Which submission is the current version of each region's figures."""

    __tablename__ = "current_version"

    region_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PopulationLoad(Base):
    """One load of inhabitants per municipality (CBS), with its reference date."""

    __tablename__ = "population_load"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference_date: Mapped[date] = mapped_column(Date)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))


class Population(Base):
    """Inhabitants of one municipality in one population load."""

    __tablename__ = "population"

    load_id: Mapped[int] = mapped_column(ForeignKey("population_load.id"), primary_key=True)
    gemeente_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    inhabitants: Mapped[int] = mapped_column(Integer)


class Agreement(Base):
    """An afspraak with a partner on deployability, powers and compensation.

    ``region_code`` is None for a national agreement (covers every region).
    Changes are logged in ``agreement_change``; rows are never deleted.
    """

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str | None] = mapped_column(String(4), index=True)
    partner_name: Mapped[str] = mapped_column(String(255))
    partner_id: Mapped[str | None] = mapped_column(String(64))
    partner_type: Mapped[str] = mapped_column(String(32))
    committed_persons: Mapped[int] = mapped_column(Integer)
    powers: Mapped[str] = mapped_column(Text, default="")
    activation_trigger: Mapped[str] = mapped_column(Text, default="")
    lead_time_hours: Mapped[int] = mapped_column(Integer)
    compensation_arrangement: Mapped[str] = mapped_column(Text, default="")
    compensation_eur: Mapped[float | None] = mapped_column(Float)
    compensation_unit: Mapped[str | None] = mapped_column(String(32))
    payer: Mapped[str] = mapped_column(String(255), default="")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    document_reference: Mapped[str] = mapped_column(String(255), default="")
    contact_mailbox: Mapped[str] = mapped_column(String(320), default="")
    contact_person: Mapped[str | None] = mapped_column(String(255))  # personal data
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AgreementScope(Base):
    """A (sub)category an agreement covers; subcategory None = the whole category."""

    __tablename__ = "agreement_scope"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str | None] = mapped_column(String(64))


class AgreementChange(Base):
    """One change to an agreement: who, when, what (old → new per field)."""

    __tablename__ = "agreement_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"), index=True)
    changed_by: Mapped[str] = mapped_column(String(320))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(16))  # aangemaakt | gewijzigd | geimporteerd
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)


class StoredPreset(Base):
    """A preset: a recurring crisis-team question (veelgestelde vraag), editable by a beheerder.

    The table keeps its first name, ``question_preset`` (renaming it needs a migration).

    ``scopes`` is a list of [category, subcategory or None]; ``powers`` a list
    of power names that must all be present. Presets are never deleted, only
    made inactive, so an empty table means: not yet seeded from the reference TOML.
    """

    __tablename__ = "question_preset"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    scopes: Mapped[list[list[str | None]]] = mapped_column(JSON, default=list)
    powers: Mapped[list[str]] = mapped_column(JSON, default=list)
    hours: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)  # closure measure codes


class StoredMeasure(Base):
    """One version of a closure measure (sluiting); the newest per code is the current one.

    Append-only (migration 0007): an edit adds a version, so every earlier wording,
    share and assumption stays. ``releases`` is a list of {category, subcategory or
    None, fraction}. An empty table means: not yet seeded from the reference TOML.
    """

    __tablename__ = "closure_measure_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    assumption: Mapped[str] = mapped_column(Text)
    releases: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    saved_by: Mapped[str] = mapped_column(String(320))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RoleGrant(Base):
    """A role granted to an e-mail address (for one region, or all); revoked, never deleted."""

    __tablename__ = "role_grant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(String(4))
    granted_by: Mapped[str] = mapped_column(String(320))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(320))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """One write: who, when, what, for which region and submission. Insert-only."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(String(4))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    submission_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


# ------------------------------------------------------------- bijstand (issue 14)
# Requests for assistance and what happens to them, as insert-only rows (migration 0008):
# the current state (offered, accepted, ingezet, teruggemeld, geannuleerd) is derived from
# the events in ``assistance.state``; nothing is ever updated or deleted.


class AssistanceRequest(Base):
    """A bijstandsverzoek: a crisis team asks for persons, with a reference number."""

    __tablename__ = "assistance_request"
    __table_args__ = (UniqueConstraint("year", "number", name="uq_assistance_request_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    region_code: Mapped[str] = mapped_column(String(4), index=True)  # the requesting region
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    scopes: Mapped[list[list[str | None]]] = mapped_column(JSON, default=list)
    powers: Mapped[list[str]] = mapped_column(JSON, default=list)
    persons_needed: Mapped[int] = mapped_column(Integer)
    hours: Mapped[int] = mapped_column(Integer)
    search_area: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(Date)
    duration_amount: Mapped[int] = mapped_column(Integer)
    duration_unit: Mapped[str] = mapped_column(String(8))
    end_date: Mapped[date] = mapped_column(Date)
    report_location: Mapped[str] = mapped_column(String(255))
    question: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AssistanceEvent(Base):
    """One step on a request: an offer, a decline, an acceptance, a return or a cancellation.

    ``offer_id`` points at the offer an acceptance accepts, or at the acceptance a return
    ends. Offers carry their agreement and its rate as they were when offered.
    """

    __tablename__ = "assistance_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("assistance_request.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_event.id"), index=True)
    region_code: Mapped[str] = mapped_column(String(4))
    organisation: Mapped[str | None] = mapped_column(String(255))
    organisation_id: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(64))
    subcategory: Mapped[str | None] = mapped_column(String(64))
    persons: Mapped[int] = mapped_column(Integer, default=0)
    agreement_id: Mapped[int | None] = mapped_column(Integer)
    compensation_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    compensation_unit: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
