/** The ceiling: a bare Fastify route that returns a constant, in its own process like the real server. */
import Fastify from 'fastify';

const server = Fastify({ logger: false });
server.get('/', async () => ({ ok: true }));
const address = await server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address} \n`);
