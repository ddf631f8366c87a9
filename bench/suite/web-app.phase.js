'use strict';
// Issue 16's "Fast" figures in headless Chromium (Debian's, through playwright-core, as the browser
// tests drive it; nothing downloads a browser): first contentful paint of the model page, the
// 2,000-node lineage view drawn and answering a click, and the frame rate while panning it.
// The functions passed to page.evaluate and waitForFunction run in the page, where these exist.
/* global document, performance, window, requestAnimationFrame */
const { existsSync } = require('node:fs');
const { chromium } = require('playwright-core');
const { median } = require('../support/stats');
const { startProfile } = require('./cpu-profile');
const { baseCandidates, typicalModels } = require('./workload');

const FCP_LIMIT_MS = 1500;
const LINEAGE_LIMIT_MS = 2000;
const PAN_FPS_LIMIT = 30;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT = 120_000;

/** The flags of libs/testing's launchBrowser: root needs no sandbox, and WebGL is SwiftShader's, as on a GPU-less CI box. */
function launch() {
  const executablePath = process.env.PEDIGREE_CHROMIUM ?? CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error(`No Chromium found (looked for ${CANDIDATES.join(', ')}); install Debian's chromium or set PEDIGREE_CHROMIUM`);
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
}

/** A fresh context (cold cache) already signed in: the app reads its token from session storage. */
async function signedInPage(browser, url, token) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(`sessionStorage.setItem('pedigree.token', ${JSON.stringify(token)})`);
  return { context, page: await context.newPage() };
}

async function modelPageRun(browser, { url, token, model }) {
  const { context, page } = await signedInPage(browser, url, token);
  try {
    await page.goto(`/model?name=${encodeURIComponent(model)}`, { waitUntil: 'load' });
    await page.getByRole('heading', { name: model }).first().waitFor({ timeout: TIMEOUT });
    // FCP is entered once the paint is presented; poll rather than race it.
    const fcp = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: TIMEOUT });
    const factsShown = await page.evaluate(() => performance.now());
    return { fcpMs: await fcp.jsonValue(), factsMs: factsShown };
  } finally {
    await context.close();
  }
}

const status = (page) => page.getByTestId('graph-status');
/** Nodes drawn, once no layout is under way (a new page from the registry lays the view out again). */
async function drawnCount(page) {
  const count = await page.waitForFunction(
    () => {
      const m = /^([\d,]+) nodes.* laid out /.exec(document.querySelector('[data-testid="graph-status"]')?.textContent ?? '');
      return m && Number(m[1].replace(/,/g, ''));
    },
    null,
    { timeout: TIMEOUT, polling: 'raf' },
  );
  return count.jsonValue();
}

/** Waits for the view's own signal: its status line is rewritten two frames after cytoscape's first drawing. */
async function waitDrawn(page, previous) {
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector('[data-testid="graph-status"]')?.textContent ?? '';
      return /laid out/.test(text) && text !== before;
    },
    previous,
    { timeout: TIMEOUT, polling: 'raf' },
  );
  return status(page).textContent();
}

/**
 * Clicks a drawn node and waits for the selection panel to show it. Where the node is on screen is
 * read from cytoscape's registry on its container (`_cyreg`), a bench-only peek: the app keeps no handle.
 */
async function clickANode(page) {
  const target = await page.evaluate(() => {
    const container = document.querySelector('.graph-canvas');
    const cy = container._cyreg.cy;
    const box = container.getBoundingClientRect();
    const node = cy
      .nodes()
      .filter((n) => !n.id().startsWith('more:') && !n.selected())
      .filter((n) => {
        const p = n.renderedPosition();
        return p.x > 5 && p.y > 5 && p.x < box.width - 5 && p.y < box.height - 5;
      })[0];
    const p = node.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y, name: node.data('label').split('\n')[0] };
  });
  const started = await page.evaluate(() => performance.now());
  await page.mouse.click(target.x, target.y);
  const panel = page.getByRole('complementary', { name: 'Selection' });
  const heading = target.name.endsWith('…') ? target.name.slice(0, -1) : target.name;
  await panel.locator('h3', { hasText: heading }).first().waitFor({ timeout: TIMEOUT });
  return (await page.evaluate(() => performance.now())) - started;
}

/**
 * Opens the subject's descendants and widens the view the way a person does (the next page from the
 * registry, then "Show 500 more") until at least `nodes` are drawn. The last widening is the 2,000-node
 * view being opened: click → laid out and drawn → a click on a node answered.
 */
async function lineageRun(browser, { url, token, model, nodes, profile }) {
  const { context, page } = await signedInPage(browser, url, token);
  try {
    const navStart = Date.now();
    await page.goto(`/lineage?model=${encodeURIComponent(model)}&direction=DESCENDANTS`);
    let text = await waitDrawn(page, '');
    const firstViewMs = Date.now() - navStart;
    const firstView = await drawnCount(page);
    const loaded = async () => Number(((await page.locator('.result-count').textContent()).match(/^([\d,]+) nodes loaded/) ?? [0, '0'])[1].replace(/,/g, ''));
    const loadNext = page.getByRole('button', { name: /^Load the next 1,000 descendants/ });
    const panel = page.getByRole('complementary', { name: 'Selection' });
    let opened = null;
    while ((await drawnCount(page)) < nodes) {
      if ((await loaded()) < nodes + 2 && (await loadNext.count())) {
        const before = await loaded();
        await loadNext.click();
        await page.waitForFunction(
          (b) =>
            Number(
              document
                .querySelector('.result-count')
                .textContent.match(/^([\d,]+)/)[1]
                .replace(/,/g, ''),
            ) > b,
          before,
          {
            timeout: TIMEOUT,
          },
        );
        continue;
      }
      const more = panel.getByRole('button', { name: /^Show \d+ more of/ }).first();
      if (!(await more.count())) break;
      const stop = profile ? await startProfile(page) : null;
      const started = await page.evaluate(() => performance.now());
      await more.click();
      text = await waitDrawn(page, text);
      const renderedMs = (await page.evaluate(() => performance.now())) - started;
      opened = { renderedMs, text, profile: stop ? await stop() : null };
    }
    const drawn = await drawnCount(page);
    if (!opened) throw new Error(`${model}: the lineage view never widened to ${nodes} nodes (${drawn} drawn at first)`);
    const clickMs = await clickANode(page);
    const pan = await panRun(page);
    return { firstViewMs, firstView, drawn, renderer: await page.locator('.graph-canvas').getAttribute('data-renderer'), ...opened, clickMs, pan };
  } finally {
    await context.close();
  }
}

/** A mouse drag back and forth across the canvas for `seconds`, counting animation frames in the page meanwhile. */
async function panRun(page, seconds = 3) {
  const box = await page.locator('.graph-canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Press on empty space: a press on a node would drag the node, not the view.
  const start = await page.evaluate(
    ([x0, y0]) => {
      const c = document.querySelector('.graph-canvas');
      const cyto = c._cyreg.cy;
      const b = c.getBoundingClientRect();
      const hit = (x, y) =>
        cyto.nodes().some((n) => {
          const bb = n.renderedBoundingBox();
          return x >= bb.x1 - 4 && x <= bb.x2 + 4 && y >= bb.y1 - 4 && y <= bb.y2 + 4;
        });
      for (let dy = 0; dy < b.height / 2; dy += 7) for (const s of [1, -1]) if (!hit(x0 - b.left, y0 - b.top + s * dy)) return { x: x0, y: y0 + s * dy };
      return { x: x0, y: y0 };
    },
    [cx, cy],
  );
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const until = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < until; i++) {
    const dx = 150 * Math.sin(i / 10);
    await page.mouse.move(start.x + dx, start.y + dx / 3);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => ((window.__stopFrames = true), window.__frames));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const elapsed = frames[frames.length - 1] - frames[0];
  const panned = await page.evaluate(() => document.querySelector('.graph-canvas')._cyreg.cy.pan());
  return { fps: (gaps.length / elapsed) * 1000, frames: gaps.length, longestFrameMs: Math.max(...gaps), medianFrameMs: median(gaps), panned };
}

const spread = (xs) => ({ median: median(xs), worst: Math.max(...xs), runs: xs });

/** `model`: a model for the model page; `lineageModel`: a subject with at least `nodes` descendants within a fan-out. */
async function webAppPhase({ url, token, model, lineageModel, nodes = 2000, runs = 5, log }) {
  const browser = await launch();
  try {
    const version = browser.version();
    const modelRuns = [];
    for (let i = 0; i < runs; i++) {
      modelRuns.push(await modelPageRun(browser, { url, token, model }));
      log(`model page ${i + 1}: FCP ${modelRuns[i].fcpMs.toFixed(0)} ms, facts shown at ${modelRuns[i].factsMs.toFixed(0)} ms`);
    }
    const lineageRuns = [];
    for (let i = 0; i < runs; i++) {
      // Only the last run is profiled: the profiler's own cost stays out of the others.
      const r = await lineageRun(browser, { url, token, model: lineageModel, nodes, profile: i === runs - 1 });
      log(
        `lineage ${i + 1}: ${r.drawn} nodes drawn in ${r.renderedMs.toFixed(0)} ms, click answered in ${r.clickMs.toFixed(0)} ms; pan ${r.pan.fps.toFixed(1)} fps, longest frame ${r.pan.longestFrameMs.toFixed(0)} ms`,
      );
      lineageRuns.push(r);
    }
    return {
      browser: version,
      model,
      lineageModel,
      runs,
      fcp: spread(modelRuns.map((r) => r.fcpMs)),
      facts: spread(modelRuns.map((r) => r.factsMs)),
      drawn: lineageRuns.map((r) => r.drawn),
      renderer: lineageRuns[0].renderer,
      status: lineageRuns[lineageRuns.length - 1].text,
      profile: lineageRuns[lineageRuns.length - 1].profile,
      firstView: { nodes: lineageRuns[0].firstView, ms: spread(lineageRuns.map((r) => r.firstViewMs)) },
      rendered: spread(lineageRuns.map((r) => r.renderedMs)),
      interactive: spread(lineageRuns.map((r) => r.renderedMs + r.clickMs)),
      click: spread(lineageRuns.map((r) => r.clickMs)),
      // The worst run is the slowest, so for frame rates it is the lowest.
      fps: { median: median(lineageRuns.map((r) => r.pan.fps)), worst: Math.min(...lineageRuns.map((r) => r.pan.fps)) },
      longestFrame: spread(lineageRuns.map((r) => r.pan.longestFrameMs)),
      medianFrame: median(lineageRuns.map((r) => r.pan.medianFrameMs)),
    };
  } finally {
    await browser.close();
  }
}

/** The model page of a typical model; the lineage of the base with the most direct derivatives, whose descendants fill a 2,000-node view. */
async function webAppSubjects(client, seed) {
  return { model: (await typicalModels(client, 1, seed))[0].name, lineageModel: (await baseCandidates(client, 1))[0].name };
}

/** The title of the section in docs/benchmarks.md, which names the catalog size. */
const webAppTitle = (models) => `Web app: page paint, lineage view, panning (${models.toLocaleString('en')} models)`;

module.exports = { webAppPhase, webAppSubjects, webAppTitle, FCP_LIMIT_MS, LINEAGE_LIMIT_MS, PAN_FPS_LIMIT };
