"""Serializer fields both billing API modules use."""

from rest_framework import serializers

from projects.api.projects import MAX_ID

CONTRACT_INVALID = "Name the contract by its id (a whole number)."


def contract_id_field(help_text: str) -> serializers.IntegerField:
    """A contract named by its id, with one message for every way of getting it wrong."""
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text=help_text,
        error_messages=dict.fromkeys(
            ("required", "null", "invalid", "min_value", "max_value"), CONTRACT_INVALID
        ),
    )
