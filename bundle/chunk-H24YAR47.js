import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{displayPath}from"./chunk-RFL4SSNA.js";import{CONFIG_DEFAULTS}from"./chunk-HU3ZYY7L.js";import{UsageError}from"./chunk-GHHFVP6H.js";import{existsSync,readFileSync}from"node:fs";import{dirname,join,resolve}from"node:path";function findConfigFile(start){let dir=resolve(start);for(;;){for(let name of["migguard.yml","migguard.yaml"]){let candidate=join(dir,".github",name);if(existsSync(candidate))return candidate}if(existsSync(join(dir,".git")))return;let parent=dirname(dir);if(parent===dir)return;dir=parent}}async function loadCliConfig(explicit,cwd=process.cwd()){let path=explicit?resolve(cwd,explicit):findConfigFile(cwd);if(explicit&&(!path||!existsSync(path)))throw new UsageError(`config file not found: ${explicit}`);if(!path)return{config:structuredClone(CONFIG_DEFAULTS),problems:[]};let[{loadConfig},{KNOWN_RULE_IDS}]=await Promise.all([import("./chunk-DIEZN42W.js"),import("./chunk-23TS3B3E.js")]);return{...loadConfig(readFileSync(path,"utf8"),KNOWN_RULE_IDS),path:displayPath(path,cwd)}}export{loadCliConfig};
