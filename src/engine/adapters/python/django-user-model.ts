/**
 * The table of the project's user model (`settings.AUTH_USER_MODEL`): the setting read from the settings modules
 * with the Python grammar (a module-level assignment, or a class attribute as django-configurations writes it),
 * then "app_label.Model" resolved through that app's migrations (Meta.db_table, else Django's `<app>_<model>`).
 * Unknown (undefined) when no settings module is given, they disagree, or the value is computed at run time: the
 * user model is swappable, so `auth_user` is only Django's default, never a guess.
 */
import type { DjangoProject } from "../index.js";
import { historyOf } from "./django-history.js";
import type { ProjectModules } from "./project-modules.js";
import { withPythonTree, type PyNode } from "./parser.js";
import type { TypeRef } from "../../model.js";
import { typeRef } from "../../types.js";

type Files = ReadonlyArray<{ path: string; content: string }>;

/** Every `AUTH_USER_MODEL = ...` outside functions: a string's value, or null when it is computed. */
function userModelSettings(root: PyNode): Array<string | null> {
  const out: Array<string | null> = [];
  const visit = (node: PyNode) => {
    if (node.type === "function_definition" || node.type === "lambda") return;
    if (node.type === "assignment" && node.childForFieldName("left")?.text === "AUTH_USER_MODEL") {
      const right = node.childForFieldName("right");
      const parts = right?.type === "string" ? right.namedChildren.filter((c) => c?.type !== "string_start" && c?.type !== "string_end") : [];
      out.push(parts.length === 1 && parts[0]?.type === "string_content" ? parts[0].text : null);
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(root);
  return out;
}

/** The setting's value across the settings modules: one string, "default" when none sets it, undefined when unknown. */
export function readUserModelSetting(settings: Files): string | "default" | undefined {
  if (settings.length === 0) return undefined;
  const values = new Set<string | null>();
  for (const file of settings) {
    try {
      for (const v of withPythonTree(file.content, userModelSettings)) values.add(v);
    } catch {
      return undefined; // a settings module the grammar cannot read may set it
    }
  }
  if (values.size === 0) return "default";
  const [only] = values;
  return values.size === 1 && only && /^\w+\.\w+$/.test(only) ? only : undefined;
}

/**
 * "app_label.Model" -> its table, from the migrations of the app with that label among the given folders. `modules`:
 * the project's modules, which the folders' shared histories read their files with (a history read here first
 * keeps its files, so they must be read as the adapter reads them).
 */
export function userModelTable(setting: string, folders: readonly Files[], modules?: ProjectModules): string | undefined {
  return userModel(setting, folders, modules).table;
}

/** The user model as the project's migrations leave it: its table, and its primary key's column type (a ForeignKey to it has that type). */
export interface UserModel {
  table?: string;
  keyType?: TypeRef;
}

/** Django's own auth.User: auth_user, keyed by an AutoField (integer). */
const AUTH_USER: UserModel = { table: "auth_user", keyType: typeRef("integer") };

/**
 * "app_label.Model" -> its table and key type, from the migrations of the app with that label among the given
 * folders; a key that is itself a relation (a parent link) or of a type not read stays unknown.
 */
export function userModel(setting: string, folders: readonly Files[], modules?: ProjectModules): UserModel {
  const [app, model] = setting.split(".");
  if (app === "auth" && model.toLowerCase() === "user") return AUTH_USER;
  for (const files of folders) {
    if (files.length === 0) continue;
    const history = historyOf(files, modules);
    if (history.appLabel(files[0].path).toLowerCase() !== app.toLowerCase()) continue;
    const state = history.stateAtEnd(app);
    const found = state.model(model);
    // the app's migrations do not create the model: its table is not known here
    if (!found) return {};
    const keys = [...found.fields.values()].filter((f) => f.primaryKey);
    const keyType = keys.length === 1 && !keys[0].relation ? keys[0].type : undefined;
    return { table: state.table(model), ...(keyType ? { keyType } : {}) };
  }
  return {};
}

const models = new WeakMap<DjangoProject, UserModel>();

/** The user model of the project (table, key type), read once per analysis (each undefined: unknown). */
export function projectUserModel(project: DjangoProject, modules?: ProjectModules): UserModel {
  let known = models.get(project);
  if (!known) {
    const setting = readUserModelSetting(project.settings);
    known = setting === "default" ? AUTH_USER : setting ? userModel(setting, project.folders, modules) : {};
    models.set(project, known);
  }
  return known;
}

/** The user model's table for the project (undefined: unknown). */
export function projectUserTable(project: DjangoProject, modules?: ProjectModules): string | undefined {
  return projectUserModel(project, modules).table;
}
