import { findEmails, findHandles } from '../../src/crawler/identifiers.ts';
import type { LinkAd } from '../../src/crawler/linker.ts';
import { findPhones } from '../../src/crawler/phones.ts';

/** A generator-B ad as the crawler sees it: only its text, identifiers found by the crawler's own extraction. */
export function linkAdOfB(ad: { id: string; text: string }): LinkAd {
  return {
    id: ad.id,
    text: ad.text,
    phones: findPhones(ad.text).map((p) => p.e164),
    emails: findEmails(ad.text),
    handles: findHandles(ad.text),
  };
}
