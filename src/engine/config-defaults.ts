/**
 * The config every key of which is its default (what a repository without .github/migguard.yml gets).
 * Pure data: the bundle (scripts/bundle.ts) carries the value computed at build time, so a lint without a
 * config file loads neither zod nor the YAML parser. Copy it before changing anything in it.
 */
import { defaultConfig, type Config } from "./config.js";

export const CONFIG_DEFAULTS: Readonly<Config> = defaultConfig();
