"""Working-day overlap between a freelancer's time zone and the region a project works in.

A project may ask for people working in the hours of the Americas, of Europe and Africa, or of
Asia and the Pacific. Each region spans a band of UTC offsets; a freelancer inside the band
shares the whole working day, and each hour outside it costs an hour of the eight.
"""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from projects.models import Project

WORKING_DAY = 8.0
# The UTC offsets (in hours, standard time) each region's working day is spent in.
REGION_OFFSETS = {
    Project.Region.AMERICAS: (-8.0, -3.0),
    Project.Region.EUROPE_AFRICA: (-1.0, 3.0),
    Project.Region.ASIA_PACIFIC: (5.0, 12.0),
}
REGION_NAMES = {value: str(label) for value, label in Project.Region.choices}


def utc_offset(zone, at: datetime | None = None) -> float | None:
    """Hours ahead of UTC of a time zone (a name or a ZoneInfo) now, or None if unknown."""
    try:
        info = zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    offset = (at or datetime.now(info)).astimezone(info).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def _hours_outside(offset: float, region: str) -> float:
    """How many hours an offset lies outside the band of a region's working day."""
    low, high = REGION_OFFSETS[region]
    return 0.0 if low <= offset <= high else min(abs(offset - low), abs(offset - high))


def overlap_hours(offset: float | None, region: str) -> float | None:
    """Hours of a working day shared with the region (None when the project has no region)."""
    if region not in REGION_OFFSETS or offset is None:
        return None
    return max(0.0, WORKING_DAY - _hours_outside(offset, region))


def format_offset(offset: float) -> str:
    hours, minutes = divmod(round(abs(offset) * 60), 60)
    sign = "+" if offset >= 0 else "\u2212"
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def shares_working_hours(gig, talent) -> bool:
    """False only when the project names a region and the freelancer shares none of its day:
    the one hard filter of time, applied before ranking in both directions."""
    hours = overlap_hours(talent.utc_offset, gig.region)
    return hours is None or hours > 0


def region_of(offset: float | None) -> str:
    """The region whose working day is nearest a UTC offset ("any" when the offset is unknown)."""
    if offset is None:
        return Project.Region.ANY
    return min(REGION_OFFSETS, key=lambda region: _hours_outside(offset, region))
