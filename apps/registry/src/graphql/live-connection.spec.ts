import { LiveConnection } from './live-connection';

function fakeSocket() {
  const closes: { code?: number; reason?: string }[] = [];
  let onClose: (() => void) | null = null;
  return {
    closes,
    closeFromClient: () => onClose?.(),
    socket: {
      close: (code?: number, reason?: string) => void closes.push({ code, reason }),
      once: (_event: 'close', listener: () => void) => (onClose = listener),
    },
  };
}

describe('LiveConnection', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('closes a socket that authenticates nothing within the grace period, with 4403', () => {
    const s = fakeSocket();
    new LiveConnection(s.socket, 10_000);
    jest.advanceTimersByTime(9_999);
    expect(s.closes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(s.closes).toEqual([{ code: 4403, reason: 'Forbidden: no subscription with a valid token within 10000 ms' }]);
  });

  it('keeps a socket once a subscription authenticated', () => {
    const s = fakeSocket();
    new LiveConnection(s.socket, 10_000).authenticated();
    jest.advanceTimersByTime(60_000);
    expect(s.closes).toEqual([]);
  });

  it('closes right after a refused token, once the error has been queued', () => {
    const s = fakeSocket();
    new LiveConnection(s.socket, 10_000).refused();
    expect(s.closes).toEqual([]);
    jest.runOnlyPendingTimers();
    expect(s.closes).toEqual([{ code: 4403, reason: 'Forbidden: the token was refused' }]);
  });

  it('forgets its timer when the client closes first', () => {
    const s = fakeSocket();
    new LiveConnection(s.socket, 10_000);
    s.closeFromClient();
    jest.advanceTimersByTime(20_000);
    expect(s.closes).toEqual([]);
  });
});
