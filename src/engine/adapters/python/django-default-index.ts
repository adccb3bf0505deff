/**
 * Field classes Django indexes unless the call says `db_index=False`: ForeignKey (its `__init__` sets db_index=True;
 * mptt's TreeForeignKey and the other subclasses named after it inherit that) and SlugField (`__init__(...,
 * db_index=True, ...)`), with the packages' slug fields that extend it (django-extensions' AutoSlugField through
 * SlugField's `__init__`; django-autoslug's sets db_index=True unless given, and its deconstruct never writes it
 * into a migration). Both deconstruct the default away, so a migration's `models.SlugField()` is an indexed column.
 */
import { lastSegment } from "./imports.js";
import { packageDjangoClass } from "./django-package-fields.js";

export function indexedByDefault(callee: string): boolean {
  const cls = lastSegment(packageDjangoClass(callee) ?? callee);
  return cls === "SlugField" || cls.endsWith("ForeignKey");
}
