"""Uploaded pictures: what is accepted, and what is kept.

- Accepted only when Pillow decodes the whole upload as JPEG, PNG or WebP,
  within IMAGE_UPLOAD_MAX_BYTES and IMAGE_UPLOAD_MAX_PIXELS (checked before the
  pixels are read). Anything else is a form error, never a 500.
- Stored: its pixels re-encoded, upright, without metadata (the colour profile
  kept), under a generated name; no location reaches the public.
"""

import io
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name -> the stored file's extension.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class RejectedImage(ValueError):
    """Why an upload is not accepted: `message` and `code` for a form error."""

    def __init__(self, message, code, params=None):
        super().__init__(message)
        self.message, self.code, self.params = message, code, params or {}


def max_bytes():
    return settings.IMAGE_UPLOAD_MAX_BYTES


def max_pixels():
    return settings.IMAGE_UPLOAD_MAX_PIXELS


TOO_LARGE = _("This file is %(size)s; images may be at most %(limit)s.")
TOO_MANY_PIXELS = _(
    "This image is too large to process: at most %(limit)s million pixels "
    "(width times height) are accepted."
)
NOT_AN_IMAGE = _("Upload a JPEG, PNG or WebP image. This file is not one, or it is damaged.")


def _too_large(size):
    return RejectedImage(
        TOO_LARGE,
        "file_too_large",
        {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
    )


def _open(data):
    """The decoded image in `data` (bytes), fully loaded; RejectedImage if it is not one we take."""
    if len(data) > max_bytes():
        raise _too_large(len(data))
    too_many_pixels = RejectedImage(
        TOO_MANY_PIXELS, "too_many_pixels", {"limit": f"{max_pixels() / 1_000_000:g}"}
    )
    not_an_image = RejectedImage(NOT_AN_IMAGE, "invalid_image")
    try:
        with warnings.catch_warnings():
            # Pillow warns (rather than refuses) between its limit and twice it.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only these decoders: anything else is refused before its header is believed.
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as probe:
                if probe.width * probe.height > max_pixels():
                    raise too_many_pixels
                probe.verify()
            # verify() lets a truncated file pass, and leaves the image unusable:
            # decode it all from a second opening.
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except RejectedImage:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise not_an_image from None
    return image


# The rest of `info` (EXIF, GPS, XMP, comments, timestamps) is dropped.
KEPT_INFO = {"transparency"}


def _clean_copy(image):
    """`image` upright, as pixels, transparency and colour profile only: no EXIF, GPS, XMP."""
    icc_profile = image.info.get("icc_profile")
    clean = ImageOps.exif_transpose(image)  # a new image, whatever the orientation
    clean.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    return clean, icc_profile


def sanitised(data):
    """(bytes, extension): the image in `data` re-encoded without metadata.

    Raises RejectedImage when `data` is not an image this site accepts.
    """
    image = _open(data)
    format_ = image.format
    clean, icc_profile = _clean_copy(image)
    params = {"icc_profile": icc_profile} if icc_profile else {}
    if format_ == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        params.update(quality=90, optimize=True, progressive=True)
    elif format_ == "WEBP":
        if clean.mode not in ("RGB", "RGBA"):
            clean = clean.convert("RGBA" if "A" in clean.getbands() else "RGB")
        params.update(quality=90, method=4)
    else:
        params.update(optimize=True)
    out = io.BytesIO()
    clean.save(out, format=format_, **params)
    return out.getvalue(), FORMATS[format_]


class SanitisedImage(ContentFile):
    """A re-encoded upload, named `<uuid>.<extension>`: what PictureField stores."""

    sanitised = True

    def __init__(self, content, extension):
        super().__init__(content, name=f"{uuid.uuid4().hex}.{extension}")


def _read(uploaded):
    if hasattr(uploaded, "temporary_file_path"):
        with open(uploaded.temporary_file_path(), "rb") as file:
            return file.read(max_bytes() + 1)
    uploaded.seek(0)
    return uploaded.read(max_bytes() + 1)


class PictureFormField(forms.ImageField):
    """An image upload checked by decoding; cleans to a SanitisedImage."""

    default_error_messages = {"invalid_image": NOT_AN_IMAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(**kwargs)

    def to_python(self, data):
        # forms.FileField's checks (empty file, name), not forms.ImageField's own decoding.
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        try:
            if uploaded.size is not None and uploaded.size > max_bytes():
                raise _too_large(uploaded.size)  # refused before reading it
            content, extension = sanitised(_read(uploaded))
        except RejectedImage as rejected:
            raise ValidationError(
                rejected.message, code=rejected.code, params=rejected.params
            ) from None
        return SanitisedImage(content, extension)


class PictureField(models.ImageField):
    """An ImageField that stores only sanitised pictures; files assigned in code too, on save."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not getattr(file.file, "sanitised", False):
            file.file.seek(0)
            content, extension = sanitised(file.file.read())
            file.file = SanitisedImage(content, extension)
            file.name = file.file.name
        return super().pre_save(model_instance, add)
