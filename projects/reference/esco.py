"""ESCO skills (English): the freelance-relevant competences, with their synonyms as aliases.

ESCO describes thousands of occupational competences; most are not bought from freelancers
("perform toxicological studies"), and this subset files some trades as transversal ("mix
concrete"). The filter, applied to the preferred label, in order:

1. a language skill ("Japanese", "understand written Tamil", "write Korean") is kept, under
   Translation & Languages;
2. a label naming a trade, science, care or equipment topic (`_NOT_FREELANCE`) is dropped;
3. a label matching one of the topics the marketplace sells (`TOPICS`: translation, design,
   video and audio, writing, marketing, accounting and finance, legal, admin, management) is
   kept under that topic's category, the first match deciding;
4. any other *transversal* skill ("show initiative", "manage time") is kept under
   Management & Professional Skills; any other *cross-sector* skill is dropped.

In this copy of the file the `altLabels` column is out of step with the rows for most
records ("Romanian" carries the synonyms of "operate telehandler"). ESCO's synonym lists
usually repeat their own concept's preferred label, so each list is given to the concept
whose preferred label it contains; a record keeps its own list only when that list names no
other concept and shares a word with its label. Everything else gets no aliases.
"""

import csv
import re
from pathlib import Path

from . import ReferenceFileError, ReferenceSkill

ESCO_SKILLS_FILE = "esco_skills_en.csv"
COLUMNS = ("conceptUri", "reuseLevel", "preferredLabel", "altLabels")
REUSE_LEVELS = frozenset({"transversal", "cross-sector", "sector-specific", "occupation-specific"})

# "understand written Tamil", "interact verbally in Welsh", "write Korean", "Latvian".
_LANGUAGE = re.compile(
    r"^(?:(?:understand (?:spoken|written)|write|speak|read|interact verbally in) )?"
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?$"
)


def _topic(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "translation-languages",
        _topic(
            r"\btranslat|\binterpret(?:ing|ation|er)s?\b|\bsubtitl|\blocali[sz]|\blinguist"
            r"|\bforeign languages?\b|\bsign language\b|\blanguage (?:rules|concepts)"
        ),
    ),
    (
        "design-creative",
        _topic(
            r"\bgraphic|\bvisual (?:design|communication|presentation)|\billustrat|\btypograph"
            r"|\blayout|\blogo|\buser (?:interface|experience)|\busability|\bphotograph(?:y|s|er)\b"
            r"|\bimage editing|\bdigital images?\b|\bmultimedia|\bdesign principles"
            r"|\bcolou?r theory|\bstoryboard|\bweb design|\bprototyp|\b3D (?:images|model)"
            r"|\bdraw sketches|\btrends in design"
        ),
    ),
    (
        "video-audio-animation",
        _topic(
            r"\banimation|\bmotion graphics|\baudio|\bvideo|\bfilm editing|\bfootage"
            r"|\bsound (?:editing|recording|design|production)|\bpodcast|\bvoice-over|\bdubbing"
        ),
    ),
    (
        "writing-editing",
        _topic(
            r"\bwrit(?:e|ing|ten)\b|\bcopy ?writ|\bproofread|\bedit (?:texts?|manuscripts?|content)"
            r"|\beditorial|\bjournalis|\bblog|\barticles?\b|\bmanuscripts?|\bstorytelling|\bscripts?\b"
            r"|\bcontent\b|\btexts?\b|\bgrammar|\bspelling|\bpublication|\bpublishing"
        ),
    ),
    (
        "marketing-sales",
        _topic(
            r"\bmarketing|\badvertis|\bbrand|\bsocial media|\bcampaigns?\b|\bmarket research"
            r"|\bpublic relations|\bpromotion(?:al)?\b|\bsales\b|\bsell\b|\bsearch engine"
            r"|\bcustomer (?:relationship|segmentation|insight|needs|behaviour)|\be-?commerce"
            r"|\bonline (?:marketing|sales)|\bmarket (?:analysis|trends|positioning)"
        ),
    ),
    (
        "finance-accounting",
        _topic(
            r"\baccount(?:ing|s|ancy|ant)\b|\bbookkeep|\bfinancial|\bfinance|\bbudgets?\b|\btax"
            r"|\binvoic|\bpayroll|\baudit|\bfiscal|\bcost (?:analysis|benefit|control|estimat)"
            r"|\bpricing\b|\bcredit|\bloans?\b|\binvestment|\bbanking|\bfunding|\bgrants?\b"
        ),
    ),
    (
        "legal",
        _topic(
            r"\blegal (?:research|documents?|advice|decisions|drafting|terminology|requirements)"
            r"|\bcontract law|\bdraft (?:contracts|legal)|\bintellectual property|\bcopyright"
            r"|\bpatent|\bcontracts?\b|\bcompliance\b|\bdata protection|\bprivacy"
        ),
    ),
    (
        "admin-customer-support",
        _topic(
            r"\bclerical|\badministration\b|\boffice (?:software|systems|administration)"
            r"|\bspreadsheets?\b|\bdata entry|\bdigital literacy|\bcomputer literacy"
            r"|\bcorporate emails|\bcustomer (?:service|complaints|enquiries|requests)"
            r"|\bcommunicate with customers|\bcorrespondence|\bappointments|\bfiling\b"
            r"|\btelephone|\bonline tools"
        ),
    ),
    (
        "management-professional-skills",
        _topic(
            r"\bproject management|\bmanage (?:a )?(?:projects?|teams?|staff|time|risks?"
            r"|stakeholders?|personnel|employees|meetings|schedules?|resources)\b"
            r"|\bbusiness (?:plans?|strateg|analysis|processes|objectives|acumen|relationships)"
            r"|\bstrategic (?:planning|management|research|thinking)|\bstakeholder|\bnegotiat"
            r"|\blead (?:a )?teams?|\bleadership|\bdelegat|\bhuman resources?|\brecruit"
            r"|\bplan (?:work|resources?|activities|meetings|events?)\b|\bresource (?:planning"
            r"|allocation)|\bevent (?:planning|management)|\bquality (?:management|assurance)"
            r"|\bchange management|\bcommunicat|\bteamwork|\bwork in (?:a )?team"
            r"|\btime management|\bproblem|\bcritical|\bdecision|\bcreativ|\bdeadlines"
            r"|\bprioriti|\bwork independently|\bentrepreneur|\bconsult|\bcoach|\bmentor"
            r"|\bpresent (?:reports|arguments|information)|\bpublic speaking|\bchair a meeting"
            r"|\bperform data analysis|\bdigital competence|\bbusiness acumen|\bmarket niches"
        ),
    ),
)

# Trades, sciences and care work: a topic word in these labels does not make a freelance skill.
_NOT_FREELANCE = _topic(
    r"\b(?:animals?|livestock|fish(?:ing|ery)?|crops?|farm|patients?|nurs(?:e|ing)|medical"
    r"|clinical|health ?care|healthy|vehicles?|aircraft|aviation|air force|railway|tramway|trains"
    r"|mining|mines?|food|wood|timber|engines?|vessels?|ships?|textiles?|fabric|chemicals?"
    r"|chemical|drilling|drill|wells|pipelines?|welding|weapons|military|police|prisons?"
    r"|offenders|witness|criminal|funeral|hospital|dental|pharmac\w*|laborator\w*|machinery"
    r"|machines?|forestry|hunting|gas|oil|electricity|power plants?|nuclear|radiation"
    r"|radiology|toxicolog\w*|surgical|therap\w*|child(?:ren)?|youth|young people|elderly"
    r"|tobacco|wine|beverages?|casino|gambling|religious|veterinary|hair|cosmetics?|jewel\w*"
    r"|furniture|photographic film|photographic lenses|traffic|flight|radar|telescope"
    r"|rehabilitation|mortuary|cargo|freight|warehouse|dangerous goods|construction|building"
    r"|buildings|crane|excavat\w*|tyres?|leather|footwear|garments?|insurance claims"
    r"|real estate|property|auction|sports?|athletes?|games? of chance|lottery|turbines?"
    r"|electroplating|metal\w*|concrete|plaster\w*|wiring|wire|scaffolding|ventilation"
    r"|air conditioning|heating|furnace|generators?|ecology|biodiversity|geolog\w*|geodesy"
    r"|herbicides|combustion|candles|rubber|optical|optomechanical|electronics?|electrical"
    r"|electromagnetic|circuits?|firmware|microscope|ingredients|flavours|diets|catering"
    r"|blood|infections?|infection|orthop(?:a)?edic|reproductive|psycholog\w*|massage"
    r"|aquaculture|pollution|waste|recycling|water|utility|paint(?:ing)?|damascening"
    r"|microassembly|sawing|cutting|workpiece|straightening|laser|moulding|containers"
    r"|emergency|navigation|glass|rooms|theft|test drives|sterilisation|medicines|devices"
    r"|solar|wind|scientific|inspect\w*|inspections|zoning|urban planning|social security"
    r"|humanitarian|students|pupils|lesson|teach\w*|shifts|physical|flame|spraying|asbestos"
    r"|weather|energy|environmental|aquatic|forest|taxis|dispatch|guests|seating|singing"
    r"|music|tourism|hospitality|travel|lenses|safety|hazard\w*|spare parts|tools|equipment"
    r"|calibration|calibrate|samples?|chemistry|biology|physics|agricultur\w*|horticultur\w*"
    r"|health|wall|screw|working platform|routes|damaged|aerospace|engineering designs|geometric"
    r"|marine|diagnostic|counselling|social service|service users|composite|excess material)\b"
)


def esco_category(*, label: str, reuse_level: str) -> str | None:
    """The built-in category an ESCO skill is filed under, or None when it is not freelance work."""
    if _LANGUAGE.fullmatch(label):
        return "translation-languages"
    if _NOT_FREELANCE.search(label):
        return None
    for slug, pattern in TOPICS:
        if pattern.search(label):
            return slug
    return "management-professional-skills" if reuse_level == "transversal" else None


def _alt_labels(field: str, preferred: str) -> tuple[str, ...]:
    """The newline-separated synonyms, stripped and deduplicated case-insensitively."""
    seen = {preferred.casefold()}
    labels = []
    for raw in field.split("\n"):
        label = " ".join(raw.split())
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
    return tuple(labels)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z0-9]{3,}", text.casefold())}


def _synonym_owners(records: list[tuple[str, str, str, str]]) -> dict[int, list[str]]:
    """Record index → the synonym lists that belong to it (see the module docstring)."""
    by_label = {label.casefold(): i for i, (_uri, _level, label, _alts) in enumerate(records)}
    owners: dict[int, list[str]] = {}
    unclaimed: list[int] = []
    for i, (_uri, _level, _label, alts) in enumerate(records):
        lines = {" ".join(line.split()).casefold() for line in alts.split("\n")}
        named = {by_label[line] for line in lines if line in by_label}
        if len(named) == 1:
            owners.setdefault(named.pop(), []).append(alts)
        elif not named:
            unclaimed.append(i)
    for i in unclaimed:
        _uri, _level, label, alts = records[i]
        if i not in owners and _stems(alts) & _stems(label):
            owners[i] = [alts]
    return owners


def _records(path: Path) -> list[tuple[str, str, str, str]]:
    """(conceptUri, reuseLevel, preferredLabel, altLabels) for each record, checked."""
    records = []
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None) or []
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise ReferenceFileError(
                    path=path, line=1, message=f"missing column(s): {', '.join(missing)}"
                )
            index = {c: header.index(c) for c in COLUMNS}
            line = reader.line_num + 1  # where the next record starts (records span lines)
            for record in reader:
                if record and len(record) != len(header):
                    raise ReferenceFileError(
                        path=path,
                        line=line,
                        message=f"expected {len(header)} fields, found {len(record)}",
                    )
                if record:
                    uri, level, label, alts = (record[index[c]] for c in COLUMNS)
                    uri, level, label = uri.strip(), level.strip(), " ".join(label.split())
                    if not uri or not label:
                        raise ReferenceFileError(
                            path=path,
                            line=line,
                            message="conceptUri and preferredLabel are required",
                        )
                    if level and level not in REUSE_LEVELS:
                        raise ReferenceFileError(
                            path=path, line=line, message=f"unknown reuseLevel {level!r}"
                        )
                    records.append((uri, level, label, alts))
                line = reader.line_num + 1
    except csv.Error as exc:
        raise ReferenceFileError(path=path, line=line, message=f"not valid CSV: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(path=path, line=None, message=f"not UTF-8 text: {exc}") from exc
    return records


def esco_skills_read(*, path: Path) -> list[ReferenceSkill]:
    """The freelance-relevant ESCO skills in the file (see the module docstring), in label order."""
    records = _records(path)
    synonyms = _synonym_owners(records)
    skills = []
    for i, (uri, level, label, _alts) in enumerate(records):
        category = esco_category(label=label, reuse_level=level)
        if category:
            aliases = _alt_labels("\n".join(synonyms.get(i, [])), label)
            skills.append(
                ReferenceSkill(name=label, aliases=aliases, category=category, external_id=uri)
            )
    skills.sort(key=lambda s: (s.name.casefold(), s.external_id))
    return skills
