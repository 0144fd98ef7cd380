// The loopback server the overhead bench talks to: the cheapest possible keep-alive answer, in
// its own process so that its CPU time does not dilute the client-side figures. It answers as
// each provider does on success, since the ipernity and Safe Creative strategies read answers.
import { createServer } from 'node:http';

const answers: [prefix: string, type: string, body: Buffer][] = [
  ['/api/', 'application/json', Buffer.from('{"api":{"status":"ok"},"doc":{"doc_id":"1234"}}')],
  ['/v2/', 'text/xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><work><code>1</code></work>')],
  ['/', 'application/json', Buffer.from('{"ok":true}')],
];
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const [, type, body] = answers.find(([prefix]) => req.url?.startsWith(prefix))!;
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
process.on('disconnect', () => server.close(() => process.exit(0)));
