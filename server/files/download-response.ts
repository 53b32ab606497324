// A download as a web Response: the Node stream converted once; an error after the headers aborts the
// response (the client sees a failed transfer, not a short file that looks whole).
import { Readable } from 'node:stream';
import type { Download } from './file-read';

export function downloadResponse(d: Download): Response {
  return new Response(Readable.toWeb(d.body) as ReadableStream<Uint8Array>, {
    headers: { ...d.headers, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
