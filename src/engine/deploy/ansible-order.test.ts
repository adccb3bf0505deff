import type { SourceFile } from "../model.js";
import { ansibleRestartBeforeMigrate, roleDeploySteps, stepKind } from "./ansible-order.js";
import { isAnsibleRolePath, isInDeployWalk } from "./deploy-paths.js";

const file = (path: string, lines: string[]): SourceFile => ({ path, content: lines.join("\n") + "\n" });
const TASKS = "ansible/roles/app/tasks/main.yml";
const HANDLERS = "ansible/roles/app/handlers/main.yml";
const restartHandler = ["- name: Restart Gunicorn", "  ansible.builtin.systemd_service:", "    name: gunicorn.service", "    state: restarted"];
const migrateHandler = ["- name: Migrate", "  community.general.django_manage:", "    command: migrate", "    app_path: /srv/app"];
const copyNotifying = (...handlers: string[]) => ["- name: Checkout the code", "  git:", "    repo: https://example.invalid/app.git", "    dest: /srv/app", "  notify:", ...handlers.map((h) => `    - ${h}`)];

describe("Ansible role deploy order", () => {
  it("reads migrations and app-server restarts from the modules Ansible runs", () => {
    expect(stepKind({ shell: "cd /srv/app && ./manage.py migrate --noinput" })).toBe("migrate");
    expect(stepKind({ command: { argv: ["bundle", "exec", "rails", "db:migrate"] } })).toBe("migrate");
    expect(stepKind({ django_manage: "command=migrate app_path=/srv/app" })).toBe("migrate");
    expect(stepKind({ service: { name: "puma", state: "reloaded" } })).toBe("restart");
    expect(stepKind({ systemd: { name: "uwsgi@app", state: "stopped" } })).toBe("stop");
    expect(stepKind({ shell: "supervisorctl restart app" })).toBe("restart");
    // nginx proxies: its reload puts no code live
    expect(stepKind({ systemd: { name: "nginx", state: "reloaded" } })).toBeUndefined();
    expect(stepKind({ django_manage: { command: "collectstatic" } })).toBeUndefined();
  });

  it("handlers run in the handlers file's order, not the order the task notifies them", () => {
    const files = [file(TASKS, copyNotifying("Migrate", "Restart Gunicorn")), file(HANDLERS, [...restartHandler, "", ...migrateHandler])];
    expect(ansibleRestartBeforeMigrate(files)).toEqual({
      path: HANDLERS,
      line: 6,
      what: `the Ansible role restarts the app server (\`Restart Gunicorn\`, ${HANDLERS}:1) before it migrates (\`Migrate\`): the handlers run in the order the handlers file defines them`,
    });
    const reversed = [file(TASKS, copyNotifying("Restart Gunicorn", "Migrate")), file(HANDLERS, [...migrateHandler, "", ...restartHandler])];
    expect(ansibleRestartBeforeMigrate(reversed)).toBeUndefined();
  });

  it("a restart notified only by another task (a settings change) is not part of a code deploy", () => {
    const tasks = [...copyNotifying("Migrate"), "- name: Settings", "  template:", "    src: settings.py.j2", "    dest: /etc/app/settings.py", "  notify: Restart Gunicorn"];
    expect(ansibleRestartBeforeMigrate([file(TASKS, tasks), file(HANDLERS, [...restartHandler, "", ...migrateHandler])])).toBeUndefined();
  });

  it("plain tasks in order, a flush point, an include of a file beside main.yml, a listen topic", () => {
    const tasks = [...copyNotifying("restart web"), "- meta: flush_handlers", "- import_tasks: migrate.yml"];
    const migrateTasks = ["- name: Run migrations", "  command: /srv/app/venv/bin/alembic upgrade head"];
    const handlers = ["- name: Restart the app", "  systemd: name=gunicorn state=restarted", "  listen: restart web"];
    const files = [file(TASKS, tasks), file("ansible/roles/app/tasks/migrate.yml", migrateTasks), file(HANDLERS, handlers)];
    // the handler is not notified together with a migration: it is not on the code deploy's path
    expect(roleDeploySteps({ tasks: files[0]!, handlers: files[2], others: [files[1]!] })!.map((s) => s.kind)).toEqual(["migrate"]);
    // a plain restart task before the plain migration: code first
    const plain = ["- name: Restart gunicorn", "  service:", "    name: gunicorn", "    state: restarted", "- import_tasks: migrate.yml"];
    expect(ansibleRestartBeforeMigrate([file(TASKS, plain), files[1]!])).toMatchObject({ path: "ansible/roles/app/tasks/migrate.yml", line: 1 });
    // a handler that listens to a topic notified with the migration runs in its place in the handlers file
    const listening = [file(TASKS, copyNotifying("Migrate", "restart web")), file(HANDLERS, [...handlers, "", ...migrateHandler])];
    expect(ansibleRestartBeforeMigrate(listening)).toMatchObject({ path: HANDLERS, line: 5 });
  });

  it("a stop before the migration, a conditional restart, a handler chain: no evidence", () => {
    const stopFirst = ["- name: Stop", "  systemd:", "    name: gunicorn", "    state: stopped", "- name: Restart", "  systemd:", "    name: gunicorn", "    state: restarted", "- name: Migrate", "  shell: ./manage.py migrate"];
    expect(ansibleRestartBeforeMigrate([file(TASKS, stopFirst)])).toBeUndefined();
    const conditional = ["- name: Restart", "  systemd:", "    name: gunicorn", "    state: restarted", "  when: restart_app", "- name: Migrate", "  shell: ./manage.py migrate"];
    expect(ansibleRestartBeforeMigrate([file(TASKS, conditional)])).toBeUndefined();
    const chain = [...restartHandler, "  notify: Migrate", "", ...migrateHandler];
    expect(ansibleRestartBeforeMigrate([file(TASKS, copyNotifying("Migrate", "Restart Gunicorn")), file(HANDLERS, chain)])).toBeUndefined();
  });

  it("Molecule and Vagrant plays and development roles are not production; an Ansible tree is walked deeper", () => {
    expect(isAnsibleRolePath("infra/ansible/roles/django/handlers/main.yml")).toBe(true);
    expect(isAnsibleRolePath("roles/app/molecule/default/roles/app/tasks/main.yml")).toBe(false);
    expect(isAnsibleRolePath("vagrant/roles/app/tasks/main.yml")).toBe(false);
    expect(isAnsibleRolePath("dev-env/roles/app/tasks/main.yml")).toBe(false);
    expect(isInDeployWalk("infra/ansible/roles/django/handlers/main.yml")).toBe(true);
    expect(isInDeployWalk("infra/app/server/config/nested/deploy.sh")).toBe(false);
    const restartFirst = [file(TASKS, copyNotifying("Migrate", "Restart Gunicorn")), file(HANDLERS, [...restartHandler, "", ...migrateHandler])];
    expect(ansibleRestartBeforeMigrate(restartFirst.map((f) => ({ ...f, path: `molecule/default/${f.path}` })))).toBeUndefined();
  });
});
