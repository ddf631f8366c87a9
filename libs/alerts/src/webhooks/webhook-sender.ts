import { Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { CheckedTarget } from './webhook-url';

/** At most this much of a receiver's answer is read; the rest is dropped with the connection. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/**
 * One POST to a checked target. The connection goes to the address that was checked (a fixed
 * lookup), while TLS still verifies the certificate against the URL's host name. Redirects are
 * not followed: a 3xx is a failed attempt, as the receiver's URL is the one registered.
 */
export function postWebhook(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number, agent?: Agent): Promise<AttemptResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const fixedLookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, latencyMs: elapsed(), error });
    };
    const req = send(
      target.url,
      {
        method: 'POST',
        agent,
        lookup: fixedLookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Pedigree-Webhooks/1' },
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            res.destroy();
            finish(res.statusCode ?? null, `answer larger than ${MAX_RESPONSE_BYTES} bytes; the rest was not read`);
          }
        });
        res.on('end', () => finish(res.statusCode ?? null, null));
        res.on('error', (e) => finish(res.statusCode ?? null, e.message));
      },
    );
    // One limit for the whole attempt: connect, send, answer.
    const timer = setTimeout(() => {
      req.destroy();
      finish(null, `no complete answer within ${timeoutMs} ms`);
    }, timeoutMs);
    req.on('error', (e) => finish(null, e.message));
    req.end(body);
  });
}
