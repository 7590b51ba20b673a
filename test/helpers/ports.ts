/**
 * Loopback ports for test servers: chosen at run time (other processes may hold fixed ones), UDP and
 * TCP on the same number (a DNS resolver asks both), retried when another process takes the port
 * between the probe and the bind.
 */
import type { Socket as UdpSocket } from "node:dgram";
import { createServer, type Server } from "node:net";

/** A TCP port on 127.0.0.1 that was free a moment ago (callers retry if another process takes it first). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Binds `udp` and `tcp` to `port` on 127.0.0.1; on failure both are closed and the error passed on. */
export async function listenUdpAndTcp(udp: UdpSocket, tcp: Server, port: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once("error", reject);
      tcp.listen(port, "127.0.0.1", () => {
        tcp.off("error", reject);
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(port, "127.0.0.1", () => {
        udp.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    udp.close();
    tcp.close();
    throw error;
  }
}

/** Runs `open` on free ports until one binds (EADDRINUSE means another process won the race). */
export async function onFreePort<T>(open: (port: number) => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open(await freePort());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= attempts) throw error;
    }
  }
}
