// Lint in the Vue/Slidev ecosystem's style: antfu's config, as Slidev and its talk decks use.
import antfu from '@antfu/eslint-config'

export default antfu(
  {
    vue: true,
    typescript: true,
    // Slide markdown holds deliberate fragments (Rust, Go, C#, a line of TS mid-refactor); the code
    // that runs lives in examples/ and is linted there.
    markdown: false,
    ignores: ['snippets/downlevel/**', 'dist/**', 'recordings/**', 'bench/results.json', '**/*-export.pdf', '**/*-handout.pdf'],
  },
  {
    rules: {
      // One-line guards (`if (!demo) return`) keep code short enough for a slide, and the examples are slides.
      'antfu/if-newline': 'off',
      // A line longer than this cannot be read in a review or on a slide.
      'style/max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Example code is slide code: a short callback such as `() => { log('a'); done() }` reads best on one line.
    files: ['examples/**'],
    rules: {
      'style/max-statements-per-line': ['error', { max: 3 }],
      // The examples also load in the browser (the deck runs them), where importing node:process would fail:
      // they use the global, and only where Node runs them.
      'node/prefer-global/process': ['error', 'always'],
    },
  },
  {
    // Command-line programs: printing is their job.
    files: ['examples/**', 'scripts/**', 'bench/**', 'demo-server/serve.ts', 'dev-server/**'],
    rules: { 'no-console': 'off' },
  },
)
