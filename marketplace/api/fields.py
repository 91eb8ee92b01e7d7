"""Serializer fields the model fields need but DRF does not ship."""

import zoneinfo

from rest_framework import serializers

TIMEZONE_UNKNOWN = "“{value}” is not a time zone; use an IANA name such as Europe/Berlin."


class TimeZoneNameField(serializers.CharField):
    """An IANA time zone, read and written by name (``Europe/Berlin``)."""

    def to_internal_value(self, data) -> zoneinfo.ZoneInfo:
        name = super().to_internal_value(data)
        if name not in zoneinfo.available_timezones():
            raise serializers.ValidationError(TIMEZONE_UNKNOWN.format(value=name))
        return zoneinfo.ZoneInfo(name)

    def to_representation(self, value) -> str:
        return str(value)
