// Vite config for the deck; Slidev merges it into its own.
import { defineConfig } from 'vite'
import { guardDevServer } from './dev-server/guard.ts'
import { eggKitchen } from './dev-server/kitchen.ts'
import { runSync } from './dev-server/runSync.ts'

export default defineConfig({
  // The guard first: no page but the deck's own may write slides or launch an editor through the dev server.
  // runSync keeps a demo run in step across the deck's windows (presenter, audience, a second screen).
  plugins: [guardDevServer(), eggKitchen(), runSync()],
  // Dependencies Vite's start-up scan cannot see, because only a lazily loaded slide imports them.
  // Found late, they make the dev server re-bundle and reload the page mid-talk (first run on a new clone).
  optimizeDeps: { include: ['uqr'] },
  // Vite 8's lightningcss minifier rejects one of Slidev's stylesheets under the pinned UnoCSS.
  build: { cssMinify: 'esbuild' },
})
