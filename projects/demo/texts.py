"""How demo people describe themselves and their companies: roles, bios, descriptions."""

from django.conf import global_settings

from . import companies
from .archetypes import NEWCOMER_EXPERIENCED, NEWCOMER_JUNIOR, WORK_STYLE

_LANGUAGE_NAMES = dict(global_settings.LANGUAGES)
_PROPER_NOUNS = {"Android", "Django", "Python", "Shopify", "WordPress"}


def role_phrases(role: str, years: int, *, common: bool) -> tuple[str, str]:
    """The role for a headline and as written mid-sentence, with seniority when it shows.

    A role is lowered mid-sentence ("a data analyst"), but not when it starts with an acronym
    or a name ("UX/UI designer", "Android developer"); a role taken from a posting keeps its
    case unless it is plain sentence case ("Data Analyst" stays, "Report writer" is lowered).
    """
    first = role.split()[0]
    sentence_case = role[1:] == role[1:].lower()
    lower = first[1:].islower() and first not in _PROPER_NOUNS and (common or sentence_case)
    in_text = role[0].lower() + role[1:] if lower else role
    if years < 2:
        return f"Junior {in_text}", f"junior {in_text}"
    if years >= 10:
        return f"Senior {in_text}", f"senior {in_text}"
    return role, in_text


def article(phrase: str) -> str:
    word = phrase.split()[0]
    if word.isupper():  # an acronym is read letter by letter: "an SEO", "a UX"
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[0].lower() in "aeio" else "a"


def quoted(title: str) -> str:
    """A title in quotes, ending a sentence (without doubling its own full stop)."""
    title = title.strip()
    return f"“{title}”" if title.endswith((".", "!", "?")) else f"“{title}”."


def bio_compose(
    rng, archetype, role, years, country_name, words, top, languages, is_new, shape
) -> str:
    intro = f"I am {article(role)} {role} based in {country_name}"
    if years:
        intro += f" with {years} year{'s' if years > 1 else ''} of experience."
    else:
        intro += ", starting out."
    pitch = rng.choice(archetype.pitches).format(skills=", ".join(dict.fromkeys(top)), **words)
    sentences = [intro, pitch]
    if is_new:
        newcomer = NEWCOMER_JUNIOR if years <= 2 else NEWCOMER_EXPERIENCED
        sentences.append(rng.choice(newcomer).format(years=years))
    if shape:
        sentences.append(f"A typical request I take on: {quoted(shape.title)}")
    sentences.append(rng.choice(WORK_STYLE))
    names = [str(_LANGUAGE_NAMES.get(code, code)) for code in languages]
    spoken = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    sentences.append(f"I work in {spoken}.")
    return " ".join(sentences)


def company_profile(rng, taxonomy, name, website, country, interests) -> dict:
    size, size_text = companies.company_size(rng)
    industry = rng.choice(companies.INDUSTRIES)
    needs = list(
        dict.fromkeys(c.archetype.needs.format(category=c.name.lower()) for c in interests)
    )
    fors = [f"for {need}" for need in needs]
    needs_text = fors[0] if len(fors) == 1 else f"{', '.join(fors[:-1])} and {fors[-1]}"
    description = (
        f"{name} is {size_text} in {industry}, based in {country.in_text}. "
        f"We hire freelancers {needs_text}."
    )
    titles = [s.title for c in interests for s in taxonomy.shapes.get(c.id, ())]
    if titles:
        picked = rng.sample(titles, min(2, len(titles)))
        requests = [f"“{t.strip()}”" for t in picked[:-1]] + [quoted(picked[-1])]
        description += " Recent requests: " + "; ".join(requests)
    return {
        "company_name": name,
        "company_size": size,
        "country": country.code,
        "timezone": rng.choice(country.timezones),
        "website": website,
        "description": description,
    }
