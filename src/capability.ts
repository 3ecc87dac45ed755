import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessTx } from './access/context.ts';
import type { Grant } from './access/grant.ts';
import type { Decision } from './access/policy.ts';
import type { FieldCipher } from './access/secrets.ts';
import type { Command } from './cli/commands.ts';
import type { Services } from './server/context.ts';
import type { Store } from './store/connect.ts';
import type { JobHandler } from './store/jobs.ts';
import type { PeriodicJob } from './store/scheduler.ts';

/**
 * The shape of a capability: one manifest per folder (`src/<cap>/manifest.ts`), listed once in
 * `src/capabilities.ts`. The server, the job worker, the scheduler, privacy, the CLI and the migrations read
 * the registry, so adding a capability touches its own folder and that one line.
 *
 * A manifest imports statically only data (names, labels, grants, the migrations folder); routes, commands,
 * jobs and the personal-data implementation load lazily (`load: () => import(...)`), so `--help` loads no
 * capability code and the registry can be read from anywhere without an import cycle.
 */
export interface Capability {
  /** Lower-case, unique: the folder name. New job kinds are named `<name>.<job>`. */
  name: string;
  label: { nl: string; en: string };
  /** Its SQL migrations `NNNN_name.sql` in one folder, numbered inside its range (inclusive). */
  migrations?: { dir: URL; range: readonly [number, number] };
  /** Who may do what on which rows of its resources (src/access/grant.ts; docs/access-matrix.md). */
  grants?: readonly Grant[];
  /** HTTP route plugins, registered under their prefix in the order given. */
  routes?: readonly RouteEntry[];
  /** CLI commands by name; the summary is what `--help` prints without loading the command. */
  cli?: Readonly<Record<string, CommandEntry>>;
  /** Durable job handlers of the kinds named (loaded at the first job of one of them). */
  jobs?: {
    kinds: readonly string[];
    load: () => Promise<Readonly<Record<string, JobHandler>>>;
    /** Jobs of a kind one process runs at once, unless KETENPLEIN_JOB_CONCURRENCY says otherwise. */
    concurrency?: Readonly<Record<string, number>>;
  };
  /** Periodic jobs (daily retention and the like): queued once at start and re-queued by each run. */
  schedules?: { kinds: readonly string[]; load: () => Promise<readonly PeriodicJob[]> };
  /** Every capability that holds persons implements this (data-subject rights and retention). */
  personalData?: () => Promise<PersonalData>;
}

export type RoutePlugin = (services: Services) => FastifyPluginAsyncZod;

export interface RouteEntry {
  prefix?: string;
  load: () => Promise<RoutePlugin>;
}

/** One line of the CLI: the summary `--help` prints, and the module that implements the command. */
export interface CommandEntry {
  summary: { nl: string; en: string };
  load: () => Promise<Command>;
}

/** Checks a manifest's own shape (the registry checks names and ranges across manifests). */
export function defineCapability<const C extends Capability>(capability: C): C {
  if (!/^[a-z][a-z0-9_]*$/.test(capability.name)) {
    throw new Error(`capability name "${capability.name}": lower-case letters, digits and _ only`);
  }
  const range = capability.migrations?.range;
  if (range && !(range[0] >= 1 && range[0] <= range[1] && range[1] <= 9999)) {
    throw new Error(
      `capability ${capability.name}: migrations.range ${range.join('-')} is not 1-9999, low-high`,
    );
  }
  return capability;
}

// --- Personal data: one interface, implemented by every capability that holds persons -------------------

/** How a data subject is looked for: the BSN (compared by its keyed fingerprint) or name and date of birth. */
export type SubjectQuery =
  | { bsn: string }
  | { givenNames?: string; prefix?: string; surname: string; dateOfBirth: string };

/** What a data-subject request may have corrected (art. 16); null clears a value. */
export interface Rectification {
  givenNames?: string | null;
  prefix?: string | null;
  surname?: string | null;
  alias?: string | null;
  dateOfBirth?: string | null;
  gender?: string | null;
  nationality?: string | null;
  phones?: string[];
  emails?: string[];
}

/** What privacy hands an implementation: the decision that allowed the step (to audit under) and the request. */
export interface SubjectRightsContext {
  decision: Decision;
  requestId: string;
  now: Date;
}

/** Finding and reporting also see (masked) identifiers, so they get the field cipher. */
export interface DisclosureContext extends SubjectRightsContext {
  cipher: FieldCipher;
  /** Overrides the capability's own retention period in the report (tests, operations). */
  retentionMonths?: number;
}

/** A person record found for a request: `personId` identifies it across capabilities (a uuid). */
export interface FoundPerson extends Record<string, unknown> {
  personId: string;
}

/** Another organisation that holds the same person, named as a contact point only ("match, then talk"). */
export interface OtherHolder {
  orgId: string;
  orgName: string;
  matchedOn: string;
  contacts: string[];
}

/** A person the implementation did not restrict, erase or rectify, with the legal ground. */
export interface Refusal extends Record<string, unknown> {
  personId: string;
  legalGround: string;
}

export interface PersonalData {
  /** Finds the persons the actor's organisation holds (by BSN fingerprint or name + date of birth). */
  find(
    tx: AccessTx,
    context: DisclosureContext,
    query: SubjectQuery,
  ): Promise<{ persons: FoundPerson[]; otherHolders: OtherHolder[] }>;
  /**
   * Which of these ids are persons this capability holds for the actor's organisation (others are some
   * other capability's, or nobody's: privacy answers "not found" for an id no capability claims).
   */
  held(tx: AccessTx, ids: readonly string[]): Promise<string[]>;
  /** The inzage answer (art. 15) per person record: data held, legal basis, retention, recipients. */
  report(tx: AccessTx, context: DisclosureContext, ids: readonly string[]): Promise<FoundPerson[]>;
  /** Art. 18: restrict, or lift the restriction; audited by the implementation under `context.decision`. */
  restrict(
    tx: AccessTx,
    context: SubjectRightsContext,
    ids: readonly string[],
    lift: boolean,
  ): Promise<{ done: string[]; refused: Refusal[] }>;
  /** Art. 17: erase, except where a retention duty applies (refused with its ground). */
  erase(
    tx: AccessTx,
    context: SubjectRightsContext,
    ids: readonly string[],
  ): Promise<{ done: string[]; refused: Refusal[] }>;
  /** Art. 16: correct one person; returns the fields changed (never the values). */
  rectify(
    tx: AccessTx,
    context: SubjectRightsContext,
    id: string,
    changes: Rectification,
  ): Promise<{ fields: string[] }>;
  /** Art. 5(1)(e): removes what is past its retention period; run daily by privacy's retention job. */
  retention(store: Store, options: { now?: Date; months?: number }): Promise<{ records: string[] }>;
}
