"""O*NET "Technology Skills": one row per occupation and technology, grouped into skills.

The file names technologies the way vendors do ("Amazon Web Services AWS software",
"Microsoft Excel", "Oracle Java"); freelancers write "AWS", "Excel", "Java". Each technology
becomes one `ReferenceSkill` with a clean display name and the other spellings as aliases:

- a trailing " software" or " programming language" is dropped;
- a trailing acronym spelled by the preceding words becomes an alias
  ("Amazon Web Services AWS" → "Amazon Web Services" + "AWS");
- the name without its vendor becomes an alias ("Oracle Java" → "Java"), except a single
  generic word ("Microsoft Project" does not make "project" mean Microsoft Project);
- generic descriptors ("Web browser software", "Spreadsheet software", every commodity title
  repeated as an example) are marked generic: they may enrich a skill they resolve to
  ("Video editing software" → Video Editing) but never become skills themselves.

Categories come from the commodity title, mapped onto Gigwise's built-in categories.
"""

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

from . import ReferenceFileError, ReferenceSkill

ONET_TECHNOLOGY_FILE = "onet_technology_skills.tsv"
COLUMNS = ("O*NET-SOC Code", "Example", "Commodity Title", "Hot Technology", "In Demand")
_SOC_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")

# Commodity title → built-in category slug. Titles not listed leave the skill uncategorised.
_CATEGORY_TITLES: dict[str, tuple[str, ...]] = {
    "web-software-development": (
        "Action games", "Application server software", "Bridge software",
        "Compiler and decompiler software", "Development environment software",
        "Enterprise application integration software", "File versioning software",
        "Graphical user interface development software", "Internet browser software",
        "Object or component oriented development software", "Platform interconnectivity software",
        "Portal server software", "Program testing software", "Transaction server software",
        "Web page creation and editing software", "Web platform development software",
    ),
    "mobile-development": (
        "Mobile location based services software", "Mobile messaging service software",
        "Mobile operator specific application software",
    ),
    "ai-machine-learning": (
        "Expert system software", "Text to speech conversion software",
        "Voice recognition software", "Voice synthesizer and recognition software",
    ),
    "data-science-analytics": (
        "Access software", "Analytical or scientific software",
        "Business intelligence and data analysis software",
        "Categorization or classification software", "Charting software",
        "Data base management system software", "Data base reporting software",
        "Data base user interface and query software", "Data conversion software",
        "Data mining software", "Information retrieval or search software",
        "Metadata management software", "Object oriented data base management software",
        "Spreadsheet software",
    ),
    "cloud-devops": (
        "Administration software", "Backup or archival software",
        "Cloud-based data access and sharing software", "Cloud-based management software",
        "Clustering software", "Configuration management software", "Data compression software",
        "Device drivers or system software", "Enterprise system management software",
        "Filesystem software", "Graphics card driver software", "License management software",
        "Operating system software", "Printer driver software",
        "Software defined networking/ virtualization software", "Storage media loading software",
        "Storage networking software",
    ),
    "cybersecurity-networking": (
        "Authentication server software", "Cloud-based protection or security software",
        "Communications server software", "Gateway software",
        "Internet directory services software",
        "Internet protocol IP multimedia subsystem software", "LAN software",
        "Network connectivity terminal emulation software", "Network monitoring software",
        "Network operating system enhancement software", "Network operation system software",
        "Network security and virtual private network VPN equipment software",
        "Network security or virtual private network VPN management software",
        "Optical network management software", "Switch or router software",
        "Transaction security and virus protection software", "WAN switching software and firmware",
        "Wireless software",
    ),
    "design-creative": (
        "Computer imaging software", "Desktop publishing software",
        "Graphics or photo imaging software", "Label making software", "Pattern design software",
    ),
    "video-audio-animation": (
        "Music or sound editing software", "Video creation and editing software",
    ),
    "writing-editing": ("Spell checkers", "Word processing software"),
    "translation-languages": ("Dictionary software", "Foreign language software"),
    "marketing-sales": (
        "Customer relationship management CRM software", "Sales and marketing software",
    ),
    "finance-accounting": (
        "Accounting software", "Audit software", "Financial analysis software",
        "Risk management data and analysis software", "Tax preparation software",
        "Time accounting software",
    ),
    "admin-customer-support": (
        "Bar coding software", "Calendar and scheduling software", "Contact center software",
        "Desktop communications software", "Document management software",
        "Electronic mail software", "Fax software", "Helpdesk or call center software",
        "Instant messaging software", "Interactive voice response software", "Library software",
        "Mailing and shipping software", "Medical software", "Network conferencing software",
        "Office suite software", "Optical character reader OCR or scanning software",
        "Point of sale POS software", "Presentation software", "Video conferencing software",
    ),
    "engineering-architecture": (
        "Aviation ground support software",
        "Computer aided design CAD and computer aided manufacturing CAM system",
        "Computer aided design CAD software", "Computer aided manufacturing CAM software",
        "Facilities management software", "Flight control software",
        "Geographic information system",
        "Industrial control software", "Manufacturing execution system MES software",
        "Map creation software", "Route navigation software",
    ),
    "legal": ("Compliance software", "Legal management software"),
    "management-professional-skills": (
        "Computer based training software", "Content workflow software",
        "Enterprise resource planning ERP software", "Human resources software",
        "Inventory management software",
        "Materials requirements planning logistics and supply chain software",
        "Multi-media educational software", "Procedure management software",
        "Process mapping and design software", "Procurement software",
        "Project management software",
        "Requirements analysis and system architecture software",
    ),
}  # fmt: skip
COMMODITY_CATEGORY: dict[str, str] = {
    title: slug for slug, titles in _CATEGORY_TITLES.items() for title in titles
}

# Vendors whose name prefixes their products; longest first so "Amazon Web Services" wins
# over "Amazon".
VENDORS: tuple[str, ...] = tuple(
    sorted(
        (
            "ABB", "ADP", "Adobe", "Adobe Systems", "Amazon", "Amazon Web Services",
            "Amazon Web Services AWS", "Apache", "Apple", "Atlassian", "Autodesk", "Avid",
            "Bentley", "Blackbaud", "Cadence", "Cerner", "Cisco", "Cisco Systems", "Corel",
            "Dassault Systemes",
            "Dell", "EMC", "ESRI", "Epic Systems", "Experian", "GE", "Google", "HP",
            "Hewlett-Packard", "IBM", "Infor", "Intergraph", "Intuit", "Kronos", "LexisNexis",
            "MathWorks", "Maxon", "McAfee", "McKesson", "McNeel", "Mentor Graphics", "Microsoft",
            "National Instruments", "Oracle", "PTC", "Pixologic", "Qlik Tech", "Red Hat", "SAP",
            "Sage", "Salesforce", "SideFX", "Siemens", "StataCorp", "SunGard", "Symantec",
            "Synopsys", "TIBCO", "TechSmith", "Tenable", "Teradata", "The MathWorks",
            "Thomson Reuters", "Trimble", "VMware",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip

# Single words that mean something else on their own ("Microsoft Project" is not "project").
# Words the file itself writes in lower case count too (see `onet_technologies_read`).
GENERIC_WORDS = frozenset(
    {
        "access", "ads", "analytics", "apps", "assistant", "bookings", "books", "calendar",
        "camera", "chat", "classroom", "cloud", "connect", "contacts", "database", "defender",
        "designer", "docs", "drive", "dynamics", "edge", "exchange", "fitness", "forms",
        "groups", "health", "home", "keep", "keynote", "lens", "lists", "live", "mail", "maps",
        "meet", "messages", "money", "music", "news", "notes", "numbers", "office", "one",
        "pages", "paint", "pay", "photos", "planner", "play", "project", "publisher", "reader",
        "search", "server", "sheets", "sites", "slides", "store", "stream", "studio", "suite",
        "teams", "translate", "tv", "visual", "voice", "wallet", "watch", "whiteboard", "word",
        "works", "workspace",
    }
)  # fmt: skip
_MINOR = frozenset({"and", "or", "of", "for", "the", "with", "to", "in", "on"})
_COMPANY_WORDS = frozenset(
    {"Associates", "Corporation", "Group", "Inc", "Labs", "Software", "Solutions", "Systems",
     "Technologies", "Technology"}
)  # fmt: skip

_TRAILING_WORDS = re.compile(r"\s+(?:software|programming language)$")
_TRAILING_AFTER_ACRONYM = re.compile(r"\s+(?:systems?|software)$")
# "AWS", "EC2", "S3", "J2EE", "VBScript"; not "MySQL", "iOS", "EnterpriseOne".
_ACRONYM = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*(?:[A-Z][a-z]+)?")
# A kind of thing rather than a product: "Web browser", "Three-dimensional modeling".
_DESCRIPTOR_HEAD = re.compile(r"[A-Z0-9][a-z0-9]*(?:-[a-z0-9]+)*")
_LOWER_WORD = re.compile(r"[a-z][a-z\-]+")
# "Statistical", "Scheduling", "Animation": a kind of software, even when hot.
_ADJECTIVE_OR_ACTIVITY = re.compile(r"(?:al|ic|ing|ion|ics|ary)$")
_DESCRIPTOR_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class OnetName(NamedTuple):
    name: str
    aliases: tuple[str, ...]  # other spellings, also used to find the skill it may enrich
    weak_aliases: tuple[str, ...]  # acronyms: stored when free, never used to match
    descriptor: bool  # names a kind of software, not a product


def _capitals(token: str) -> list[str]:
    return [c.lower() for c in token if c.isupper()]


def _is_acronym_of(token: str, words: list[str]) -> bool:
    """Whether `token` abbreviates `words` ("AWS" for "Amazon Web Services"), one miss allowed."""
    if len(words) < 2 or not _ACRONYM.fullmatch(token):
        return False
    capitals = _capitals(token)
    if len(capitals) < 2 and not any(c.isdigit() for c in token):
        return False
    initials = [w[0].lower() for w in words if w]
    matched, position = 0, 0
    for letter in capitals:
        if letter in initials[position:]:
            position = initials.index(letter, position) + 1
            matched += 1
    return matched >= len(capitals) - (1 if len(capitals) >= 3 else 0)


def _is_descriptor(words: list[str]) -> bool:
    return bool(_DESCRIPTOR_HEAD.fullmatch(words[0])) and all(
        _DESCRIPTOR_WORD.fullmatch(w) for w in words[1:]
    )


def _vendor_split(name: str) -> str | None:
    """The product without its vendor ("Oracle Java" → "Java"), or None if there is no vendor."""
    if name in VENDORS:
        return None
    for vendor in VENDORS:
        if name.startswith(vendor + " "):
            return name[len(vendor) + 1 :]
    words = name.split()
    # "Unity Technologies Unity", "Guidance Software EnCase Enterprise".
    for position, word in enumerate(words[1:4], start=1):
        if word in _COMPANY_WORDS and position < len(words) - 1:
            return " ".join(words[position + 1 :])
    return None


def onet_name_split(example: str, *, generic_words: frozenset[str] = GENERIC_WORDS) -> OnetName:
    """A clean display name for an O*NET example, and the other spellings worth an alias."""
    original = example.strip()
    name = _TRAILING_WORDS.sub("", original) or original
    aliases = [original]
    weak: list[str] = []
    words = name.split()
    if len(words) > 2 and _is_acronym_of(words[-2], words[:-2]):
        # "Geographic information system GIS systems"
        name = _TRAILING_AFTER_ACRONYM.sub("", name)
        words = name.split()
    if len(words) >= 3 and _is_acronym_of(words[-1], words[:-1]):
        long_form, acronym = words[:-1], words[-1]
        content = [w for w in " ".join(long_form).replace("-", " ").split() if w not in _MINOR]
        aliases.append(name)
        if _is_descriptor(long_form) and len(_capitals(acronym)) == len(content) <= 4:
            # "Structured query language SQL": people say "SQL". Longer ones stay spelled out
            # ("Real estate application contract transmission REACT" is not React).
            aliases.append(" ".join(long_form))
            name = acronym
        else:
            weak.append(acronym)
            name = " ".join(long_form)
        descriptor = False
    elif len(words) == 1:
        # "Payroll software" is a kind of software, "Salesforce software" a product: the
        # caller decides with the hot/in-demand flags and the file's own vocabulary.
        descriptor = original != name and bool(_DESCRIPTOR_HEAD.fullmatch(name))
    else:
        descriptor = _is_descriptor(words)
    rest = _vendor_split(name)
    if rest and " " in rest:
        weak.append(rest)  # "Marketo Marketing Automation" is not Marketing Automation
    elif rest and rest.casefold() not in generic_words:
        aliases.append(rest)  # "Oracle Java" is Java
    keep = [a for a in dict.fromkeys(aliases) if a != name]
    return OnetName(
        name, tuple(keep), tuple(w for w in dict.fromkeys(weak) if w not in keep), descriptor
    )


def _rows(path: Path):
    """(line number, fields) for each data row, after checking the header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header_line = handle.readline().rstrip("\r\n")
        header = header_line.split("\t")
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ReferenceFileError(
                path=path, line=1, message=f"missing column(s): {', '.join(missing)}"
            )
        index = {c: header.index(c) for c in COLUMNS}
        for number, raw in enumerate(handle, start=2):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != len(header):
                raise ReferenceFileError(
                    path=path,
                    line=number,
                    message=f"expected {len(header)} tab-separated fields, found {len(fields)}",
                )
            yield number, {c: fields[i].strip() for c, i in index.items()}


def onet_technologies_read(*, path: Path) -> list[ReferenceSkill]:
    """The technologies in the O*NET file as skills, most used first (hot, in demand, most jobs)."""
    occupations: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    hot: set[str] = set()
    in_demand: set[str] = set()
    try:
        for number, row in _rows(path):
            example, soc = row["Example"], row["O*NET-SOC Code"]
            if not example:
                raise ReferenceFileError(path=path, line=number, message="empty Example")
            if not _SOC_CODE.match(soc):
                raise ReferenceFileError(
                    path=path, line=number, message=f"not an O*NET-SOC code: {soc!r}"
                )
            for column, flagged in (("Hot Technology", hot), ("In Demand", in_demand)):
                if row[column] not in ("Y", "N"):
                    raise ReferenceFileError(
                        path=path, line=number, message=f"{column} must be Y or N: {row[column]!r}"
                    )
                if row[column] == "Y":
                    flagged.add(example)
            occupations[example].add(soc)
            titles[example][row["Commodity Title"]] += 1
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(path=path, line=None, message=f"not UTF-8 text: {exc}") from exc

    all_titles = {t.casefold() for counter in titles.values() for t in counter}
    # Words the file itself writes in lower case are ordinary words, not product names.
    generic_words = GENERIC_WORDS | {w for title in all_titles for w in title.split()}
    generic_words |= {
        w for example in occupations for w in example.split()[1:] if _LOWER_WORD.fullmatch(w)
    }
    skills = []
    for example, socs in occupations.items():
        split = onet_name_split(example, generic_words=generic_words)
        is_hot, is_in_demand = example in hot, example in in_demand
        generic = example.casefold() in all_titles or (
            split.descriptor
            and not (
                len(split.name.split()) == 1
                and (is_hot or is_in_demand)
                and split.name.casefold() not in generic_words
                and not _ADJECTIVE_OR_ACTIVITY.search(split.name)
            )
        )
        # The most frequent commodity title; ties broken alphabetically, so it is stable.
        title = min(titles[example].items(), key=lambda item: (-item[1], item[0]))[0]
        skills.append(
            ReferenceSkill(
                name=split.name,
                aliases=split.aliases,
                weak_aliases=split.weak_aliases,
                category=COMMODITY_CATEGORY.get(title),
                external_id=example,
                description=title,
                is_hot=is_hot,
                is_in_demand=is_in_demand,
                occupations=frozenset(socs),
                generic=generic,
            )
        )
    skills.sort(key=lambda s: (not s.is_hot, not s.is_in_demand, -len(s.occupations), s.name))
    return skills


def onet_occupation_technologies(*, path: Path) -> dict[str, set[str]]:
    """The technologies each O*NET occupation names ({SOC code: {example, ...}}), as written.

    Skills named by the same occupations are related: related skills read these as baskets.
    """
    occupations: dict[str, set[str]] = defaultdict(set)
    try:
        for _, row in _rows(path):
            if row["Example"] and _SOC_CODE.match(row["O*NET-SOC Code"]):
                occupations[row["O*NET-SOC Code"]].add(row["Example"])
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(path=path, line=None, message=f"not UTF-8 text: {exc}") from exc
    return dict(occupations)
