// The deck's windows share demo runs, edits and the presenter's beat (deck/runSyncCore.ts, dev-server/runSync.ts).
// These drive the windows' copies and the dev server's end through 300 seeded orders of delivery a websocket allows:
// each window's messages reach the server in the order sent, and the server's reach each window in the order the
// server sent them, but how the windows' traffic interleaves is up to the network.
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EggRunsState } from '../deck/eggRunsState'
import type { RunSnapshot } from '../deck/runDemo'
import type { SyncEntry, SyncMessage } from '../deck/runSyncCore'
import { once } from 'node:events'
import { createServer, request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { decodeRun, encodeRun, initialEggRuns } from '../deck/eggRunsState'
import { applyEntry, createReplica, SYNC_EVENTS, validMessage } from '../deck/runSyncCore'
import { runSync, upgradeRefusal } from '../dev-server/runSync'

function snapshot(runId: string, eggs: string[], status: RunSnapshot['status'] = 'running'): RunSnapshot {
  return {
    runId,
    demo: 'promise-all',
    status,
    startedAt: 1,
    elapsedMs: 10,
    idealMs: 1500,
    ms: 1500,
    lanes: eggs.map(egg => ({ egg, start: 0, outcome: 'frying' as const })),
    lines: eggs.map(egg => `frying ${egg}`),
  }
}

/** A small seeded random source, so a failing order can be run again. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

/**
 * A dev server and its windows, with every message held in a queue until `step` delivers one: a window's
 * queue to the server, and the server's queue to each window, each first in first out.
 */
function network(names: string[]) {
  const server: EggRunsState = initialEggRuns()
  const up = new Map<string, SyncMessage[]>()
  const down = new Map<string, ({ kind: 'set', message: SyncMessage } | { kind: 'state', whole: EggRunsState })[]>()
  const windows = new Map(names.map((name) => {
    const state = initialEggRuns()
    up.set(name, [])
    down.set(name, [])
    const replica = createReplica(state, message => up.get(name)!.push(structuredClone(message)), { echoes: true, id: name })
    return [name, { state, replica, hello: () => down.get(name)!.push({ kind: 'state', whole: structuredClone(server) }) }]
  }))
  /** Delivers one queued message, chosen by `pick`; false when nothing is left. */
  function step(pick: () => number): boolean {
    const queues = [
      ...[...up].map(([from, q]) => ({ dir: 'up' as const, name: from, q })),
      ...[...down].map(([to, q]) => ({ dir: 'down' as const, name: to, q })),
    ].filter(({ q }) => q.length)
    if (!queues.length) return false
    const { dir, name, q } = queues[Math.floor(pick() * queues.length)]
    if (dir === 'up') {
      const message = q.shift() as SyncMessage
      applyEntry(server, message.entry)
      for (const to of down.values()) to.push({ kind: 'set', message: structuredClone(message) })
    }
    else {
      const item = (q as ReturnType<typeof down.get> & object).shift()!
      const { replica } = windows.get(name)!
      if (item.kind === 'set') replica.receive(item.message)
      else replica.receiveState(item.whole)
    }
    return true
  }
  return { server, windows, step }
}

describe('the windows\' shared state of demo runs', () => {
  it('every window ends with the dev server\'s state, in any order of delivery, and a window never sees its own write go back', () => {
    const runs = [
      snapshot('a', ['A']),
      snapshot('a', ['A', 'B']),
      snapshot('a', ['A', 'B', 'C', 'D'], 'done'),
      null,
      snapshot('b', ['A']),
      snapshot('b', ['A', 'B'], 'done'),
    ]
    for (let seed = 1; seed <= 300; seed++) {
      const pick = random(seed)
      const { server, windows, step } = network(['presenter', 'audience', 'second'])
      const presenter = windows.get('presenter')!
      const audience = windows.get('audience')!
      let lastBeat: number | undefined
      const beatsSeenByPresenter: [number, number | undefined][] = []
      // The presenter publishes a run as it grows, resets it and runs again, beating meanwhile; the audience,
      // which joined late, shares an edit; a second screen clears a run of the same demo it once started.
      const writes: [typeof presenter, SyncEntry][] = [
        ...runs.flatMap((run, i): [typeof presenter, SyncEntry][] => [
          [presenter, { key: 'runs', id: 'promise-all', value: encodeRun(run) }],
          [presenter, { key: 'presenterSeenAt', value: 1000 + i }],
        ]),
        [audience, { key: 'edits', id: 'race', value: 'await Promise.race(eggs.map(fry))' }],
        [windows.get('second')!, { key: 'runs', id: 'promise-all', value: '' }],
      ]
      audience.hello()
      while (writes.length || pick() < 0.5) {
        if (writes.length && pick() < 0.4) {
          // The presenter's writes stay in its order; which window writes next is up to chance.
          const i = pick() < 0.5 ? 0 : writes.findIndex(([w]) => w !== presenter)
          const [win, entry] = writes.splice(Math.max(i, 0), 1)[0]
          win.replica.set(entry)
          if (entry.key === 'presenterSeenAt') lastBeat = entry.value
        }
        else if (!step(pick)) {
          if (!writes.length) break
        }
        beatsSeenByPresenter.push([presenter.state.presenterSeenAt, lastBeat])
      }
      while (step(pick));
      for (const [name, { state }] of windows) expect(state, `seed ${seed}, window ${name}`).toEqual(server)
      expect(server.presenterSeenAt).toBe(1000 + runs.length - 1)
      // A window always holds the last value it wrote itself, never an echo of an older one.
      for (const [shown, written] of beatsSeenByPresenter) {
        if (written !== undefined) expect(shown, `seed ${seed}`).toBe(written)
      }
    }
  })

  it('two windows writing one entry at once both end with the write the server took last', () => {
    for (const first of ['presenter', 'audience']) {
      const { server, windows, step } = network(['presenter', 'audience'])
      windows.get('presenter')!.replica.set({ key: 'edits', id: 'race', value: 'presenter\'s' })
      windows.get('audience')!.replica.set({ key: 'edits', id: 'race', value: 'audience\'s' })
      // Deliver the first window's write to the server, then the other's, then everything else.
      const order = first === 'presenter' ? [0, 0.99] : [0.99, 0]
      let n = 0
      while (step(() => (n < 2 ? order[n++] : 0)));
      expect(server.edits.race).toBe(first === 'presenter' ? 'audience\'s' : 'presenter\'s')
      for (const { state } of windows.values()) expect(state.edits.race).toBe(server.edits.race)
    }
  })

  it('a window that joins gets the whole state, and keeps a write of its own made before the answer came', () => {
    const { server, windows, step } = network(['presenter', 'late'])
    windows.get('presenter')!.replica.set({ key: 'runs', id: 'race', value: encodeRun(snapshot('r', ['A'], 'done')) })
    while (step(() => 0));
    const late = windows.get('late')!
    late.hello()
    late.replica.set({ key: 'edits', id: 'race', value: 'mine' })
    // The answer to hello left the server before the late window's write got there.
    while (step(() => 0.99));
    expect(decodeRun(late.state.runs.race)?.runId).toBe('r')
    expect(late.state.edits.race).toBe('mine')
    expect(late.state).toEqual(server)
  })

  it('in a static build (a BroadcastChannel: no server, no echo) every message from another window applies', () => {
    const state = initialEggRuns()
    const sent: SyncMessage[] = []
    const replica = createReplica(state, m => sent.push(m), { echoes: false, id: 'me' })
    replica.set({ key: 'runs', id: 'race', value: 'mine' })
    replica.receive({ entry: { key: 'runs', id: 'race', value: 'theirs' }, from: 'other', seq: 1 })
    expect(state.runs.race).toBe('theirs')
    expect(sent).toEqual([{ entry: { key: 'runs', id: 'race', value: 'mine' }, from: 'me', seq: 1 }])
  })

  it('keeps a write the server would refuse in its own window, so the entry does not wait for it for good', () => {
    const state = initialEggRuns()
    const sent: SyncMessage[] = []
    const replica = createReplica(state, m => sent.push(m), { echoes: true, id: 'me' })
    replica.set({ key: 'edits', id: 'race', value: 'x'.repeat(1_000_001) })
    expect(sent).toEqual([])
    replica.receive({ entry: { key: 'edits', id: 'race', value: 'theirs' }, from: 'other', seq: 1 })
    expect(state.edits.race).toBe('theirs')
  })

  it('takes only the entries the state has, from any window', () => {
    const ok = { entry: { key: 'runs', id: 'promise-all', value: '' }, from: 'w', seq: 1 }
    expect(validMessage(ok)).toEqual(ok)
    expect(validMessage({ entry: { key: 'presenterSeenAt', value: 5 }, from: 'w', seq: 2 })).toBeDefined()
    for (const bad of [
      null,
      'text',
      { ...ok, from: 3 },
      { ...ok, seq: '1' },
      { ...ok, entry: { key: '__proto__', id: 'x', value: '' } },
      { ...ok, entry: { key: 'runs', id: '__proto__/x', value: '' } },
      { ...ok, entry: { key: 'edits', id: '__proto__', value: '' } },
      { ...ok, entry: { key: 'edits', id: 'constructor', value: '' } },
      { ...ok, entry: { key: 'runs', id: 'race', value: 5 } },
      { ...ok, entry: { key: 'runs', id: 'race', value: 'x'.repeat(1_000_001) } },
      { ...ok, entry: { key: 'presenterSeenAt', value: Number.NaN } },
    ]) expect(validMessage(bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined()
  })

  it('starts with no runs, no presenter and no edits, and decodes a reset as no run', () => {
    const state: EggRunsState = initialEggRuns()
    expect(state).toEqual({ runs: {}, presenterSeenAt: 0, edits: {} })
    expect(decodeRun(state.runs['promise-all'])).toBeNull()
    expect(decodeRun(encodeRun(null))).toBeNull()
  })
})

describe('the dev server\'s end (dev-server/runSync.ts)', () => {
  /** The plugin on a stand-in for Vite's server: its websocket's custom events, and a real HTTP server. */
  function devServer() {
    const handlers = new Map<string, (data: unknown, client: { send: (event: string, data: unknown) => void }) => void>()
    const broadcast: [string, unknown][] = []
    const httpServer = createServer((_req, res) => res.end('page'))
    const warnings: string[] = []
    const state = initialEggRuns()
    const plugin = runSync({ state })
    const configure = plugin.configureServer as (server: unknown) => void
    configure({
      httpServer,
      config: { server: {}, logger: { warn: (line: string) => warnings.push(line) } },
      ws: { on: (event: string, fn: any) => handlers.set(event, fn), send: (event: string, data: unknown) => broadcast.push([event, data]) },
    })
    return { state, handlers, broadcast, httpServer, warnings }
  }

  it('answers a window that joins with the whole state, and sends each valid write to every window', () => {
    const { state, handlers, broadcast } = devServer()
    const write: SyncMessage = { entry: { key: 'runs', id: 'race', value: encodeRun(snapshot('r', ['A'])) }, from: 'w', seq: 1 }
    handlers.get(SYNC_EVENTS.set)!(write, { send: () => {} })
    handlers.get(SYNC_EVENTS.set)!({ entry: { key: 'runs', id: 'race', value: 42 }, from: 'w', seq: 2 }, { send: () => {} })
    expect(broadcast).toEqual([[SYNC_EVENTS.set, write]])
    const answers: [string, unknown][] = []
    handlers.get(SYNC_EVENTS.hello)!({}, { send: (event, data) => answers.push([event, data]) })
    expect(answers).toEqual([[SYNC_EVENTS.state, state]])
    expect(decodeRun(state.runs.race)?.runId).toBe('r')
  })

  it('refuses a websocket opened by a page from another origin, and takes the deck\'s own and a tool\'s', async () => {
    const { httpServer, warnings } = devServer()
    const upgraded: string[] = []
    httpServer.on('upgrade', (req: IncomingMessage, socket) => {
      // Stands in for Vite's handler, which runs after the plugin's: it answers a socket still open.
      if (socket.writable) {
        upgraded.push(req.headers.origin ?? 'none')
        socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')
      }
    })
    httpServer.listen(0, '127.0.0.1')
    await once(httpServer, 'listening')
    const { port } = httpServer.address() as AddressInfo
    const open = (origin?: string) => new Promise<number | 'closed'>((resolve) => {
      const headers = { Connection: 'Upgrade', Upgrade: 'websocket', ...(origin ? { Origin: origin } : {}) }
      const req = request({ host: '127.0.0.1', port, headers, timeout: 5000 })
      req.on('upgrade', res => resolve(res.statusCode ?? 0))
      req.on('response', res => resolve(res.statusCode ?? 0))
      req.on('error', () => resolve('closed'))
      req.on('timeout', () => req.destroy())
      req.end()
    })
    try {
      expect(await open(`http://127.0.0.1:${port}`)).toBe(101)
      // The deck's own page through a TLS tunnel: the tunnel serves https and forwards to this http server.
      expect(await open(`https://127.0.0.1:${port}`)).toBe(101)
      expect(await open()).toBe(101)
      for (const foreign of [`http://127.0.0.1:${port + 1}`, `http://localhost:${port}`, 'https://example.com'])
        expect([403, 'closed']).toContain(await open(foreign))
      expect(upgraded).toEqual([`http://127.0.0.1:${port}`, `https://127.0.0.1:${port}`, 'none'])
      expect(warnings).toHaveLength(1) // one line per 10 s, however many
      expect(warnings[0]).toMatch(/refused a websocket to the dev server: a page from another origin/)
      expect(upgradeRefusal({ headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` } } as IncomingMessage)).toBeUndefined()
    }
    finally {
      httpServer.close()
    }
  })
})
