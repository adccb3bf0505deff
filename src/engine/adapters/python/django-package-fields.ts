/**
 * Field classes of widely used packages whose source says which Django field they extend, and the options their
 * `__init__` sets when the call leaves them out. The schema editor treats them as that Django field: the column
 * type, and the value it fills existing rows with (`_effective_default`: '' for a blank text field, the current
 * time for auto_now/auto_now_add). A class not listed here, nor resolved through the project's own code, stays
 * unknown.
 */
import type { PyCall, PyValue } from "./values.js";

interface PackageField {
  /** the Django class it extends */
  djangoClass: string;
  /** options its __init__ sets to True unless the call gives them (`kwargs.setdefault("blank", True)`) */
  trueUnlessGiven?: readonly string[];
}

/** django-autoslug's autoslug/fields.py: `class AutoSlugField(SlugField)`, max_length 50 unless given */
const AUTOSLUG: PackageField = { djangoClass: "SlugField" };

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
  return { ...call, callee: known.djangoClass, kwargs };
}
