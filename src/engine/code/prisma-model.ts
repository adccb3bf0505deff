/**
 * What a Prisma schema declares that the client selects (prisma-schema.ts reads it): each model (or view) with the
 * table it maps and its fields with their columns; and the questions the rules ask of it. Apart from the reader so
 * the rules hold these without loading the schema's parser (prisma-schema-loader.ts).
 */
export interface PrismaField {
  name: string;
  column: string;
  /** 1-based line of the declaration */
  line: number;
  /** the declaration as written, for messages */
  text: string;
  /** the field's type as written, without `?` or `[]`: `String`, `Json`, `Currency` */
  type: string;
  /** the native database type, `@db.JsonB` -> `JsonB`, when the field gives one */
  nativeType?: string;
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

/** The model that maps `table` (as written, without quotes: Prisma quotes every name, so the case is the table's). */
export const prismaModelOf = (models: readonly PrismaModel[], table: string): PrismaModel | undefined => models.find((m) => m.table === table);

/** The scalar field of `model` that the client selects for `column`, if the model still declares it. */
export const selectedField = (model: PrismaModel, column: string): PrismaField | undefined =>
  model.ignored ? undefined : model.fields.find((f) => f.column === column && !f.relation && !f.ignored);

/** The delegate Prisma's client gives a model: `prisma.jobVersion` for JobVersion. */
export const prismaDelegate = (model: string) => model[0].toLowerCase() + model.slice(1);
