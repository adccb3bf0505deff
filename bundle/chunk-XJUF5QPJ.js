import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{run}from"./chunk-V65GM5NE.js";import"./chunk-2WYY3FUA.js";import"./chunk-GHHFVP6H.js";import{workflowCommand}from"./chunk-ANTNWBBP.js";import"./chunk-YALCDM6U.js";import{ruleDocsUrl}from"./chunk-TB7GXGKD.js";import"./chunk-SL54QWOZ.js";import{appendFileSync,existsSync,readFileSync,writeFileSync}from"node:fs";import{isAbsolute,join}from"node:path";var input=(env,name,fallback="")=>(env[`INPUT_${name.toUpperCase().replace(/ /g,"_")}`]??fallback).trim();function baseRef(env){let given=input(env,"base");if(given)return given;let eventPath=env.GITHUB_EVENT_PATH;if(eventPath&&existsSync(eventPath)){let event=JSON.parse(readFileSync(eventPath,"utf8"));return event.pull_request?.base?.sha??event.merge_group?.base_sha}}var LEVEL={error:"error",warning:"warning",info:"notice"};async function runAction(env=process.env,cwd=env.GITHUB_WORKSPACE??process.cwd()){let log=[],base=baseRef(env),config=input(env,"config"),common=config?["--config",config]:[],paths=input(env,"paths",".").split(/\s+/).filter(Boolean),args=format=>base?["review","--base",base,"--format",format,...common]:["lint","--format",format,...common,...paths];base||log.push(workflowCommand("notice",{},"migguard: no pull request base found (not a pull_request event and no `base` input): linting the given paths instead"));let json=await run(args("json"),{cwd}),report=JSON.parse(json.output),docsUrl=input(env,"docs-url")||void 0;for(let f of report.findings)log.push(workflowCommand(LEVEL[f.severity],{file:f.path,line:f.line,endLine:f.endLine,title:`migguard ${f.rule}`},`${f.message}

Safe alternative:
${f.fix}

${ruleDocsUrl(f.rule,docsUrl)}`));for(let e of report.errors)log.push(workflowCommand("warning",{file:e.path,title:"migguard skipped a file"},e.message));let sarifPath=input(env,"sarif-file","migguard.sarif"),sarif=await run(args("sarif"),{cwd});writeFileSync(isAbsolute(sarifPath)?sarifPath:join(cwd,sarifPath),sarif.output);let count=s=>report.findings.filter(f=>f.severity===s).length,failOn=input(env,"fail-on","error"),gateFails=json.exitCode!==0,failing=failOn==="never"?!1:failOn==="warning"?gateFails||count("warning")>0:gateFails;if(env.GITHUB_OUTPUT&&appendFileSync(env.GITHUB_OUTPUT,`errors=${count("error")}
warnings=${count("warning")}
sarif-file=${sarifPath}
`),env.GITHUB_STEP_SUMMARY){let rows=report.findings.map(f=>`| \`${f.path}:${f.line}\` | ${f.severity} | [\`${f.rule}\`](${ruleDocsUrl(f.rule,docsUrl)}) | ${f.message.replace(/\|/g,"\\|").replace(/\n/g," ")} |`);appendFileSync(env.GITHUB_STEP_SUMMARY,`## migguard

${count("error")} error(s), ${count("warning")} warning(s)

${rows.length?`| where | severity | rule | problem |
|---|---|---|---|
${rows.join(`
`)}
`:`No problems found.
`}`)}let skipped=report.errors.length?`, ${report.errors.length} file(s) not analysed`:"";return log.push(`migguard: ${count("error")} error(s), ${count("warning")} warning(s)${skipped}; SARIF written to ${sarifPath}`),{exitCode:failing?1:0,log}}export{runAction};
