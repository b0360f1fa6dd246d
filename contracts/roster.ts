/** The state-hub roster: the fields this project reads from `GET /repos/`. */
import Type, { type Static } from 'typebox'
import { AbsolutePath, defineContract, RepoSlug } from './common.ts'

/** One repository as state-hub lists it; other hub fields are allowed and ignored. */
export const RosterRepo = Type.Object(
  {
    slug: RepoSlug('State-hub slug of the repository.'),
    host_paths: Type.Record(Type.String({ minLength: 1 }), AbsolutePath('Absolute checkout path on that host.'), {
      description: 'Host name to absolute checkout path, for every host that has a checkout.',
    }),
    kaizen_schedule_enabled: Type.Optional(
      Type.Boolean({
        description: 'Operator override: false excludes the repo from scheduling; absent or true defers to the repo.',
      }),
    ),
  },
  { description: 'One repository entry of the roster; other hub fields are allowed and ignored.' },
)

/** state-hub's `GET /repos/` response. */
export const Roster = defineContract(
  {
    name: 'roster',
    version: '1.0.0',
    direction: 'input',
    title: 'state-hub roster',
    description: 'The state-hub `GET /repos/` response: the fields kaizen-agentic reads to find repositories.',
    purpose:
      'state-hub owns the list of repositories and where each is checked out. `discover` reads this array (from a file or the hub) and ignores any field it does not know, so the hub can grow without breaking the resolver.',
  },
  Type.Array(RosterRepo),
)

/** state-hub's `GET /repos/` response. */
export type Roster = Static<typeof Roster.schema>
/** One repository of the roster. */
export type RosterRepo = Static<typeof RosterRepo>
