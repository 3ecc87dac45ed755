/**
 * Generates the web app's API types (web/src/api-types.ts) from the server's OpenAPI document, which the
 * routes' zod schemas make complete. `npm run api-types` rewrites the file; test/api/api-types.test.ts
 * fails when the committed file is stale.
 *
 * A small converter of our own rather than openapi-typescript: that package needs TypeScript 5's
 * compiler API as a peer, and this project builds with TypeScript 7.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { FieldCipher } from '../src/access/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Store } from '../src/store/connect.ts';

export const API_TYPES_FILE = resolve(import.meta.dirname, '../web/src/api-types.ts');

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  format?: string;
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** One JSON schema as a TypeScript type. */
export function typeOf(schema: Schema | undefined, indent = ''): string {
  if (!schema || Object.keys(schema).length === 0) return 'unknown';
  const base = bareType(schema, indent);
  return schema.nullable && base !== 'unknown' ? `${base} | null` : base;
}

function bareType(schema: Schema, indent: string): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((part) => wrap(typeOf(part, indent))).join(' | ');
  if (schema.allOf) return schema.allOf.map((part) => wrap(typeOf(part, indent))).join(' & ');
  if (Array.isArray(schema.type)) {
    return schema.type.map((type) => wrap(typeOf({ ...schema, type }, indent))).join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'binary' ? 'string | Blob' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `${wrap(typeOf(schema.items, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      return schema.properties ? objectType(schema, indent) : 'unknown';
  }
}

function wrap(type: string): string {
  return /[|&]/.test(type) && !type.startsWith('{') ? `(${type})` : type;
}

function objectType(schema: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const doc = property.description
      ? `${inner}/** ${property.description.replaceAll('*/', '* /')} */\n`
      : '';
    return `${doc}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};`;
  });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${typeOf(extra, inner)};`);
  else if (extra === true || (extra === undefined && !schema.properties))
    lines.push(`${inner}[key: string]: unknown;`);
  return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
}

function bodyOf(content: Record<string, { schema?: Schema }> | undefined, indent: string): string {
  if (!content) return 'never';
  const json = content['application/json'] ?? Object.values(content)[0];
  return typeOf(json?.schema, indent);
}

/** The whole file: one `paths` interface, per path and method the request body and the answers by status. */
export function typesFromDocument(doc: { paths: Record<string, Record<string, Operation>> }): string {
  const out: string[] = [
    '/**',
    ' * The Ketenplein API as the web app sees it, generated from the OpenAPI document by scripts/api-types.ts.',
    ' * Do not edit: `npm run api-types` regenerates it, and test/api/api-types.test.ts fails when it is stale.',
    ' */',
    'export interface paths {',
  ];
  let errorBody: string | undefined;
  for (const path of Object.keys(doc.paths).sort()) {
    out.push(`  ${JSON.stringify(path)}: {`);
    const operations = doc.paths[path];
    for (const method of Object.keys(operations).sort()) {
      const operation = operations[method];
      out.push(`    ${method}: {`);
      if (operation.requestBody) {
        out.push(`      requestBody: ${bodyOf(operation.requestBody.content, '      ')};`);
      }
      out.push('      responses: {');
      for (const [status, response] of Object.entries(operation.responses ?? {}).sort()) {
        // Every route shares the one error shape: written once, below, as ApiErrorBody.
        const error = /^[45]XX$/i.test(status);
        if (error && !errorBody) errorBody = bodyOf(response.content, '');
        const body =
          status === '204' ? 'null' : error ? 'ApiErrorBody' : bodyOf(response.content, '        ');
        out.push(`        ${key(status)}: ${body};`);
      }
      out.push('      };', '    };');
    }
    out.push('  };');
  }
  out.push('}', '', '/** The one error shape of the API (src/server/errors.ts). */');
  out.push(`export type ApiErrorBody = ${errorBody ?? 'unknown'};`, '');
  return out.join('\n');
}

/** The OpenAPI document of a server built without a database (building reads none). */
export async function openApiDocument() {
  const app = await buildApp({
    store: { kind: 'pglite' } as unknown as Store,
    cipher: new FieldCipher(randomBytes(32)),
    config: loadConfig({}),
  });
  await app.ready();
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  await app.close();
  return doc;
}

/** Formatted as Biome formats the rest of the code, so the committed file stays as generated. */
function format(source: string): string {
  const require = createRequire(import.meta.url);
  const biome = require.resolve('@biomejs/biome/bin/biome');
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${API_TYPES_FILE}`], {
    input: source,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

export async function generateApiTypes(): Promise<string> {
  return format(typesFromDocument(await openApiDocument()));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`wrote ${API_TYPES_FILE}`);
}
