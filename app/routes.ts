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
  route('pacts/:pactId', 'routes/pact-overview.tsx'),
  route('pacts/:pactId/instellingen', 'routes/pact-settings.tsx'),
  route('pacts/:pactId/document', 'routes/pact-document.tsx'),
  route('pacts/:pactId/leesversie', 'routes/pact-read.tsx'),
] satisfies RouteConfig
