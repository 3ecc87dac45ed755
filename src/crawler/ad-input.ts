import { z } from 'zod';
import { normaliseEmail } from './identifiers.ts';
import type { LinkAd } from './linker.ts';
import { normalisePhone } from './phones.ts';

/** One ad as given to `ads cluster` (the contract in issue 4); phones as written in the ad. */
export const AdInputSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  text: z.string(),
  title: z.string().optional(),
  phones: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  handles: z.array(z.string()).optional(),
  city: z.string().optional(),
  posted_at: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  image_hashes: z
    .array(z.string().regex(/^(0x)?[0-9a-fA-F]{16}$/, 'must be a 64-bit dHash as 16 hex digits'))
    .optional(),
});

export type AdInput = z.infer<typeof AdInputSchema>;

export interface Parsed {
  ad?: LinkAd;
  input?: AdInput;
  error?: string;
  warnings: string[];
}

/** Zod's issues as "field: reason" so a broken line says what is wrong where. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(regel)'}: ${issue.message}`)
    .join('; ');
}

export function parseAdLine(line: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { error: `invalid JSON (${(error as Error).message})`, warnings: [] };
  }
  const result = AdInputSchema.safeParse(json);
  if (!result.success) return { error: describeIssues(result.error), warnings: [] };
  const input = result.data;
  const warnings: string[] = [];
  const phones = new Set<string>();
  for (const written of input.phones ?? []) {
    const e164 = normalisePhone(written);
    if (e164) phones.add(e164);
    else warnings.push(`phones: "${written}" is not a valid phone number, ignored`);
  }
  const emails = new Set<string>();
  for (const written of input.emails ?? []) {
    const email = normaliseEmail(written);
    if (email) emails.add(email);
    else warnings.push(`emails: "${written}" is not an e-mail address, ignored`);
  }
  return {
    input,
    warnings,
    ad: {
      id: input.id,
      text: input.text,
      title: input.title,
      phones: [...phones],
      emails: [...emails],
      handles: (input.handles ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean),
      imageHashes: (input.image_hashes ?? []).map((h) => h.replace(/^0x/i, '').toLowerCase()),
    },
  };
}
