"""What an ``OPTIONS`` request answers: the view's name, description and formats.

DRF's default also describes the POST/PUT body by building the view's serializer (and, for
PUT, fetching the object) for a cloned request. Gigwise views name their input and output
serializers per method in ``@extend_schema``, so many have no ``serializer_class`` and that
description crashed with a 500; the fields are documented once, in /api/schema/.
"""

from rest_framework.metadata import SimpleMetadata


class ApiMetadata(SimpleMetadata):
    def determine_actions(self, request, view) -> dict:
        return {}
