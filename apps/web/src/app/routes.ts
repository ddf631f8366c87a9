// Every page of the app, for the navigation and the router. The registry serves index.html at
// each of these paths (WEB_APP_PAGES); test/web-app.e2e-spec.ts opens each one.
export interface PageRoute {
  path: string;
  title: string;
  /** Shown in the navigation; the model and lineage pages are reached from search results. */
  nav: boolean;
}

export const ROUTES: readonly PageRoute[] = [
  { path: '/search', title: 'Search', nav: true },
  { path: '/model', title: 'Model', nav: false },
  { path: '/lineage', title: 'Lineage', nav: true },
  { path: '/exposure', title: 'Exposure report', nav: true },
  { path: '/impact', title: 'Impact', nav: true },
  { path: '/portfolio', title: 'Portfolio', nav: true },
  { path: '/violations', title: 'Violations and waivers', nav: true },
  { path: '/audit', title: 'Audit trail', nav: true },
  { path: '/sign-in', title: 'Sign in', nav: false },
];
