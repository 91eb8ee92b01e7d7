from .talent import FreelancerSkill, PortfolioItem
from .taxonomy import Skill, SkillAlias, SkillCategory, TaxonomyImport

__all__ = [
    "FreelancerSkill",
    "PortfolioItem",
    "Skill",
    "SkillAlias",
    "SkillCategory",
    "TaxonomyImport",
]
