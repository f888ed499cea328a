import type { JobKind } from '../job-kind.ts'
import { pruneAuth } from './prune-auth.ts'
import { wakeSnoozed } from './wake-snoozed.ts'

/** Every job kind the workers run; one file each. */
export const JOB_KINDS: readonly JobKind[] = [wakeSnoozed, pruneAuth]
