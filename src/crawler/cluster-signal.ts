import { createHash } from 'node:crypto';
import { isIndicatorCode } from '../domain/indicators.ts';
import { MUNICIPALITIES } from '../domain/municipalities.ts';
import { validateEmail, validatePhone } from '../domain/validate/contact.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { normalizeUrl } from '../domain/validate/web.ts';
import {
  HANDLE_PLATFORMS,
  type HandlePlatform,
  SIGNAL_LIMITS,
  type SignalSubmission,
} from '../signals/index.ts';
import type { Assessment } from './indicators.ts';
import type { Cluster } from './linker.ts';

/** What of one ad goes into a signal: identifiers, place and time, and the indicators with their evidence. */
export interface ClusterAd {
  url: string;
  city?: string;
  postedAt?: string;
  phones: readonly string[];
  emails: readonly string[];
  handles: readonly string[];
  assessment: Assessment;
}

export interface ClusterSignal {
  submission: SignalSubmission;
  /** Identifiers left out because a signal holds at most SIGNAL_LIMITS.identifiersPerList of each kind. */
  omitted: { phones: number; emails: number; handles: number; urls: number };
  /** Stable for the same set of ads: turning the same cluster into a signal twice returns the first. */
  idempotencyKey: string;
}

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [m.name.toLowerCase(), m.cbsCode]));

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The first `limit` values, and how many did not fit. */
function capped<T>(values: T[]): [T[], number] {
  const limit = SIGNAL_LIMITS.identifiersPerList;
  return [values.slice(0, limit), Math.max(0, values.length - limit)];
}

/** Crawler handles are `service:name`; services a signal does not name go in as `other` with the service kept. */
function signalHandle(handle: string): { platform: HandlePlatform; handle: string } {
  const [service, ...rest] = handle.split(':');
  const name = rest.join(':');
  if (name && (HANDLE_PLATFORMS as readonly string[]).includes(service)) {
    return { platform: service as HandlePlatform, handle: name };
  }
  return { platform: 'other', handle };
}

/**
 * Turns an operator cluster into a signal for triage, data-minimised: the identifiers found in the
 * ads (phones, e-mails, handles, ad URLs), the cities and dates, and each indicator with its short
 * evidence snippet. No ad text, no HTML, no images: triage needs to know what to look for, and the
 * full evidence stays in the investigation, where its retention and audit apply.
 */
export function clusterToSignal(
  caseRef: string,
  cluster: Cluster,
  ads: readonly ClusterAd[],
  now = new Date(),
): ClusterSignal {
  const today = dutchDate(now);
  const phones = distinct(ads.flatMap((ad) => ad.phones)).filter((p) => validatePhone(p).ok);
  const emails = distinct(ads.flatMap((ad) => ad.emails)).filter((e) => validateEmail(e).ok);
  const handles = distinct(ads.flatMap((ad) => ad.handles)).map(signalHandle);
  const urls = distinct(ads.map((ad) => ad.url)).filter((u) => normalizeUrl(u).ok);
  const [keptPhones, phonesLeft] = capped(phones);
  const [keptEmails, emailsLeft] = capped(emails);
  const [keptHandles, handlesLeft] = capped(handles);
  const [keptUrls, urlsLeft] = capped(urls);

  const cities = new Map<string, number>();
  for (const ad of ads) if (ad.city) cities.set(ad.city, (cities.get(ad.city) ?? 0) + 1);
  const byFrequency = [...cities].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const municipality = byFrequency
    .map(([city]) => municipalityByName.get(city.toLowerCase()))
    .find((code) => code !== undefined);
  const dates = ads
    .map((ad) => ad.postedAt?.slice(0, 10))
    .filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && d <= today)
    .sort();

  // Indicators per kind with how many ads showed them and one evidence snippet each.
  const indicators = new Map<string, { label: string; ads: number; evidence: string; scored: boolean }>();
  for (const ad of ads) {
    for (const hit of [...ad.assessment.indicators, ...ad.assessment.information]) {
      const entry = indicators.get(hit.id) ?? {
        label: hit.label.nl,
        ads: 0,
        evidence: hit.evidence,
        scored: hit.scored,
      };
      entry.ads++;
      indicators.set(hit.id, entry);
    }
  }
  const linkKinds = new Map<string, number>();
  for (const link of cluster.evidence) linkKinds.set(link.kind, (linkKinds.get(link.kind) ?? 0) + 1);

  const lines = [
    `Webcrawler, onderzoek ${caseRef}: cluster van ${ads.length} advertentie(s) die aan één exploitant gekoppeld zijn.`,
    dates.length ? `Periode: ${dates[0]} t/m ${dates[dates.length - 1]}.` : '',
    byFrequency.length ? `Steden: ${byFrequency.map(([city, n]) => `${city} (${n})`).join(', ')}.` : '',
    linkKinds.size ? `Koppelingen: ${[...linkKinds].map(([kind, n]) => `${n}× ${kind}`).join(', ')}.` : '',
    ...[...indicators.values()]
      .sort((a, b) => b.ads - a.ads)
      .map(
        (i) =>
          `Indicator${i.scored ? '' : ' (alleen informatief)'}: ${i.label} in ${i.ads} advertentie(s), bijv. "${i.evidence}".`,
      ),
    phonesLeft + emailsLeft + handlesLeft + urlsLeft > 0
      ? `Niet opgenomen wegens de limiet per melding: ${phonesLeft} telefoonnummer(s), ${emailsLeft} e-mailadres(sen), ${handlesLeft} account(s), ${urlsLeft} URL('s).`
      : '',
  ].filter(Boolean);
  const narrative = lines.join('\n').slice(0, SIGNAL_LIMITS.narrative);
  // The scored indicators travel as the signal's indicators, so triage weighs them with its own rules;
  // the remark keeps the facts that scored them. Information-only ones (origin, language) never do.
  const signalIndicators = [...indicators]
    .filter(([id, i]) => i.scored && isIndicatorCode(`web.${id}`))
    .sort((a, b) => b[1].ads - a[1].ads || a[0].localeCompare(b[0]))
    .slice(0, SIGNAL_LIMITS.indicators)
    .map(([id, i]) => ({
      code: `web.${id}`,
      remark: `In ${i.ads} van ${ads.length} advertentie(s) van dit cluster, bijv. "${i.evidence}".`.slice(
        0,
        SIGNAL_LIMITS.remark,
      ),
    }));

  const submission: SignalSubmission = {
    channel: 'crawler',
    externalReference: caseRef.slice(0, 100),
    forms: ['sexual'],
    narrative,
    indicators: signalIndicators,
    ...(dates.length ? { observedAt: dates[dates.length - 1] } : {}),
    ...(municipality ? { location: { municipality, country: 'NL' } } : {}),
    persons:
      keptPhones.length + keptEmails.length > 0
        ? [
            {
              // Whose number it is (the advertised person or a third party) is for triage to find out.
              role: 'other',
              alias: `Adverteerder cluster (${ads.length} advertenties)`.slice(0, SIGNAL_LIMITS.shortText),
              phones: keptPhones,
              emails: keptEmails,
              remark: 'Contactgegevens uit online advertenties (webcrawler)',
            },
          ]
        : [],
    urls: keptUrls,
    handles: keptHandles,
  };
  const adSet = createHash('sha256').update(distinct(cluster.ads).sort().join('\n')).digest('hex');
  return {
    submission,
    omitted: { phones: phonesLeft, emails: emailsLeft, handles: handlesLeft, urls: urlsLeft },
    idempotencyKey: `crawler:${adSet.slice(0, 40)}`,
  };
}
