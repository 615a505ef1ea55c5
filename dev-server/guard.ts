// The deck's dev server answers only its own pages and the tools on this machine where it can write
// or launch anything. Slidev's dev server rewrites slides on `POST /__slidev/slides/N.json` (and reads
// any body as JSON, so a cross-site `text/plain` fetch needs no preflight), edits slides through its
// MCP endpoint, and Vite's `/__open-in-editor` launches an editor on any path. The shared state every
// window syncs (`/@server-reactive/…`: the slide on screen, drawings) takes any POST the same
// way. Without this guard, any page open in the presenter's browser could do all of these.

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { foreignPage, isAllowedHost, isOwnOrigin } from '../demo-server/trust.ts'

/**
 * The dev server's own endpoints: Slidev's (`/__slidev/…`, `/__mcp`), Vite's editor launcher and inspector,
 * and the shared state of vite-plugin-vue-server-ref (`/@server-ref/…`, `/@server-reactive/…`), whose
 * modules the deck's pages load with their own Origin and whose POSTs change what every window shows.
 */
const GUARDED = /^\/(?:__(?:slidev\/|mcp(?:[/?]|$)|open-in-editor(?:[/?]|$)|inspect(?:[/?]|$))|@server-(?:ref|reactive)\/)/

const LOOPBACK_ADDRESS = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

export interface GuardOptions {
  /** The path the deck's kitchen proxy answers on; requests there must name an allowed host. Default /api. */
  kitchenBase?: string
}

/** The project folder, with links resolved, that `/__open-in-editor` may open files in. */
function insideRoot(root: string, file: string): boolean {
  let path = file.startsWith('file://') ? fileURLToPath(file) : file
  path = resolve(root, path.replace(/:\d+(?::\d+)?$/, ''))
  try {
    path = realpathSync(path)
  }
  catch {
    return false // launch-editor opens only files that exist
  }
  const within = relative(realpathSync(root), path)
  return within !== '' && !within.startsWith('..') && !isAbsolute(within)
}

/** Why the dev server refuses this request, or undefined if it may go on. */
export function refusal(req: IncomingMessage, server: Pick<ViteDevServer, 'config'>, kitchenBase = '/api'): string | undefined {
  const path = (req.url ?? '/').split('?')[0]
  const guarded = GUARDED.test(path)
  if (!guarded && path !== kitchenBase && !path.startsWith(`${kitchenBase}/`)) return undefined
  const { allowedHosts, host } = server.config.server
  const hosts = [...(Array.isArray(allowedHosts) ? allowedHosts : []), ...(typeof host === 'string' ? [host] : [])]
  if (allowedHosts !== true && !isAllowedHost(req.headers.host, hosts)) return 'it names a host this server does not answer to'
  if (!guarded) return undefined // the kitchen checks pages itself: it sees the request's Origin and Sec-Fetch-Site
  const origin = req.headers.origin
  const fetchSite = req.headers['sec-fetch-site'] as string | undefined
  const foreign = foreignPage({ origin, fetchSite }, page => isOwnOrigin(page, req.headers.host), ['same-origin', 'none'])
  if (foreign) return `it came from ${foreign}`
  if (origin === undefined && fetchSite === undefined && !LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? ''))
    return 'a tool on another machine sent it'
  if (path === '/__open-in-editor') {
    const file = new URL(req.url ?? '/', 'http://x').searchParams.get('file') ?? ''
    if (!insideRoot(server.config.root, file)) return 'it opens only files inside the project'
  }
  return undefined
}

export function guardDevServer(options: GuardOptions = {}): Plugin {
  return {
    name: 'hello-async-world:guard',
    apply: 'serve',
    configureServer(server) {
      let lastSaid = 0
      let unsaid = 0
      const guard: Connect.NextHandleFunction = (req: IncomingMessage, res: ServerResponse, next) => {
        const why = refusal(req, server, options.kitchenBase)
        if (!why) return next()
        res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(JSON.stringify({ error: `the deck's dev server refused this request: ${why}` }))
        // The presenter should know, but a page must not be able to flood the terminal: one line per 10 s.
        unsaid++
        if (Date.now() - lastSaid < 10_000) return
        const path = (req.url ?? '').split('?')[0].slice(0, 80)
        const requests = `${unsaid} request${unsaid === 1 ? '' : 's'}`
        server.config.logger.warn(`  refused ${requests} to the dev server (last: ${req.method} ${path}, ${why})`, { timestamp: true })
        lastSaid = Date.now()
        unsaid = 0
      }
      // First in the chain, ahead of Vite's and Slidev's own middlewares, whatever order the plugins run in.
      server.middlewares.stack.unshift({ route: '', handle: guard })
    },
  }
}
