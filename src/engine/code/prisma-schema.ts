/**
 * A Prisma schema (schema.prisma, or the files of a multi-file `prisma/schema/` folder) read for what the Prisma
 * client selects: each model (or view) with the table it maps (`@@map("users")`, else the model's name) and its
 * scalar fields with their columns (`@map("is_public")`, else the field's name). Prisma's client selects every scalar
 * field of a model by default, so a field the schema still declares is a column running code reads; a relation field
 * (typed by another model) is no column, and `@ignore` / `@@ignore` take a field or model out of the client.
 *
 * Parsed with @mrleebo/prisma-ast, the Prisma Schema Language's grammar on npm (chevrotain). It is loaded on demand
 * (prisma-schema-loader.ts): only a lint with a Prisma migration and its schema imports this module.
 */
import { getSchema, PrismaParser, VisitorClassFactory, type AttributeArgument, type BlockAttribute, type Field, type Model, type Value, type View } from "@mrleebo/prisma-ast/dist/prisma-ast.esm.js";
import type { SourceFile } from "../model.js";
import type { PrismaField, PrismaModel } from "./prisma-model.js";

/** A schema file the grammar refuses: Prisma cannot generate its client either, so what it declares is unknown. */
export class PrismaSchemaSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${path}${line !== undefined ? `:${line}` : ""}: the Prisma schema does not parse: ${detail}`);
  }
}

// the package's default parser tracks no locations; the lines are what the messages cite
const parser = new PrismaParser({ nodeLocationTracking: "full" });
const visitor = new (VisitorClassFactory(parser))();

/** A string argument's text: the grammar keeps the literal with its quotes and escapes (JSON's). */
function stringValue(value: Value | undefined): string | undefined {
  if (typeof value !== "string" || !value.startsWith('"')) return undefined;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value.slice(1, -1);
  }
}

/** The name an attribute's arguments give: its first string, or `name: "x"` / `map: "x"`. */
function attributeName(attribute: { args?: AttributeArgument[] } | undefined): string | undefined {
  for (const { value } of attribute?.args ?? []) {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && value.type === "keyValue") {
      if (value.key === "name" || value.key === "map") return stringValue(value.value);
      continue;
    }
    const text = stringValue(value as Value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** `@name` (`@@name` for a block attribute) with no `@db.` group. */
const attribute = <A extends { name: string; group?: string }>(attributes: readonly A[] | undefined, name: string) => attributes?.find((a) => a.name === name && a.group === undefined);

function parse(file: SourceFile) {
  try {
    return getSchema(file.content, { parser, visitor });
  } catch (error) {
    const token = (error as { token?: { startLine?: number } }).token;
    throw new PrismaSchemaSyntaxError(file.path, token?.startLine, error instanceof Error ? error.message : String(error));
  }
}

/** Each schema read once per analysis (every drop of a lint asks about the same files). */
const read = new WeakMap<readonly SourceFile[], PrismaModel[]>();

/** The models and views of `files` (the `.prisma` ones are read; others are left alone). Throws PrismaSchemaSyntaxError. */
export function readPrismaSchema(files: readonly SourceFile[]): PrismaModel[] {
  let models = read.get(files);
  if (!models) read.set(files, (models = readSchema(files)));
  return models;
}

function readSchema(files: readonly SourceFile[]): PrismaModel[] {
  const parsed = files
    .filter((f) => f.path.endsWith(".prisma"))
    .map((file) => ({ file, blocks: parse(file).list.filter((b): b is Model | View => b.type === "model" || b.type === "view") }));
  // a field typed by one of these is a relation (models and views of every file: a multi-file schema shares them)
  const modelNames = new Set(parsed.flatMap((p) => p.blocks.map((b) => b.name)));
  const models: PrismaModel[] = [];
  for (const { file, blocks } of parsed) {
    const lines = file.content.split("\n");
    for (const block of blocks) {
      const blockAttributes = block.properties.filter((p): p is BlockAttribute => p.type === "attribute");
      const fields = block.properties.filter((p): p is Field => p.type === "field");
      models.push({
        path: file.path,
        name: block.name,
        table: attributeName(attribute(blockAttributes, "map")) ?? block.name,
        line: block.location?.startLine ?? 0,
        ignored: attribute(blockAttributes, "ignore") !== undefined,
        fields: fields.map((field) => fieldOf(field, lines, modelNames)),
      });
    }
  }
  return models;
}

function fieldOf(field: Field, lines: readonly string[], modelNames: ReadonlySet<string>): PrismaField {
  const line = field.location?.startLine ?? 0;
  const type = typeof field.fieldType === "string" ? field.fieldType : field.fieldType.name;
  const nativeType = field.attributes?.find((a) => a.group === "db")?.name;
  return {
    name: field.name,
    column: attributeName(attribute(field.attributes, "map")) ?? field.name,
    line,
    text: (lines[line - 1] ?? "").trim(),
    type,
    ...(nativeType ? { nativeType } : {}),
    relation: modelNames.has(type),
    ignored: attribute(field.attributes, "ignore") !== undefined,
  };
}
