// Where the kitchen listens unless told otherwise: the port the original talk used.
export const DEFAULT_PORT = 3001
export const DEFAULT_HOST = '127.0.0.1'

/**
 * How many finished TCP handshakes may wait for the kitchen to accept them (Linux caps it at
 * net.core.somaxconn, 4096 on current kernels). Node's default is 511. When 10k customers arrive at once
 * and the event loop is busy for a few milliseconds, a full queue drops their SYNs, and each dropped
 * customer retries only after a 1 s kernel timeout. `npm run bench` counts those drops.
 */
export const LISTEN_BACKLOG = 4096

/**
 * Node flags the kitchen runs with, wherever it is started (npm run server, the dev server's plugin,
 * the benchmark, the tests). With Node's default heap limit (about 4 GiB on a big machine) V8 lets the old
 * generation grow to 4× what survived the last full collection before it collects again; below that limit
 * it scales the factor down (1.4 at 512 MiB, Node 20). The kitchen's live heap at 10k fries is about 40 MB,
 * so 512 MiB is ample, and its peak RSS under that load falls from about 300 MiB to about 170 MiB.
 */
export const KITCHEN_NODE_FLAGS = ['--max-old-space-size=512']
