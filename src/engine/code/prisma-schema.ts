/**
 * A Prisma schema (schema.prisma, or the files of a multi-file `prisma/schema/` folder) read for what the Prisma
 * client selects: each model (or view) with the table it maps (`@@map("users")`, else the model's name) and its
 * scalar fields with their columns (`@map("is_public")`, else the field's name). Prisma's client selects every scalar
 * field of a model by default, so a field the schema still declares is a column running code reads; a relation field
 * (typed by another model) is no column, and `@ignore` / `@@ignore` take a field or model out of the client.
 *
 * Read with a lexer of the Prisma Schema Language's tokens (identifiers, strings, comments, punctuation) and a
 * reader of its blocks, not with patterns over lines. Why not @mrleebo/prisma-ast, the parser on npm: it is not in the
 * lock, it brings chevrotain (a parser toolkit several times the size of this reader) into the bundle, and it would
 * need an asynchronous load inside the synchronous rules; the part of the grammar read here (blocks, fields,
 * attributes with their arguments) is small and fixed by Prisma's reference.
 */
import type { SourceFile } from "../model.js";

export interface PrismaField {
  name: string;
  column: string;
  /** 1-based line of the declaration */
  line: number;
  /** the declaration as written, for messages */
  text: string;
  /** typed by another model: a relation, no column */
  relation: boolean;
  /** `@ignore`: the client does not have it */
  ignored: boolean;
}

export interface PrismaModel {
  path: string;
  name: string;
  /** the table (or view) it maps */
  table: string;
  line: number;
  ignored: boolean;
  fields: PrismaField[];
}

type Token = { kind: "word" | "string" | "punct" | "newline"; text: string; line: number; offset: number };

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** The tokens of a schema; comments (`//`, `///`) are dropped. */
function lex(content: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  for (let i = 0; i < content.length; ) {
    const c = content[i];
    if (c === "\n") {
      tokens.push({ kind: "newline", text: c, line, offset: i });
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "/" && content[i + 1] === "/") {
      while (i < content.length && content[i] !== "\n") i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < content.length && content[j] !== '"' && content[j] !== "\n") {
        if (content[j] === "\\" && j + 1 < content.length) j++;
        text += content[j];
        j++;
      }
      tokens.push({ kind: "string", text, line, offset: i });
      i = j + 1;
    } else if (isWordChar(content.charCodeAt(i))) {
      let j = i;
      while (j < content.length && isWordChar(content.charCodeAt(j))) j++;
      tokens.push({ kind: "word", text: content.slice(i, j), line, offset: i });
      i = j;
    } else {
      // `@@` is one token: a block attribute
      const text = c === "@" && content[i + 1] === "@" ? "@@" : c;
      tokens.push({ kind: "punct", text, line, offset: i });
      i += text.length;
    }
  }
  return tokens;
}

/** A statement of a block body: the tokens up to the end of its line, lines inside brackets joined. */
function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "newline" && depth === 0) {
      if (current.length) out.push(current);
      current = [];
      continue;
    }
    if (token.kind === "newline") continue;
    if (token.text === "(" || token.text === "[") depth++;
    if (token.text === ")" || token.text === "]") depth = Math.max(0, depth - 1);
    current.push(token);
  }
  if (current.length) out.push(current);
  return out;
}

/** The name an attribute's arguments give: its first string, or `name: "x"` / `map: "x"`. */
function attributeName(statement: readonly Token[], at: number): string | undefined {
  if (statement[at + 1]?.text !== "(") return undefined;
  for (let i = at + 2, depth = 1; i < statement.length && depth > 0; i++) {
    const t = statement[i];
    if (t.text === "(" || t.text === "[") depth++;
    else if (t.text === ")" || t.text === "]") depth--;
    else if (depth === 1 && t.kind === "string") {
      const label = statement[i - 1]?.text === ":" ? statement[i - 2]?.text : undefined;
      if (label === undefined || label === "name" || label === "map") return t.text;
    }
  }
  return undefined;
}

/** Indexes of the attributes `@name` (or `@@name`) of a statement. */
function attributes(statement: readonly Token[], marker: "@" | "@@", name: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < statement.length - 1; i++) if (statement[i].text === marker && statement[i + 1].text === name) out.push(i + 1);
  return out;
}

interface Block {
  keyword: string;
  name: string;
  line: number;
  body: Token[];
}

function blocks(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [keyword, name, open] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (keyword.kind !== "word" || name?.kind !== "word" || open?.text !== "{") continue;
    let depth = 1;
    let j = i + 3;
    for (; j < tokens.length && depth > 0; j++) {
      if (tokens[j].text === "{") depth++;
      else if (tokens[j].text === "}") depth--;
    }
    out.push({ keyword: keyword.text, name: name.text, line: keyword.line, body: tokens.slice(i + 3, j - 1) });
    i = j - 1;
  }
  return out;
}

/** Each schema read once per analysis (every drop of a lint asks about the same files). */
const read = new WeakMap<readonly SourceFile[], PrismaModel[]>();

/** The models and views of `files` (the `.prisma` ones are read; others are left alone). */
export function readPrismaSchema(files: readonly SourceFile[]): PrismaModel[] {
  let models = read.get(files);
  if (!models) read.set(files, (models = readSchema(files)));
  return models;
}

function readSchema(files: readonly SourceFile[]): PrismaModel[] {
  const parsed = files.filter((f) => f.path.endsWith(".prisma")).map((f) => ({ file: f, blocks: blocks(lex(f.content)) }));
  // a field typed by one of these is a relation (models and views of every file: a multi-file schema shares them)
  const modelNames = new Set(parsed.flatMap((p) => p.blocks.filter((b) => b.keyword === "model" || b.keyword === "view").map((b) => b.name)));
  const models: PrismaModel[] = [];
  for (const { file, blocks: found } of parsed) {
    const lines = file.content.split("\n");
    for (const block of found) {
      if (block.keyword !== "model" && block.keyword !== "view") continue;
      const model: PrismaModel = { path: file.path, name: block.name, table: block.name, line: block.line, ignored: false, fields: [] };
      for (const statement of statements(block.body)) {
        const [first, second] = statement;
        if (first.text === "@@") {
          const map = attributes(statement, "@@", "map")[0];
          if (map !== undefined) model.table = attributeName(statement, map) ?? model.table;
          if (attributes(statement, "@@", "ignore").length) model.ignored = true;
          continue;
        }
        if (first.kind !== "word" || second?.kind !== "word") continue;
        const map = attributes(statement, "@", "map")[0];
        model.fields.push({
          name: first.text,
          column: (map !== undefined ? attributeName(statement, map) : undefined) ?? first.text,
          line: first.line,
          text: (lines[first.line - 1] ?? "").trim(),
          relation: modelNames.has(second.text),
          ignored: attributes(statement, "@", "ignore").length > 0,
        });
      }
      models.push(model);
    }
  }
  return models;
}

/** The model that maps `table` (as written, without quotes: Prisma quotes every name, so the case is the table's). */
export const prismaModelOf = (models: readonly PrismaModel[], table: string): PrismaModel | undefined => models.find((m) => m.table === table);

/** The scalar field of `model` that the client selects for `column`, if the model still declares it. */
export const selectedField = (model: PrismaModel, column: string): PrismaField | undefined =>
  model.ignored ? undefined : model.fields.find((f) => f.column === column && !f.relation && !f.ignored);

/** The delegate Prisma's client gives a model: `prisma.jobVersion` for JobVersion. */
export const prismaDelegate = (model: string) => model[0].toLowerCase() + model.slice(1);
