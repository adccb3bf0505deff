import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{railsMigration}from"./chunk-VEAB2JAL.js";import"./chunk-A6GQS7V2.js";import"./chunk-2VFKCZT7.js";import"./chunk-QJPCQXH3.js";import"./chunk-HXBRFH4K.js";import"./chunk-3GIJDICJ.js";import"./chunk-JPTA6PRG.js";import{Migration}from"./chunk-CAI5TML3.js";import"./chunk-TG2JBWVK.js";import"./chunk-7N6RVAHA.js";import"./chunk-BQRH7I3O.js";import"./chunk-CQ37NPLP.js";import"./chunk-Y352J57F.js";import{RubyVisitor}from"./chunk-IATRMPL6.js";import"./chunk-Y3EEYM3V.js";import"./chunk-4I5OPVOK.js";import"./chunk-H2RUDH23.js";import"./chunk-ZPIJU5XQ.js";import"./chunk-5CXS3UGK.js";import"./chunk-RYDXXG5N.js";import{parseRuby}from"./chunk-VSAM2ENZ.js";import"./chunk-7B3IGGFL.js";import{BlockNode}from"./chunk-BXODPOXV.js";import"./chunk-XHZFTLMO.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";var DefineBlock=class extends RubyVisitor{constructor(bytes){super();this.bytes=bytes}bytes;found;visitCallNode(node){if(!this.found&&node.name==="define"&&node.block instanceof BlockNode&&node.block.body){let receiver=node.receiver?this.bytes.subarray(node.receiver.location.startOffset,node.receiver.location.startOffset+node.receiver.location.length).toString():"";if(/(?:^|::)ActiveRecord::Schema\b/.test(receiver)){let body=node.block.body.location;this.found={body:this.bytes.subarray(body.startOffset,body.startOffset+body.length).toString(),version:/\[(\d+\.\d+)\]/.exec(receiver)?.[1]};return}}super.visitCallNode(node)}};function schemaRbOperations(path,content){let visitor=new DefineBlock(Buffer.from(content));if(parseRuby(content).value.accept(visitor),!visitor.found)return[];let migration=`class SchemaDump < ActiveRecord::Migration[${visitor.found.version??"7.1"}]
  def up
${visitor.found.body}
  end
end
`,parsed=Migration.safeParse(railsMigration({file:{path,framework:"rails",layout:"rails",role:"up",key:path},content:migration}));return parsed.success?parsed.data.up:[]}export{schemaRbOperations};
