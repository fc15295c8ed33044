"""How the OpenAPI document describes the API beyond what drf-spectacular infers."""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from api import languages
from secretariat.languages import CODES


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the errors every operation of a read-only API can answer.

    Documented so that clients, and schemathesis, can tell them from failures;
    and the `lang` parameter of every operation on records.
    """

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                languages.PARAMETER,
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description=languages.PARAMETER_HELP,
                enum=CODES,
            ),
        ]

    def get_response_serializers(self):
        found = super().get_response_serializers()
        not_found = (
            "A page number past the last page."
            if self._is_list_view(found)
            else "No published record has this identifier."
        )
        return {
            200: found,
            400: OpenApiResponse(ErrorSerializer, description="A language not offered in `lang`."),
            404: OpenApiResponse(ErrorSerializer, description=not_found),
            429: OpenApiResponse(
                ErrorSerializer,
                description="Too many requests from this address: retry after the "
                "number of seconds in the Retry-After header.",
            ),
        }
