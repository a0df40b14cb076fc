import { areasNl } from '#app/pact-model/texts.nl.ts'
import { editorNl } from '#app/document/texts.nl.ts'
import { modelNl } from '#app/pact-model/validation-texts.nl.ts'
import { pactNl } from '#app/pacts/texts.nl.ts'
import { readOnlyNl } from '#app/access/texts.nl.ts'
import { signoffNl } from '#app/sign-off/texts.nl.ts'
import { trackingNl } from '#app/tracking/texts.nl.ts'
import { settlementNl } from '#app/settlement/texts.nl.ts'

/** Dutch, the default language. English (en.ts) must have the same keys. */
export const nl = {
  layout: {
    skipToContent: 'Direct naar de inhoud',
    mainNav: 'Hoofdmenu',
    footer: 'Pactwerk — samen een Pact voor de Transformatie opstellen, ondertekenen en volgen.',
  },
  nav: {
    myPacts: 'Mijn pacten',
    organisations: 'Organisaties',
    signedInAs: 'Ingelogd als {{name}}',
    signOut: 'Uitloggen',
    signIn: 'Inloggen',
    signUp: 'Account aanmaken',
    language: 'Taal',
  },
  common: { yes: 'Ja', no: 'Nee' },
  home: {
    title: 'Samen werken aan een Pact voor de Transformatie',
    lead: 'Gemeente, aanbieders en inwoners schrijven hier samen hun pact: resultaatgebieden, budgetten en afspraken over risicodeling. Daarna tekent iedere partij, en volgt u samen of de afspraken worden waargemaakt.',
    steps: {
      draft: {
        title: 'Samen schrijven',
        body: 'Werk tegelijk aan één tekst, met resultaatgebieden en budgetten als echte gegevens.',
      },
      signOff: {
        title: 'Artikel voor artikel akkoord',
        body: 'Iedere partij geeft akkoord op precies de tekst en de bedragen die er staan.',
      },
      track: {
        title: 'Afspraken volgen',
        body: 'Houd na ondertekening bij wat er bereikt is en wat de risicodeling betekent in euro’s.',
      },
    },
    createAccount: 'Account aanmaken',
  },
  fields: {
    name: 'Naam',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    organisationName: 'Naam van de organisatie',
    organisationKind: 'Soort organisatie',
    choose: 'Maak een keuze',
    pactTitle: 'Titel van het pact',
    region: 'Gemeente of regio',
    period: 'Looptijd',
    startYear: 'Van (jaar)',
    endYear: 'Tot en met (jaar)',
    ownOrganisation: 'Uw organisatie (eerste partij aan tafel)',
    party: 'Partij',
    access: 'Toegang',
    isSignatory: 'Deze partij ondertekent het pact',
  },
  signUp: {
    title: 'Account aanmaken',
    intro: 'Met een account kunt u pacten opstellen of meedoen op uitnodiging.',
    passwordHint: 'Minimaal 12 tekens. Een zin van een paar woorden werkt goed.',
    submit: 'Account aanmaken',
    haveAccount: 'Heeft u al een account?',
  },
  signIn: {
    title: 'Inloggen',
    submit: 'Inloggen',
    noAccount: 'Nog geen account?',
    signedOut: 'U bent uitgelogd.',
    signedUp:
      'Als dit e-mailadres nog geen account had, is het nu aangemaakt. Log in met uw e-mailadres en het wachtwoord dat u koos.',
  },
  organisations: {
    title: 'Organisaties',
    none: 'U bent nog geen lid van een organisatie. Maak er hieronder een aan, of vraag een collega om een uitnodiging.',
    created: 'Organisatie “{{name}}” is aangemaakt.',
    new: 'Nieuwe organisatie',
    create: 'Organisatie aanmaken',
    invite: 'Uitnodigingslink voor een collega maken',
    roles: { beheerder: 'beheerder', lid: 'lid' },
  },
  organisationKinds: {
    gemeente: 'Gemeente',
    aanbieder: 'Aanbieder',
    inwoners: 'Inwoners / adviesraad',
    zorgverzekeraar: 'Zorgverzekeraar',
    woningcorporatie: 'Woningcorporatie',
    onderwijs: 'Onderwijs',
    overig: 'Overig',
  },
  pactStatus: {
    concept: 'Concept',
    'ter-ondertekening': 'Ter ondertekening',
    getekend: 'Getekend',
    actief: 'Actief',
  },
  access: { beheerder: 'Beheerder', redacteur: 'Redacteur', commentator: 'Commentator', lezer: 'Lezer' },
  accessHelp: {
    beheerder: 'beheert het pact, partijen en toegang',
    redacteur: 'schrijft mee',
    commentator: 'leest en geeft commentaar',
    lezer: 'leest mee',
  },
  pacts: {
    title: 'Mijn pacten',
    new: 'Nieuw pact',
    none: 'U doet nog niet mee aan een pact. Start er een, of open de uitnodigingslink die u kreeg.',
    period: '{{from}}–{{to}}',
  },
  pactNew: {
    title: 'Nieuw pact',
    intro: 'Geef het pact een titel en looptijd. Daarna nodigt u de andere partijen uit.',
    regionHint: 'Bijvoorbeeld “Gemeente Zuiderveen” of “Regio Westkust”.',
    needOrganisation: 'Om een pact te starten hoort u bij een organisatie: die wordt de eerste partij aan tafel.',
    toOrganisations: 'Naar organisaties',
    submit: 'Pact aanmaken',
  },
  overview: {
    parties: 'Partijen aan tafel',
    signing: 'Ondertekent',
    people: 'Deelnemers',
    party: 'Partij',
    access: 'Toegang',
  },
  settings: {
    title: 'Instellingen',
    invite: 'Iemand uitnodigen',
    inviteIntro: 'Maak een link voor één persoon. De link werkt één keer en is 7 dagen geldig.',
    createLink: 'Uitnodigingslink maken',
    addParty: 'Partij toevoegen',
    addPartySubmit: 'Partij toevoegen',
    partyAdded: 'De partij is toegevoegd.',
    people: 'Deelnemers en toegang',
    accessFor: 'Toegang voor {{name}}',
    accessChanged: 'De toegang is aangepast.',
    save: 'Opslaan',
  },
  invitations: {
    title: 'Uitnodiging',
    linkLabel: 'Uitnodigingslink',
    linkHint: 'Stuur deze link naar één persoon. Hij werkt één keer en is 7 dagen geldig.',
    copy: 'Link kopiëren',
    copied: 'De link is gekopieerd.',
    forPact: 'U bent uitgenodigd voor het pact “{{pact}}” namens {{organisation}}, als {{access}}.',
    forOrganisation: 'U bent uitgenodigd om lid te worden van {{organisation}}.',
    accept: 'Uitnodiging aannemen',
    signInFirst: 'Maak eerst een account aan of log in; daarna neemt u de uitnodiging aan.',
    status: {
      unknown: 'Deze uitnodiging bestaat niet. Controleer de link of vraag om een nieuwe.',
      used: 'Deze uitnodiging is al gebruikt. Vraag de beheerder om een nieuwe link.',
      expired: 'Deze uitnodiging is verlopen (een link is 7 dagen geldig). Vraag de beheerder om een nieuwe link.',
    },
  },
  errors: {
    tooLong: 'Deze tekst is te lang.',
    name: { required: 'Vul een naam in.' },
    email: {
      required: 'Vul uw e-mailadres in.',
      invalid: 'Vul een geldig e-mailadres in, zoals naam@organisatie.nl.',
    },
    password: {
      required: 'Vul een wachtwoord in.',
      tooShort: 'Kies een wachtwoord van minimaal 12 tekens.',
      tooLong: 'Dit wachtwoord is te lang (maximaal 256 tekens).',
    },
    signIn: {
      invalid: 'Het e-mailadres of het wachtwoord klopt niet.',
      tooManyAttempts:
        'Te veel mislukte pogingen om in te loggen. Wacht even en probeer het dan opnieuw; na elke nieuwe mislukte poging duurt het wachten langer.',
    },
    title: { required: 'Vul een titel in.' },
    region: { required: 'Vul de gemeente of regio in.' },
    year: { required: 'Vul een jaartal in.', invalid: 'Vul een jaartal in tussen 2000 en 2100.' },
    period: {
      endBeforeStart: 'Het eindjaar ligt vóór het beginjaar.',
      tooLong: 'Een pact loopt hoogstens 12 jaar.',
    },
    organisation: { required: 'Kies uw organisatie.' },
    kind: { required: 'Kies de soort organisatie.' },
    party: { required: 'Kies een partij.' },
    access: { required: 'Kies een toegangsniveau.' },
    member: {
      notFound: 'Deze persoon is geen deelnemer van dit pact.',
      lastManager: 'Een pact heeft minstens één beheerder nodig. Maak eerst iemand anders beheerder.',
    },
    page: {
      backHome: 'Naar mijn pacten',
      notFound: { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.' },
      refused: { title: 'Niet toegestaan', body: 'Dit kan niet. Controleer wat u invulde of vraag de beheerder van het pact.' },
      forbidden: { title: 'Geen toegang', body: 'U heeft niet de rechten om dit te doen. Vraag de beheerder van het pact.' },
      serverError: {
        title: 'Er ging iets mis',
        body: 'Er ging aan onze kant iets mis. Uw werk is niet verloren. Probeer het over een minuut opnieuw.',
      },
    },
  },
  editor: editorNl,
  model: modelNl,
  areas: areasNl,
  signoff: signoffNl,
  pact: pactNl,
  readOnly: readOnlyNl,
  tracking: trackingNl,
  settlement: settlementNl,
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
export type Translations = DeepStrings<typeof nl>
