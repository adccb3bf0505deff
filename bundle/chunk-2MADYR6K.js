import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{ruleDocsUrl}from"./chunk-TB7GXGKD.js";import"./chunk-SL54QWOZ.js";var LEVEL={error:"error",warning:"warning",info:"note"};function toSarif(findings,errors,rules,options){let index=new Map(rules.map((r,i)=>[r.id,i])),sarif={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"migguard",version:options.version,informationUri:"https://github.com/migguard/migguard",rules:rules.map(r=>({id:r.id,name:r.id.replace(/(^|-)(\w)/g,(_m,_d,c)=>c.toUpperCase()),shortDescription:{text:r.title},fullDescription:{text:r.why},helpUri:ruleDocsUrl(r.id,options.docsUrl),defaultConfiguration:{level:LEVEL[r.severity]},properties:{category:r.category,tags:[r.category]}}))}},results:findings.map(f=>({ruleId:f.rule,...index.has(f.rule)?{ruleIndex:index.get(f.rule)}:{},level:LEVEL[f.severity],message:{text:`${f.message}

Safe alternative:
${f.fix}`},locations:[{physicalLocation:{artifactLocation:{uri:f.path},region:{startLine:f.line,endLine:f.endLine}}}],partialFingerprints:{"migguard/v1":`${f.rule}:${f.path}:${f.statement||f.line}`}})),invocations:[{executionSuccessful:!0,toolExecutionNotifications:errors.map(e=>({level:"warning",message:{text:e.message},locations:[{physicalLocation:{artifactLocation:{uri:e.path}}}]}))}]}]};return`${JSON.stringify(sarif,null,2)}
`}export{toSarif};
