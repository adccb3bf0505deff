/**
 * The documentation files the deploy reads for a documented upgrade procedure (documented-upgrade.ts), chosen by
 * path the same for every edge (the CLI walks the docs folders, the App picks them from the head's listing).
 */
import { baseOf } from "../paths.js";

/** documentation files read for a procedure, at most: the ones named for upgrading first */
export const MAX_DEPLOY_DOCS = 12;
/** a documentation file larger than this is not read (a changelog, a generated reference) */
export const MAX_DEPLOY_DOC_BYTES = 200_000;
/** how deep under a docs folder its files are listed */
export const DOCS_WALK_DEPTH = 4;

const DOC_EXTENSION = /\.(?:md|markdown|rst)$/i;
/** the root's README, UPGRADE, UPGRADING, INSTALL, DEPLOY(MENT) documents (a folder's README speaks of the folder) */
const PROCEDURE_NAME = /^(?:README|UPGRAD\w*|INSTALL\w*|DEPLOY\w*)(?:[.-][\w.-]*)?\.(?:md|markdown|rst)$/i;
/** documentation folders whose files are read */
export const DOCS_FOLDER = /^(?:docs?|documentation)$/i;
/** words of a section title or file name that speak of upgrading, updating or deploying */
export const SPEAKS_OF_UPGRADE = /upgrad|updat|deploy/i;
/** folders a documentation file for the project's own deploy does not lie under */
const NOT_PROJECT_DOCS = /(?:^|\/)(?:node_modules|vendor|\.git|tests?|spec|fixtures?|examples?|third[_-]?party|locales?|i18n|translations?|_build|site-packages)(?:\/|$)/i;

/**
 * Folders under a docs folder that hold what an operator applies to run the project: hitobito's
 * doc/operator/openshift/, an `ops/`, `deployment/` or `kubernetes/` folder of the documentation.
 */
const OPERATOR_FOLDER = /^(?:operators?|operations|ops|admin|administration|deploy|deploying|deployments?|production|openshift|kubernetes|k8s|kube|helm|manifests)$/i;
/** Kubernetes and OpenShift manifests read from an operator's docs folder, at most */
export const MAX_OPERATOR_MANIFESTS = 16;

/**
 * A Kubernetes or OpenShift manifest kept in the documentation for operators (hitobito's
 * doc/operator/openshift/rails-web.yml, the DeploymentConfig its operators create with `oc`). Such manifests count,
 * like any manifest (kubernetes-workloads.ts reads the workloads they declare), unlike the prose around them
 * (documented-upgrade.ts reads prose only as a last resort): they are not steps a reader may or may not follow but the
 * objects the operator applies, read by the same parser as a k8s/ folder's, and they can go stale no more than a
 * k8s/ folder's can (hitobito's was last edited when the project moved to PostgreSQL). What keeps this from reading
 * a tutorial's sample: only YAML under a folder named for operating or deploying (OPERATOR_FOLDER) below a docs folder,
 * not under an examples or tests folder (NOT_PROJECT_DOCS), nor one named for development or a demo; a file that
 * declares no workload says nothing.
 */
export function isOperatorManifestPath(path: string): boolean {
  if (!/\.ya?ml$/i.test(path) || NOT_PROJECT_DOCS.test(path)) return false;
  const folders = path.split("/").slice(0, -1);
  const docs = folders.findIndex((f) => DOCS_FOLDER.test(f));
  if (docs === -1 || docs > 1 || folders.length - docs - 1 >= DOCS_WALK_DEPTH) return false;
  const below = folders.slice(docs + 1);
  return below.some((f) => OPERATOR_FOLDER.test(f)) && !below.some((f) => DEVELOPMENT_FOLDER.test(f)) && !DEVELOPMENT_FILE.test(baseOf(path));
}
/** words of a folder or file name under the docs that say development, tests or a demo */
const DEVELOPMENT_FOLDER = /^(?:dev|devel|development|local|tests?|testing|demos?|samples?|sandbox|playground|quickstart|tutorials?)$/i;
const DEVELOPMENT_FILE = /(?:^|[._-])(?:dev|devel|development|local|tests?|testing|demo|sample|sandbox|example)(?:[._-]|$)/i;

/** A documentation file the deploy reads for a documented procedure. */
export function isDeployDocPath(path: string): boolean {
  if (!DOC_EXTENSION.test(path) || NOT_PROJECT_DOCS.test(path)) return false;
  const folders = path.split("/").slice(0, -1);
  if (folders.length === 0 && PROCEDURE_NAME.test(path)) return true;
  const docs = folders.findIndex((f) => DOCS_FOLDER.test(f));
  // a docs folder at the root or one level down (`backend/docs/`), its files at most DOCS_WALK_DEPTH folders below it
  return docs !== -1 && docs <= 1 && folders.length - docs - 1 < DOCS_WALK_DEPTH;
}

/** named for upgrading first, then for installing or operating, then the README, then the rest, shallowest first */
export function docRank(path: string): number {
  const base = baseOf(path);
  if (SPEAKS_OF_UPGRADE.test(base)) return 0;
  if (/install|operat|admin|maintain|maintenance|production|setup/i.test(base)) return 1;
  if (/^readme/i.test(base)) return 2;
  return 3;
}

/**
 * The documentation files of a listing the deploy reads: at most MAX_DEPLOY_DOCS of prose, then at most
 * MAX_OPERATOR_MANIFESTS manifests of an operator's docs folder (isOperatorManifestPath), shallowest first.
 */
export function deployDocPaths(listing: readonly string[]): string[] {
  const depth = (p: string) => p.split("/").length;
  const prose = listing
    .filter(isDeployDocPath)
    .sort((a, b) => docRank(a) - docRank(b) || depth(a) - depth(b) || a.localeCompare(b))
    .slice(0, MAX_DEPLOY_DOCS);
  const manifests = listing
    .filter(isOperatorManifestPath)
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))
    .slice(0, MAX_OPERATOR_MANIFESTS);
  return [...prose, ...manifests];
}
