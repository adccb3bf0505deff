/**
 * Working directories that are no project: the file system's root, the home and the temp directory. A lint
 * started there with no repository around reads nothing of them (no application code, no deploy files): their
 * children are unrelated trees (other checkouts, other tests' folders), whose Dockerfile or upgrade notes would
 * decide the deploy of migrations they do not hold.
 */
import { homedir, tmpdir } from "node:os";
import { resolve } from "node:path";

const NOT_A_PROJECT = new Set([resolve("/"), resolve(homedir()), resolve(tmpdir())]);

export const isNotAProject = (dir: string): boolean => NOT_A_PROJECT.has(resolve(dir));
