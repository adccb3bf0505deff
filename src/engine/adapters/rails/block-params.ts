/** The names of a block's parameters (`do |t|`, `do |dir|`, `each do |batch, index|`). */
import { BlockParametersNode, ItParametersNode, NumberedParametersNode, RequiredParameterNode, type BlockNode } from "@ruby/prism";

export function blockParams(block: BlockNode | null | undefined): string[] {
  const params = block?.parameters;
  if (params instanceof BlockParametersNode) return (params.parameters?.requireds ?? []).map((p) => (p instanceof RequiredParameterNode ? p.name : ""));
  if (params instanceof NumberedParametersNode) return Array.from({ length: params.maximum }, (_, i) => `_${i + 1}`);
  if (params instanceof ItParametersNode) return ["it"];
  return [];
}
