/** Django's order of an app's migrations (django-plan.ts) and the history each one meets (SchemaHistory.placeBefore). */
import { analyzeLoaded, loadEngine } from "../analyze.js";
import { detectFile } from "../detect.js";
import { djangoPlan } from "./django-plan.js";
import { inRunOrder } from "../run-order.js";
import { SchemaHistory } from "./schema-history.js";

beforeAll(() => loadEngine());

const migration = (parents: string[], operations: string[], extra = "") => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${parents.map((p) => `("shop", "${p}")`).join(", ")}]
${extra}
    operations = [${operations.join(", ")}]
`;

const CREATE = 'migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True))])';
const ADD = (name: string) => `migrations.AddField(model_name="order", name="${name}", field=models.IntegerField(null=True))`;

function load(files: Record<string, string>) {
  const entries = Object.entries(files).map(([path, content]) => ({ path: `shop/migrations/${path}.py`, content }));
  const result = analyzeLoaded({ files: entries });
  const parsed = result.migrations.map((m) => ({ file: detectFile(m.path, entries.find((e) => e.path === m.path)!.content)!, migration: m }));
  const name = (path: string) => path.split("/").pop()!.replace(/\.py$/, "");
  return { migrations: result.migrations, history: new SchemaHistory(parsed), name, path: (n: string) => `shop/migrations/${n}.py` };
}

/** 0002_a and 0002_b branch off 0001; 0003_merge joins them; 0004 follows the merge */
const BRANCHED = {
  "0001_initial": migration([], [CREATE]),
  "0002_a": migration(["0001_initial"], [ADD("a")]),
  "0002_b": migration(["0001_initial"], [ADD("b")]),
  "0003_merge": migration(["0002_a", "0002_b"], []),
  "0004_c": migration(["0003_merge"], [ADD("c")]),
};

describe("Django's migration graph", () => {
  it("orders an app as migrate does: each after its dependencies, the merge's last parent's line first", () => {
    const { migrations, name } = load(BRANCHED);
    expect(djangoPlan(migrations).order.map((m) => name(m.path))).toEqual(["0001_initial", "0002_b", "0002_a", "0003_merge", "0004_c"]);
  });

  it("a squash stands for the migrations it replaces, which sit just before it", () => {
    const { migrations, name } = load({
      "0001_initial": migration([], [CREATE]),
      "0002_a": migration(["0001_initial"], [ADD("a")]),
      "0001_squashed_0002_a": migration([], [CREATE, ADD("a")], '    replaces = [("shop", "0001_initial"), ("shop", "0002_a")]\n'),
      "0003_b": migration(["0002_a"], [ADD("b")]),
    });
    const plan = djangoPlan(migrations);
    expect(plan.order.map((m) => name(m.path))).toEqual(["0001_initial", "0002_a", "0001_squashed_0002_a", "0003_b"]);
    expect(plan.forwardsPlan(migrations.find((m) => name(m.path) === "0003_b")!)!.map((m) => name(m.path))).toEqual(["0001_squashed_0002_a"]);
  });

  it("a migration of a branch meets its ancestors only; one after the merge meets both branches", () => {
    const { history, path } = load(BRANCHED);
    const columns = (at: string) => {
      const state = history.provenColumnsBefore(path(at), "shop_order");
      return state && state !== "unknown" ? [...state.columns].sort() : state;
    };
    expect(columns("0002_a")).toEqual(["id"]);
    expect(columns("0002_b")).toEqual(["id"]);
    expect(columns("0004_c")).toEqual(["a", "b", "id"]);
    expect(history.earlierOfSet(path("0002_a")).map((m) => m.path)).toEqual([path("0001_initial")]);
    expect(history.earlierOfSet(path("0004_c")).map((m) => m.path)).toEqual(["0001_initial", "0002_b", "0002_a", "0003_merge"].map(path));
  });

  it("an app whose migrations depend on one that is not there keeps its files' order (the graph has a gap)", () => {
    const { history, path } = load({
      "0001_initial": migration([], [CREATE]),
      "0002_a": migration(["0001_initial"], [ADD("a")]),
      "0002_b": migration(["fix_lines"], [ADD("b")]),
      "0003_c": migration(["0002_b"], [ADD("c")]),
    });
    expect(history.earlierOfSet(path("0003_c")).map((m) => m.path)).toEqual(["0001_initial", "0002_a", "0002_b"].map(path));
  });
});

describe("a change's migrations across apps (run-order.ts)", () => {
  const app = (label: string, dependencies: Array<[string, string]>) => `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [${dependencies.map(([a, n]) => `("${a}", "${n}")`).join(", ")}]

    operations = []
`;

  function entries(files: Record<string, string>) {
    const loaded = Object.entries(files).map(([path, content]) => ({ path, content }));
    const result = analyzeLoaded({ files: loaded });
    return result.migrations.map((m) => ({ file: detectFile(m.path, loaded.find((e) => e.path === m.path)!.content)!, migration: m }));
  }

  it("an app's migration that depends on another app's runs after it, though its file sorts first; other runners' files keep their places", () => {
    const found = entries({
      "billing/migrations/0002_index.py": app("billing", [["billing", "0001_initial"], ["catalog", "0002_product"]]),
      "catalog/migrations/0002_product.py": app("catalog", [["catalog", "0001_initial"]]),
      "catalog/migrations/0003_price.py": app("catalog", [["catalog", "0002_product"]]),
      "db/migrations/0001_setup.sql": "CREATE TABLE setup (id int);\n",
    });
    expect(inRunOrder(found).map((e) => e.file.path)).toEqual([
      "db/migrations/0001_setup.sql",
      "catalog/migrations/0002_product.py",
      "billing/migrations/0002_index.py",
      "catalog/migrations/0003_price.py",
    ]);
  });

  it("without a dependency between them, Django's own order: app label, then name", () => {
    const found = entries({
      "catalog/migrations/0002_product.py": app("catalog", [["catalog", "0001_initial"]]),
      "billing/migrations/0003_index.py": app("billing", [["billing", "0002_tax"]]),
    });
    expect(inRunOrder(found).map((e) => e.file.path)).toEqual(["billing/migrations/0003_index.py", "catalog/migrations/0002_product.py"]);
  });
});

describe("another app's table a migration meets (SchemaHistory.djangoBirthElsewhere)", () => {
  const file = (app: string, dependencies: Array<[string, string]>, operations: string[]) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${dependencies.map(([a, n]) => `("${a}", "${n}")`).join(", ")}]

    operations = [${operations.join(", ")}]
`;
  const PRODUCT = 'migrations.CreateModel(name="Product", fields=[("id", models.AutoField(primary_key=True))])';
  const DROP = 'migrations.DeleteModel(name="Product")';

  function history(files: Record<string, string>) {
    const loaded = Object.entries(files).map(([path, content]) => ({ path, content }));
    const result = analyzeLoaded({ files: loaded });
    return new SchemaHistory(result.migrations.map((m) => ({ file: detectFile(m.path, loaded.find((e) => e.path === m.path)!.content)!, migration: m })));
  }

  it("the table of a dependency's app is there, created by it; not for a migration that does not depend on it, nor once its app dropped it", () => {
    const found = history({
      "catalog/migrations/0001_initial.py": file("catalog", [], [PRODUCT]),
      "catalog/migrations/0002_drop.py": file("catalog", [["catalog", "0001_initial"]], [DROP]),
      "billing/migrations/0001_initial.py": file("billing", [["catalog", "0001_initial"]], []),
      "billing/migrations/0002_after_drop.py": file("billing", [["billing", "0001_initial"], ["catalog", "0002_drop"]], []),
      "shipping/migrations/0001_initial.py": file("shipping", [], []),
    });
    expect(found.djangoBirthElsewhere("billing/migrations/0001_initial.py", "catalog_product")?.creator.path).toBe("catalog/migrations/0001_initial.py");
    expect(found.djangoBirthElsewhere("billing/migrations/0002_after_drop.py", "catalog_product")).toBeUndefined();
    expect(found.djangoBirthElsewhere("shipping/migrations/0001_initial.py", "catalog_product")).toBeUndefined();
    // its own app's history answers for its own tables
    expect(found.djangoBirthElsewhere("catalog/migrations/0002_drop.py", "catalog_product")).toBeUndefined();
  });
});
