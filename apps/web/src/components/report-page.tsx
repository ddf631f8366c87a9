import { useEffect, type ReactNode } from 'react';

interface ReportPageProps {
  title: string;
  /** What the report is about and from where, for the printed header (a perspective, a target). */
  subtitle?: string;
  /** Offer "Download PDF": the browser's print-to-PDF, with the title as the file name. */
  pdf?: boolean;
  children: ReactNode;
}

/**
 * Every report page: its title, Print (and Download PDF where asked), and the header that only
 * paper shows (title, date, registry URL, perspective). print.css lays out the rest for A4.
 */
export function ReportPage({ title, subtitle, pdf, children }: ReportPageProps) {
  useEffect(() => {
    document.title = subtitle ? `${title}: ${subtitle} — Pedigree` : `${title} — Pedigree`;
  }, [title, subtitle]);
  const printAs = (fileTitle: string | null) => {
    const before = document.title;
    // Chromium and Firefox name the saved PDF after the document title.
    if (fileTitle) document.title = fileTitle;
    window.print();
    document.title = before;
  };
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <article className="report">
      <header className="report-header">
        <div>
          <h1>{title}</h1>
          {subtitle ? <p className="subtitle">{subtitle}</p> : null}
        </div>
        <div className="report-actions no-print">
          <button type="button" onClick={() => printAs(null)}>
            Print
          </button>
          {pdf ? (
            <button type="button" onClick={() => printAs(`${title} ${subtitle ?? ''} ${stamp}`.trim())} title="Opens the print dialog: choose “Save as PDF”">
              Download PDF
            </button>
          ) : null}
        </div>
      </header>
      <dl className="print-only print-meta">
        <dt>Printed</dt>
        <dd>{new Date().toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}</dd>
        <dt>Registry</dt>
        <dd>{window.location.origin}</dd>
        {subtitle ? (
          <>
            <dt>Subject</dt>
            <dd>{subtitle}</dd>
          </>
        ) : null}
      </dl>
      {children}
    </article>
  );
}
