/** The operator CLI's commands that do the work (no groups), as argv prefixes: what help tests walk. */
export const LEAF_COMMANDS = [
  ['schedule', 'init'],
  ['schedule', 'validate'],
  ['schedule', 'list'],
  ['schedule', 'prepare'],
  ['schedule', 'discover'],
  ['metrics', 'record'],
  ['metrics', 'show'],
] as const
