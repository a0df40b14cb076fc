// Why someone cannot change what a page shows: one text per reason of write-policy.ts (namespace `readOnly.*`).
export const readOnlyNl = {
  reasons: {
    'no-access': 'U bent geen deelnemer (meer) van dit pact. U kunt hier niets wijzigen.',
    'read-only-access':
      'U kunt dit lezen, maar niet wijzigen: u heeft in dit pact de rol {{access}}. Wijzigen kunnen redacteuren en beheerders; vraag de beheerder van uw partij om een andere rol.',
    'pact-signed':
      'Dit pact is getekend: de tekst, de resultaatgebieden, de budgetten en de risicodeling liggen vast, en over de artikelen wordt niet meer beslist. Om iets te veranderen start een beheerder een wijziging op de pagina Akkoord.',
    'suggestions-only':
      'Dit pact staat op "Alleen voorstellen": elke wijziging van de tekst wordt een voorstel dat iedereen ziet. De resultaatgebieden, budgetten en risicodeling kunnen geen voorstel zijn en liggen daarom vast zolang deze stand aan staat; een beheerder zet haar uit bij Instellingen.',
  },
  startAmendment: 'Naar Akkoord, om een wijziging te starten',
  toSettings: 'Naar Instellingen, om "Alleen voorstellen" uit te zetten',
}
