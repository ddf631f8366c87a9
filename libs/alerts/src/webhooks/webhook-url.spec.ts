import { allowList, isPrivateAddress } from './webhook-address';
import { parseWebhookUrl, resolveTarget, WebhookTargetError } from './webhook-url';
import { retryDelayMs, scheduleSpanMs } from './retry-schedule';

const fakeDns = (answers: Record<string, string[]>) =>
  (async (host: string) => {
    const a = answers[host];
    if (!a) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as never;

describe('webhook addresses', () => {
  it.each([
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['100.100.100.200', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00:ec2::254', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:a00:1', true],
    ['64:ff9b::10.0.0.1', true],
    ['8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses a public name that resolves to a private address, and any of several answers', async () => {
    const dns = fakeDns({ 'rebind.example': ['10.0.0.7'], 'mixed.example': ['93.184.216.34', '127.0.0.1'], 'ok.example': ['93.184.216.34'] });
    await expect(resolveTarget(new URL('https://rebind.example/x'), new Set(), dns)).rejects.toThrow(/10\.0\.0\.7.*PEDIGREE_WEBHOOK_ALLOW_HOSTS/);
    await expect(resolveTarget(new URL('https://mixed.example/x'), new Set(), dns)).rejects.toThrow(WebhookTargetError);
    await expect(resolveTarget(new URL('https://nowhere.example/x'), new Set(), dns)).rejects.toThrow(/does not resolve \(ENOTFOUND\)/);
    expect(await resolveTarget(new URL('https://ok.example/x'), new Set(), dns)).toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('lets the allow-list name a host or an address', async () => {
    const dns = fakeDns({ 'receiver.internal': ['10.0.0.7'] });
    expect((await resolveTarget(new URL('http://receiver.internal/x'), allowList('receiver.internal'), dns)).address).toBe('10.0.0.7');
    expect((await resolveTarget(new URL('https://receiver.internal/x'), allowList('10.0.0.7'), dns)).address).toBe('10.0.0.7');
    expect((await resolveTarget(new URL('https://[::1]/x'), allowList('[::1]'), dns)).address).toBe('::1');
  });

  it('accepts https, and http only to allow-listed hosts, naming the field', () => {
    expect(parseWebhookUrl('https://hooks.example.com/p?q=1#frag', 'input.url', new Set()).toString()).toBe('https://hooks.example.com/p?q=1');
    expect(() => parseWebhookUrl('http://hooks.example.com/', 'input.url', new Set())).toThrow(/input\.url: uses plain http/);
    expect(parseWebhookUrl('http://hooks.example.com/', 'input.url', allowList('hooks.example.com')).protocol).toBe('http:');
    expect(() => parseWebhookUrl('gopher://x/', 'input.url', new Set())).toThrow(/uses gopher/);
    expect(() => parseWebhookUrl('not a url', 'input.url', new Set())).toThrow(/is not a URL/);
  });
});

describe('retry schedule', () => {
  const defaults = { maxAttempts: 15, baseMs: 10_000, maxMs: 6 * 3_600_000 };

  it('doubles from the base, caps, and jitters within ±25 %', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, defaults, () => 0.5))).toEqual([10_000, 20_000, 40_000]);
    expect(retryDelayMs(14, defaults, () => 0.5)).toBe(6 * 3_600_000);
    expect(retryDelayMs(1, defaults, () => 0)).toBe(7_500);
    expect(retryDelayMs(1, defaults, () => 0.999999)).toBe(12_500);
    expect(retryDelayMs(15, defaults)).toBeNull();
  });

  it('spreads the default attempts over about 24 hours', () => {
    const hours = scheduleSpanMs(defaults) / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(28);
  });
});
