/**
 * Each operation kind's default fields, read from the model's zod schemas (never written twice).
 * Pure data: the bundle (scripts/bundle.ts) carries the values computed at build time instead of this code,
 * so a SQL lint loads neither zod nor the schemas.
 */
import { z } from "zod";
import { Operation } from "./model.js";

/** kind -> [field, default] */
export const OPERATION_DEFAULTS: Record<string, Array<[string, unknown]>> = Object.fromEntries(
  Operation.options.map((option) => [
    option.shape.kind.value,
    Object.entries(option.shape).flatMap(([key, schema]): Array<[string, unknown]> => (schema instanceof z.ZodDefault ? [[key, schema.def.defaultValue]] : [])),
  ]),
);
