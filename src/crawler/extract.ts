import { type CheerioAPI, load } from 'cheerio';
import type { CountryCode } from 'libphonenumber-js';
import { pageKind, type SiteAdapter } from './adapter.ts';
import { findEmails, findHandles, normaliseEmail } from './identifiers.ts';
import { type FoundPhone, findPhones } from './phones.ts';

/** The fields of one ad page, as extracted with the site's adapter. */
export interface ExtractedAd {
  url: string;
  title: string;
  text: string;
  city?: string;
  postedAt?: string;
  phones: FoundPhone[];
  emails: string[];
  handles: string[];
  price?: number;
  statedAge?: number;
  imageUrls: string[];
}

function values($: CheerioAPI, selector: string | undefined): string[] {
  if (!selector) return [];
  const at = selector.match(/^(.*)@([\w-]+)$/);
  const css = at ? at[1] : selector;
  const out: string[] = [];
  $(css).each((_, element) => {
    const value = at ? $(element).attr(at[2]) : $(element).text();
    if (value?.trim()) out.push(value.replace(/\s+/g, ' ').trim());
  });
  return out;
}

function firstNumber(texts: string[]): number | undefined {
  for (const text of texts) {
    const match = text.replace(/(\d)[.\s](?=\d{3}\b)/g, '$1').match(/\d+(?:[.,]\d+)?/);
    if (match) return Number(match[0].replace(',', '.'));
  }
  return undefined;
}

function toIsoDate(texts: string[]): string | undefined {
  for (const text of texts) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return undefined;
}

/**
 * Says which part of the adapter is being worked on (`html`, `ad.fields.title`, …), so extraction cut off
 * by its time limit (extract-off-thread.ts) can name the field that took too long.
 */
export type ExtractionStep = (field: string) => void;
const nowhere: ExtractionStep = () => {};

export function extractAd(
  html: string,
  pageUrl: string,
  adapter: SiteAdapter,
  step: ExtractionStep = nowhere,
): ExtractedAd {
  step('html');
  const $ = load(html);
  const f = adapter.ad.fields;
  const field = (name: keyof typeof f) => {
    step(`ad.fields.${name}`);
    return values($, f[name]);
  };
  const title = field('title').join(' ');
  const text = field('text').join('\n');
  const region = adapter.region as CountryCode;
  // Phones, e-mails and handles are looked for in their own fields and in the free text too,
  // because advertisers hide them in the description.
  const phoneSources = [...field('phone'), title, text].join('\n');
  const emailFields = field('email').map(normaliseEmail);
  const city = field('city')[0];
  const postedAt = toIsoDate(field('date'));
  const handles = field('handles');
  const price = firstNumber(field('price'));
  const statedAge = firstNumber(field('statedAge'));
  const images = field('images');
  step('text');
  return {
    url: pageUrl,
    title,
    text,
    city,
    postedAt,
    phones: findPhones(phoneSources, region),
    emails: [...new Set([...emailFields.filter((e): e is string => Boolean(e)), ...findEmails(text)])],
    handles: [...new Set([...handles.flatMap((h) => findHandles(h)), ...findHandles(text)])],
    price,
    statedAge,
    imageUrls: [...new Set(images.map((src) => new URL(src, pageUrl).href))],
  };
}

export interface ListingLinks {
  ads: string[];
  listings: string[];
}

/** Links on a listing page, absolute, same host only, sorted into ad pages and further listing pages. */
export function extractListing(
  html: string,
  pageUrl: string,
  adapter: SiteAdapter,
  step: ExtractionStep = nowhere,
): ListingLinks {
  step('html');
  const $ = load(html);
  const base = new URL(pageUrl);
  const ads = new Set<string>();
  const listings = new Set<string>();
  step('listing.adLinks');
  const adLinks = values($, withHref(adapter.listing.adLinks));
  step('listing.nextPage');
  const candidates = [...adLinks, ...values($, withHref(adapter.listing.nextPage))];
  step('listing.urlPattern, ad.urlPattern');
  for (const href of candidates) {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.host !== base.host) continue;
    url.hash = '';
    const kind = pageKind(adapter, url);
    if (kind === 'ad') ads.add(url.href);
    else if (kind === 'listing') listings.add(url.href);
  }
  return { ads: [...ads], listings: [...listings] };
}

function withHref(selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  return /@[\w-]+$/.test(selector) ? selector : `${selector}@href`;
}
