import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('aanmelden', 'routes/sign-up.tsx'),
  route('inloggen', 'routes/sign-in.tsx'),
  route('uitloggen', 'routes/sign-out.tsx'),
  route('taal', 'routes/language.tsx'),
  route('uitnodiging/:token', 'routes/invitation.tsx'),
  route('organisaties', 'routes/organisations.tsx'),
  route('pacts', 'routes/pacts.tsx'),
  route('pacts/nieuw', 'routes/pact-new.tsx'),
  // Every pact page inside one frame (header and pact navigation); each page checks its own access.
  route('pacts/:pactId', 'routes/pact-layout.tsx', [
    index('routes/pact-overview.tsx'),
    route('instellingen', 'routes/pact-settings.tsx'),
    route('document', 'routes/pact-document.tsx'),
    route('leesversie', 'routes/pact-read.tsx'),
    route('resultaatgebieden', 'routes/pact-areas.tsx'),
    route('akkoord', 'routes/pact-sign-off.tsx'),
    route('artikelen/:clauseId', 'routes/pact-clause.tsx'),
    route('versies', 'routes/pact-versions.tsx'),
    route('versies/:number', 'routes/pact-version.tsx'),
    route('vergelijken', 'routes/pact-compare.tsx'),
    route('logboek', 'routes/pact-audit.tsx'),
    route('voortgang', 'routes/pact-progress.tsx'),
    route('voortgang/rapporteren', 'routes/pact-progress-report.tsx'),
    route('voortgang/import', 'routes/pact-progress-import.tsx'),
    route('voortgang/:areaId', 'routes/pact-progress-area.tsx'),
  ]),
  // Not pages (an event stream, downloads): outside the frame, each with its own access check.
  route('pacts/:pactId/events', 'routes/pact-events.tsx'),
  route('pacts/:pactId/versies/:number/:format', 'routes/pact-version-export.tsx'),
  route('pacts/:pactId/logboek.csv', 'routes/pact-audit-csv.tsx'),
  route('pacts/:pactId/voortgang/export.csv', 'routes/pact-progress-export.tsx'),
  route('pacts/:pactId/voortgang/sjabloon.csv', 'routes/pact-progress-template.tsx'),
] satisfies RouteConfig
