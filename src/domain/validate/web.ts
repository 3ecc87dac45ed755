import { invalid, type Validated, valid } from './result.ts';

export interface NormalizedUrl {
  /** The URL as it can be opened: scheme added when missing, host lower-cased, fragment removed. */
  url: string;
  /** What linking compares: no scheme, no `www.`, no trailing slash, tracking parameters dropped, others sorted. */
  key: string;
}

const TRACKING_PARAMS = /^(utm_.*|fbclid|gclid|mc_eid|igshid|si)$/i;

export function normalizeUrl(input: string, field = 'url'): Validated<NormalizedUrl> {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid(field, 'url_invalid', 'URL is ongeldig', 'URL is invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid(
      field,
      'url_scheme',
      'Alleen http- en https-URL’s zijn toegestaan',
      'Only http and https URLs are allowed',
    );
  }
  if (!url.hostname.includes('.') || url.username || url.password) {
    return invalid(field, 'url_invalid', 'URL is ongeldig', 'URL is invalid');
  }
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  const host = url.hostname.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const port = url.port ? `:${url.port}` : '';
  return valid({ url: url.toString(), key: `${host}${port}${path}${url.search}` });
}
