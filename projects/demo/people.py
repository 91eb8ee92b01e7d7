"""Where demo people live: countries with languages, time zones, rate levels and name pools."""

import random
import re
import unicodedata
from dataclasses import dataclass

from .names import NAMES


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    languages: tuple[str, ...]  # ISO 639-1, the first one native
    timezones: tuple[str, ...]
    rate_factor: float  # hourly rates against a US baseline
    currency: str  # one of accounts.models.CURRENCIES; USD where the local one is not listed
    weight: int  # roughly how many freelancers the country contributes
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]

    @property
    def in_text(self) -> str:
        """The name as it reads in a sentence: "based in the Philippines"."""
        the = self.name.startswith("United ") or self.name in {"Netherlands", "Philippines"}
        return f"the {self.name}" if the else self.name


# code | name | languages | time zones | rate factor | currency | weight
_COUNTRY_TABLE = """
US | United States | en es | America/New_York America/Chicago America/Los_Angeles | 1.00 | USD | 9
CA | Canada | en fr | America/Toronto America/Vancouver America/Halifax | 0.90 | CAD | 3
MX | Mexico | es en | America/Mexico_City America/Monterrey | 0.50 | USD | 3
BR | Brazil | pt en es | America/Sao_Paulo America/Manaus | 0.50 | BRL | 4
AR | Argentina | es en it | America/Argentina/Buenos_Aires | 0.45 | USD | 3
CO | Colombia | es en | America/Bogota | 0.45 | USD | 3
GB | United Kingdom | en | Europe/London | 0.95 | GBP | 4
IE | Ireland | en ga | Europe/Dublin | 0.90 | EUR | 2
DE | Germany | de en | Europe/Berlin | 0.90 | EUR | 3
FR | France | fr en | Europe/Paris | 0.85 | EUR | 3
ES | Spain | es ca en | Europe/Madrid | 0.70 | EUR | 3
IT | Italy | it en | Europe/Rome | 0.70 | EUR | 2
NL | Netherlands | nl en de | Europe/Amsterdam | 0.90 | EUR | 2
PL | Poland | pl en | Europe/Warsaw | 0.60 | USD | 3
UA | Ukraine | uk en ru | Europe/Kyiv | 0.50 | USD | 5
RO | Romania | ro en | Europe/Bucharest | 0.55 | USD | 2
PT | Portugal | pt en es | Europe/Lisbon | 0.65 | EUR | 2
SE | Sweden | sv en | Europe/Stockholm | 0.90 | USD | 1
TR | Türkiye | tr en | Europe/Istanbul | 0.45 | USD | 3
EG | Egypt | ar en | Africa/Cairo | 0.35 | USD | 3
NG | Nigeria | en ig | Africa/Lagos | 0.35 | NGN | 4
KE | Kenya | en sw | Africa/Nairobi | 0.40 | KES | 4
GH | Ghana | en | Africa/Accra | 0.35 | USD | 2
ZA | South Africa | en af | Africa/Johannesburg | 0.55 | USD | 2
IN | India | en hi | Asia/Kolkata | 0.40 | INR | 10
PK | Pakistan | ur en | Asia/Karachi | 0.35 | USD | 6
BD | Bangladesh | bn en | Asia/Dhaka | 0.30 | USD | 4
PH | Philippines | en | Asia/Manila | 0.35 | PHP | 7
VN | Vietnam | vi en | Asia/Ho_Chi_Minh | 0.35 | USD | 3
ID | Indonesia | id en | Asia/Jakarta Asia/Makassar | 0.35 | USD | 3
JP | Japan | ja en | Asia/Tokyo | 0.85 | USD | 1
KR | South Korea | ko en | Asia/Seoul | 0.80 | USD | 1
AU | Australia | en | Australia/Sydney Australia/Melbourne Australia/Perth | 0.95 | AUD | 2
NZ | New Zealand | en | Pacific/Auckland | 0.85 | USD | 1
"""


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.replace("_", " ") for name in text.split())


def _countries() -> tuple[Country, ...]:
    countries = []
    for row in _COUNTRY_TABLE.strip().splitlines():
        code, name, languages, zones, factor, currency, weight = (c.strip() for c in row.split("|"))
        first, last = NAMES[code]
        countries.append(
            Country(
                code=code,
                name=name,
                languages=tuple(languages.split()),
                timezones=tuple(zones.split()),
                rate_factor=float(factor),
                currency=currency,
                weight=int(weight),
                first_names=_names(first),
                last_names=_names(last),
            )
        )
    return tuple(countries)


COUNTRIES = _countries()
COUNTRY_BY_CODE = {c.code: c for c in COUNTRIES}
_WEIGHTS = [c.weight for c in COUNTRIES]
# Languages people add beyond those of their country, roughly by how often.
_EXTRA_LANGUAGES = ("en", "es", "fr", "de", "pt", "ar", "ru", "it", "ja", "hi")

_ASCII_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "ı": "i", "đ": "d"}  # noqa: RUF001
)
_NOT_EMAIL = re.compile(r"[^a-z0-9]+")


def email_slug(text: str) -> str:
    """An ASCII, lower-case form of a name for an e-mail local part ("Łukasz" → "lukasz")."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return _NOT_EMAIL.sub("-", ascii_text).strip("-")


def pick_country(rng: random.Random) -> Country:
    return rng.choices(COUNTRIES, weights=_WEIGHTS)[0]


def pick_name(rng: random.Random, country: Country) -> tuple[str, str]:
    return rng.choice(country.first_names), rng.choice(country.last_names)


def pick_languages(rng: random.Random, country: Country) -> list[str]:
    """The native language, usually English for work, sometimes one more."""
    languages = [country.languages[0]]
    for code in country.languages[1:]:
        if code == "en" or rng.random() < 0.35:
            languages.append(code)
    if "en" not in languages and rng.random() < 0.85:
        languages.append("en")
    if rng.random() < 0.15:
        extra = rng.choice(_EXTRA_LANGUAGES)
        if extra not in languages:
            languages.append(extra)
    return languages
