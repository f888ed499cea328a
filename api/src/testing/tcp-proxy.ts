import type { Socket, TCPSocketListener } from 'bun'

interface Pipe {
  up?: Socket<undefined>
  queue: Uint8Array[]
}

/** A loopback TCP proxy a test can cut and restore, to play a database that goes away. */
export interface TcpProxy {
  port: number
  cut(): void
  restore(): void
  stop(): void
}

export function startTcpProxy(target: { hostname: string; port: number }): TcpProxy {
  const upstreams = new Set<Socket<undefined>>()
  const listen = (port: number): TCPSocketListener<Pipe> =>
    Bun.listen<Pipe>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          client.data = { queue: [] }
          Bun.connect<undefined>({
            ...target,
            socket: {
              data: (_s, chunk) => void client.write(chunk),
              close: () => void client.end(),
              error: () => void client.end(),
            },
          }).then(
            (up) => {
              client.data.up = up
              upstreams.add(up)
              for (const c of client.data.queue) up.write(c)
              client.data.queue = []
            },
            () => void client.end(),
          )
        },
        data(client, chunk) {
          if (client.data.up) client.data.up.write(chunk)
          else client.data.queue.push(new Uint8Array(chunk))
        },
        close: (client) => void client.data.up?.end(),
      },
    })
  let listener: TCPSocketListener<Pipe> | null = listen(0)
  const port = listener.port
  return {
    port,
    cut() {
      listener?.stop(true)
      listener = null
      for (const u of upstreams) u.end()
      upstreams.clear()
    },
    restore() {
      listener ??= listen(port)
    },
    stop() {
      this.cut()
    },
  }
}
