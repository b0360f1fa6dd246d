/** The `kaizen.schedule.prepared` event payload. */
import Type, { type Static } from 'typebox'
import { AbsolutePath, Cadence, Command, defineContract, RepoSlug, RunId, Slug, Timestamp } from './common.ts'
import { CLOUDEVENTS_JSON, SCHEDULE_PREPARED_SUBJECT } from './constants.ts'
import { BundleBytes, BundleFlags, BundleFormat, BundleRedactions, BundleTokens } from './prepared-bundle.ts'

export { SCHEDULE_PREPARED_SUBJECT } from './constants.ts'

/** Major version: the payload's `version` field and the `$id` both carry it. */
const MAJOR = '1'
const VERSION = `${MAJOR}.1.0` as const

/** The `kaizen.schedule.prepared` event. */
export const SchedulePreparedEvent = defineContract(
  {
    name: 'schedule-prepared-event',
    version: VERSION,
    direction: 'output',
    title: 'kaizen.schedule.prepared event',
    description:
      'Published when `schedule prepare` has assembled a bundle. Carries metadata and a command, never secrets or file contents.',
    purpose:
      'Lets a runner, activity-core or a dashboard react when a scheduled bundle has been prepared, without polling. Subject `kaizen.schedule.prepared`; on NATS it travels as a CloudEvents binary-mode message (structured mode on request), through JetStream with `Nats-Msg-Id` = `ce-id` when a stream captures the subject. The `bundle` flags are the prepared-bundle contract flags, composed rather than copied.',
  },
  Type.Object({
    event: Type.Literal(SCHEDULE_PREPARED_SUBJECT, { description: 'Always `kaizen.schedule.prepared`.' }),
    version: Type.Literal(MAJOR, { description: 'Payload schema version (the contract major).' }),
    occurred_at: Timestamp('When the bundle was assembled (RFC 3339).'),
    repo: RepoSlug('State-hub slug of the repo.'),
    root: AbsolutePath('Absolute checkout path.'),
    agent: Slug('Agent the bundle orients.'),
    cadence: Cadence('Cadence of the agent: daily, weekly or monthly.'),
    prepare_command: Command('Exact CLI command that produced the bundle.'),
    run_id: Type.Optional(RunId('The scheduled run the bundle prepares (`prepare --run-id`).')),
    bundle: Type.Object(
      {
        format: BundleFormat,
        ...BundleFlags.properties,
        bytes: BundleBytes,
        tokens: Type.Optional(BundleTokens),
        redactions: Type.Optional(BundleRedactions),
      },
      { description: 'What the bundle holds; mirrors `schedule prepare --format json`.' },
    ),
    session_close: Type.Array(Command('A close command.'), { description: 'Suggested session-close commands.' }),
  }),
)

/** The `kaizen.schedule.prepared` payload. */
export type SchedulePreparedEvent = Static<typeof SchedulePreparedEvent.schema>

/**
 * NATS message headers of the event in CloudEvents binary content mode: the payload
 * is the message body, the CloudEvents attributes travel as `ce-*` headers (values
 * percent-encoded as the NATS protocol binding requires). Not a standalone contract;
 * the AsyncAPI document and the emitter use it.
 */
export const CloudEventHeaders = Type.Object(
  {
    'ce-specversion': Type.Literal('1.0', { description: 'CloudEvents spec version.' }),
    'ce-id': Type.String({ minLength: 1, description: 'Unique id of this event (a UUID).' }),
    'ce-source': Type.String({
      minLength: 1,
      description: 'URI-reference of the producer, e.g. `kaizen-agentic://<host>/schedule`.',
    }),
    'ce-type': Type.Literal(SCHEDULE_PREPARED_SUBJECT, { description: 'Event type; equals the subject.' }),
    'ce-time': Timestamp('When the bundle was assembled; equals `occurred_at`.'),
    'ce-subject': RepoSlug('The repo slug; equals `repo`.'),
    'ce-dataschema': Type.Literal(SchedulePreparedEvent.schema.$id, { description: 'The payload schema `$id`.' }),
    'ce-datacontenttype': Type.Literal('application/json', {
      description: 'Media type of the body, as the binding requires (every attribute is a `ce-` header).',
    }),
    'content-type': Type.Literal('application/json', {
      description: 'Media type of the body again, for NATS clients that know no CloudEvents.',
    }),
  },
  { description: 'CloudEvents binary-mode headers of a `kaizen.schedule.prepared` NATS message.' },
)

/** The CloudEvents headers of the event. */
export type CloudEventHeaders = Static<typeof CloudEventHeaders>

/** The media type of a structured-mode message. */
export { CLOUDEVENTS_JSON }

/**
 * The same event in CloudEvents structured content mode (`--ce-mode structured`): the
 * body is the whole CloudEvent as JSON, the payload under `data`, and the only header is
 * `content-type: application/cloudevents+json`. For consumers whose SDK reads only that
 * mode (the Go SDK's core NATS protocol). Attribute values are not percent-encoded here.
 */
export const StructuredCloudEvent = Type.Object(
  {
    specversion: Type.Literal('1.0', { description: 'CloudEvents spec version.' }),
    id: Type.String({ minLength: 1, description: 'Unique id of this event (a UUID); also `Nats-Msg-Id`.' }),
    source: Type.String({ minLength: 1, description: 'URI-reference of the producer.' }),
    type: Type.Literal(SCHEDULE_PREPARED_SUBJECT, { description: 'Event type; equals the subject.' }),
    time: Timestamp('When the bundle was assembled; equals `data.occurred_at`.'),
    subject: RepoSlug('The repo slug; equals `data.repo`.'),
    dataschema: Type.Literal(SchedulePreparedEvent.schema.$id, { description: 'The payload schema `$id`.' }),
    datacontenttype: Type.Literal('application/json', { description: 'Media type of `data`.' }),
    data: SchedulePreparedEvent.schema,
  },
  { description: 'A `kaizen.schedule.prepared` NATS message body in CloudEvents structured mode.' },
)

/** A structured-mode CloudEvent carrying the event. */
export type StructuredCloudEvent = Static<typeof StructuredCloudEvent>
