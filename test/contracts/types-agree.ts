/**
 * Compile-time proof (checked by `tsc` in `npm run check` and the typecheck test)
 * that the types generated from the published schemas and TypeBox's `Static`
 * types of the contracts are assignable both ways.
 */
import type { ActivityDefinition as ActivityDefinitionTb } from '../../contracts/activity-definition.ts'
import type { ExecutionRecord as ExecutionRecordTb } from '../../contracts/execution-record.ts'
import type { PreparedBundle as PreparedBundleTb } from '../../contracts/prepared-bundle.ts'
import type { Roster as RosterTb } from '../../contracts/roster.ts'
import type { ScheduleList as ScheduleListTb } from '../../contracts/schedule-list.ts'
import type { ScheduleManifest as ScheduleManifestTb } from '../../contracts/schedule-manifest.ts'
import type { SchedulePreparedEvent as SchedulePreparedEventTb } from '../../contracts/schedule-prepared-event.ts'
import type { ScheduledRuns as ScheduledRunsTb } from '../../contracts/scheduled-runs.ts'
import type { ValidationReport as ValidationReportTb } from '../../contracts/validation-report.ts'
import type { ActivityDefinition } from '../../generated/types/activity-definition.ts'
import type { ExecutionRecord } from '../../generated/types/execution-record.ts'
import type { PreparedBundle } from '../../generated/types/prepared-bundle.ts'
import type { Roster } from '../../generated/types/roster.ts'
import type { ScheduleList } from '../../generated/types/schedule-list.ts'
import type { ScheduleManifest } from '../../generated/types/schedule-manifest.ts'
import type { SchedulePreparedEvent } from '../../generated/types/schedule-prepared-event.ts'
import type { ScheduledRuns } from '../../generated/types/scheduled-runs.ts'
import type { ValidationReport } from '../../generated/types/validation-report.ts'

/** `true` only when A and B are assignable to each other. */
export type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** Fails to compile unless its argument is `true`. */
export const agree = <T extends true>(): T | undefined => undefined

agree<Mutual<ScheduleManifest, ScheduleManifestTb>>()
agree<Mutual<Roster, RosterTb>>()
agree<Mutual<ScheduledRuns, ScheduledRunsTb>>()
agree<Mutual<PreparedBundle, PreparedBundleTb>>()
agree<Mutual<SchedulePreparedEvent, SchedulePreparedEventTb>>()
agree<Mutual<ActivityDefinition, ActivityDefinitionTb>>()
agree<Mutual<ExecutionRecord, ExecutionRecordTb>>()
agree<Mutual<ValidationReport, ValidationReportTb>>()
agree<Mutual<ScheduleList, ScheduleListTb>>()
