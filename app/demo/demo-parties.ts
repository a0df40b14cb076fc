import type { AccessLevel } from '#app/access/access.ts'
import type { OrganisationKind } from '#app/organisations/organisation.ts'
import type { DemoPactParties } from './demo-pact-model.ts'

/**
 * Who sits at the demo's table: the organisations, their roles in the demo's model and one person
 * each. Data only, so the seed and the document the collaboration server creates both read it.
 */
export interface DemoParty {
  /** Its place in the demo's model (budgets, responsibilities): the seeded document finds it by this. */
  role: keyof DemoPactParties
  organisation: string
  kind: OrganisationKind
  signs: boolean
  person: { name: string; email: string; access: AccessLevel }
}

export const DEMO_PARTIES: DemoParty[] = [
  {
    role: 'gemeente',
    organisation: 'Gemeente Zuiderveen',
    kind: 'gemeente',
    signs: true,
    person: { name: 'Anouk de Vries', email: 'anouk@zuiderveen.example', access: 'beheerder' },
  },
  {
    role: 'welzijn',
    organisation: 'Stichting Welzijn Zuiderveen',
    kind: 'aanbieder',
    signs: true,
    person: { name: 'Karim El Amrani', email: 'karim@welzijnzuiderveen.example', access: 'redacteur' },
  },
  {
    role: 'jeugdhulp',
    organisation: 'Jeugdhulp De Brug',
    kind: 'aanbieder',
    signs: true,
    person: { name: 'Marieke Jansen', email: 'marieke@debrug.example', access: 'redacteur' },
  },
  {
    role: 'adviesraad',
    organisation: 'Adviesraad Sociaal Domein Zuiderveen',
    kind: 'inwoners',
    signs: false,
    person: { name: 'Henk Bosman', email: 'henk@adviesraad-zuiderveen.example', access: 'commentator' },
  },
]
