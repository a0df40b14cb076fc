// Why someone cannot change what a page shows: one text per reason of write-policy.ts (namespace `readOnly.*`).
export const readOnlyNl = {
  reasons: {
    'no-access': 'U bent geen deelnemer (meer) van dit pact. U kunt hier niets wijzigen.',
    'read-only-access':
      'U kunt dit lezen, maar niet wijzigen: u heeft in dit pact de rol {{access}}. Wijzigen kunnen redacteuren en beheerders; vraag de beheerder van uw partij om een andere rol.',
    'pact-signed':
      'Dit pact is getekend: de tekst, de resultaatgebieden, de budgetten en de risicodeling liggen vast, en over de artikelen wordt niet meer beslist. Om iets te veranderen start een beheerder een wijziging op de pagina Akkoord.',
  },
  startAmendment: 'Naar Akkoord, om een wijziging te starten',
}
