import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AuditPage } from '../pages/audit.page';
import { ExposurePage } from '../pages/exposure.page';
import { ImpactPage } from '../pages/impact.page';
import { LineagePage } from '../pages/lineage.page';
import { ModelPage } from '../pages/model.page';
import { PortfolioPage } from '../pages/portfolio.page';
import { SearchPage } from '../pages/search.page';
import { SignInPage } from '../pages/sign-in.page';
import { ViolationsPage } from '../pages/violations.page';
import { forgetToken, readToken } from './token-store';
import { href, Link, navigate, Redirect, RouterProvider, useLocation } from './router';
import { ROUTES } from './routes';

function Page({ path }: { path: string }) {
  switch (path) {
    case '/':
    case '/search':
      return <SearchPage />;
    case '/model':
      return <ModelPage />;
    case '/lineage':
      return <LineagePage />;
    case '/exposure':
      return <ExposurePage />;
    case '/impact':
      return <ImpactPage />;
    case '/portfolio':
      return <PortfolioPage />;
    case '/violations':
      return <ViolationsPage />;
    case '/audit':
      return <AuditPage />;
    case '/sign-in':
      return <SignInPage />;
    default:
      return (
        <div className="error-panel" role="alert">
          <h1>No such page</h1>
          <p>
            There is no page at <code>{path}</code>. <Link to="/search">Search the catalog</Link>.
          </p>
        </div>
      );
  }
}

function Shell() {
  const { path } = useLocation();
  const signedIn = readToken() !== null;
  // Every page needs a token; come back here after signing in.
  if (!signedIn && path !== '/sign-in') return <Redirect to={href('/sign-in', { next: window.location.pathname + window.location.search })} />;
  const signOut = () => {
    forgetToken();
    navigate('/sign-in');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header no-print">
        <Link to="/search" className="brand">
          Pedigree
        </Link>
        {signedIn ? (
          <nav aria-label="Pages">
            <ul>
              {ROUTES.filter((r) => r.nav).map((r) => (
                <li key={r.path}>
                  <Link to={r.path} aria-current={path === r.path || (path === '/' && r.path === '/search') ? 'page' : undefined}>
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {signedIn ? (
          <button type="button" className="sign-out" onClick={signOut}>
            Sign out
          </button>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        <CrashBoundary key={path}>
          <Page path={path} />
        </CrashBoundary>
      </main>
    </>
  );
}

/** A bug in a page shows a message and the way back, not a blank screen. */
class CrashBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Page failed', error, info.componentStack);
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-panel" role="alert">
        <h1>This page failed</h1>
        <p>The app hit an error it did not expect: {this.state.error.message}</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>{' '}
          <Link to="/search">Back to search</Link>
        </p>
      </div>
    );
  }
}

export function App() {
  return (
    <RouterProvider>
      <Shell />
    </RouterProvider>
  );
}
