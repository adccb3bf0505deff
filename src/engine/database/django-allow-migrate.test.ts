/** allow_migrate read from the tree for one (alias, app label): what the code decides alone, else unknown. */
import { readModule } from "../adapters/python/module.js";
import { functionDefinitions } from "../adapters/python/nodes.js";
import { loadPythonParser, withPythonTree } from "../adapters/python/parser.js";
import { allowMigrate, type AllowMigrate } from "./django-allow-migrate.js";

beforeAll(() => loadPythonParser());

/** The router module's allow_migrate answers for each (alias, label), as `alias/label=answer`. */
function answers(source: string, pairs: Array<[string, string]>): string[] {
  return withPythonTree(source, (root) => {
    const module = readModule(root, source);
    const cls = [...module.classes.values()][0];
    const method = functionDefinitions(cls.childForFieldName("body")!).get("allow_migrate")!;
    return pairs.map(([db, label]) => `${db}/${label}=${String(allowMigrate(method, db, label, module) as AllowMigrate)}`);
  });
}

const router = (body: string, head = "") => `${head}
class Router:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
${body
  .split("\n")
  .map((line) => `        ${line}`)
  .join("\n")}
`;

const PAIRS: Array<[string, string]> = [
  ["default", "content"],
  ["channels", "content"],
  ["default", "shop"],
  ["channels", "shop"],
];

describe("allowMigrate", () => {
  it.each([
    ["comparisons with literals, if / elif / else", 'if app_label == "content":\n    return db == "channels"\nelif db == "channels":\n    return False\nelse:\n    return None', ["default/content=false", "channels/content=true", "default/shop=null", "channels/shop=false"]],
    ["`in` a literal tuple, `not in` a list, and / or / not", 'if app_label in ("content", "media") and not db == "default":\n    return True\nif app_label not in ["content"] or db == "channels":\n    return db != "channels"\nreturn False', ["default/content=false", "channels/content=true", "default/shop=true", "channels/shop=false"]],
    ["a module constant and Django's DEFAULT_DB_ALIAS, through a local", "if app_label == LABEL:\n    val = db != DEFAULT_DB_ALIAS\nelse:\n    val = db == DEFAULT_DB_ALIAS\nreturn val", ["default/content=false", "channels/content=true", "default/shop=true", "channels/shop=false"], 'from django.db import DEFAULT_DB_ALIAS\n\nLABEL = "content"\n'],
    ["falling off the end is None (no opinion); a string returned counts by its truth", 'if app_label == "content":\n    return db', ["default/content=true", "channels/content=true", "default/shop=null", "channels/shop=null"]],
    ["a condition on model_name that both branches answer alike is decided", 'if model_name is None:\n    return db == "default"\nreturn db == "default"', ["default/content=true", "channels/content=false", "default/shop=true", "channels/shop=false"]],
    ["a condition on model_name whose branches differ is unknown", 'if model_name is None:\n    return db == "default"\nreturn db != "default"', ["default/content=unknown", "channels/content=unknown", "default/shop=unknown", "channels/shop=unknown"]],
    ["a model lookup is unknown", "model = apps.get_model(app_label, model_name)\nreturn model._meta.app_label == db", ["default/content=unknown", "channels/content=unknown", "default/shop=unknown", "channels/shop=unknown"]],
    ["a try, a settings value, a hint are unknown where they decide", 'if app_label == "shop":\n    return None\nif db == settings.CONTENT_DB:\n    return True\nreturn hints.get("x")', ["default/content=unknown", "channels/content=unknown", "default/shop=null", "channels/shop=null"]],
  ])("%s", (_name, body, expected, head = "") => {
    expect(answers(router(body, head), PAIRS)).toEqual(expected);
  });

  it("a name the method binds hides the module's constant", () => {
    expect(answers(router('LABEL = app_label.upper()\nreturn LABEL == "content"', 'LABEL = "content"\n'), [["default", "content"]])).toEqual(["default/content=unknown"]);
  });
});
