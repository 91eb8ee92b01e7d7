from .contract import Contract, LedgerEntry, Milestone, Review
from .jobs import Job
from .messaging import (
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    Thread,
    ThreadReadState,
)
from .moderation import AuditAction, AuditLogEntry, Report, audit_target_label
from .money import ExchangeRate
from .project import BudgetType, ExperienceLevel, Project, ProjectSkill
from .proposal import Invite, Proposal, ShortlistEntry
from .talent import FreelancerSkill, PortfolioItem
from .taxonomy import Skill, SkillAlias, SkillCategory, TaxonomyImport

__all__ = [
    "AuditAction",
    "AuditLogEntry",
    "BudgetType",
    "Contract",
    "ExchangeRate",
    "ExperienceLevel",
    "FreelancerSkill",
    "Invite",
    "Job",
    "LedgerEntry",
    "Message",
    "Milestone",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "PortfolioItem",
    "Project",
    "ProjectSkill",
    "Proposal",
    "Report",
    "Review",
    "ShortlistEntry",
    "Skill",
    "SkillAlias",
    "SkillCategory",
    "TaxonomyImport",
    "Thread",
    "ThreadReadState",
    "audit_target_label",
]
