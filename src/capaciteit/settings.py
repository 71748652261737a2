"""Settings from the environment with embedded defaults.

Field names are English; the environment variables keep their documented Dutch
names (``CAPACITEIT_GEBIEDEN_BRON`` …), which deployments depend on. Each field
names its variable(s) as a validation alias; :func:`environment_names` lists them.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

INT32_MAX = 2_147_483_647  # the largest value of an Integer column on PostgreSQL

PDOK_WFS_URL = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/{jaar}/wfs/v1_0"
)


CBS_ODATA_URL = "https://opendata.cbs.nl/ODataApi/odata/03759ned"


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Everything the application can be told from outside; every field has a default."""

    model_config = SettingsConfigDict(env_prefix="CAPACITEIT_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), validation_alias=_env("CAPACITEIT_DATA_DIR"),
                           description="Folder of the database file and the boundary cache")
    database_url: str | None = Field(
        default=None, validation_alias=_env("DATABASE_URL", "CAPACITEIT_DATABASE_URL"),
        description="SQLAlchemy URL; empty: SQLite in data_dir/capaciteit.db",
    )
    boundaries_source: str | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_GEBIEDEN_BRON"),
        description="Folder or URL with the boundary files, instead of PDOK",
    )
    boundaries_year: int = Field(default=2025, validation_alias=_env("CAPACITEIT_GEBIEDEN_JAAR"),
                                 description="Year of the CBS gebiedsindeling")
    pdok_wfs_url: str = Field(default=PDOK_WFS_URL,
                              validation_alias=_env("CAPACITEIT_PDOK_WFS_URL"),
                              description="PDOK's WFS address, {jaar} in the path")
    population_source: str | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_BEVOLKING_BRON"),
        description="Folder, file or URL with bevolking_gemeenten_<jaar>.csv, instead of CBS",
    )
    cbs_odata_url: str = Field(default=CBS_ODATA_URL,
                               validation_alias=_env("CAPACITEIT_CBS_ODATA_URL"),
                               description="CBS OData address of table 03759ned")
    categories_file: Path | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_CATEGORIEEN_BESTAND"),
        description="Own TOML file of categories instead of the built-in one",
    )
    basemap: bool = Field(
        default=False, validation_alias=_env("CAPACITEIT_ACHTERGRONDKAART"),
        description="Show PDOK's BRT background map (the browser fetches tiles from PDOK)",
    )
    download_timeout_s: float = Field(default=60.0,
                                      validation_alias=_env("CAPACITEIT_DOWNLOAD_TIMEOUT_S"),
                                      description="Seconds to wait for each download")
    max_upload_mb: int = Field(default=10, validation_alias=_env("CAPACITEIT_MAX_UPLOAD_MB"),
                               description="Largest upload accepted, in MB")
    max_rows: int = Field(default=100_000, validation_alias=_env("CAPACITEIT_MAX_REGELS"),
                          description="Most data rows in one upload")
    group_roles: dict[str, str] = Field(
        default_factory=dict, validation_alias=_env("CAPACITEIT_GROEPEN_ROLLEN"),
        description="JSON: a login groups claim to a role, e.g. regio-invoerder:VR13",
    )
    max_cells: int = Field(
        default=1_500_000, validation_alias=_env("CAPACITEIT_MAX_CELLEN"),
        description="Most cells from A1 to the last filled cell of a worksheet",
    )
    max_inflated_mb: int = Field(
        default=100, validation_alias=_env("CAPACITEIT_MAX_UITGEPAKT_MB"),
        description="Largest size of an .xlsx after unpacking, in MB",
    )
    stale_after_days: int = Field(
        default=180, validation_alias=_env("CAPACITEIT_VEROUDERD_NA_DAGEN"),
        description="Figures with an older peildatum are flagged as stale",
    )
    login_claim: str = Field(
        default="email", min_length=1, validation_alias=_env("CAPACITEIT_INLOG_CLAIM"),
        description="The login claim that identifies the user (the key of the role table)",
    )
    login_provider_verifies: bool = Field(
        default=False, validation_alias=_env("CAPACITEIT_INLOG_PROVIDER_VERIFIEERT"),
        description="Trust the identity provider also without an email_verified claim",
    )
    # Domain bounds (capaciteit.bounds): a value beyond them is refused before it is stored.
    max_persons: int = Field(
        default=100_000, ge=1, le=INT32_MAX, validation_alias=_env("CAPACITEIT_MAX_PERSONEN"),
        description="Most persons in one capacity row, and committed in one agreement",
    )
    max_fte_per_person: float = Field(
        default=1.5, gt=0, le=100, allow_inf_nan=False,
        validation_alias=_env("CAPACITEIT_MAX_FTE_PER_PERSOON"),
        description="fte is at most this factor times aantal_personen",
    )
    max_lead_time_hours: int = Field(
        default=720, ge=1, le=INT32_MAX, validation_alias=_env("CAPACITEIT_MAX_AANLOOPTIJD_UUR"),
        description="Longest lead time of an agreement (hours)",
    )
    max_compensation_euro: float = Field(
        default=10_000_000.0, gt=0, allow_inf_nan=False,
        validation_alias=_env("CAPACITEIT_MAX_VERGOEDING_EURO"),
        description="Highest compensation in one agreement (euro)",
    )
    accessibility_contact: str | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_TOEGANKELIJKHEID_CONTACT"),
        description="Where to report an accessibility problem (e-mail address or web address)",
    )

    # Bijstand (issue 14): e-mail notifications; without a host, notifications stay in the app.
    smtp_host: str | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_SMTP_HOST"),
        description="SMTP server for bijstand notifications; empty: mail is off",
    )
    smtp_port: int = Field(default=25, ge=1, le=65535,
                           validation_alias=_env("CAPACITEIT_SMTP_PORT"),
                           description="Port of the SMTP server")
    smtp_sender: str = Field(default="bijstand@localhost",
                             validation_alias=_env("CAPACITEIT_SMTP_AFZENDER"),
                             description="From address of bijstand notifications")
    smtp_user: str | None = Field(default=None, validation_alias=_env("CAPACITEIT_SMTP_GEBRUIKER"),
                                  description="User name for SMTP login (optional)")
    smtp_password: str | None = Field(
        default=None, validation_alias=_env("CAPACITEIT_SMTP_WACHTWOORD"),
        description="Password for SMTP login (optional; keep it in a secret store)")
    smtp_starttls: bool = Field(default=False, validation_alias=_env("CAPACITEIT_SMTP_STARTTLS"),
                                description="Use STARTTLS before logging in")

    @cached_property
    def regions_dir(self) -> Path:
        """Folder of the boundary cache."""
        return self.data_dir / "regions"

    @property
    def effective_database_url(self) -> str:
        """The database URL in force: DATABASE_URL or the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'capaciteit.db').as_posix()}"


def environment_names(field: str) -> tuple[str, ...]:
    """The environment variable(s) that set ``field``, first the documented one."""
    alias = Settings.model_fields[field].validation_alias
    assert isinstance(alias, AliasChoices)
    return tuple(str(choice) for choice in alias.choices)


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
