"""How the OpenAPI document describes the API beyond what drf-spectacular infers."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the errors every operation of a read-only API can answer.

    Documented so that clients, and schemathesis, can tell them from failures.
    """

    def get_response_serializers(self):
        found = super().get_response_serializers()
        not_found = (
            "A page number past the last page."
            if self._is_list_view(found)
            else "No published record has this identifier."
        )
        return {
            200: found,
            404: OpenApiResponse(ErrorSerializer, description=not_found),
            429: OpenApiResponse(
                ErrorSerializer,
                description="Too many requests from this address: retry after the "
                "number of seconds in the Retry-After header.",
            ),
        }
