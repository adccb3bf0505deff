import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{adapterFor}from"./chunk-YTIF4LVP.js";import{detectFile}from"./chunk-EY7OVBZ6.js";import{RubySource}from"./chunk-LH3MMMH4.js";import{RubyVisitor}from"./chunk-5LARUNZI.js";import{parseRuby}from"./chunk-I6Q36JY2.js";import{BlockNode,CallNode,ConstantPathNode,FloatNode}from"./chunk-2TFGQX5P.js";function schemaConstant(node,source){if(node instanceof CallNode&&node.name==="[]"){let inner=schemaConstant(node.receiver,source),argument=node.arguments_?.arguments_[0];return inner&&{version:argument instanceof FloatNode?source.textOf(argument):void 0}}return node instanceof ConstantPathNode&&source.textOf(node).replace(/^::/,"")==="ActiveRecord::Schema"?{}:void 0}var DefineBlock=class extends RubyVisitor{constructor(source){super();this.source=source}source;found;visitCallNode(node){let constant=node.name==="define"?schemaConstant(node.receiver,this.source):void 0;!this.found&&constant&&node.block instanceof BlockNode&&node.block.body&&(this.found={version:constant.version,body:this.source.loc(node.block.body)}),super.visitCallNode(node)}};function schemaRbMigration(path,content,config){let source=new RubySource(content),visitor=new DefineBlock(source);parseRuby(content).value.accept(visitor);let found=visitor.found;if(!found)return;let lines=content.split(`
`).slice(found.body.line-1,found.body.endLine),shift=found.body.line-3,migration=`class SchemaRb < ActiveRecord::Migration[${found.version??"5.2"}]
  def up
${lines.join(`
`)}
  end
end
`,file=detectFile("db/migrate/00000000000000_schema_rb.rb",migration,config),adapter=adapterFor("rails");if(!file||!adapter)return;let parsed=adapter.parse({file,content:migration});for(let op of parsed.up)op.loc={line:op.loc.line+shift,endLine:op.loc.endLine+shift};return{...parsed,path}}export{schemaRbMigration};
