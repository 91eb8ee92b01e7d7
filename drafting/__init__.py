"""Proposal drafts grounded in the freelancer's own data: retrieval, a generator, sources."""
