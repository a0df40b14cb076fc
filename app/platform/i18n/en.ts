import { areasEn } from '#app/pact-model/texts.en.ts'
import { editorEn } from '#app/document/texts.en.ts'
import { modelEn } from '#app/pact-model/validation-texts.en.ts'
import { pactEn } from '#app/pacts/texts.en.ts'
import { readOnlyEn } from '#app/access/texts.en.ts'
import { signoffEn } from '#app/sign-off/texts.en.ts'
import { trackingEn } from '#app/tracking/texts.en.ts'
import { settlementEn } from '#app/settlement/texts.en.ts'
import type { Translations } from './nl.ts'

export const en = {
  layout: {
    skipToContent: 'Skip to content',
    mainNav: 'Main menu',
    footer: 'Pactwerk — draft, sign and track a Pact for Transformation together.',
  },
  nav: {
    myPacts: 'My pacts',
    organisations: 'Organisations',
    signedInAs: 'Signed in as {{name}}',
    signOut: 'Sign out',
    signIn: 'Sign in',
    signUp: 'Create account',
    language: 'Language',
  },
  common: { yes: 'Yes', no: 'No' },
  home: {
    title: 'Working together on a Pact for Transformation',
    lead: 'Municipality, providers and residents write their pact here together: result areas, budgets and risk-sharing agreements. Then every party signs, and together you follow whether the agreements are kept.',
    steps: {
      draft: { title: 'Write together', body: 'Work on one text at the same time, with result areas and budgets as real data.' },
      signOff: {
        title: 'Approve clause by clause',
        body: 'Every party approves exactly the text and the amounts that are there.',
      },
      track: {
        title: 'Track the agreements',
        body: 'After signing, record what has been achieved and what risk sharing means in euros.',
      },
    },
    createAccount: 'Create account',
  },
  fields: {
    name: 'Name',
    email: 'E-mail address',
    password: 'Password',
    organisationName: 'Organisation name',
    organisationKind: 'Kind of organisation',
    choose: 'Choose',
    pactTitle: 'Pact title',
    region: 'Municipality or region',
    period: 'Period',
    startYear: 'From (year)',
    endYear: 'To (year, inclusive)',
    ownOrganisation: 'Your organisation (first party at the table)',
    party: 'Party',
    access: 'Access',
    isSignatory: 'This party signs the pact',
  },
  signUp: {
    title: 'Create account',
    intro: 'With an account you can draft pacts or join one by invitation.',
    passwordHint: 'At least 12 characters. A sentence of a few words works well.',
    submit: 'Create account',
    haveAccount: 'Already have an account?',
  },
  signIn: {
    title: 'Sign in',
    submit: 'Sign in',
    noAccount: 'No account yet?',
    signedOut: 'You have signed out.',
    signedUp:
      'If this e-mail address had no account yet, it has been created now. Sign in with your e-mail address and the password you chose.',
  },
  organisations: {
    title: 'Organisations',
    none: 'You are not a member of any organisation yet. Create one below, or ask a colleague for an invitation.',
    created: 'Organisation “{{name}}” has been created.',
    new: 'New organisation',
    create: 'Create organisation',
    invite: 'Create an invitation link for a colleague',
    roles: { beheerder: 'manager', lid: 'member' },
  },
  organisationKinds: {
    gemeente: 'Municipality',
    aanbieder: 'Provider',
    inwoners: 'Residents / advisory council',
    zorgverzekeraar: 'Health insurer',
    woningcorporatie: 'Housing association',
    onderwijs: 'Education',
    overig: 'Other',
  },
  pactStatus: { concept: 'Draft', 'ter-ondertekening': 'For signature', getekend: 'Signed', actief: 'Active' },
  access: { beheerder: 'Manager', redacteur: 'Editor', commentator: 'Commenter', lezer: 'Reader' },
  accessHelp: {
    beheerder: 'manages the pact, parties and access',
    redacteur: 'writes along',
    commentator: 'reads and comments',
    lezer: 'reads along',
  },
  pacts: {
    title: 'My pacts',
    new: 'New pact',
    none: 'You are not part of any pact yet. Start one, or open the invitation link you received.',
    period: '{{from}}–{{to}}',
  },
  pactNew: {
    title: 'New pact',
    intro: 'Give the pact a title and a period. Then invite the other parties.',
    regionHint: 'For example “Gemeente Zuiderveen” or “Regio Westkust”.',
    needOrganisation: 'To start a pact you belong to an organisation: it becomes the first party at the table.',
    toOrganisations: 'To organisations',
    submit: 'Create pact',
  },
  overview: {
    parties: 'Parties at the table',
    signing: 'Signs',
    people: 'Participants',
    party: 'Party',
    access: 'Access',
  },
  settings: {
    title: 'Settings',
    invite: 'Invite someone',
    inviteIntro: 'Create a link for one person. It works once and is valid for 7 days.',
    createLink: 'Create invitation link',
    addParty: 'Add party',
    addPartySubmit: 'Add party',
    partyAdded: 'The party has been added.',
    people: 'Participants and access',
    accessFor: 'Access for {{name}}',
    accessChanged: 'Access has been changed.',
    save: 'Save',
  },
  invitations: {
    title: 'Invitation',
    linkLabel: 'Invitation link',
    linkHint: 'Send this link to one person. It works once and is valid for 7 days.',
    copy: 'Copy link',
    copied: 'The link has been copied.',
    forPact: 'You have been invited to the pact “{{pact}}” on behalf of {{organisation}}, as {{access}}.',
    forOrganisation: 'You have been invited to join {{organisation}}.',
    accept: 'Accept invitation',
    signInFirst: 'Create an account or sign in first; then accept the invitation.',
    status: {
      unknown: 'This invitation does not exist. Check the link or ask for a new one.',
      used: 'This invitation has already been used. Ask the manager for a new link.',
      expired: 'This invitation has expired (a link is valid for 7 days). Ask the manager for a new link.',
    },
  },
  errors: {
    tooLong: 'This text is too long.',
    name: { required: 'Enter a name.' },
    email: {
      required: 'Enter your e-mail address.',
      invalid: 'Enter a valid e-mail address, such as name@organisation.nl.',
    },
    password: {
      required: 'Enter a password.',
      tooShort: 'Choose a password of at least 12 characters.',
      tooLong: 'This password is too long (at most 256 characters).',
    },
    signIn: {
      invalid: 'The e-mail address or password is incorrect.',
      tooManyAttempts:
        'Too many failed sign-in attempts. Wait a moment and try again; every further failed attempt makes the wait longer.',
    },
    title: { required: 'Enter a title.' },
    region: { required: 'Enter the municipality or region.' },
    year: { required: 'Enter a year.', invalid: 'Enter a year between 2000 and 2100.' },
    period: { endBeforeStart: 'The end year is before the start year.', tooLong: 'A pact runs for at most 12 years.' },
    organisation: { required: 'Choose your organisation.' },
    kind: { required: 'Choose the kind of organisation.' },
    party: { required: 'Choose a party.' },
    access: { required: 'Choose an access level.' },
    member: {
      notFound: 'This person is not a participant of this pact.',
      lastManager: 'A pact needs at least one manager. Make someone else manager first.',
    },
    page: {
      backHome: 'To my pacts',
      notFound: { title: 'Page not found', body: 'This page does not exist, or you have no access to it.' },
      refused: { title: 'Not allowed', body: 'This cannot be done. Check what you entered or ask the pact’s manager.' },
      forbidden: { title: 'No access', body: 'You do not have the rights to do this. Ask the pact’s manager.' },
      serverError: {
        title: 'Something went wrong',
        body: 'Something went wrong on our side. Your work is not lost. Please try again in a minute.',
      },
    },
  },
  editor: editorEn,
  model: modelEn,
  areas: areasEn,
  signoff: signoffEn,
  pact: pactEn,
  readOnly: readOnlyEn,
  tracking: trackingEn,
  settlement: settlementEn,
} satisfies Translations
