// The loopback server the overhead bench talks to: the cheapest possible keep-alive answer, in
// its own process so that its CPU time does not dilute the client-side figures.
import { createServer } from 'node:http';

const body = Buffer.from('{"ok":true}');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
process.on('disconnect', () => server.close(() => process.exit(0)));
