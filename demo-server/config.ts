// Where the kitchen listens unless told otherwise: the port the original talk used.
export const DEFAULT_PORT = 3001
export const DEFAULT_HOST = '127.0.0.1'
