import type { Generated } from 'kysely';
import type { DateColumn } from '../store/schema.ts';

/** The care tables (migration 0300_care.sql), added to the store's Database by module augmentation. */
export interface CareClientTable {
  id: Generated<string>;
  org_id: string;
  source: string;
  source_signal_id: string | null;
  source_reference: string | null;
  alias: string | null;
  given_names: string | null;
  prefix: string | null;
  surname: string | null;
  date_of_birth: DateColumn | null;
  estimated_age: number | null;
  gender: string | null;
  nationality: string | null;
  languages: Generated<string[]>;
  immigration_status: Generated<string>;
  forms: Generated<string[]>;
  exploitation_places: Generated<unknown>;
  needs: Generated<string[]>;
  safety: unknown;
  contact_channel: string | null;
  restricted_at: Date | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CareConsentTable {
  id: Generated<string>;
  client_id: string;
  org_id: string;
  scope: string;
  given_on: DateColumn;
  how: string;
  withdrawn_on: DateColumn | null;
  covers: Generated<string[]>;
  recorded_by: string;
}

export interface ShelterLocationTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  municipality_code: string;
  region: string;
  created_at: Generated<Date>;
}

export interface ShelterPlaceTable {
  id: Generated<string>;
  location_id: string;
  org_id: string;
  kind: string;
  capacity: number;
  occupancy: number;
  genders: string[];
  min_age: Generated<number>;
  max_age: Generated<number>;
  needs: Generated<string[]>;
  figures_at: Generated<Date>;
}

export interface PlacementRequestTable {
  id: Generated<string>;
  client_id: string;
  coordinator_org_id: string;
  needs: Generated<string[]>;
  gender: string;
  age: number;
  avoid_regions: Generated<string[]>;
  avoid_municipalities: Generated<string[]>;
  state: Generated<string>;
  place_id: string | null;
  shelter_org_id: string | null;
  history: Generated<unknown>;
  filed_at: Generated<Date>;
  admitted_on: DateColumn | null;
  discharged_on: DateColumn | null;
  destination: string | null;
  created_by: string;
}

export interface CareSafeAddressTable {
  placement_id: string;
  client_id: string;
  coordinator_org_id: string;
  shelter_org_id: string;
  address: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface ReflectionPeriodTable {
  id: Generated<string>;
  client_id: string;
  org_id: string;
  offered_on: DateColumn;
  started_on: DateColumn | null;
  ends_on: DateColumn | null;
  ended_on: DateColumn | null;
  decision: string | null;
  decision_on: DateColumn | null;
  permit_applied_on: DateColumn | null;
  permit_decision: string | null;
  permit_decided_on: DateColumn | null;
}

export interface VictimRegistrationTable {
  id: Generated<string>;
  org_id: string;
  reporting_org_type: string;
  via_registrar: Generated<boolean>;
  source_client_id: string | null;
  registered_on: DateColumn;
  sex: string;
  age: number;
  age_estimated: Generated<boolean>;
  minor: boolean;
  nationality: string;
  forms: string[];
  exploited_in: string;
  /** null once erased (0304): the monitor variables stay as an anonymous count. */
  encoding: unknown;
  erased_at: Date | null;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface CareTrajectoryTable {
  id: Generated<string>;
  client_id: string;
  org_id: string;
  outcome: string | null;
  closed_on: DateColumn | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CareTrajectoryPhaseTable {
  id: Generated<string>;
  trajectory_id: string;
  org_id: string;
  position: number;
  phase: string;
  provider_org_id: string;
  state: Generated<string>;
  started_on: DateColumn | null;
  ended_on: DateColumn | null;
}

export interface CareHandoverTable {
  id: Generated<string>;
  trajectory_id: string;
  org_id: string;
  from_phase_id: string;
  to_phase_id: string;
  to_org_id: string;
  phase: string;
  fields: string[];
  payload: unknown;
  state: Generated<string>;
  reason: string | null;
  proposed_on: DateColumn;
  decided_at: Date | null;
  decided_by: string | null;
  source_erased_at: Date | null;
}

export interface MissingMinorTable {
  id: Generated<string>;
  org_id: string;
  police_org_id: string;
  minor_key: string;
  given_names: string;
  surname: string;
  date_of_birth: DateColumn | null;
  kind: string;
  missing_since: Date;
  description: string;
  risk_factors: Generated<string[]>;
  earlier_absences: Generated<number>;
  risk: string;
  state: Generated<string>;
  returned_at: Date | null;
  erased_at: Date | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface MissingMinorEventTable {
  id: Generated<string>;
  report_id: string;
  org_id: string;
  police_org_id: string;
  author_org_id: string;
  kind: string;
  note: string | null;
  at: Generated<Date>;
  created_by: string;
}

declare module '../store/schema.ts' {
  interface Database {
    care_clients: CareClientTable;
    care_consents: CareConsentTable;
    shelter_locations: ShelterLocationTable;
    shelter_places: ShelterPlaceTable;
    placement_requests: PlacementRequestTable;
    care_safe_addresses: CareSafeAddressTable;
    reflection_periods: ReflectionPeriodTable;
    victim_registrations: VictimRegistrationTable;
    care_trajectories: CareTrajectoryTable;
    care_trajectory_phases: CareTrajectoryPhaseTable;
    care_handovers: CareHandoverTable;
    missing_minors: MissingMinorTable;
    missing_minor_events: MissingMinorEventTable;
  }
}
