import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{OUTPUT_FORMATS,VERSION}from"./chunk-6MGL4JND.js";import{CommandFailure,UsageError}from"./chunk-GHHFVP6H.js";import{setUpProcess,workflowCommand}from"./chunk-NTYWH6VR.js";import{ruleDocsUrl}from"./chunk-TB7GXGKD.js";import"./chunk-SL54QWOZ.js";import{appendFileSync,existsSync,readFileSync,writeFileSync}from"node:fs";import{isAbsolute,join}from"node:path";import{pathToFileURL}from"node:url";import{parseArgs}from"node:util";var HELP=`migguard ${VERSION}: stop dangerous database migrations before they merge

Usage:
  migguard lint [--format text|json|sarif] [--config FILE] [--execute] [--verbose] [--snapshot FILE] PATH...
      Lint migration files; directories are walked and non-migrations ignored. With --execute, also
      run each SQL migration up -> down -> up in embedded PostgreSQL (PGlite; or MIGGUARD_DATABASE_URL /
      DATABASE_URL) after the earlier migrations of its folder, and print the locks each statement took.
  migguard review --base REF [--format text|json|sarif] [--config FILE] [--snapshot FILE]
      Review what changed between REF (from its merge base with HEAD) and the working tree, as the
      GitHub App reviews a pull request: the changed migrations plus edited history, version order,
      schema dump drift and application code that still uses what a migration drops.
  migguard snapshot --database-url URL --out FILE
      Read production's schema, table sizes, row estimates and per-column NULL share and distinct
      counts from the catalogs (read-only, never a row's value) into FILE.
  migguard drift --snapshot FILE [--format text|json|sarif] [--config FILE] PATH...
      Build the schema the migrations under PATH produce and report every difference from the
      production snapshot (an index made by hand, a widened column).
  migguard rules
      List every rule with its category and default severity.
  migguard explain RULE_ID
      Print a rule's page: why it is dangerous, examples, the safe alternative, how to waive it.

Options:
  -f, --format    text (default), json or sarif
  -c, --config    config file (default: the nearest .github/migguard.yml)
      --execute   lint: run the migrations for real (see above)
      --verbose   lint: also say which database each migrations folder runs on, and why
      --base      review: the branch, tag or commit the change is compared with (e.g. origin/main)
      --snapshot  lint, review, drift: a production snapshot file (from migguard snapshot): lock findings
                  get table sizes and time estimates, small tables drop to info, NULLs and duplicates
                  predict failures, what production lacks is drift (default: config snapshot)
      --database-url  snapshot: the production database (default: MIGGUARD_SNAPSHOT_DATABASE_URL)
      --out       snapshot: the file to write
  -h, --help      this help
  -v, --version   print the version

Exit status: 0 when there is no error finding, 1 when there is, 2 on a usage error (or when snapshot
cannot read the database).
`;function formatOf(value){let format=value??"text";if(!OUTPUT_FORMATS.includes(format))throw new UsageError(`unknown --format "${value}" (use ${OUTPUT_FORMATS.join(", ")})`);return format}async function run(argv,options={}){let[command,...rest]=argv;if(!command||command==="-h"||command==="--help"||command==="help")return{output:HELP,exitCode:command?0:2};if(command==="-v"||command==="--version")return{output:`${VERSION}
`,exitCode:0};let{values,positionals}=parseArgs({args:rest,allowPositionals:!0,options:{format:{type:"string",short:"f"},config:{type:"string",short:"c"},base:{type:"string"},execute:{type:"boolean"},verbose:{type:"boolean"},snapshot:{type:"string"},"database-url":{type:"string"},out:{type:"string"},help:{type:"boolean",short:"h"}}});if(values.help)return{output:HELP,exitCode:0};switch(command){case"lint":if(positionals.length===0)throw new UsageError("lint needs at least one PATH");return import("./chunk-X77NT2Y7.js").then(wasm=>wasm.pgQueryModule()).catch(()=>{}),(await import("./chunk-VCV6DZ3L.js")).lintCommand({paths:positionals,format:formatOf(values.format),config:values.config,cwd:options.cwd,execute:values.execute,verbose:values.verbose,snapshot:values.snapshot});case"rules":return(await import("./chunk-PGZSMMQZ.js")).rulesCommand();case"explain":return(await import("./chunk-PGZSMMQZ.js")).explainCommand(positionals[0]);case"review":if(!values.base)throw new UsageError("review needs --base REF (the branch the change goes into, e.g. --base origin/main)");if(positionals.length>0)throw new UsageError(`review takes no paths (got ${positionals.join(" ")}); it reviews what changed since --base`);return(await import("./chunk-CV6CG3NP.js")).reviewCommand({base:values.base,format:formatOf(values.format),config:values.config,cwd:options.cwd,snapshot:values.snapshot});case"snapshot":if(positionals.length>0)throw new UsageError(`snapshot takes no paths (got ${positionals.join(" ")})`);return(await import("./chunk-UPG53DPG.js")).snapshotCommand({databaseUrl:values["database-url"],out:values.out,cwd:options.cwd});case"drift":if(!values.snapshot)throw new UsageError("drift needs --snapshot FILE (from migguard snapshot)");if(positionals.length===0)throw new UsageError("drift needs at least one PATH: the migrations (or schema dump) to compare with the snapshot");return(await import("./chunk-3E7VZ5EE.js")).driftCommand({paths:positionals,snapshot:values.snapshot,format:formatOf(values.format),config:values.config,cwd:options.cwd});default:throw new UsageError(`unknown command "${command}"`)}}async function main(argv=process.argv.slice(2)){setUpProcess();try{let result=await run(argv);return process.stdout.write(result.output),result.exitCode}catch(error){return error instanceof CommandFailure?(process.stderr.write(`migguard: ${error.message}
`),2):error instanceof UsageError||error instanceof Error&&"code"in error&&String(error.code).startsWith("ERR_PARSE_ARGS")?(process.stderr.write(`migguard: ${error.message}

${HELP}`),2):(process.stderr.write(`migguard: internal error: ${error instanceof Error?error.stack??error.message:String(error)}
`),2)}finally{argv.includes("--execute")&&await(await import("./chunk-NS4ZAK5H.js")).closeDefaultExecutor().catch(()=>{})}}process.argv[1]&&import.meta.url===pathToFileURL(process.argv[1]).href&&main().then(exitCode=>process.exitCode=exitCode);var input=(env,name,fallback="")=>(env[`INPUT_${name.toUpperCase().replace(/ /g,"_")}`]??fallback).trim();function baseRef(env){let given=input(env,"base");if(given)return given;let eventPath=env.GITHUB_EVENT_PATH;if(eventPath&&existsSync(eventPath)){let event=JSON.parse(readFileSync(eventPath,"utf8"));return event.pull_request?.base?.sha??event.merge_group?.base_sha}}var LEVEL={error:"error",warning:"warning",info:"notice"};async function runAction(env=process.env,cwd=env.GITHUB_WORKSPACE??process.cwd()){let log=[],base=baseRef(env),config=input(env,"config"),common=config?["--config",config]:[],paths=input(env,"paths",".").split(/\s+/).filter(Boolean),args=format=>base?["review","--base",base,"--format",format,...common]:["lint","--format",format,...common,...paths];base||log.push(workflowCommand("notice",{},"migguard: no pull request base found (not a pull_request event and no `base` input): linting the given paths instead"));let json=await run(args("json"),{cwd}),report=JSON.parse(json.output),docsUrl=input(env,"docs-url")||void 0;for(let f of report.findings)log.push(workflowCommand(LEVEL[f.severity],{file:f.path,line:f.line,endLine:f.endLine,title:`migguard ${f.rule}`},`${f.message}

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
