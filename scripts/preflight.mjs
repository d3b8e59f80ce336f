// Checks that the ports the portal needs are free before anything starts, so
// that a taken port fails fast with its number instead of deep inside a dev server.
import net from 'node:net';

const ports = [
  { port: 3000, what: 'the frontend (app dev server)' },
  { port: 7007, what: 'the backend' },
];

function isFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', err => resolve(err.code === 'EADDRINUSE' ? false : true));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen({ port, host: '::', ipv6Only: false });
  });
}

const only = process.argv.slice(2).map(Number).filter(Boolean);
let failed = false;
for (const { port, what } of ports) {
  if (only.length && !only.includes(port)) continue;
  if (!(await isFree(port))) {
    failed = true;
    console.error(
      `[souverain] error: port ${port} is already in use; it is needed for ${what}. ` +
        `Stop whatever listens on ${port} (for example: ss -ltnp 'sport = :${port}') and run npm start again.`,
    );
  }
}
process.exit(failed ? 1 : 0);
