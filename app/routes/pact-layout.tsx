import { Outlet, useLoaderData, useRouteLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { pactNavigation } from '#app/pacts/pact-pages.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { isDocumentEditable, pactStanding } from '#app/pacts/lifecycle.ts'
import { latestVersionNumber } from '#app/sign-off/sign-off.server.ts'
import { PactHeader } from '#app/pacts/ui/pact-header.tsx'
import { ErrorPage } from '#app/platform/ui/error-page.tsx'
import type { Route } from './+types/pact-layout'

/**
 * The frame of every pact page: the header and the pact navigation, loaded once. Each page
 * below still checks its own permission in its own loader and action; this check only decides
 * whether there is a pact to frame.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties, latestVersion] = await Promise.all([
    getPact(params.pactId),
    listParties(params.pactId),
    latestVersionNumber(params.pactId),
  ])
  return {
    pact: {
      id: pact.id,
      title: pact.title,
      region: pact.region,
      startYear: pact.start_year,
      endYear: pact.end_year,
    },
    standing: pactStanding(pact.status, latestVersion),
    // Only while the text can change at all; a signed pact is frozen whatever the mode.
    suggestionsOnly: pact.suggestions_only === 1 && isDocumentEditable(pact.status),
    partyName: parties.find((party) => party.id === membership.partyId)?.name ?? '',
    access: membership.access,
    navigation: pactNavigation(pact.id, membership.access),
  }
}

export default function PactLayout() {
  const header = useLoaderData<typeof loader>()
  return (
    <>
      <PactHeader {...header} />
      <Outlet />
    </>
  )
}

/** A page of the pact that refused or failed keeps the pact's frame, so the reader can go on from there. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const header = useRouteLoaderData<typeof loader>('routes/pact-layout')
  return (
    <>
      {header ? <PactHeader {...header} /> : null}
      <ErrorPage error={error} />
    </>
  )
}
