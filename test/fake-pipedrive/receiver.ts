import http from 'http';
import type { AddressInfo } from 'net';

/** A webhook receiver on 127.0.0.1 that answers with the given statuses in turn (then 200). */
export async function startReceiver(statuses: number[] = []) {
	const received: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, any> }> = [];
	const server = http.createServer(async (req, res) => {
		const body = Buffer.concat(await req.toArray()).toString('utf8');
		received.push({ headers: req.headers, body: JSON.parse(body) });
		res.writeHead(statuses.shift() ?? 200).end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
