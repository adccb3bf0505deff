import { prismaDelegate, prismaModelOf, selectedField } from "./prisma-model.js";
import { PrismaSchemaSyntaxError, readPrismaSchema } from "./prisma-schema.js";
import { loadPrismaSchema, prismaSchemaModels } from "./prisma-schema-loader.js";

const SCHEMA = `// the app's schema
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// a job's version
model JobVersion {
  id        String  @id @default(cuid())
  // prepare String  (commented out: gone)
  isPrepared Boolean @default(false) @map("prepare")
  job       Job     @relation(fields: [jobId], references: [id])
  jobId     String
  secret    String  @ignore
  tags      String[] @default([])
  label     String  @default("model Fake { x Int }")

  @@unique([jobId, id])
  @@map(name: "job_versions")
}

model Job {
  id       String       @id
  versions JobVersion[]
}

model Legacy {
  id String @id
  @@ignore
}
`;

describe("readPrismaSchema", () => {
  const models = readPrismaSchema([{ path: "prisma/schema.prisma", content: SCHEMA }, { path: "README.md", content: "model Nope {\n  id Int\n}\n" }]);

  it("reads each model with the table it maps (@@map, with or without its argument's name) and its fields' columns (@map)", () => {
    expect(models.map((m) => [m.name, m.table, m.line])).toEqual([["JobVersion", "job_versions", 8], ["Job", "Job", 22], ["Legacy", "Legacy", 27]]);
    const version = models[0];
    expect(version.fields.map((f) => `${f.name}:${f.column}:${f.line}`)).toEqual(["id:id:9", "isPrepared:prepare:11", "job:job:12", "jobId:jobId:13", "secret:secret:14", "tags:tags:15", "label:label:16"]);
    expect(version.fields[1].text).toBe('isPrepared Boolean @default(false) @map("prepare")');
  });

  it("a relation field, an @ignore field and an @@ignore model are nothing the client selects; a comment declares nothing", () => {
    const version = prismaModelOf(models, "job_versions")!;
    expect(selectedField(version, "prepare")?.name).toBe("isPrepared");
    expect(selectedField(version, "job")).toBeUndefined();
    expect(selectedField(version, "secret")).toBeUndefined();
    expect(selectedField(version, "jobId")?.line).toBe(13);
    expect(selectedField(prismaModelOf(models, "Legacy")!, "id")).toBeUndefined();
    // a string's text is no block
    expect(prismaModelOf(models, "Fake")).toBeUndefined();
  });

  it("matches the table as Prisma writes it (quoted: its case counts), and names the client's delegate", () => {
    expect(prismaModelOf(models, "Job")?.name).toBe("Job");
    expect(prismaModelOf(models, "job")).toBeUndefined();
    expect(prismaDelegate("JobVersion")).toBe("jobVersion");
  });
});

describe("the field's type and a schema that does not parse", () => {
  it("reads the field's type and its native database type (@db.Json), beside @map", () => {
    const [model] = readPrismaSchema([{ path: "schema.prisma", content: 'model Dataset {\n  id String @id\n  inputSchema Json? @map("input_schema") @db.Json\n  kind Kind\n}\n' }]);
    expect(model.fields.map((f) => [f.name, f.column, f.type, f.nativeType])).toEqual([["id", "id", "String", undefined], ["inputSchema", "input_schema", "Json", "Json"], ["kind", "kind", "Kind", undefined]]);
  });

  it("a file the grammar refuses is an error that names it and its line; through the loader, an unread schema", async () => {
    const broken = [{ path: "prisma/schema.prisma", content: "model Job {\n  id String @id\n  name String @map(\n}\n" }];
    expect(() => readPrismaSchema(broken)).toThrow(PrismaSchemaSyntaxError);
    expect(() => readPrismaSchema(broken)).toThrow(/^prisma\/schema\.prisma:3: the Prisma schema does not parse/);
    await loadPrismaSchema();
    expect(prismaSchemaModels(broken)).toBeUndefined();
    expect(prismaSchemaModels([{ path: "prisma/schema.prisma", content: SCHEMA }])?.map((m) => m.name)).toEqual(["JobVersion", "Job", "Legacy"]);
  });
});
