/** AUTH_USER_MODEL read from settings modules, and "app_label.Model" resolved through that app's migrations. */
import { readUserModelSetting, userModelTable } from "./django-user-model.js";
import { loadPythonParser } from "./parser.js";

beforeAll(() => loadPythonParser());

const settings = (...contents: string[]) => contents.map((content, i) => ({ path: `proj/settings/s${i}.py`, content }));

describe("readUserModelSetting", () => {
  it("reads a module-level assignment and a settings class's attribute", () => {
    expect(readUserModelSetting(settings('AUTH_USER_MODEL = "accounts.Member"\n'))).toBe("accounts.Member");
    expect(readUserModelSetting(settings('class Base(Configuration):\n    AUTH_USER_MODEL = "core.User"\n'))).toBe("core.User");
  });

  it("settings that never set it keep Django's default; none given, disagreeing or computed values are unknown", () => {
    expect(readUserModelSetting(settings("DEBUG = True\n"))).toBe("default");
    expect(readUserModelSetting([])).toBeUndefined();
    expect(readUserModelSetting(settings('AUTH_USER_MODEL = "a.User"\n', 'AUTH_USER_MODEL = "b.User"\n'))).toBeUndefined();
    expect(readUserModelSetting(settings('import os\nAUTH_USER_MODEL = os.environ["USER_MODEL"]\n'))).toBeUndefined();
    // an assignment inside a function runs only when called: not the module's setting
    expect(readUserModelSetting(settings('def f():\n    AUTH_USER_MODEL = "x.User"\n'))).toBe("default");
  });
});

describe("userModelTable", () => {
  const migration = (options: string) =>
    `from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Member", fields=[("id", models.AutoField(primary_key=True))]${options}),\n    ]\n`;
  it("takes the model's db_table, else Django's <app_label>_<model>; a model the migrations do not create is unknown", () => {
    const folder = (options: string) => [{ path: "accounts/migrations/0001_initial.py", content: migration(options) }];
    expect(userModelTable("accounts.Member", [folder(', options={"db_table": "members"}')])).toBe("members");
    expect(userModelTable("accounts.Member", [folder("")])).toBe("accounts_member");
    expect(userModelTable("accounts.Other", [folder("")])).toBeUndefined();
    expect(userModelTable("billing.Member", [folder("")])).toBeUndefined();
  });
});
