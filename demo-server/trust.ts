// Who may talk to the presenter's machine: the Host names a server answers to, and the browser pages
// it trusts. Shared by the kitchen (app.ts) and the deck's dev server guard (vite/guard.ts). No Node APIs:
// the in-page kitchen loads this too.

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The lower-case hostname of a Host header value (`[::1]:3001` → `[::1]`), or undefined if it is not one. */
export function hostnameOf(hostHeader: string): string | undefined {
  if (!hostHeader || /[\s/?#@\\]/.test(hostHeader)) return undefined
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase()
  }
  catch {
    return undefined
  }
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Whether a server should answer a request with this Host header. A DNS-rebinding page reaches a loopback
 * server under its own domain name, so only names that cannot be rebound are taken: loopback names,
 * `*.localhost`, IP literals, and the names the server was told about (`extraHosts`). Vite's dev server
 * applies the same rule (server.allowedHosts).
 */
export function isAllowedHost(hostHeader: string | undefined, extraHosts: Iterable<string> = []): boolean {
  if (hostHeader === undefined) return false
  const hostname = hostnameOf(hostHeader)
  if (!hostname) return false
  if (LOOPBACK_HOSTNAMES.has(hostname) || hostname.endsWith('.localhost') || isIpLiteral(hostname)) return true
  for (const extra of extraHosts) {
    if (extra.toLowerCase() === hostname) return true
  }
  return false
}

/** Pages served from this machine, on any port, may call the kitchen from a browser. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin)
    return (protocol === 'http:' || protocol === 'https:') && LOOPBACK_HOSTNAMES.has(hostname)
  }
  catch {
    return false
  }
}

/**
 * Whether a page's Origin is the server's own page: the same host and port as the request's Host header, by
 * either scheme (a TLS tunnel or proxy serves the deck as https and forwards it to this http server).
 */
export function isOwnOrigin(origin: string, hostHeader: string | undefined): boolean {
  try {
    const { protocol, host } = new URL(origin)
    return (protocol === 'http:' || protocol === 'https:') && hostHeader !== undefined && host === hostHeader.toLowerCase()
  }
  catch {
    return false
  }
}

/** The headers a browser sends that say where a request came from. */
export interface RequestSource {
  origin?: string
  /** Sec-Fetch-Site: same-origin, same-site, cross-site or none (typed by the user). */
  fetchSite?: string
}

/**
 * Why a request from a browser page must be refused, or undefined if it may run. Checks Origin where the
 * browser sent one (every CORS request and every POST) against `admits`; else Sec-Fetch-Site, which browsers
 * send on `<img>` and other no-cors requests that carry no Origin, against `sites`. A request with neither
 * comes from a tool, not a page: the caller decides about those.
 */
export function foreignPage(
  source: RequestSource,
  admits: (origin: string) => boolean,
  sites: readonly string[] = ['same-origin', 'same-site', 'none'],
): string | undefined {
  if (source.origin !== undefined)
    return admits(source.origin) ? undefined : 'a page from another origin'
  if (source.fetchSite !== undefined && !sites.includes(source.fetchSite))
    return `another page (Sec-Fetch-Site: ${source.fetchSite})`
  return undefined
}
