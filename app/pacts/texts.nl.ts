// The pact's own frame: its header and navigation (namespace `pact.*`).
export const pactNl = {
  header: {
    label: 'Over dit pact',
    status: 'Status',
    party: 'Uw partij',
    access: 'Uw toegang',
  },
  nav: {
    label: 'Pact',
    overview: 'Overzicht',
    document: 'Tekst',
    areas: 'Resultaatgebieden en budgetten',
    signOff: 'Akkoord',
    versions: 'Versies',
    progress: 'Voortgang',
    settlement: 'Afrekening en fonds',
    audit: 'Logboek',
    settings: 'Instellingen',
  },
}
