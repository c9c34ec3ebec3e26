// What the browser test loads into Chromium: the fixture checks, bundled with the package itself.
export { runFixtureChecks } from './fixture-checks.ts';
