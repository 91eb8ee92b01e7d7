"""Invented companies for demo employers: names, sizes, industries and websites.

Websites use the reserved example domains (RFC 2606), so no demo link points at a real site.
"""

import random

from .people import Country, email_slug


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NAME_FIRST = _words(
    "Northwind Bluefin Kestrel Lumen Harbor Juniper Copperleaf Tidewater Brightpath Ironbark "
    "Silverline Meadowlark Granite Riverbend Sunpeak Foxglove Clearwater Redwood Amberfield "
    "Blackthorn Evergreen Highgate Lakeshore Moonstone Oakridge Pinecrest Quartz Saltmarsh "
    "Stonebridge Windmill Cobalt Marigold Orchard Falcon Beacon Cedar Harvest Summit Coral Atlas"
)
_NAME_SECOND = _words(
    "Analytics Labs Studio Logistics Health Foods Travel Media Systems Works Partners Digital "
    "Commerce Learning Energy Robotics Finance Goods Collective Software Ventures Retail Homes "
    "Outdoors Mobility Insights Design"
)
_LEGAL_SUFFIX = {
    "US": ("Inc.", "LLC", ""),
    "CA": ("Inc.", "Ltd.", ""),
    "GB": ("Ltd", ""),
    "IE": ("Ltd", ""),
    "AU": ("Pty Ltd", ""),
    "NZ": ("Ltd", ""),
    "DE": ("GmbH", ""),
    "NL": ("B.V.", ""),
    "FR": ("SAS", ""),
    "ES": ("S.L.", ""),
    "IT": ("S.r.l.", ""),
    "PT": ("Lda.", ""),
    "BR": ("Ltda.", ""),
    "MX": ("S.A. de C.V.", ""),
    "SE": ("AB", ""),
    "PL": ("sp. z o.o.", ""),
    "IN": ("Pvt Ltd", ""),
    "KE": ("Ltd", ""),
    "NG": ("Ltd", ""),
    "ZA": ("(Pty) Ltd", ""),
}
# Where employers come from: weighted towards the countries that post most freelance work.
EMPLOYER_COUNTRY_WEIGHTS = {
    "US": 30,
    "GB": 10,
    "CA": 6,
    "AU": 6,
    "DE": 6,
    "NL": 4,
    "FR": 3,
    "IE": 3,
    "SE": 2,
    "ES": 2,
    "IT": 2,
    "IN": 4,
    "KE": 2,
    "NG": 2,
    "ZA": 2,
    "BR": 2,
    "MX": 2,
    "PL": 2,
    "NZ": 1,
    "PT": 1,
    "JP": 1,
    "PH": 1,
}
INDUSTRIES = (
    "e-commerce",
    "software",
    "healthcare",
    "education",
    "logistics",
    "media and publishing",
    "travel and hospitality",
    "financial services",
    "real estate",
    "non-profit",
    "manufacturing",
    "food and beverage",
    "marketing agency",
    "consulting",
    "gaming",
    "renewable energy",
)
# (size value, weight, how the company describes itself)
SIZES = (
    ("1", 15, "a one-person business"),
    ("2-10", 35, "a small team"),
    ("11-50", 28, "a growing company"),
    ("51-250", 15, "an established company"),
    ("250+", 7, "a large organisation"),
)
_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")


def company_name(rng: random.Random, country: Country) -> str:
    base = f"{rng.choice(_NAME_FIRST)} {rng.choice(_NAME_SECOND)}"
    suffix = rng.choice(_LEGAL_SUFFIX.get(country.code, ("",)))
    return f"{base} {suffix}".strip()


def company_website(name: str, index: int) -> str:
    """A site on a reserved example domain; the index keeps two companies' sites apart."""
    domain = _EXAMPLE_DOMAINS[index % len(_EXAMPLE_DOMAINS)]
    return f"https://{email_slug(name)}-{index}.{domain}/"


def company_size(rng: random.Random) -> tuple[str, str]:
    size = rng.choices(SIZES, weights=[s[1] for s in SIZES])[0]
    return size[0], size[2]
