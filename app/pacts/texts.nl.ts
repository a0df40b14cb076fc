// The pact's own frame: its header and navigation (namespace `pact.*`).
export const pactNl = {
  header: {
    label: 'Over dit pact',
    status: 'Status',
    party: 'Uw partij',
    access: 'Uw toegang',
    text: 'Tekst',
  },
  suggestionsOnly: {
    title: 'Alleen voorstellen',
    explanation:
      'Staat deze stand aan, dan wordt elke wijziging van de tekst een voorstel, door wie dan ook. Redacteuren en beheerders typen en wissen dan als voorstel, net als commentatoren, en nemen voorstellen aan of wijzen ze af; zo ziet iedereen wat er verandert, bijvoorbeeld terwijl het pact ter ondertekening ligt. Resultaatgebieden, budgetten en risicodeling kunnen geen voorstel zijn: die liggen vast zolang deze stand aan staat. Wie de tekst nu open heeft, volgt de nieuwe stand meteen.',
    isOn: 'De stand staat nu aan: elke wijziging van de tekst is een voorstel.',
    isOff: 'De stand staat nu uit: redacteuren en beheerders wijzigen de tekst rechtstreeks.',
    switchOn: 'Alleen voorstellen aanzetten',
    switchOff: 'Alleen voorstellen uitzetten',
    switchedOn: 'Alleen voorstellen staat aan. Elke wijziging van de tekst is nu een voorstel.',
    switchedOff: 'Alleen voorstellen staat uit. Redacteuren en beheerders wijzigen de tekst weer rechtstreeks.',
    header: 'Alleen voorstellen: elke wijziging wordt een voorstel',
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
