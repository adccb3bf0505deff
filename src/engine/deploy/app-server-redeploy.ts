/**
 * A deploy that takes the running version off its application server before it deploys the new one (Dataverse's
 * deploy workflow: `asadmin undeploy`, then `asadmin deploy` of the new war), of an application that applies its
 * migrations when it is deployed (self-migrating.ts: Dataverse's @Startup Flyway migrator). Between the two nothing
 * serves, and the new version serves only once its migration is done, so no old code meets the new schema and no
 * request waits on a lock: what remains is the downtime. GlassFish / Payara's `asadmin` and WildFly's `jboss-cli`, in a
 * sequence the repository writes for production (deploy-sequences.ts), with the sequence's own shell variables
 * expanded (`ASADMIN='/usr/local/payara7/bin/asadmin --user admin'`, then `$ASADMIN undeploy $APPLICATION_NAME`).
 * The documentation's upgrade steps are not read: only commands that run.
 */
import type { SourceFile } from "../model.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isDevelopmentPath } from "./deploy-paths.js";
import { deploySequences } from "./deploy-sequences.js";
import type { DeployCommand } from "./maintenance-yaml.js";
import { selfMigratingApp } from "./self-migrating.js";

/** the application server's command that removes the deployed application */
const UNDEPLOY = /\basadmin\b.*\sundeploy\b|\bjboss-cli(?:\.sh)?\b.*\bundeploy\b/;
/** the command that deploys an application (`asadmin deploy`, jboss-cli's `deploy`; not `undeploy`) */
const DEPLOY = /\basadmin\b.*\sdeploy\b|\bjboss-cli(?:\.sh)?\b.*[\s"'=]deploy\b/;

/** The commands with the variables that earlier lines of the same sequence assign (`NAME=value`) put in. */
function withVariables(commands: readonly DeployCommand[]): DeployCommand[] {
  const variables = new Map<string, string>();
  return commands.map((command) => {
    const text = command.text.replace(/\$\{(\w+)\}|\$(\w+)/g, (written, braced?: string, bare?: string) => variables.get((braced ?? bare)!) ?? written);
    const assignment = /^\s*(?:export\s+)?([A-Za-z_]\w*)=(?:'([^']*)'|"([^"]*)"|(\S*))\s*$/.exec(text);
    if (assignment) variables.set(assignment[1]!, assignment[2] ?? assignment[3] ?? assignment[4] ?? "");
    return { ...command, text };
  });
}

/** The production deploy sequence that undeploys the application before it deploys the new version, when that version migrates as it starts. */
export function appServerRedeploy(files: readonly SourceFile[]): DeployEvidence | undefined {
  const sequences = deploySequences(files.filter((f) => !isDevelopmentPath(f.path)));
  for (const sequence of sequences) {
    const commands = withVariables(sequence.commands);
    const undeploy = commands.findIndex((c) => UNDEPLOY.test(c.text));
    const deploy = commands.findIndex((c, i) => i > undeploy && DEPLOY.test(c.text));
    if (undeploy === -1 || deploy === -1) continue;
    // the application is read only for a sequence that redeploys it: the first such sequence decides
    const startup = selfMigratingApp(files);
    if (!startup) return undefined;
    return {
      path: sequence.path,
      line: commands[undeploy]!.line,
      what: `the deploy undeploys the running application before it deploys the new version (line ${commands[deploy]!.line}), which migrates as it starts (${startup.path}:${startup.line})`,
      reason: "no old code serves while the new version migrates, and the new one serves only after",
    };
  }
  return undefined;
}
