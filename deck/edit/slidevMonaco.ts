// The one Slidev internal the editor builds on: its Monaco, set up once per page with the deck's code themes,
// its local workers (nothing from a CDN), the shortcuts locked while an editor has focus, and setup/monaco.ts.
// Typed in types/slidev-monaco.d.ts; when Slidev is upgraded, this path is what to check first.
export { default as setupMonaco } from '@slidev/client/setup/monaco.ts'
