'use strict';
// The web app's figures beside their limits, as a table; shared by `npm run bench` and `npm run bench:web`.
const { FCP_LIMIT_MS, LINEAGE_LIMIT_MS, PAN_FPS_LIMIT } = require('./web-app.phase');

const ms = (x) => `${x.toFixed(0)} ms`;
const spread = (s) => `${ms(s.median)} median, ${ms(s.worst)} worst`;

/** Rows of { figure, value, limit, met }; a figure is met only when its worst run meets the limit. */
function webAppRows(w) {
  const nodes = Math.min(...w.drawn).toLocaleString('en');
  return [
    { figure: 'model page, first contentful paint (cold context)', value: spread(w.fcp), limit: `≤ ${FCP_LIMIT_MS} ms`, met: w.fcp.worst <= FCP_LIMIT_MS },
    {
      figure: `lineage view of ${nodes} nodes, click → laid out and drawn`,
      value: spread(w.rendered),
      limit: `≤ ${LINEAGE_LIMIT_MS} ms`,
      met: w.rendered.worst <= LINEAGE_LIMIT_MS,
    },
    {
      figure: `lineage view of ${nodes} nodes, click → drawn and a click on a node answered`,
      value: spread(w.interactive),
      limit: `≤ ${LINEAGE_LIMIT_MS} ms`,
      met: w.interactive.worst <= LINEAGE_LIMIT_MS,
    },
    {
      figure: `panning the ${nodes}-node view (mouse drag, 3 s)`,
      value: `${w.fps.median.toFixed(1)} fps median, ${w.fps.worst.toFixed(1)} fps worst; longest frame ${ms(w.longestFrame.worst)}`,
      limit: `≥ ${PAN_FPS_LIMIT} fps`,
      met: w.fps.worst >= PAN_FPS_LIMIT,
    },
  ];
}

function webAppSection(w, context) {
  const runs = (s) => s.runs.map((x) => x.toFixed(0)).join(', ');
  return [
    context,
    '',
    '| Figure | Measured | Limit | Met |',
    '|---|---|---|---|',
    ...webAppRows(w).map((r) => `| ${r.figure} | ${r.value} | ${r.limit} | ${r.met ? 'yes' : '**no**'} |`),
    '',
    `${w.runs} runs each, every run in a fresh browser context (cold cache), ${w.browser} headless, WebGL through SwiftShader (no GPU), viewport 1400 × 1000.`,
    `Model page: \`/model?name=${w.model}\`; its facts were on screen after ${spread(w.facts)} (from navigation start). FCP runs: ${runs(w.fcp)} ms.`,
    `Lineage: \`/lineage?model=${w.lineageModel}&direction=DESCENDANTS\`. The explorer loads 1,000 descendants a page and shows 500 children of a node at a time, so the first view had ${w.firstView.nodes.toLocaleString('en')} nodes (navigation → drawn ${spread(w.firstView.ms)}); the bench then loads the next page and clicks "Show 500 more" as a person would, and the last click opens the view measured above: ${w.drawn.map((n) => n.toLocaleString('en')).join(', ')} nodes drawn (counting the "more" stand-ins), ${w.renderer} renderer.`,
    `"Drawn" is the view's own signal: its status line is rewritten two animation frames after cytoscape's first drawing. Runs (click → drawn): ${runs(w.rendered)} ms; the click on a node then took ${runs(w.click)} ms to show it in the selection panel. The view's status after the last run: "${w.status}"`,
    `Panning: a held mouse drag across empty canvas, back and forth, while the page counts \`requestAnimationFrame\` callbacks; median frame ${ms(w.medianFrame)}, longest frames per run ${runs(w.longestFrame)} ms.`,
    ...(w.profile
      ? [
          '',
          `Where the main thread's time went while the last run's view opened (a CPU profile of the last run only, ${ms(w.profile.totalMs)} sampled; self time by function; SwiftShader draws WebGL in Chromium's GPU process, whose time this does not show):`,
          '',
          ...w.profile.top.map((f) => `- \`${f.fn}\`: ${ms(f.ms)}`),
        ]
      : []),
  ].join('\n');
}

module.exports = { webAppRows, webAppSection };
