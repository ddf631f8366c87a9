import { EuField, EuSection, EuTrainingSummary } from './eu-summary.model';

/** The summary as Markdown, in the template's order and wording; the JSON form is the summary itself. */
export function euSummaryMarkdown(summary: EuTrainingSummary): string {
  const t = summary.template;
  const lines = [
    `# Public Summary of Training Content: ${summary.model}`,
    '',
    `Following the ${t.publisher} "${t.title}" of ${t.published} (${t.legalBasis}): ${t.source}`,
    '',
    'Pre-filled from the Pedigree registry. Every field marked **TO BE COMPLETED BY THE PROVIDER** needs a person; nothing in it was guessed.',
    '',
  ];
  for (const f of summary.document) renderField(f, lines);
  lines.push('');
  for (const s of summary.sections) renderSection(s, lines);
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function renderSection(s: EuSection, lines: string[]): void {
  const depth = s.number.split('.').length;
  lines.push(`${'#'.repeat(Math.min(depth + 1, 6))} ${s.number}${depth === 1 ? '.' : ''} ${s.title}`, '');
  for (const f of s.fields) renderField(f, lines);
  lines.push('');
  for (const sub of s.sections) renderSection(sub, lines);
}

function renderField(f: EuField, lines: string[]): void {
  const value = f.status === 'TO_BE_COMPLETED' ? `**${f.value}**` : f.value;
  // The template's questions end in a question mark; a colon after it would read as a typo.
  const label = f.label.endsWith('?') ? f.label : `${f.label}:`;
  lines.push(`- **${label}** ${value}${f.note ? ` _(${f.note})_` : ''}`);
  for (const item of f.items) {
    // Not a link: the document supports the claim (it is on the evidence line), it is not the item's own page.
    lines.push(`  - ${item.text}`);
    for (const d of item.details ?? []) lines.push(`    - ${d}`);
  }
}
