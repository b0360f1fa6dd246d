/**
 * generated/asyncapi.yaml parses with @asyncapi/parser without an error diagnostic, and
 * says what the contracts say: the channel, the send operation, the payload (draft-07
 * rendering of the published schema), the CloudEvents headers and the seed example.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Parser } from '@asyncapi/parser'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  CLOUDEVENTS_JSON,
  CloudEventHeaders,
  SchedulePreparedEvent,
  StructuredCloudEvent,
} from '../../contracts/schedule-prepared-event.ts'
import { ASYNCAPI_FILE, DRAFT_07_FORMAT } from '../../src/codegen/asyncapi.ts'
import { toDraft07 } from '../../src/codegen/draft-07.ts'
import type { JsonSchema } from '../../src/codegen/json-schema.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const text = await readFile(join(PROJECT_ROOT, ASYNCAPI_FILE), 'utf8')
const published = JSON.parse(
  await readFile(join(PROJECT_ROOT, 'generated/schemas/schedule-prepared-event.schema.json'), 'utf8'),
) as JsonSchema
const seed = JSON.parse(
  await readFile(join(PROJECT_ROOT, 'contracts/examples/schedule-prepared-event/valid/seed-example.json'), 'utf8'),
)
const headersSchema = JSON.parse(JSON.stringify(CloudEventHeaders)) as JsonSchema

const errorsOf = async (source: string) => {
  const { document, diagnostics } = await new Parser().parse(source)
  // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
  const errors = diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`)
  return { document, errors }
}

describe('the AsyncAPI document', async () => {
  const { document, errors } = await errorsOf(text)
  const raw = parseYaml(text)
  const message = raw.components.messages.schedulePrepared

  it('parses with @asyncapi/parser without any error diagnostic', () => {
    expect(errors).toEqual([])
    expect(document).toBeDefined()
    expect(raw.asyncapi).toBe('3.0.0')
    expect(raw.info.version).toBe(SchedulePreparedEvent.version)
  })

  it('has the NATS channel and a send operation on it', () => {
    const channel = document?.channels().all()[0]
    expect(channel?.address()).toBe('kaizen.schedule.prepared')
    const operation = document?.operations().all()[0]
    expect(operation?.action()).toBe('send')
    expect(operation?.channels().all()[0]?.address()).toBe('kaizen.schedule.prepared')
    expect(raw.servers.nats.protocol).toBe('nats')
  })

  it('carries the published payload schema, rendered as draft-07', () => {
    const rendered = toDraft07(published)
    expect(rendered.ok).toBe(true)
    expect(message.payload).toEqual({ schemaFormat: DRAFT_07_FORMAT, schema: rendered.ok ? rendered.schema : null })
    expect(message.externalDocs.url).toBe(SchedulePreparedEvent.schema.$id)
  })

  it('describes the CloudEvents headers from the contract', () => {
    expect(message.headers.schemaFormat).toBe(DRAFT_07_FORMAT)
    expect(message.headers.schema).toEqual(headersSchema)
    expect(message.headers.schema.required).toEqual(Object.keys(CloudEventHeaders.properties))
  })

  it('shows the seed example, valid against the published schema, with valid headers', () => {
    const [example] = message.examples
    expect(example.payload).toEqual(seed)
    expect(createAjv().compile(published)(example.payload)).toBe(true)
    const checkHeaders = createAjv().compile(headersSchema)
    expect(checkHeaders(example.headers), JSON.stringify(checkHeaders.errors)).toBe(true)
    expect(example.headers['ce-dataschema']).toBe(SchedulePreparedEvent.schema.$id)
    expect(example.headers['ce-time']).toBe(seed.occurred_at)
    expect(example.headers['ce-subject']).toBe(seed.repo)
    expect(example.headers['ce-datacontenttype']).toBe('application/json')
  })

  it('offers the structured mode as a second message whose example is a valid CloudEvent', () => {
    const structured = raw.components.messages.schedulePreparedStructured
    expect(structured.contentType).toBe(CLOUDEVENTS_JSON)
    expect(document?.operations().all()[0]?.messages().all()).toHaveLength(2)
    const [example] = structured.examples
    expect(example.headers).toEqual({ 'content-type': CLOUDEVENTS_JSON })
    expect(example.payload.data).toEqual(seed)
    const checkBody = createAjv().compile(structured.payload.schema)
    expect(checkBody(example.payload), JSON.stringify(checkBody.errors)).toBe(true)
    expect(Object.keys(structured.payload.schema.properties)).toEqual(Object.keys(StructuredCloudEvent.properties))
    expect(checkBody({ ...example.payload, data: { ...seed, version: '2' } })).toBe(false)
  })

  it('would be caught by the parser if the embedded payload schema were broken', async () => {
    const broken = text.replace(/(\n\s+occurred_at:\n\s+)type: string/, '$1type: 123')
    expect(broken).not.toBe(text)
    const { errors: found } = await errorsOf(broken)
    expect(found.join('\n')).toContain('payload/schema/properties/occurred_at/type')
  })
})
