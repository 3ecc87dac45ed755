import type { Generated } from 'kysely';

/** The monitor's tables (migration 0700_monitor.sql) as Kysely sees them. */
export interface MonitorIndicatorTable {
  id: string;
  org_id: string;
  action_line: number;
  name_nl: string;
  name_en: string;
  definition: unknown;
  unit: string;
  period: string;
  baseline: string | number | null;
  target: string | number | null;
  breakdowns: string[];
  source: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface MonitorFigureTable {
  id: Generated<string>;
  indicator_id: string;
  period: string;
  value: string | number;
  org_id: string;
  submitted_by: string;
  submitted_by_name: Generated<string>;
  submitted_at: Generated<Date>;
  supersedes: string | null;
  note: string | null;
}

export interface MonitorClosedPeriodTable {
  period: string;
  org_id: string;
  closed_by: string;
  closed_at: Generated<Date>;
}

export interface MonitorSignalFactTable {
  month: string;
  channel: string;
  form: string;
  municipality: string;
  minor: boolean;
  signals: number;
  routed: number;
  accepted: number;
  routed_within_sla: number;
  routing_hours: number;
  acceptance_hours: number;
}

export interface MonitorSnapshotTable {
  name: string;
  value: unknown;
  computed_at: Generated<Date>;
}

export interface MunicipalAssessmentTable {
  id: Generated<string>;
  org_id: string;
  municipality: string;
  version: number;
  answers: unknown;
  evidence: unknown;
  submitted_by: string;
  submitted_at: Generated<Date>;
}

export interface ProgrammeMeasureTable {
  id: string;
  version: number;
  org_id: string;
  action_line: number;
  title: string;
  description: string;
  owners: string[];
  status: string;
  milestones: unknown;
  changed_by: string;
  changed_by_name: string;
  changed_at: Generated<Date>;
}

export interface ProgrammeActivityTable {
  id: string;
  version: number;
  measure_id: string;
  org_id: string;
  kind: string;
  title: string;
  audience: string;
  organisation: string;
  period: string;
  output_unit: string;
  planned: number;
  delivered: number;
  changed_by: string;
  changed_by_name: string;
  changed_at: Generated<Date>;
}

export interface MonitorReportTextTable {
  year: number;
  action_line: number;
  version: number;
  org_id: string;
  body: string;
  changed_by: string;
  changed_by_name: string;
  changed_at: Generated<Date>;
}

declare module '../store/schema.ts' {
  interface Database {
    monitor_indicators: MonitorIndicatorTable;
    monitor_figures: MonitorFigureTable;
    monitor_closed_periods: MonitorClosedPeriodTable;
    monitor_signal_facts: MonitorSignalFactTable;
    monitor_snapshots: MonitorSnapshotTable;
    municipal_assessments: MunicipalAssessmentTable;
    programme_measures: ProgrammeMeasureTable;
    programme_activities: ProgrammeActivityTable;
    monitor_report_texts: MonitorReportTextTable;
  }
}
