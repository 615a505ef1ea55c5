// Which kitchen serves the deck's demos: the real server (npm run server, or the dev server's own),
// or, in a static build with no kitchen behind it, the same Hono app running inside the page.
import { kitchenClient } from '../examples/lib'

export type KitchenKind = 'real' | 'in-page'

export interface KitchenSource {
  kind: KitchenKind
  /** The base URL the kitchen client calls. */
  url: string
  /** The in-page kitchen answers through this fetch; the real one through the browser's own. */
  fetch?: typeof fetch
  /** Why this kitchen cannot be used: every run fails at once with this line. */
  problem?: string
}

/**
 * The kitchen a built deck's `?kitchen=` names: only an absolute http(s) URL, so a link cannot point the
 * page's requests at a path or another scheme. Returns the URL, or the one line that says what is wrong.
 */
export function kitchenParam(value: string): { url: string } | { problem: string } {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    return { problem: '?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org' }
  return { url: url.href.replace(/\/+$/, '') }
}

/** The origin the in-page kitchen pretends to have; no request ever leaves the page for it. */
export const IN_PAGE_URL = 'http://in-page.kitchen'

/**
 * Whether a real kitchen answers GET {url}/health. Only a JSON `{ ok: true }` counts: a static host
 * answers unknown paths with its index.html (200, HTML), and that is not a kitchen.
 */
export function realKitchenAnswers(url: string, options: { timeoutMs?: number, fetch?: typeof fetch } = {}): Promise<boolean> {
  // The kitchen client's own health check: it already refuses non-JSON answers and anything but { ok: true }.
  return kitchenClient({ url, fetch: options.fetch }).health({ signal: AbortSignal.timeout(options.timeoutMs ?? 1500) }).then(() => true, () => false)
}

/**
 * A Response whose body errors when `signal` aborts, as a network fetch's does, and cancels the
 * kitchen's stream underneath, so the kitchen stops frying what nobody will read.
 */
function abortableBody(res: Response, signal: AbortSignal): Response {
  if (!res.body) return res
  const reader = res.body.getReader()
  let ended = false
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const onAbort = () => {
        if (ended) return
        ended = true
        reader.cancel(signal.reason).catch(() => {})
        controller.error(signal.reason)
      }
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (ended) return
        if (done) {
          ended = true
          controller.close()
        }
        else {
          controller.enqueue(value)
        }
      }
      catch (err) {
        if (!ended) {
          ended = true
          controller.error(err)
        }
      }
    },
    cancel(reason) {
      ended = true
      return reader.cancel(reason)
    },
  })
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
}

/**
 * The kitchen's Hono app, answering fetches inside this page. Timers are real; there is no network,
 * so no browser connection limit, and a blocking fry blocks the page itself.
 */
export async function inPageKitchen(): Promise<KitchenSource> {
  const [{ createApp }, { Kitchen }] = await Promise.all([import('../demo-server/app.ts'), import('../demo-server/kitchen.ts')])
  const app = createApp({ kitchen: new Kitchen() })
  const inPageFetch: typeof fetch = async (input, init) => {
    const request = new Request(new URL(String(input instanceof Request ? input.url : input), IN_PAGE_URL), init)
    const signal = request.signal
    if (signal.aborted) throw signal.reason
    // A network fetch rejects the moment it is aborted, whatever the server is doing.
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
    aborted.catch(() => {}) // an abort after the answer is the body's business
    const res = await Promise.race([Promise.resolve(app.fetch(request)), aborted])
    return abortableBody(res, signal)
  }
  return { kind: 'in-page', url: IN_PAGE_URL, fetch: inPageFetch }
}

/** The real kitchen at `url` if it answers, else the in-page one. */
export async function findKitchen(url: string, options: { timeoutMs?: number, fetch?: typeof fetch } = {}): Promise<KitchenSource> {
  if (await realKitchenAnswers(url, options)) return { kind: 'real', url }
  return inPageKitchen()
}

/** Words for the panel: which kitchen served the run, and its host when it is not the page's own. */
export function kitchenLabel(kind: KitchenKind | undefined, url = '', pageHost = globalThis.location?.host): string {
  if (kind === 'in-page') return 'in-page kitchen (no server)'
  if (kind !== 'real') return ''
  const host = /^https?:\/\//.test(url) ? new URL(url).host : pageHost
  return host && host !== pageHost ? `kitchen server at ${host}` : 'kitchen server'
}
