import { useGraphql } from '../api/use-graphql';
import { BarChart } from '../components/bar-chart';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { formatShare } from '../components/format';
import { ReportPage } from '../components/report-page';
import { href, Link, useLocation } from '../app/router';

const PORTFOLIO = `query PortfolioDashboard($filter: PortfolioFilterInput) {
  portfolioExposure(filter: $filter, top: 15) {
    scope memberCount
    countries { key label share count }
    vendors { key label share count }
    weightRootVendors { hhi shares { key label share count } }
    singlePointsOfFailure { kind key label share count }
  }
}`;

interface Share {
  key: string | null;
  label: string;
  share: number;
  count: number;
}
interface PortfolioData {
  portfolioExposure: {
    scope: string;
    memberCount: number;
    countries: Share[];
    vendors: Share[];
    weightRootVendors: { hhi: number; shares: Share[] };
    singlePointsOfFailure: (Share & { kind: string })[];
  };
}

/** The US DoJ/FTC merger guidelines' bands, the usual reading of an HHI on the 0–10,000 scale. */
const concentration = (hhi: number) => (hhi > 1800 ? 'highly concentrated' : hhi >= 1000 ? 'moderately concentrated' : 'unconcentrated');

const shareColumns = (what: string): TableColumn<Share>[] => [
  { header: what, value: (s) => s.label },
  { header: 'Members', value: (s) => s.count, numeric: true },
  { header: 'Share', value: (s) => s.share.toFixed(4), render: (s) => formatShare(s.share), numeric: true },
];
const spofColumns: TableColumn<Share & { kind: string }>[] = [
  { header: 'Kind', value: (s) => s.kind },
  { header: 'Single point of failure', value: (s) => s.label },
  { header: 'Members', value: (s) => s.count, numeric: true },
  { header: 'Share', value: (s) => s.share.toFixed(4), render: (s) => formatShare(s.share), numeric: true },
];

export function PortfolioPage() {
  const { params } = useLocation();
  const scope = params.get('scope') === 'MODELS' ? 'MODELS' : 'DEPLOYMENTS';
  const result = useGraphql<PortfolioData>(PORTFOLIO, { filter: { scope } });
  const p = result.data?.portfolioExposure;
  return (
    <ReportPage title="Portfolio dashboard" subtitle={`across ${scope === 'MODELS' ? 'all models' : 'all deployments'}`}>
      <p className="tabs no-print" role="group" aria-label="Across">
        <Link to={href('/portfolio')} aria-current={scope === 'DEPLOYMENTS' ? 'page' : undefined} className={scope === 'DEPLOYMENTS' ? 'tab active' : 'tab'}>
          Deployments
        </Link>
        <Link
          to={href('/portfolio', { scope: 'MODELS' })}
          aria-current={scope === 'MODELS' ? 'page' : undefined}
          className={scope === 'MODELS' ? 'tab active' : 'tab'}
        >
          Models
        </Link>
      </p>
      {result.error ? <ErrorPanel error={result.error} onRetry={result.reload} /> : null}
      {result.loading ? <Loading what="the portfolio" /> : null}
      {p ? (
        <>
          <p>
            Over <strong>{p.memberCount}</strong> {scope === 'MODELS' ? 'models' : 'deployments'}. A member counts once for each country or vendor anywhere in
            its ancestry, so shares add up to more than 100 %.
          </p>
          <section aria-label="Weight-root vendor concentration" className="hhi">
            <h2>Weight-root vendor concentration</h2>
            <p>
              HHI <strong>{Math.round(p.weightRootVendors.hhi).toLocaleString('en')}</strong> of 10,000: {concentration(p.weightRootVendors.hhi)}. It sums the
              squared percentage shares of the vendors whose base weights the portfolio is built on.
            </p>
          </section>
          <div className="charts">
            <BarChart title="Country shares" bars={p.countries} />
            <BarChart title="Vendor shares" bars={p.vendors} colour="#D55E00" />
            <BarChart title="Weight-root vendor shares" bars={p.weightRootVendors.shares} colour="#009E73" />
          </div>
          <DataTable
            caption="Single points of failure"
            columns={spofColumns}
            rows={p.singlePointsOfFailure}
            rowKey={(s, i) => `${s.kind}:${s.key}:${i}`}
            empty="No single point of failure."
          />
          <DataTable caption="Country shares" columns={shareColumns('Country')} rows={p.countries} rowKey={(s, i) => `${s.key}:${i}`} empty="No countries." />
          <DataTable caption="Vendor shares" columns={shareColumns('Vendor')} rows={p.vendors} rowKey={(s, i) => `${s.key}:${i}`} empty="No vendors." />
          <DataTable
            caption="Weight-root vendor shares"
            columns={shareColumns('Vendor')}
            rows={p.weightRootVendors.shares}
            rowKey={(s, i) => `${s.key}:${i}`}
            empty="No weight roots."
          />
        </>
      ) : null}
    </ReportPage>
  );
}
