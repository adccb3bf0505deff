/**
 * The one-off default makemigrations writes for a new NOT NULL date field (`datetime.datetime(2016, 9, 19, 14, 9, 46,
 * 140406, tzinfo=utc)`), as the SQL timestamp literal Django sends. The same instant spelled with Django's removed
 * `django.utils.timezone.utc` or with `datetime.timezone.utc` (bluebottle's Django 5 upgrade edited a 2016 migration
 * so) is the same value, so an edit that only swaps the spelling runs the same ALTER TABLE.
 */
import type { PyValue } from "./values.js";

const UTC_NAMES = new Set(["datetime.timezone.utc", "django.utils.timezone.utc", "pytz.utc", "pytz.UTC", "datetime.UTC"]);

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `datetime.datetime(y, m, d[, H, M, S, us][, tzinfo=UTC])` with literal numbers: its SQL literal; undefined for anything else. */
export function datetimeLiteral(value: PyValue): string | undefined {
  if (value.kind !== "call" || value.splat || (value.callee !== "datetime.datetime" && value.callee !== "datetime.date")) return undefined;
  const numbers = value.args.map((a) => (a.kind === "num" && Number.isInteger(a.value) ? Number(a.value) : undefined));
  const isDate = value.callee === "datetime.date";
  if (numbers.some((n) => n === undefined) || numbers.length < 3 || numbers.length > (isDate ? 3 : 7)) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0, us = 0] = numbers as number[];
  if (isDate) return value.kwargs.size === 0 ? `'${pad(y, 4)}-${pad(mo)}-${pad(d)}'` : undefined;
  const keys = [...value.kwargs.keys()];
  if (keys.some((k) => k !== "tzinfo")) return undefined;
  const tz = value.kwargs.get("tzinfo");
  // another zone (a pytz zone, a fixed offset) would need its offset: left as Python's value
  if (tz && !(tz.kind === "name" && UTC_NAMES.has(tz.name))) return undefined;
  const fraction = us ? `.${pad(us, 6)}` : "";
  return `'${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${fraction}${tz ? "+00" : ""}'`;
}

