"""Settings from the environment (prefix ``CAPACITEIT_``) with embedded defaults."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    max_cellen: int = Field(
        default=1_500_000,
        description="Meeste cellen van A1 tot de laatste gevulde cel van een werkblad",
    )
    max_uitgepakt_mb: int = Field(
        default=100, description="Grootste omvang van een .xlsx na uitpakken, in MB"
    )
    groepen_rollen: dict[str, str] = Field(
        default_factory=dict,
        description="JSON: groep uit de inlogclaim naar rol, bijv. regio-invoerder:VR13",
    )
    verouderd_na_dagen: int = Field(
        default=180, description="Gegevens met een oudere peildatum gelden als verouderd"
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
