"""The audit in words and tables: the summary sentence, and each group's line as people read it."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from marketplace.formats import day_month_year

from ..models import FairnessAudit
from .measure import DIMENSION_NOUNS, DIMENSIONS, TOP, AuditFigures


def _share(value: float) -> str:
    return f"{value:.2f}"


def _number_of(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def audit_summary(figures: AuditFigures) -> str:
    """What the audit found, in the plain words the admin and the public page show."""
    if figures.mode == FairnessAudit.Mode.SHOWN:
        what = (
            f"the suggested talent employers were shown between "
            f"{day_month_year(figures.period_start)} and {day_month_year(figures.period_end)} "
            f"({_number_of(figures.projects, 'project')})"
        )
    elif figures.projects == 1:
        what = f"the top {TOP} suggested for the one open project"
    else:
        what = f"the top {TOP} suggested for each of the {figures.projects} open projects"
    pairs = _number_of(figures.relevant_pairs, "relevant freelancer-project pair")
    text = f"Audited {what}: {pairs}."
    if figures.flagged:
        worst = "; ".join(
            f"{g.label} ({DIMENSION_NOUNS.get(g.dimension, g.dimension)}, ratio {_share(g.ratio)})"
            for g in figures.flagged
        )
        text += (
            " Seen less than four-fifths as often as the best group of their kind, among "
            f"equally relevant people: {worst}."
        )
    elif any(g.ratio is not None for g in figures.groups):
        text += " No group is seen less than four-fifths as often as the best group of its kind."
    else:
        text += " Too few relevant people in any group to judge yet."
    return text


TABLE_HEADINGS = ("Kind", "Group", "Relevant", "People", "In top 10", "Rate", "Ratio", "Flag")
NOT_ENOUGH = "not enough data"
BELOW = "below 4/5"


@dataclass
class TableRow:
    """A stored group's line as people read it: figures as text, the verdict in words."""

    kind: str
    group: str
    relevant: str
    people: str
    in_top: str
    rate: str
    ratio: str
    verdict: str
    flagged: bool

    def cells(self) -> tuple[str, ...]:
        return (*self.figures(), self.verdict)

    def figures(self) -> tuple[str, ...]:
        return (
            *(self.kind, self.group, self.relevant, self.people),
            *(self.in_top, self.rate, self.ratio),
        )


def _count(value) -> str:
    return "" if value is None else str(value)


def audit_table(groups: Iterable[Mapping]) -> list[TableRow]:
    """The stored figures of a run (`FairnessAudit.groups`) as table rows."""
    rows = []
    for g in groups:
        if g["ratio"] is not None:
            verdict = BELOW if g["flagged"] else "ok"
        else:
            verdict = NOT_ENOUGH if not g["enough_data"] else "nobody shown"
        rows.append(
            TableRow(
                kind=DIMENSIONS.get(g["dimension"], g["dimension"]),
                group=g["label"],
                relevant=_count(g["relevant"]),
                people=_count(g["people"]),
                in_top=_count(g["in_top"]),
                rate="" if g["rate"] is None else f"{g['rate']:.1%}",
                ratio="" if g["ratio"] is None else _share(g["ratio"]),
                verdict=verdict,
                flagged=bool(g["flagged"]),
            )
        )
    return rows
