/** A real HTTP server on 127.0.0.1 (port 0) playing state-hub, scripted per request, for the hub client tests. */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the fake hub does with one request: answer, or `hang` (accept and never respond). */
export type HubReply = { readonly status: number; readonly body: string; readonly contentType?: string } | 'hang'

/** A request the fake hub received. */
export interface HubRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** A running fake hub. */
export interface FakeHub {
  readonly url: string
  readonly requests: HubRequest[]
  close(): Promise<void>
}

/** Starts a fake hub that answers the n-th request with `replies[n]` (the last reply repeats). */
export async function startFakeHub(replies: readonly HubReply[]): Promise<FakeHub> {
  const requests: HubRequest[] = []
  const hanging: ServerResponse[] = []
  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers })
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)] ?? 'hang'
    if (reply === 'hang') {
      hanging.push(response)
      return
    }
    response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' })
    response.end(reply.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port that was just open and is now closed, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
