/**
 * Field classes of widely used packages whose source says which Django field they extend, and the options their
 * `__init__` sets when the call leaves them out. The schema editor treats them as that Django field: the column
 * type, and the value it fills existing rows with (`_effective_default`: '' for a blank text field, the current
 * time for auto_now/auto_now_add). A class not listed here, nor resolved through the project's own code, stays
 * unknown.
 */
import type { PyCall, PyValue } from "./values.js";

interface PackageField {
  /**
   * the Django class it extends, or `Field` for a class extending models.Field itself: that keeps Field's
   * empty_strings_allowed (True), so a blank non-null one fills existing rows with '' too, and its column type is
   * `columnType`'s
   */
  djangoClass: string;
  /** options its __init__ sets to True unless the call gives them (`kwargs.setdefault("blank", True)`) */
  trueUnlessGiven?: readonly string[];
  /** the max_length its __init__ sets when the call gives none (its deconstruct leaves that one out of migrations) */
  maxLengthUnlessGiven?: number;
  /** a `Field` class: the column type its get_internal_type chooses for this call, when the call decides it */
  columnType?: (call: PyCall) => string | undefined;
}

/** django-autoslug's autoslug/fields.py: `class AutoSlugField(SlugField)`, max_length 50 unless given */
const AUTOSLUG: PackageField = { djangoClass: "SlugField" };

/**
 * Wagtail's wagtail/fields.py (wagtail/core/fields.py before 3.0): `class StreamField(models.Field)`, with no
 * empty_strings_allowed of its own. Its get_internal_type is "TextField" before 3.0, "JSONField" with
 * use_json_field=True in 3.x-5.x (TextField otherwise), and always "JSONField" from 6.0, so a call without
 * use_json_field has a column type that depends on the installed Wagtail.
 */
const STREAM_FIELD: PackageField = {
  djangoClass: "Field",
  columnType: (call) => {
    const json = call.kwargs.get("use_json_field");
    return json?.kind === "bool" ? (json.value ? "jsonb" : "text") : undefined;
  },
};

/**
 * django-timezone-field's timezone_field/fields.py: `class TimeZoneField(models.Field)` (TimeZoneFieldBase in 1.x-3.x)
 * whose get_internal_type is "CharField", max_length 63 unless given (and left out of migrations when it is 63):
 * a CharField for the schema editor.
 */
const TIME_ZONE_FIELD: PackageField = { djangoClass: "CharField", maxLengthUnlessGiven: 63 };

/** django-jsonfield's jsonfield/fields.py: `class JSONField(JSONFieldBase, models.TextField)`, a text column, not jsonb */
const TEXT_JSON_FIELD: PackageField = { djangoClass: "TextField" };

const PACKAGE_FIELDS: Readonly<Record<string, PackageField>> = {
  "autoslug.fields.AutoSlugField": AUTOSLUG,
  "autoslug.AutoSlugField": AUTOSLUG,
  // django-extensions' django_extensions/db/fields/__init__.py
  "django_extensions.db.fields.AutoSlugField": { djangoClass: "SlugField", trueUnlessGiven: ["blank"] },
  "django_extensions.db.fields.CreationDateTimeField": { djangoClass: "DateTimeField", trueUnlessGiven: ["blank", "auto_now_add"] },
  // its __init__ calls DateTimeField.__init__ itself: auto_now, not CreationDateTimeField's auto_now_add
  "django_extensions.db.fields.ModificationDateTimeField": { djangoClass: "DateTimeField", trueUnlessGiven: ["blank", "auto_now"] },
  // django-nh3's django_nh3/models.py: `class Nh3Field(models.TextField)` (0.1; a deprecated Nh3TextField since 0.2),
  // `class Nh3TextField(Nh3FieldMixin, models.TextField)`, `class Nh3CharField(Nh3FieldMixin, models.CharField)`
  "django_nh3.models.Nh3Field": { djangoClass: "TextField" },
  "django_nh3.models.Nh3TextField": { djangoClass: "TextField" },
  "django_nh3.models.Nh3CharField": { djangoClass: "CharField" },
  // rich-text editors, each a TextField in its package's source (IFRC GO's tinymce HTMLField columns): django-tinymce's
  // tinymce/models.py `class HTMLField(models.TextField)`; django-ckeditor's ckeditor/fields.py `class
  // RichTextField(models.TextField)` and ckeditor_uploader/fields.py `class RichTextUploadingField(RichTextField)`;
  // django-markdownx's markdownx/models.py `class MarkdownxField(models.TextField)`; martor's martor/models.py `class
  // MartorField(models.TextField)`; Wagtail's wagtail/fields.py (wagtail/core/fields.py before 3.0) `class
  // RichTextField(models.TextField)`
  // django-bleach's django_bleach/models.py: `class BleachField(models.TextField)` (janeway's JanewayBleachField extends it)
  "django_bleach.models.BleachField": { djangoClass: "TextField" },
  "tinymce.models.HTMLField": { djangoClass: "TextField" },
  "ckeditor.fields.RichTextField": { djangoClass: "TextField" },
  "ckeditor_uploader.fields.RichTextUploadingField": { djangoClass: "TextField" },
  "markdownx.models.MarkdownxField": { djangoClass: "TextField" },
  "martor.models.MartorField": { djangoClass: "TextField" },
  "wagtail.fields.RichTextField": { djangoClass: "TextField" },
  "wagtail.core.fields.RichTextField": { djangoClass: "TextField" },
  "wagtail.fields.StreamField": STREAM_FIELD,
  "wagtail.core.fields.StreamField": STREAM_FIELD,
  "timezone_field.fields.TimeZoneField": TIME_ZONE_FIELD,
  "timezone_field.TimeZoneField": TIME_ZONE_FIELD,
  "jsonfield.fields.JSONField": TEXT_JSON_FIELD,
  "jsonfield.JSONField": TEXT_JSON_FIELD,
  // jsonfield/fields.py: `class JSONCharField(JSONFieldBase, models.CharField)`
  "jsonfield.fields.JSONCharField": { djangoClass: "CharField" },
  "jsonfield.JSONCharField": { djangoClass: "CharField" },
  // django-countries' django_countries/fields.py: `class CountryField(CharField)` (max_length in every migration)
  "django_countries.fields.CountryField": { djangoClass: "CharField" },
  // django-phonenumber-field's phonenumber_field/modelfields.py: `class PhoneNumberField(models.CharField)`
  // (models.Field with get_internal_type "CharField" in early versions: the same for the schema editor)
  "phonenumber_field.modelfields.PhoneNumberField": { djangoClass: "CharField" },
  // django-money's djmoney/models/fields.py: `class MoneyField(models.DecimalField)` (empty_strings_allowed False:
  // no '' fill) and the `<name>_currency` column's `class CurrencyField(models.CharField)`
  "djmoney.models.fields.MoneyField": { djangoClass: "DecimalField" },
  "djmoney.models.fields.CurrencyField": { djangoClass: "CharField" },
  // django-model-utils' model_utils/fields.py: `class AutoCreatedField(models.DateTimeField)` and its subclass
  // AutoLastModifiedField (default=now, written into migrations), `class MonitorField(models.DateTimeField)`,
  // `class StatusField(models.CharField)` and `class UrlsafeTokenField(models.CharField)` (max_length in migrations),
  // `class SplitField(models.TextField)`, `class UUIDField(models.UUIDField)`
  "model_utils.fields.AutoCreatedField": { djangoClass: "DateTimeField" },
  "model_utils.fields.AutoLastModifiedField": { djangoClass: "DateTimeField" },
  "model_utils.fields.MonitorField": { djangoClass: "DateTimeField" },
  "model_utils.fields.StatusField": { djangoClass: "CharField" },
  "model_utils.fields.UrlsafeTokenField": { djangoClass: "CharField" },
  "model_utils.fields.SplitField": { djangoClass: "TextField" },
  "model_utils.fields.UUIDField": { djangoClass: "UUIDField" },
  // easy-thumbnails' easy_thumbnails/fields.py: `class ThumbnailerField(FileField)`, `class
  // ThumbnailerImageField(ThumbnailerField, ImageField)`; sorl-thumbnail's sorl/thumbnail/fields.py: `class
  // ImageField(models.ImageField)`
  "easy_thumbnails.fields.ThumbnailerField": { djangoClass: "FileField" },
  "easy_thumbnails.fields.ThumbnailerImageField": { djangoClass: "ImageField" },
  "sorl.thumbnail.fields.ImageField": { djangoClass: "ImageField" },
  "sorl.thumbnail.ImageField": { djangoClass: "ImageField" },
};

/** The Django field class a known package's field extends (`autoslug.AutoSlugField` -> `SlugField`), by its dotted name. */
export const packageDjangoClass = (callee: string): string | undefined => PACKAGE_FIELDS[callee]?.djangoClass;

/**
 * The call as the Django field class a known package's field extends (`autoslug.fields.AutoSlugField(blank=True)`
 * as `SlugField(blank=True)`), the options its __init__ defaults added; undefined for any other class.
 */
export function asPackageFieldBase(call: PyCall): PyCall | undefined {
  const known = PACKAGE_FIELDS[call.callee];
  if (!known) return undefined;
  const kwargs = new Map<string, PyValue>(call.kwargs);
  for (const option of known.trueUnlessGiven ?? []) if (!kwargs.has(option)) kwargs.set(option, { kind: "bool", value: true, loc: call.loc });
  if (known.maxLengthUnlessGiven !== undefined && !kwargs.has("max_length")) kwargs.set("max_length", { kind: "num", value: known.maxLengthUnlessGiven, loc: call.loc });
  return { ...call, callee: known.djangoClass, kwargs };
}

/** The column type of a known package's class extending models.Field itself (`columnType`), when the call decides it. */
export const packageColumnType = (call: PyCall): string | undefined => PACKAGE_FIELDS[call.callee]?.columnType?.(call);
