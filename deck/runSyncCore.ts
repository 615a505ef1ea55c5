// How the deck's windows agree on the shared state of demo runs (deck/eggRunsState.ts), with no Vue and no
// transport in it, so Node tests can drive it through any order of delivery.
//
// Each write is one entry: a demo's run, a demo's edit, or the presenter's beat. On a dev server every write
// goes over the one websocket each window holds to the dev server (in order), the server applies it and sends
// it to every window, the writer included (dev-server/runSync.ts). So the server's order is the one order of
// writes, and each window converges on the server's state:
// - a window applies its own write at once (the slide it runs must not wait for a round trip);
// - while a window's own write to an entry is on its way, what others wrote to that entry is older in the
//   server's order, so the window keeps its own;
// - when its own write comes back, the entry is settled, and the next write from anyone applies.
// A static build has no server: windows of one browser tell each other over a BroadcastChannel, which does
// not echo a window's own messages. There, every message applies as it arrives.

import type { EggRunsState } from './eggRunsState'

/** One write to the shared state. */
export type SyncEntry
  = | { key: 'runs' | 'edits', id: string, value: string }
    | { key: 'presenterSeenAt', value: number }

/** A write as it travels: the entry, the window that wrote it, and that window's count of its writes. */
export interface SyncMessage {
  entry: SyncEntry
  from: string
  seq: number
}

/** The events on the dev server's websocket. */
export const SYNC_EVENTS = {
  /** Window → server: send me the whole state (the answer is `state`, to that window alone). */
  hello: 'hello-async-world:egg-runs:hello',
  /** Server → one window: the whole state. */
  state: 'hello-async-world:egg-runs:state',
  /** Window → server → every window: one write (a SyncMessage). */
  set: 'hello-async-world:egg-runs:set',
} as const

/** The largest entry value the server keeps: a run of 100 eggs and 200 lines is well under it. */
export const MAX_VALUE_CHARS = 1_000_000

function nameOf(entry: SyncEntry): string {
  return entry.key === 'presenterSeenAt' ? entry.key : `${entry.key}/${entry.id}`
}

/** Writes one entry into a state. */
export function applyEntry(state: EggRunsState, entry: SyncEntry): void {
  if (entry.key === 'presenterSeenAt') state.presenterSeenAt = entry.value
  else state[entry.key][entry.id] = entry.value
}

/** The entry a message carries if it is one this state can hold, else undefined (a server trusts no window). */
export function validMessage(message: unknown): SyncMessage | undefined {
  if (!message || typeof message !== 'object') return undefined
  const { entry, from, seq } = message as Partial<SyncMessage>
  if (typeof from !== 'string' || from.length > 100 || typeof seq !== 'number' || !entry || typeof entry !== 'object') return undefined
  if (entry.key === 'presenterSeenAt')
    return Number.isFinite(entry.value) ? { entry: { key: entry.key, value: entry.value }, from, seq } : undefined
  if (entry.key !== 'runs' && entry.key !== 'edits') return undefined
  const { id, value } = entry
  if (typeof id !== 'string' || !/^[\w-]{1,60}$/.test(id) || id in Object.prototype) return undefined
  if (typeof value !== 'string' || value.length > MAX_VALUE_CHARS) return undefined
  return { entry: { key: entry.key, id, value }, from, seq }
}

/** Every entry of a whole state, as writes. */
export function entriesOf(state: EggRunsState): SyncEntry[] {
  return [
    { key: 'presenterSeenAt', value: state.presenterSeenAt },
    ...(['runs', 'edits'] as const).flatMap(key => Object.entries(state[key]).map(([id, value]) => ({ key, id, value }))),
  ]
}

export interface Replica {
  /** This window's id in the messages it sends. */
  id: string
  /** Writes an entry here at once, and sends it. */
  set: (entry: SyncEntry) => void
  /** A write that arrived, this window's own echo included. */
  receive: (message: SyncMessage) => void
  /** The whole state, as the server answered `hello`. */
  receiveState: (whole: EggRunsState) => void
}

/**
 * One window's copy of the shared state. `echoes`: whether the transport sends a window's own writes back to it
 * in the one order every window sees (the dev server does; a BroadcastChannel does not).
 */
export function createReplica(state: EggRunsState, send: (message: SyncMessage) => void, options: { echoes: boolean, id?: string }): Replica {
  const id = options.id ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  let seq = 0
  /** Entry name → the count of this window's latest write to it that has not come back yet. */
  const pending = new Map<string, number>()

  return {
    id,
    set(entry) {
      applyEntry(state, entry)
      seq++
      const message = { entry, from: id, seq }
      // A write the server would refuse would never come back, and the entry would wait for it for good: it
      // stays in this window.
      if (!validMessage(message)) return
      if (options.echoes) pending.set(nameOf(entry), seq)
      send(message)
    },
    receive({ entry, from, seq: theirs }) {
      const name = nameOf(entry)
      const mine = pending.get(name)
      if (from === id) {
        // Our own write, now in the server's order; a later one of ours may still be on its way.
        if (mine === theirs) pending.delete(name)
        return
      }
      // Ours to this entry is on its way, so the server orders it after this one: ours will stand.
      if (mine !== undefined) return
      applyEntry(state, entry)
    },
    receiveState(whole) {
      for (const entry of entriesOf(whole)) {
        if (!pending.has(nameOf(entry))) applyEntry(state, entry)
      }
    },
  }
}
