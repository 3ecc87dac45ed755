import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidInput, label, Problem } from '../../domain/problem.ts';
import { access, type Services } from '../../server/context.ts';
import { FileBody } from '../../server/wire.ts';
import { downloadDocument, listDocuments, uploadDocument } from './store.ts';

const MB = 1024 * 1024;

/** KETENPLEIN_CASE_DOCUMENT_MAX_MB: the largest document one may upload, in MB (default 25, at most 1024). */
export function documentMaxMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KETENPLEIN_CASE_DOCUMENT_MAX_MB;
  if (raw === undefined || raw === '') return 25;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1024) {
    throw new Error(`KETENPLEIN_CASE_DOCUMENT_MAX_MB must be a whole number from 1 to 1024, got "${raw}"`);
  }
  return value;
}

function tooLarge(maxMb: number): Problem {
  return new Problem(
    413,
    'document_too_large',
    label(
      `Het bestand is groter dan de grens van ${maxMb} MB`,
      `The file is larger than the limit of ${maxMb} MB`,
    ),
    'file',
  );
}

const Id = z.strictObject({ id: z.uuid() });
const Document = z.looseObject({});

/**
 * Documents of a case (issue 15, item 4): upload as multipart/form-data (one part named "file"), listing and
 * download. The download is always an attachment with `nosniff` and a sandboxing Content-Security-Policy, so a
 * browser never renders it inside the app; every download is audited as an export.
 */
export const documentRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const maxMb = documentMaxMb();
    const maxBytes = maxMb * MB;
    // Registered in this plugin only: no other route accepts multipart bodies.
    await app.register(multipart, { limits: { files: 1, fields: 2, fieldSize: 1000, parts: 3 } });

    app.post(
      '/cases/:id/documents',
      {
        schema: {
          summary: `Upload a document to a case one's organisation leads (multipart/form-data, part "file"; PDF, image, office document or e-mail, checked on the content; at most KETENPLEIN_CASE_DOCUMENT_MAX_MB, default 25 MB)`,
          tags: ['cases'],
          params: Id,
          querystring: z.strictObject({ replaces: z.uuid().optional() }),
          consumes: ['multipart/form-data'],
          response: {
            201: z.strictObject({
              id: z.uuid(),
              documentId: z.uuid(),
              version: z.number(),
              name: z.string(),
              mediaType: z.string(),
              sizeBytes: z.number(),
              sha256: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        // A body announced far beyond the limit is refused before a byte of it is read.
        if (Number(request.headers['content-length'] ?? 0) > maxBytes + MB) throw tooLarge(maxMb);
        if (!request.isMultipart()) {
          throw new Problem(
            415,
            'unsupported_media_type',
            label(
              'Stuur het document als multipart/form-data met een deel "file"',
              'Send the document as multipart/form-data with a part "file"',
            ),
            'file',
          );
        }
        const file = await request.file({ limits: { fileSize: maxBytes } });
        if (file?.fieldname !== 'file') {
          throw invalidInput('file', label('Geen bestand in het deel "file"', 'No file in the part "file"'));
        }
        let content: Buffer;
        try {
          content = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxMb);
          throw error;
        }
        const created = await access(services, request, (tx) =>
          uploadDocument(tx, request.params.id, {
            name: file.filename,
            content,
            replaces: request.query.replaces,
          }),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/cases/:id/documents',
      {
        schema: {
          summary:
            'The documents of a case, every version (no content), for the lead and a recipient whose profile covers documents',
          tags: ['cases'],
          params: Id,
          response: { 200: z.array(Document) },
        },
      },
      async (request) => access(services, request, (tx) => listDocuments(tx, request.params.id)),
    );

    app.get(
      '/case-documents/:id/content',
      {
        schema: {
          summary: 'Download one version of a document: always an attachment, never rendered inline; audited',
          tags: ['cases'],
          params: Id,
          response: { 200: FileBody.describe('the document') },
        },
      },
      async (request, reply) => {
        const file = await access(services, request, (tx) => downloadDocument(tx, request.params.id));
        const ascii = Array.from(file.name, (c) =>
          c >= ' ' && c <= '~' && c !== '"' && c !== '\\' ? c : '_',
        ).join('');
        return reply
          .type(file.mediaType)
          .header(
            'content-disposition',
            `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, no-store')
          .header('x-document-sha256', file.sha256)
          .send(file.content);
      },
    );
  };
