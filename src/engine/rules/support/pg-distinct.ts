/**
 * `a IS DISTINCT FROM b` over values of a type, as the fixes' fills and sync triggers test them. json, xml, point
 * and polygon have no equality operator ("operator does not exist: json = json": langfuse's prompts.config changed
 * to JSON, whose fill failed on its test of the rows still to do), so theirs are compared as text: for json the text
 * as written, the same on both sides once one column is filled from the other.
 */
import type { TypeRef } from "../../model.js";

const WITHOUT_EQUALITY = new Set(["json", "xml", "point", "polygon"]);

/** The type (or its arrays) has no `=`. Unknown types are taken to have one, as most do. */
const lacksEquality = (type: Pick<TypeRef, "name"> | undefined): boolean => type !== undefined && WITHOUT_EQUALITY.has(type.name.toLowerCase());

export const pgDistinct = (a: string, b: string, type: Pick<TypeRef, "name"> | undefined): string =>
  lacksEquality(type) ? `${a}::text IS DISTINCT FROM ${b}::text` : `${a} IS DISTINCT FROM ${b}`;
