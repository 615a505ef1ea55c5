// Which kitchen a built deck uses, and the in-page kitchen behaving like the real one over fetch.
import { describe, expect, it } from 'vitest'
import { findKitchen, inPageKitchen, kitchenLabel, kitchenParam, realKitchenAnswers } from '../deck/kitchenSource'
import { kitchenClient } from '../examples/lib'

const answer = (body: string, type: string, status = 200): typeof fetch => async () => new Response(body, { status, headers: { 'content-type': type } })

describe('realKitchenAnswers', () => {
  it('takes only a JSON { ok: true } for a kitchen', async () => {
    expect(await realKitchenAnswers('/api', { fetch: answer('{"ok":true}', 'application/json') })).toBe(true)
    expect(await realKitchenAnswers('/api', { fetch: answer('<!doctype html><html></html>', 'text/html') })).toBe(false)
    expect(await realKitchenAnswers('/api', { fetch: answer('{"ok":true}', 'text/html') })).toBe(false)
    expect(await realKitchenAnswers('/api', { fetch: answer('{"ok":false}', 'application/json') })).toBe(false)
    expect(await realKitchenAnswers('/api', { fetch: answer('{"error":"x"}', 'application/json', 404) })).toBe(false)
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed')
    }
    expect(await realKitchenAnswers('/api', { fetch: refused })).toBe(false)
  })

  it('falls back to the in-page kitchen when a host answers with its index.html', async () => {
    const source = await findKitchen('/api', { fetch: answer('<html></html>', 'text/html') })
    expect(source.kind).toBe('in-page')
    expect((await findKitchen('/api', { fetch: answer('{"ok":true}', 'application/json') })).kind).toBe('real')
  })
})

describe('the in-page kitchen', () => {
  it('fries four eggs at once with real timers', async () => {
    const source = await inPageKitchen()
    const kitchen = kitchenClient({ url: source.url, fetch: source.fetch, ms: 100 })
    const started = performance.now()
    const eggs = await Promise.all(['A', 'B', 'C', 'D'].map(egg => kitchen.fry(egg)))
    const elapsed = performance.now() - started
    expect(eggs.map(e => e.egg)).toEqual(['A', 'B', 'C', 'D'])
    expect(elapsed).toBeGreaterThanOrEqual(95)
    expect(elapsed).toBeLessThan(400)
    expect((await kitchen.stats()).maxInFlight).toBe(4)
  })

  it('stops frying when the customer aborts, like the real kitchen', async () => {
    const source = await inPageKitchen()
    const kitchen = kitchenClient({ url: source.url, fetch: source.fetch, ms: 5000 })
    const controller = new AbortController()
    const fry = kitchen.fry('A', { signal: controller.signal })
    setTimeout(() => controller.abort(new DOMException('left', 'AbortError')), 30)
    await expect(fry).rejects.toMatchObject({ name: 'AbortError' })
    const stats = await kitchen.settled({ withinMs: 1000 })
    expect(stats.inFlight).toBe(0)
    expect(stats.cancelled).toBe(1)
  })

  it('streams eggs as they are done, and an abort mid-stream cancels the rest', async () => {
    const source = await inPageKitchen()
    const kitchen = kitchenClient({ url: source.url, fetch: source.fetch })
    const seen: string[] = []
    for await (const egg of kitchen.stream(['A', 'B'], { ms: [40, 80] })) seen.push(egg.egg)
    expect(seen).toEqual(['A', 'B'])

    const controller = new AbortController()
    const got: string[] = []
    await expect((async () => {
      for await (const egg of kitchen.stream(['C', 'D'], { ms: [30, 3000], signal: controller.signal })) {
        got.push(egg.egg)
        controller.abort(new DOMException('left', 'AbortError'))
      }
    })()).rejects.toMatchObject({ name: 'AbortError' })
    expect(got).toEqual(['C'])
    expect((await kitchen.settled({ withinMs: 1000 })).cancelled).toBe(1)
  })

  it('answers bad input with the kitchen\'s one-line JSON error', async () => {
    const source = await inPageKitchen()
    const kitchen = kitchenClient({ url: source.url, fetch: source.fetch })
    await expect(kitchen.fry('bad egg!')).rejects.toThrow(/kitchen said 400: egg must be/)
  })
})

describe('?kitchen= and the panel\'s label', () => {
  it('takes only an absolute http(s) URL, without credentials', () => {
    expect(kitchenParam('https://kitchen.example.org/')).toEqual({ url: 'https://kitchen.example.org' })
    expect(kitchenParam('http://127.0.0.1:3001')).toEqual({ url: 'http://127.0.0.1:3001' })
    for (const bad of ['/api', 'kitchen.example.org', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://k', 'https://user:pw@k.example', ''])
      expect(kitchenParam(bad), bad).toEqual({ problem: '?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org' })
  })

  it('names the kitchen\'s host when it is not the page\'s own', () => {
    expect(kitchenLabel('real', 'https://kitchen.example.org', 'talk.example.org')).toBe('kitchen server at kitchen.example.org')
    expect(kitchenLabel('real', 'http://127.0.0.1:3001', '127.0.0.1:3030')).toBe('kitchen server at 127.0.0.1:3001')
    expect(kitchenLabel('real', '/api', 'talk.example.org')).toBe('kitchen server')
    expect(kitchenLabel('real', 'https://talk.example.org/api', 'talk.example.org')).toBe('kitchen server')
    expect(kitchenLabel('in-page', 'http://in-page.kitchen', 'talk.example.org')).toBe('in-page kitchen (no server)')
  })
})
