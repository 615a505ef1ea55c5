// The Slidev internal the presenter's echo guard (setup/root.ts) builds on: the callbacks Slidev runs when
// another window changes the shared position, in the order they were added. Typed in
// types/slidev-internals.d.ts; when Slidev is upgraded, check that its root setup still adds its own
// callback after the deck's root setups run (node_modules/@slidev/client/setup/root.ts).
export { onPatch as onSharedPositionPatch } from '@slidev/client/state/shared.ts'
