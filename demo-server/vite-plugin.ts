// Brings the egg kitchen up with the deck's dev server, as its own process, and proxies /api to it.
// Its own process, so a demo that blocks the kitchen's event loop never freezes the deck or its sync.
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin, ViteDevServer } from 'vite'
import { kitchenClient } from '../examples/lib/kitchen-client.ts'
import { DEFAULT_HOST, DEFAULT_PORT, KITCHEN_NODE_FLAGS } from './config.ts'

const here = dirname(fileURLToPath(import.meta.url))

export interface KitchenPluginOptions {
  /** Where the kitchen listens (env EGG_PORT overrides). Default 3001. */
  port?: number
  host?: string
  /** The path the deck's pages use for the kitchen. Default /api. */
  base?: string
}

export function eggKitchen(options: KitchenPluginOptions = {}): Plugin {
  const port = Number(process.env.EGG_PORT || options.port || DEFAULT_PORT)
  const host = options.host ?? DEFAULT_HOST
  const base = options.base ?? '/api'
  const url = `http://${host}:${port}`
  let child: ChildProcess | undefined
  let stopping = false

  const log = (server: ViteDevServer | undefined, message: string) =>
    server ? server.config.logger.info(`  egg kitchen: ${message}`, { timestamp: true }) : console.log(`egg kitchen: ${message}`)

  function start(server: ViteDevServer) {
    // node --import tsx rather than the tsx CLI: one process, so SIGTERM reaches the kitchen itself.
    child = spawn(process.execPath, [...KITCHEN_NODE_FLAGS, '--import', 'tsx', join(here, 'serve.ts'), '--port', String(port), '--host', host], {
      cwd: join(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    })
    child.stdout?.on('data', chunk => log(server, String(chunk).trim()))
    child.stderr?.on('data', chunk => log(server, String(chunk).trim()))
    child.on('exit', (code, signal) => {
      child = undefined
      if (!stopping)
        log(server, `stopped (${signal ?? `exit ${code}`}); the demos will say so. Start it again with: npm run server`)
    })
  }

  function stop() {
    stopping = true
    if (child && child.exitCode === null) child.kill('SIGTERM')
  }

  return {
    name: 'egg-kitchen',
    apply: 'serve',
    config: () => ({
      server: {
        proxy: {
          [base]: {
            target: url,
            changeOrigin: true,
            rewrite: (path: string) => path.slice(base.length) || '/',
          },
        },
      },
    }),
    async configureServer(server) {
      // The kitchen client's own health check: only a kitchen counts (JSON { ok: true }), not whatever else holds the port.
      const kitchenAnswers = await kitchenClient({ url }).health({ signal: AbortSignal.timeout(1000) }).then(() => true, () => false)
      if (kitchenAnswers) {
        log(server, `reusing the kitchen already open at ${url}`)
      }
      else {
        start(server)
      }
      server.httpServer?.once('close', stop)
      process.once('exit', stop)
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
        process.once(signal, () => { stop(); process.exit(0) })
    },
  }
}
