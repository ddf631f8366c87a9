'use strict';
// A page's main-thread CPU profile over one action, through the DevTools protocol, summed by function:
// when a figure misses its limit, this names where the time went.

/** Starts the profiler; the returned stop() resolves to the `top` functions by self time, in ms. */
async function startProfile(page, top = 8) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    // timeDeltas[i] is the time before sample i, so it is charged to that sample's function.
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id).callFrame;
      const key = functionName ? `${functionName} (${url.split('/').pop() || 'native'}:${lineNumber + 1})` : `(${url ? 'anonymous' : 'program, idle or GC'})`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    return {
      totalMs: total,
      top: [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([fn, ms]) => ({ fn, ms })),
    };
  };
}

module.exports = { startProfile };
