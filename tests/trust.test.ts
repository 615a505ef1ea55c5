// Who may talk to the presenter's machine: Host names (DNS rebinding) and browser pages (cross-site requests).
import { describe, expect, it } from 'vitest'
import { foreignPage, isAllowedHost, isLoopbackOrigin, isOwnOrigin } from '../demo-server/trust'

describe('isAllowedHost', () => {
  it('takes loopback names, *.localhost and IP literals, with or without a port', () => {
    for (const host of ['localhost', 'localhost:3001', '127.0.0.1:3001', '[::1]:3001', 'deck.localhost:3030', '192.168.1.20:3001', '[fe80::1]', 'LOCALHOST:1'])
      expect(isAllowedHost(host), host).toBe(true)
  })

  it('refuses any other name, which is how a DNS-rebinding page arrives, and garbage', () => {
    for (const host of ['rebind.example', 'rebind.example:3001', 'localhost.example', '127.0.0.1.nip.io', '', 'a b', 'x/y', 'user@localhost'])
      expect(isAllowedHost(host), host).toBe(false)
    expect(isAllowedHost(undefined)).toBe(false)
  })

  it('takes the names it was given, in any case', () => {
    expect(isAllowedHost('Kitchen.Example.org:443', ['kitchen.example.org'])).toBe(true)
    expect(isAllowedHost('other.example.org', ['kitchen.example.org'])).toBe(false)
  })
})

describe('foreignPage', () => {
  const loopback = (origin: string) => isLoopbackOrigin(origin)

  it('judges by Origin when the browser sent one', () => {
    expect(foreignPage({ origin: 'http://localhost:3030', fetchSite: 'same-site' }, loopback)).toBeUndefined()
    expect(foreignPage({ origin: 'https://ads.example', fetchSite: 'cross-site' }, loopback)).toMatch(/another origin/)
    expect(foreignPage({ origin: 'null' }, loopback)).toMatch(/another origin/) // a sandboxed frame or a file
  })

  it('judges an <img> (no Origin) by Sec-Fetch-Site, against the sites allowed', () => {
    expect(foreignPage({ fetchSite: 'cross-site' }, loopback)).toMatch(/cross-site/)
    expect(foreignPage({ fetchSite: 'same-site' }, loopback)).toBeUndefined()
    expect(foreignPage({ fetchSite: 'same-site' }, loopback, ['same-origin', 'none'])).toMatch(/same-site/)
    expect(foreignPage({ fetchSite: 'none' }, loopback, ['same-origin', 'none'])).toBeUndefined()
  })

  it('leaves a request with neither header (a tool, not a page) to the caller', () => {
    expect(foreignPage({}, () => false, [])).toBeUndefined()
  })
})

describe('isOwnOrigin', () => {
  it('takes the page the server itself serves, by either scheme (a TLS tunnel forwards https to it)', () => {
    expect(isOwnOrigin('http://127.0.0.1:3030', '127.0.0.1:3030')).toBe(true)
    expect(isOwnOrigin('https://talk.trycloudflare.com', 'talk.trycloudflare.com')).toBe(true)
    expect(isOwnOrigin('http://LOCALHOST:3030', 'localhost:3030')).toBe(true)
  })

  it('refuses another port, another name, another scheme than http(s), and garbage', () => {
    for (const origin of ['http://127.0.0.1:3031', 'http://localhost:3030', 'https://example.com', 'file:///x', 'null', ''])
      expect(isOwnOrigin(origin, '127.0.0.1:3030'), origin).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:3030', undefined)).toBe(false)
  })
})
