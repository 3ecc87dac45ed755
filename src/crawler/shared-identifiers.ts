import { UnionFind } from './union-find.ts';

/**
 * Which identifiers are shared lines (a taxi, hotel or booking number, an agency's address, a stock
 * photo) rather than one advertiser's own, judged by what such a line IS, not by how different
 * the texts around it are (issue 13):
 *  - it BRIDGES groups of ads that each have their own, different identifiers: left out, its ads
 *    fall apart into several groups that each show another number, address or handle of their own
 *    (an operator's ads fall apart into groups WITHOUT identifiers: it is their only identifier);
 *  - or it is on the investigation's list of known shared numbers.
 * A number that is the only identifier of most of its ads is never cut by the first rule, and an
 * investigator can overrule any cut for the investigation.
 */
export type IdentifierKind = 'phone' | 'email' | 'handle' | 'image';

export interface IdentifierGroup {
  kind: IdentifierKind;
  value: string;
  ads: number[];
}

export interface SharedRules {
  /** Bridged groups with their own identifiers from which an identifier counts as shared. */
  minBridged: number;
  /** `kind:value` keys on the investigation's list of known shared numbers: always cut. */
  knownShared: ReadonlySet<string>;
  /** `kind:value` keys whose cut an investigator overruled: never cut. */
  overruled: ReadonlySet<string>;
}

export type CutCause = 'bridges' | 'listed';

export interface SharedVerdict {
  group: IdentifierGroup;
  cause: CutCause;
  /** Groups with their own identifiers that it bridges (0 for a listed one). */
  bridged: number;
  /** A few of those groups' own identifiers, for the evidence. */
  examples: string[];
}

export const keyOf = (kind: IdentifierKind, value: string) => `${kind}:${value}`;

interface Judged {
  bridged: number;
  solo: number;
  examples: string[];
}

/**
 * @param groups identifier groups with at least two ads
 * @param ownOf the identifiers (phone/e-mail/handle keys, singletons included) each ad shows
 * @param base components that do not depend on identifiers (text links), by ad
 */
export function findShared(
  groups: readonly IdentifierGroup[],
  ownOf: (ad: number) => readonly string[],
  base: UnionFind,
  rules: SharedRules,
): SharedVerdict[] {
  const listed = groups.filter((g) => rules.knownShared.has(keyOf(g.kind, g.value)));
  const open = groups.filter(
    (g) =>
      g.ads.length >= rules.minBridged &&
      !rules.knownShared.has(keyOf(g.kind, g.value)) &&
      !rules.overruled.has(keyOf(g.kind, g.value)),
  );
  // Two passes, each judging every identifier against the same state, so order does not matter.
  // Pass 2 no longer lets pass 1's suspects (nor listed ones) join groups or count as an ad's own
  // identifier: two decoys in one ad must not make each other look like own numbers.
  const excluded = new Set(listed.map((g) => keyOf(g.kind, g.value)));
  const imageOf = imageMembership(groups);
  const isShared = (j: Judged) => j.bridged >= rules.minBridged && j.bridged * 2 >= j.solo;
  const first = open.map((g) => judge(g, ownOf, base, excluded, imageOf));
  open.forEach((g, i) => {
    if (isShared(first[i])) excluded.add(keyOf(g.kind, g.value));
  });
  for (const g of listed) excluded.add(keyOf(g.kind, g.value));
  const verdicts: SharedVerdict[] = listed.map((group) => ({
    group,
    cause: 'listed',
    bridged: 0,
    examples: [],
  }));
  open.forEach((group) => {
    const self = keyOf(group.kind, group.value);
    const without = new Set(excluded);
    without.delete(self);
    const second = judge(group, ownOf, base, without, imageOf);
    if (isShared(second))
      verdicts.push({ group, cause: 'bridges', bridged: second.bridged, examples: second.examples });
  });
  return verdicts;
}

/** Splits an identifier's ads into the groups they form without it; counts those with identifiers of their own. */
function judge(
  group: IdentifierGroup,
  ownOf: (ad: number) => readonly string[],
  base: UnionFind,
  excluded: ReadonlySet<string>,
  imageOf: ReadonlyMap<number, string[]>,
): Judged {
  const self = keyOf(group.kind, group.value);
  const local = new UnionFind(group.ads.length);
  const firstBy = new Map<unknown, number>();
  const own: string[][] = [];
  group.ads.forEach((ad, i) => {
    local.add();
    const ids = ownOf(ad).filter((k) => k !== self && !excluded.has(k));
    own.push(ids);
    const keys: unknown[] = [
      base.find(ad),
      ...ids,
      ...(imageOf.get(ad) ?? []).filter((k) => k !== self && !excluded.has(k)),
    ];
    for (const key of keys) {
      const at = firstBy.get(key);
      if (at === undefined) firstBy.set(key, i);
      else local.union(at, i);
    }
  });
  const withOwn = new Map<number, string>();
  let solo = 0;
  group.ads.forEach((_, i) => {
    if (own[i].length === 0) {
      solo++;
      return;
    }
    const root = local.find(i);
    if (!withOwn.has(root)) withOwn.set(root, own[i][0]);
  });
  return { bridged: withOwn.size, solo, examples: [...withOwn.values()].slice(0, 3) };
}

/** Image groups (shared pictures) per ad: they join groups too, but are not an ad's own identifier. */
function imageMembership(all: readonly IdentifierGroup[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const g of all) {
    if (g.kind !== 'image') continue;
    for (const ad of g.ads) {
      const list = out.get(ad) ?? [];
      list.push(keyOf('image', g.value));
      out.set(ad, list);
    }
  }
  return out;
}

export function sharedReason(v: SharedVerdict): { nl: string; en: string } {
  const { kind, value, ads } = v.group;
  const what = {
    phone: [
      'telefoonnummer',
      'phone',
      'gedeeld nummer, bijv. taxi, hotel, boekingslijn of bureau',
      'shared line, e.g. taxi, hotel, booking line or agency',
    ],
    email: ['e-mailadres', 'e-mail', 'gedeeld adres, bijv. van een bureau', 'shared address, e.g. an agency'],
    handle: ['account', 'handle', 'gedeeld account', 'shared account'],
    image: ['afbeelding', 'image', 'stockfoto of logo', 'stock photo or logo'],
  }[kind];
  if (v.cause === 'listed') {
    return {
      nl: `${what[0]} ${value} (${ads.length.toLocaleString('nl')} advertenties) staat op de lijst van gedeelde nummers van dit onderzoek: niet gebruikt om te koppelen`,
      en: `${what[1]} ${value} (${ads.length} ads) is on this investigation's list of shared numbers: not used for linking`,
    };
  }
  const e = v.examples.join(', ');
  return {
    nl: `${what[0]} ${value} staat in ${ads.length} advertenties van ${v.bridged} groepen die elk een eigen nummer of adres hebben (o.a. ${e}) — ${what[2]}?: niet gebruikt om te koppelen`,
    en: `${what[1]} ${value} appears in ${ads.length} ads of ${v.bridged} groups that each have their own number or address (e.g. ${e}) — ${what[3]}?: not used for linking`,
  };
}
