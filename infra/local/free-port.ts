import { createServer } from 'node:net';

/** Asks the OS for a port nobody listens on (listening on port 0), then releases it for the caller. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('The OS gave no free port'))));
    });
  });
}
