// Child processes for the benchmark: every measurement runs in a fresh Node process of its own.

import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BENCH_DIR = join(ROOT, 'scripts', 'bench')

/** Node flags that let a child run a .ts file directly (tsx's loader, as `npm run server` does). */
export const TS_NODE_ARGS = ['--import', 'tsx']

export interface ChildResult<T> {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  /** The JSON object on the child's last stdout line, if it printed one. */
  json?: T
}

/** Runs `node [nodeArgs] file args`, waits for it to exit (killing it after timeoutMs), parses its last line as JSON. */
export function runNode<T>(
  file: string,
  args: string[],
  options: { nodeArgs?: string[], timeoutMs: number, env?: Record<string, string> },
): Promise<ChildResult<T>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? TS_NODE_ARGS), file, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr!.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const last = stdout.trim().split('\n').at(-1) ?? ''
      let json: T | undefined
      try {
        json = last.startsWith('{') ? JSON.parse(last) as T : undefined
      }
      catch {}
      resolve({ code, signal, stderr, json })
    })
  })
}

export interface ServerChild {
  url: string
  pid: number
  child: ChildProcess
  /** Peak resident memory of the server process so far, in KiB (Linux: VmHWM), or undefined elsewhere. */
  peakRssKiB: () => number | undefined
  /** Starts the peak over from the current RSS (Linux: clear_refs), so the next peak is one round's own. */
  resetPeak: () => void
  /** CPU time (user + system) the server process has used so far, in ms, or undefined elsewhere. */
  cpuMs: () => number | undefined
  stop: () => Promise<void>
}

/**
 * Starts a server as its own process (`node [nodeFlags] --import tsx file args`) and resolves once it
 * prints `http://host:port`.
 */
export function startServer(file: string, args: string[], options: { nodeFlags?: string[], timeoutMs?: number } = {}): Promise<ServerChild> {
  const timeoutMs = options.timeoutMs ?? 20_000
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...options.nodeFlags ?? [], ...TS_NODE_ARGS, file, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let timer: ReturnType<typeof setTimeout>
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${file}: ${why}${err ? `: ${err.trim().split('\n')[0]}` : ''}`))
    }
    timer = setTimeout(fail, timeoutMs, `did not print its URL within ${timeoutMs} ms`)
    child.stderr!.on('data', (chunk) => {
      err += chunk
    })
    child.on('exit', code => fail(`exited early with code ${code}`))
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /(http:\/\/[\d.]+:\d+)/.exec(out)
      if (!match) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      child.stdout!.removeAllListeners('data')
      child.stdout!.resume()
      const exited = new Promise<void>(done => child.once('exit', () => done()))
      resolve({
        url: match[1],
        pid: child.pid!,
        child,
        peakRssKiB: () => peakRssKiB(child.pid!),
        resetPeak: () => resetPeak(child.pid!),
        cpuMs: () => cpuMs(child.pid!),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM')
            const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
            await exited
            clearTimeout(killer)
          }
        },
      })
    })
  })
}

/**
 * Connections the kernel has dropped, machine-wide, because a listening socket's accept queue was full
 * (TcpExtListenOverflows in /proc/net/netstat), or undefined elsewhere.
 */
export function listenOverflows(): number | undefined {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter(line => line.startsWith('TcpExt:'))
    const names = lines[0].split(/\s+/)
    const values = lines[1].split(/\s+/)
    const at = names.indexOf('ListenOverflows')
    return at > 0 ? Number(values[at]) : undefined
  }
  catch {
    return undefined
  }
}

/** VmHWM from /proc/<pid>/status: the process's peak resident set, in KiB. */
export function peakRssKiB(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : undefined
  }
  catch {
    return undefined
  }
}

/** Resets VmHWM to the current RSS (writing 5 to /proc/<pid>/clear_refs; Linux 4.0+). Quietly does nothing elsewhere. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  }
  catch {}
}

/** utime + stime from /proc/<pid>/stat, in ms (Linux counts them in clock ticks of 1/100 s). */
export function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  }
  catch {
    return undefined
  }
}
