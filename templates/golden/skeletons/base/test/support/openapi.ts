import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { findRootDir } from '../../src/config.ts';

// ajv-formats is CommonJS: imported from ESM, the plugin is the module's `default` property.
const addFormats = addFormatsModule.default;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  pattern: RegExp;
  responses: Record<
    string,
    { pointer: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, { required?: boolean }> }
  >;
  requestSchema?: unknown;
  parameters: Array<{ name: string; in: string; required?: boolean }>;
}

export interface Contract {
  document: Record<string, unknown>;
  operations: Operation[];
  /** The documented operation an actual request hits, or undefined. */
  find(method: string, actualPath: string): Operation | undefined;
  /** Problems with a real response, measured against the contract; empty when it conforms. */
  checkResponse(
    method: string,
    actualPath: string,
    response: { status: number; contentType: string; json: unknown; headers?: Headers },
  ): string[];
  /** Problems with a request body, measured against the contract; empty when it conforms. */
  checkRequestBody(method: string, actualPath: string, body: unknown): string[];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Loads openapi.yaml and compiles its schemas with Ajv (OpenAPI 3.1 schemas are JSON Schema
 * 2020-12). Contract tests call the real service and check each response with it.
 */
export function loadContract(file = join(findRootDir(), 'openapi.yaml')): Contract {
  const document = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');

  // Follows local `$ref`s (e.g. to #/components/responses/...), keeping the JSON pointer of
  // where the value really is, so that Ajv can compile the schemas below it.
  const deref = <T>(value: T, pointer: string): { value: T; pointer: string } => {
    const ref = (value as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return { value, pointer };
    let target: unknown = document;
    for (const segment of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return deref(target as T, ref.slice(1));
  };
  const resolve = <T>(value: T): T => deref(value, '').value;

  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const source = path
        .split('/')
        .map(segment => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      const body = op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        pattern: new RegExp(`^${source}$`),
        responses: Object.fromEntries(
          Object.entries((op.responses ?? {}) as Operation['responses']).map(([status, response]) => {
            const found = deref(response, ['', 'paths', escapePointer(path), method, 'responses', status].join('/'));
            return [status, { ...found.value, pointer: found.pointer }];
          }),
        ),
        requestSchema: body?.content?.['application/json']?.schema,
        parameters: [
          ...((item.parameters ?? []) as Operation['parameters']),
          ...((op.parameters ?? []) as Operation['parameters']),
        ].map(resolve),
      });
    }
  }

  const validatorFor = (pointer: string) => {
    const ref = `openapi.json#${pointer}`;
    return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  };

  const find = (method: string, actualPath: string) => {
    const path = actualPath.split('?')[0];
    return operations.find(op => op.method === method.toUpperCase() && op.pattern.test(path));
  };

  return {
    document,
    operations,
    find,
    checkResponse(method, actualPath, response) {
      const op = find(method, actualPath);
      if (!op) return [`${method} ${actualPath} is not in the contract`];
      const key = op.responses[String(response.status)] ? String(response.status) : 'default';
      const documented = op.responses[key];
      if (!documented) return [`${op.operationId}: status ${response.status} is not documented`];
      const problems: string[] = [];
      for (const [name, header] of Object.entries(documented.headers ?? {}).map(([n, h]) => [n, resolve(h)] as const)) {
        if (header.required && response.headers && !response.headers.has(name)) {
          problems.push(`${op.operationId} ${response.status}: header ${name} is missing`);
        }
      }
      const media = Object.keys(documented.content ?? {});
      if (media.length === 0) return problems;
      const mediaType = response.contentType.split(';')[0].trim();
      if (!media.includes(mediaType)) {
        return [...problems, `${op.operationId} ${response.status}: content type ${mediaType} is not one of ${media.join(', ')}`];
      }
      if (!/json/.test(mediaType)) return problems;
      const pointer = [documented.pointer, 'content', escapePointer(mediaType), 'schema'].join('/');
      const validate = validatorFor(pointer);
      if (!validate(response.json)) {
        problems.push(...(validate.errors ?? []).map(e => `${op.operationId} ${response.status}: body${e.instancePath} ${e.message}`));
      }
      return problems;
    },
    checkRequestBody(method, actualPath, body) {
      const op = find(method, actualPath);
      if (!op?.requestSchema) return [`${method} ${actualPath} takes no JSON body in the contract`];
      const pointer = ['', 'paths', escapePointer(op.path), op.method.toLowerCase(), 'requestBody', 'content', 'application~1json', 'schema'].join('/');
      const validate = validatorFor(pointer);
      return validate(body) ? [] : (validate.errors ?? []).map(e => `request body${e.instancePath} ${e.message}`);
    },
  };
}
