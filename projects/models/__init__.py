from .talent import FreelancerSkill, PortfolioItem
from .taxonomy import Skill, SkillAlias, SkillCategory

__all__ = ["FreelancerSkill", "PortfolioItem", "Skill", "SkillAlias", "SkillCategory"]
