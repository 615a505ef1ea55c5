// Vite config for the deck; Slidev merges it into its own.
import { defineConfig } from 'vite'
import { eggKitchen } from './demo-server/vite-plugin.ts'

export default defineConfig({
  plugins: [eggKitchen()],
  // Slidev's plugin options: the shared state that keeps a demo run in step across the deck's windows.
  slidev: {
    serverRef: {
      state: { eggRuns: { runs: {}, presenterSeenAt: 0 } },
    },
  },
  // Vite 8's lightningcss minifier rejects one of Slidev's stylesheets under the pinned UnoCSS.
  build: { cssMinify: 'esbuild' },
})
