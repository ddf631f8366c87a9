/** One sample of a Prometheus metric without labels, or null when it is not exported. */
export async function metric(url: string, name: string): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : null;
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, limitMs: number, stepMs = 50): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await Promise.resolve(check()).catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`${what}: not within ${limitMs} ms`);
}
