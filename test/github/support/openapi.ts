/**
 * Validates the requests the app sends against GitHub's own OpenAPI description (@octokit/openapi,
 * api.github.com): the route must exist for the method, and the JSON body must match the operation's
 * request-body schema, and every query parameter must be one the operation declares, its value matching the
 * parameter's schema (a number where GitHub takes an integer). A request GitHub would reject fails the test.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string };
}
interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  parameters?: Array<Parameter | { $ref: string }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  operation: Operation;
}

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

export class OpenApiValidator {
  readonly #routes: Route[] = [];
  readonly #validators = new Map<string, ValidateFunction | null>();
  readonly #ajv: Ajv;
  readonly #parameters: Record<string, Parameter>;

  constructor() {
    const path = require.resolve("@octokit/openapi/generated/api.github.com.json");
    const doc = JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
    this.#parameters = doc.components.parameters;
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...doc, $id: "github" }, "github");
    for (const [template, item] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const [method, operation] of Object.entries(item)) if (METHODS.has(method)) this.#routes.push({ method: method.toUpperCase(), template, pattern, operation });
    }
    // literal segments beat parameters: /pulls/comments/{id} before /pulls/{pull_number}/...
    this.#routes.sort((a, b) => a.template.split("{").length - b.template.split("{").length);
  }

  route(method: string, path: string): Route | undefined {
    return this.#routes.find((r) => r.method === method && r.pattern.test(path));
  }

  /** Query parameters the operation does not declare, or whose value cannot be of the declared type. */
  #queryProblems(route: Route, query: URLSearchParams): string[] {
    const declared = new Map<string, Parameter>();
    for (const p of route.operation.parameters ?? []) {
      const parameter = "$ref" in p ? this.#parameters[p.$ref.replace("#/components/parameters/", "")] : p;
      if (parameter?.in === "query") declared.set(parameter.name, parameter);
    }
    const problems: string[] = [];
    for (const [name, value] of query) {
      const parameter = declared.get(name);
      if (!parameter) problems.push(`${route.method} ${route.template}: no query parameter ${name}`);
      else if (parameter.schema?.type === "integer" && !/^-?\d+$/.test(value)) problems.push(`${route.method} ${route.template}: query ${name}=${value} is not an integer`);
    }
    return problems;
  }

  /** Problems with one request: unknown route, an undeclared query parameter, or a body that does not match the schema. Empty when valid. */
  validate(method: string, path: string, body: unknown, query: URLSearchParams = new URLSearchParams()): string[] {
    const route = this.route(method, path);
    if (!route) return [`${method} ${path}: no such route in GitHub's REST API`];
    const queryProblems = this.#queryProblems(route, query);
    if (queryProblems.length) return queryProblems;
    const schema = route.operation.requestBody?.content?.["application/json"]?.schema;
    if (!schema) return body === undefined ? [] : [`${method} ${route.template}: GitHub takes no JSON body here`];
    if (body === undefined) return route.operation.requestBody?.required ? [`${method} ${route.template}: a JSON body is required`] : [];
    const key = `${route.method} ${route.template}`;
    let validate = this.#validators.get(key);
    if (validate === undefined) {
      const pointer = `github#/paths/${route.template.replace(/~/g, "~0").replace(/\//g, "~1")}/${route.method.toLowerCase()}/requestBody/content/application~1json/schema`;
      validate = this.#ajv.compile({ $ref: pointer });
      this.#validators.set(key, validate);
    }
    if (validate && !validate(body)) {
      return (validate.errors ?? []).map((e) => `${method} ${route.template}: body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
    }
    return [];
  }
}

let shared: OpenApiValidator | undefined;
/** Loading the 13 MB description takes a moment: share one validator per process. */
export const openApiValidator = (): OpenApiValidator => (shared ??= new OpenApiValidator());
