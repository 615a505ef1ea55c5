// Modules Slidev's Vite plugin serves that have no file on disk.

// The dev server's shared state for the key `eggRuns` of vite.config.ts's `slidev.serverRef.state`,
// synced over its websocket (`?diff` sends patches); in a static build, the initial value.
declare module 'server-reactive:eggRuns?diff' {
  const state: import('../deck/eggRunsState').EggRunsState
  export default state
}
