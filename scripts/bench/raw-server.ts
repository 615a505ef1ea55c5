// The baseline for the load test: the least a node:http server can do to answer after a delay.
// Run: node --import tsx scripts/bench/raw-server.ts --port 0   (prints "raw server at http://127.0.0.1:PORT")
// Answers any GET with {"ms":N} after setTimeout(ms), where ms comes from ?ms=N (default 1000).
// It listens with the kitchen's backlog, so the two differ only in the code that answers.

import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { LISTEN_BACKLOG } from '../../demo-server/config.ts'

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } } })

const server = createServer((req, res) => {
  const ms = Number(/[?&]ms=(\d+)/.exec(req.url ?? '')?.[1] ?? 1000)
  const timer = setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(`{"ms":${ms}}`)
  }, ms)
  req.on('close', () => {
    if (!res.writableEnded) clearTimeout(timer)
  })
})

server.listen({ port: Number(values.port), host: values.host, backlog: LISTEN_BACKLOG }, () => {
  const { port } = server.address() as AddressInfo
  console.log(`raw server at http://${values.host}:${port}`)
})
// Nothing to finish on a signal: the benchmark is done with it.
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
