/**
 * A stand-in for pcscd's vpcd driver: a TCP server that accepts the bridge and plays vpcd's side of the
 * protocol as the test scripts it. Frames are built and parsed here independently of the code under test.
 */
import net from 'node:net';

/** The test's side of one accepted connection. */
export class FakeVpcdPeer {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  /** Sends raw bytes (tests split frames anywhere). */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** A framed message from vpcd. */
  static frame(payload: Uint8Array): Buffer {
    const out = Buffer.alloc(2 + payload.length);
    out.writeUInt16BE(payload.length, 0);
    out.set(payload, 2);
    return out;
  }

  control(code: number): void {
    this.sendRaw(FakeVpcdPeer.frame(Uint8Array.of(code)));
  }

  apdu(bytes: Uint8Array): void {
    this.sendRaw(FakeVpcdPeer.frame(bytes));
  }

  /** The next answer from the bridge; rejects after `timeoutMs` or when the connection closes without one. */
  async answer(timeoutMs = 2000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffer.length >= 2) {
        const n = this.buffer.readUInt16BE(0);
        if (this.buffer.length >= 2 + n) {
          const body = new Uint8Array(this.buffer.subarray(2, 2 + n));
          this.buffer = this.buffer.subarray(2 + n);
          return body;
        }
      }
      if (this.closed) throw new Error('connection closed without an answer');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no answer in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves true when nothing arrives for `ms` (control messages that must get no answer). */
  async silentFor(ms: number): Promise<boolean> {
    await new Promise((r) => setTimeout(r, ms));
    return this.buffer.length === 0;
  }

  /** Resolves when the bridge closed the connection. */
  async whenClosed(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('still connected');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** A listening fake vpcd. */
export class FakeVpcd {
  readonly peers: FakeVpcdPeer[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.peers.push(new FakeVpcdPeer(socket));
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  /** Listens on `port` (0: any free port). */
  static async listen(port = 0): Promise<FakeVpcd> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new FakeVpcd(server);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The `index`th connection, waiting for it. */
  async peer(index = 0, timeoutMs = 2000): Promise<FakeVpcdPeer> {
    const deadline = Date.now() + timeoutMs;
    while (this.peers.length <= index) {
      if (Date.now() > deadline) throw new Error(`no connection #${index + 1}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 20);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.peers[index]!;
  }

  async close(): Promise<void> {
    for (const p of this.peers) p.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A free TCP port on 127.0.0.1 (listened on and released). */
export async function freePort(): Promise<number> {
  const s = await FakeVpcd.listen();
  const port = s.port;
  await s.close();
  return port;
}
