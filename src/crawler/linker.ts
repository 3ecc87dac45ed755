import { BucketIndex } from './bucket-index.ts';
import { hamming64, parseHash64 } from './dhash.ts';
import { GrowableInt32 } from './growable.ts';
import { bandKey, DEFAULT_MINHASH, estimateJaccard, type MinHashParams, signature } from './minhash.ts';
import {
  type CutCause,
  findShared,
  type IdentifierGroup,
  keyOf,
  sharedReason,
} from './shared-identifiers.ts';
import { SlotStore } from './slot-store.ts';
import { shingleHashes, templateOf } from './template.ts';
import {
  applyTemplateModel,
  charGrams,
  DEFAULT_TEMPLATE_MODEL,
  type TemplateLink,
  type TemplateModelOptions,
} from './template-model.ts';
import { UnionFind } from './union-find.ts';

/**
 * Links ads of one operator, incrementally: `add` indexes an ad (text by MinHash/LSH, images by
 * dHash), `clusters` materialises the clusters with the evidence for every link. Identifier links
 * (phone, e-mail, handle, image) are applied at materialisation, so that an identifier that turns
 * out to be shared by many unrelated ads (an agency number, a stock photo) can still be cut.
 */
export interface LinkAd {
  id: string;
  text: string;
  title?: string;
  /** Normalised identifiers: E.164 phones, canonical e-mails, `service:name` handles. */
  phones?: readonly string[];
  emails?: readonly string[];
  handles?: readonly string[];
  /** 64-bit dHashes as 16 hex digits. */
  imageHashes?: readonly string[];
}

export type EvidenceKind = 'phone' | 'email' | 'handle' | 'text' | 'image';

export interface Evidence {
  a: string;
  b: string;
  kind: EvidenceKind;
  detail: string;
  score: number;
}

export interface Cluster {
  id: string;
  ads: string[];
  evidence: Evidence[];
}

/** An identifier that was not used for linking, and why (shown to the investigator). */
export interface GuardNote {
  kind: Exclude<EvidenceKind, 'text'>;
  value: string;
  ads: number;
  /** Groups with their own identifiers that it bridges (0 when cut because it is listed). */
  groups: number;
  /** Why: it bridges groups with their own identifiers, or it is on the investigation's list. */
  cause: CutCause;
  /** A few of the bridged groups' own identifiers. */
  examples: string[];
  reason: { nl: string; en: string };
}

export interface LinkOptions {
  minhash: MinHashParams;
  /** Minimum estimated Jaccard of slot-masked word 3-shingles for a text link. */
  textThreshold: number;
  /** Texts with fewer masked tokens are too short to say anything. */
  minTextTokens: number;
  /** LSH bucket members compared per band (newest first); bounds the work for huge templates. */
  candidatesPerBand: number;
  imageMaxDistance: number;
  /** An identifier bridging this many groups of ads that each have their own identifiers is cut as shared. */
  minBridged: number;
  /** `kind:value` keys (e.g. `phone:+31201234567`) on the investigation's list of shared numbers: always cut. */
  knownShared: ReadonlySet<string>;
  /** `kind:value` keys whose cut the investigator overruled: always used for linking. */
  overruled: ReadonlySet<string>;
  /** Identifier links weigh 1 up to this many ads, then fall off with the square root. */
  fullWeightAds: number;
  /** The template model learnt from groups of linked ads (template-model.ts); null to leave it out. */
  templateModel: TemplateModelOptions | null;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  minhash: DEFAULT_MINHASH,
  textThreshold: 0.7,
  minTextTokens: 8,
  candidatesPerBand: 6,
  imageMaxDistance: 6,
  minBridged: 3,
  knownShared: new Set(),
  overruled: new Set(),
  fullWeightAds: 5,
  templateModel: DEFAULT_TEMPLATE_MODEL,
};

const IMAGE_CHUNKS = 4;
const TEMPLATE_ROUNDS = 3;

export class Linker {
  readonly options: LinkOptions;
  private readonly ids: string[] = [];
  private readonly idIndex = new Map<string, number>();
  private readonly slots = new SlotStore();
  private readonly textUnion = new UnionFind();
  private readonly textEdges: number[] = [];
  private readonly textScores: number[] = [];
  private signatures = new Uint32Array(0);
  private readonly bands: BucketIndex[];
  private readonly rows: number;
  private readonly identifiers = new Map<string, number[]>();
  // Images: every hash an entry; near-identical entries joined into image groups.
  private readonly imageUnion = new UnionFind();
  private readonly imageAd: number[] = [];
  private readonly imageHi: number[] = [];
  private readonly imageLo: number[] = [];
  private readonly imageChunks: BucketIndex[] = [];
  // An ad's image entries are contiguous: first entry and count per ad.
  private readonly adFirstImage = new GrowableInt32();
  private readonly adImageCount = new GrowableInt32();
  private readonly sig: Uint32Array;
  private ownCache?: { size: number; lists: string[][] };
  private readonly grams: Uint32Array[] = [];

  constructor(options: Partial<LinkOptions> = {}) {
    this.options = { ...DEFAULT_LINK_OPTIONS, ...options };
    const { hashes, bands } = this.options.minhash;
    if (hashes % bands !== 0) throw new Error(`minhash: ${hashes} hashes do not split into ${bands} bands`);
    this.rows = hashes / bands;
    this.bands = Array.from({ length: bands }, () => new BucketIndex(1 << 12));
    for (let i = 0; i < IMAGE_CHUNKS; i++) this.imageChunks.push(new BucketIndex(1 << 10));
    this.sig = new Uint32Array(hashes);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.idIndex.has(id);
  }

  add(ad: LinkAd): void {
    if (this.idIndex.has(ad.id)) throw new Error(`ad ${ad.id} was already added`);
    // Checked before anything is indexed, so a bad ad leaves the linker unchanged.
    const images = [...new Set(ad.imageHashes ?? [])].map((hex) => {
      const parsed = parseHash64(hex);
      if (!parsed) throw new Error(`image hash "${hex}" is not 16 hex digits`);
      return parsed;
    });
    const index = this.ids.length;
    this.ids.push(ad.id);
    this.idIndex.set(ad.id, index);
    this.textUnion.add();
    const text = ad.title ? `${ad.title}. ${ad.text}` : ad.text;
    this.indexText(index, text);
    this.grams.push(this.options.templateModel ? charGrams(text) : new Uint32Array(0));
    const keys = new Set<string>();
    for (const phone of ad.phones ?? []) keys.add(`phone\u0000${phone}`);
    for (const email of ad.emails ?? []) keys.add(`email\u0000${email}`);
    for (const handle of ad.handles ?? []) keys.add(`handle\u0000${handle}`);
    for (const key of keys) {
      const posting = this.identifiers.get(key);
      if (posting) posting.push(index);
      else this.identifiers.set(key, [index]);
    }
    this.adFirstImage.push(this.imageAd.length);
    this.adImageCount.push(images.length);
    for (const [hi, lo] of images) this.indexImage(index, hi, lo);
  }

  private indexText(index: number, text: string): void {
    const template = templateOf(text);
    this.slots.add(template.slots);
    const { hashes } = this.options.minhash;
    if (this.signatures.length < (index + 1) * hashes) {
      const grown = new Uint32Array(Math.max(1024, (index + 1) * 2) * hashes);
      grown.set(this.signatures);
      this.signatures = grown;
    }
    if (template.tokenHashes.length < this.options.minTextTokens) {
      this.signatures.fill(0, index * hashes, (index + 1) * hashes);
      return;
    }
    signature(shingleHashes(template.tokenHashes), hashes, this.sig);
    this.signatures.set(this.sig, index * hashes);
    const seen = new Set<number>();
    for (let band = 0; band < this.bands.length; band++) {
      const key = bandKey(this.signatures, index * hashes, band, this.rows);
      this.bands[band].forEach(key, this.options.candidatesPerBand, (other) => {
        if (seen.has(other)) return;
        seen.add(other);
        const similarity = estimateJaccard(this.signatures, index, other, hashes);
        if (similarity >= this.options.textThreshold && this.textUnion.union(index, other)) {
          this.textEdges.push(other, index);
          this.textScores.push(similarity);
        }
      });
      this.bands[band].insert(key, index);
    }
  }

  private indexImage(index: number, hi: number, lo: number): void {
    const entry = this.imageUnion.add();
    this.imageAd.push(index);
    this.imageHi.push(hi);
    this.imageLo.push(lo);
    // Leader clustering: an image joins the group of the nearest earlier group leader within the
    // threshold, else leads a new group. Comparing with leaders (not any member) stops chains of
    // small differences from drifting into unrelated pictures.
    const chunks = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
    let best = -1;
    let bestDistance = this.options.imageMaxDistance + 1;
    for (let c = 0; c < IMAGE_CHUNKS; c++) {
      // Pigeonhole: within distance 3 at least one 16-bit chunk is equal; larger distances are found often.
      this.imageChunks[c].forEach((c << 16) | chunks[c], 64, (leader) => {
        const distance = hamming64(hi, lo, this.imageHi[leader], this.imageLo[leader]);
        if (distance < bestDistance) {
          best = leader;
          bestDistance = distance;
        }
      });
    }
    if (best >= 0) {
      this.imageUnion.union(best, entry);
      return;
    }
    for (let c = 0; c < IMAGE_CHUNKS; c++) this.imageChunks[c].insert((c << 16) | chunks[c], entry);
  }

  private identifierGroups(): IdentifierGroup[] {
    const groups: IdentifierGroup[] = [];
    for (const [key, ads] of this.identifiers) {
      if (ads.length < 2) continue;
      const [kind, value] = key.split('\u0000') as [IdentifierGroup['kind'], string];
      groups.push({ kind, value, ads });
    }
    // Most pictures appear once: count per group first, build lists only for shared ones.
    const entries = this.imageAd.length;
    const roots = new Int32Array(entries);
    const sizes = new Int32Array(entries);
    for (let entry = 0; entry < entries; entry++) {
      roots[entry] = this.imageUnion.find(entry);
      sizes[roots[entry]]++;
    }
    const shared = new Map<number, number[]>();
    for (let entry = 0; entry < entries; entry++) {
      const root = roots[entry];
      if (sizes[root] < 2) continue;
      const ads = shared.get(root) ?? [];
      shared.set(root, ads);
      if (ads.at(-1) !== this.imageAd[entry]) ads.push(this.imageAd[entry]);
    }
    for (const [root, list] of shared) {
      const ads = [...new Set(list)].sort((x, y) => x - y);
      if (ads.length >= 2) groups.push({ kind: 'image', value: this.hexOf(root), ads });
    }
    return groups;
  }

  private hexOf(entry: number): string {
    return (
      (this.imageHi[entry] >>> 0).toString(16).padStart(8, '0') +
      (this.imageLo[entry] >>> 0).toString(16).padStart(8, '0')
    );
  }

  /** The clusters as of now: every added ad in exactly one cluster, with evidence per link. */
  clusters(): { clusters: Cluster[]; guarded: GuardNote[] } {
    const union = this.textUnion.clone();
    const groups = this.identifierGroups();
    const verdicts = findShared(groups, (ad) => this.ownIdentifiers(ad), union, this.options);
    const cut = new Set(verdicts.map((v) => v.group));
    const linked = groups.filter((g) => !cut.has(g));
    for (const group of linked) unionAll(union, group.ads);
    const model = this.options.templateModel;
    const templates: TemplateLink[] = [];
    // Groups grow as lone ads join them, and grown groups give profiles to more of them: a few rounds.
    for (let round = 0; model && round < TEMPLATE_ROUNDS; round++) {
      const links = applyTemplateModel(this.grams, (ad) => this.ownIdentifiers(ad).length > 0, union, model);
      templates.push(...links);
      if (links.length === 0) break;
    }
    const guarded = verdicts.map(
      (v): GuardNote => ({
        kind: v.group.kind,
        value: v.group.value,
        ads: v.group.ads.length,
        groups: v.bridged,
        cause: v.cause,
        examples: v.examples,
        reason: sharedReason(v),
      }),
    );
    const clusters = this.collect(union, linked);
    const clusterOf = new Map<string, Cluster>();
    for (const cluster of clusters) for (const ad of cluster.ads) clusterOf.set(ad, cluster);
    for (const link of templates) {
      const percent = Math.round(link.similarity * 100);
      clusterOf.get(this.ids[link.a])!.evidence.push({
        a: this.ids[link.a],
        b: this.ids[link.b],
        kind: 'text',
        detail:
          link.kind === 'groups'
            ? `${percent}% same operator template (learnt from ${link.learntFrom} ads)`
            : `${percent}% fits the operator template learnt from ${link.learntFrom} ads`,
        score: round(link.similarity),
      });
    }
    return { clusters, guarded };
  }

  /** Phone, e-mail and handle keys of an ad (singletons included), built once per materialisation. */
  private ownIdentifiers(ad: number): readonly string[] {
    if (!this.ownCache || this.ownCache.size !== this.ids.length) {
      const lists: string[][] = Array.from({ length: this.ids.length }, () => []);
      for (const [key, ads] of this.identifiers) {
        const [kind, value] = key.split('\u0000');
        for (const a of ads) lists[a].push(keyOf(kind as IdentifierGroup['kind'], value));
      }
      this.ownCache = { size: this.ids.length, lists };
    }
    return this.ownCache.lists[ad];
  }

  private collect(union: UnionFind, linked: IdentifierGroup[]): Cluster[] {
    const byRoot = new Map<number, Cluster>();
    const clusters: Cluster[] = [];
    for (let ad = 0; ad < this.ids.length; ad++) {
      const root = union.find(ad);
      let cluster = byRoot.get(root);
      if (!cluster) {
        cluster = { id: `cl-${this.ids[ad]}`, ads: [], evidence: [] };
        byRoot.set(root, cluster);
        clusters.push(cluster);
      }
      cluster.ads.push(this.ids[ad]);
    }
    const clusterOf = (ad: number) => byRoot.get(union.find(ad))!;
    for (let e = 0; e < this.textScores.length; e++) {
      const a = this.textEdges[2 * e];
      const b = this.textEdges[2 * e + 1];
      clusterOf(a).evidence.push(this.textEvidence(a, b, this.textScores[e]));
    }
    for (const group of linked) {
      const score = this.identifierWeight(group.ads.length);
      for (let i = 1; i < group.ads.length; i++) {
        const a = group.ads[i - 1];
        const b = group.ads[i];
        clusterOf(a).evidence.push({
          a: this.ids[a],
          b: this.ids[b],
          kind: group.kind,
          detail:
            group.kind === 'image'
              ? `image hash distance ${this.imageDistance(a, b)}`
              : identifierDetail(group),
          score: group.kind === 'image' ? round(score * (1 - this.imageDistance(a, b) / 64)) : score,
        });
      }
    }
    return clusters;
  }

  private identifierWeight(ads: number): number {
    const { fullWeightAds } = this.options;
    return ads <= fullWeightAds ? 1 : round(Math.sqrt(fullWeightAds / ads));
  }

  private textEvidence(a: number, b: number, similarity: number): Evidence {
    const differing = this.slots.differing(a, b);
    const percent = Math.round(similarity * 100);
    const detail =
      differing.length > 0
        ? `${percent}% same template, differing slots: ${differing.join(', ')}`
        : `${percent}% same text`;
    return { a: this.ids[a], b: this.ids[b], kind: 'text', detail, score: round(similarity) };
  }

  private imageDistance(a: number, b: number): number {
    let best = 64;
    const firstA = this.adFirstImage.get(a);
    const firstB = this.adFirstImage.get(b);
    for (let i = firstA; i < firstA + this.adImageCount.get(a); i++) {
      for (let j = firstB; j < firstB + this.adImageCount.get(b); j++) {
        best = Math.min(best, hamming64(this.imageHi[i], this.imageLo[i], this.imageHi[j], this.imageLo[j]));
      }
    }
    return best;
  }
}

function unionAll(union: UnionFind, ads: readonly number[]): void {
  for (let i = 1; i < ads.length; i++) union.union(ads[0], ads[i]);
}

function identifierDetail(group: IdentifierGroup): string {
  const label = group.kind === 'email' ? 'e-mail' : group.kind;
  return `same ${label} ${group.value}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
