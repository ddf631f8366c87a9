import { Deadline } from '../limits/deadline';
import { requestContext } from './request-context';

describe('requestContext.memo', () => {
  it('computes once per key within a request, and again in the next request', () => {
    let runs = 0;
    const compute = () => ++runs;
    const first = requestContext.run(() => [requestContext.memo('a', compute), requestContext.memo('a', compute), requestContext.memo('b', compute)]);
    expect(first).toEqual([1, 1, 2]);
    expect(requestContext.run(() => requestContext.memo('a', compute))).toBe(3);
  });

  it('forgets its answers once the request is answered', () => {
    const deadline = new Deadline(10_000, 'TEST');
    let runs = 0;
    requestContext.run(() => {
      requestContext.memo('a', () => ++runs);
      deadline.finish();
      requestContext.memo('a', () => ++runs);
    }, deadline);
    expect(runs).toBe(2);
  });

  it('computes every time outside a request', () => {
    let runs = 0;
    expect([requestContext.memo('a', () => ++runs), requestContext.memo('a', () => ++runs)]).toEqual([1, 2]);
  });

  it('computes every time in a subscription, whose events each need a fresh answer', async () => {
    let runs = 0;
    const answers = await new Promise<number[]>((resolve) =>
      setImmediate(() => {
        requestContext.enterSubscription();
        resolve([requestContext.memo('a', () => ++runs), requestContext.memo('a', () => ++runs)]);
      }),
    );
    expect(answers).toEqual([1, 2]);
  });
});
