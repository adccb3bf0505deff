import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{ruleDocsUrl}from"./chunk-TB7GXGKD.js";import"./chunk-SL54QWOZ.js";var paint=(on,code,text)=>on?`\x1B[${code}m${text}\x1B[0m`:text;function toText(findings,errors,options={}){let lines=[];for(let f of findings){let color=f.severity==="error"?"31":f.severity==="warning"?"33":"36";lines.push(`${f.path}:${f.line}: ${paint(options.color,color,f.severity)} ${f.rule}: ${f.message}`);for(let detail of f.details)lines.push(`    ${detail}`);if(f.fix){lines.push("  fix:");for(let l of f.fix.split(`
`))lines.push(`    ${l}`)}lines.push(`  docs: ${ruleDocsUrl(f.rule,options.docsUrl)}`)}for(let e of errors)lines.push(`${e.path}: ${paint(options.color,"35","skipped")}: ${e.message}`);let count=s=>findings.filter(f=>f.severity===s).length,files=new Set(findings.map(f=>f.path)).size;return lines.push(findings.length===0&&errors.length===0?"migguard: no problems found":`migguard: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s) in ${files} file(s)${errors.length?`; ${errors.length} file(s) skipped`:""}`),`${lines.join(`
`)}
`}export{toText};
