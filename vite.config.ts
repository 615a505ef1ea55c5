// Vite config for the deck; Slidev merges it into its own.
import { defineConfig } from 'vite'

export default defineConfig({
  // Vite 8's lightningcss minifier rejects one of Slidev's stylesheets under the pinned UnoCSS.
  build: { cssMinify: 'esbuild' },
})
