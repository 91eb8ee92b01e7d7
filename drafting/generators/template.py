"""The default generator: fixed sentences filled only with retrieved facts, offline and instant.

Every name, figure and year in the letter is a `Source` value; the fixed words around them
state no fact about anyone. What the freelancer lacks is said plainly, with the nearest skill
they do have when matching knows one. tests/drafting/test_grounding.py holds it to that.
"""

from drafting.retrieval import Held, Retrieval, SkillEvidence, Source, Work

from .base import DraftGenerator, GeneratedDraft, Section


def _plural(count: str, word: str) -> str:
    return f"{count} {word}" if count == "1" else f"{count} {word}s"


class _Letter:
    """Collects sentences and the sources they state, each source once, in order of use."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}

    def cite(self, *sources: Source | None) -> list[str]:
        keys = []
        for source in sources:
            if source is not None:
                self.sources.setdefault(source.key, source)
                keys.append(source.key)
        return keys


def _work_phrase(work: Work) -> str:
    if work.kind == "portfolio":
        return f"my portfolio item “{work.title}”"
    phrase = f"the contract “{work.title}”"
    if work.client:
        phrase += f" for {work.client.value}"
    if work.year:
        phrase += f", completed in {work.year.value}"
    return phrase


def _held_phrase(held: Held) -> tuple[str, list[Source | None]]:
    how = {
        "learned": "learned through a completed course",
        "proven": "proven on a delivered contract",
    }.get(held.learned_how, "on my profile")
    if held.years_source:
        return f"{_plural(held.years_source.value, 'year')} of experience, {how}", [
            held.name_source,
            held.years_source,
        ]
    return how, [held.name_source]


def _strength(evidence: SkillEvidence, letter: _Letter) -> Section:
    asked = evidence.asked
    parts, sources = [], [asked.source]
    if evidence.held:
        phrase, cited = _held_phrase(evidence.held)
        parts.append(phrase)
        sources += cited
    if evidence.work:
        parts.append("shown in " + " and in ".join(_work_phrase(w) for w in evidence.work))
        for work in evidence.work:
            sources += [work.title_source, work.client, work.year]
    sentence = f"{asked.name}: {'; '.join(parts)}."
    quoted = next((w for w in evidence.work if w.quote), None)
    if quoted:
        sentence += f" The client wrote: “{quoted.quote.value}”"
        sources.append(quoted.quote)
    return Section(asked.name, asked.required, True, sentence, letter.cite(*sources))


def _gap(evidence: SkillEvidence, letter: _Letter) -> Section:
    asked = evidence.asked
    need = "required" if asked.required else "nice to have"
    sentence = f"{asked.name} ({need}): I have not worked with it yet."
    sources = [asked.source]
    related = evidence.related
    if related:
        sentence += f" The closest skill I have is {related.name}"
        sources.append(related.name_source)
        if related.years_source:
            sentence += f" ({_plural(related.years_source.value, 'year')})"
            sources.append(related.years_source)
        sentence += "."
    return Section(asked.name, asked.required, False, sentence, letter.cite(*sources))


class TemplateGenerator(DraftGenerator):
    name = "template"
    version = "1"

    def generate(self, retrieval: Retrieval) -> GeneratedDraft:
        letter = _Letter()
        lines = ["Hello,", ""]
        opening = f"I would like to work on “{retrieval.project_title.value}”."
        letter.cite(retrieval.project_title)
        if retrieval.headline:
            opening += f" About me: {retrieval.headline.value.rstrip('.')}."
            letter.cite(retrieval.headline)
        if retrieval.years_experience:
            years = _plural(retrieval.years_experience.value, "year")
            opening += f" I have {years} of professional experience."
            letter.cite(retrieval.years_experience)
        if retrieval.closest:
            opening += f" The work of mine closest to yours is {_work_phrase(retrieval.closest)}."
            c = retrieval.closest
            letter.cite(c.title_source, c.client, c.year)
        lines.append(opening)

        sections = [_strength(e, letter) if e.has else _gap(e, letter) for e in retrieval.skills]
        strengths = [s for s in sections if s.has]
        gaps = [s for s in sections if not s.has]
        if strengths:
            lines += ["", "The skills you ask for, one by one:"]
            lines += [f"- {s.sentence}" for s in strengths]
        if gaps:
            lines += ["", "What I do not have yet, to be clear:"]
            lines += [f"- {s.sentence}" for s in gaps]
        if not sections:
            lines += ["", "Your post lists no skills, so I point to the work above."]

        weeks = _plural(retrieval.duration.value, "week")
        letter.cite(retrieval.duration)
        lines += [
            "",
            f"I am happy to answer questions and to plan the work around your {weeks}.",
            "",
            "Best regards,",
        ]
        if retrieval.first_name:
            lines.append(retrieval.first_name.value)
            letter.cite(retrieval.first_name)
        return GeneratedDraft(
            text="\n".join(lines).strip(), sections=sections, sources=list(letter.sources.values())
        )
