import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BLOCK = 1024 * 1024;

/**
 * A large file made on the fly (a PDF header, then a random block repeated), never held whole:
 * `blocks()` yields it again each time it is called, and `sha256` is its digest.
 */
export function largeFile(
  size: number,
  block: Buffer = randomBytes(BLOCK),
): { size: number; block: Buffer; blocks(): Generator<Buffer>; sha256: string } {
  const head = Buffer.from('%PDF-1.7\n');
  function* blocks(): Generator<Buffer> {
    yield head;
    let left = size - head.length;
    while (left > 0) {
      const take = Math.min(left, BLOCK);
      yield block.subarray(0, take);
      left -= take;
    }
  }
  const hash = createHash('sha256');
  for (const b of blocks()) hash.update(b);
  return { size, block, blocks, sha256: hash.digest('hex') };
}

/** Streams the file as one multipart `file` part over real HTTP; resolves with the status and JSON answer. */
export async function streamUpload(url: string, headers: Record<string, string>, file: ReturnType<typeof largeFile>, filename = 'large.pdf') {
  const boundary = `----enlace-${randomBytes(8).toString('hex')}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const request = http.request(url, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(pre.length + file.size + post.length),
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  await pipeline(
    Readable.from(
      (function* () {
        yield pre;
        yield* file.blocks();
        yield post;
      })(),
    ),
    request,
  );
  return answer;
}

/** Downloads over real HTTP, hashing as it goes. */
export function streamDownload(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string | undefined; bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          hash.update(d);
          bytes += d.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], bytes, sha256: hash.digest('hex') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Samples resident memory while work runs; returns the peak growth over the level before it started. */
export async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number; baseline: number; peak: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - baseline, baseline, peak };
  } finally {
    clearInterval(timer);
  }
}
