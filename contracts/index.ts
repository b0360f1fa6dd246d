/**
 * The registry: every contract, in the order the generator and the docs list them.
 * Adding a contract = one file in `contracts/` + one line here.
 */
import { ActivityDefinition } from './activity-definition.ts'
import type { Contract } from './common.ts'
import { ExecutionRecord } from './execution-record.ts'
import { MetricsShow } from './metrics-show.ts'
import { PreparedBundle } from './prepared-bundle.ts'
import { Roster } from './roster.ts'
import { ScheduleList } from './schedule-list.ts'
import { ScheduleManifest } from './schedule-manifest.ts'
import { SchedulePreparedEvent } from './schedule-prepared-event.ts'
import { ScheduledRuns } from './scheduled-runs.ts'
import { ValidationReport } from './validation-report.ts'

/** Every contract this project owns. */
export const CONTRACTS: readonly Contract[] = [
  ScheduleManifest,
  Roster,
  ScheduledRuns,
  PreparedBundle,
  SchedulePreparedEvent,
  ActivityDefinition,
  ExecutionRecord,
  ValidationReport,
  ScheduleList,
  MetricsShow,
]

export type { Contract, ContractDirection } from './common.ts'
