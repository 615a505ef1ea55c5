// Vite config for the deck; Slidev merges it into its own.
import { defineConfig } from 'vite'
import { eggKitchen } from './demo-server/vite-plugin'

export default defineConfig({
  plugins: [eggKitchen()],
  // Vite 8's lightningcss minifier rejects one of Slidev's stylesheets under the pinned UnoCSS.
  build: { cssMinify: 'esbuild' },
})
