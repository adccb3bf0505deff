/**
 * django-parler's migration recipe through `migguard lint`: an earlier migration's RunPython copies the untranslated
 * fields into the translation table, then a later one removes them. The RunPython's function comes from a factory
 * called with a literal model name, read with that name bound (django-nested-functions.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { PARLER_RECIPE, PARLER_RECIPE_OPERATION, PARLER_REMOVE, PARLER_REMOVE_PATH, parlerCopy } from "../../src/engine/testing/parler-fixtures.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string };

async function dropsLinted(functions: string, operations: string, more: Record<string, string> = {}): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-parler-"));
  for (const [path, content] of Object.entries({ ...parlerCopy(functions, operations), [PARLER_REMOVE_PATH]: PARLER_REMOVE, ...more })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const result = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings.filter((f) => f.path === PARLER_REMOVE_PATH && f.rule === "drop-column");
}

const FACTORY = `def forwards_func_factory(modelname):
    def forwards_func(apps, schema_editor):
        MyModel = apps.get_model("app", modelname)
        for obj in MyModel.objects.all():
            obj.translations.create(language_code="fi", label=obj.label)

    return forwards_func`;

describe("a RunPython whose function a factory returns", () => {
  it("is read with the factory's literal arguments bound: the step read label before the drop", async () => {
    const [label, color] = await dropsLinted(FACTORY, `migrations.RunPython(forwards_func_factory("Label"), migrations.RunPython.noop),`);
    expect(label).toMatchObject({ line: 8, severity: "warning" });
    expect(label!.message).toContain('(RunPython(forwards_func_factory("Label"))) read its values');
    expect(color).toMatchObject({ line: 9, severity: "error" });
  });

  it("called with a name known only at run time, is not: the data-loss error stays", async () => {
    const findings = await dropsLinted(`from django.conf import settings\n\n${FACTORY}`, `migrations.RunPython(forwards_func_factory(settings.TRANSLATED_MODEL), migrations.RunPython.noop),`);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[8, "error"], [9, "error"]]);
  });
});

describe("django-parler's recipe: an earlier migration copied the fields into the translation table", () => {
  // the container's start script migrates before the server starts: no old code reads the dropped column
  const OFFLINE = { Dockerfile: 'FROM python:3.12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "app.wsgi"]\n', "docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n' };

  it("drops a copied field with a note that says where its values went; a field the copy lacks keeps its data loss (a warning: offline, no old code reads it)", async () => {
    const [label, color] = await dropsLinted(PARLER_RECIPE, PARLER_RECIPE_OPERATION, OFFLINE);
    expect(label).toMatchObject({ line: 8, severity: "info" });
    expect(label!.message).toContain("copied every row's value into app_label_translation.label (its reverse copies them back)");
    expect(color).toMatchObject({ line: 9, severity: "warning" });
  });

  it("online, says the values live on and what is left: old servers reading the column", async () => {
    const [label] = await dropsLinted(PARLER_RECIPE, PARLER_RECIPE_OPERATION);
    expect(label).toMatchObject({ line: 8, severity: "warning" });
    expect(label!.message).toContain("the data lives on there, and a rollback of this migration, then of that step, puts it back, but servers still running the old code read label");
  });

  it("keeps the data loss when the copy writes nowhere (the translation is never saved): no note, a warning offline", async () => {
    const findings = await dropsLinted(PARLER_RECIPE.replace("            translation.save()\n", ""), PARLER_RECIPE_OPERATION, OFFLINE);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[8, "warning"], [9, "warning"]]);
  });
});
