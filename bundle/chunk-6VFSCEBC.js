import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{ConfigSchema,RuleSetting,defaultConfig,loadConfig,oversizedConfig,resolveConfig}from"./chunk-B5YUDWQ6.js";import{ruleOptions,ruleSeverity}from"./chunk-WWCBNKUF.js";import{CONFIG_PATHS}from"./chunk-LKF7GW36.js";import"./chunk-OVWCSQHW.js";import"./chunk-WUBAWW3X.js";import"./chunk-TG2JBWVK.js";import"./chunk-QYA5NCKE.js";import"./chunk-SL54QWOZ.js";export{CONFIG_PATHS,ConfigSchema,RuleSetting,defaultConfig,loadConfig,oversizedConfig,resolveConfig,ruleOptions,ruleSeverity};
