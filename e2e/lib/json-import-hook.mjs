// Module hook: lets packages that import JSON files without an import attribute load under plain
// Node (@actions/workflow-parser imports its schema that way; bundlers accept it, Node does not).
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
