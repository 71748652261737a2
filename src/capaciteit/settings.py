"""Settings from the environment (prefix ``CAPACITEIT_``) with embedded defaults."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

INT32_MAX = 2_147_483_647  # the largest value of an Integer column on PostgreSQL

PDOK_WFS_URL = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/{jaar}/wfs/v1_0"
)


class Settings(BaseSettings):
    """Everything the application can be told from outside; every field has a default."""

    model_config = SettingsConfigDict(env_prefix="CAPACITEIT_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Map voor database en gebiedscache")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "CAPACITEIT_DATABASE_URL"),
        description="SQLAlchemy-URL; leeg = SQLite in data_dir/capaciteit.db",
    )
    gebieden_bron: str | None = Field(
        default=None, description="Map of URL met de gebiedsindeling in plaats van PDOK"
    )
    gebieden_jaar: int = Field(default=2025, description="Jaar van de CBS-gebiedsindeling")
    pdok_wfs_url: str = Field(default=PDOK_WFS_URL, description="WFS-adres van PDOK, {jaar}")
    categorieen_bestand: Path | None = Field(
        default=None, description="Eigen TOML met categorieën in plaats van de ingebouwde"
    )
    achtergrondkaart: bool = Field(
        default=False, description="PDOK BRT-achtergrondkaart tonen (vraagt tegels van internet)"
    )
    download_timeout_s: float = Field(default=60.0, description="Time-out voor downloads")
    max_upload_mb: int = Field(default=10, description="Grootste toegestane upload in MB")
    max_regels: int = Field(default=100_000, description="Meeste regels in één upload")
    groepen_rollen: dict[str, str] = Field(
        default_factory=dict,
        description="JSON: groep uit de inlogclaim naar rol, bijv. regio-invoerder:VR13",
    )
    inlog_claim: str = Field(
        default="email", min_length=1,
        description="De claim van de inlog die de gebruiker aanwijst (sleutel van de rollen)",
    )
    inlog_provider_verifieert: bool = Field(
        default=False,
        description="Vertrouw de identiteitsprovider ook zonder claim email_verified",
    )
    verouderd_na_dagen: int = Field(
        default=180, description="Gegevens met een oudere peildatum gelden als verouderd"
    )
    # Domain bounds (capaciteit.bounds): a value beyond them is refused before it is stored.
    max_personen: int = Field(
        default=100_000, ge=1, le=INT32_MAX,
        description="Meeste personen in één capaciteitsregel en toegezegd in één afspraak",
    )
    max_fte_per_persoon: float = Field(
        default=1.5, gt=0, le=100, allow_inf_nan=False,
        description="fte is hooguit deze factor × aantal_personen",
    )
    max_aanlooptijd_uur: int = Field(
        default=720, ge=1, le=INT32_MAX, description="Langste aanlooptijd van een afspraak (uur)"
    )
    max_vergoeding_euro: float = Field(
        default=10_000_000.0, gt=0, allow_inf_nan=False,
        description="Hoogste vergoeding in één afspraak (euro)",
    )

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


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
