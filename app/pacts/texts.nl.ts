// The pact's own frame: its header and navigation (namespace `pact.*`).
export const pactNl = {
  header: {
    label: 'Over dit pact',
    status: 'Status',
    party: 'Uw partij',
    access: 'Uw toegang',
  },
  standing: {
    inForce: 'Versie {{version}} is van kracht.',
    amendingConcept: 'Versie {{inForce}} is van kracht; versie {{draft}} is in concept.',
    amendingForSignature: 'Versie {{inForce}} is van kracht; versie {{draft}} ligt ter ondertekening.',
    amendmentStatus: 'Wijziging: {{status}}',
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
