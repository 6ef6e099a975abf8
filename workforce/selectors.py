"""Reads for the public workforce pages: occupations by sector, with aggregate figures."""

from dataclasses import dataclass, field

from booths.choices import Sector

from .models import Occupation

# Bootstrap icon of each sector on the workforce pages.
SECTOR_ICONS = {
    Sector.DOMESTIC_WORK: "house-heart",
    Sector.CAREGIVING: "person-hearts",
    Sector.HEALTHCARE: "heart-pulse",
    Sector.MANUFACTURING: "gear-wide-connected",
    Sector.CONSTRUCTION: "building",
    Sector.HOSPITALITY: "cup-hot",
    Sector.AGRICULTURE: "tree",
    Sector.FISHERIES: "water",
    Sector.OTHER: "briefcase",
}


@dataclass
class SectorSummary:
    code: str
    label: str
    icon: str
    occupations: list = field(default_factory=list)

    @property
    def in_training(self) -> int:
        return sum(f.in_training for o in self.occupations for f in o.current_figures)

    @property
    def certified(self) -> int:
        return sum(f.certified for o in self.occupations for f in o.current_figures)

    @property
    def countries(self) -> list:
        seen = {}
        for occupation in self.occupations:
            for country in occupation.destination_countries:
                seen.setdefault(country.code, country)
        return sorted(seen.values(), key=lambda country: str(country.name))


def sectors_with_occupations(sector: str | None = None) -> list[SectorSummary]:
    """Sectors (in the order of ``Sector``) that have published occupations, each with its
    occupations, their published programmes and their current figures: three queries."""
    occupations = Occupation.objects.for_public_page()
    if sector is not None:
        occupations = occupations.filter(sector=sector)
    by_sector: dict[str, SectorSummary] = {}
    for code, label in Sector.choices:
        by_sector[code] = SectorSummary(code=code, label=str(label), icon=SECTOR_ICONS[code])
    for occupation in occupations:
        by_sector[occupation.sector].occupations.append(occupation)
    return [summary for summary in by_sector.values() if summary.occupations]
