// Where the deck's kitchen is and how long an egg fries: the settings a URL can override for a
// browser tab (`?kitchen=…`, `?eggMs=…`), kept in sessionStorage since moving between slides drops the query.

import type { KitchenSource } from './kitchenSource'
import { useSessionStorage } from '@vueuse/core'
import { findKitchen, kitchenParam } from './kitchenSource'

const KITCHEN_URL = '/api'

/** A setting the URL gave this tab, kept for the tab's session: the query wins, else what was kept. */
function tabSetting(key: string, keep: (value: string) => boolean): string | null {
  const kept = useSessionStorage<string | null>(key, null, { writeDefaults: false, listenToStorageChanges: false })
  const fromUrl = new URLSearchParams(globalThis.location?.search).get(key)
  if (fromUrl !== null) {
    if (keep(fromUrl)) kept.value = fromUrl
    return fromUrl
  }
  return kept.value
}

/**
 * `?kitchen=https://host:port` in a built deck's URL points it at a real kitchen elsewhere: only an absolute
 * http(s) URL, kept for the tab. Anything else is not kept, and each run says what is wrong in one line.
 */
function kitchenUrlSetting(): { url: string } | { problem: string } {
  const value = tabSetting('kitchen', value => 'url' in kitchenParam(value))
  return value === null ? { url: `${import.meta.env.BASE_URL}api` } : kitchenParam(value)
}

/** `?eggMs=300` in the deck's URL overrides the frying time: for rehearsals and the browser tests. */
export function eggMsSetting(): number | undefined {
  const value = Number(tabSetting('eggMs', value => value !== ''))
  return Number.isInteger(value) && value > 0 && value <= 10_000 ? value : undefined
}

/** What the deck's "not running" line says to do, for the kitchen it uses. */
export function downHint(url: string): string {
  if (import.meta.hot) {
    const port = import.meta.env.EGG_PORT ?? '3001'
    return `The dev server starts it again by itself; if it stays down, start one with: npm run server -- --port ${port}`
  }
  if (/^https?:\/\//.test(url)) return `Start it there with: npm run server -- --allow-origin ${globalThis.location?.origin}`
  return 'Start it with: npm run server, behind this host\'s /api/ path.'
}

let kitchenChoice: Promise<KitchenSource> | undefined
/**
 * The dev server always has its kitchen at /api (it starts one). A built deck asks once whether a
 * real kitchen answers, and otherwise fries in the page with the same Hono app.
 */
export function chooseKitchen(): Promise<KitchenSource> {
  // import.meta.hot rather than env.DEV: a build made with NODE_ENV=test (vitest) still has DEV set.
  kitchenChoice ??= (async (): Promise<KitchenSource> => {
    if (import.meta.hot) return { kind: 'real', url: KITCHEN_URL }
    const setting = kitchenUrlSetting()
    return 'url' in setting ? findKitchen(setting.url) : { kind: 'real', url: '', problem: setting.problem }
  })()
  return kitchenChoice
}
