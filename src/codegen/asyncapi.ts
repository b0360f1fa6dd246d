/**
 * Stage: the event contract → `generated/asyncapi.yaml`, an AsyncAPI 3.0 document for
 * the NATS channel `kaizen.schedule.prepared`: the send operation, the message with its
 * payload schema, its CloudEvents binary-mode headers and the seed's example.
 *
 * Payload and headers are embedded as draft-07 renderings (see draft-07.ts); the message
 * links the published 2020-12 schema, which stays the reference.
 */
import { stringify } from 'yaml'
import type { Contract } from '../../contracts/common.ts'
import {
  CLOUDEVENTS_JSON,
  CloudEventHeaders,
  SCHEDULE_PREPARED_SUBJECT,
  StructuredCloudEvent,
} from '../../contracts/schedule-prepared-event.ts'
import { yamlBanner } from './banner.ts'
import { toDraft07 } from './draft-07.ts'
import type { JsonSchema } from './json-schema.ts'

/** Where the AsyncAPI document is written. */
export const ASYNCAPI_FILE = 'generated/asyncapi.yaml'

/** The AsyncAPI version the document declares. */
export const ASYNCAPI_VERSION = '3.0.0'

/** The multi-format schema format of the embedded renderings. */
export const DRAFT_07_FORMAT = 'application/schema+json;version=draft-07'

/** What the stage needs: the event contract, its emitted schema and the seed's example payload. */
export interface AsyncApiInput {
  readonly contract: Contract
  readonly schema: JsonSchema
  readonly example: JsonSchema
}

/** A fixed event id for the example headers, so the document is reproducible. */
const EXAMPLE_EVENT_ID = '8f2d4c1e-6b7a-4f3e-9c5d-2a1b0e9f8d7c'

/** The CloudEvents headers a producer on host `devbox` would send with `payload`. */
export function exampleHeadersOf(payload: JsonSchema, schemaId: string): Record<string, string> {
  return {
    'ce-specversion': '1.0',
    'ce-id': EXAMPLE_EVENT_ID,
    'ce-source': 'kaizen-agentic://devbox/schedule',
    'ce-type': SCHEDULE_PREPARED_SUBJECT,
    'ce-time': String(payload.occurred_at),
    'ce-subject': String(payload.repo),
    'ce-dataschema': schemaId,
    'ce-datacontenttype': 'application/json',
    'content-type': 'application/json',
  }
}

/** The structured-mode CloudEvent a producer on host `devbox` would send with `payload`. */
export function exampleStructuredOf(payload: JsonSchema, schemaId: string): JsonSchema {
  return {
    specversion: '1.0',
    id: EXAMPLE_EVENT_ID,
    source: 'kaizen-agentic://devbox/schedule',
    type: SCHEDULE_PREPARED_SUBJECT,
    time: String(payload.occurred_at),
    subject: String(payload.repo),
    dataschema: schemaId,
    datacontenttype: 'application/json',
    data: payload,
  }
}

/** The structured-mode body schema, its `data` being the emitted payload schema (without its identity keywords). */
function structuredSchemaOf(schema: JsonSchema): JsonSchema {
  const { $id: _id, $schema: _schema, $comment: _comment, ...payload } = schema
  const structured = JSON.parse(JSON.stringify(StructuredCloudEvent)) as JsonSchema
  const properties = structured.properties as Record<string, JsonSchema>
  return { ...structured, properties: { ...properties, data: payload } }
}

/** The headers of a structured-mode message: the media type only. */
const STRUCTURED_HEADERS: JsonSchema = {
  type: 'object',
  required: ['content-type'],
  properties: { 'content-type': { const: CLOUDEVENTS_JSON, description: 'CloudEvents structured mode, JSON.' } },
  description: 'Headers of a `kaizen.schedule.prepared` message in CloudEvents structured mode.',
}

function draft07(schema: JsonSchema, what: string): JsonSchema {
  const rendered = toDraft07(schema)
  if (!rendered.ok) throw new Error(`cannot render the ${what} schema as draft-07 for AsyncAPI: ${rendered.error}`)
  return rendered.schema
}

/** The AsyncAPI document as data. */
export function buildAsyncApi({ contract, schema, example }: AsyncApiInput): JsonSchema {
  const schemaId = String(schema.$id)
  const headers = JSON.parse(JSON.stringify(CloudEventHeaders)) as JsonSchema
  return {
    asyncapi: ASYNCAPI_VERSION,
    info: {
      title: 'kaizen-agentic schedule events',
      version: contract.version,
      description: `${contract.purpose}\n\nThe payload is the message body (JSON); the CloudEvents attributes travel as \`ce-*\` NATS headers (binary content mode, the default). \`--ce-mode structured\` sends the whole CloudEvent as \`${CLOUDEVENTS_JSON}\` instead (the second message). When a JetStream stream captures the subject, the message is published through it and also carries \`Nats-Msg-Id\` = the event id, so the stream stores a retried event once. The payload schema published for validation is [${schemaId}](${schemaId}) (JSON Schema 2020-12); this document embeds a draft-07 rendering of it, the dialect AsyncAPI tools support.`,
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: '{host}:{port}',
        protocol: 'nats',
        description:
          'The NATS server given to `kaizen-agentic schedule prepare --emit nats://HOST:PORT` (or `tls://HOST:PORT`, or `--emit nats` for `$NATS_URL`); credentials and TLS as for the `nats` CLI (`NATS_USER`/`NATS_PASSWORD`, `NATS_TOKEN`, `NATS_NKEY`, `NATS_CREDS`, `NATS_CA`, `NATS_CERT`/`NATS_KEY`).',
        variables: { host: { default: 'localhost' }, port: { default: '4222' } },
      },
    },
    channels: {
      schedulePrepared: {
        address: SCHEDULE_PREPARED_SUBJECT,
        title: SCHEDULE_PREPARED_SUBJECT,
        description: String(schema.description),
        servers: [{ $ref: '#/servers/nats' }],
        messages: {
          schedulePrepared: { $ref: '#/components/messages/schedulePrepared' },
          schedulePreparedStructured: { $ref: '#/components/messages/schedulePreparedStructured' },
        },
      },
    },
    operations: {
      sendSchedulePrepared: {
        action: 'send',
        title: 'Publish kaizen.schedule.prepared',
        summary: 'Sent by `schedule prepare --emit nats://…` once a bundle is assembled.',
        channel: { $ref: '#/channels/schedulePrepared' },
        messages: [
          { $ref: '#/channels/schedulePrepared/messages/schedulePrepared' },
          { $ref: '#/channels/schedulePrepared/messages/schedulePreparedStructured' },
        ],
      },
    },
    components: {
      messages: {
        schedulePrepared: {
          name: SCHEDULE_PREPARED_SUBJECT,
          title: String(schema.title),
          summary: String(schema.description),
          contentType: 'application/json',
          headers: { schemaFormat: DRAFT_07_FORMAT, schema: draft07(headers, 'CloudEvents headers') },
          payload: { schemaFormat: DRAFT_07_FORMAT, schema: draft07(schema, 'event payload') },
          externalDocs: { description: 'The published payload schema (JSON Schema 2020-12).', url: schemaId },
          examples: [
            {
              name: 'seed',
              summary:
                'The example payload of the `kaizen.schedule.prepared` event spec, with its CloudEvents headers.',
              headers: exampleHeadersOf(example, schemaId),
              payload: example,
            },
          ],
        },
        schedulePreparedStructured: {
          name: `${SCHEDULE_PREPARED_SUBJECT} (structured)`,
          title: `${String(schema.title)}, CloudEvents structured mode`,
          summary: 'The same event as one CloudEvent JSON document (`--ce-mode structured`), the payload under `data`.',
          contentType: CLOUDEVENTS_JSON,
          headers: { schemaFormat: DRAFT_07_FORMAT, schema: draft07(STRUCTURED_HEADERS, 'structured headers') },
          payload: { schemaFormat: DRAFT_07_FORMAT, schema: draft07(structuredSchemaOf(schema), 'structured event') },
          externalDocs: { description: 'The published payload schema (JSON Schema 2020-12).', url: schemaId },
          examples: [
            {
              name: 'seed-structured',
              summary: 'The seed example payload as a structured-mode CloudEvent.',
              headers: { 'content-type': CLOUDEVENTS_JSON },
              payload: exampleStructuredOf(example, schemaId),
            },
          ],
        },
      },
    },
  }
}

/** Renders `generated/asyncapi.yaml`: banner, then the document. */
export function renderAsyncApi(input: AsyncApiInput): string {
  const body = stringify(buildAsyncApi(input), { lineWidth: 0, aliasDuplicateObjects: false })
  return `${yamlBanner(`contracts/${input.contract.name}.ts`)}\n${body}`
}
